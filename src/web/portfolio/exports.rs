//! `GET /reports.csv?period=YYYY-MM`.

use actix_web::{HttpResponse, web};

use super::csv_file;
use crate::db::{portfolio, settings};
use crate::domain::policy::Action;
use crate::domain::status_report::Period;
use crate::error::AppError;
use crate::views::csv::Excel;
use crate::views::portfolio::exports;
use crate::web::context::Auth;
use crate::web::{AppState, today};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct PeriodQuery {
    period: String,
    excel: String,
}

/// Every project's report of the period (its newest submitted version); a period that is not
/// `YYYY-MM` is a bad request.
pub async fn reports(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let period = Period::parse(&query.period).map_err(|_| AppError::BadRequest)?;
    let (reporting, rows) = state
        .db
        .run(move |conn| {
            Ok((
                settings::reporting(conn)?,
                portfolio::reports_of_period(conn, period)?,
            ))
        })
        .await?;
    csv_file(
        &format!("reports-{period}.csv"),
        exports::reports(
            &auth.ctx,
            Excel::parse(&query.excel),
            reporting.due_day,
            today(),
            &rows,
        ),
    )
}

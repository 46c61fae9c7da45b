//! `GET /decisions` and `GET /decisions.csv`: the log, filtered and searched.

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{csv_response, viewer};
use crate::db::decision_log;
use crate::domain::decision_log::{LogQuery, filter_of, may_record_delegated};
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::views::csv::Excel;
use crate::views::decisions::{csv as csv_view, list as view};
use crate::web::AppState;
use crate::web::context::Auth;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CsvQuery {
    #[serde(flatten)]
    pub log: LogQuery,
    pub excel: String,
}

pub async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<LogQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let viewer = viewer(&auth.user);
    let filter = filter_of(&query);
    let (filter, page, projects) = state
        .db
        .run(move |conn| {
            let page = decision_log::page(conn, &filter, viewer.today, viewer.confidential_text)?;
            let projects = decision_log::project_choices(conn)?;
            Ok((filter, page, projects))
        })
        .await?;
    Ok(view::list(
        &auth.ctx,
        &view::LogView {
            filter: &filter,
            page: &page,
            projects: &projects,
            viewer,
            may_record: may_record_delegated(auth.user.role),
        },
    ))
}

pub async fn csv(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let viewer = viewer(&auth.user);
    let filter = filter_of(&query.log);
    let rows = state
        .db
        .run(move |conn| {
            Ok(decision_log::all(
                conn,
                &filter,
                viewer.today,
                viewer.confidential_text,
            )?)
        })
        .await?;
    let body = csv_view::log(&auth.ctx, viewer, Excel::parse(&query.excel), &rows)
        .map_err(AppError::internal)?;
    Ok(csv_response("beslutslogg.csv", body))
}

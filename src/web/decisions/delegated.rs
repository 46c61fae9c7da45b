//! `GET /decisions/delegated` and `GET /decisions/delegated.csv`: the decisions made under
//! delegation in a period, as reported to the board. A malformed date, or a start after the end,
//! is shown beside its field with status 422.

use actix_web::{HttpResponse, web};

use super::{csv_response, viewer};
use crate::db::decision_log;
use crate::domain::decision_log::{Range, parse_range};
use crate::domain::policy::Action;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::views::csv::Excel;
use crate::views::decisions::delegated::{DelegatedView, page_of};
use crate::views::decisions::{Viewer, csv as csv_view};
use crate::web::AppState;
use crate::web::context::Auth;
use crate::web::forms::invalid;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RangeQuery {
    pub from: String,
    pub to: String,
    pub excel: String,
}

fn html(body: maud::Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body.into_string())
}

/// The page with the range as typed and its errors: 422.
fn refused(auth: &Auth, query: &RangeQuery, viewer: Viewer, errors: &FieldErrors) -> HttpResponse {
    invalid(page_of(
        &auth.ctx,
        &DelegatedView {
            from: &query.from,
            to: &query.to,
            errors,
            rows: &[],
            viewer,
        },
    ))
}

async fn rows(state: &AppState, range: Range) -> Result<Vec<decision_log::Listed>, AppError> {
    state
        .db
        .run(move |conn| Ok(decision_log::delegated(conn, range)?))
        .await
}

pub async fn page(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let viewer = viewer(&auth.user);
    let range = match parse_range(&query.from, &query.to, viewer.today) {
        Ok(range) => range,
        Err(errors) => return Ok(refused(&auth, &query, viewer, &errors)),
    };
    let rows = rows(&state, range).await?;
    let (from, to) = (range.from.to_string(), range.to.to_string());
    Ok(html(page_of(
        &auth.ctx,
        &DelegatedView {
            from: &from,
            to: &to,
            errors: &FieldErrors::new(),
            rows: &rows,
            viewer,
        },
    )))
}

pub async fn csv(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let viewer = viewer(&auth.user);
    let range = match parse_range(&query.from, &query.to, viewer.today) {
        Ok(range) => range,
        Err(errors) => return Ok(refused(&auth, &query, viewer, &errors)),
    };
    let rows = rows(&state, range).await?;
    let body = csv_view::log(&auth.ctx, viewer, Excel::parse(&query.excel), &rows)
        .map_err(AppError::internal)?;
    Ok(csv_response(
        &format!("delegationsbeslut-{}-{}.csv", range.from, range.to),
        body,
    ))
}

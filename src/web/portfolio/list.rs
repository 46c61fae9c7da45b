//! `GET /portfolio` and `GET /portfolio.csv`: the active projects, filtered and sorted.

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{PortfolioQuery, Reach, csv_file, shown};
use crate::db::units;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::views::portfolio::{exports, table};
use crate::web::context::Auth;
use crate::web::{AppState, today};

pub async fn page(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<PortfolioQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let statuses = state.statuses(today(), Reach::Recent).await?;
    let (units, boards) = state
        .db
        .run(move |conn| Ok((units::units(conn)?, units::boards(conn)?)))
        .await?;
    let all = &statuses.all;
    let mut leads: Vec<(i64, String)> = all
        .iter()
        .filter_map(|s| s.project.lead_id.zip(s.project.lead_name.clone()))
        .collect();
    leads.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    leads.dedup();
    let (filter, sort) = (query.filter(), query.sort());
    let rows = shown(all, &filter, sort);
    let choices = table::Choices {
        units: &units,
        boards: &boards,
        leads: &leads,
    };
    Ok(table::page_markup(
        &auth.ctx, &filter, sort, &choices, &rows,
    ))
}

pub async fn csv(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<PortfolioQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let statuses = state.statuses(today(), Reach::Recent).await?;
    let rows = shown(&statuses.all, &query.filter(), query.sort());
    csv_file(
        "portfolio.csv",
        exports::portfolio(&auth.ctx, query.excel(), &rows),
    )
}

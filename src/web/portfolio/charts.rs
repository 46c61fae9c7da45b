//! `GET /portfolio/heatmap` and `GET /portfolio/budget`.

use actix_web::web;
use maud::Markup;

use super::{HEATMAP_PERIODS, PortfolioQuery, Reach, shown};
use crate::domain::policy::Action;
use crate::domain::portfolio::status::budget_by_unit_and_board;
use crate::error::AppError;
use crate::views::portfolio::charts;
use crate::web::context::Auth;
use crate::web::{AppState, today};

/// Every active project's overall light over the twelve periods that end with the last one due;
/// the portfolio's filters apply.
pub async fn heatmap(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<PortfolioQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let statuses = state.statuses(today(), Reach::Heatmap).await?;
    let all = &statuses.all;
    let periods = all
        .first()
        .map(|s| s.due_period.last(HEATMAP_PERIODS))
        .unwrap_or_default();
    let rows = shown(all, &query.filter(), query.sort());
    Ok(charts::heatmap(&auth.ctx, &periods, &rows))
}

pub async fn budget(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let statuses = state.statuses(today(), Reach::Recent).await?;
    let (units, boards) = budget_by_unit_and_board(&statuses.all);
    Ok(charts::budget(&auth.ctx, &units, &boards))
}

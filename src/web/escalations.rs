//! The portfolio's escalations (`/escalations`, and `/escalations.csv` for Excel): every
//! escalation of a submitted report, open or answered, for everyone logged in to read.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::escalations::{self, Filter, State};
use crate::domain::policy::Action;
use crate::domain::status_report::{EscalationKind, EscalationTo};
use crate::error::AppError;
use crate::views::csv::Excel;
use crate::views::escalations as view;
use crate::web::AppState;
use crate::web::context::Auth;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/escalations", web::get().to(list))
        .route("/escalations.csv", web::get().to(csv));
}

/// The filters as the query string gives them.
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct EscalationQuery {
    pub state: String,
    pub to: String,
    pub kind: String,
    pub project: String,
    pub excel: String,
}

/// The filter a query asks for. A value no form offers is ignored rather than refused (a bookmark
/// gone stale): an unknown state lists the open ones, an unknown addressee or kind lists all.
pub fn filter_of(query: &EscalationQuery) -> Filter {
    let state = match query.state.trim() {
        "answered" => State::Answered,
        "all" => State::All,
        _ => State::Open,
    };
    let project = query.project.trim().to_uppercase();
    Filter {
        state,
        to: EscalationTo::parse(&query.to).ok(),
        kind: EscalationKind::parse(&query.kind).ok(),
        project: (!project.is_empty()).then_some(project),
    }
}

async fn load(
    state: &AppState,
    filter: Filter,
) -> Result<(Filter, Vec<escalations::Listed>), AppError> {
    state
        .db
        .run(move |conn| {
            let rows = escalations::list(conn, &filter)?;
            Ok((filter, rows))
        })
        .await
}

async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<EscalationQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let (filter, rows) = load(&state, filter_of(&query)).await?;
    Ok(view::list(&auth.ctx, &filter, &rows))
}

async fn csv(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<EscalationQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let excel = Excel::parse(&query.excel);
    let (_, rows) = load(&state, filter_of(&query)).await?;
    let body = view::csv(&auth.ctx, excel, &rows).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"eskaleringar.csv\"",
        ))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(state: &str, to: &str, kind: &str, project: &str) -> EscalationQuery {
        EscalationQuery {
            state: state.into(),
            to: to.into(),
            kind: kind.into(),
            project: project.into(),
            excel: String::new(),
        }
    }

    #[test]
    fn the_open_ones_are_listed_unless_another_state_is_asked_for() {
        assert_eq!(filter_of(&EscalationQuery::default()), Filter::default());
        assert_eq!(
            filter_of(&query("answered", "", "", "")).state,
            State::Answered
        );
        assert_eq!(filter_of(&query("all", "", "", "")).state, State::All);
        assert_eq!(filter_of(&query("<script>", "", "", "")).state, State::Open);
    }

    #[test]
    fn filters_no_form_offers_are_ignored() {
        let filter = filter_of(&query("", "the_king", "'; drop", "   "));
        assert_eq!(filter, Filter::default());
        let filter = filter_of(&query("", "steering_group", "economic", " dig-2025-003 "));
        assert_eq!(filter.to, Some(EscalationTo::SteeringGroup));
        assert_eq!(filter.kind, Some(EscalationKind::Economic));
        assert_eq!(filter.project.as_deref(), Some("DIG-2025-003"));
    }
}

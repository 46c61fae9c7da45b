//! The roll-ups to the management group: `GET /rollups` (the list, and for the development manager
//! the form), `POST /rollups` (issue the roll-up of a period: computed once, frozen) and
//! `GET /rollups/{id}` (a roll-up as issued, at a URL a later meeting can cite).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::{DbConnection, rollups};
use crate::domain::policy::Action;
use crate::domain::portfolio::may_issue_rollup;
use crate::domain::portfolio::rollup::parse_period;
use crate::domain::portfolio::status::last_due_period;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::rollups::{self as view, IssueForm};
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, Outcome, invalid};
use crate::web::{AppState, path_id, today};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/rollups", web::get().to(list))
        .route("/rollups", web::post().to(issue))
        .route("/rollups/{id}", web::get().to(show));
}

async fn list(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let today = today();
    let (items, due_day) = state
        .db
        .run(|conn| {
            Ok((
                rollups::list(conn)?,
                crate::db::settings::reporting(conn)?.due_day,
            ))
        })
        .await?;
    let suggested = last_due_period(today, due_day).to_string();
    let errors = FieldErrors::new();
    let form = may_issue_rollup(auth.user.role).then_some(IssueForm {
        period: &suggested,
        errors: &errors,
    });
    Ok(view::list(&auth.ctx, &items, form))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RollupForm {
    period: String,
}

/// Computes the roll-up of the form's period from the data as it stands and stores it; the
/// list with the error beside the period when it is no period, in the future or issued already.
fn issue_in(
    conn: &mut DbConnection,
    raw: &str,
    user: (i64, &str),
) -> Result<Outcome<i64, Vec<rollups::RollupItem>>, AppError> {
    let today = today();
    let period = match parse_period(raw, today, rollups::issued_periods(conn)?) {
        Ok(period) => period,
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("period", key);
            return Ok(Outcome::Invalid(rollups::list(conn)?, errors));
        }
    };
    let content = rollups::compute(conn, period, today, user.1)?;
    Ok(Outcome::Saved(rollups::issue(conn, &content, user.0)?))
}

async fn issue(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<RollupForm>,
) -> Result<HttpResponse, AppError> {
    if !may_issue_rollup(auth.user.role) {
        return Err(AppError::Forbidden);
    }
    let typed = form.period.clone();
    let user = (auth.user.id, auth.user.display_name.clone());
    let outcome = state
        .db
        .write(move |conn| issue_in(conn, &form.period, (user.0, &user.1)))
        .await?;
    match outcome {
        Outcome::Saved(id) => Ok(see_other(&format!("/rollups/{id}"))),
        Outcome::Invalid(items, errors) => {
            let form = IssueForm {
                period: &typed,
                errors: &errors,
            };
            Ok(invalid(view::list(&auth.ctx, &items, Some(form))))
        }
        Outcome::Refused(..) | Outcome::Conflict(..) => {
            Err(AppError::internal("issuing a roll-up has no refusal"))
        }
    }
}

async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let content = state
        .db
        .run(move |conn| rollups::find(conn, id)?.ok_or(AppError::NotFound))
        .await?;
    Ok(view::show(&auth.ctx, &content))
}

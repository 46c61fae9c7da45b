//! A project's closing report (slutrapport).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::closing::{self, ClosingRow};
use crate::db::{DbConnection, users};
use crate::domain::closing::{ClosingForm, is_editable_in, parse};
use crate::domain::phase::check_open;
use crate::domain::policy::ProjectAction;
use crate::domain::project::parse_lock_version;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::closing::{self as view, ClosingPage};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome, SavedQuery, conflict, invalid};
use crate::web::project_access::{ProjectAccess, ProjectRoute};
use crate::web::today;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/closing-report", web::get().to(show))
        .route("/projects/{id}/closing-report", web::post().to(save));
}

struct ClosingData {
    access: ProjectAccess,
    report: Option<ClosingRow>,
    people: Vec<users::Person>,
}

fn load(conn: &mut DbConnection, id: i64, user: &CurrentUser) -> Result<ClosingData, AppError> {
    Ok(ClosingData {
        access: ProjectAccess::load(conn, id, user)?,
        report: closing::find(conn, id)?,
        people: users::people(conn)?,
    })
}

fn render(
    auth: &Auth,
    data: &ClosingData,
    form: &ClosingForm,
    errors: &FieldErrors,
    conflict: bool,
    saved: bool,
) -> Markup {
    let page = ClosingPage {
        project: &data.access.project,
        report: data.report.as_ref(),
        people: &data.people,
        may_write: data.access.may(ProjectAction::WriteClosingReport),
        editable: is_editable_in(data.access.project.project.phase()),
        saved,
    };
    view::page(&auth.ctx, &page, form, errors, conflict)
}

async fn show(route: ProjectRoute, query: web::Query<SavedQuery>) -> Result<Markup, AppError> {
    let auth = &route.auth;
    let data = route.read(load).await?;
    let form = data
        .report
        .as_ref()
        .map(|r| r.content().to_form(r.lock_version))
        .unwrap_or_default();
    Ok(render(
        auth,
        &data,
        &form,
        &FieldErrors::new(),
        false,
        !query.saved.is_empty(),
    ))
}

async fn save(
    route: ProjectRoute,
    CsrfForm(form): CsrfForm<ClosingForm>,
) -> Result<HttpResponse, AppError> {
    let (id, auth) = (route.id()?, &route.auth);
    let submitted = form.clone();
    let today = today();
    let saved = route
        .write(move |conn, id, user| {
            let data = load(conn, id, user)?;
            data.access.require(ProjectAction::WriteClosingReport)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(data, key));
            }
            if !is_editable_in(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(data, "closing-report-not-editable"));
            }
            let people: Vec<i64> = data.people.iter().map(|p| p.id).collect();
            let content = match parse(&form, &people, today) {
                Ok(content) => content,
                Err(errors) => return Ok(Outcome::Invalid(data, errors)),
            };
            let lock = i64::from(parse_lock_version(&form.lock_version));
            let report = data.report.clone();
            if closing::save(conn, id, report.as_ref(), lock, &content, user.id)?.is_none() {
                return Ok(Outcome::Conflict(data, None));
            }
            Ok(Outcome::Saved(()))
        })
        .await?;
    Ok(match saved {
        Outcome::Saved(()) => see_other(&format!("/projects/{id}/closing-report?saved=1")),
        Outcome::Invalid(data, errors) => {
            invalid(render(auth, &data, &submitted, &errors, false, false))
        }
        Outcome::Refused(data, key) => {
            let mut errors = FieldErrors::new();
            errors.add("outcome", key);
            invalid(render(auth, &data, &submitted, &errors, false, false))
        }
        Outcome::Conflict(data, _) => {
            // Keep the user's text, based on the version now stored, with the saved text beside it.
            let lock = data
                .report
                .as_ref()
                .map(|r| r.lock_version)
                .unwrap_or_default();
            let form = ClosingForm {
                lock_version: lock.to_string(),
                ..submitted
            };
            conflict(render(auth, &data, &form, &FieldErrors::new(), true, false))
        }
    })
}

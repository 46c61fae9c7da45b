//! Monthly status reports: a project's periods and starting a report, a draft saved and
//! submitted, the development manager's review, revisions with a reason, escalations added to a
//! draft and answered by a decision of the body they are addressed to.
//!
//! Every step is one transaction (`Db::write`) that loads the project and the version, asks the
//! policy (`report_workflow::step_action`) and the workflow (`report_workflow::check_step`), and
//! answers with an `Outcome`: a redirect, or the version's page again (422 for bad input or a rule
//! of the model, 409 when the version moved on).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::reports::{self, ReportRow};
use crate::db::{DbConnection, users};
use crate::domain::document::Status;
use crate::domain::policy::ProjectAction;
use crate::domain::report_workflow::{self, ReportStep, VersionFacts, answering_body, visible};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::reports::{self as view, Message, Posted, ReportData, Rights};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{Outcome, conflict, invalid};
use crate::web::project_access::ProjectAccess;
use crate::web::{path_id, today};

mod answer;
mod draft;
mod index;
mod show;
mod steps;
mod summary;

pub use summary::summary;

pub fn routes(cfg: &mut web::ServiceConfig) {
    const BASE: &str = "/projects/{id}/reports";
    cfg.route(BASE, web::get().to(index::index))
        .route(BASE, web::post().to(index::create))
        .route("/projects/{id}/reports/{report}", web::get().to(show::show))
        .route(
            "/projects/{id}/reports/{report}",
            web::post().to(draft::save),
        )
        .route(
            "/projects/{id}/reports/{report}/submit",
            web::post().to(draft::submit),
        )
        .route(
            "/projects/{id}/reports/{report}/review",
            web::post().to(steps::review),
        )
        .route(
            "/projects/{id}/reports/{report}/revise",
            web::post().to(steps::revise),
        )
        .route(
            "/projects/{id}/reports/{report}/escalations",
            web::post().to(steps::escalate),
        )
        .route(
            "/projects/{id}/escalations/{escalation}/answer",
            web::post().to(answer::answer),
        );
}

/// How a step on a version ends; the page shown again is the version's.
type Stepped = Outcome<String, Box<ReportData>>;

/// The rights of the user on the project's reports.
fn rights(access: &ProjectAccess) -> Rights {
    Rights {
        may_write: access.may(ProjectAction::WriteReport),
        may_review: access.may(ProjectAction::ReviewReport),
    }
}

/// The version `report_id` of the project as the user may see it: 404 for an unknown id, a version
/// of another project, or a draft the user may not write.
fn find_visible(
    conn: &mut DbConnection,
    access: &ProjectAccess,
    report_id: i64,
) -> Result<ReportRow, AppError> {
    let report = reports::find(conn, access.id(), report_id)?.ok_or(AppError::NotFound)?;
    if visible(report.status(), access.may(ProjectAction::WriteReport)) {
        Ok(report)
    } else {
        Err(AppError::NotFound)
    }
}

/// Everything the page of `report` shows, for the user.
fn load_data(
    conn: &mut DbConnection,
    access: ProjectAccess,
    report: ReportRow,
) -> Result<Box<ReportData>, AppError> {
    let rights = rights(&access);
    let all = reports::versions_of(conn, access.id(), report.period())?;
    let is_latest = all
        .first()
        .is_none_or(|newest| newest.version == report.version);
    let versions = all
        .into_iter()
        .filter(|v| visible(v.status(), rights.may_write))
        .collect();
    let basis = match report.plan_id {
        Some(plan_id) => reports::plan_basis(conn, plan_id)?,
        None => None,
    };
    let escalations = reports::escalations_of(conn, &[report.id])?;
    let answered: Vec<i64> = escalations
        .iter()
        .filter_map(|e| e.answered_by_decision_id)
        .collect();
    let mut candidates = Vec::new();
    if let Some(since) = report.submitted_on {
        for e in escalations
            .iter()
            .filter(|e| e.answered_by_decision_id.is_none())
        {
            let Some(body) = e.to().map(answering_body) else {
                continue;
            };
            if access.may(ProjectAction::DecideAs(body)) {
                let offered = reports::answer_candidates(conn, access.id(), body, since)?;
                candidates.push((e.id, offered));
            }
        }
    }
    let review = reports::review_of(conn, report.id)?;
    let name = |conn: &mut DbConnection, id: Option<i64>| -> Result<Option<String>, AppError> {
        Ok(match id {
            Some(id) => users::find(conn, id)?.map(|u| u.display_name),
            None => None,
        })
    };
    Ok(Box::new(ReportData {
        today: today(),
        reviewer: name(conn, review.as_ref().map(|r| r.reviewed_by))?,
        submitter: name(conn, report.submitted_by)?,
        updates: reports::milestone_updates(conn, report.id)?,
        answers: reports::decisions_by_id(conn, &answered)?,
        project: access.project,
        is_latest,
        versions,
        basis,
        escalations,
        candidates,
        review,
        rights,
        report,
    }))
}

/// What `check_step` needs of a loaded version.
fn facts(data: &ReportData) -> VersionFacts {
    VersionFacts {
        status: data.report.status(),
        is_latest: data.is_latest,
        reviewed: data.review.is_some(),
    }
}

/// Loads a version for `step`: 404 for an unknown project or version (or a draft the user may not
/// see), 403 for a user the step's action is not allowed, and the refusal when the project's
/// record is closed (422) or the version's status does not allow the step (409).
fn load_for_step(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    report_id: i64,
    step: ReportStep,
) -> Result<Result<Box<ReportData>, Stepped>, AppError> {
    let access = ProjectAccess::load(conn, project_id, user)?;
    let report = find_visible(conn, &access, report_id)?;
    access.require(report_workflow::step_action(step))?;
    let open = match step {
        ReportStep::Review => Ok(()),
        _ => crate::domain::phase::check_open(access.project.project.phase()),
    };
    let data = load_data(conn, access, report)?;
    Ok(
        match (open, report_workflow::check_step(step, facts(&data))) {
            (Err(key), _) => Err(Outcome::Refused(data, key)),
            (Ok(()), Err(key)) => Err(Outcome::Conflict(data, Some(key))),
            (Ok(()), Ok(())) => Ok(data),
        },
    )
}

/// The project's id and the version's from the path: 404 when either is not a number.
fn ids(path: &(String, String)) -> Result<(i64, i64), AppError> {
    Ok((path_id(&path.0)?, path_id(&path.1)?))
}

/// The answer to a step: a redirect when it was saved, else the version's page again with what
/// was posted.
fn answer_step(auth: &Auth, outcome: Stepped, posted: Posted) -> Result<HttpResponse, AppError> {
    let ctx = &auth.ctx;
    Ok(match outcome {
        Outcome::Saved(path) => see_other(&path),
        Outcome::Invalid(data, errors) => {
            invalid(view::report_page(ctx, &data, &posted, None, &errors))
        }
        Outcome::Refused(data, key) => invalid(view::report_page(
            ctx,
            &data,
            &posted,
            Some(Message::Refused(key)),
            &FieldErrors::new(),
        )),
        Outcome::Conflict(data, key) => {
            // Keep what the user typed, but base the next save on the version stored now.
            let posted = match posted {
                Posted::Draft(mut form) if key.is_none() => {
                    form.lock_version = data.report.lock_version.to_string();
                    Posted::Draft(form)
                }
                other => other,
            };
            conflict(view::report_page(
                ctx,
                &data,
                &posted,
                Some(Message::Refused(key.unwrap_or("report-conflict"))),
                &FieldErrors::new(),
            ))
        }
    })
}

fn page(markup: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// Whether the version is a draft.
fn is_draft(report: &ReportRow) -> bool {
    report.status() == Status::Draft
}

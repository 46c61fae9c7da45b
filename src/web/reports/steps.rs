//! The steps on a version besides saving and submitting: `POST …/review` (the development
//! manager's review, once), `POST …/revise` (a new version with a reason) and `POST …/escalations`
//! (an escalation added to a draft on its own).

use super::*;
use crate::domain::report_workflow::{parse_review_comment, parse_revision_reason};
use crate::domain::status_report::{ReportForm, parse_new_escalation};
use crate::web::AppState;
use crate::web::forms::CsrfForm;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct ReviewForm {
    comment: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct ReviseForm {
    reason: String,
}

fn one_error(field: &'static str, key: &'static str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add(field, key);
    errors
}

pub(super) async fn review(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let comment = form.comment.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_step(conn, &user, project_id, report_id, ReportStep::Review)?
            {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let comment = match parse_review_comment(&form.comment) {
                Ok(comment) => comment,
                Err(key) => return Ok(Outcome::Invalid(data, one_error("comment", key))),
            };
            if !reports::review(conn, &data.report, user.id, &comment)? {
                return Ok(Outcome::Conflict(data, Some("report-refused-reviewed")));
            }
            Ok(Outcome::Saved(format!(
                "{}?done=reviewed",
                view::report_path(project_id, report_id)
            )))
        })
        .await?;
    answer_step(&auth, outcome, Posted::Comment(comment))
}

pub(super) async fn revise(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReviseForm>,
) -> Result<HttpResponse, AppError> {
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let reason = form.reason.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_step(conn, &user, project_id, report_id, ReportStep::Revise)?
            {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let reason = match parse_revision_reason(&form.reason) {
                Ok(reason) => reason,
                Err(key) => return Ok(Outcome::Invalid(data, one_error("reason", key))),
            };
            let revision = reports::revise(conn, &data.report, &reason, user.id)?;
            Ok(Outcome::Saved(format!(
                "{}?done=revised",
                view::report_path(project_id, revision)
            )))
        })
        .await?;
    answer_step(&auth, outcome, Posted::Reason(reason))
}

pub(super) async fn escalate(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<HttpResponse, AppError> {
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let typed = form.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_step(conn, &user, project_id, report_id, ReportStep::Save)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let escalation = match parse_new_escalation(&form) {
                Ok(escalation) => escalation,
                Err(errors) => return Ok(Outcome::Invalid(data, errors)),
            };
            if !reports::add_escalation(conn, &data.report, &escalation, user.id)? {
                return Ok(Outcome::Conflict(data, Some("report-refused-submitted")));
            }
            Ok(Outcome::Saved(format!(
                "{}?done=escalated",
                view::report_path(project_id, report_id)
            )))
        })
        .await?;
    answer_step(&auth, outcome, Posted::Escalation(typed))
}

//! `POST /projects/{id}/reports/{report}` saves a draft under its lock version;
//! `POST /projects/{id}/reports/{report}/submit` submits it, with the fields posted beside it
//! saved first in the same transaction.

use super::*;
use crate::db::reports::Draft;
use crate::domain::project::parse_lock_version;
use crate::domain::status_report::{
    MilestoneUpdate, ReportContent, ReportForm, check_submittable, parse_draft,
    parse_milestone_updates, parse_report,
};
use crate::views::reports::DraftForm;
use crate::web::AppState;
use crate::web::forms::CsrfForm;

type Pairs = Vec<(String, String)>;

/// Errors of both parts of a draft, in the form's order.
fn merged(
    first: Result<ReportContent, FieldErrors>,
    updates: Result<Vec<MilestoneUpdate>, FieldErrors>,
) -> Result<(ReportContent, Vec<MilestoneUpdate>), FieldErrors> {
    match (first, updates) {
        (Ok(content), Ok(updates)) => Ok((content, updates)),
        (first, updates) => {
            let mut errors = FieldErrors::new();
            for e in [first.err(), updates.err()].into_iter().flatten() {
                for error in e.iter() {
                    errors.add(error.field.clone(), error.key);
                }
            }
            Err(errors)
        }
    }
}

/// Whether the report forecasts beyond the tolerances of the plan it reports against.
fn exception(data: &ReportData, updates: &[MilestoneUpdate], forecast: Option<i64>) -> bool {
    data.basis.as_ref().is_some_and(|basis| {
        basis
            .computed(updates, forecast, data.report.as_of(today()))
            .is_exception()
    })
}

fn milestone_ids(data: &ReportData) -> Vec<i64> {
    data.basis
        .as_ref()
        .map(|b| b.milestone_ids())
        .unwrap_or_default()
}

fn lock_version(pairs: &[(String, String)]) -> i64 {
    let raw = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "lock_version")
        .map_or("", |(_, value)| value.as_str());
    i64::from(parse_lock_version(raw))
}

pub(super) async fn save(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let posted = pairs.clone();
    let outcome = state
        .db
        .write(move |conn| save_step(conn, &user, project_id, report_id, &posted))
        .await?;
    answer_step(&auth, outcome, Posted::Draft(DraftForm::from_pairs(&pairs)))
}

fn save_step(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    report_id: i64,
    pairs: &[(String, String)],
) -> Result<Stepped, AppError> {
    let data = match load_for_step(conn, user, project_id, report_id, ReportStep::Save)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let form = ReportForm::from_pairs(pairs);
    let parsed = merged(
        parse_draft(&form),
        parse_milestone_updates(pairs, &milestone_ids(&data), today()),
    );
    let (content, updates) = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Outcome::Invalid(data, errors)),
    };
    let draft = Draft {
        exception: exception(&data, &updates, content.forecast_sek),
        content: &content,
        updates: &updates,
    };
    if !reports::save(conn, &data.report, lock_version(pairs), &draft, user.id)? {
        return conflicted(conn, user, project_id, report_id);
    }
    Ok(Outcome::Saved(format!(
        "{}?done=saved",
        view::report_path(project_id, report_id)
    )))
}

/// The version as stored now, for the page of a save that someone else's came before.
fn conflicted(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    report_id: i64,
) -> Result<Stepped, AppError> {
    let access = ProjectAccess::load(conn, project_id, user)?;
    let report = find_visible(conn, &access, report_id)?;
    let key = (!is_draft(&report)).then_some("report-refused-submitted");
    Ok(Outcome::Conflict(load_data(conn, access, report)?, key))
}

pub(super) async fn submit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let posted_pairs = pairs.clone();
    let outcome = state
        .db
        .write(move |conn| submit_step(conn, &user, project_id, report_id, &posted_pairs))
        .await?;
    let posted = if ReportForm::posted_in(&pairs) {
        Posted::Draft(DraftForm::from_pairs(&pairs))
    } else {
        Posted::Nothing
    };
    answer_step(&auth, outcome, posted)
}

/// Submits a draft: the posted fields if there are any (saved first), else the stored draft. The
/// whole report must parse, and an exception report must escalate to the steering group among its
/// raised escalations and the new one.
fn submit_step(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    report_id: i64,
    pairs: &[(String, String)],
) -> Result<Stepped, AppError> {
    let data = match load_for_step(conn, user, project_id, report_id, ReportStep::Submit)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let posted = ReportForm::posted_in(pairs);
    let (form, updates) = if posted {
        (
            ReportForm::from_pairs(pairs),
            parse_milestone_updates(pairs, &milestone_ids(&data), today()),
        )
    } else {
        (
            ReportForm::of(&data.report.content()),
            Ok(data.updates.clone()),
        )
    };
    let (content, updates) = match merged(parse_report(&form), updates) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Outcome::Invalid(data, errors)),
    };
    let exception = exception(&data, &updates, content.forecast_sek);
    let raised = data
        .escalations
        .iter()
        .filter_map(|e| e.to())
        .chain(content.escalation.as_ref().map(|e| e.to));
    if let Err(errors) = check_submittable(exception, raised) {
        return Ok(Outcome::Invalid(data, errors));
    }
    // What is typed is saved first; a stored draft is saved again only when the day moved its
    // exception on (a milestone's day passed), so that the submitted version says what was checked.
    if posted || exception != data.report.exception {
        let draft = Draft {
            exception,
            content: &content,
            updates: &updates,
        };
        let lock = if posted {
            lock_version(pairs)
        } else {
            data.report.lock_version
        };
        if !reports::save(conn, &data.report, lock, &draft, user.id)? {
            return conflicted(conn, user, project_id, report_id);
        }
    }
    let stored = reports::find(conn, project_id, report_id)?.ok_or(AppError::NotFound)?;
    if !reports::submit(conn, &stored, user.id, today())? {
        return conflicted(conn, user, project_id, report_id);
    }
    Ok(Outcome::Saved(format!(
        "{}?done=submitted",
        view::report_path(project_id, report_id)
    )))
}

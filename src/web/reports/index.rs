//! `GET /projects/{id}/reports`: the project's periods; `POST /projects/{id}/reports`: starts the
//! report of a period (`period`, `YYYY-MM`).

use chrono::NaiveDate;

use super::*;
use crate::db::settings;
use crate::domain::status_report::{
    Period, ReportState, check_period, default_period, listed_periods, owes_reports,
};
use crate::views::reports::{IndexData, PeriodLine};
use crate::web::forms::CsrfForm;
use crate::web::project_access::ProjectRoute;

/// How many periods back from now the list shows at most, besides those with a report.
const PERIODS_SHOWN: usize = 24;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct CreateForm {
    period: String,
}

/// The day the project's reports are owed from: the day it entered planning, or when there is no
/// such decision, the day it was registered.
pub(super) fn owed_from(
    conn: &mut DbConnection,
    access: &ProjectAccess,
) -> Result<NaiveDate, AppError> {
    Ok(reports::planning_began(conn, access.id())?
        .unwrap_or_else(|| access.project.project.created_at.date()))
}

fn load_index(conn: &mut DbConnection, id: i64, user: &CurrentUser) -> Result<IndexData, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    let rights = rights(&access);
    let owes = owes_reports(access.project.project.phase());
    let began = owed_from(conn, &access)?;
    let due_day = settings::reporting(conn)?.due_day;
    let all = reports::for_project(conn, id)?;
    let taken: Vec<Period> = all.iter().map(ReportRow::period).collect();
    let shown: Vec<ReportRow> = all
        .into_iter()
        .filter(|r| visible(r.status(), rights.may_write))
        .collect();
    let with_reports: Vec<Period> = shown.iter().map(ReportRow::period).collect();
    let today = today();
    let lines = listed_periods(owes.then_some(began), today, &with_reports, PERIODS_SHOWN)
        .into_iter()
        .map(|period| {
            let versions: Vec<ReportRow> = shown
                .iter()
                .filter(|r| r.period() == period)
                .cloned()
                .collect();
            let first_submitted = versions.iter().filter_map(|v| v.submitted_on).min();
            PeriodLine {
                period,
                state: ReportState::of(period, due_day, first_submitted, today),
                overall: versions
                    .first()
                    .and_then(|v| v.light(crate::domain::status_report::Aspect::Overall)),
                versions,
            }
        })
        .collect();
    Ok(IndexData {
        default_period: default_period(today, began, &taken),
        project: access.project,
        owes_reports: owes,
        lines,
        rights,
        due_day,
    })
}

pub(super) async fn index(route: ProjectRoute) -> Result<Markup, AppError> {
    let data = route.read(load_index).await?;
    Ok(view::index(
        &route.auth.ctx,
        &data,
        None,
        None,
        &FieldErrors::new(),
    ))
}

/// Starts the report of a period: refused for a project that owes none (422), and for a period
/// that is malformed, in the future, before planning began or already reported (422 beside
/// `period`); else a draft starting from the previous period's report, and 303 to it.
pub(super) async fn create(
    route: ProjectRoute,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> Result<HttpResponse, AppError> {
    let typed = form.period.clone();
    let outcome = route
        .write(move |conn, id, user| {
            let access = ProjectAccess::load(conn, id, user)?;
            access.require(ProjectAction::WriteReport)?;
            let data = load_index(conn, id, user)?;
            if !owes_reports(access.project.project.phase()) {
                return Ok(Outcome::Refused(Box::new(data), "report-refused-not-owed"));
            }
            let began = owed_from(conn, &access)?;
            let period = Period::parse(&form.period)
                .and_then(|period| check_period(period, began, today()).map(|()| period));
            let period = match period {
                Ok(period) => period,
                Err(key) => return Ok(invalid_period(data, key)),
            };
            if reports::period_taken(conn, id, period)? {
                return Ok(invalid_period(data, "error-period-taken"));
            }
            let report = reports::create(conn, id, period, user.id)?;
            Ok(Outcome::Saved(view::report_path(id, report)))
        })
        .await?;
    let ctx = &route.auth.ctx;
    Ok(match outcome {
        Outcome::Saved(path) => see_other(&path),
        Outcome::Invalid(data, errors) => {
            invalid(view::index(ctx, &data, Some(&typed), None, &errors))
        }
        Outcome::Refused(data, key) | Outcome::Conflict(data, Some(key)) => invalid(view::index(
            ctx,
            &data,
            Some(&typed),
            Some(Message::Refused(key)),
            &FieldErrors::new(),
        )),
        Outcome::Conflict(data, None) => invalid(view::index(
            ctx,
            &data,
            Some(&typed),
            None,
            &FieldErrors::new(),
        )),
    })
}

fn invalid_period(data: IndexData, key: &'static str) -> Outcome<String, Box<IndexData>> {
    let mut errors = FieldErrors::new();
    errors.add("period", key);
    Outcome::Invalid(Box::new(data), errors)
}

//! What the project page shows of the project's reports.

use super::*;
use crate::db::settings;
use crate::domain::status_report::{Aspect, Light, Period, ReportState, owes_reports};
use crate::views::reports::ReportSummary;

/// How many periods the project page lists.
const PERIODS: usize = 3;

/// The latest periods with a report the user may see, and the escalations of submitted versions
/// with their answers.
pub fn summary(conn: &mut DbConnection, access: &ProjectAccess) -> Result<ReportSummary, AppError> {
    let may_write = access.may(ProjectAction::WriteReport);
    let due_day = settings::reporting(conn)?.due_day;
    let today = today();
    let shown: Vec<ReportRow> = reports::for_project(conn, access.id())?
        .into_iter()
        .filter(|r| visible(r.status(), may_write))
        .collect();
    let mut periods: Vec<(Period, ReportState, Option<Light>, Option<i64>)> = Vec::new();
    for report in &shown {
        let period = report.period();
        if periods.iter().any(|(p, ..)| *p == period) {
            continue;
        }
        if periods.len() == PERIODS {
            break;
        }
        let first_submitted = shown
            .iter()
            .filter(|r| r.period() == period)
            .filter_map(|r| r.submitted_on)
            .min();
        periods.push((
            period,
            ReportState::of(period, due_day, first_submitted, today),
            report.light(Aspect::Overall),
            Some(report.id),
        ));
    }
    let raised = reports::raised_escalations(conn, access.id())?;
    let answered: Vec<i64> = raised
        .iter()
        .filter_map(|(e, _)| e.answered_by_decision_id)
        .collect();
    let answers = reports::decisions_by_id(conn, &answered)?;
    let escalations = raised
        .into_iter()
        .map(|(e, period)| {
            let answer = e
                .answered_by_decision_id
                .and_then(|id| answers.iter().find(|d| d.id == id).cloned());
            (e, period, answer)
        })
        .collect();
    Ok(ReportSummary {
        periods,
        escalations,
        owes_reports: owes_reports(access.project.project.phase()),
    })
}

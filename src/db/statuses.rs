//! Every active project's status as the portfolio, the start page and the roll-ups read it: the
//! facts loaded set-wise (`db::portfolio::facts`), assembled by the domain
//! (`domain::portfolio::status`).

use diesel::QueryResult;

use super::{DbConnection, portfolio, settings};
use crate::domain::portfolio::status::{EscalationFact, ProjectStatus, last_due_period, statuses};
use crate::domain::settings::Reporting;
use crate::domain::status_report::Period;

/// How many periods the heatmap shows.
pub const HEATMAP_PERIODS: usize = 12;

/// How far back a page reads reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The last two periods due and any since: the latest lights, the trend and the states.
    Recent,
    /// The heatmap's twelve periods.
    Heatmap,
    /// Back to this period as well (a roll-up's).
    Back(Period),
}

/// Every active project's status as of `today`, with the reporting settings and the open
/// escalations. Projects silent longer than the reach are read in full (`db::portfolio::facts`).
pub fn load_statuses(
    conn: &mut DbConnection,
    today: chrono::NaiveDate,
    reach: Reach,
) -> QueryResult<(Reporting, Vec<ProjectStatus>, Vec<EscalationFact>)> {
    let reporting = settings::reporting(conn)?;
    let due = last_due_period(today, reporting.due_day);
    let recent = due.previous();
    let from = match reach {
        Reach::Recent => recent,
        Reach::Heatmap => due.last(HEATMAP_PERIODS)[0].min(recent),
        Reach::Back(period) => period.min(recent),
    };
    let facts = portfolio::facts(conn, from)?;
    let escalations = facts.open_escalations.clone();
    Ok((
        reporting,
        statuses(facts, today, reporting.due_day),
        escalations,
    ))
}

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

/// Every active project's status as `load_statuses` reads it.
#[derive(Debug)]
pub struct Statuses {
    pub reporting: Reporting,
    pub all: Vec<ProjectStatus>,
    pub escalations: Vec<EscalationFact>,
}

/// The statuses last read for each reach the pages share (`Recent`, `Heatmap`), kept for as long
/// as the data's generation (`db::data_generation`) and the day stay the same: the portfolio, its
/// files and charts and the start page read the database once per change, not once per request,
/// and share one copy in memory. A roll-up's reach is read afresh.
#[derive(Debug, Default)]
pub struct StatusCache {
    recent: std::sync::Mutex<Option<Kept>>,
    heatmap: std::sync::Mutex<Option<Kept>>,
}

#[derive(Debug)]
struct Kept {
    generation: i64,
    today: chrono::NaiveDate,
    statuses: std::sync::Arc<Statuses>,
}

impl StatusCache {
    fn slot(&self, reach: Reach) -> Option<&std::sync::Mutex<Option<Kept>>> {
        match reach {
            Reach::Recent => Some(&self.recent),
            Reach::Heatmap => Some(&self.heatmap),
            Reach::Back(_) => None,
        }
    }

    /// The statuses kept for `reach` in `generation` on `today`, if any.
    pub fn get(
        &self,
        reach: Reach,
        generation: i64,
        today: chrono::NaiveDate,
    ) -> Option<std::sync::Arc<Statuses>> {
        let slot = self.slot(reach)?;
        let kept = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.as_ref()
            .filter(|k| k.generation == generation && k.today == today)
            .map(|k| std::sync::Arc::clone(&k.statuses))
    }

    /// Keeps `statuses`, read in `generation` (taken before the read began) on `today`.
    pub fn keep(
        &self,
        reach: Reach,
        generation: i64,
        today: chrono::NaiveDate,
        statuses: &std::sync::Arc<Statuses>,
    ) {
        if let Some(slot) = self.slot(reach) {
            let mut kept = slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *kept = Some(Kept {
                generation,
                today,
                statuses: std::sync::Arc::clone(statuses),
            });
        }
    }
}

/// The statuses for `reach` on `today`: those kept for the current generation, or read now (and
/// kept).
pub fn cached_statuses(
    conn: &mut DbConnection,
    cache: &StatusCache,
    generation: i64,
    today: chrono::NaiveDate,
    reach: Reach,
) -> QueryResult<std::sync::Arc<Statuses>> {
    if let Some(statuses) = cache.get(reach, generation, today) {
        return Ok(statuses);
    }
    let (reporting, all, escalations) = load_statuses(conn, today, reach)?;
    let statuses = std::sync::Arc::new(Statuses {
        reporting,
        all,
        escalations,
    });
    cache.keep(reach, generation, today, &statuses);
    Ok(statuses)
}

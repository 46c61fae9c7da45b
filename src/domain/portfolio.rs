//! The roll-up of status reports: what the development manager's portfolio counts and which
//! projects need attention. Pure: the portfolio's queries load the facts of every project at once,
//! and these functions decide from them.

use chrono::NaiveDate;

use super::status_report::{Light, Period, ReportState};

pub mod rollup;
pub mod status;

/// Whether `role` issues the roll-up to the management group: the development manager, who
/// reports to it, alone.
pub fn may_issue_rollup(role: super::role::Role) -> bool {
    role == super::role::Role::DevelopmentManager
}

/// Why a project needs the development manager's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attention {
    /// Its latest overall light is red.
    Red,
    /// Its report for the last period that is due is missing.
    Late,
    /// No report for the last two periods that are due.
    Silent,
    /// A milestone's forecast has moved out of the month it was planned for.
    MilestoneMoved,
}

impl Attention {
    pub fn label_key(self) -> &'static str {
        match self {
            Attention::Red => "attention-red",
            Attention::Late => "attention-late",
            Attention::Silent => "attention-silent",
            Attention::MilestoneMoved => "attention-milestone-moved",
        }
    }
}

/// What the portfolio knows of one project.
#[derive(Debug, Clone, Default)]
pub struct ProjectFacts {
    /// The overall light of its latest submitted report.
    pub latest_overall: Option<Light>,
    /// The states of its last two periods that are due, the older first.
    pub last_two_due: [Option<ReportState>; 2],
    /// Its milestones, planned and now forecast.
    pub milestones: Vec<(NaiveDate, NaiveDate)>,
}

/// Every reason a project needs attention, in a fixed order; none for a project doing well.
pub fn attention(facts: &ProjectFacts) -> Vec<Attention> {
    let mut reasons = Vec::new();
    if facts.latest_overall == Some(Light::Red) {
        reasons.push(Attention::Red);
    }
    let missing = |state: Option<ReportState>| state == Some(ReportState::Missing);
    let [older, newer] = facts.last_two_due;
    if missing(newer) {
        reasons.push(Attention::Late);
        if missing(older) {
            reasons.push(Attention::Silent);
        }
    }
    if facts
        .milestones
        .iter()
        .any(|(planned, forecast)| moved_out_of_its_period(*planned, *forecast))
    {
        reasons.push(Attention::MilestoneMoved);
    }
    reasons
}

/// Whether a milestone now forecast on `forecast` has left the month it was planned for, later.
pub fn moved_out_of_its_period(planned: NaiveDate, forecast: NaiveDate) -> bool {
    Period::of(forecast) > Period::of(planned)
}

/// The number of projects per overall light, and those with no report for the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LightCounts {
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    pub not_reported: usize,
}

pub fn count_lights(lights: impl IntoIterator<Item = Option<Light>>) -> LightCounts {
    lights
        .into_iter()
        .fold(LightCounts::default(), |mut counts, light| {
            match light {
                Some(Light::Green) => counts.green += 1,
                Some(Light::Amber) => counts.amber += 1,
                Some(Light::Red) => counts.red += 1,
                None => counts.not_reported += 1,
            }
            counts
        })
}

/// A forecast against its budget: the deviation in kronor (positive above the budget) and in
/// percent of the budget (none without a budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deviation {
    pub sek: i64,
    /// Whole percent, rounded towards zero.
    pub percent: Option<i64>,
}

pub fn deviation(budget_sek: i64, forecast_sek: i64) -> Deviation {
    let sek = i128::from(forecast_sek) - i128::from(budget_sek);
    let percent = (budget_sek > 0).then(|| clamp(sek * 100 / i128::from(budget_sek)));
    Deviation {
        sek: clamp(sek),
        percent,
    }
}

fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// Whether a deviation is one the roll-up lists: above `threshold_percent` either way.
pub fn deviation_to_report(deviation: Deviation, threshold_percent: i64) -> bool {
    deviation.percent.map_or(deviation.sek != 0, |percent| {
        percent.abs() > threshold_percent
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn only_the_development_manager_issues_roll_ups() {
        use crate::domain::role::Role;
        for role in Role::ALL {
            assert_eq!(may_issue_rollup(role), role == Role::DevelopmentManager);
        }
    }

    #[test]
    fn a_project_doing_well_needs_no_attention() {
        let facts = ProjectFacts {
            latest_overall: Some(Light::Amber),
            last_two_due: [
                Some(ReportState::Submitted),
                Some(ReportState::SubmittedLate),
            ],
            milestones: vec![(day(2027, 3, 1), day(2027, 3, 31))],
        };
        assert_eq!(attention(&facts), []);
    }

    #[test]
    fn red_late_silent_and_moved_milestones_are_named() {
        let facts = ProjectFacts {
            latest_overall: Some(Light::Red),
            last_two_due: [Some(ReportState::Missing), Some(ReportState::Missing)],
            milestones: vec![
                (day(2027, 3, 1), day(2027, 2, 1)),
                (day(2027, 3, 30), day(2027, 4, 2)),
            ],
        };
        assert_eq!(
            attention(&facts),
            [
                Attention::Red,
                Attention::Late,
                Attention::Silent,
                Attention::MilestoneMoved
            ]
        );
        // Late once is late, not silent; an older gap alone is neither.
        let once = ProjectFacts {
            last_two_due: [Some(ReportState::Submitted), Some(ReportState::Missing)],
            ..ProjectFacts::default()
        };
        assert_eq!(attention(&once), [Attention::Late]);
        let before = ProjectFacts {
            last_two_due: [Some(ReportState::Missing), Some(ReportState::Submitted)],
            ..ProjectFacts::default()
        };
        assert_eq!(attention(&before), []);
    }

    #[test]
    fn a_milestone_moves_out_of_its_period_only_when_it_moves_to_a_later_month() {
        assert!(!moved_out_of_its_period(day(2027, 3, 1), day(2027, 3, 31)));
        assert!(moved_out_of_its_period(day(2027, 3, 31), day(2027, 4, 1)));
        assert!(!moved_out_of_its_period(day(2027, 3, 15), day(2027, 2, 1)));
    }

    #[test]
    fn lights_are_counted_with_the_projects_that_did_not_report() {
        let counts = count_lights([
            Some(Light::Green),
            Some(Light::Red),
            None,
            Some(Light::Green),
            Some(Light::Amber),
        ]);
        assert_eq!(
            counts,
            LightCounts {
                green: 2,
                amber: 1,
                red: 1,
                not_reported: 1
            }
        );
    }

    #[test]
    fn deviations_are_in_kronor_and_percent_and_never_overflow() {
        assert_eq!(
            deviation(1_000_000, 1_150_000),
            Deviation {
                sek: 150_000,
                percent: Some(15)
            }
        );
        assert_eq!(
            deviation(1_000_000, 900_000),
            Deviation {
                sek: -100_000,
                percent: Some(-10)
            }
        );
        assert_eq!(
            deviation(0, 5),
            Deviation {
                sek: 5,
                percent: None
            }
        );
        assert_eq!(deviation(i64::MIN, i64::MAX).sek, i64::MAX);
        assert!(deviation_to_report(deviation(1_000_000, 1_150_000), 10));
        assert!(!deviation_to_report(deviation(1_000_000, 1_100_000), 10));
        assert!(deviation_to_report(deviation(1_000_000, 850_000), 10));
        assert!(deviation_to_report(deviation(0, 5), 10));
        assert!(!deviation_to_report(deviation(0, 0), 10));
    }
}

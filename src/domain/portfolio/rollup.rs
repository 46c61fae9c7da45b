//! The roll-up to the management group for one period: what is red or amber and why, the
//! escalations that wait for a strategic or economic decision, the budget deviations above the
//! administrator's threshold, the projects ready to close, and the reports missing.
//!
//! It is computed once, when the development manager issues it, and kept as JSON: everything the
//! page shows (names, codes, texts) is in [`RollupContent`], so the page never reads live data and
//! stays as it was issued.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::status::{EscalationFact, ProjectStatus};
use super::{LightCounts, count_lights, deviation, deviation_to_report};
use crate::domain::phase::Phase;
use crate::domain::status_report::{Aspect, EscalationTo, Light, Period, ReportState};

/// The period a roll-up may be issued for: a `YYYY-MM` not in the future and not issued before.
pub fn parse_period(
    raw: &str,
    today: NaiveDate,
    issued: impl IntoIterator<Item = Period>,
) -> Result<Period, &'static str> {
    let period = Period::parse(raw)?;
    if period > Period::of(today) {
        return Err("error-period-future");
    }
    if issued.into_iter().any(|p| p == period) {
        return Err("rollup-error-issued");
    }
    Ok(period)
}

/// A project as the roll-up names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub lead: Option<String>,
}

impl ProjectRef {
    fn of(status: &ProjectStatus) -> ProjectRef {
        let p = &status.project;
        ProjectRef {
            id: p.id,
            code: p.code.clone(),
            name: p.name.clone(),
            unit: p.unit_name.clone(),
            lead: p.lead_name.clone(),
        }
    }
}

/// The number of projects per overall light of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    pub not_reported: usize,
}

impl From<LightCounts> for Counts {
    fn from(c: LightCounts) -> Counts {
        Counts {
            green: c.green,
            amber: c.amber,
            red: c.red,
            not_reported: c.not_reported,
        }
    }
}

/// A light that is not green, with the lead's comment. Lights and aspects are kept by their
/// stored names (`amber`, `time`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub aspect: String,
    pub light: String,
    pub text: String,
}

/// A red or amber project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flagged {
    pub project: ProjectRef,
    pub report_id: i64,
    pub overall: String,
    pub comments: Vec<Comment>,
}

/// An open escalation for the development manager or the management group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationItem {
    pub project: ProjectRef,
    pub report_id: i64,
    pub text: String,
    /// `strategic` or `economic`.
    pub kind: String,
    /// `development_manager` or `management_group`.
    pub addressed_to: String,
    pub raised_on: Option<NaiveDate>,
}

/// A forecast that deviates from the budget by more than the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationItem {
    pub project: ProjectRef,
    pub budget_sek: i64,
    pub forecast_sek: i64,
    pub deviation_sek: i64,
    pub percent: Option<i64>,
}

/// Why a project is ready to close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingItem {
    pub project: ProjectRef,
    /// The phase's stored name: `closing`, or `execution` with every milestone reached.
    pub phase: String,
}

/// A project whose report of the period is not submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingItem {
    pub project: ProjectRef,
    /// `missing` when its due day has passed, `open` before.
    pub late: bool,
}

/// Everything a roll-up shows, frozen when it is issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupContent {
    pub period: String,
    pub issued_by: String,
    pub issued_on: NaiveDate,
    pub deviation_percent: i64,
    pub counts: Counts,
    pub flagged: Vec<Flagged>,
    pub escalations: Vec<EscalationItem>,
    pub deviations: Vec<DeviationItem>,
    pub ready_to_close: Vec<ClosingItem>,
    pub missing: Vec<MissingItem>,
}

/// Who issues the roll-up, when, and by which rules.
pub struct Issue<'a> {
    pub period: Period,
    pub issued_by: &'a str,
    pub today: NaiveDate,
    pub due_day: u32,
    pub deviation_percent: i64,
}

/// Computes the roll-up of `issue.period` from every active project's status and the open
/// escalations.
///
/// - The lights are those of each project's report of the period (its newest submitted version),
///   counted among the projects that owe it.
/// - The budget deviation is the period's forecast at completion against the approved plan's
///   budget, listed above the threshold either way.
/// - Ready to close: in phase closing, or in execution with every milestone of the approved plan
///   reached (as the latest report says).
pub fn build(
    statuses: &[ProjectStatus],
    escalations: &[EscalationFact],
    issue: &Issue,
) -> RollupContent {
    let period = issue.period;
    let owing: Vec<&ProjectStatus> = statuses.iter().filter(|s| s.project.owes(period)).collect();
    let counts = count_lights(
        owing
            .iter()
            .map(|s| s.report_of(period).and_then(|r| r.overall())),
    );
    let mut flagged = Vec::new();
    let mut deviations = Vec::new();
    let mut missing = Vec::new();
    for status in &owing {
        let Some(report) = status.report_of(period) else {
            let state = ReportState::of(period, issue.due_day, None, issue.today);
            missing.push(MissingItem {
                project: ProjectRef::of(status),
                late: state == ReportState::Missing,
            });
            continue;
        };
        if let Some(overall @ (Light::Amber | Light::Red)) = report.overall() {
            flagged.push(Flagged {
                project: ProjectRef::of(status),
                report_id: report.id,
                overall: overall.as_str().to_owned(),
                comments: Vec::new(),
            });
        }
        if let (Some(budget), Some(forecast)) = (status.budget_sek, report.forecast_sek) {
            let d = deviation(budget, forecast);
            if deviation_to_report(d, issue.deviation_percent) {
                deviations.push(DeviationItem {
                    project: ProjectRef::of(status),
                    budget_sek: budget,
                    forecast_sek: forecast,
                    deviation_sek: d.sek,
                    percent: d.percent,
                });
            }
        }
    }
    // Red before amber, each in code order.
    flagged.sort_by(|a, b| {
        (a.overall != Light::Red.as_str(), &a.project.code)
            .cmp(&(b.overall != Light::Red.as_str(), &b.project.code))
    });
    RollupContent {
        period: period.to_string(),
        issued_by: issue.issued_by.to_owned(),
        issued_on: issue.today,
        deviation_percent: issue.deviation_percent,
        counts: counts.into(),
        flagged,
        escalations: escalation_items(statuses, escalations),
        deviations,
        ready_to_close: ready_to_close(statuses),
        missing,
    }
}

/// The comments of every light that is not green, to be filled in from the reports' texts: the
/// portfolio's facts carry lights, not comments, so the caller reads the comments of the flagged
/// reports (`Flagged::report_id`) and hands them back here.
pub fn with_comments(
    mut content: RollupContent,
    comments_of: impl Fn(i64) -> Vec<(Aspect, Light, String)>,
) -> RollupContent {
    for flagged in &mut content.flagged {
        flagged.comments = comments_of(flagged.report_id)
            .into_iter()
            .filter(|(_, light, _)| *light != Light::Green)
            .map(|(aspect, light, text)| Comment {
                aspect: aspect.field().to_owned(),
                light: light.as_str().to_owned(),
                text,
            })
            .collect();
    }
    content
}

fn escalation_items(
    statuses: &[ProjectStatus],
    escalations: &[EscalationFact],
) -> Vec<EscalationItem> {
    escalations
        .iter()
        .filter(|e| {
            matches!(
                e.to,
                Some(EscalationTo::DevelopmentManager | EscalationTo::ManagementGroup)
            )
        })
        .filter_map(|e| {
            let status = statuses.iter().find(|s| s.project.id == e.project_id)?;
            Some(EscalationItem {
                project: ProjectRef::of(status),
                report_id: e.report_id,
                text: e.text.clone(),
                kind: e.kind.map(|k| k.as_str()).unwrap_or_default().to_owned(),
                addressed_to: e.to.map(|t| t.as_str()).unwrap_or_default().to_owned(),
                raised_on: e.raised_on,
            })
        })
        .collect()
}

fn ready_to_close(statuses: &[ProjectStatus]) -> Vec<ClosingItem> {
    statuses
        .iter()
        .filter(|s| {
            s.project.phase == Phase::Closing
                || (s.project.phase == Phase::Execution && s.all_milestones_reached())
        })
        .map(|s| ClosingItem {
            project: ProjectRef::of(s),
            phase: s.project.phase.as_str().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::status::{Facts, MilestoneFact, ProjectFact, ReportFact, statuses};
    use super::*;
    use crate::domain::status_report::{EscalationKind, MilestoneUpdate};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn period(raw: &str) -> Period {
        Period::parse(raw).expect("a period")
    }

    fn project(id: i64, phase: Phase) -> ProjectFact {
        ProjectFact {
            id,
            code: format!("P-{id}"),
            name: format!("Projekt {id}"),
            unit_id: 1,
            unit_name: "Omsorgsenheten".into(),
            board_id: 1,
            board_name: "Socialnämnden".into(),
            phase,
            lead_id: None,
            lead_name: None,
            planning_began: None,
        }
    }

    fn report(id: i64, project_id: i64, overall: Light, forecast: i64) -> ReportFact {
        ReportFact {
            id,
            project_id,
            period: period("2026-11"),
            version: 1,
            lights: [Some(overall); 6],
            forecast_sek: Some(forecast),
            submitted_on: Some(day(2026, 12, 2)),
        }
    }

    #[test]
    fn a_period_is_issued_once_and_never_ahead() {
        let today = day(2026, 12, 10);
        assert_eq!(parse_period("2026-11", today, []), Ok(period("2026-11")));
        assert_eq!(parse_period("2026-12", today, []), Ok(period("2026-12")));
        assert_eq!(
            parse_period("2027-01", today, []),
            Err("error-period-future")
        );
        assert_eq!(parse_period("nov", today, []), Err("error-period"));
        assert_eq!(
            parse_period("2026-11", today, [period("2026-11")]),
            Err("rollup-error-issued")
        );
    }

    #[test]
    fn the_roll_up_counts_flags_escalates_deviates_closes_and_misses() {
        let facts = Facts {
            projects: vec![
                project(1, Phase::Execution),
                project(2, Phase::Execution),
                project(3, Phase::Closing),
                project(4, Phase::Planning),
            ],
            reports: vec![
                report(10, 1, Light::Red, 1_300_000),
                report(20, 2, Light::Green, 1_050_000),
            ],
            updates: HashMap::from([(
                20,
                vec![MilestoneUpdate {
                    milestone_id: 9,
                    actual_on: Some(day(2026, 11, 3)),
                    forecast_on: None,
                }],
            )]),
            milestones: vec![MilestoneFact {
                id: 9,
                project_id: 2,
                name: "Drift".into(),
                planned_on: day(2026, 11, 1),
                actual_on: None,
            }],
            budgets: HashMap::from([(1, 1_000_000), (2, 1_000_000)]),
            open_escalations: vec![],
        };
        let escalations = vec![
            EscalationFact {
                id: 1,
                project_id: 1,
                report_id: 10,
                text: "Mer pengar behövs".into(),
                kind: Some(EscalationKind::Economic),
                to: Some(EscalationTo::ManagementGroup),
                raised_on: Some(day(2026, 12, 2)),
            },
            EscalationFact {
                id: 2,
                project_id: 1,
                report_id: 10,
                text: "Styrgruppen avgör".into(),
                kind: Some(EscalationKind::Strategic),
                to: Some(EscalationTo::SteeringGroup),
                raised_on: Some(day(2026, 12, 2)),
            },
        ];
        let all = statuses(facts, day(2026, 12, 10), 5);
        let issue = Issue {
            period: period("2026-11"),
            issued_by: "Ulla",
            today: day(2026, 12, 10),
            due_day: 5,
            deviation_percent: 10,
        };
        let content = build(&all, &escalations, &issue);
        assert_eq!(
            content.counts,
            Counts {
                green: 1,
                amber: 0,
                red: 1,
                not_reported: 2
            }
        );
        assert_eq!(content.flagged.len(), 1);
        assert_eq!(content.flagged[0].report_id, 10);
        assert_eq!(content.escalations.len(), 1);
        assert_eq!(content.escalations[0].text, "Mer pengar behövs");
        assert_eq!(content.deviations.len(), 1);
        assert_eq!(content.deviations[0].percent, Some(30));
        let closing: Vec<i64> = content
            .ready_to_close
            .iter()
            .map(|c| c.project.id)
            .collect();
        assert_eq!(closing, [2, 3]);
        let missing: Vec<(i64, bool)> = content
            .missing
            .iter()
            .map(|m| (m.project.id, m.late))
            .collect();
        assert_eq!(missing, [(3, true), (4, true)]);
        let content = with_comments(content, |_| {
            vec![
                (Aspect::Overall, Light::Red, "Sent".into()),
                (Aspect::Time, Light::Green, String::new()),
            ]
        });
        assert_eq!(content.flagged[0].comments.len(), 1);
        assert_eq!(content.flagged[0].comments[0].aspect, "overall");
        let json = serde_json::to_string(&content).expect("serialised");
        let back: RollupContent = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, content);
    }
}

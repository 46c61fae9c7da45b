//! Where each active project stands, assembled from facts the portfolio's queries load for every
//! project at once: the latest lights and their trend, budget against forecast, the next
//! milestone, the state of the last report that is due and the open escalations. Also how the
//! portfolio is filtered and sorted. Pure, so each rule is tested without a database.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Deviation, deviation};
use crate::domain::phase::Phase;
use crate::domain::project::matches_search;
use crate::domain::status_report::{
    Aspect, EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, ReportState, Trend,
    owes_reports, trend,
};

/// The last period whose report is due: the latest one whose due day is today or has passed.
pub fn last_due_period(today: NaiveDate, due_day: u32) -> Period {
    let previous = Period::of(today).previous();
    if previous.due_on(due_day) <= today {
        previous
    } else {
        previous.previous()
    }
}

/// A project that owes reports, with the names of what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFact {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub board_id: i64,
    pub board_name: String,
    pub phase: Phase,
    pub lead_id: Option<i64>,
    pub lead_name: Option<String>,
    /// The day of the decision that took it into planning, if one is recorded.
    pub planning_began: Option<NaiveDate>,
}

impl ProjectFact {
    /// Whether the project owes the report of `period`: it is in a phase that reports, and its
    /// planning had begun by the end of the period (a project without a recorded decision owes
    /// every period).
    pub fn owes(&self, period: Period) -> bool {
        owes_reports(self.phase)
            && self
                .planning_began
                .is_none_or(|on| Period::of(on) <= period)
    }
}

/// The newest submitted version of one project's report for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFact {
    pub id: i64,
    pub project_id: i64,
    pub period: Period,
    pub version: i32,
    /// In [`Aspect::ALL`]'s order.
    pub lights: [Option<Light>; 6],
    pub forecast_sek: Option<i64>,
    pub submitted_on: Option<NaiveDate>,
}

impl ReportFact {
    pub fn light(&self, aspect: Aspect) -> Option<Light> {
        let index = Aspect::ALL.iter().position(|a| *a == aspect)?;
        self.lights[index]
    }

    pub fn overall(&self) -> Option<Light> {
        self.lights[0]
    }
}

/// A milestone of a project's newest approved plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneFact {
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    pub planned_on: NaiveDate,
    /// Reached, as the plan records it.
    pub actual_on: Option<NaiveDate>,
}

/// An escalation raised in a submitted report and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationFact {
    pub id: i64,
    pub project_id: i64,
    pub report_id: i64,
    pub text: String,
    pub kind: Option<EscalationKind>,
    pub to: Option<EscalationTo>,
    pub raised_on: Option<NaiveDate>,
}

/// Everything the portfolio's queries load.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub projects: Vec<ProjectFact>,
    /// Newest submitted version per project and period, in any order.
    pub reports: Vec<ReportFact>,
    /// Each report's milestone updates, by report id.
    pub updates: HashMap<i64, Vec<MilestoneUpdate>>,
    /// The milestones of each project's newest approved plan, in the plan's order.
    pub milestones: Vec<MilestoneFact>,
    /// The budget of each project's newest approved plan, by project.
    pub budgets: HashMap<i64, i64>,
    pub open_escalations: Vec<EscalationFact>,
}

/// A milestone as the latest report sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneView {
    pub name: String,
    pub planned_on: NaiveDate,
    pub actual_on: Option<NaiveDate>,
    /// Reached, forecast, or as planned.
    pub expected_on: NaiveDate,
}

/// Where one project stands.
#[derive(Debug, Clone)]
pub struct ProjectStatus {
    pub project: ProjectFact,
    /// Its reports, one per period (the newest submitted version), the oldest first.
    pub reports: Vec<ReportFact>,
    pub trend: Option<Trend>,
    pub budget_sek: Option<i64>,
    pub deviation: Option<Deviation>,
    pub milestones: Vec<MilestoneView>,
    pub due_period: Period,
    /// The state of the report of `due_period`; none when the project does not owe it.
    pub due_state: Option<ReportState>,
    /// The states of the two periods before and at `due_period`, the older first.
    pub last_two_due: [Option<ReportState>; 2],
    pub open_escalations: usize,
}

impl ProjectStatus {
    /// The newest submitted version of the latest period reported.
    pub fn latest(&self) -> Option<&ReportFact> {
        self.reports.last()
    }

    pub fn overall(&self) -> Option<Light> {
        self.latest().and_then(ReportFact::overall)
    }

    pub fn report_of(&self, period: Period) -> Option<&ReportFact> {
        self.reports.iter().find(|r| r.period == period)
    }

    /// The first milestone not yet reached.
    pub fn next_milestone(&self) -> Option<&MilestoneView> {
        self.milestones.iter().find(|m| m.actual_on.is_none())
    }

    /// Whether every milestone of the plan is reached (false without milestones).
    pub fn all_milestones_reached(&self) -> bool {
        !self.milestones.is_empty() && self.milestones.iter().all(|m| m.actual_on.is_some())
    }

    /// The forecast at completion of the latest report.
    pub fn forecast_sek(&self) -> Option<i64> {
        self.latest().and_then(|r| r.forecast_sek)
    }

    /// What the portfolio's attention rule needs.
    pub fn attention_facts(&self) -> super::ProjectFacts {
        super::ProjectFacts {
            latest_overall: self.overall(),
            last_two_due: self.last_two_due,
            milestones: self
                .milestones
                .iter()
                .filter(|m| m.actual_on.is_none())
                .map(|m| (m.planned_on, m.expected_on))
                .collect(),
        }
    }
}

/// Assembles every project's status as of `today`, the projects in the order given.
pub fn statuses(facts: Facts, today: NaiveDate, due_day: u32) -> Vec<ProjectStatus> {
    let due_period = last_due_period(today, due_day);
    let mut reports: HashMap<i64, Vec<ReportFact>> = HashMap::with_capacity(facts.projects.len());
    for report in facts.reports {
        reports.entry(report.project_id).or_default().push(report);
    }
    let mut milestones: HashMap<i64, Vec<MilestoneFact>> = HashMap::new();
    for milestone in facts.milestones {
        milestones
            .entry(milestone.project_id)
            .or_default()
            .push(milestone);
    }
    let mut escalations: HashMap<i64, usize> = HashMap::new();
    for escalation in &facts.open_escalations {
        *escalations.entry(escalation.project_id).or_default() += 1;
    }
    facts
        .projects
        .into_iter()
        .map(|project| {
            let mut own = reports.remove(&project.id).unwrap_or_default();
            own.sort_by_key(|r| r.period);
            let trend = trend_of(&own);
            let updates = own
                .last()
                .and_then(|r| facts.updates.get(&r.id))
                .map_or(&[][..], Vec::as_slice);
            let milestones =
                milestone_views(milestones.remove(&project.id).unwrap_or_default(), updates);
            let budget_sek = facts.budgets.get(&project.id).copied();
            let forecast = own.last().and_then(|r| r.forecast_sek);
            let deviation = budget_sek.zip(forecast).map(|(b, f)| deviation(b, f));
            // A submitted report has its state whether or not the period was owed.
            let state_of = |period: Period| {
                let submitted = own
                    .iter()
                    .find(|r| r.period == period)
                    .and_then(|r| r.submitted_on);
                (submitted.is_some() || project.owes(period))
                    .then(|| ReportState::of(period, due_day, submitted, today))
            };
            let due_state = state_of(due_period);
            let last_two_due = [state_of(due_period.previous()), due_state];
            ProjectStatus {
                open_escalations: escalations.get(&project.id).copied().unwrap_or(0),
                project,
                reports: own,
                trend,
                budget_sek,
                deviation,
                milestones,
                due_period,
                due_state,
                last_two_due,
            }
        })
        .collect()
}

/// The latest overall light against the one reported for the period before it.
fn trend_of(reports: &[ReportFact]) -> Option<Trend> {
    let (latest, earlier) = reports.split_last()?;
    let now = latest.overall()?;
    Some(trend(earlier.last().and_then(ReportFact::overall), now))
}

fn milestone_views(
    milestones: Vec<MilestoneFact>,
    updates: &[MilestoneUpdate],
) -> Vec<MilestoneView> {
    milestones
        .into_iter()
        .map(|m| {
            let update = updates.iter().find(|u| u.milestone_id == m.id);
            let actual_on = m.actual_on.or(update.and_then(|u| u.actual_on));
            let expected_on = actual_on
                .or(update.and_then(|u| u.forecast_on))
                .unwrap_or(m.planned_on);
            MilestoneView {
                name: m.name,
                planned_on: m.planned_on,
                actual_on,
                expected_on,
            }
        })
        .collect()
}

/// Which overall light the portfolio is filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LightFilter {
    Is(Light),
    NotReported,
}

impl LightFilter {
    pub const NOT_REPORTED: &'static str = "none";

    /// `green`, `amber`, `red` or `none`.
    pub fn parse(raw: &str) -> Option<LightFilter> {
        match raw.trim() {
            LightFilter::NOT_REPORTED => Some(LightFilter::NotReported),
            other => Light::parse(other).ok().map(LightFilter::Is),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LightFilter::Is(light) => light.as_str(),
            LightFilter::NotReported => LightFilter::NOT_REPORTED,
        }
    }
}

/// What the portfolio is filtered by; a filter left out lets every project through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all be in the code or the name.
    pub query: String,
    pub unit_id: Option<i64>,
    pub board_id: Option<i64>,
    pub phase: Option<Phase>,
    pub light: Option<LightFilter>,
    pub lead_id: Option<i64>,
}

impl Filter {
    pub fn matches(&self, status: &ProjectStatus) -> bool {
        let p = &status.project;
        self.unit_id.is_none_or(|id| p.unit_id == id)
            && self.board_id.is_none_or(|id| p.board_id == id)
            && self.phase.is_none_or(|phase| p.phase == phase)
            && self.lead_id.is_none_or(|id| p.lead_id == Some(id))
            && self.light.is_none_or(|light| match light {
                LightFilter::Is(light) => status.overall() == Some(light),
                LightFilter::NotReported => status.overall().is_none(),
            })
            && matches_search(&self.query, &p.code, &p.name, "")
    }
}

/// A column the portfolio is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Code,
    Name,
    Unit,
    Phase,
    Lead,
    Overall,
    Trend,
    Deviation,
    Milestone,
    State,
    Escalations,
}

impl SortKey {
    pub const ALL: [SortKey; 11] = [
        SortKey::Code,
        SortKey::Name,
        SortKey::Unit,
        SortKey::Phase,
        SortKey::Lead,
        SortKey::Overall,
        SortKey::Trend,
        SortKey::Deviation,
        SortKey::Milestone,
        SortKey::State,
        SortKey::Escalations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Code => "code",
            SortKey::Name => "name",
            SortKey::Unit => "unit",
            SortKey::Phase => "phase",
            SortKey::Lead => "lead",
            SortKey::Overall => "overall",
            SortKey::Trend => "trend",
            SortKey::Deviation => "deviation",
            SortKey::Milestone => "milestone",
            SortKey::State => "state",
            SortKey::Escalations => "escalations",
        }
    }
}

/// The order of the portfolio: a column, ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::Code,
            descending: false,
        }
    }
}

impl Sort {
    /// `code`, or `-code` for descending; anything else is the default order (by code).
    pub fn parse(raw: &str) -> Sort {
        let raw = raw.trim();
        let (descending, name) = match raw.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, raw),
        };
        SortKey::ALL
            .into_iter()
            .find(|key| key.as_str() == name)
            .map_or_else(Sort::default, |key| Sort { key, descending })
    }

    /// The query value that asks for this order.
    pub fn param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.key.as_str())
    }

    /// The order a column's header link asks for: this column ascending, or descending when it is
    /// already sorted ascending by it.
    pub fn toggled(self, key: SortKey) -> Sort {
        Sort {
            key,
            descending: self.key == key && !self.descending,
        }
    }
}

/// Sorts the statuses by `sort`; ties in code order. A missing value (no light, no deviation, no
/// milestone) comes last either way.
pub fn sort<S: std::borrow::Borrow<ProjectStatus>>(statuses: &mut [S], sort: Sort) {
    statuses.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        let primary = compare(a, b, sort.key);
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        is_missing(a, sort.key)
            .cmp(&is_missing(b, sort.key))
            .then(primary)
            .then_with(|| a.project.code.cmp(&b.project.code))
    });
}

/// Whether the column `key` has no value for `status`.
fn is_missing(status: &ProjectStatus, key: SortKey) -> bool {
    match key {
        SortKey::Lead => status.project.lead_name.is_none(),
        SortKey::Overall => status.overall().is_none(),
        SortKey::Trend => status.trend.is_none(),
        SortKey::Deviation => status.deviation.is_none(),
        SortKey::Milestone => status.next_milestone().is_none(),
        SortKey::State => status.due_state.is_none(),
        SortKey::Code | SortKey::Name | SortKey::Unit | SortKey::Phase | SortKey::Escalations => {
            false
        }
    }
}

fn compare(a: &ProjectStatus, b: &ProjectStatus, key: SortKey) -> Ordering {
    let (pa, pb) = (&a.project, &b.project);
    match key {
        SortKey::Code => pa.code.cmp(&pb.code),
        SortKey::Name => pa.name.to_lowercase().cmp(&pb.name.to_lowercase()),
        SortKey::Unit => pa.unit_name.cmp(&pb.unit_name),
        SortKey::Phase => phase_rank(pa.phase).cmp(&phase_rank(pb.phase)),
        SortKey::Lead => missing_last(pa.lead_name.as_ref(), pb.lead_name.as_ref()),
        SortKey::Overall => missing_last(a.overall().as_ref(), b.overall().as_ref()),
        SortKey::Trend => missing_last(
            a.trend.map(trend_rank).as_ref(),
            b.trend.map(trend_rank).as_ref(),
        ),
        SortKey::Deviation => missing_last(
            a.deviation.map(deviation_rank).as_ref(),
            b.deviation.map(deviation_rank).as_ref(),
        ),
        SortKey::Milestone => missing_last(
            a.next_milestone().map(|m| m.expected_on).as_ref(),
            b.next_milestone().map(|m| m.expected_on).as_ref(),
        ),
        SortKey::State => missing_last(
            a.due_state.map(state_rank).as_ref(),
            b.due_state.map(state_rank).as_ref(),
        ),
        SortKey::Escalations => a.open_escalations.cmp(&b.open_escalations),
    }
}

fn missing_last<T: Ord>(a: Option<&T>, b: Option<&T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn phase_rank(phase: Phase) -> usize {
    Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0)
}

/// From improving to worsening.
fn trend_rank(trend: Trend) -> u8 {
    match trend {
        Trend::Better => 0,
        Trend::Same => 1,
        Trend::New => 2,
        Trend::Worse => 3,
    }
}

/// By percent where there is a budget, else by kronor.
fn deviation_rank(deviation: Deviation) -> (i64, i64) {
    (deviation.percent.unwrap_or(i64::MAX), deviation.sek)
}

/// From in order to worst.
fn state_rank(state: ReportState) -> u8 {
    match state {
        ReportState::Submitted => 0,
        ReportState::Open => 1,
        ReportState::SubmittedLate => 2,
        ReportState::Missing => 3,
    }
}

/// The deviation in tenths of a percent (12.5 % is 125), for files that keep a decimal; none
/// without a budget.
pub fn deviation_permille(budget_sek: i64, forecast_sek: i64) -> Option<i64> {
    (budget_sek > 0).then(|| {
        let over = i128::from(forecast_sek) - i128::from(budget_sek);
        let tenths = over * 1000 / i128::from(budget_sek);
        i64::try_from(tenths).unwrap_or(if tenths < 0 { i64::MIN } else { i64::MAX })
    })
}

/// Budget against forecast summed over a group of projects (a unit, a board). A project without
/// a forecast counts at its budget; one without an approved plan counts nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetSum {
    pub id: i64,
    pub name: String,
    pub budget_sek: i64,
    pub forecast_sek: i64,
    pub projects: usize,
}

impl BudgetSum {
    pub fn deviation(&self) -> Deviation {
        deviation(self.budget_sek, self.forecast_sek)
    }
}

/// Budget and forecast per unit and per board, each ordered by name.
pub fn budget_by_unit_and_board(statuses: &[ProjectStatus]) -> (Vec<BudgetSum>, Vec<BudgetSum>) {
    let mut units: HashMap<i64, BudgetSum> = HashMap::new();
    let mut boards: HashMap<i64, BudgetSum> = HashMap::new();
    for status in statuses {
        let Some(budget) = status.budget_sek else {
            continue;
        };
        let forecast = status.forecast_sek().unwrap_or(budget);
        let p = &status.project;
        for (sums, id, name) in [
            (&mut units, p.unit_id, &p.unit_name),
            (&mut boards, p.board_id, &p.board_name),
        ] {
            let sum = sums.entry(id).or_insert_with(|| BudgetSum {
                id,
                name: name.clone(),
                ..BudgetSum::default()
            });
            sum.budget_sek = sum.budget_sek.saturating_add(budget);
            sum.forecast_sek = sum.forecast_sek.saturating_add(forecast);
            sum.projects += 1;
        }
    }
    let ordered = |sums: HashMap<i64, BudgetSum>| {
        let mut sums: Vec<BudgetSum> = sums.into_values().collect();
        sums.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        sums
    };
    (ordered(units), ordered(boards))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn period(raw: &str) -> Period {
        Period::parse(raw).expect("a period")
    }

    fn project(id: i64, code: &str) -> ProjectFact {
        ProjectFact {
            id,
            code: code.to_owned(),
            name: format!("Projekt {code}"),
            unit_id: 1,
            unit_name: "Äldreenheten".to_owned(),
            board_id: 1,
            board_name: "Äldrenämnden".to_owned(),
            phase: Phase::Execution,
            lead_id: Some(7),
            lead_name: Some("Lena".to_owned()),
            planning_began: Some(day(2026, 1, 10)),
        }
    }

    fn report(id: i64, project_id: i64, p: &str, overall: Light, on: NaiveDate) -> ReportFact {
        ReportFact {
            id,
            project_id,
            period: period(p),
            version: 1,
            lights: [Some(overall); 6],
            forecast_sek: Some(1_150_000),
            submitted_on: Some(on),
        }
    }

    #[test]
    fn the_last_due_period_is_the_latest_whose_due_day_has_come() {
        assert_eq!(last_due_period(day(2026, 12, 4), 5), period("2026-10"));
        assert_eq!(last_due_period(day(2026, 12, 5), 5), period("2026-11"));
        assert_eq!(last_due_period(day(2027, 1, 20), 5), period("2026-12"));
    }

    fn facts() -> Facts {
        Facts {
            projects: vec![project(1, "A-1"), project(2, "B-2")],
            reports: vec![
                report(11, 1, "2026-11", Light::Amber, day(2026, 12, 3)),
                report(10, 1, "2026-10", Light::Green, day(2026, 11, 2)),
            ],
            updates: HashMap::from([(
                11,
                vec![MilestoneUpdate {
                    milestone_id: 5,
                    actual_on: Some(day(2026, 11, 20)),
                    forecast_on: None,
                }],
            )]),
            milestones: vec![
                MilestoneFact {
                    id: 5,
                    project_id: 1,
                    name: "Upphandling".into(),
                    planned_on: day(2026, 11, 1),
                    actual_on: None,
                },
                MilestoneFact {
                    id: 6,
                    project_id: 1,
                    name: "Drift".into(),
                    planned_on: day(2027, 3, 1),
                    actual_on: None,
                },
            ],
            budgets: HashMap::from([(1, 1_000_000), (2, 500_000)]),
            open_escalations: vec![EscalationFact {
                id: 1,
                project_id: 2,
                report_id: 99,
                text: "Mer pengar".into(),
                kind: Some(EscalationKind::Economic),
                to: Some(EscalationTo::ManagementGroup),
                raised_on: None,
            }],
        }
    }

    #[test]
    fn a_status_has_the_latest_lights_trend_deviation_milestone_and_state() {
        let all = statuses(facts(), day(2026, 12, 10), 5);
        let a = &all[0];
        assert_eq!(a.overall(), Some(Light::Amber));
        assert_eq!(a.trend, Some(Trend::Worse));
        assert_eq!(
            a.deviation,
            Some(Deviation {
                sek: 150_000,
                percent: Some(15)
            })
        );
        let next = a.next_milestone().expect("one left");
        assert_eq!(next.name, "Drift");
        assert!(!a.all_milestones_reached());
        assert_eq!(a.due_period, period("2026-11"));
        assert_eq!(a.due_state, Some(ReportState::Submitted));
        assert_eq!(a.open_escalations, 0);
        let b = &all[1];
        assert_eq!(b.overall(), None);
        assert_eq!(b.trend, None);
        assert_eq!(b.deviation, None);
        assert_eq!(b.due_state, Some(ReportState::Missing));
        assert_eq!(b.last_two_due, [Some(ReportState::Missing); 2]);
        assert_eq!(b.open_escalations, 1);
    }

    #[test]
    fn a_project_does_not_owe_periods_before_its_planning_began() {
        let mut facts = facts();
        facts.projects[1].planning_began = Some(day(2026, 12, 1));
        let all = statuses(facts, day(2026, 12, 10), 5);
        assert_eq!(all[1].due_state, None);
    }

    #[test]
    fn filters_narrow_and_sorts_order_both_ways() {
        let mut all = statuses(facts(), day(2026, 12, 10), 5);
        let by = |filter: Filter| all.iter().filter(|s| filter.matches(s)).count();
        assert_eq!(by(Filter::default()), 2);
        assert_eq!(
            by(Filter {
                light: LightFilter::parse("amber"),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            by(Filter {
                light: LightFilter::parse("none"),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            by(Filter {
                query: "B-2".into(),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            by(Filter {
                lead_id: Some(8),
                ..Filter::default()
            }),
            0
        );
        sort(&mut all, Sort::parse("-code"));
        assert_eq!(all[0].project.code, "B-2");
        sort(&mut all, Sort::parse("overall"));
        assert_eq!(all[0].project.code, "A-1");
        // Not reported comes last either way.
        sort(&mut all, Sort::parse("-overall"));
        assert_eq!(all[0].project.code, "A-1");
        sort(&mut all, Sort::parse("-escalations"));
        assert_eq!(all[0].project.code, "B-2");
        assert_eq!(Sort::parse("nonsense"), Sort::default());
        assert_eq!(Sort::parse("-state").param(), "-state");
        assert!(Sort::parse("code").toggled(SortKey::Code).descending);
        assert!(!Sort::parse("-code").toggled(SortKey::Code).descending);
        assert!(!Sort::parse("code").toggled(SortKey::Name).descending);
    }

    #[test]
    fn budgets_sum_per_unit_and_board_with_the_budget_where_no_forecast() {
        let all = statuses(facts(), day(2026, 12, 10), 5);
        let (units, boards) = budget_by_unit_and_board(&all);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].budget_sek, 1_500_000);
        assert_eq!(units[0].forecast_sek, 1_650_000);
        assert_eq!(boards[0].projects, 2);
        assert_eq!(deviation_permille(1_000_000, 1_125_000), Some(125));
        assert_eq!(deviation_permille(0, 5), None);
    }
}

//! The monthly status report (statusrapport): its period and when it is due, its traffic lights,
//! the lights Styr computes from the plan's tolerances, and the rule that an exception report
//! escalates to the steering group.
//!
//! Pure: the periods, lights and rules here are decided from plain values, so each is tested on
//! its own. How a report is drafted, submitted and revised is the document workflow's
//! (`domain::document`).

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

use super::phase::Phase;
use super::validation::{FieldErrors, optional_amount_sek, optional_date, optional_text};

pub const TEXT_MAX: usize = 10_000;
pub const COMMENT_MAX: usize = 2_000;

/// A traffic light. Every light is shown with a word or symbol as well as its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Green,
    Amber,
    Red,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Green, Light::Amber, Light::Red];

    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Amber => "amber",
            Light::Red => "red",
        }
    }

    pub fn parse(raw: &str) -> Result<Light, &'static str> {
        Light::ALL
            .into_iter()
            .find(|l| l.as_str() == raw.trim())
            .ok_or("error-light")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Light::Green => "light-green",
            Light::Amber => "light-amber",
            Light::Red => "light-red",
        }
    }
}

/// What a report's lights are given for: the whole, and five dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aspect {
    Overall,
    Time,
    Cost,
    Scope,
    Resources,
    Risk,
}

impl Aspect {
    pub const ALL: [Aspect; 6] = [
        Aspect::Overall,
        Aspect::Time,
        Aspect::Cost,
        Aspect::Scope,
        Aspect::Resources,
        Aspect::Risk,
    ];

    /// The form field of the light; the comment's is this with `_comment`.
    pub fn field(self) -> &'static str {
        match self {
            Aspect::Overall => "overall",
            Aspect::Time => "time",
            Aspect::Cost => "cost",
            Aspect::Scope => "scope",
            Aspect::Resources => "resources",
            Aspect::Risk => "risk",
        }
    }

    pub fn comment_field(self) -> &'static str {
        match self {
            Aspect::Overall => "overall_comment",
            Aspect::Time => "time_comment",
            Aspect::Cost => "cost_comment",
            Aspect::Scope => "scope_comment",
            Aspect::Resources => "resources_comment",
            Aspect::Risk => "risk_comment",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Aspect::Overall => "report-aspect-overall",
            Aspect::Time => "report-aspect-time",
            Aspect::Cost => "report-aspect-cost",
            Aspect::Scope => "report-aspect-scope",
            Aspect::Resources => "report-aspect-resources",
            Aspect::Risk => "report-aspect-risk",
        }
    }
}

/// A calendar month a report covers, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    /// The period `raw` names, as `YYYY-MM`.
    pub fn parse(raw: &str) -> Result<Period, &'static str> {
        let raw = raw.trim();
        let (year, month) = raw.split_once('-').ok_or("error-period")?;
        if year.len() != 4 || month.len() != 2 {
            return Err("error-period");
        }
        let year = year.parse().map_err(|_| "error-period")?;
        let month = month.parse().map_err(|_| "error-period")?;
        Period::new(year, month).ok_or("error-period")
    }

    /// The period `date` falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a period is a valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .expect("a month has a last day")
    }

    pub fn next(self) -> Period {
        Period::of(self.first_day() + Months::new(1))
    }

    pub fn previous(self) -> Period {
        Period::of(self.first_day() - Months::new(1))
    }

    /// The day the report for this period is due: `due_day` of the following month, or that
    /// month's last day when it is shorter.
    pub fn due_on(self, due_day: u32) -> NaiveDate {
        let next = self.next();
        let day = due_day.clamp(1, next.last_day().day());
        NaiveDate::from_ymd_opt(next.year, next.month, day).expect("a clamped day exists")
    }

    /// The `count` periods that end with this one, oldest first.
    pub fn last(self, count: usize) -> Vec<Period> {
        let mut periods: Vec<Period> = std::iter::successors(Some(self), |p| Some(p.previous()))
            .take(count)
            .collect();
        periods.reverse();
        periods
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The periods a lead is asked to report on `today`: the two months before this one (due, or late)
/// and the running month, which may be reported on already. The oldest first.
pub fn periods_to_report(today: NaiveDate) -> [Period; 3] {
    let running = Period::of(today);
    let previous = running.previous();
    [previous.previous(), previous, running]
}

/// Whether a project in `phase` owes monthly reports: from planning until it closes.
pub fn owes_reports(phase: Phase) -> bool {
    matches!(phase, Phase::Planning | Phase::Execution | Phase::Closing)
}

/// Where the report of one period stands, as the portfolio shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    /// Submitted by the due day.
    Submitted,
    /// Submitted after the due day.
    SubmittedLate,
    /// Not submitted, and not yet due (the period runs, or the due day has not passed).
    Open,
    /// Not submitted, and the due day has passed: late, shown grey, not reported.
    Missing,
}

impl ReportState {
    pub fn of(
        period: Period,
        due_day: u32,
        submitted_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        let due = period.due_on(due_day);
        match submitted_on {
            Some(on) if on <= due => ReportState::Submitted,
            Some(_) => ReportState::SubmittedLate,
            None if today <= due => ReportState::Open,
            None => ReportState::Missing,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ReportState::Submitted => "report-state-submitted",
            ReportState::SubmittedLate => "report-state-submitted-late",
            ReportState::Open => "report-state-open",
            ReportState::Missing => "report-state-missing",
        }
    }
}

/// How a light moved since the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Better,
    Same,
    Worse,
    /// No light the period before to compare with.
    New,
}

pub fn trend(previous: Option<Light>, now: Light) -> Trend {
    match previous {
        None => Trend::New,
        Some(before) if now < before => Trend::Better,
        Some(before) if now > before => Trend::Worse,
        Some(_) => Trend::Same,
    }
}

/// The approved plan's tolerances: how far the forecasts may go before the report is an
/// exception report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerances {
    /// Days a milestone may slip.
    pub time_days: i64,
    /// Percent the forecast at completion may go above the budget.
    pub cost_percent: i64,
}

/// A milestone of the approved plan with the date the report now forecasts for it (its actual
/// date once reached).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneForecast {
    pub planned_on: NaiveDate,
    pub forecast_on: NaiveDate,
}

impl MilestoneForecast {
    /// Days late; negative or zero when on time.
    pub fn slip_days(&self) -> i64 {
        (self.forecast_on - self.planned_on).num_days()
    }
}

/// The light Styr computes for time: green when no milestone slips, amber within the tolerance,
/// red beyond it.
pub fn computed_time_light(milestones: &[MilestoneForecast], tolerances: Tolerances) -> Light {
    let slip = milestones
        .iter()
        .map(MilestoneForecast::slip_days)
        .max()
        .unwrap_or(0);
    band(slip, tolerances.time_days)
}

/// The light Styr computes for cost: green when the forecast at completion is within the budget,
/// amber within the tolerance above it, red beyond. Whole-kronor arithmetic in i128, so no amount
/// can overflow it.
pub fn computed_cost_light(budget_sek: i64, forecast_sek: i64, tolerances: Tolerances) -> Light {
    let over = i128::from(forecast_sek) - i128::from(budget_sek);
    if over <= 0 {
        return Light::Green;
    }
    // Beyond the tolerance when over / budget > percent / 100.
    if over * 100 > i128::from(budget_sek) * i128::from(tolerances.cost_percent) {
        Light::Red
    } else {
        Light::Amber
    }
}

fn band(excess: i64, tolerance: i64) -> Light {
    if excess <= 0 {
        Light::Green
    } else if excess <= tolerance {
        Light::Amber
    } else {
        Light::Red
    }
}

/// Whether a report whose computed lights are these is an exception report: a forecast beyond a
/// tolerance.
pub fn is_exception(time: Light, cost: Light) -> bool {
    time == Light::Red || cost == Light::Red
}

/// Who an escalation is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EscalationTo {
    SteeringGroup,
    DevelopmentManager,
    ManagementGroup,
}

impl EscalationTo {
    pub const ALL: [EscalationTo; 3] = [
        EscalationTo::SteeringGroup,
        EscalationTo::DevelopmentManager,
        EscalationTo::ManagementGroup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EscalationTo::SteeringGroup => "steering_group",
            EscalationTo::DevelopmentManager => "development_manager",
            EscalationTo::ManagementGroup => "management_group",
        }
    }

    pub fn parse(raw: &str) -> Result<EscalationTo, &'static str> {
        EscalationTo::ALL
            .into_iter()
            .find(|e| e.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            EscalationTo::SteeringGroup => "escalation-to-steering-group",
            EscalationTo::DevelopmentManager => "escalation-to-development-manager",
            EscalationTo::ManagementGroup => "escalation-to-management-group",
        }
    }
}

/// What an escalation asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EscalationKind {
    Strategic,
    Economic,
}

impl EscalationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EscalationKind::Strategic => "strategic",
            EscalationKind::Economic => "economic",
        }
    }

    pub fn parse(raw: &str) -> Result<EscalationKind, &'static str> {
        [EscalationKind::Strategic, EscalationKind::Economic]
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            EscalationKind::Strategic => "escalation-kind-strategic",
            EscalationKind::Economic => "escalation-kind-economic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub text: String,
    pub kind: EscalationKind,
    pub to: EscalationTo,
}

/// A report as the lead types it (the names are the form's fields).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub overall: String,
    pub time: String,
    pub cost: String,
    pub scope: String,
    pub resources: String,
    pub risk: String,
    pub overall_comment: String,
    pub time_comment: String,
    pub cost_comment: String,
    pub scope_comment: String,
    pub resources_comment: String,
    pub risk_comment: String,
    pub done: String,
    pub next: String,
    pub risks: String,
    pub cost_to_date: String,
    pub forecast: String,
    pub escalation_text: String,
    pub escalation_kind: String,
    pub escalation_to: String,
}

impl ReportForm {
    /// The form's fields among posted pairs; other pairs (the milestone updates, the CSRF token)
    /// are left for their own parsing. The last value of a repeated field wins.
    pub fn from_pairs(pairs: &[(String, String)]) -> ReportForm {
        let mut form = ReportForm::default();
        for (name, value) in pairs {
            if let Some(slot) = form.field_mut(name) {
                slot.clone_from(value);
            }
        }
        form
    }

    /// Whether any of the report's own fields was posted.
    pub fn posted_in(pairs: &[(String, String)]) -> bool {
        let mut probe = ReportForm::default();
        pairs
            .iter()
            .any(|(name, _)| probe.field_mut(name).is_some())
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "overall" => &mut self.overall,
            "time" => &mut self.time,
            "cost" => &mut self.cost,
            "scope" => &mut self.scope,
            "resources" => &mut self.resources,
            "risk" => &mut self.risk,
            "overall_comment" => &mut self.overall_comment,
            "time_comment" => &mut self.time_comment,
            "cost_comment" => &mut self.cost_comment,
            "scope_comment" => &mut self.scope_comment,
            "resources_comment" => &mut self.resources_comment,
            "risk_comment" => &mut self.risk_comment,
            "done" => &mut self.done,
            "next" => &mut self.next,
            "risks" => &mut self.risks,
            "cost_to_date" => &mut self.cost_to_date,
            "forecast" => &mut self.forecast,
            "escalation_text" => &mut self.escalation_text,
            "escalation_kind" => &mut self.escalation_kind,
            "escalation_to" => &mut self.escalation_to,
            _ => return None,
        })
    }

    /// The form that shows `content` again, with no new escalation typed.
    pub fn of(content: &ReportContent) -> ReportForm {
        let mut form = ReportForm {
            done: content.done.clone(),
            next: content.next.clone(),
            risks: content.risks.clone(),
            cost_to_date: content
                .cost_to_date_sek
                .map(|a| a.to_string())
                .unwrap_or_default(),
            forecast: content
                .forecast_sek
                .map(|a| a.to_string())
                .unwrap_or_default(),
            ..ReportForm::default()
        };
        for rated in &content.lights {
            if let Some(slot) = form.field_mut(rated.aspect.field()) {
                *slot = rated.light.as_str().to_owned();
            }
            if let Some(slot) = form.field_mut(rated.aspect.comment_field()) {
                slot.clone_from(&rated.comment);
            }
        }
        form
    }

    fn light(&self, aspect: Aspect) -> &str {
        match aspect {
            Aspect::Overall => &self.overall,
            Aspect::Time => &self.time,
            Aspect::Cost => &self.cost,
            Aspect::Scope => &self.scope,
            Aspect::Resources => &self.resources,
            Aspect::Risk => &self.risk,
        }
    }

    fn comment(&self, aspect: Aspect) -> &str {
        match aspect {
            Aspect::Overall => &self.overall_comment,
            Aspect::Time => &self.time_comment,
            Aspect::Cost => &self.cost_comment,
            Aspect::Scope => &self.scope_comment,
            Aspect::Resources => &self.resources_comment,
            Aspect::Risk => &self.risk_comment,
        }
    }
}

/// One light with its comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub aspect: Aspect,
    pub light: Light,
    pub comment: String,
}

/// A report's content, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportContent {
    /// The overall light first, then the five dimensions, in [`Aspect::ALL`]'s order.
    pub lights: Vec<Rated>,
    pub done: String,
    pub next: String,
    pub risks: String,
    pub cost_to_date_sek: Option<i64>,
    pub forecast_sek: Option<i64>,
    pub escalation: Option<Escalation>,
}

impl ReportContent {
    pub fn light(&self, aspect: Aspect) -> Option<Light> {
        self.lights
            .iter()
            .find(|r| r.aspect == aspect)
            .map(|r| r.light)
    }
}

/// Parses a report to submit: every light on the scale, a comment for every light that is not
/// green, amounts whole and not negative, and an escalation either whole or not there at all.
pub fn parse_report(form: &ReportForm) -> Result<ReportContent, FieldErrors> {
    parse(form, Completeness::Whole)
}

/// Parses a draft: as [`parse_report`], except that a light not yet chosen is left out.
pub fn parse_draft(form: &ReportForm) -> Result<ReportContent, FieldErrors> {
    parse(form, Completeness::Draft)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Completeness {
    Whole,
    Draft,
}

fn parse(form: &ReportForm, completeness: Completeness) -> Result<ReportContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut lights = Vec::new();
    for aspect in Aspect::ALL {
        let raw = form.light(aspect);
        if completeness == Completeness::Draft && raw.trim().is_empty() {
            continue;
        }
        let light = errors.check(aspect.field(), Light::parse(raw));
        let comment = errors.check(
            aspect.comment_field(),
            optional_text(form.comment(aspect), COMMENT_MAX),
        );
        if let (Some(light), Some(comment)) = (light, comment) {
            if light != Light::Green && comment.is_empty() {
                errors.add(aspect.comment_field(), "error-light-comment");
            } else {
                lights.push(Rated {
                    aspect,
                    light,
                    comment,
                });
            }
        }
    }
    let done = errors.check("done", optional_text(&form.done, TEXT_MAX));
    let next = errors.check("next", optional_text(&form.next, TEXT_MAX));
    let risks = errors.check("risks", optional_text(&form.risks, TEXT_MAX));
    let cost_to_date = errors.check("cost_to_date", optional_amount_sek(&form.cost_to_date));
    let forecast = errors.check("forecast", optional_amount_sek(&form.forecast));
    let escalation = parse_escalation(form, &mut errors);
    errors.into_result(|| ReportContent {
        lights,
        done: done.unwrap_or_default(),
        next: next.unwrap_or_default(),
        risks: risks.unwrap_or_default(),
        cost_to_date_sek: cost_to_date.flatten(),
        forecast_sek: forecast.flatten(),
        escalation: escalation.flatten(),
    })
}

/// The escalation of the form: none when all three fields are empty; otherwise each must be given.
fn parse_escalation(form: &ReportForm, errors: &mut FieldErrors) -> Option<Option<Escalation>> {
    let text = optional_text(&form.escalation_text, TEXT_MAX);
    let blank = form.escalation_kind.trim().is_empty() && form.escalation_to.trim().is_empty();
    if matches!(&text, Ok(t) if t.is_empty()) && blank {
        return Some(None);
    }
    let text = match text {
        Ok(t) if t.is_empty() => Err("error-required"),
        other => other,
    };
    let text = errors.check("escalation_text", text);
    let kind = errors.check(
        "escalation_kind",
        EscalationKind::parse(&form.escalation_kind),
    );
    let to = errors.check("escalation_to", EscalationTo::parse(&form.escalation_to));
    match (text, kind, to) {
        (Some(text), Some(kind), Some(to)) => Some(Some(Escalation { text, kind, to })),
        _ => None,
    }
}

/// The period a new report may be made for: not in the future (the running month may be reported
/// on), and not before the month the project's planning began.
pub fn check_period(
    period: Period,
    planning_began: NaiveDate,
    today: NaiveDate,
) -> Result<(), &'static str> {
    if period > Period::of(today) {
        Err("error-period-future")
    } else if period < Period::of(planning_began) {
        Err("error-period-before-planning")
    } else {
        Ok(())
    }
}

/// The period a new report is offered for: the most recent one, from the running month back to
/// the month planning began, that has no report yet.
pub fn default_period(
    today: NaiveDate,
    planning_began: NaiveDate,
    taken: &[Period],
) -> Option<Period> {
    let first = Period::of(planning_began);
    std::iter::successors(Some(Period::of(today)), |p| Some(p.previous()))
        .take_while(|p| *p >= first)
        .find(|p| !taken.contains(p))
}

/// The periods a project's report page lists, newest first: every period from the month planning
/// began to the running month when the project owes reports (at most `max` of them), and every
/// period that has a report.
pub fn listed_periods(
    owed_since: Option<NaiveDate>,
    today: NaiveDate,
    with_reports: &[Period],
    max: usize,
) -> Vec<Period> {
    let mut periods: Vec<Period> = with_reports.to_vec();
    if let Some(began) = owed_since {
        let first = Period::of(began);
        periods.extend(
            std::iter::successors(Some(Period::of(today)), |p| Some(p.previous()))
                .take_while(|p| *p >= first)
                .take(max),
        );
    }
    periods.sort_unstable_by(|a, b| b.cmp(a));
    periods.dedup();
    periods
}

/// Parses an escalation added on its own to a draft: its text, kind and addressee, all required.
pub fn parse_new_escalation(form: &ReportForm) -> Result<Escalation, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = match optional_text(&form.escalation_text, TEXT_MAX) {
        Ok(t) if t.is_empty() => Err("error-required"),
        other => other,
    };
    let text = errors.check("escalation_text", text);
    let kind = errors.check(
        "escalation_kind",
        EscalationKind::parse(&form.escalation_kind),
    );
    let to = errors.check("escalation_to", EscalationTo::parse(&form.escalation_to));
    match (text, kind, to) {
        (Some(text), Some(kind), Some(to)) if errors.is_empty() => {
            Ok(Escalation { text, kind, to })
        }
        _ => Err(errors),
    }
}

/// Whether a report may be submitted: every light given (`parse_report` checks the rest), and an
/// exception report escalates to the steering group among `escalations`, the report's raised and
/// new ones.
pub fn check_submittable(
    exception: bool,
    escalations: impl IntoIterator<Item = EscalationTo>,
) -> Result<(), FieldErrors> {
    let escalates_to_steering_group = escalations
        .into_iter()
        .any(|to| to == EscalationTo::SteeringGroup);
    if exception && !escalates_to_steering_group {
        return Err(FieldErrors::from(super::validation::FieldError {
            field: "escalation_to".into(),
            key: "error-exception-needs-escalation",
        }));
    }
    Ok(())
}

/// A milestone update as the lead types it: fields `milestone_{id}_actual` and
/// `milestone_{id}_forecast` for each milestone `id` of the plan.
pub fn milestone_field(id: i64, which: &str) -> String {
    format!("milestone_{id}_{which}")
}

/// A report's update of one of the plan's milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneUpdate {
    pub milestone_id: i64,
    pub actual_on: Option<NaiveDate>,
    pub forecast_on: Option<NaiveDate>,
}

impl MilestoneUpdate {
    /// The date the milestone is now expected on, as of the day `as_of`: the day it was reached,
    /// else its forecast, else as planned — but a milestone not reached is never expected before
    /// `as_of`, whatever its forecast says.
    pub fn expected_on(&self, planned_on: NaiveDate, as_of: NaiveDate) -> NaiveDate {
        match self.actual_on {
            Some(reached) => reached,
            None => self.forecast_on.unwrap_or(planned_on).max(as_of),
        }
    }

    /// The date a milestone the report says nothing of is expected on: as planned, or `as_of`
    /// once that has passed.
    pub fn unreported(planned_on: NaiveDate, as_of: NaiveDate) -> NaiveDate {
        planned_on.max(as_of)
    }
}

/// Parses the updates of `milestone_ids` from posted pairs: dates `YYYY-MM-DD` or empty; an
/// actual date is not after `today`.
pub fn parse_milestone_updates(
    pairs: &[(String, String)],
    milestone_ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<MilestoneUpdate>, FieldErrors> {
    let value = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut errors = FieldErrors::new();
    let mut updates = Vec::new();
    for &id in milestone_ids {
        let actual_field = milestone_field(id, "actual");
        let forecast_field = milestone_field(id, "forecast");
        let actual = optional_date(value(&actual_field)).and_then(|date| match date {
            Some(on) if on > today => Err("error-actual-in-future"),
            other => Ok(other),
        });
        let actual = errors.check(actual_field, actual);
        let forecast = errors.check(
            forecast_field.clone(),
            optional_date(value(&forecast_field)),
        );
        if let (Some(actual_on), Some(forecast_on)) = (actual, forecast) {
            updates.push(MilestoneUpdate {
                milestone_id: id,
                actual_on,
                forecast_on,
            });
        }
    }
    errors.into_result(|| updates)
}

/// A milestone of the approved plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanMilestone {
    pub id: i64,
    pub name: String,
    pub planned_on: NaiveDate,
}

/// What a report is measured against: the project's newest approved plan, its budget (the sum of
/// its budget lines), tolerances and milestones.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanBasis {
    pub plan_id: i64,
    pub budget_sek: i64,
    pub time_tolerance_days: i64,
    pub cost_tolerance_percent: i64,
    pub milestones: Vec<PlanMilestone>,
}

impl PlanBasis {
    pub fn tolerances(&self) -> Tolerances {
        Tolerances {
            time_days: self.time_tolerance_days,
            cost_percent: self.cost_tolerance_percent,
        }
    }

    pub fn milestone_ids(&self) -> Vec<i64> {
        self.milestones.iter().map(|m| m.id).collect()
    }

    /// The lights Styr computes for time and cost from a report's milestone updates and forecast
    /// at completion (no forecast: nothing to measure, green), as of the day `as_of` (the day a
    /// version was submitted; today for a draft): a milestone neither reached nor forecast is
    /// expected no earlier than that day.
    pub fn computed(
        &self,
        updates: &[MilestoneUpdate],
        forecast_sek: Option<i64>,
        as_of: NaiveDate,
    ) -> Computed {
        let forecasts: Vec<MilestoneForecast> = self
            .milestones
            .iter()
            .map(|milestone| MilestoneForecast {
                planned_on: milestone.planned_on,
                forecast_on: updates
                    .iter()
                    .find(|u| u.milestone_id == milestone.id)
                    .map_or(
                        MilestoneUpdate::unreported(milestone.planned_on, as_of),
                        |u| u.expected_on(milestone.planned_on, as_of),
                    ),
            })
            .collect();
        let time = computed_time_light(&forecasts, self.tolerances());
        let cost = forecast_sek.map_or(Light::Green, |forecast| {
            computed_cost_light(self.budget_sek, forecast, self.tolerances())
        });
        Computed { time, cost }
    }
}

/// The lights Styr computes for a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    pub time: Light,
    pub cost: Light,
}

impl Computed {
    /// A forecast beyond a tolerance: the report is an exception report.
    pub fn is_exception(self) -> bool {
        is_exception(self.time, self.cost)
    }
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

    #[test]
    fn periods_are_months_written_yyyy_mm() {
        assert_eq!(period("2026-12").to_string(), "2026-12");
        assert_eq!(period(" 2027-01 ").month(), 1);
        for bad in [
            "2026-13", "2026-00", "2026-1", "26-01", "2026/01", "", "20x6-01",
        ] {
            assert_eq!(Period::parse(bad), Err("error-period"), "{bad:?}");
        }
        assert_eq!(period("2026-12").next(), period("2027-01"));
        assert_eq!(period("2027-01").previous(), period("2026-12"));
        assert_eq!(period("2028-02").last_day(), day(2028, 2, 29));
        assert_eq!(Period::of(day(2026, 12, 31)), period("2026-12"));
        assert_eq!(
            period("2026-02").last(3),
            [period("2025-12"), period("2026-01"), period("2026-02")]
        );
    }

    #[test]
    fn a_lead_is_asked_about_the_two_months_before_and_the_running_one() {
        assert_eq!(
            periods_to_report(day(2027, 1, 15)),
            [period("2026-11"), period("2026-12"), period("2027-01")]
        );
    }

    #[test]
    fn a_report_is_due_on_the_due_day_of_the_following_month() {
        assert_eq!(period("2026-11").due_on(5), day(2026, 12, 5));
        assert_eq!(period("2026-12").due_on(5), day(2027, 1, 5));
        // A due day past the end of a short month is its last day.
        assert_eq!(period("2027-01").due_on(31), day(2027, 2, 28));
        assert_eq!(period("2027-01").due_on(0), day(2027, 2, 1));
    }

    #[test]
    fn the_state_of_a_period_follows_the_due_day() {
        let november = period("2026-11");
        let state = |submitted, today| ReportState::of(november, 5, submitted, today);
        assert_eq!(state(None, day(2026, 11, 20)), ReportState::Open);
        assert_eq!(state(None, day(2026, 12, 5)), ReportState::Open);
        assert_eq!(state(None, day(2026, 12, 6)), ReportState::Missing);
        assert_eq!(
            state(Some(day(2026, 12, 5)), day(2026, 12, 20)),
            ReportState::Submitted
        );
        assert_eq!(
            state(Some(day(2026, 12, 6)), day(2026, 12, 20)),
            ReportState::SubmittedLate
        );
    }

    #[test]
    fn reports_are_owed_from_planning_until_closing() {
        let owing: Vec<Phase> = Phase::ALL
            .into_iter()
            .filter(|p| owes_reports(*p))
            .collect();
        assert_eq!(owing, [Phase::Planning, Phase::Execution, Phase::Closing]);
    }

    #[test]
    fn lights_are_ordered_from_green_to_red_and_trends_follow() {
        assert_eq!(trend(None, Light::Red), Trend::New);
        assert_eq!(trend(Some(Light::Red), Light::Amber), Trend::Better);
        assert_eq!(trend(Some(Light::Green), Light::Amber), Trend::Worse);
        assert_eq!(trend(Some(Light::Amber), Light::Amber), Trend::Same);
        assert_eq!(Light::parse("purple"), Err("error-light"));
        assert_eq!(Light::parse(" red "), Ok(Light::Red));
    }

    const TOLERANCES: Tolerances = Tolerances {
        time_days: 14,
        cost_percent: 10,
    };

    fn milestone(planned: NaiveDate, forecast: NaiveDate) -> MilestoneForecast {
        MilestoneForecast {
            planned_on: planned,
            forecast_on: forecast,
        }
    }

    #[test]
    fn the_time_light_is_the_worst_slip_against_the_tolerance() {
        let planned = day(2027, 3, 1);
        let light = |slips: &[i64]| {
            let milestones: Vec<_> = slips
                .iter()
                .map(|d| milestone(planned, planned + chrono::Duration::days(*d)))
                .collect();
            computed_time_light(&milestones, TOLERANCES)
        };
        assert_eq!(light(&[]), Light::Green);
        assert_eq!(light(&[-3, 0]), Light::Green);
        assert_eq!(light(&[0, 1]), Light::Amber);
        assert_eq!(light(&[14]), Light::Amber);
        assert_eq!(light(&[2, 15]), Light::Red);
    }

    #[test]
    fn the_cost_light_is_the_forecast_against_the_budget_and_its_tolerance() {
        assert_eq!(
            computed_cost_light(1_000_000, 900_000, TOLERANCES),
            Light::Green
        );
        assert_eq!(
            computed_cost_light(1_000_000, 1_000_000, TOLERANCES),
            Light::Green
        );
        assert_eq!(
            computed_cost_light(1_000_000, 1_000_001, TOLERANCES),
            Light::Amber
        );
        assert_eq!(
            computed_cost_light(1_000_000, 1_100_000, TOLERANCES),
            Light::Amber
        );
        assert_eq!(
            computed_cost_light(1_000_000, 1_100_001, TOLERANCES),
            Light::Red
        );
        // No budget at all: any cost is beyond it.
        assert_eq!(computed_cost_light(0, 1, TOLERANCES), Light::Red);
        // Amounts at the extremes do not overflow.
        assert_eq!(
            computed_cost_light(i64::MAX, i64::MAX, TOLERANCES),
            Light::Green
        );
        assert_eq!(computed_cost_light(1, i64::MAX, TOLERANCES), Light::Red);
    }

    fn form(lights: [&str; 6]) -> ReportForm {
        ReportForm {
            overall: lights[0].into(),
            time: lights[1].into(),
            cost: lights[2].into(),
            scope: lights[3].into(),
            resources: lights[4].into(),
            risk: lights[5].into(),
            done: "Upphandlingen är klar.".into(),
            next: "Avtalet skrivs.".into(),
            cost_to_date: "120 000".into(),
            forecast: "950 000".into(),
            ..ReportForm::default()
        }
    }

    #[test]
    fn a_green_report_needs_no_comments() {
        let content = parse_report(&form(["green"; 6])).expect("parsed");
        assert_eq!(content.lights.len(), 6);
        assert_eq!(content.light(Aspect::Cost), Some(Light::Green));
        assert_eq!(content.cost_to_date_sek, Some(120_000));
        assert_eq!(content.forecast_sek, Some(950_000));
        assert_eq!(content.escalation, None);
    }

    #[test]
    fn every_light_that_is_not_green_needs_a_comment() {
        let mut amber = form(["amber", "red", "green", "green", "amber", "green"]);
        let errors = parse_report(&amber).expect_err("refused");
        assert_eq!(errors.get("overall_comment"), Some("error-light-comment"));
        assert_eq!(errors.get("time_comment"), Some("error-light-comment"));
        assert_eq!(errors.get("resources_comment"), Some("error-light-comment"));
        assert_eq!(errors.get("cost_comment"), None);
        amber.overall_comment = "Leverantören är sen.".into();
        amber.time_comment = "Tre veckor efter plan.".into();
        amber.resources_comment = "Handläggarna är på semester.".into();
        let content = parse_report(&amber).expect("parsed");
        assert_eq!(content.light(Aspect::Time), Some(Light::Red));
    }

    #[test]
    fn bad_lights_and_amounts_are_refused_beside_their_fields() {
        let mut bad = form(["purple", "", "green", "green", "green", "green"]);
        bad.cost_to_date = "-5".into();
        bad.forecast = "mycket".into();
        let errors = parse_report(&bad).expect_err("refused");
        assert_eq!(errors.get("overall"), Some("error-light"));
        assert_eq!(errors.get("time"), Some("error-light"));
        assert_eq!(errors.get("cost_to_date"), Some("error-negative-amount"));
        assert_eq!(errors.get("forecast"), Some("error-amount"));
    }

    #[test]
    fn an_escalation_is_whole_or_absent() {
        let mut half = form(["green"; 6]);
        half.escalation_text = "Beslut behövs om mer pengar.".into();
        let errors = parse_report(&half).expect_err("refused");
        assert_eq!(errors.get("escalation_kind"), Some("error-unknown-choice"));
        assert_eq!(errors.get("escalation_to"), Some("error-unknown-choice"));
        let mut no_text = form(["green"; 6]);
        no_text.escalation_kind = "economic".into();
        no_text.escalation_to = "management_group".into();
        let errors = parse_report(&no_text).expect_err("refused");
        assert_eq!(errors.get("escalation_text"), Some("error-required"));
        half.escalation_kind = "economic".into();
        half.escalation_to = "steering_group".into();
        let content = parse_report(&half).expect("parsed");
        assert_eq!(
            content.escalation,
            Some(Escalation {
                text: "Beslut behövs om mer pengar.".into(),
                kind: EscalationKind::Economic,
                to: EscalationTo::SteeringGroup,
            })
        );
    }

    #[test]
    fn an_exception_report_escalates_to_the_steering_group() {
        use EscalationTo::*;
        assert!(check_submittable(false, []).is_ok());
        let errors = check_submittable(true, []).expect_err("refused");
        assert_eq!(
            errors.get("escalation_to"),
            Some("error-exception-needs-escalation")
        );
        assert!(check_submittable(true, [DevelopmentManager, ManagementGroup]).is_err());
        assert!(check_submittable(true, [DevelopmentManager, SteeringGroup]).is_ok());
        assert!(is_exception(Light::Red, Light::Green));
        assert!(is_exception(Light::Amber, Light::Red));
        assert!(!is_exception(Light::Amber, Light::Amber));
    }

    #[test]
    fn a_draft_may_leave_lights_unchosen_but_not_wrong() {
        let mut draft = ReportForm {
            overall: "amber".into(),
            overall_comment: "Leverantören är sen.".into(),
            ..ReportForm::default()
        };
        let content = parse_draft(&draft).expect("a draft with one light");
        assert_eq!(content.lights.len(), 1);
        assert_eq!(content.light(Aspect::Overall), Some(Light::Amber));
        assert!(
            parse_report(&draft).is_err(),
            "a whole report needs every light"
        );
        draft.time = "lila".into();
        draft.overall_comment.clear();
        let errors = parse_draft(&draft).expect_err("refused");
        assert_eq!(errors.get("time"), Some("error-light"));
        assert_eq!(errors.get("overall_comment"), Some("error-light-comment"));
    }

    #[test]
    fn the_form_reads_its_own_fields_from_posted_pairs_and_shows_content_again() {
        let pairs: Vec<(String, String)> = [
            ("csrf_token", "x"),
            ("overall", "red"),
            ("overall_comment", "Försenat."),
            ("done", "Test"),
            ("milestone_4_forecast", "2027-01-01"),
            ("forecast", "1200"),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
        assert!(ReportForm::posted_in(&pairs));
        assert!(!ReportForm::posted_in(&pairs[..1]));
        let form = ReportForm::from_pairs(&pairs);
        assert_eq!(form.overall, "red");
        assert_eq!(form.done, "Test");
        let content = parse_draft(&form).expect("parsed");
        let again = ReportForm::of(&content);
        assert_eq!(again.overall, "red");
        assert_eq!(again.overall_comment, "Försenat.");
        assert_eq!(again.forecast, "1200");
        assert_eq!(again.escalation_text, "");
    }

    #[test]
    fn the_plan_measures_a_report_by_its_milestones_forecast_and_budget() {
        let basis = PlanBasis {
            plan_id: 1,
            budget_sek: 1_000_000,
            time_tolerance_days: 30,
            cost_tolerance_percent: 10,
            milestones: vec![
                PlanMilestone {
                    id: 7,
                    name: "Upphandling".into(),
                    planned_on: day(2026, 10, 1),
                },
                PlanMilestone {
                    id: 8,
                    name: "Driftstart".into(),
                    planned_on: day(2027, 3, 1),
                },
            ],
        };
        let reached = MilestoneUpdate {
            milestone_id: 7,
            actual_on: Some(day(2026, 10, 5)),
            forecast_on: None,
        };
        let on_time = basis.computed(&[reached], Some(1_000_000), day(2026, 11, 30));
        assert_eq!((on_time.time, on_time.cost), (Light::Amber, Light::Green));
        assert!(!on_time.is_exception());
        // Not reached, nothing said of it, its day long passed: it slips to the day measured on.
        let overdue = basis.computed(&[], None, day(2026, 11, 30));
        assert_eq!(overdue.time, Light::Red);
        assert!(overdue.is_exception());
        let over_budget = basis.computed(&[reached], Some(1_200_000), day(2026, 10, 5));
        assert_eq!(over_budget.cost, Light::Red);
        assert!(over_budget.is_exception());
        assert_eq!(basis.milestone_ids(), [7, 8]);
    }

    #[test]
    fn milestone_updates_are_dates_and_nothing_is_reached_in_the_future() {
        let today = day(2026, 12, 1);
        let pairs = |actual: &str, forecast: &str| {
            vec![
                (milestone_field(7, "actual"), actual.to_owned()),
                (milestone_field(7, "forecast"), forecast.to_owned()),
            ]
        };
        let updates =
            parse_milestone_updates(&pairs("", "2027-02-01"), &[7, 8], today).expect("parsed");
        assert_eq!(
            updates,
            [
                MilestoneUpdate {
                    milestone_id: 7,
                    actual_on: None,
                    forecast_on: Some(day(2027, 2, 1)),
                },
                MilestoneUpdate {
                    milestone_id: 8,
                    actual_on: None,
                    forecast_on: None,
                }
            ]
        );
        assert_eq!(
            updates[0].expected_on(day(2027, 1, 1), today),
            day(2027, 2, 1)
        );
        assert_eq!(
            updates[1].expected_on(day(2027, 1, 1), today),
            day(2027, 1, 1)
        );
        // Not reached and planned, or forecast, for a day that has passed: expected no earlier
        // than the day the report measures on.
        assert_eq!(updates[1].expected_on(day(2026, 10, 1), today), today);
        let stale_forecast = MilestoneUpdate {
            forecast_on: Some(day(2026, 11, 1)),
            ..updates[1]
        };
        assert_eq!(stale_forecast.expected_on(day(2026, 10, 1), today), today);
        let reached = MilestoneUpdate {
            actual_on: Some(day(2026, 10, 20)),
            ..stale_forecast
        };
        assert_eq!(
            reached.expected_on(day(2026, 10, 1), today),
            day(2026, 10, 20)
        );
        assert_eq!(MilestoneUpdate::unreported(day(2026, 10, 1), today), today);
        assert_eq!(
            MilestoneUpdate::unreported(day(2027, 3, 1), today),
            day(2027, 3, 1)
        );
        let errors = parse_milestone_updates(&pairs("2026-12-02", "i morgon"), &[7], today)
            .expect_err("refused");
        assert_eq!(
            errors.get("milestone_7_actual"),
            Some("error-actual-in-future")
        );
        assert_eq!(errors.get("milestone_7_forecast"), Some("error-date"));
    }

    #[test]
    fn a_period_is_neither_in_the_future_nor_before_planning_began() {
        let today = day(2026, 12, 1);
        let began = day(2026, 3, 15);
        assert_eq!(check_period(period("2026-12"), began, today), Ok(()));
        assert_eq!(check_period(period("2026-03"), began, today), Ok(()));
        assert_eq!(
            check_period(period("2027-01"), began, today),
            Err("error-period-future")
        );
        assert_eq!(
            check_period(period("2026-02"), began, today),
            Err("error-period-before-planning")
        );
    }
    #[test]
    fn the_offered_period_is_the_newest_without_a_report_since_planning_began() {
        let today = day(2026, 12, 1);
        let began = day(2026, 9, 20);
        assert_eq!(default_period(today, began, &[]), Some(period("2026-12")));
        assert_eq!(
            default_period(today, began, &[period("2026-12"), period("2026-11")]),
            Some(period("2026-10"))
        );
        let all = [
            period("2026-12"),
            period("2026-11"),
            period("2026-10"),
            period("2026-09"),
        ];
        assert_eq!(default_period(today, began, &all), None);
    }

    #[test]
    fn the_listed_periods_run_from_planning_to_now_with_every_reported_one() {
        let today = day(2026, 12, 1);
        assert_eq!(
            listed_periods(Some(day(2026, 10, 3)), today, &[period("2026-11")], 24),
            [period("2026-12"), period("2026-11"), period("2026-10")]
        );
        assert_eq!(
            listed_periods(None, today, &[period("2025-03"), period("2025-05")], 24),
            [period("2025-05"), period("2025-03")]
        );
        assert_eq!(
            listed_periods(Some(day(2020, 1, 1)), today, &[], 3).len(),
            3
        );
    }

    #[test]
    fn an_escalation_on_its_own_needs_all_three_fields() {
        let errors = parse_new_escalation(&ReportForm::default()).expect_err("refused");
        assert_eq!(errors.get("escalation_text"), Some("error-required"));
        assert_eq!(errors.get("escalation_kind"), Some("error-unknown-choice"));
        assert_eq!(errors.get("escalation_to"), Some("error-unknown-choice"));
        let form = ReportForm {
            escalation_text: "Mer pengar behövs.".into(),
            escalation_kind: "economic".into(),
            escalation_to: "management_group".into(),
            ..ReportForm::default()
        };
        assert_eq!(
            parse_new_escalation(&form).map(|e| e.to),
            Ok(EscalationTo::ManagementGroup)
        );
    }
}

//! Decisions and the bodies that take them (governance.md: "A phase change is a decision").
//!
//! Every decision of every body goes into one log, numbered per body and year. A steering group is
//! a body of its own for each project, so its numbers run per project.

use chrono::NaiveDate;

use super::phase::Phase;
use super::validation::{FieldErrors, optional_date, optional_text, required_text};

/// A body that takes decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Body {
    ManagementGroup,
    DevelopmentManager,
    SteeringGroup,
}

impl Body {
    pub const ALL: [Body; 3] = [
        Body::ManagementGroup,
        Body::DevelopmentManager,
        Body::SteeringGroup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Body::ManagementGroup => "management_group",
            Body::DevelopmentManager => "development_manager",
            Body::SteeringGroup => "steering_group",
        }
    }

    pub fn parse(raw: &str) -> Option<Body> {
        Body::ALL.into_iter().find(|b| b.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Body::ManagementGroup => "body-management_group",
            Body::DevelopmentManager => "body-development_manager",
            Body::SteeringGroup => "body-steering_group",
        }
    }

    /// The key decisions of this body are numbered under: a steering group's per project.
    pub fn numbering_key(self, project_id: Option<i64>) -> String {
        match (self, project_id) {
            (Body::SteeringGroup, Some(id)) => format!("steering_group:{id}"),
            _ => self.as_str().to_owned(),
        }
    }
}

/// What a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    PhaseChange,
    DirectiveApproved,
    DirectiveReturned,
    PlanApproved,
    PlanReturned,
    /// A decision the steering group takes at a meeting, beyond approvals and phase changes.
    SteeringDecision,
    /// A strategic decision (of the management group, or the development manager under
    /// delegation).
    Strategic,
    /// An economic decision.
    Economic,
    /// The decision to close a project into maintenance, taken in a meeting of the management group.
    Closure,
    /// Any other decision.
    Other,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 10] = [
        DecisionKind::PhaseChange,
        DecisionKind::DirectiveApproved,
        DecisionKind::DirectiveReturned,
        DecisionKind::PlanApproved,
        DecisionKind::PlanReturned,
        DecisionKind::SteeringDecision,
        DecisionKind::Strategic,
        DecisionKind::Economic,
        DecisionKind::Closure,
        DecisionKind::Other,
    ];

    /// The kinds a decision typed into minutes or under delegation may have (`kind`): phase
    /// changes and approvals come from their own workflows. Closure is the management group's, in
    /// a meeting.
    pub const TYPED: [DecisionKind; 4] = [
        DecisionKind::Strategic,
        DecisionKind::Economic,
        DecisionKind::Closure,
        DecisionKind::Other,
    ];

    /// The category of the decision log this kind is filed under.
    pub fn category(self, phase_to: Option<Phase>) -> Category {
        match self {
            DecisionKind::Strategic => Category::Strategic,
            DecisionKind::Economic => Category::Economic,
            DecisionKind::Closure => Category::Closure,
            DecisionKind::PhaseChange if phase_to == Some(Phase::Maintenance) => Category::Closure,
            DecisionKind::PhaseChange => Category::Phase,
            DecisionKind::DirectiveApproved
            | DecisionKind::DirectiveReturned
            | DecisionKind::PlanApproved
            | DecisionKind::PlanReturned => Category::Approval,
            DecisionKind::SteeringDecision | DecisionKind::Other => Category::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::PhaseChange => "phase_change",
            DecisionKind::DirectiveApproved => "directive_approved",
            DecisionKind::DirectiveReturned => "directive_returned",
            DecisionKind::PlanApproved => "plan_approved",
            DecisionKind::PlanReturned => "plan_returned",
            DecisionKind::SteeringDecision => "steering_decision",
            DecisionKind::Strategic => "strategic",
            DecisionKind::Economic => "economic",
            DecisionKind::Closure => "closure",
            DecisionKind::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            DecisionKind::PhaseChange => "decision-kind-phase_change",
            DecisionKind::DirectiveApproved => "decision-kind-directive_approved",
            DecisionKind::DirectiveReturned => "decision-kind-directive_returned",
            DecisionKind::PlanApproved => "decision-kind-plan_approved",
            DecisionKind::PlanReturned => "decision-kind-plan_returned",
            DecisionKind::SteeringDecision => "decision-kind-steering_decision",
            DecisionKind::Strategic => "decision-kind-strategic",
            DecisionKind::Economic => "decision-kind-economic",
            DecisionKind::Closure => "decision-kind-closure",
            DecisionKind::Other => "decision-kind-other",
        }
    }
}

/// The six kinds the decision log files every decision under (`kind` of `GET /decisions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Strategic,
    Economic,
    Phase,
    Approval,
    Closure,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Strategic,
        Category::Economic,
        Category::Phase,
        Category::Approval,
        Category::Closure,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Strategic => "strategic",
            Category::Economic => "economic",
            Category::Phase => "phase",
            Category::Approval => "approval",
            Category::Closure => "closure",
            Category::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Category::Strategic => "decision-category-strategic",
            Category::Economic => "decision-category-economic",
            Category::Phase => "decision-category-phase",
            Category::Approval => "decision-category-approval",
            Category::Closure => "decision-category-closure",
            Category::Other => "decision-category-other",
        }
    }

    /// The stored kinds filed under this category; phase changes to maintenance are closures and
    /// the others phase decisions, which the caller tells apart by `phase_to`.
    pub fn kinds(self) -> Vec<DecisionKind> {
        DecisionKind::ALL
            .into_iter()
            .filter(|kind| match (self, kind) {
                (Category::Closure | Category::Phase, DecisionKind::PhaseChange) => true,
                _ => kind.category(None) == self,
            })
            .collect()
    }
}

/// The label a decision is cited by: the body's abbreviation, the year and the number
/// ("LG 2026:14").
pub fn citation(body: Body, year: i32, number: i32) -> String {
    let abbreviation = match body {
        Body::ManagementGroup => "LG",
        Body::DevelopmentManager => "UC",
        Body::SteeringGroup => "SG",
    };
    format!("{abbreviation} {year}:{number}")
}

pub const TEXT_MAX: usize = 5_000;
pub const REGISTRY_NUMBER_MAX: usize = 60;

/// A decision typed into minutes (`POST /meetings/{id}/items/{item}/decisions`) or under
/// delegation (`POST /decisions`), as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TypedDecisionForm {
    pub text: String,
    pub kind: String,
    pub decided_by: String,
    /// Under delegation only: the day it was decided. In a meeting, the meeting's day.
    pub decided_on: String,
    pub project: String,
    pub registry_number: String,
    /// Marked confidential with this reason; empty when it is public.
    pub confidential_reason: String,
    pub follow_up_by: String,
    pub follow_up_on: String,
    /// The id of the decision this one corrects and replaces.
    pub supersedes: String,
    /// The escalations this decision answers (repeated).
    #[serde(skip)]
    pub answers: Vec<String>,
}

/// A typed decision's fields that need no lookup, parsed. The caller resolves `decided_by`,
/// `project`, `follow_up_by` and `supersedes` against the database and checks them with
/// [`check_decided_by`] and [`check_supersedes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedDecision {
    pub text: String,
    pub kind: DecisionKind,
    pub registry_number: Option<String>,
    pub confidential_reason: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
}

/// Parses the fields of a typed decision that need no lookup: a text, one of the typed kinds
/// (closure only in a meeting: `in_meeting`), an optional registry number, an optional reason
/// for confidentiality, and an optional follow-up date not before `decided_on`.
pub fn parse_typed(
    form: &TypedDecisionForm,
    in_meeting: bool,
    decided_on: Option<NaiveDate>,
) -> Result<TypedDecision, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = errors.check("text", parse_decision_text(&form.text));
    let kind = errors.check(
        "kind",
        match DecisionKind::parse(form.kind.trim()) {
            Some(DecisionKind::Closure) if !in_meeting => Err("error-decision-closure-in-meeting"),
            Some(kind) if DecisionKind::TYPED.contains(&kind) => Ok(kind),
            _ if form.kind.trim().is_empty() => Err("error-choose-decision-kind"),
            _ => Err("error-unknown-choice"),
        },
    );
    let registry_number = errors.check(
        "registry_number",
        optional_text(&form.registry_number, REGISTRY_NUMBER_MAX)
            .map(|r| (!r.is_empty()).then_some(r)),
    );
    let confidential_reason = errors.check(
        "confidential_reason",
        optional_text(&form.confidential_reason, TEXT_MAX).map(|r| (!r.is_empty()).then_some(r)),
    );
    let follow_up_on = errors.check(
        "follow_up_on",
        optional_date(&form.follow_up_on).and_then(|date| match (date, decided_on) {
            (Some(date), Some(decided)) if date < decided => Err("error-follow-up-before-decision"),
            (date, _) => Ok(date),
        }),
    );
    match (
        text,
        kind,
        registry_number,
        confidential_reason,
        follow_up_on,
    ) {
        (
            Some(text),
            Some(kind),
            Some(registry_number),
            Some(confidential_reason),
            Some(follow_up_on),
        ) if errors.is_empty() => Ok(TypedDecision {
            text,
            kind,
            registry_number,
            confidential_reason,
            follow_up_on,
        }),
        _ => Err(errors),
    }
}

/// Who formally decided must be a member of the deciding body: a named person, never the group
/// (governance.md, "Delegation").
pub fn check_decided_by(decided_by: i64, members: &[i64]) -> Result<(), &'static str> {
    if members.contains(&decided_by) {
        Ok(())
    } else {
        Err("error-decided-by-not-member")
    }
}

/// A correction supersedes a decision of the same body (for a steering group, the same project's
/// group), which is not itself superseded already.
pub fn check_supersedes(
    numbering_key: &str,
    old_numbering_key: &str,
    already_superseded: bool,
) -> Result<(), &'static str> {
    if numbering_key != old_numbering_key {
        Err("error-supersedes-other-body")
    } else if already_superseded {
        Err("error-supersedes-superseded")
    } else {
        Ok(())
    }
}

/// Something a decision rests on, and so may not be dated before (governance.md, "Dates follow the
/// facts").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ground {
    /// The project's registration: nothing is decided on a project before it exists.
    Registered,
    /// The submission of the version the decision approves or returns.
    Submitted,
    /// The approval of the pre-study directive a pre-study rests on.
    PreStudyDirectiveApproved,
    /// The approval of the project directive planning (and execution) rests on.
    DirectiveApproved,
    /// The approval of the project plan execution rests on.
    PlanApproved,
    /// The project's previous phase decision, so the record never runs backwards (the closing
    /// decision for maintenance, for one).
    LastPhaseDecision,
}

impl Ground {
    /// The catalog key of the message that a decision may not precede it.
    pub fn key(self) -> &'static str {
        match self {
            Ground::Registered => "error-date-before-registered",
            Ground::Submitted => "error-date-before-submitted",
            Ground::PreStudyDirectiveApproved => "error-date-before-pre-study-directive",
            Ground::DirectiveApproved => "error-date-before-directive",
            Ground::PlanApproved => "error-date-before-plan",
            Ground::LastPhaseDecision => "error-date-before-last-decision",
        }
    }
}

/// The earliest day a decision may carry, and what it rests on that falls on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Floor {
    pub date: NaiveDate,
    pub ground: Ground,
}

/// The floor of a decision that rests on `grounds`: the latest of their days (a ground not known,
/// `None`, does not count). On a tie the ground given last is named, so give the most specific
/// last.
pub fn floor(grounds: &[(Ground, Option<NaiveDate>)]) -> Option<Floor> {
    grounds
        .iter()
        .filter_map(|(ground, date)| {
            date.map(|date| Floor {
                date,
                ground: *ground,
            })
        })
        .max_by_key(|floor| floor.date)
}

/// The date of a decision: a valid date, not in the future, and not before its `floor`, so a
/// decision is never dated before what it rests on.
pub fn parse_decided_on(
    raw: &str,
    today: NaiveDate,
    floor: Option<Floor>,
) -> Result<NaiveDate, &'static str> {
    let date = optional_date(raw)?.ok_or("error-required")?;
    if date > today {
        return Err("error-date-in-future");
    }
    match floor {
        Some(floor) if date < floor.date => Err(floor.ground.key()),
        _ => Ok(date),
    }
}

/// The text of a decision: what was decided, or why.
pub fn parse_decision_text(raw: &str) -> Result<String, &'static str> {
    required_text(raw, TEXT_MAX)
}

/// The decision on a submitted directive or plan version, as typed: the date, and a comment
/// when approving or the reason when returning.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct VerdictForm {
    pub decided_on: String,
    pub text: String,
    pub reason: String,
}

/// The decision on a submitted version, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decided_on: NaiveDate,
    /// What the decision says: the comment, or on a return without one, the reason.
    pub text: String,
    /// Why the version is returned; `None` when it is approved.
    pub reason: Option<String>,
}

/// The fields of a verdict form, which pages may name differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictField {
    DecidedOn,
    Text,
    Reason,
}

/// Parses an approval (`returning` false) or a return: a date that is today or earlier and not
/// before `floor` (the version's submission, the project's registration), an optional comment,
/// and for a return a reason.
pub fn parse_verdict(
    form: &VerdictForm,
    returning: bool,
    today: NaiveDate,
    floor: Option<Floor>,
) -> Result<Verdict, Vec<(VerdictField, &'static str)>> {
    let mut errors = Vec::new();
    let decided_on = parse_decided_on(&form.decided_on, today, floor)
        .map_err(|key| errors.push((VerdictField::DecidedOn, key)))
        .ok();
    let text = optional_text(&form.text, TEXT_MAX)
        .map_err(|key| errors.push((VerdictField::Text, key)))
        .ok();
    let reason = if returning {
        required_text(&form.reason, TEXT_MAX)
            .map_err(|key| match key {
                "error-required" => "error-reason-required",
                other => other,
            })
            .map_err(|key| errors.push((VerdictField::Reason, key)))
            .ok()
            .map(Some)
    } else {
        Some(None)
    };
    match (decided_on, text, reason) {
        (Some(decided_on), Some(text), Some(reason)) if errors.is_empty() => Ok(Verdict {
            decided_on,
            text: match (&reason, text.is_empty()) {
                (Some(reason), true) => reason.clone(),
                _ => text,
            },
            reason,
        }),
        _ => Err(errors),
    }
}

/// A phase decision as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PhaseDecisionForm {
    pub phase: String,
    pub decided_on: String,
    pub text: String,
}

/// A phase decision, parsed; whether the move is allowed is for the phase rules to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseDecisionInput {
    pub to: Phase,
    pub decided_on: NaiveDate,
    pub text: String,
}

/// Parses a phase decision; `floor_for` gives the floor of its date given the phase it moves to,
/// or not yet known (`None`) when the phase is not chosen.
pub fn parse_phase_decision(
    form: &PhaseDecisionForm,
    today: NaiveDate,
    floor_for: impl Fn(Option<Phase>) -> Option<Floor>,
) -> Result<PhaseDecisionInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let to = errors.check(
        "phase",
        if form.phase.trim().is_empty() {
            Err("error-choose-phase")
        } else {
            Phase::parse(&form.phase)
        },
    );
    let decided_on = errors.check(
        "decided_on",
        parse_decided_on(&form.decided_on, today, floor_for(to)),
    );
    let text = errors.check("text", parse_decision_text(&form.text));
    match (to, decided_on, text) {
        (Some(to), Some(decided_on), Some(text)) => Ok(PhaseDecisionInput {
            to,
            decided_on,
            text,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a date")
    }

    fn on(date: NaiveDate, ground: Ground) -> Option<Floor> {
        Some(Floor { date, ground })
    }

    #[test]
    fn a_decision_date_is_neither_in_the_future_nor_before_its_floor() {
        let last = on(day(10), Ground::LastPhaseDecision);
        assert_eq!(parse_decided_on("2026-11-20", day(22), last), Ok(day(20)));
        assert_eq!(
            parse_decided_on("2026-11-22", day(22), on(day(22), Ground::Submitted)),
            Ok(day(22))
        );
        assert_eq!(parse_decided_on("", day(22), None), Err("error-required"));
        assert_eq!(parse_decided_on("20/11", day(22), None), Err("error-date"));
        assert_eq!(
            parse_decided_on("2026-11-23", day(22), None),
            Err("error-date-in-future")
        );
        assert_eq!(
            parse_decided_on("2026-11-09", day(22), last),
            Err("error-date-before-last-decision")
        );
        // Each ground says what the decision may not precede.
        for (ground, key) in [
            (Ground::Registered, "error-date-before-registered"),
            (Ground::Submitted, "error-date-before-submitted"),
            (
                Ground::PreStudyDirectiveApproved,
                "error-date-before-pre-study-directive",
            ),
            (Ground::DirectiveApproved, "error-date-before-directive"),
            (Ground::PlanApproved, "error-date-before-plan"),
            (Ground::LastPhaseDecision, "error-date-before-last-decision"),
        ] {
            assert_eq!(ground.key(), key);
            assert_eq!(
                parse_decided_on("2001-01-01", day(22), on(day(1), ground)),
                Err(key)
            );
        }
    }

    #[test]
    fn the_floor_is_the_latest_of_what_a_decision_rests_on() {
        assert_eq!(floor(&[]), None);
        assert_eq!(floor(&[(Ground::Registered, None)]), None);
        assert_eq!(
            floor(&[
                (Ground::Registered, Some(day(1))),
                (Ground::Submitted, Some(day(15))),
                (Ground::LastPhaseDecision, Some(day(9))),
                (Ground::PlanApproved, None),
            ]),
            on(day(15), Ground::Submitted)
        );
        // On a tie, the ground given last (the most specific) is named.
        assert_eq!(
            floor(&[
                (Ground::Registered, Some(day(3))),
                (Ground::DirectiveApproved, Some(day(3))),
            ]),
            on(day(3), Ground::DirectiveApproved)
        );
    }

    #[test]
    fn an_approval_is_dated_and_a_return_gives_its_reason() {
        let form = |decided_on: &str, text: &str, reason: &str| VerdictForm {
            decided_on: decided_on.into(),
            text: text.into(),
            reason: reason.into(),
        };
        assert_eq!(
            parse_verdict(&form("2026-11-22", " Bra. ", ""), false, day(22), None),
            Ok(Verdict {
                decided_on: day(22),
                text: "Bra.".into(),
                reason: None
            })
        );
        let returned = parse_verdict(
            &form("2026-11-20", "", " Risker saknas "),
            true,
            day(22),
            None,
        );
        assert_eq!(
            returned,
            Ok(Verdict {
                decided_on: day(20),
                text: "Risker saknas".into(),
                reason: Some("Risker saknas".into())
            })
        );
        assert_eq!(
            parse_verdict(&form("2026-11-23", "", ""), true, day(22), None),
            Err(vec![
                (VerdictField::DecidedOn, "error-date-in-future"),
                (VerdictField::Reason, "error-reason-required")
            ])
        );
        // A reason given when approving is not asked for and not kept.
        let approved = parse_verdict(&form("2026-11-22", "", "x"), false, day(22), None);
        assert_eq!(approved.map(|v| v.reason), Ok(None));
        // An approval is not dated before the submission it approves: no 2001 decision on a
        // version submitted in 2026.
        let submitted = on(day(15), Ground::Submitted);
        assert_eq!(
            parse_verdict(&form("2001-01-01", "", ""), false, day(22), submitted),
            Err(vec![(
                VerdictField::DecidedOn,
                "error-date-before-submitted"
            )])
        );
    }

    #[test]
    fn a_phase_decision_needs_a_phase_a_date_and_a_text() {
        let form = PhaseDecisionForm {
            phase: "execution".into(),
            decided_on: "2026-11-21".into(),
            text: " Planen är godkänd; genomförandet startar. ".into(),
        };
        assert_eq!(
            parse_phase_decision(&form, day(22), |_| None),
            Ok(PhaseDecisionInput {
                to: Phase::Execution,
                decided_on: day(21),
                text: "Planen är godkänd; genomförandet startar.".into()
            })
        );
        let errors =
            parse_phase_decision(&PhaseDecisionForm::default(), day(22), |_| None).unwrap_err();
        assert_eq!(errors.get("phase"), Some("error-choose-phase"));
        assert_eq!(errors.get("decided_on"), Some("error-required"));
        assert_eq!(errors.get("text"), Some("error-required"));
        let unknown = PhaseDecisionForm {
            phase: "done".into(),
            ..form.clone()
        };
        let errors = parse_phase_decision(&unknown, day(22), |_| None).unwrap_err();
        assert_eq!(errors.get("phase"), Some("error-unknown-choice"));
        // The floor depends on the phase chosen.
        let floor_for = |to: Option<Phase>| match to {
            Some(Phase::Execution) => on(day(21), Ground::PlanApproved),
            _ => on(day(1), Ground::Registered),
        };
        let early = PhaseDecisionForm {
            decided_on: "2026-11-20".into(),
            ..form.clone()
        };
        let errors = parse_phase_decision(&early, day(22), floor_for).unwrap_err();
        assert_eq!(errors.get("decided_on"), Some("error-date-before-plan"));
        let cancel = PhaseDecisionForm {
            phase: "cancelled".into(),
            ..early
        };
        assert!(parse_phase_decision(&cancel, day(22), floor_for).is_ok());
    }

    #[test]
    fn every_kind_is_filed_under_one_category_and_found_by_it() {
        assert_eq!(
            DecisionKind::PhaseChange.category(Some(Phase::Maintenance)),
            Category::Closure
        );
        assert_eq!(
            DecisionKind::PhaseChange.category(Some(Phase::Execution)),
            Category::Phase
        );
        assert_eq!(
            DecisionKind::PlanReturned.category(None),
            Category::Approval
        );
        assert_eq!(
            DecisionKind::SteeringDecision.category(None),
            Category::Other
        );
        for kind in DecisionKind::ALL {
            assert_eq!(DecisionKind::parse(kind.as_str()), Some(kind));
            let category = kind.category(None);
            assert!(category.kinds().contains(&kind), "{kind:?}");
        }
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
        }
        assert_eq!(Category::parse("closing"), None);
        assert_eq!(
            Category::Closure.kinds(),
            [DecisionKind::PhaseChange, DecisionKind::Closure]
        );
    }

    #[test]
    fn a_decision_is_cited_by_body_year_and_number() {
        assert_eq!(citation(Body::ManagementGroup, 2026, 14), "LG 2026:14");
        assert_eq!(citation(Body::DevelopmentManager, 2025, 3), "UC 2025:3");
        assert_eq!(citation(Body::SteeringGroup, 2026, 1), "SG 2026:1");
    }

    #[test]
    fn a_typed_decision_needs_a_text_and_a_typed_kind() {
        let form = TypedDecisionForm {
            text: " Ledningsgruppen ger uppdrag åt utvecklingschefen. ".into(),
            kind: "strategic".into(),
            registry_number: " SN 2026/114 ".into(),
            follow_up_on: "2026-12-15".into(),
            ..TypedDecisionForm::default()
        };
        assert_eq!(
            parse_typed(&form, true, Some(day(20))),
            Ok(TypedDecision {
                text: "Ledningsgruppen ger uppdrag åt utvecklingschefen.".into(),
                kind: DecisionKind::Strategic,
                registry_number: Some("SN 2026/114".into()),
                confidential_reason: None,
                follow_up_on: NaiveDate::from_ymd_opt(2026, 12, 15),
            })
        );
        let errors = parse_typed(&TypedDecisionForm::default(), true, None).unwrap_err();
        assert_eq!(errors.get("text"), Some("error-required"));
        assert_eq!(errors.get("kind"), Some("error-choose-decision-kind"));
        // Phase changes and approvals come from their workflows, not from a typed form.
        let phase = TypedDecisionForm {
            kind: "phase_change".into(),
            ..form.clone()
        };
        let errors = parse_typed(&phase, true, None).unwrap_err();
        assert_eq!(errors.get("kind"), Some("error-unknown-choice"));
        // A closure is the management group's, in a meeting.
        let closure = TypedDecisionForm {
            kind: "closure".into(),
            ..form.clone()
        };
        assert!(parse_typed(&closure, true, None).is_ok());
        let errors = parse_typed(&closure, false, None).unwrap_err();
        assert_eq!(
            errors.get("kind"),
            Some("error-decision-closure-in-meeting")
        );
        // A follow-up is not due before the decision.
        let early = TypedDecisionForm {
            follow_up_on: "2026-11-19".into(),
            ..form.clone()
        };
        let errors = parse_typed(&early, true, Some(day(20))).unwrap_err();
        assert_eq!(
            errors.get("follow_up_on"),
            Some("error-follow-up-before-decision")
        );
        let confidential = TypedDecisionForm {
            confidential_reason: " OSL 26 kap. 1 § ".into(),
            ..form
        };
        assert_eq!(
            parse_typed(&confidential, true, None).map(|d| d.confidential_reason),
            Ok(Some("OSL 26 kap. 1 §".into()))
        );
    }

    #[test]
    fn only_a_member_decides_and_a_correction_stays_with_its_body() {
        assert_eq!(check_decided_by(3, &[1, 3]), Ok(()));
        assert_eq!(
            check_decided_by(4, &[1, 3]),
            Err("error-decided-by-not-member")
        );
        assert_eq!(check_decided_by(4, &[]), Err("error-decided-by-not-member"));
        assert_eq!(
            check_supersedes("management_group", "management_group", false),
            Ok(())
        );
        assert_eq!(
            check_supersedes("management_group", "steering_group:4", false),
            Err("error-supersedes-other-body")
        );
        assert_eq!(
            check_supersedes("steering_group:3", "steering_group:4", false),
            Err("error-supersedes-other-body")
        );
        assert_eq!(
            check_supersedes("management_group", "management_group", true),
            Err("error-supersedes-superseded")
        );
    }

    #[test]
    fn bodies_round_trip_and_steering_groups_number_per_project() {
        for body in Body::ALL {
            assert_eq!(Body::parse(body.as_str()), Some(body));
        }
        assert_eq!(Body::parse("board"), None);
        assert_eq!(
            Body::SteeringGroup.numbering_key(Some(7)),
            "steering_group:7"
        );
        assert_eq!(
            Body::ManagementGroup.numbering_key(Some(7)),
            "management_group"
        );
        assert_eq!(
            DecisionKind::parse("phase_change"),
            Some(DecisionKind::PhaseChange)
        );
    }
}

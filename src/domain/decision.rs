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
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 6] = [
        DecisionKind::PhaseChange,
        DecisionKind::DirectiveApproved,
        DecisionKind::DirectiveReturned,
        DecisionKind::PlanApproved,
        DecisionKind::PlanReturned,
        DecisionKind::SteeringDecision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::PhaseChange => "phase_change",
            DecisionKind::DirectiveApproved => "directive_approved",
            DecisionKind::DirectiveReturned => "directive_returned",
            DecisionKind::PlanApproved => "plan_approved",
            DecisionKind::PlanReturned => "plan_returned",
            DecisionKind::SteeringDecision => "steering_decision",
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
        }
    }
}

pub const TEXT_MAX: usize = 5_000;

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

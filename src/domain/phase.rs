//! The phases of a project's life and the rules for moving between them (governance.md, "Life of
//! a project"): which phase may follow which, what must exist first, and which body decides.

use chrono::NaiveDate;

use super::decision::{Body, Floor, Ground, floor};

/// The phase a project is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Idea,
    PreStudy,
    Planning,
    Execution,
    Closing,
    Maintenance,
    Cancelled,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Idea,
        Phase::PreStudy,
        Phase::Planning,
        Phase::Execution,
        Phase::Closing,
        Phase::Maintenance,
        Phase::Cancelled,
    ];

    /// The name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Idea => "idea",
            Phase::PreStudy => "pre_study",
            Phase::Planning => "planning",
            Phase::Execution => "execution",
            Phase::Closing => "closing",
            Phase::Maintenance => "maintenance",
            Phase::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Result<Phase, &'static str> {
        Phase::ALL
            .into_iter()
            .find(|phase| phase.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    /// The catalog key of the phase's name (Idé, Förstudie, …).
    pub fn label_key(self) -> &'static str {
        match self {
            Phase::Idea => "phase-idea",
            Phase::PreStudy => "phase-pre_study",
            Phase::Planning => "phase-planning",
            Phase::Execution => "phase-execution",
            Phase::Closing => "phase-closing",
            Phase::Maintenance => "phase-maintenance",
            Phase::Cancelled => "phase-cancelled",
        }
    }

    /// Whether the project's record is closed: in maintenance or cancelled, it takes no new
    /// versions, steering group changes, meetings or closing report drafts (governance.md,
    /// "Closed records"). Only the benefit follow-up continues.
    pub fn is_closed(self) -> bool {
        matches!(self, Phase::Maintenance | Phase::Cancelled)
    }
}

/// The catalog key of the refusal of any change to a closed project's record.
pub const CLOSED_REFUSAL: &str = "project-refused-closed";

/// Refuses a change to the record of a project in `phase` when the record is closed; the error is
/// the catalog key of the reason. Every handler that adds to a project's record asks this first.
pub fn check_open(phase: Phase) -> Result<(), &'static str> {
    if phase.is_closed() {
        Err(CLOSED_REFUSAL)
    } else {
        Ok(())
    }
}

/// The phases a project in `from` may move to.
pub fn next_phases(from: Phase) -> &'static [Phase] {
    use Phase::*;
    match from {
        Idea => &[PreStudy, Planning, Cancelled],
        PreStudy => &[Planning, Cancelled],
        Planning => &[Execution, Cancelled],
        Execution => &[Closing, Cancelled],
        Closing => &[Maintenance, Cancelled],
        Maintenance | Cancelled => &[],
    }
}

/// The newest approved project directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovedDirective {
    pub version: i32,
    /// Strategic, or its budget frame is above the threshold: the management group decides.
    pub needs_management_group: bool,
}

/// What the closing report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClosingReportFacts {
    /// Outcome against goals, final cost, lessons and handover are all written.
    pub complete: bool,
    pub maintenance_owner: bool,
    pub benefit_follow_up: bool,
}

/// The days the facts a phase decision rests on were decided, so that it is not dated before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FactDates {
    /// The project's registration.
    pub registered: Option<NaiveDate>,
    /// The project's newest phase decision.
    pub last_phase_decision: Option<NaiveDate>,
    /// The approval of the newest approved pre-study directive.
    pub pre_study_directive_approved: Option<NaiveDate>,
    /// The approval of the newest approved project directive.
    pub directive_approved: Option<NaiveDate>,
    /// The approval of the newest approved plan.
    pub plan_approved: Option<NaiveDate>,
}

/// What is known about a project when a phase change is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseFacts {
    pub current: Phase,
    pub approved_pre_study_directive: bool,
    pub approved_directive: Option<ApprovedDirective>,
    /// The directive version that the newest approved plan answers.
    pub approved_plan_answers: Option<i32>,
    pub closing_report: Option<ClosingReportFacts>,
    /// The body that decided the move into the current phase; none for an idea.
    pub current_phase_body: Option<Body>,
    /// The steering group has a chair: without one it cannot work, so no execution.
    pub steering_group_has_chair: bool,
    pub dates: FactDates,
}

impl PhaseFacts {
    /// A project that has nothing but its register entry.
    pub fn bare(current: Phase) -> PhaseFacts {
        PhaseFacts {
            current,
            approved_pre_study_directive: false,
            approved_directive: None,
            approved_plan_answers: None,
            closing_report: None,
            current_phase_body: None,
            steering_group_has_chair: false,
            dates: FactDates::default(),
        }
    }
}

/// A value a refusal's message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    Phase(Phase),
    Number(i64),
}

/// Why a phase change is refused: each says what is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The project is in maintenance or cancelled: its life is over.
    Ended {
        current: Phase,
    },
    /// The table does not lead from the current phase to this one.
    NotNext {
        from: Phase,
        to: Phase,
    },
    NeedsPreStudyDirective,
    NeedsApprovedDirective,
    NeedsApprovedPlan {
        version: i32,
    },
    /// Execution needs a working steering group: at least a chair.
    NeedsSteeringChair,
    NeedsClosingReport,
    NeedsCompleteClosingReport,
    NeedsMaintenanceOwner,
    NeedsBenefitFollowUp,
}

impl Refusal {
    /// The catalog key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Ended { .. } => "phase-refused-ended",
            Refusal::NotNext { .. } => "phase-refused-not-next",
            Refusal::NeedsPreStudyDirective => "phase-refused-pre-study-directive",
            Refusal::NeedsApprovedDirective => "phase-refused-directive",
            Refusal::NeedsApprovedPlan { .. } => "phase-refused-plan",
            Refusal::NeedsSteeringChair => "phase-refused-steering-chair",
            Refusal::NeedsClosingReport => "phase-refused-closing-report",
            Refusal::NeedsCompleteClosingReport => "phase-refused-closing-report-complete",
            Refusal::NeedsMaintenanceOwner => "phase-refused-maintenance-owner",
            Refusal::NeedsBenefitFollowUp => "phase-refused-benefit-follow-up",
        }
    }

    /// The values the message names.
    pub fn args(self) -> Vec<(&'static str, Arg)> {
        match self {
            Refusal::Ended { current } => vec![("current", Arg::Phase(current))],
            Refusal::NotNext { from, to } => {
                vec![("from", Arg::Phase(from)), ("to", Arg::Phase(to))]
            }
            Refusal::NeedsApprovedPlan { version } => {
                vec![("version", Arg::Number(i64::from(version)))]
            }
            _ => Vec::new(),
        }
    }
}

/// The earliest day a decision moving the project to `to` may carry: not before the project's
/// registration or its previous phase decision, nor before the approval the new phase rests on (a
/// pre-study on its directive, planning on the project directive, execution on the plan). With
/// no phase chosen yet, only what every phase decision rests on.
pub fn decision_floor(facts: &PhaseFacts, to: Option<Phase>) -> Option<Floor> {
    let d = facts.dates;
    let mut grounds = vec![
        (Ground::Registered, d.registered),
        (Ground::LastPhaseDecision, d.last_phase_decision),
    ];
    match to {
        Some(Phase::PreStudy) => grounds.push((
            Ground::PreStudyDirectiveApproved,
            d.pre_study_directive_approved,
        )),
        Some(Phase::Planning) => grounds.push((Ground::DirectiveApproved, d.directive_approved)),
        Some(Phase::Execution) => {
            grounds.push((Ground::DirectiveApproved, d.directive_approved));
            grounds.push((Ground::PlanApproved, d.plan_approved));
        }
        _ => {}
    }
    floor(&grounds)
}

/// Checks a change of phase against the table and returns the body that must decide it, or every
/// reason it is refused.
pub fn check_phase_change(facts: &PhaseFacts, to: Phase) -> Result<Body, Vec<Refusal>> {
    let from = facts.current;
    if from.is_closed() {
        return Err(vec![Refusal::Ended { current: from }]);
    }
    if !next_phases(from).contains(&to) {
        return Err(vec![Refusal::NotNext { from, to }]);
    }
    let mut missing = Vec::new();
    let body = match to {
        Phase::PreStudy => {
            if !facts.approved_pre_study_directive {
                missing.push(Refusal::NeedsPreStudyDirective);
            }
            Body::DevelopmentManager
        }
        Phase::Planning => match facts.approved_directive {
            Some(directive) if directive.needs_management_group => Body::ManagementGroup,
            Some(_) => Body::DevelopmentManager,
            None => {
                missing.push(Refusal::NeedsApprovedDirective);
                Body::DevelopmentManager
            }
        },
        Phase::Execution => {
            match facts.approved_directive {
                None => missing.push(Refusal::NeedsApprovedDirective),
                Some(directive) if facts.approved_plan_answers != Some(directive.version) => {
                    missing.push(Refusal::NeedsApprovedPlan {
                        version: directive.version,
                    })
                }
                Some(_) => {}
            }
            if !facts.steering_group_has_chair {
                missing.push(Refusal::NeedsSteeringChair);
            }
            Body::SteeringGroup
        }
        Phase::Closing => {
            if facts.closing_report.is_none() {
                missing.push(Refusal::NeedsClosingReport);
            }
            Body::SteeringGroup
        }
        Phase::Maintenance => {
            let report = facts.closing_report.unwrap_or_default();
            if !report.complete {
                missing.push(Refusal::NeedsCompleteClosingReport);
            }
            if !report.maintenance_owner {
                missing.push(Refusal::NeedsMaintenanceOwner);
            }
            if !report.benefit_follow_up {
                missing.push(Refusal::NeedsBenefitFollowUp);
            }
            Body::ManagementGroup
        }
        // The body that approved the current phase; an idea was approved by nobody, so the
        // development manager, who holds the portfolio, decides.
        Phase::Cancelled => facts.current_phase_body.unwrap_or(Body::DevelopmentManager),
        // No phase leads back to idea; `next_phases` has refused it above.
        Phase::Idea => return Err(vec![Refusal::NotNext { from, to }]),
    };
    if missing.is_empty() {
        Ok(body)
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_round_trip_through_their_names() {
        for phase in Phase::ALL {
            assert_eq!(Phase::parse(phase.as_str()), Ok(phase));
        }
        assert_eq!(Phase::parse("done"), Err("error-unknown-choice"));
    }

    const DIRECTIVE_3: ApprovedDirective = ApprovedDirective {
        version: 3,
        needs_management_group: false,
    };

    fn facts(current: Phase) -> PhaseFacts {
        PhaseFacts::bare(current)
    }

    #[test]
    fn only_the_table_s_next_phases_are_allowed() {
        for from in Phase::ALL {
            for to in Phase::ALL {
                let result = check_phase_change(&facts(from), to);
                if let Err(refusals) = &result {
                    let table_refused = refusals
                        .iter()
                        .any(|r| matches!(r, Refusal::NotNext { .. } | Refusal::Ended { .. }));
                    assert_eq!(
                        table_refused,
                        !next_phases(from).contains(&to),
                        "{from:?} → {to:?}"
                    );
                }
            }
        }
        assert_eq!(
            check_phase_change(&facts(Phase::Execution), Phase::Idea),
            Err(vec![Refusal::NotNext {
                from: Phase::Execution,
                to: Phase::Idea
            }])
        );
        assert_eq!(
            check_phase_change(&facts(Phase::Maintenance), Phase::Cancelled),
            Err(vec![Refusal::Ended {
                current: Phase::Maintenance
            }])
        );
        assert_eq!(
            check_phase_change(&facts(Phase::Planning), Phase::Planning),
            Err(vec![Refusal::NotNext {
                from: Phase::Planning,
                to: Phase::Planning
            }])
        );
    }

    #[test]
    fn a_pre_study_needs_an_approved_pre_study_directive() {
        assert_eq!(
            check_phase_change(&facts(Phase::Idea), Phase::PreStudy),
            Err(vec![Refusal::NeedsPreStudyDirective])
        );
        let ready = PhaseFacts {
            approved_pre_study_directive: true,
            ..facts(Phase::Idea)
        };
        assert_eq!(
            check_phase_change(&ready, Phase::PreStudy),
            Ok(Body::DevelopmentManager)
        );
    }

    #[test]
    fn planning_needs_an_approved_directive_and_the_right_body() {
        assert_eq!(
            check_phase_change(&facts(Phase::PreStudy), Phase::Planning),
            Err(vec![Refusal::NeedsApprovedDirective])
        );
        let ready = PhaseFacts {
            approved_directive: Some(DIRECTIVE_3),
            ..facts(Phase::Idea)
        };
        assert_eq!(
            check_phase_change(&ready, Phase::Planning),
            Ok(Body::DevelopmentManager)
        );
        let strategic = PhaseFacts {
            approved_directive: Some(ApprovedDirective {
                needs_management_group: true,
                ..DIRECTIVE_3
            }),
            ..ready
        };
        assert_eq!(
            check_phase_change(&strategic, Phase::Planning),
            Ok(Body::ManagementGroup)
        );
    }

    #[test]
    fn execution_needs_a_plan_for_the_current_directive_version() {
        let planning = PhaseFacts {
            approved_directive: Some(DIRECTIVE_3),
            steering_group_has_chair: true,
            ..facts(Phase::Planning)
        };
        assert_eq!(
            check_phase_change(&planning, Phase::Execution),
            Err(vec![Refusal::NeedsApprovedPlan { version: 3 }])
        );
        let old_plan = PhaseFacts {
            approved_plan_answers: Some(2),
            ..planning
        };
        assert_eq!(
            check_phase_change(&old_plan, Phase::Execution),
            Err(vec![Refusal::NeedsApprovedPlan { version: 3 }])
        );
        let ready = PhaseFacts {
            approved_plan_answers: Some(3),
            steering_group_has_chair: true,
            ..planning
        };
        assert_eq!(
            check_phase_change(&ready, Phase::Execution),
            Ok(Body::SteeringGroup)
        );
        assert_eq!(
            check_phase_change(&facts(Phase::Planning), Phase::Execution),
            Err(vec![
                Refusal::NeedsApprovedDirective,
                Refusal::NeedsSteeringChair
            ])
        );
    }

    #[test]
    fn execution_needs_a_steering_group_with_a_chair() {
        let no_chair = PhaseFacts {
            approved_directive: Some(DIRECTIVE_3),
            approved_plan_answers: Some(3),
            ..facts(Phase::Planning)
        };
        assert_eq!(
            check_phase_change(&no_chair, Phase::Execution),
            Err(vec![Refusal::NeedsSteeringChair])
        );
        assert_eq!(
            Refusal::NeedsSteeringChair.key(),
            "phase-refused-steering-chair"
        );
        // Only execution asks for it.
        let idea = facts(Phase::Idea);
        assert_eq!(
            check_phase_change(&idea, Phase::Cancelled),
            Ok(Body::DevelopmentManager)
        );
    }

    #[test]
    fn a_closed_record_takes_nothing_new() {
        for phase in Phase::ALL {
            let closed = matches!(phase, Phase::Maintenance | Phase::Cancelled);
            assert_eq!(phase.is_closed(), closed, "{phase:?}");
            assert_eq!(
                check_open(phase),
                if closed { Err(CLOSED_REFUSAL) } else { Ok(()) },
                "{phase:?}"
            );
            // A closed phase leads nowhere, and only a closed phase does.
            assert_eq!(next_phases(phase).is_empty(), closed, "{phase:?}");
        }
    }

    #[test]
    fn closing_needs_a_drafted_closing_report() {
        assert_eq!(
            check_phase_change(&facts(Phase::Execution), Phase::Closing),
            Err(vec![Refusal::NeedsClosingReport])
        );
        let drafted = PhaseFacts {
            closing_report: Some(ClosingReportFacts::default()),
            ..facts(Phase::Execution)
        };
        assert_eq!(
            check_phase_change(&drafted, Phase::Closing),
            Ok(Body::SteeringGroup)
        );
    }

    #[test]
    fn maintenance_needs_everything_the_management_group_asks_for() {
        assert_eq!(
            check_phase_change(&facts(Phase::Closing), Phase::Maintenance),
            Err(vec![
                Refusal::NeedsCompleteClosingReport,
                Refusal::NeedsMaintenanceOwner,
                Refusal::NeedsBenefitFollowUp
            ])
        );
        let partial = PhaseFacts {
            closing_report: Some(ClosingReportFacts {
                complete: true,
                maintenance_owner: true,
                benefit_follow_up: false,
            }),
            ..facts(Phase::Closing)
        };
        assert_eq!(
            check_phase_change(&partial, Phase::Maintenance),
            Err(vec![Refusal::NeedsBenefitFollowUp])
        );
        let ready = PhaseFacts {
            closing_report: Some(ClosingReportFacts {
                complete: true,
                maintenance_owner: true,
                benefit_follow_up: true,
            }),
            ..partial
        };
        assert_eq!(
            check_phase_change(&ready, Phase::Maintenance),
            Ok(Body::ManagementGroup)
        );
    }

    #[test]
    fn cancelling_is_decided_by_the_body_that_approved_the_current_phase() {
        assert_eq!(
            check_phase_change(&facts(Phase::Idea), Phase::Cancelled),
            Ok(Body::DevelopmentManager)
        );
        let executing = PhaseFacts {
            current_phase_body: Some(Body::SteeringGroup),
            ..facts(Phase::Execution)
        };
        assert_eq!(
            check_phase_change(&executing, Phase::Cancelled),
            Ok(Body::SteeringGroup)
        );
        let planning = PhaseFacts {
            current_phase_body: Some(Body::ManagementGroup),
            ..facts(Phase::Planning)
        };
        assert_eq!(
            check_phase_change(&planning, Phase::Cancelled),
            Ok(Body::ManagementGroup)
        );
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a date")
    }

    #[test]
    fn a_phase_decision_is_not_dated_before_what_it_rests_on() {
        let planning = PhaseFacts {
            dates: FactDates {
                registered: Some(day(1)),
                last_phase_decision: Some(day(5)),
                pre_study_directive_approved: Some(day(3)),
                directive_approved: Some(day(8)),
                plan_approved: Some(day(12)),
            },
            ..facts(Phase::Planning)
        };
        let at = |date, ground| Some(Floor { date, ground });
        assert_eq!(
            decision_floor(&planning, Some(Phase::Execution)),
            at(day(12), Ground::PlanApproved)
        );
        assert_eq!(
            decision_floor(&planning, Some(Phase::Planning)),
            at(day(8), Ground::DirectiveApproved)
        );
        // The pre-study directive was approved before the last phase decision.
        assert_eq!(
            decision_floor(&planning, Some(Phase::PreStudy)),
            at(day(5), Ground::LastPhaseDecision)
        );
        for to in [Phase::Closing, Phase::Maintenance, Phase::Cancelled] {
            assert_eq!(
                decision_floor(&planning, Some(to)),
                at(day(5), Ground::LastPhaseDecision),
                "{to:?}"
            );
        }
        assert_eq!(
            decision_floor(&planning, None),
            at(day(5), Ground::LastPhaseDecision)
        );
        // A project with no decision yet: its registration.
        let idea = PhaseFacts {
            dates: FactDates {
                registered: Some(day(1)),
                ..FactDates::default()
            },
            ..facts(Phase::Idea)
        };
        assert_eq!(
            decision_floor(&idea, Some(Phase::Cancelled)),
            at(day(1), Ground::Registered)
        );
        assert_eq!(decision_floor(&PhaseFacts::bare(Phase::Idea), None), None);
    }

    #[test]
    fn refusals_name_what_is_missing() {
        let refusal = Refusal::NeedsApprovedPlan { version: 3 };
        assert_eq!(refusal.key(), "phase-refused-plan");
        assert_eq!(refusal.args(), vec![("version", Arg::Number(3))]);
    }
}

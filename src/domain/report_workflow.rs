//! The life of a status report: a draft is saved and resumed, then submitted; a submitted report
//! never changes, and a correction is a revision (a new version of the same period) with a reason.
//! The development manager reviews (kvitterar) each submitted version once. An escalation in a
//! submitted report is open until a decision of the body it is addressed to answers it.
//!
//! The statuses are the document workflow's (`domain::document::Status`): a report is a draft or
//! submitted; it is reviewed rather than approved, so it is never returned.

use chrono::NaiveDate;

use super::decision::Body;
use super::document::Status;
use super::policy::ProjectAction;
use super::status_report::EscalationTo;
use super::validation::{optional_text, required_text};

pub const REASON_MAX: usize = 2_000;

/// A step in a report version's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStep {
    /// Save the draft's content, or add an escalation to it.
    Save,
    Submit,
    Review,
    /// Start a correction of the submitted version.
    Revise,
}

/// What the steps depend on of a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionFacts {
    pub status: Status,
    /// It is the newest version of its period.
    pub is_latest: bool,
    /// The development manager has reviewed it.
    pub reviewed: bool,
}

/// Why a step is refused; each is a catalog key.
pub fn check_step(step: ReportStep, facts: VersionFacts) -> Result<(), &'static str> {
    let submitted = facts.status == Status::Submitted;
    match step {
        ReportStep::Save | ReportStep::Submit if submitted => Err("report-refused-submitted"),
        ReportStep::Save | ReportStep::Submit => Ok(()),
        ReportStep::Review | ReportStep::Revise if !submitted => {
            Err("report-refused-not-submitted")
        }
        ReportStep::Review | ReportStep::Revise if !facts.is_latest => Err("report-refused-newer"),
        ReportStep::Review if facts.reviewed => Err("report-refused-reviewed"),
        ReportStep::Review | ReportStep::Revise => Ok(()),
    }
}

/// What a user must be allowed on the project to take `step`: the lead's (or the development
/// manager's) right to write reports, and only the development manager reviews.
pub fn step_action(step: ReportStep) -> ProjectAction {
    match step {
        ReportStep::Save | ReportStep::Submit | ReportStep::Revise => ProjectAction::WriteReport,
        ReportStep::Review => ProjectAction::ReviewReport,
    }
}

/// Whether a version is shown to a user: submitted versions to everyone who reads projects, drafts
/// only to those who write the project's reports.
pub fn visible(status: Status, may_write: bool) -> bool {
    status == Status::Submitted || may_write
}

/// The reason a revision gives: required.
pub fn parse_revision_reason(raw: &str) -> Result<String, &'static str> {
    required_text(raw, REASON_MAX)
}

/// The development manager's comment on a review: optional.
pub fn parse_review_comment(raw: &str) -> Result<String, &'static str> {
    optional_text(raw, REASON_MAX)
}

/// The body that answers an escalation addressed to `to`.
pub fn answering_body(to: EscalationTo) -> Body {
    match to {
        EscalationTo::SteeringGroup => Body::SteeringGroup,
        EscalationTo::DevelopmentManager => Body::DevelopmentManager,
        EscalationTo::ManagementGroup => Body::ManagementGroup,
    }
}

/// An escalation as far as its answer is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaisedEscalation {
    pub project_id: i64,
    pub to: EscalationTo,
    /// The day its report was submitted.
    pub raised_on: NaiveDate,
    pub answered: bool,
}

/// A decision offered as the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnsweringDecision {
    pub body: Body,
    /// The project the decision is on; `None` for a decision on no single project.
    pub project_id: Option<i64>,
    pub decided_on: NaiveDate,
}

/// Whether `decision` may answer `escalation`: an escalation is answered once, by a decision of the
/// body it is addressed to, on its project (or on none in particular), made when it was raised or
/// later.
pub fn check_answer(
    escalation: &RaisedEscalation,
    decision: &AnsweringDecision,
) -> Result<(), &'static str> {
    if escalation.answered {
        Err("escalation-refused-answered")
    } else if decision.body != answering_body(escalation.to) {
        Err("escalation-refused-body")
    } else if decision
        .project_id
        .is_some_and(|id| id != escalation.project_id)
    {
        Err("escalation-refused-project")
    } else if decision.decided_on < escalation.raised_on {
        Err("escalation-refused-earlier")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Status, is_latest: bool, reviewed: bool) -> VersionFacts {
        VersionFacts {
            status,
            is_latest,
            reviewed,
        }
    }

    #[test]
    fn a_draft_is_saved_and_submitted_and_never_reviewed_or_revised() {
        let draft = facts(Status::Draft, true, false);
        assert_eq!(check_step(ReportStep::Save, draft), Ok(()));
        assert_eq!(check_step(ReportStep::Submit, draft), Ok(()));
        assert_eq!(
            check_step(ReportStep::Review, draft),
            Err("report-refused-not-submitted")
        );
        assert_eq!(
            check_step(ReportStep::Revise, draft),
            Err("report-refused-not-submitted")
        );
    }

    #[test]
    fn a_submitted_report_never_changes_but_is_reviewed_once_and_revised() {
        let submitted = facts(Status::Submitted, true, false);
        for step in [ReportStep::Save, ReportStep::Submit] {
            assert_eq!(check_step(step, submitted), Err("report-refused-submitted"));
        }
        assert_eq!(check_step(ReportStep::Review, submitted), Ok(()));
        assert_eq!(check_step(ReportStep::Revise, submitted), Ok(()));
        let reviewed = facts(Status::Submitted, true, true);
        assert_eq!(
            check_step(ReportStep::Review, reviewed),
            Err("report-refused-reviewed")
        );
        assert_eq!(check_step(ReportStep::Revise, reviewed), Ok(()));
        let superseded = facts(Status::Submitted, false, false);
        for step in [ReportStep::Review, ReportStep::Revise] {
            assert_eq!(check_step(step, superseded), Err("report-refused-newer"));
        }
    }

    #[test]
    fn leads_write_and_only_the_development_manager_reviews() {
        assert_eq!(step_action(ReportStep::Save), ProjectAction::WriteReport);
        assert_eq!(step_action(ReportStep::Submit), ProjectAction::WriteReport);
        assert_eq!(step_action(ReportStep::Revise), ProjectAction::WriteReport);
        assert_eq!(step_action(ReportStep::Review), ProjectAction::ReviewReport);
        assert!(visible(Status::Submitted, false));
        assert!(!visible(Status::Draft, false));
        assert!(visible(Status::Draft, true));
    }

    #[test]
    fn a_revision_gives_its_reason_and_a_review_may_comment() {
        assert_eq!(parse_revision_reason("  "), Err("error-required"));
        assert_eq!(
            parse_revision_reason(" Fel prognos "),
            Ok("Fel prognos".into())
        );
        assert_eq!(parse_review_comment(""), Ok(String::new()));
        assert_eq!(
            parse_review_comment(&"x".repeat(REASON_MAX + 1)),
            Err("error-too-long")
        );
    }

    #[test]
    fn an_escalation_is_answered_once_by_its_body_on_its_project_after_it_was_raised() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a date");
        let raised = RaisedEscalation {
            project_id: 3,
            to: EscalationTo::ManagementGroup,
            raised_on: day(10),
            answered: false,
        };
        let decision = AnsweringDecision {
            body: Body::ManagementGroup,
            project_id: Some(3),
            decided_on: day(20),
        };
        assert_eq!(check_answer(&raised, &decision), Ok(()));
        let general = AnsweringDecision {
            project_id: None,
            ..decision
        };
        assert_eq!(check_answer(&raised, &general), Ok(()));
        let refusals = [
            (
                RaisedEscalation {
                    answered: true,
                    ..raised
                },
                decision,
                "escalation-refused-answered",
            ),
            (
                raised,
                AnsweringDecision {
                    body: Body::SteeringGroup,
                    ..decision
                },
                "escalation-refused-body",
            ),
            (
                raised,
                AnsweringDecision {
                    project_id: Some(4),
                    ..decision
                },
                "escalation-refused-project",
            ),
            (
                raised,
                AnsweringDecision {
                    decided_on: day(9),
                    ..decision
                },
                "escalation-refused-earlier",
            ),
        ];
        for (escalation, decision, key) in refusals {
            assert_eq!(check_answer(&escalation, &decision), Err(key));
        }
        assert_eq!(
            answering_body(EscalationTo::SteeringGroup),
            Body::SteeringGroup
        );
    }
}

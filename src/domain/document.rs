//! What directives and plans share: versions that move from draft to approval, and the comparison
//! of two versions field by field.
//!
//! A version is drafted, submitted, then approved or returned with a reason. An approved version
//! never changes; a revision is a new version, drafted from the approved one, that is approved
//! again. A returned version goes back to being a draft.
//!
//! Four eyes (governance.md): whoever drafted (created or last edited) or submitted a version does
//! not decide it; when the one who would decide for the body is among them, the decision goes to
//! the next body up.

use super::decision::Body;
use super::policy::ProjectAction;

/// Where a version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Submitted,
        Status::Approved,
        Status::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    pub fn parse(raw: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Status::Draft => "status-draft",
            Status::Submitted => "status-submitted",
            Status::Approved => "status-approved",
            Status::Returned => "status-returned",
        }
    }

    /// Whether the content of a version in this status may be edited.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// A step in a version's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Edit,
    Submit,
    Approve,
    Return,
    /// Start a new version from this approved one.
    Revise,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefusal {
    /// An approved or submitted version's content never changes.
    Locked,
    NotSubmitted,
    NotApproved,
    AlreadySubmitted,
    /// A newer version is already being drafted or decided.
    NewerVersionOpen,
}

impl StepRefusal {
    pub fn key(self) -> &'static str {
        match self {
            StepRefusal::Locked => "document-refused-locked",
            StepRefusal::NotSubmitted => "document-refused-not-submitted",
            StepRefusal::NotApproved => "document-refused-not-approved",
            StepRefusal::AlreadySubmitted => "document-refused-already-submitted",
            StepRefusal::NewerVersionOpen => "document-refused-newer-open",
        }
    }
}

/// The status after `step`, or why the step is refused. `is_latest` says whether this is the
/// newest version of the document.
pub fn step(status: Status, step: Step, is_latest: bool) -> Result<Status, StepRefusal> {
    match (step, status) {
        (Step::Edit, Status::Draft | Status::Returned) => Ok(Status::Draft),
        (Step::Edit, _) => Err(StepRefusal::Locked),
        (Step::Submit, Status::Draft | Status::Returned) => Ok(Status::Submitted),
        (Step::Submit, Status::Submitted) => Err(StepRefusal::AlreadySubmitted),
        (Step::Submit, Status::Approved) => Err(StepRefusal::Locked),
        (Step::Approve | Step::Return, Status::Submitted) => Ok(match step {
            Step::Approve => Status::Approved,
            _ => Status::Returned,
        }),
        (Step::Approve | Step::Return, _) => Err(StepRefusal::NotSubmitted),
        (Step::Revise, Status::Approved) if is_latest => Ok(Status::Draft),
        (Step::Revise, Status::Approved) => Err(StepRefusal::NewerVersionOpen),
        (Step::Revise, _) => Err(StepRefusal::NotApproved),
    }
}

/// What a user must be allowed on the project (`policy::may`) to take `step` on a version: its kind's
/// drafting right (`drafter`: the commissioner's for a directive, the lead's for a plan) to edit,
/// submit or revise it; to approve or return it, the right to decide for `body`, the body that
/// decides this version.
pub fn step_action(step: Step, drafter: ProjectAction, body: Body) -> ProjectAction {
    match step {
        Step::Edit | Step::Submit | Step::Revise => drafter,
        Step::Approve | Step::Return => ProjectAction::DecideAs(body),
    }
}

/// Who drafted and who submitted a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authors {
    pub created_by: i64,
    /// Who saved its content last, if anyone did after creating it.
    pub edited_by: Option<i64>,
    /// Who submitted it, once submitted.
    pub submitted_by: Option<i64>,
}

impl Authors {
    /// Every author, the same person possibly more than once.
    pub fn ids(&self) -> impl Iterator<Item = i64> {
        [Some(self.created_by), self.edited_by, self.submitted_by]
            .into_iter()
            .flatten()
    }

    pub fn includes(&self, user_id: i64) -> bool {
        self.ids().any(|id| id == user_id)
    }
}

/// The catalog key of the refusal of a decision on one's own version.
pub const OWN_VERSION: &str = "document-refused-own-version";

/// Four eyes: `decider` may decide the version only if they neither drafted nor submitted it.
pub fn check_four_eyes(authors: &Authors, decider: i64) -> Result<(), &'static str> {
    if authors.includes(decider) {
        Err(OWN_VERSION)
    } else {
        Ok(())
    }
}

/// What four eyes needs to know of a version's authors to choose the body that decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuthorFacts {
    /// A development manager drafted or submitted it.
    pub development_manager: bool,
    /// The project's steering group chair drafted or submitted it.
    pub steering_chair: bool,
}

/// The body that decides a version that `body` would decide, given who wrote it: when the one who
/// decides for `body` is an author, the next body up decides. The steering group answers to the
/// development manager, who answers to the management group; the management group is the top, where
/// another member decides.
pub fn deciding_body(body: Body, authors: AuthorFacts) -> Body {
    let body = match body {
        Body::SteeringGroup if authors.steering_chair => Body::DevelopmentManager,
        other => other,
    };
    match body {
        Body::DevelopmentManager if authors.development_manager => Body::ManagementGroup,
        other => other,
    }
}

/// One field of a version, as compared: its label's catalog key and its value as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub label_key: &'static str,
    pub value: String,
}

/// One row of a comparison of two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub label_key: &'static str,
    pub left: String,
    pub right: String,
    pub changed: bool,
}

/// Compares two versions field by field. Both lists come from the same snapshot function, so they
/// hold the same fields in the same order; a field only one side has is compared with empty text.
pub fn compare(left: &[FieldValue], right: &[FieldValue]) -> Vec<Compared> {
    let mut rows: Vec<Compared> = left
        .iter()
        .map(|l| {
            let r = right
                .iter()
                .find(|r| r.label_key == l.label_key)
                .map(|r| r.value.clone())
                .unwrap_or_default();
            Compared {
                label_key: l.label_key,
                changed: l.value != r,
                left: l.value.clone(),
                right: r,
            }
        })
        .collect();
    for r in right {
        if !left.iter().any(|l| l.label_key == r.label_key) {
            rows.push(Compared {
                label_key: r.label_key,
                left: String::new(),
                right: r.value.clone(),
                changed: !r.value.is_empty(),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_edited_and_submitted_approved_versions_never_change() {
        assert_eq!(step(Status::Draft, Step::Edit, true), Ok(Status::Draft));
        assert_eq!(step(Status::Returned, Step::Edit, true), Ok(Status::Draft));
        assert_eq!(
            step(Status::Submitted, Step::Edit, true),
            Err(StepRefusal::Locked)
        );
        assert_eq!(
            step(Status::Approved, Step::Edit, true),
            Err(StepRefusal::Locked)
        );
        assert_eq!(
            step(Status::Draft, Step::Submit, true),
            Ok(Status::Submitted)
        );
        assert_eq!(
            step(Status::Returned, Step::Submit, true),
            Ok(Status::Submitted)
        );
        assert_eq!(
            step(Status::Submitted, Step::Submit, true),
            Err(StepRefusal::AlreadySubmitted)
        );
        assert_eq!(
            step(Status::Approved, Step::Submit, true),
            Err(StepRefusal::Locked)
        );
    }

    #[test]
    fn only_a_submitted_version_is_approved_or_returned() {
        for status in Status::ALL {
            for s in [Step::Approve, Step::Return] {
                let expected = match (status, s) {
                    (Status::Submitted, Step::Approve) => Ok(Status::Approved),
                    (Status::Submitted, _) => Ok(Status::Returned),
                    _ => Err(StepRefusal::NotSubmitted),
                };
                assert_eq!(step(status, s, true), expected, "{status:?} {s:?}");
            }
        }
    }

    #[test]
    fn only_the_latest_approved_version_is_revised() {
        assert_eq!(
            step(Status::Approved, Step::Revise, true),
            Ok(Status::Draft)
        );
        assert_eq!(
            step(Status::Approved, Step::Revise, false),
            Err(StepRefusal::NewerVersionOpen)
        );
        assert_eq!(
            step(Status::Draft, Step::Revise, true),
            Err(StepRefusal::NotApproved)
        );
        assert_eq!(
            step(Status::Submitted, Step::Revise, true),
            Err(StepRefusal::NotApproved)
        );
    }

    #[test]
    fn whoever_drafted_or_submitted_a_version_does_not_decide_it() {
        let authors = Authors {
            created_by: 1,
            edited_by: Some(2),
            submitted_by: Some(3),
        };
        for author in [1, 2, 3] {
            assert_eq!(
                check_four_eyes(&authors, author),
                Err(OWN_VERSION),
                "{author}"
            );
        }
        assert_eq!(check_four_eyes(&authors, 4), Ok(()));
        let drafted = Authors {
            created_by: 1,
            edited_by: None,
            submitted_by: None,
        };
        assert_eq!(drafted.ids().collect::<Vec<_>>(), vec![1]);
        assert_eq!(check_four_eyes(&drafted, 2), Ok(()));
    }

    #[test]
    fn when_the_decider_wrote_it_the_next_body_up_decides() {
        let none = AuthorFacts::default();
        let dm = AuthorFacts {
            development_manager: true,
            ..none
        };
        let chair = AuthorFacts {
            steering_chair: true,
            ..none
        };
        let both = AuthorFacts {
            development_manager: true,
            steering_chair: true,
        };
        for body in Body::ALL {
            assert_eq!(deciding_body(body, none), body, "{body:?}");
        }
        assert_eq!(
            deciding_body(Body::DevelopmentManager, dm),
            Body::ManagementGroup
        );
        assert_eq!(deciding_body(Body::SteeringGroup, dm), Body::SteeringGroup);
        assert_eq!(
            deciding_body(Body::SteeringGroup, chair),
            Body::DevelopmentManager
        );
        assert_eq!(
            deciding_body(Body::SteeringGroup, both),
            Body::ManagementGroup
        );
        assert_eq!(
            deciding_body(Body::DevelopmentManager, chair),
            Body::DevelopmentManager
        );
        for facts in [none, dm, chair, both] {
            assert_eq!(
                deciding_body(Body::ManagementGroup, facts),
                Body::ManagementGroup
            );
        }
    }

    #[test]
    fn drafters_draft_and_the_deciding_body_decides() {
        let directive = ProjectAction::DraftDirective;
        let body = Body::ManagementGroup;
        #[rustfmt::skip]
        let table = [
            (Step::Edit,    ProjectAction::DraftDirective),
            (Step::Submit,  ProjectAction::DraftDirective),
            (Step::Revise,  ProjectAction::DraftDirective),
            (Step::Approve, ProjectAction::DecideAs(Body::ManagementGroup)),
            (Step::Return,  ProjectAction::DecideAs(Body::ManagementGroup)),
        ];
        for (step, expected) in table {
            assert_eq!(step_action(step, directive, body), expected, "{step:?}");
        }
    }

    fn field(label_key: &'static str, value: &str) -> FieldValue {
        FieldValue {
            label_key,
            value: value.into(),
        }
    }

    #[test]
    fn comparison_marks_what_changed() {
        let left = [field("a", "1"), field("b", "same"), field("c", "gone")];
        let right = [field("a", "2"), field("b", "same"), field("d", "new")];
        let rows = compare(&left, &right);
        let changed: Vec<(&str, bool)> = rows.iter().map(|r| (r.label_key, r.changed)).collect();
        assert_eq!(
            changed,
            vec![("a", true), ("b", false), ("c", true), ("d", true)]
        );
        assert_eq!(rows[2].right, "");
        assert_eq!(rows[3].left, "");
    }
}

//! Decisions and the bodies that take them (governance.md: "A phase change is a decision").
//!
//! Every decision of every body goes into one log, numbered per body and year. A steering group is
//! a body of its own for each project, so its numbers run per project.

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
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 5] = [
        DecisionKind::PhaseChange,
        DecisionKind::DirectiveApproved,
        DecisionKind::DirectiveReturned,
        DecisionKind::PlanApproved,
        DecisionKind::PlanReturned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::PhaseChange => "phase_change",
            DecisionKind::DirectiveApproved => "directive_approved",
            DecisionKind::DirectiveReturned => "directive_returned",
            DecisionKind::PlanApproved => "plan_approved",
            DecisionKind::PlanReturned => "plan_returned",
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

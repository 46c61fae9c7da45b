//! Who may do what: the one place every handler asks.
//!
//! Global permissions depend on the role alone; permissions on one project also depend on the
//! user's relation to it. Both are pure functions of their inputs, tested for every role.

use super::decision::Body;
use super::role::Role;
use super::steering::SteeringRole;

/// Something a user may want to do that depends on the role alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the project register and project pages (public information).
    ViewProjects,
    /// Register a new project (an idea: every new project starts in phase Idé). Anyone with an
    /// account except a reader may.
    CreateProject,
    /// Create, deactivate and reset the passwords of users, and change their roles.
    AdministerUsers,
    /// Create and rename boards and units.
    AdministerUnits,
    /// Read the audit trail of the whole app and of every project.
    ViewAudit,
    /// Set the threshold above which the management group approves directives.
    AdministerSettings,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::ViewProjects,
        Action::CreateProject,
        Action::AdministerUsers,
        Action::AdministerUnits,
        Action::ViewAudit,
        Action::AdministerSettings,
    ];
}

/// Whether `role` may do `action`.
pub fn allows(role: Role, action: Action) -> bool {
    use Role::*;
    match action {
        Action::ViewProjects => true,
        Action::CreateProject => role != Reader,
        Action::AdministerUsers | Action::AdministerUnits | Action::AdministerSettings => {
            role == Administrator
        }
        Action::ViewAudit => matches!(role, Administrator | DevelopmentManager),
    }
}

/// Whether a user may record a decision of `body` on a project: the development manager their
/// own, a management group member the group's, and the steering group's chair (or the development
/// manager, who answers for every project) the steering group's.
pub fn may_record_decision(role: Role, steering: Option<SteeringRole>, body: Body) -> bool {
    match body {
        Body::DevelopmentManager => role == Role::DevelopmentManager,
        Body::ManagementGroup => role == Role::ManagementGroup,
        Body::SteeringGroup => {
            steering == Some(SteeringRole::Chair) || role == Role::DevelopmentManager
        }
    }
}

/// Whether a user may record any decision at all on a project.
pub fn may_record_any_decision(role: Role, steering: Option<SteeringRole>) -> bool {
    Body::ALL
        .into_iter()
        .any(|body| may_record_decision(role, steering, body))
}

/// Whether a user may draft, edit, submit and revise a project's directives: its commissioner, the
/// development manager and the administrator.
pub fn may_draft_directive(role: Role, is_commissioner: bool) -> bool {
    matches!(role, Role::Administrator | Role::DevelopmentManager) || is_commissioner
}

/// Whether a user may draft, edit, submit and revise a project's plan: the project's own lead, and
/// the development manager, who answers for every project.
pub fn may_draft_plan(role: Role, is_lead: bool) -> bool {
    role == Role::DevelopmentManager || is_lead
}

/// Whether a user may appoint and remove a project's steering group members: the development
/// manager and the administrator, and the commissioner, who sets up the project's governance.
pub fn may_manage_steering_group(role: Role, is_commissioner: bool) -> bool {
    matches!(role, Role::Administrator | Role::DevelopmentManager) || is_commissioner
}

/// How a user stands to one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProjectRelation {
    /// The user is the project's lead.
    pub is_lead: bool,
}

/// What of a project's register entry a user may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectEditScope {
    /// Every field of the register entry.
    All,
    /// Only the description: what a project lead may keep up to date for their own project.
    DescriptionOnly,
}

/// What a new register entry holds when `role` registers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterScope {
    /// Every field: the portfolio owners also appoint the lead and the commissioner.
    Full,
    /// The idea alone (code, name, unit, description, dates, budget): who leads and who
    /// commissions it is for the portfolio owners to appoint, since those relations carry rights.
    Idea,
}

/// What `role` may register; `None` means nothing. Whatever the scope, a new project starts in
/// phase Idé.
pub fn register_scope(role: Role) -> Option<RegisterScope> {
    match role {
        Role::Administrator | Role::DevelopmentManager => Some(RegisterScope::Full),
        _ if allows(role, Action::CreateProject) => Some(RegisterScope::Idea),
        _ => None,
    }
}

/// What `role`, standing to the project as `relation`, may edit; `None` means nothing.
pub fn project_edit_scope(role: Role, relation: ProjectRelation) -> Option<ProjectEditScope> {
    if matches!(role, Role::Administrator | Role::DevelopmentManager) {
        Some(ProjectEditScope::All)
    } else if relation.is_lead {
        Some(ProjectEditScope::DescriptionOnly)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_permissions_for_every_role() {
        for role in Role::ALL {
            for action in Action::ALL {
                let expected = matches!(
                    (role, action),
                    (_, Action::ViewProjects)
                        | (Role::Administrator, _)
                        | (Role::DevelopmentManager, Action::ViewAudit)
                ) || (action == Action::CreateProject && role != Role::Reader);
                assert_eq!(allows(role, action), expected, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn everyone_but_a_reader_registers_ideas_and_the_portfolio_owners_appoint() {
        for role in Role::ALL {
            let expected = match role {
                Role::Administrator | Role::DevelopmentManager => Some(RegisterScope::Full),
                Role::Reader => None,
                Role::ProjectLead | Role::ManagementGroup => Some(RegisterScope::Idea),
            };
            assert_eq!(register_scope(role), expected, "{role:?}");
            assert_eq!(
                register_scope(role).is_some(),
                allows(role, Action::CreateProject),
                "{role:?}"
            );
        }
    }

    #[test]
    fn project_edit_scope_for_every_role_and_relation() {
        for role in Role::ALL {
            for is_lead in [false, true] {
                let scope = project_edit_scope(role, ProjectRelation { is_lead });
                let expected = match role {
                    Role::Administrator | Role::DevelopmentManager => Some(ProjectEditScope::All),
                    _ if is_lead => Some(ProjectEditScope::DescriptionOnly),
                    _ => None,
                };
                assert_eq!(scope, expected, "{role:?} lead={is_lead}");
            }
        }
    }

    #[test]
    fn decisions_are_recorded_by_their_own_body() {
        let steering_roles = [
            None,
            Some(SteeringRole::Chair),
            Some(SteeringRole::Member),
            Some(SteeringRole::CoOpted),
        ];
        for role in Role::ALL {
            for steering in steering_roles {
                for body in Body::ALL {
                    let expected = match body {
                        Body::DevelopmentManager => role == Role::DevelopmentManager,
                        Body::ManagementGroup => role == Role::ManagementGroup,
                        Body::SteeringGroup => {
                            role == Role::DevelopmentManager
                                || steering == Some(SteeringRole::Chair)
                        }
                    };
                    assert_eq!(
                        may_record_decision(role, steering, body),
                        expected,
                        "{role:?} {steering:?} {body:?}"
                    );
                }
            }
        }
        // An administrator, a reader or a plain project lead records no decision.
        for role in [Role::Administrator, Role::Reader, Role::ProjectLead] {
            assert!(!may_record_any_decision(role, None), "{role:?}");
            assert!(
                !may_record_any_decision(role, Some(SteeringRole::Member)),
                "{role:?}"
            );
        }
        assert!(may_record_any_decision(
            Role::ProjectLead,
            Some(SteeringRole::Chair)
        ));
    }

    #[test]
    fn the_steering_group_is_set_up_by_the_commissioner_or_the_portfolio_owners() {
        for role in Role::ALL {
            let portfolio = matches!(role, Role::Administrator | Role::DevelopmentManager);
            assert_eq!(
                may_manage_steering_group(role, false),
                portfolio,
                "{role:?}"
            );
            assert!(may_manage_steering_group(role, true), "{role:?}");
        }
    }

    #[test]
    fn directives_are_drafted_by_the_commissioner_and_plans_by_the_lead() {
        for role in Role::ALL {
            let portfolio = matches!(role, Role::Administrator | Role::DevelopmentManager);
            assert_eq!(may_draft_directive(role, false), portfolio, "{role:?}");
            assert!(may_draft_directive(role, true), "{role:?}");
            assert_eq!(
                may_draft_plan(role, false),
                role == Role::DevelopmentManager,
                "{role:?}"
            );
            assert!(may_draft_plan(role, true), "{role:?}");
        }
    }
}

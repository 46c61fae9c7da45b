//! Who may do what: the one place every handler asks.
//!
//! Global permissions depend on the role alone; permissions on one project also depend on the
//! user's relation to it. Both are pure functions of their inputs, tested for every role.

use super::role::Role;

/// Something a user may want to do that depends on the role alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the project register and project pages (public information).
    ViewProjects,
    /// Register a new project.
    CreateProject,
    /// Create, deactivate and reset the passwords of users, and change their roles.
    AdministerUsers,
    /// Create and rename boards and units.
    AdministerUnits,
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::ViewProjects,
        Action::CreateProject,
        Action::AdministerUsers,
        Action::AdministerUnits,
    ];
}

/// Whether `role` may do `action`.
pub fn allows(role: Role, action: Action) -> bool {
    use Role::*;
    match action {
        Action::ViewProjects => true,
        Action::CreateProject => matches!(role, Administrator | DevelopmentManager),
        Action::AdministerUsers | Action::AdministerUnits => role == Administrator,
    }
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

/// What `role`, standing to the project as `relation`, may edit; `None` means nothing.
pub fn project_edit_scope(role: Role, relation: ProjectRelation) -> Option<ProjectEditScope> {
    if allows(role, Action::CreateProject) {
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
                        | (Role::DevelopmentManager, Action::CreateProject)
                );
                assert_eq!(allows(role, action), expected, "{role:?} {action:?}");
            }
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
}

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
    /// See every action item, by owner and by meeting, not only one's own: those who follow
    /// up the management group's work (its members, the development manager, the administrator).
    ViewAllActionItems,
    /// Close anyone's action item, not only one's own: the management group and the administrator.
    CloseAnyActionItem,
    /// Record the monthly budget follow-up of a board or unit: the development manager, the
    /// management group and the administrator.
    RecordFollowUp,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::ViewProjects,
        Action::CreateProject,
        Action::AdministerUsers,
        Action::AdministerUnits,
        Action::ViewAudit,
        Action::AdministerSettings,
        Action::ViewAllActionItems,
        Action::CloseAnyActionItem,
        Action::RecordFollowUp,
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
        Action::ViewAllActionItems | Action::RecordFollowUp => {
            matches!(role, Administrator | ManagementGroup | DevelopmentManager)
        }
        Action::CloseAnyActionItem => matches!(role, Administrator | ManagementGroup),
    }
}

/// Who a user is to one project: every relation that carries rights, and the user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectRelation {
    pub role: Role,
    /// The user is the project's lead.
    pub is_lead: bool,
    /// The user commissioned the project (beställare).
    pub is_commissioner: bool,
    /// The user's seat in the project's steering group, if any.
    pub steering: Option<SteeringRole>,
}

impl ProjectRelation {
    /// A user with `role` and no relation to the project.
    pub fn stranger(role: Role) -> ProjectRelation {
        ProjectRelation {
            role,
            is_lead: false,
            is_commissioner: false,
            steering: None,
        }
    }
}

/// Something a user may want to do on one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectAction {
    /// Read the project and its documents (public information).
    View,
    /// Edit the register entry, at least its description.
    EditEntry,
    /// Edit every field of the register entry, lead and commissioner included.
    EditWholeEntry,
    /// Draft, edit, submit and revise the project's directives.
    DraftDirective,
    /// Draft, edit, submit and revise the project's plan.
    DraftPlan,
    /// Write the closing report.
    WriteClosingReport,
    /// Appoint and remove steering group members.
    ManageSteeringGroup,
    /// Record a decision of this body on the project (for the steering group, also its meetings).
    DecideAs(Body),
    /// Draft, submit and revise the project's monthly status reports.
    WriteReport,
    /// Review (kvittera) a submitted status report.
    ReviewReport,
}

impl ProjectAction {
    pub const ALL: [ProjectAction; 12] = [
        ProjectAction::View,
        ProjectAction::EditEntry,
        ProjectAction::EditWholeEntry,
        ProjectAction::DraftDirective,
        ProjectAction::DraftPlan,
        ProjectAction::WriteClosingReport,
        ProjectAction::ManageSteeringGroup,
        ProjectAction::DecideAs(Body::SteeringGroup),
        ProjectAction::DecideAs(Body::DevelopmentManager),
        ProjectAction::DecideAs(Body::ManagementGroup),
        ProjectAction::WriteReport,
        ProjectAction::ReviewReport,
    ];
}

/// Whether a user standing to a project as `relation` may take `action` on it. The one table of
/// project permissions:
///
/// | action | who |
/// |---|---|
/// | view | everyone with an account |
/// | edit the register entry | the portfolio owners (administrator, development manager) in full; the lead its description |
/// | draft directives, manage the steering group | the portfolio owners and the commissioner |
/// | draft the plan, write the closing report | the development manager, who answers for every project, and the lead |
/// | decide as the steering group | its chair, and the development manager |
/// | decide as the development manager | the development manager |
/// | decide as the management group | a management group member |
pub fn may(relation: &ProjectRelation, action: ProjectAction) -> bool {
    use ProjectAction::*;
    let role = relation.role;
    let portfolio = matches!(role, Role::Administrator | Role::DevelopmentManager);
    let development_manager = role == Role::DevelopmentManager;
    match action {
        View => true,
        EditEntry => portfolio || relation.is_lead,
        EditWholeEntry => portfolio,
        DraftDirective | ManageSteeringGroup => portfolio || relation.is_commissioner,
        DraftPlan | WriteClosingReport | WriteReport => development_manager || relation.is_lead,
        ReviewReport => development_manager,
        DecideAs(Body::SteeringGroup) => {
            development_manager || relation.steering == Some(SteeringRole::Chair)
        }
        DecideAs(Body::DevelopmentManager) => development_manager,
        DecideAs(Body::ManagementGroup) => role == Role::ManagementGroup,
    }
}

/// Whether the user represents any body that decides on the project.
pub fn may_decide_any(relation: &ProjectRelation) -> bool {
    Body::ALL
        .into_iter()
        .any(|body| may(relation, ProjectAction::DecideAs(body)))
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

/// What a user standing to the project as `relation` may edit; `None` means nothing.
pub fn project_edit_scope(relation: &ProjectRelation) -> Option<ProjectEditScope> {
    if may(relation, ProjectAction::EditWholeEntry) {
        Some(ProjectEditScope::All)
    } else if may(relation, ProjectAction::EditEntry) {
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
                        | (
                            Role::ManagementGroup | Role::DevelopmentManager,
                            Action::ViewAllActionItems | Action::RecordFollowUp
                        )
                        | (Role::ManagementGroup, Action::CloseAnyActionItem)
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

    /// Who a relation is, for the table below.
    fn relation(
        role: Role,
        is_lead: bool,
        is_commissioner: bool,
        steering: Option<SteeringRole>,
    ) -> ProjectRelation {
        ProjectRelation {
            role,
            is_lead,
            is_commissioner,
            steering,
        }
    }

    const Y: bool = true;
    const N: bool = false;

    /// Every relation against every action, written out by hand: the expectations are read from
    /// governance.md's "Who uses it", not computed.
    #[test]
    fn project_permissions_for_every_relation() {
        use Role::*;
        use SteeringRole::*;
        #[rustfmt::skip]
        let table: [(&str, ProjectRelation, [bool; 12]); 14] = [
            //                                                                  view edit whole dir plan close steer SG  DM  MG  report review
            ("administrator",            relation(Administrator, N, N, None),         [Y, Y, Y, Y, N, N, Y, N, N, N, N, N]),
            ("development manager",      relation(DevelopmentManager, N, N, None),    [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y]),
            ("management group member",  relation(ManagementGroup, N, N, None),       [Y, N, N, N, N, N, N, N, N, Y, N, N]),
            ("a lead of another project", relation(ProjectLead, N, N, None),          [Y, N, N, N, N, N, N, N, N, N, N, N]),
            ("reader",                   relation(Reader, N, N, None),                [Y, N, N, N, N, N, N, N, N, N, N, N]),
            ("the project's lead",       relation(ProjectLead, Y, N, None),           [Y, Y, N, N, Y, Y, N, N, N, N, Y, N]),
            ("commissioner",             relation(ProjectLead, N, Y, None),           [Y, N, N, Y, N, N, Y, N, N, N, N, N]),
            ("commissioner in the management group", relation(ManagementGroup, N, Y, None), [Y, N, N, Y, N, N, Y, N, N, Y, N, N]),
            ("steering group chair",     relation(ProjectLead, N, N, Some(Chair)),    [Y, N, N, N, N, N, N, Y, N, N, N, N]),
            ("steering group member",    relation(ProjectLead, N, N, Some(Member)),   [Y, N, N, N, N, N, N, N, N, N, N, N]),
            ("co-opted member",          relation(ProjectLead, N, N, Some(CoOpted)),  [Y, N, N, N, N, N, N, N, N, N, N, N]),
            ("reader who chairs",        relation(Reader, N, N, Some(Chair)),         [Y, N, N, N, N, N, N, Y, N, N, N, N]),
            ("management group member in the steering group", relation(ManagementGroup, N, N, Some(Member)), [Y, N, N, N, N, N, N, N, N, Y, N, N]),
            ("development manager who commissioned it", relation(DevelopmentManager, N, Y, None), [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y]),
        ];
        for (who, relation, expected) in table {
            for (action, expected) in ProjectAction::ALL.into_iter().zip(expected) {
                assert_eq!(may(&relation, action), expected, "{who}: {action:?}");
            }
        }
    }

    #[test]
    fn what_of_the_entry_each_relation_edits_and_who_decides_at_all() {
        use Role::*;
        use SteeringRole::*;
        let all = Some(ProjectEditScope::All);
        let description = Some(ProjectEditScope::DescriptionOnly);
        #[rustfmt::skip]
        let table = [
            (relation(Administrator, N, N, None),        all,         N),
            (relation(DevelopmentManager, N, N, None),   all,         Y),
            (relation(ManagementGroup, N, N, None),      None,        Y),
            (relation(ProjectLead, N, N, None),          None,        N),
            (relation(Reader, N, N, None),               None,        N),
            (relation(ProjectLead, Y, N, None),          description, N),
            (relation(ProjectLead, N, Y, None),          None,        N),
            (relation(ProjectLead, N, N, Some(Chair)),   None,        Y),
            (relation(ProjectLead, N, N, Some(Member)),  None,        N),
            (relation(Administrator, Y, N, None),        all,         N),
        ];
        for (relation, scope, decides) in table {
            assert_eq!(project_edit_scope(&relation), scope, "{relation:?}");
            assert_eq!(may_decide_any(&relation), decides, "{relation:?}");
        }
    }
}

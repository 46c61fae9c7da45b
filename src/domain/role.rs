//! The global roles a user holds.

/// A user's global role. Relations to a single project (lead, commissioner, steering group) come on
/// top of it and are judged by [`crate::domain::policy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Administrator,
    ManagementGroup,
    DevelopmentManager,
    ProjectLead,
    Reader,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::ManagementGroup,
        Role::DevelopmentManager,
        Role::ProjectLead,
        Role::Reader,
    ];

    /// The name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::ManagementGroup => "management_group",
            Role::DevelopmentManager => "development_manager",
            Role::ProjectLead => "project_lead",
            Role::Reader => "reader",
        }
    }

    pub fn parse(raw: &str) -> Result<Role, &'static str> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    /// The catalog key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Administrator => "role-administrator",
            Role::ManagementGroup => "role-management_group",
            Role::DevelopmentManager => "role-development_manager",
            Role::ProjectLead => "role-project_lead",
            Role::Reader => "role-reader",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("superuser"), Err("error-unknown-choice"));
    }
}

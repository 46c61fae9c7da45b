//! The local steering group (lokal styrgrupp): its members' roles and the rules for its make-up.

use super::validation::{FieldErrors, optional_id};

/// A member's role in a steering group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SteeringRole {
    Chair,
    Member,
    /// Adjungerad: attends without a vote.
    CoOpted,
}

impl SteeringRole {
    pub const ALL: [SteeringRole; 3] = [
        SteeringRole::Chair,
        SteeringRole::Member,
        SteeringRole::CoOpted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SteeringRole::Chair => "chair",
            SteeringRole::Member => "member",
            SteeringRole::CoOpted => "co_opted",
        }
    }

    pub fn parse(raw: &str) -> Result<SteeringRole, &'static str> {
        SteeringRole::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SteeringRole::Chair => "steering-role-chair",
            SteeringRole::Member => "steering-role-member",
            SteeringRole::CoOpted => "steering-role-co_opted",
        }
    }

    /// The order members are listed in: the chair first.
    pub fn order(self) -> u8 {
        match self {
            SteeringRole::Chair => 0,
            SteeringRole::Member => 1,
            SteeringRole::CoOpted => 2,
        }
    }
}

/// A new member as submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMember {
    pub user_id: i64,
    pub role: SteeringRole,
}

/// What the rules need to know about the group as it is.
#[derive(Debug, Clone, Default)]
pub struct GroupNow {
    /// The users who are members already.
    pub member_ids: Vec<i64>,
    pub has_chair: bool,
    /// Active users who may be chosen.
    pub eligible_ids: Vec<i64>,
}

/// Parses a new member: an active user not yet in the group; at most one chair.
pub fn parse_new_member(
    user_id: &str,
    role: &str,
    group: &GroupNow,
) -> Result<NewMember, FieldErrors> {
    let mut errors = FieldErrors::new();
    let user_id = errors.check(
        "user_id",
        optional_id(user_id).and_then(|id| {
            let id = id.ok_or("error-choose-person")?;
            if !group.eligible_ids.contains(&id) {
                Err("error-unknown-choice")
            } else if group.member_ids.contains(&id) {
                Err("error-already-member")
            } else {
                Ok(id)
            }
        }),
    );
    let role = errors.check(
        "role",
        SteeringRole::parse(role).and_then(|role| {
            if role == SteeringRole::Chair && group.has_chair {
                Err("error-one-chair")
            } else {
                Ok(role)
            }
        }),
    );
    match (user_id, role) {
        (Some(user_id), Some(role)) => Ok(NewMember { user_id, role }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group() -> GroupNow {
        GroupNow {
            member_ids: vec![1],
            has_chair: true,
            eligible_ids: vec![1, 2, 3],
        }
    }

    #[test]
    fn a_new_member_is_an_eligible_user_not_yet_in_the_group() {
        assert_eq!(
            parse_new_member("2", "member", &group()),
            Ok(NewMember {
                user_id: 2,
                role: SteeringRole::Member
            })
        );
        let errors = parse_new_member("1", "member", &group()).unwrap_err();
        assert_eq!(errors.get("user_id"), Some("error-already-member"));
        let errors = parse_new_member("9", "member", &group()).unwrap_err();
        assert_eq!(errors.get("user_id"), Some("error-unknown-choice"));
        let errors = parse_new_member("", "boss", &group()).unwrap_err();
        assert_eq!(errors.get("user_id"), Some("error-choose-person"));
        assert_eq!(errors.get("role"), Some("error-unknown-choice"));
    }

    #[test]
    fn a_group_has_one_chair() {
        let errors = parse_new_member("2", "chair", &group()).unwrap_err();
        assert_eq!(errors.get("role"), Some("error-one-chair"));
        let no_chair = GroupNow {
            has_chair: false,
            ..group()
        };
        assert!(parse_new_member("2", "chair", &no_chair).is_ok());
    }
}

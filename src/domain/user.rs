//! Users: usernames, names, the password policy, and the guard that keeps the app administrable.

use super::role::Role;
use super::validation::{FieldErrors, required_line};

/// The shortest password a real account may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Long enough for any passphrase, short enough to bound the hashing work an attacker can cause.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const DISPLAY_NAME_MAX: usize = 100;
/// The longest username.
pub const USERNAME_MAX: usize = 32;

/// A username: 2–32 characters of lowercase letters, digits, dot, hyphen and underscore.
pub fn parse_username(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim().to_lowercase();
    if name.is_empty() {
        return Err("error-required");
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    if !(2..=USERNAME_MAX).contains(&name.chars().count()) || !name.chars().all(allowed) {
        return Err("error-username");
    }
    Ok(name)
}

pub fn parse_display_name(raw: &str) -> Result<String, &'static str> {
    required_line(raw, DISPLAY_NAME_MAX)
}

/// A new password for a real account, typed twice.
pub fn parse_new_password(password: &str, confirmation: &str) -> Result<String, &'static str> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        Err("error-password-short")
    } else if length > PASSWORD_MAX_CHARS {
        Err("error-too-long")
    } else if password != confirmation {
        Err("error-password-mismatch")
    } else {
        Ok(password.to_owned())
    }
}

/// A new user as the administrator submits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

pub fn parse_new_user(
    username: &str,
    display_name: &str,
    role: &str,
    password: &str,
    confirmation: &str,
) -> Result<NewUser, FieldErrors> {
    let mut errors = FieldErrors::new();
    let username = errors.check("username", parse_username(username));
    let display_name = errors.check("display_name", parse_display_name(display_name));
    let role = errors.check("role", Role::parse(role));
    let password = errors.check("password", parse_new_password(password, confirmation));
    match (username, display_name, role, password) {
        (Some(username), Some(display_name), Some(role), Some(password)) => Ok(NewUser {
            username,
            display_name,
            role,
            password,
        }),
        _ => Err(errors),
    }
}

/// A user's account as the administrator changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

/// What the guard needs to know about the user being changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeContext {
    /// The administrator is changing their own account.
    pub is_self: bool,
    /// The account is an active administrator now.
    pub was_active_admin: bool,
    /// How many active administrators there are now, this one included.
    pub active_admins: i64,
}

/// Parses a change to a user and refuses one that would lock everybody out: an administrator may
/// not deactivate their own account, and the last active administrator may not lose the role or
/// be deactivated.
pub fn parse_user_change(
    display_name: &str,
    role: &str,
    active: bool,
    context: ChangeContext,
) -> Result<UserChange, FieldErrors> {
    let mut errors = FieldErrors::new();
    let display_name = errors.check("display_name", parse_display_name(display_name));
    let role = errors.check("role", Role::parse(role));
    if context.is_self && !active {
        errors.add("active", "error-deactivate-self");
    }
    let stays_admin = active && role == Some(Role::Administrator);
    if context.was_active_admin && !stays_admin && context.active_admins <= 1 {
        errors.add("role", "error-last-admin");
    }
    match (display_name, role) {
        (Some(display_name), Some(role)) if errors.is_empty() => Ok(UserChange {
            display_name,
            role,
            active,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_limited_to_plain_characters() {
        assert_eq!(parse_username(" Anna.Berg "), Ok("anna.berg".into()));
        assert_eq!(parse_username(""), Err("error-required"));
        assert_eq!(parse_username("a"), Err("error-username"));
        assert_eq!(parse_username("anna berg"), Err("error-username"));
        assert_eq!(parse_username("åsa"), Err("error-username"));
        assert_eq!(parse_username(&"x".repeat(33)), Err("error-username"));
    }

    #[test]
    fn passwords_need_twelve_characters_and_a_matching_confirmation() {
        assert_eq!(
            parse_new_password("kort", "kort"),
            Err("error-password-short")
        );
        assert_eq!(
            parse_new_password("ett långt lösenord", "ett langt losenord"),
            Err("error-password-mismatch")
        );
        assert_eq!(
            parse_new_password(&"x".repeat(257), &"x".repeat(257)),
            Err("error-too-long")
        );
        assert_eq!(
            parse_new_password("ett långt lösenord", "ett långt lösenord"),
            Ok("ett långt lösenord".into())
        );
    }

    #[test]
    fn a_new_user_reports_every_bad_field() {
        let errors = parse_new_user("x", "", "boss", "short", "short").unwrap_err();
        assert_eq!(errors.get("username"), Some("error-username"));
        assert_eq!(errors.get("display_name"), Some("error-required"));
        assert_eq!(errors.get("role"), Some("error-unknown-choice"));
        assert_eq!(errors.get("password"), Some("error-password-short"));
        let user = parse_new_user(
            "sara",
            "Sara Lind",
            "reader",
            &"p".repeat(12),
            &"p".repeat(12),
        );
        assert_eq!(user.map(|u| u.role), Ok(Role::Reader));
    }

    const OTHER_ADMIN_EXISTS: ChangeContext = ChangeContext {
        is_self: false,
        was_active_admin: true,
        active_admins: 2,
    };
    const LAST_ADMIN: ChangeContext = ChangeContext {
        is_self: true,
        was_active_admin: true,
        active_admins: 1,
    };

    #[test]
    fn nobody_deactivates_their_own_account() {
        let ctx = ChangeContext {
            is_self: true,
            ..OTHER_ADMIN_EXISTS
        };
        let errors = parse_user_change("Ada", "administrator", false, ctx).unwrap_err();
        assert_eq!(errors.get("active"), Some("error-deactivate-self"));
    }

    #[test]
    fn the_last_administrator_keeps_the_role() {
        let errors = parse_user_change("Ada", "reader", true, LAST_ADMIN).unwrap_err();
        assert_eq!(errors.get("role"), Some("error-last-admin"));
        assert!(parse_user_change("Ada", "administrator", true, LAST_ADMIN).is_ok());
        // With another administrator left, the role may go.
        assert!(parse_user_change("Ada", "reader", true, OTHER_ADMIN_EXISTS).is_ok());
        assert!(parse_user_change("Ada", "administrator", false, OTHER_ADMIN_EXISTS).is_ok());
        // A user who is not an administrator is not guarded.
        let reader = ChangeContext {
            is_self: false,
            was_active_admin: false,
            active_admins: 1,
        };
        assert!(parse_user_change("Bo", "reader", false, reader).is_ok());
    }
}

//! The local steering group (lokal styrgrupp): its members' roles and the rules for its make-up.

use chrono::NaiveDate;

use super::decision::{Floor, parse_decided_on, parse_decision_text};
use super::validation::{FieldErrors, optional_id, optional_text};

/// Decisions one meeting record may carry; more meetings carry more.
pub const MEETING_DECISIONS: usize = 3;
pub const NOTES_MAX: usize = 10_000;
pub const ATTENDEES_MAX: usize = 2_000;

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

/// The catalog key of the refusal of a project's lead as the chair of its steering group.
pub const CHAIR_IS_LEAD: &str = "error-chair-is-lead";
/// The catalog key of the refusal of the steering group's chair as the project's lead.
pub const LEAD_IS_CHAIR: &str = "error-lead-is-chair";

/// Whether a project's lead and its steering group's chair are one person, which four eyes
/// refuses: the steering group holds the lead to account.
pub fn lead_chairs(lead_id: Option<i64>, chair_id: Option<i64>) -> bool {
    lead_id.is_some() && lead_id == chair_id
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
    /// The project's lead, who does not chair its own steering group (four eyes).
    pub lead_id: Option<i64>,
}

/// Parses a new member: an active user not yet in the group; at most one chair, who is not the
/// project's lead.
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
    if let (Some(id), Some(SteeringRole::Chair)) = (user_id, role) {
        if lead_chairs(group.lead_id, Some(id)) {
            errors.add("role", CHAIR_IS_LEAD);
            return Err(errors);
        }
    }
    match (user_id, role) {
        (Some(user_id), Some(role)) => Ok(NewMember { user_id, role }),
        _ => Err(errors),
    }
}

/// A steering group meeting as the chair records it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub held_on: String,
    pub attendees: String,
    pub notes: String,
    pub decision_1: String,
    pub decision_2: String,
    pub decision_3: String,
}

impl MeetingForm {
    fn decisions(&self) -> [(&'static str, &str); MEETING_DECISIONS] {
        [
            ("decision_1", &self.decision_1),
            ("decision_2", &self.decision_2),
            ("decision_3", &self.decision_3),
        ]
    }
}

/// A meeting, parsed: its date, who attended, notes, and the decisions taken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeetingInput {
    pub held_on: NaiveDate,
    pub attendees: String,
    pub notes: String,
    pub decisions: Vec<String>,
}

/// Parses a meeting record: held today or earlier and not before `floor` (the project's
/// registration: its decisions are dated the day it is held), with notes or at least one decision.
pub fn parse_meeting(
    form: &MeetingForm,
    today: NaiveDate,
    floor: Option<Floor>,
) -> Result<MeetingInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let held_on = errors.check("held_on", parse_decided_on(&form.held_on, today, floor));
    let attendees = errors.check("attendees", optional_text(&form.attendees, ATTENDEES_MAX));
    let notes = errors.check("notes", optional_text(&form.notes, NOTES_MAX));
    let mut decisions = Vec::new();
    for (field, text) in form.decisions() {
        if text.trim().is_empty() {
            continue;
        }
        if let Some(text) = errors.check(field, parse_decision_text(text)) {
            decisions.push(text);
        }
    }
    if notes.as_deref() == Some("") && decisions.is_empty() && errors.is_empty() {
        errors.add("notes", "error-meeting-empty");
    }
    match (held_on, attendees, notes) {
        (Some(held_on), Some(attendees), Some(notes)) if errors.is_empty() => Ok(MeetingInput {
            held_on,
            attendees,
            notes,
            decisions,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::Ground;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
    }

    #[test]
    fn a_meeting_has_a_past_date_and_notes_or_decisions() {
        let form = MeetingForm {
            held_on: "2026-11-20".into(),
            attendees: "Karin Holm, Maria Lindqvist".into(),
            decision_2: " Piloten förlängs två veckor. ".into(),
            ..MeetingForm::default()
        };
        let meeting = parse_meeting(&form, today(), None).expect("valid");
        assert_eq!(meeting.decisions, vec!["Piloten förlängs två veckor."]);
        let empty = MeetingForm {
            held_on: "2026-11-20".into(),
            ..MeetingForm::default()
        };
        let errors = parse_meeting(&empty, today(), None).unwrap_err();
        assert_eq!(errors.get("notes"), Some("error-meeting-empty"));
        let future = MeetingForm {
            held_on: "2026-12-01".into(),
            notes: "x".into(),
            ..MeetingForm::default()
        };
        let errors = parse_meeting(&future, today(), None).unwrap_err();
        assert_eq!(errors.get("held_on"), Some("error-date-in-future"));
        let long = MeetingForm {
            held_on: "2026-11-20".into(),
            decision_3: "x".repeat(5_001),
            ..MeetingForm::default()
        };
        let errors = parse_meeting(&long, today(), None).unwrap_err();
        assert_eq!(errors.get("decision_3"), Some("error-too-long"));
        // Nor before the project was registered.
        let registered = Some(Floor {
            date: NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date"),
            ground: Ground::Registered,
        });
        let errors = parse_meeting(&form, today(), registered).unwrap_err();
        assert_eq!(errors.get("held_on"), Some("error-date-before-registered"));
    }

    fn group() -> GroupNow {
        GroupNow {
            member_ids: vec![1],
            has_chair: true,
            eligible_ids: vec![1, 2, 3],
            lead_id: Some(3),
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

    #[test]
    fn the_lead_does_not_chair_their_own_steering_group() {
        let no_chair = GroupNow {
            has_chair: false,
            ..group()
        };
        let errors = parse_new_member("3", "chair", &no_chair).unwrap_err();
        assert_eq!(errors.get("role"), Some(CHAIR_IS_LEAD));
        // The lead may sit in the group, only not chair it.
        assert!(parse_new_member("3", "member", &no_chair).is_ok());
        assert!(lead_chairs(Some(3), Some(3)));
        assert!(!lead_chairs(Some(3), Some(2)));
        assert!(!lead_chairs(None, None));
        assert!(!lead_chairs(None, Some(2)));
    }
}

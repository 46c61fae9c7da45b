//! A meeting of a body and its minutes (protokoll): the fixed sections of the management group's
//! agenda, the meeting's states from planned to locked, the adjusting (justering) by the chair and
//! the adjuster, who was present and who absent, and the states of an action item (åtgärd).
//!
//! Pure: the pages and the database of issue 9 build on these rules, each tested here on its own.

use chrono::NaiveDate;

use super::decision::{Body, DecisionKind};
use super::role::Role;
use super::validation::{
    FieldErrors, optional_date, optional_id, optional_text, required_line, required_text,
};

/// A section of the management group's minutes, in the order of governance.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Strategiska verksamhetsfrågor.
    Strategic,
    /// Mål och resultatuppföljning.
    Goals,
    /// Organisation och arbetsmiljö.
    Organisation,
    /// Samverkan och omvärldsspaning.
    Collaboration,
    /// Övrigt.
    Other,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Strategic,
        Section::Goals,
        Section::Organisation,
        Section::Collaboration,
        Section::Other,
    ];

    /// The form value (`section`).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Strategic => "strategic",
            Section::Goals => "goals",
            Section::Organisation => "organisation",
            Section::Collaboration => "collaboration",
            Section::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Section, &'static str> {
        Section::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or("error-meeting-section")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Section::Strategic => "meeting-section-strategic",
            Section::Goals => "meeting-section-goals",
            Section::Organisation => "meeting-section-organisation",
            Section::Collaboration => "meeting-section-collaboration",
            Section::Other => "meeting-section-other",
        }
    }
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeetingState {
    /// Planned: its agenda and attendance are prepared.
    Planned,
    /// Held: its minutes are being drafted.
    Held,
    /// Adjusted by one of the two who must; the other has not yet.
    Adjusting,
    /// Adjusted by both: locked, nothing in it changes again.
    Locked,
}

impl MeetingState {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingState::Planned => "planned",
            MeetingState::Held => "held",
            MeetingState::Adjusting => "adjusting",
            MeetingState::Locked => "locked",
        }
    }

    pub fn parse(raw: &str) -> Option<MeetingState> {
        [
            MeetingState::Planned,
            MeetingState::Held,
            MeetingState::Adjusting,
            MeetingState::Locked,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    /// Whether the minutes' content (items, decisions, action items, attendance) may change:
    /// until someone has adjusted them.
    pub fn is_editable(self) -> bool {
        matches!(self, MeetingState::Planned | MeetingState::Held)
    }
}

/// Who adjusts (justerar) the minutes: the chair and the adjuster, each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signer {
    Chair,
    Adjuster,
}

/// The adjusting so far: who of the two has signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Signatures {
    pub chair: bool,
    pub adjuster: bool,
}

impl Signatures {
    fn signed(self, signer: Signer) -> bool {
        match signer {
            Signer::Chair => self.chair,
            Signer::Adjuster => self.adjuster,
        }
    }

    fn with(self, signer: Signer) -> Signatures {
        match signer {
            Signer::Chair => Signatures {
                chair: true,
                ..self
            },
            Signer::Adjuster => Signatures {
                adjuster: true,
                ..self
            },
        }
    }
}

/// The roles `user` has in the meeting's adjusting; one person may not be both (four eyes).
pub fn signer_roles(user: i64, chair: i64, adjuster: i64) -> Vec<Signer> {
    let mut roles = Vec::new();
    if user == chair {
        roles.push(Signer::Chair);
    }
    if user == adjuster {
        roles.push(Signer::Adjuster);
    }
    roles
}

/// The chair and the adjuster are two people.
pub fn check_chair_and_adjuster(chair: i64, adjuster: i64) -> Result<(), &'static str> {
    if chair == adjuster {
        Err("error-meeting-adjuster-is-chair")
    } else {
        Ok(())
    }
}

/// The chair and the adjuster are members of the body and two different people. On a refusal,
/// the field it concerns (`chair` or `adjuster`) and the message.
pub fn check_officers(
    chair: i64,
    adjuster: i64,
    members: &[i64],
) -> Result<(), (&'static str, &'static str)> {
    if !members.contains(&chair) {
        Err(("chair", "error-meeting-officer-not-member"))
    } else if !members.contains(&adjuster) {
        Err(("adjuster", "error-meeting-officer-not-member"))
    } else {
        check_chair_and_adjuster(chair, adjuster).map_err(|key| ("adjuster", key))
    }
}

/// Who plans and minutes a meeting of `body`: for the management group its members and the
/// administrator; for a steering group its chair (`is_steering_chair`) and the development
/// manager.
pub fn may_minute(role: Role, body: Body, is_steering_chair: bool) -> bool {
    match body {
        Body::ManagementGroup => matches!(role, Role::Administrator | Role::ManagementGroup),
        Body::SteeringGroup => is_steering_chair || role == Role::DevelopmentManager,
        Body::DevelopmentManager => false,
    }
}

/// Who sees a meeting and its minutes: everyone once they are locked; before that, those who
/// minute it, and the management group, the administrator and the development manager.
pub fn may_see(role: Role, state: MeetingState, minutes_it: bool) -> bool {
    state == MeetingState::Locked
        || minutes_it
        || matches!(
            role,
            Role::Administrator | Role::ManagementGroup | Role::DevelopmentManager
        )
}

/// Holding a planned meeting: its minutes are drafted from then on.
pub fn hold(state: MeetingState) -> Result<MeetingState, &'static str> {
    match state {
        MeetingState::Planned => Ok(MeetingState::Held),
        _ => Err("meeting-refused-not-planned"),
    }
}

/// `signer` adjusts held minutes; the second signature locks them. Returns the new state and
/// signatures.
pub fn adjust(
    state: MeetingState,
    signatures: Signatures,
    signer: Signer,
) -> Result<(MeetingState, Signatures), &'static str> {
    match state {
        MeetingState::Planned => Err("meeting-refused-not-held"),
        MeetingState::Locked => Err("meeting-refused-locked"),
        MeetingState::Held | MeetingState::Adjusting if signatures.signed(signer) => {
            Err("meeting-refused-signed")
        }
        MeetingState::Held | MeetingState::Adjusting => {
            let signatures = signatures.with(signer);
            let state = if signatures.chair && signatures.adjuster {
                MeetingState::Locked
            } else {
                MeetingState::Adjusting
            };
            Ok((state, signatures))
        }
    }
}

/// Who of the body's members were present and who absent (frånvarande, listed in the minutes):
/// `present` are the members ticked; anyone ticked who is not a member is refused.
pub fn attendance(members: &[i64], present: &[i64]) -> Result<(Vec<i64>, Vec<i64>), &'static str> {
    if present.iter().any(|p| !members.contains(p)) {
        return Err("error-meeting-not-member");
    }
    let (here, away) = members.iter().partition(|m| present.contains(m));
    Ok((here, away))
}

/// Nothing in minutes someone has adjusted changes: items, attendance, decisions, action items.
pub fn check_editable(state: MeetingState) -> Result<(), &'static str> {
    if state.is_editable() {
        Ok(())
    } else {
        Err("meeting-refused-adjusted")
    }
}

/// A meeting's start time, `HH:MM` on the 24-hour clock.
pub fn parse_starts_at(raw: &str) -> Result<String, &'static str> {
    chrono::NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map(|time| time.format("%H:%M").to_string())
        .map_err(|_| "error-meeting-time")
}

/// An action item handed out at a meeting is not due before the meeting.
pub fn check_due_on(due_on: NaiveDate, held_on: NaiveDate) -> Result<(), &'static str> {
    if due_on < held_on {
        Err("error-action-due-before-meeting")
    } else {
        Ok(())
    }
}

/// The section an overdue action item is offered under at a later meeting: the section of the
/// item it came from, or Övrigt when it came from none (or from a section no longer known).
pub fn offered_section(came_from: Option<&str>) -> Section {
    came_from
        .and_then(|raw| Section::parse(raw).ok())
        .unwrap_or(Section::Other)
}

/// The minute-taker is an active user who may write, not a reader.
pub fn check_secretary(role: Role, active: bool) -> Result<(), &'static str> {
    if !active || role == Role::Reader {
        Err("error-meeting-secretary")
    } else {
        Ok(())
    }
}

/// Whether a decision of `kind` taken in a meeting of `body` closes a project into maintenance:
/// a closure of the management group on a project. A closure without a project, or of another
/// body, is refused.
pub fn closes_project(
    kind: DecisionKind,
    body: Body,
    project_id: Option<i64>,
) -> Result<bool, &'static str> {
    match (kind, body, project_id) {
        (DecisionKind::Closure, Body::ManagementGroup, Some(_)) => Ok(true),
        (DecisionKind::Closure, Body::ManagementGroup, None) => Err("error-closure-needs-project"),
        (DecisionKind::Closure, _, _) => Err("error-decision-closure-in-meeting"),
        _ => Ok(false),
    }
}

/// An owner chosen for an action item (`owners`): a username, or a group (`group:<role>`) that is
/// resolved to its members when the action item is created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerChoice {
    User(String),
    Group(Role),
}

impl OwnerChoice {
    pub const GROUP_PREFIX: &'static str = "group:";

    pub fn parse(raw: &str) -> Result<OwnerChoice, &'static str> {
        let raw = raw.trim();
        match raw.strip_prefix(OwnerChoice::GROUP_PREFIX) {
            Some(role) => Role::parse(role)
                .map(OwnerChoice::Group)
                .map_err(|_| "error-action-owner-unknown"),
            None if raw.is_empty() => Err("error-action-owner-unknown"),
            None => Ok(OwnerChoice::User(raw.to_owned())),
        }
    }
}

/// The owners of an action item: at least one, each chosen once.
pub fn parse_owners(raw: &[String]) -> Result<Vec<OwnerChoice>, &'static str> {
    let mut owners: Vec<OwnerChoice> = Vec::new();
    for value in raw.iter().filter(|v| !v.trim().is_empty()) {
        let owner = OwnerChoice::parse(value)?;
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    if owners.is_empty() {
        Err("error-action-owners")
    } else {
        Ok(owners)
    }
}

/// The longest title of an item, place of a meeting and text of an action item.
pub const TITLE_MAX: usize = 300;
pub const PLACE_MAX: usize = 200;
pub const NOTES_MAX: usize = 20_000;
pub const ACTION_MAX: usize = 2_000;

/// A meeting to plan, as typed (`POST /meetings`). People are usernames.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub body: String,
    pub project: String,
    pub held_on: String,
    pub starts_at: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub adjuster: String,
}

/// A meeting to plan, parsed; the caller resolves the usernames and checks them against the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub body: Body,
    pub project_id: Option<i64>,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub adjuster: String,
}

fn required_date(raw: &str) -> Result<NaiveDate, &'static str> {
    optional_date(raw)?.ok_or("error-required")
}

fn required_username(raw: &str) -> Result<String, &'static str> {
    required_line(raw, 100)
}

/// Parses a meeting to plan: a body (the management group, or a steering group with its project),
/// a date, a start time, a place, and the chair, minute-taker and adjuster, the chair and the
/// adjuster two people.
pub fn parse_meeting(form: &MeetingForm) -> Result<PlannedMeeting, FieldErrors> {
    let mut errors = FieldErrors::new();
    let body = errors.check(
        "body",
        match (Body::parse(form.body.trim()), optional_id(&form.project)) {
            (Some(Body::ManagementGroup), _) => Ok((Body::ManagementGroup, None)),
            (Some(Body::SteeringGroup), Ok(Some(project))) => {
                Ok((Body::SteeringGroup, Some(project)))
            }
            _ => Err("error-unknown-choice"),
        },
    );
    let held_on = errors.check("held_on", required_date(&form.held_on));
    let starts_at = errors.check("starts_at", parse_starts_at(&form.starts_at));
    let place = errors.check("place", required_line(&form.place, PLACE_MAX));
    let chair = errors.check("chair", required_username(&form.chair));
    let secretary = errors.check("secretary", required_username(&form.secretary));
    let adjuster = errors.check(
        "adjuster",
        required_username(&form.adjuster).and_then(|adjuster| {
            if chair.as_deref() == Some(adjuster.as_str()) {
                Err("error-meeting-adjuster-is-chair")
            } else {
                Ok(adjuster)
            }
        }),
    );
    match (body, held_on, starts_at, place, chair, secretary, adjuster) {
        (
            Some((body, project_id)),
            Some(held_on),
            Some(starts_at),
            Some(place),
            Some(chair),
            Some(secretary),
            Some(adjuster),
        ) => Ok(PlannedMeeting {
            body,
            project_id,
            held_on,
            starts_at,
            place,
            chair,
            secretary,
            adjuster,
        }),
        _ => Err(errors),
    }
}

/// An item to add, as typed (`POST /meetings/{id}/items`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub section: String,
    pub title: String,
    pub notes: String,
    pub presenter: String,
    /// The code of the project the item is about ("DIG-2025-003"), or empty.
    pub project: String,
    /// The month of the budget follow-up the item presents (`YYYY-MM`), or empty.
    pub follow_up_period: String,
}

/// An item, parsed; `section` is a key the caller checks against the body's sections, and
/// `presenter` a username or empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedItem {
    pub section: String,
    pub title: String,
    pub notes: String,
    pub presenter: Option<String>,
    /// A project code, which the caller looks up.
    pub project: Option<String>,
    pub follow_up_period: Option<crate::domain::status_report::Period>,
}

pub fn parse_item(form: &ItemForm) -> Result<ParsedItem, FieldErrors> {
    let mut errors = FieldErrors::new();
    let section = errors.check(
        "section",
        match form.section.trim() {
            "" => Err("error-meeting-section"),
            key => Ok(key.to_owned()),
        },
    );
    let title = errors.check("title", required_line(&form.title, TITLE_MAX));
    let notes = errors.check("notes", optional_text(&form.notes, NOTES_MAX));
    let presenter = errors.check("presenter", optional_text(&form.presenter, 100));
    let project = errors.check("project", optional_text(&form.project, 100));
    let follow_up_period = errors.check(
        "follow_up_period",
        match form.follow_up_period.trim() {
            "" => Ok(None),
            raw => crate::domain::status_report::Period::parse(raw).map(Some),
        },
    );
    match (section, title, notes, presenter, project, follow_up_period) {
        (
            Some(section),
            Some(title),
            Some(notes),
            Some(presenter),
            Some(project),
            Some(follow_up_period),
        ) => Ok(ParsedItem {
            section,
            title,
            notes,
            presenter: (!presenter.is_empty()).then_some(presenter),
            project: (!project.is_empty()).then_some(project),
            follow_up_period,
        }),
        _ => Err(errors),
    }
}

/// An action item, as typed (`POST /meetings/{id}/items/{item}/actions`); `owners` repeats.
#[derive(Debug, Clone, Default)]
pub struct ActionForm {
    pub text: String,
    pub due_on: String,
    pub owners: Vec<String>,
}

/// An action item, parsed; the caller resolves the owners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAction {
    pub text: String,
    pub due_on: NaiveDate,
    pub owners: Vec<OwnerChoice>,
}

/// Parses an action item handed out at a meeting held on `held_on`: a text, a due date not before
/// the meeting, at least one owner.
pub fn parse_action(form: &ActionForm, held_on: NaiveDate) -> Result<ParsedAction, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = errors.check("text", required_text(&form.text, ACTION_MAX));
    let due_on = errors.check(
        "due_on",
        required_date(&form.due_on).and_then(|due| check_due_on(due, held_on).map(|()| due)),
    );
    let owners = errors.check("owners", parse_owners(&form.owners));
    match (text, due_on, owners) {
        (Some(text), Some(due_on), Some(owners)) => Ok(ParsedAction {
            text,
            due_on,
            owners,
        }),
        _ => Err(errors),
    }
}

/// A section of a body's minutes as an administrator stored it: a model section renamed (its key
/// kept), or one added (a key of its own, after the model's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSection {
    pub key: String,
    pub position: i32,
    pub label_sv: String,
    pub label_en: String,
}

/// A section of a body's minutes in order, with the administrator's labels when there are
/// some; without, the catalog's label of the model section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySection {
    pub key: String,
    /// Swedish and English labels as stored.
    pub labels: Option<(String, String)>,
}

/// The sections of a body's minutes: the model's five in their order (renamed where a stored
/// section has the key), then the added ones by position.
pub fn body_sections(stored: &[StoredSection]) -> Vec<BodySection> {
    let labels = |s: &StoredSection| Some((s.label_sv.clone(), s.label_en.clone()));
    let mut sections: Vec<BodySection> = Section::ALL
        .iter()
        .map(|model| BodySection {
            key: model.as_str().to_owned(),
            labels: stored
                .iter()
                .find(|s| s.key == model.as_str())
                .and_then(labels),
        })
        .collect();
    let mut added: Vec<&StoredSection> = stored
        .iter()
        .filter(|s| Section::parse(&s.key).is_err())
        .collect();
    added.sort_by_key(|s| (s.position, s.key.clone()));
    sections.extend(added.into_iter().map(|s| BodySection {
        key: s.key.clone(),
        labels: labels(s),
    }));
    sections
}

/// A section to rename or add, as typed (`POST /admin/sections`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SectionForm {
    pub body: String,
    pub key: String,
    pub label_sv: String,
    pub label_en: String,
}

/// A section to rename or add, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSection {
    pub body: Body,
    pub key: String,
    pub label_sv: String,
    pub label_en: String,
}

pub const SECTION_KEY_MAX: usize = 40;
pub const SECTION_LABEL_MAX: usize = 120;

/// A section's key: lower-case letters a to z, digits and underscores, as the form values of
/// the model's five are.
fn parse_section_key(raw: &str) -> Result<String, &'static str> {
    let key = raw.trim();
    let valid = !key.is_empty()
        && key.len() <= SECTION_KEY_MAX
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        Ok(key.to_owned())
    } else {
        Err("error-section-key")
    }
}

/// Parses a section to rename (a model section's key) or add (a new key) for the management group
/// or the steering groups, with its Swedish and English labels.
pub fn parse_section(form: &SectionForm) -> Result<ParsedSection, FieldErrors> {
    let mut errors = FieldErrors::new();
    let body = errors.check(
        "body",
        match Body::parse(form.body.trim()) {
            Some(body @ (Body::ManagementGroup | Body::SteeringGroup)) => Ok(body),
            _ => Err("error-unknown-choice"),
        },
    );
    let key = errors.check("key", parse_section_key(&form.key));
    let label_sv = errors.check("label_sv", required_line(&form.label_sv, SECTION_LABEL_MAX));
    let label_en = errors.check("label_en", required_line(&form.label_en, SECTION_LABEL_MAX));
    match (body, key, label_sv, label_en) {
        (Some(body), Some(key), Some(label_sv), Some(label_en)) => Ok(ParsedSection {
            body,
            key,
            label_sv,
            label_en,
        }),
        _ => Err(errors),
    }
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionState {
    Open,
    Done,
    Cancelled,
}

impl ActionState {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::Done => "done",
            ActionState::Cancelled => "cancelled",
        }
    }

    /// The state a user may set (`state` = `done` or `cancelled`).
    pub fn parse_closing(raw: &str) -> Result<ActionState, &'static str> {
        match raw.trim() {
            "done" => Ok(ActionState::Done),
            "cancelled" => Ok(ActionState::Cancelled),
            _ => Err("error-action-state"),
        }
    }
}

/// Closing an action item: an open item is done or cancelled once; a cancellation says why.
pub fn close_action(
    state: ActionState,
    to: ActionState,
    comment: &str,
) -> Result<ActionState, &'static str> {
    if state != ActionState::Open {
        Err("action-refused-closed")
    } else if to == ActionState::Cancelled && comment.trim().is_empty() {
        Err("error-action-cancel-reason")
    } else {
        Ok(to)
    }
}

/// Whether an open action item is overdue on `today`.
pub fn is_overdue(state: ActionState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state == ActionState::Open && due_on < today
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_management_groups_sections_are_the_five_of_the_model_in_order() {
        let values: Vec<&str> = Section::ALL.into_iter().map(Section::as_str).collect();
        assert_eq!(
            values,
            [
                "strategic",
                "goals",
                "organisation",
                "collaboration",
                "other"
            ]
        );
        assert!(Section::Strategic < Section::Other);
        assert_eq!(Section::parse(" goals "), Ok(Section::Goals));
        assert_eq!(Section::parse("budget"), Err("error-meeting-section"));
    }

    #[test]
    fn a_meeting_is_planned_held_adjusted_by_both_and_then_locked() {
        let held = hold(MeetingState::Planned).expect("held");
        assert_eq!(held, MeetingState::Held);
        assert_eq!(hold(held), Err("meeting-refused-not-planned"));
        assert!(held.is_editable());

        let (state, signed) = adjust(held, Signatures::default(), Signer::Adjuster).expect("one");
        assert_eq!(state, MeetingState::Adjusting);
        assert!(
            !state.is_editable(),
            "nothing changes once someone adjusted"
        );
        assert_eq!(
            adjust(state, signed, Signer::Adjuster),
            Err("meeting-refused-signed")
        );
        let (state, signed) = adjust(state, signed, Signer::Chair).expect("both");
        assert_eq!(state, MeetingState::Locked);
        assert_eq!(
            signed,
            Signatures {
                chair: true,
                adjuster: true
            }
        );
        assert_eq!(
            adjust(state, signed, Signer::Chair),
            Err("meeting-refused-locked")
        );
        assert_eq!(
            adjust(MeetingState::Planned, Signatures::default(), Signer::Chair),
            Err("meeting-refused-not-held")
        );
        for state in [
            MeetingState::Planned,
            MeetingState::Held,
            MeetingState::Adjusting,
            MeetingState::Locked,
        ] {
            assert_eq!(MeetingState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn the_chair_and_the_adjuster_are_two_people() {
        assert_eq!(check_chair_and_adjuster(1, 2), Ok(()));
        assert_eq!(
            check_chair_and_adjuster(1, 1),
            Err("error-meeting-adjuster-is-chair")
        );
        assert_eq!(signer_roles(1, 1, 2), [Signer::Chair]);
        assert_eq!(signer_roles(2, 1, 2), [Signer::Adjuster]);
        assert!(signer_roles(3, 1, 2).is_empty());
    }

    #[test]
    fn members_not_ticked_present_are_absent_and_strangers_are_refused() {
        assert_eq!(
            attendance(&[1, 2, 3, 4], &[3, 1]),
            Ok((vec![1, 3], vec![2, 4]))
        );
        assert_eq!(attendance(&[1, 2], &[]), Ok((vec![], vec![1, 2])));
        assert_eq!(attendance(&[1, 2], &[9]), Err("error-meeting-not-member"));
    }

    #[test]
    fn an_action_item_is_closed_once_and_a_cancellation_says_why() {
        assert_eq!(ActionState::parse_closing("done"), Ok(ActionState::Done));
        assert_eq!(
            ActionState::parse_closing("open"),
            Err("error-action-state")
        );
        assert_eq!(
            close_action(ActionState::Open, ActionState::Done, ""),
            Ok(ActionState::Done)
        );
        assert_eq!(
            close_action(ActionState::Open, ActionState::Cancelled, " "),
            Err("error-action-cancel-reason")
        );
        assert_eq!(
            close_action(
                ActionState::Open,
                ActionState::Cancelled,
                "Ersatt av LG 2026:14"
            ),
            Ok(ActionState::Cancelled)
        );
        assert_eq!(
            close_action(ActionState::Done, ActionState::Cancelled, "x"),
            Err("action-refused-closed")
        );
        let day = |d| NaiveDate::from_ymd_opt(2026, 8, d).expect("a date");
        assert!(is_overdue(ActionState::Open, day(16), day(17)));
        assert!(!is_overdue(ActionState::Open, day(16), day(16)));
        assert!(!is_overdue(ActionState::Done, day(16), day(17)));
    }
    #[test]
    fn the_chair_and_the_adjuster_are_members_and_two_people() {
        assert_eq!(check_officers(1, 2, &[1, 2, 3]), Ok(()));
        assert_eq!(
            check_officers(9, 2, &[1, 2]),
            Err(("chair", "error-meeting-officer-not-member"))
        );
        assert_eq!(
            check_officers(1, 9, &[1, 2]),
            Err(("adjuster", "error-meeting-officer-not-member"))
        );
        assert_eq!(
            check_officers(1, 1, &[1, 2]),
            Err(("adjuster", "error-meeting-adjuster-is-chair"))
        );
    }

    #[test]
    fn the_management_group_minutes_its_meetings_and_everyone_reads_locked_minutes() {
        use Role::*;
        let mg = Body::ManagementGroup;
        assert!(may_minute(ManagementGroup, mg, false));
        assert!(may_minute(Administrator, mg, false));
        for role in [DevelopmentManager, ProjectLead, Reader] {
            assert!(!may_minute(role, mg, false), "{role:?}");
        }
        let sg = Body::SteeringGroup;
        assert!(may_minute(ProjectLead, sg, true));
        assert!(may_minute(DevelopmentManager, sg, false));
        assert!(!may_minute(ManagementGroup, sg, false));
        for role in Role::ALL {
            assert!(may_see(role, MeetingState::Locked, false));
        }
        assert!(may_see(DevelopmentManager, MeetingState::Held, false));
        assert!(may_see(ProjectLead, MeetingState::Held, true));
        assert!(!may_see(ProjectLead, MeetingState::Adjusting, false));
        assert!(!may_see(Reader, MeetingState::Planned, false));
    }

    fn meeting_form() -> MeetingForm {
        MeetingForm {
            body: "management_group".into(),
            held_on: "2026-09-10".into(),
            starts_at: "9:00".into(),
            place: " Stadshuset,  rum 3 ".into(),
            chair: "karin.holm".into(),
            secretary: "utvecklingschef".into(),
            adjuster: "lars.dahl".into(),
            ..MeetingForm::default()
        }
    }

    #[test]
    fn a_meeting_to_plan_is_parsed_and_each_field_refused_on_its_own() {
        let planned = parse_meeting(&meeting_form()).expect("valid");
        assert_eq!(planned.body, Body::ManagementGroup);
        assert_eq!(planned.starts_at, "09:00");
        assert_eq!(planned.place, "Stadshuset, rum 3");
        let steering = MeetingForm {
            body: "steering_group".into(),
            project: "4".into(),
            ..meeting_form()
        };
        assert_eq!(parse_meeting(&steering).expect("valid").project_id, Some(4));
        let bad = MeetingForm {
            body: "steering_group".into(),
            held_on: "10/9".into(),
            starts_at: "nio".into(),
            place: " ".into(),
            adjuster: "karin.holm".into(),
            ..meeting_form()
        };
        let errors = parse_meeting(&bad).expect_err("invalid");
        assert_eq!(errors.get("body"), Some("error-unknown-choice"));
        assert_eq!(errors.get("held_on"), Some("error-date"));
        assert_eq!(errors.get("starts_at"), Some("error-meeting-time"));
        assert_eq!(errors.get("place"), Some("error-required"));
        assert_eq!(
            errors.get("adjuster"),
            Some("error-meeting-adjuster-is-chair")
        );
    }

    #[test]
    fn an_item_has_a_section_and_a_title() {
        let form = ItemForm {
            section: "goals".into(),
            title: "Budget".into(),
            ..ItemForm::default()
        };
        let item = parse_item(&form).expect("valid");
        assert_eq!(item.presenter, None);
        assert_eq!((item.project, item.follow_up_period), (None, None));
        let errors = parse_item(&ItemForm::default()).expect_err("invalid");
        assert_eq!(errors.get("section"), Some("error-meeting-section"));
        assert_eq!(errors.get("title"), Some("error-required"));
        // An item may present a project and a month of the budget follow-up.
        let linked = ItemForm {
            project: " DIG-2025-003 ".into(),
            follow_up_period: "2026-10".into(),
            ..form.clone()
        };
        let item = parse_item(&linked).expect("valid");
        assert_eq!(item.project.as_deref(), Some("DIG-2025-003"));
        assert_eq!(
            item.follow_up_period,
            crate::domain::status_report::Period::new(2026, 10)
        );
        let bad_month = ItemForm {
            follow_up_period: "oktober".into(),
            ..form
        };
        assert!(
            parse_item(&bad_month)
                .expect_err("invalid")
                .get("follow_up_period")
                .is_some()
        );
    }

    #[test]
    fn an_action_item_has_a_text_owners_and_a_due_date_from_the_meeting_on() {
        let held = NaiveDate::from_ymd_opt(2026, 9, 10).expect("a date");
        let form = ActionForm {
            text: "Ta fram underlag".into(),
            due_on: "2026-10-01".into(),
            owners: vec!["group:management_group".into()],
        };
        assert_eq!(
            parse_action(&form, held).expect("valid").owners,
            [OwnerChoice::Group(Role::ManagementGroup)]
        );
        let late = ActionForm {
            text: " ".into(),
            due_on: "2026-09-09".into(),
            owners: vec![],
        };
        let errors = parse_action(&late, held).expect_err("invalid");
        assert_eq!(errors.get("text"), Some("error-required"));
        assert_eq!(
            errors.get("due_on"),
            Some("error-action-due-before-meeting")
        );
        assert_eq!(errors.get("owners"), Some("error-action-owners"));
    }

    #[test]
    fn an_administrator_renames_a_model_section_and_adds_others_after_the_five() {
        let stored = |key: &str, position, sv: &str| StoredSection {
            key: key.into(),
            position,
            label_sv: sv.into(),
            label_en: "x".into(),
        };
        let sections = body_sections(&[
            stored("security", 7, "Informationssäkerhet"),
            stored("other", 5, "Övriga frågor"),
            stored("budget", 6, "Budget"),
        ]);
        let keys: Vec<&str> = sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "strategic",
                "goals",
                "organisation",
                "collaboration",
                "other",
                "budget",
                "security"
            ]
        );
        assert_eq!(sections[0].labels, None);
        assert_eq!(
            sections[4].labels,
            Some(("Övriga frågor".into(), "x".into()))
        );
        assert_eq!(body_sections(&[]).len(), 5);

        let form = SectionForm {
            body: "management_group".into(),
            key: "budget_2027".into(),
            label_sv: "Budget".into(),
            label_en: "Budget".into(),
        };
        assert_eq!(parse_section(&form).expect("valid").key, "budget_2027");
        let bad = SectionForm {
            body: "development_manager".into(),
            key: "Budget år".into(),
            label_sv: " ".into(),
            ..form
        };
        let errors = parse_section(&bad).expect_err("invalid");
        assert_eq!(errors.get("body"), Some("error-unknown-choice"));
        assert_eq!(errors.get("key"), Some("error-section-key"));
        assert_eq!(errors.get("label_sv"), Some("error-required"));
    }

    #[test]
    fn adjusted_minutes_refuse_every_change() {
        assert_eq!(check_editable(MeetingState::Planned), Ok(()));
        assert_eq!(check_editable(MeetingState::Held), Ok(()));
        for state in [MeetingState::Adjusting, MeetingState::Locked] {
            assert_eq!(check_editable(state), Err("meeting-refused-adjusted"));
        }
    }

    #[test]
    fn a_start_time_is_hours_and_minutes() {
        assert_eq!(parse_starts_at(" 9:05 "), Ok("09:05".into()));
        assert_eq!(parse_starts_at("13:30"), Ok("13:30".into()));
        for bad in ["", "25:00", "13.30", "kl 9", "12:60"] {
            assert_eq!(parse_starts_at(bad), Err("error-meeting-time"), "{bad}");
        }
    }

    #[test]
    fn an_action_item_is_not_due_before_its_meeting() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).expect("a date");
        assert_eq!(check_due_on(day(10), day(10)), Ok(()));
        assert_eq!(
            check_due_on(day(9), day(10)),
            Err("error-action-due-before-meeting")
        );
    }

    #[test]
    fn an_overdue_action_returns_under_the_section_it_came_from() {
        assert_eq!(offered_section(Some("organisation")), Section::Organisation);
        assert_eq!(offered_section(Some("renamed")), Section::Other);
        assert_eq!(offered_section(None), Section::Other);
    }

    #[test]
    fn the_minute_taker_is_an_active_user_who_is_not_a_reader() {
        assert_eq!(check_secretary(Role::ProjectLead, true), Ok(()));
        assert_eq!(
            check_secretary(Role::Reader, true),
            Err("error-meeting-secretary")
        );
        assert_eq!(
            check_secretary(Role::ManagementGroup, false),
            Err("error-meeting-secretary")
        );
    }

    #[test]
    fn only_the_management_group_closes_a_project_and_names_it() {
        let closure = DecisionKind::Closure;
        assert_eq!(
            closes_project(closure, Body::ManagementGroup, Some(3)),
            Ok(true)
        );
        assert_eq!(
            closes_project(closure, Body::ManagementGroup, None),
            Err("error-closure-needs-project")
        );
        assert_eq!(
            closes_project(closure, Body::SteeringGroup, Some(3)),
            Err("error-decision-closure-in-meeting")
        );
        assert_eq!(
            closes_project(DecisionKind::Strategic, Body::ManagementGroup, Some(3)),
            Ok(false)
        );
    }

    #[test]
    fn owners_are_users_or_a_group_each_once() {
        let raw = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_owners(&raw(&[
                "karin.holm",
                "group:management_group",
                "karin.holm",
                " "
            ])),
            Ok(vec![
                OwnerChoice::User("karin.holm".into()),
                OwnerChoice::Group(Role::ManagementGroup)
            ])
        );
        assert_eq!(parse_owners(&raw(&["", " "])), Err("error-action-owners"));
        assert_eq!(
            parse_owners(&raw(&["group:unit_heads"])),
            Err("error-action-owner-unknown")
        );
    }
}

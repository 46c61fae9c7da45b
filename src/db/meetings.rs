//! Meetings of a body and their minutes: planning (with the items the management group is
//! offered), attendance, items, the decisions and action items taken under them, holding, and the
//! adjusting by the chair and the adjuster that locks the minutes.
//!
//! Every write runs in the caller's transaction and writes its audit entry; every rule is a pure
//! function of `domain::meeting` (or of the decision, phase and escalation rules), and the schema's
//! triggers refuse any change to adjusted minutes besides.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::action_items::{ActionItemRow, NewActionItem};
use super::decisions::{self as decision_log, DecisionRow, Extras, NewDecision};
use super::schema::{
    action_item_owners, action_items, decisions, escalations, meeting_attendance, meeting_items,
    meeting_sections, meetings, projects, rollups, status_reports, users,
};
use super::{DbConnection, audit, governance, now, projects as project_rows, reports};
use crate::domain::decision::{
    Body, PhaseDecisionInput, TypedDecision, check_decided_by, check_supersedes,
};
use crate::domain::document::Status;
use crate::domain::meeting::{
    self, MeetingState, Section, Signatures, check_editable, check_officers, check_secretary,
    offered_section, signer_roles,
};
use crate::domain::phase::{self, Phase, check_phase_change, decision_floor};
use crate::domain::report_workflow::{AnsweringDecision, RaisedEscalation, check_answer};
use crate::domain::status_report::EscalationTo;

/// What the audit trail calls a meeting and an item of its minutes.
pub const ENTITY: &str = "meeting";
pub const ITEM_ENTITY: &str = "meeting_item";

/// Why a change to a meeting was not made.
#[derive(Debug)]
pub enum MeetingError {
    /// The input breaks a rule: the message (a catalog key) belongs beside `field` (422).
    Invalid {
        field: &'static str,
        key: &'static str,
    },
    /// The meeting's state refuses the change: held, adjusted or locked already (409).
    Conflict(&'static str),
    /// The user is neither the chair nor the adjuster (403).
    NotSigner,
    /// The lifecycle rules refuse the closure's move into maintenance, with every reason.
    Phase(Vec<phase::Refusal>),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for MeetingError {
    fn from(error: diesel::result::Error) -> Self {
        MeetingError::Db(error)
    }
}

impl std::fmt::Display for MeetingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MeetingError::Invalid { field, key } => write!(f, "invalid {field}: {key}"),
            MeetingError::Conflict(key) => write!(f, "refused: {key}"),
            MeetingError::NotSigner => write!(f, "neither chair nor adjuster"),
            MeetingError::Phase(refusals) => write!(f, "phase rules refuse: {refusals:?}"),
            MeetingError::Db(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for MeetingError {}

fn invalid(field: &'static str) -> impl Fn(&'static str) -> MeetingError {
    move |key| MeetingError::Invalid { field, key }
}

pub type MeetingResult<T> = Result<T, MeetingError>;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = meetings)]
pub struct MeetingRow {
    pub id: i64,
    pub body: String,
    pub project_id: Option<i64>,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub chair_id: i64,
    pub secretary_id: i64,
    pub adjuster_id: i64,
    pub state: String,
    pub attendance_taken: bool,
    pub chair_signed_at: Option<NaiveDateTime>,
    pub adjuster_signed_at: Option<NaiveDateTime>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

impl MeetingRow {
    /// The state; an unknown stored state (a later version's) reads as locked, the safe side.
    pub fn state(&self) -> MeetingState {
        MeetingState::parse(&self.state).unwrap_or(MeetingState::Locked)
    }

    pub fn body(&self) -> Body {
        Body::parse(&self.body).unwrap_or(Body::ManagementGroup)
    }

    pub fn signatures(&self) -> Signatures {
        Signatures {
            chair: self.chair_signed_at.is_some(),
            adjuster: self.adjuster_signed_at.is_some(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = meeting_items)]
pub struct ItemRow {
    pub id: i64,
    pub meeting_id: i64,
    pub section: String,
    pub position: i32,
    pub title: String,
    pub notes: String,
    pub presenter_id: Option<i64>,
    pub project_id: Option<i64>,
    pub report_id: Option<i64>,
    pub escalation_id: Option<i64>,
    pub rollup_id: Option<i64>,
    pub action_item_id: Option<i64>,
    pub follow_up_period: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A meeting to plan. `starts_at` is `HH:MM`.
pub struct NewMeeting<'a> {
    pub body: Body,
    /// The steering group's project; `None` for the management group.
    pub project_id: Option<i64>,
    pub held_on: NaiveDate,
    pub starts_at: &'a str,
    pub place: &'a str,
    pub chair_id: i64,
    pub secretary_id: i64,
    pub adjuster_id: i64,
    pub created_by: i64,
}

/// An item to add to a meeting's agenda and minutes; `section` is a section's key.
#[derive(Debug, Clone, Default)]
pub struct NewItem<'a> {
    pub section: &'a str,
    pub title: &'a str,
    pub notes: &'a str,
    pub presenter_id: Option<i64>,
    pub project_id: Option<i64>,
    pub report_id: Option<i64>,
    pub escalation_id: Option<i64>,
    pub rollup_id: Option<i64>,
    /// A month of the budget follow-up, `YYYY-MM`.
    pub follow_up_period: Option<&'a str>,
}

/// A decision taken under an item: the typed fields, parsed, and those resolved to ids.
pub struct MeetingDecision<'a> {
    pub typed: &'a TypedDecision,
    /// The member of the body who formally decided.
    pub decided_by: i64,
    pub project_id: Option<i64>,
    /// The decision this one corrects and replaces.
    pub supersedes: Option<i64>,
    /// The escalations it answers.
    pub answers: &'a [i64],
    pub follow_up_by: Option<i64>,
}

/// The meeting `id`.
pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<MeetingRow>> {
    meetings::table
        .find(id)
        .select(MeetingRow::as_select())
        .first(conn)
        .optional()
}

fn get(conn: &mut DbConnection, id: i64) -> MeetingResult<MeetingRow> {
    find(conn, id)?.ok_or(MeetingError::Db(diesel::result::Error::NotFound))
}

/// The item `item_id` of the meeting `meeting_id`, with its meeting.
pub fn find_item(
    conn: &mut DbConnection,
    meeting_id: i64,
    item_id: i64,
) -> QueryResult<Option<ItemRow>> {
    meeting_items::table
        .filter(meeting_items::id.eq(item_id))
        .filter(meeting_items::meeting_id.eq(meeting_id))
        .select(ItemRow::as_select())
        .first(conn)
        .optional()
}

fn member_ids(conn: &mut DbConnection, meeting: &MeetingRow) -> QueryResult<Vec<i64>> {
    Ok(
        decision_log::members_of(conn, meeting.body(), meeting.project_id)?
            .into_iter()
            .map(|p| p.id)
            .collect(),
    )
}

fn audit_meeting(
    conn: &mut DbConnection,
    action: audit::Action,
    before: Option<&MeetingRow>,
    after: Option<&MeetingRow>,
    by: i64,
) -> QueryResult<()> {
    let row = after.or(before).map(|m| (m.id, m.project_id));
    let (entity_id, project_id) = row.unwrap_or_default();
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(by),
            action,
            entity: ENTITY,
            entity_id,
            project_id,
            before,
            after,
        },
    )
}

/// Plans a meeting and returns its id. For the management group, the open escalations addressed
/// to it, the latest issued roll-up and the overdue action items are offered as items.
pub fn plan(conn: &mut DbConnection, new: &NewMeeting) -> MeetingResult<i64> {
    match (new.body, new.project_id) {
        (Body::ManagementGroup, None) | (Body::SteeringGroup, Some(_)) => {}
        _ => {
            return Err(MeetingError::Invalid {
                field: "body",
                key: "error-unknown-choice",
            });
        }
    }
    let starts_at = meeting::parse_starts_at(new.starts_at).map_err(invalid("starts_at"))?;
    let members: Vec<i64> = decision_log::members_of(conn, new.body, new.project_id)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    check_officers(new.chair_id, new.adjuster_id, &members)
        .map_err(|(field, key)| MeetingError::Invalid { field, key })?;
    let secretary = super::users::find(conn, new.secretary_id)?.ok_or(MeetingError::Invalid {
        field: "secretary",
        key: "error-unknown-user",
    })?;
    check_secretary(secretary.role(), secretary.active).map_err(invalid("secretary"))?;

    diesel::insert_into(meetings::table)
        .values((
            meetings::body.eq(new.body.as_str()),
            meetings::project_id.eq(new.project_id),
            meetings::held_on.eq(new.held_on),
            meetings::starts_at.eq(&starts_at),
            meetings::place.eq(new.place.trim()),
            meetings::chair_id.eq(new.chair_id),
            meetings::secretary_id.eq(new.secretary_id),
            meetings::adjuster_id.eq(new.adjuster_id),
            meetings::created_by.eq(new.created_by),
            meetings::created_at.eq(now()),
        ))
        .execute(conn)?;
    let row: MeetingRow = meetings::table
        .order(meetings::id.desc())
        .select(MeetingRow::as_select())
        .first(conn)?;
    audit_meeting(
        conn,
        audit::Action::Create,
        None,
        Some(&row),
        new.created_by,
    )?;
    if new.body == Body::ManagementGroup {
        offer_items(conn, &row, new.created_by)?;
    }
    Ok(row.id)
}

/// The items a management group meeting is offered when it is planned, as things stood on its
/// day: the open escalations to it raised by then, the latest roll-up of a period begun by then,
/// and the action items of earlier meetings overdue by then.
fn offer_items(conn: &mut DbConnection, meeting: &MeetingRow, by: i64) -> MeetingResult<()> {
    offer_escalations(conn, meeting, by)?;
    offer_rollup(conn, meeting, by)?;
    offer_overdue_actions(conn, meeting, by)
}

fn offer_escalations(conn: &mut DbConnection, meeting: &MeetingRow, by: i64) -> MeetingResult<()> {
    let open: Vec<(i64, i64, i64, String)> = escalations::table
        .inner_join(status_reports::table)
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .filter(status_reports::submitted_on.le(meeting.held_on))
        .filter(escalations::addressed_to.eq(EscalationTo::ManagementGroup.as_str()))
        .filter(escalations::answered_by_decision_id.is_null())
        .order(escalations::id)
        .select((
            escalations::id,
            escalations::project_id,
            escalations::report_id,
            escalations::text,
        ))
        .load(conn)?;
    for (escalation_id, project_id, report_id, text) in open {
        let item = NewItem {
            section: Section::Strategic.as_str(),
            title: &offered_title(&text),
            project_id: Some(project_id),
            report_id: Some(report_id),
            escalation_id: Some(escalation_id),
            ..NewItem::default()
        };
        insert_item(conn, meeting, &item, None, by)?;
    }
    Ok(())
}

fn offer_rollup(conn: &mut DbConnection, meeting: &MeetingRow, by: i64) -> MeetingResult<()> {
    let month = meeting.held_on.format("%Y-%m").to_string();
    let latest: Option<(i64, String)> = rollups::table
        .filter(rollups::period.le(month))
        .order(rollups::period.desc())
        .select((rollups::id, rollups::period))
        .first(conn)
        .optional()?;
    if let Some((rollup_id, period)) = latest {
        let item = NewItem {
            section: Section::Goals.as_str(),
            title: &period,
            rollup_id: Some(rollup_id),
            ..NewItem::default()
        };
        insert_item(conn, meeting, &item, None, by)?;
    }
    Ok(())
}

fn offer_overdue_actions(
    conn: &mut DbConnection,
    meeting: &MeetingRow,
    by: i64,
) -> MeetingResult<()> {
    let overdue: Vec<(i64, String, Option<i64>)> = action_items::table
        .filter(action_items::state.eq(meeting::ActionState::Open.as_str()))
        .filter(action_items::due_on.lt(meeting.held_on))
        .order((action_items::due_on, action_items::id))
        .select((action_items::id, action_items::text, action_items::item_id))
        .load(conn)?;
    let source_ids: Vec<i64> = overdue.iter().filter_map(|(_, _, item)| *item).collect();
    // The item each came from, and the day of its meeting: only earlier meetings' actions return.
    let sources: Vec<(i64, String, NaiveDate)> = meeting_items::table
        .inner_join(meetings::table)
        .filter(meeting_items::id.eq_any(&source_ids))
        .select((meeting_items::id, meeting_items::section, meetings::held_on))
        .load(conn)?;
    for (action_id, text, source) in overdue {
        let came_from = source.and_then(|s| sources.iter().find(|(id, ..)| *id == s));
        if came_from.is_some_and(|(_, _, held_on)| *held_on >= meeting.held_on) {
            continue;
        }
        let section = offered_section(came_from.map(|(_, section, _)| section.as_str()));
        let item = NewItem {
            section: section.as_str(),
            title: &offered_title(&text),
            ..NewItem::default()
        };
        insert_item(conn, meeting, &item, Some(action_id), by)?;
    }
    Ok(())
}

/// The title of an offered item: the first line of what it offers, at most 200 characters.
fn offered_title(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    line.chars().take(200).collect()
}

/// Whether `key` is a section of `body`'s minutes: one of the model's five, or one an
/// administrator added.
fn section_exists(conn: &mut DbConnection, body: Body, key: &str) -> QueryResult<bool> {
    if Section::parse(key).is_ok() {
        return Ok(true);
    }
    diesel::select(diesel::dsl::exists(
        meeting_sections::table
            .filter(meeting_sections::body.eq(body.as_str()))
            .filter(meeting_sections::key.eq(key.trim())),
    ))
    .get_result(conn)
}

fn insert_item(
    conn: &mut DbConnection,
    meeting: &MeetingRow,
    item: &NewItem,
    action_item_id: Option<i64>,
    by: i64,
) -> MeetingResult<i64> {
    let section = item.section.trim();
    let highest: Option<i32> = meeting_items::table
        .filter(meeting_items::meeting_id.eq(meeting.id))
        .filter(meeting_items::section.eq(section))
        .select(diesel::dsl::max(meeting_items::position))
        .first(conn)?;
    diesel::insert_into(meeting_items::table)
        .values((
            meeting_items::meeting_id.eq(meeting.id),
            meeting_items::section.eq(section),
            meeting_items::position.eq(highest.unwrap_or(0) + 1),
            meeting_items::title.eq(item.title.trim()),
            meeting_items::notes.eq(item.notes.trim()),
            meeting_items::presenter_id.eq(item.presenter_id),
            meeting_items::project_id.eq(item.project_id),
            meeting_items::report_id.eq(item.report_id),
            meeting_items::escalation_id.eq(item.escalation_id),
            meeting_items::rollup_id.eq(item.rollup_id),
            meeting_items::action_item_id.eq(action_item_id),
            meeting_items::follow_up_period.eq(item.follow_up_period),
            meeting_items::created_at.eq(now()),
        ))
        .execute(conn)?;
    let row: ItemRow = meeting_items::table
        .filter(meeting_items::meeting_id.eq(meeting.id))
        .order(meeting_items::id.desc())
        .select(ItemRow::as_select())
        .first(conn)?;
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(by),
            action: audit::Action::Add,
            entity: ITEM_ENTITY,
            entity_id: row.id,
            project_id: row.project_id,
            before: None,
            after: Some(&row),
        },
    )?;
    Ok(row.id)
}

/// Adds an item to a meeting whose minutes are not adjusted; returns its id.
pub fn add_item(
    conn: &mut DbConnection,
    meeting_id: i64,
    item: &NewItem,
    by: i64,
) -> MeetingResult<i64> {
    let meeting = get(conn, meeting_id)?;
    check_editable(meeting.state()).map_err(MeetingError::Conflict)?;
    if !section_exists(conn, meeting.body(), item.section)? {
        return Err(MeetingError::Invalid {
            field: "section",
            key: "error-meeting-section",
        });
    }
    if item.title.trim().is_empty() {
        return Err(MeetingError::Invalid {
            field: "title",
            key: "error-required",
        });
    }
    insert_item(conn, &meeting, item, None, by)
}

/// Records who of the body's members were present; the others are absent.
pub fn set_attendance(
    conn: &mut DbConnection,
    meeting_id: i64,
    present_ids: &[i64],
    by: i64,
) -> MeetingResult<()> {
    let meeting = get(conn, meeting_id)?;
    check_editable(meeting.state()).map_err(MeetingError::Conflict)?;
    let members = member_ids(conn, &meeting)?;
    let (present, absent) =
        meeting::attendance(&members, present_ids).map_err(invalid("present"))?;
    diesel::delete(meeting_attendance::table.filter(meeting_attendance::meeting_id.eq(meeting_id)))
        .execute(conn)?;
    for (user_id, here) in present
        .iter()
        .map(|id| (*id, true))
        .chain(absent.iter().map(|id| (*id, false)))
    {
        diesel::insert_into(meeting_attendance::table)
            .values((
                meeting_attendance::meeting_id.eq(meeting_id),
                meeting_attendance::user_id.eq(user_id),
                meeting_attendance::present.eq(here),
            ))
            .execute(conn)?;
    }
    diesel::update(meetings::table.find(meeting_id))
        .set(meetings::attendance_taken.eq(true))
        .execute(conn)?;
    #[derive(Serialize)]
    struct Attendance<'a> {
        present: &'a [i64],
        absent: &'a [i64],
    }
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(by),
            action: audit::Action::Update,
            entity: "meeting_attendance",
            entity_id: meeting_id,
            project_id: meeting.project_id,
            before: None,
            after: Some(&Attendance {
                present: &present,
                absent: &absent,
            }),
        },
    )?;
    Ok(())
}

/// Holds a planned meeting: its minutes are drafted from now on.
pub fn hold(conn: &mut DbConnection, meeting_id: i64, by: i64) -> MeetingResult<()> {
    let before = get(conn, meeting_id)?;
    let state = meeting::hold(before.state()).map_err(MeetingError::Conflict)?;
    diesel::update(meetings::table.find(meeting_id))
        .set(meetings::state.eq(state.as_str()))
        .execute(conn)?;
    let after = find(conn, meeting_id)?;
    audit_meeting(
        conn,
        audit::Action::Update,
        Some(&before),
        after.as_ref(),
        by,
    )?;
    Ok(())
}

/// `user_id` adjusts the minutes at `at`, as chair or as adjuster; the second signature locks them.
pub fn adjust(
    conn: &mut DbConnection,
    meeting_id: i64,
    user_id: i64,
    at: NaiveDateTime,
) -> MeetingResult<MeetingState> {
    let before = get(conn, meeting_id)?;
    let roles = signer_roles(user_id, before.chair_id, before.adjuster_id);
    let Some(signer) = roles.first().copied() else {
        return Err(MeetingError::NotSigner);
    };
    let (state, signatures) = meeting::adjust(before.state(), before.signatures(), signer)
        .map_err(MeetingError::Conflict)?;
    let signed = |was: Option<NaiveDateTime>, now_signed: bool| was.or(now_signed.then_some(at));
    diesel::update(meetings::table.find(meeting_id))
        .set((
            meetings::state.eq(state.as_str()),
            meetings::chair_signed_at.eq(signed(before.chair_signed_at, signatures.chair)),
            meetings::adjuster_signed_at.eq(signed(before.adjuster_signed_at, signatures.adjuster)),
        ))
        .execute(conn)?;
    let after = find(conn, meeting_id)?;
    audit_meeting(
        conn,
        audit::Action::Decide,
        Some(&before),
        after.as_ref(),
        user_id,
    )?;
    Ok(state)
}

/// Records a decision under an item of a meeting whose minutes are not adjusted. It is dated the
/// meeting's day and numbered in the meeting's body. A closure of the management group takes its
/// project into maintenance through the lifecycle rules; a decision answering escalations answers
/// them.
pub fn record_decision(
    conn: &mut DbConnection,
    meeting_id: i64,
    item_id: i64,
    decision: &MeetingDecision,
    by: i64,
) -> MeetingResult<DecisionRow> {
    let meeting = get(conn, meeting_id)?;
    find_item(conn, meeting_id, item_id)?.ok_or(diesel::result::Error::NotFound)?;
    check_editable(meeting.state()).map_err(MeetingError::Conflict)?;
    let body = meeting.body();
    let members = member_ids(conn, &meeting)?;
    check_decided_by(decision.decided_by, &members).map_err(invalid("decided_by"))?;
    let closes = meeting::closes_project(decision.typed.kind, body, decision.project_id)
        .map_err(invalid("project"))?;
    if let Some(old_id) = decision.supersedes {
        check_superseded(conn, &meeting, old_id)?;
    }
    let answered = check_answers(conn, &meeting, decision)?;
    let closing = match (closes, decision.project_id) {
        (true, Some(project_id)) => Some(check_closure(conn, project_id, meeting.held_on)?),
        _ => None,
    };

    let typed = decision.typed;
    let extras = Extras {
        decided_by: Some(decision.decided_by),
        delegated: false,
        item_id: Some(item_id),
        registry_number: typed.registry_number.as_deref(),
        confidential_reason: typed.confidential_reason.as_deref(),
        follow_up_by: decision.follow_up_by,
        follow_up_on: typed.follow_up_on,
        supersedes: decision.supersedes,
        also_projects: &[],
    };
    let row = match (closing, decision.project_id) {
        // A closure is the project's phase decision into maintenance, recorded as every phase
        // decision is, so the lifecycle rules find it as the project's latest.
        (Some(from), Some(project_id)) => governance::record_phase_change_with(
            conn,
            project_id,
            from,
            &PhaseDecisionInput {
                to: Phase::Maintenance,
                decided_on: meeting.held_on,
                text: typed.text.clone(),
            },
            body,
            by,
            extras,
        )?,
        _ => decision_log::record(
            conn,
            &NewDecision {
                body,
                project_id: decision.project_id.or(meeting.project_id),
                decided_on: meeting.held_on,
                kind: typed.kind,
                text: &typed.text,
                phase_from: None,
                phase_to: None,
                recorded_by: by,
                meeting_id: None,
                extras,
            },
        )?,
    };
    for escalation in answered {
        if !reports::answer(conn, &escalation, row.id, by)? {
            return Err(MeetingError::Invalid {
                field: "answers",
                key: "escalation-refused-answered",
            });
        }
    }
    Ok(row)
}

/// A correction supersedes a decision of the meeting's own body, not yet superseded.
fn check_superseded(
    conn: &mut DbConnection,
    meeting: &MeetingRow,
    old_id: i64,
) -> MeetingResult<()> {
    let old = reports::find_decision(conn, old_id)?.ok_or(MeetingError::Invalid {
        field: "supersedes",
        key: "error-supersedes-unknown",
    })?;
    let already: bool = diesel::select(diesel::dsl::exists(
        decisions::table.filter(decisions::supersedes.eq(old_id)),
    ))
    .get_result(conn)?;
    let key = meeting.body().numbering_key(meeting.project_id);
    check_supersedes(&key, &old.numbering_key, already).map_err(invalid("supersedes"))
}

/// The escalations the decision answers, each checked against the answering rules.
fn check_answers(
    conn: &mut DbConnection,
    meeting: &MeetingRow,
    decision: &MeetingDecision,
) -> MeetingResult<Vec<reports::EscalationRow>> {
    let rows: Vec<(reports::EscalationRow, String, Option<NaiveDate>)> = escalations::table
        .inner_join(status_reports::table)
        .filter(escalations::id.eq_any(decision.answers))
        .select((
            reports::EscalationRow::as_select(),
            status_reports::status,
            status_reports::submitted_on,
        ))
        .load(conn)?;
    let wanted: BTreeSet<i64> = decision.answers.iter().copied().collect();
    if rows.len() != wanted.len() {
        return Err(MeetingError::Invalid {
            field: "answers",
            key: "error-unknown-choice",
        });
    }
    let answering = AnsweringDecision {
        body: meeting.body(),
        project_id: decision.project_id.or(meeting.project_id),
        decided_on: meeting.held_on,
    };
    let mut answered = Vec::new();
    for (escalation, status, submitted_on) in rows {
        let (Some(to), Some(raised_on)) = (escalation.to(), submitted_on) else {
            return Err(MeetingError::Invalid {
                field: "answers",
                key: "error-unknown-choice",
            });
        };
        if status != Status::Submitted.as_str() {
            return Err(MeetingError::Invalid {
                field: "answers",
                key: "error-unknown-choice",
            });
        }
        let raised = RaisedEscalation {
            project_id: escalation.project_id,
            to,
            raised_on,
            answered: escalation.answered_by_decision_id.is_some(),
        };
        check_answer(&raised, &answering).map_err(invalid("answers"))?;
        answered.push(escalation);
    }
    Ok(answered)
}

/// The lifecycle rules for closing `project_id` into maintenance on `held_on`: returns the phase
/// it leaves.
fn check_closure(
    conn: &mut DbConnection,
    project_id: i64,
    held_on: NaiveDate,
) -> MeetingResult<Phase> {
    let project = project_rows::row(conn, project_id)?.ok_or(MeetingError::Invalid {
        field: "project",
        key: "error-unknown-choice",
    })?;
    let facts = governance::phase_facts(conn, project_id, project.phase())?;
    let body = check_phase_change(&facts, Phase::Maintenance).map_err(MeetingError::Phase)?;
    if body != Body::ManagementGroup {
        return Err(MeetingError::Invalid {
            field: "kind",
            key: "error-decision-closure-in-meeting",
        });
    }
    if let Some(floor) = decision_floor(&facts, Some(Phase::Maintenance))
        && held_on < floor.date
    {
        return Err(MeetingError::Invalid {
            field: "kind",
            key: floor.ground.key(),
        });
    }
    Ok(facts.current)
}

/// Hands out an action item under an item of a meeting whose minutes are not adjusted. `owner_ids`
/// are users, a group already resolved to its members.
pub fn add_action(
    conn: &mut DbConnection,
    item_id: i64,
    text: &str,
    due_on: NaiveDate,
    owner_ids: &[i64],
    by: i64,
) -> MeetingResult<ActionItemRow> {
    let item: ItemRow = meeting_items::table
        .find(item_id)
        .select(ItemRow::as_select())
        .first(conn)?;
    let meeting = get(conn, item.meeting_id)?;
    check_editable(meeting.state()).map_err(MeetingError::Conflict)?;
    if text.trim().is_empty() {
        return Err(MeetingError::Invalid {
            field: "text",
            key: "error-required",
        });
    }
    meeting::check_due_on(due_on, meeting.held_on).map_err(invalid("due_on"))?;
    if owner_ids.is_empty() {
        return Err(MeetingError::Invalid {
            field: "owners",
            key: "error-action-owners",
        });
    }
    Ok(super::action_items::create(
        conn,
        &NewActionItem {
            text: text.trim(),
            due_on,
            owners: owner_ids,
            item_id: Some(item_id),
            decision_id: None,
            created_by: by,
        },
    )?)
}

/// A meeting as the list shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub meeting: MeetingRow,
    pub chair: String,
    /// The steering group's project code, for a steering group meeting.
    pub project_code: Option<String>,
}

/// The meetings, newest first; only the locked ones when `only_locked`.
pub fn list(conn: &mut DbConnection, only_locked: bool) -> QueryResult<Vec<Listed>> {
    let mut query = meetings::table
        .inner_join(users::table.on(users::id.eq(meetings::chair_id)))
        .left_join(projects::table.on(projects::id.nullable().eq(meetings::project_id)))
        .into_boxed();
    if only_locked {
        query = query.filter(meetings::state.eq(MeetingState::Locked.as_str()));
    }
    let rows: Vec<(MeetingRow, String, Option<String>)> = query
        .order((meetings::held_on.desc(), meetings::id.desc()))
        .select((
            MeetingRow::as_select(),
            users::display_name,
            projects::code.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(meeting, chair, project_code)| Listed {
            meeting,
            chair,
            project_code,
        })
        .collect())
}

/// One member of the body and whether they were there.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub user_id: i64,
    pub name: String,
    pub present: bool,
}

/// An action item of the minutes with its owners' names.
#[derive(Debug, Clone)]
pub struct MinutesAction {
    pub action: ActionItemRow,
    pub owners: Vec<String>,
}

/// Everything the meeting page and the printed minutes show, read in a fixed number of
/// statements.
#[derive(Debug, Clone)]
pub struct Minutes {
    pub meeting: MeetingRow,
    pub attendance: Vec<Attendee>,
    /// In the order of the sections' keys' positions as stored; the view orders the sections.
    pub items: Vec<ItemRow>,
    /// The decisions taken under the items, in number order.
    pub decisions: Vec<DecisionRow>,
    /// Decisions of any meeting that supersede one of these decisions.
    pub superseded_by: Vec<DecisionRow>,
    /// The decisions these decisions supersede.
    pub supersedes: Vec<DecisionRow>,
    pub actions: Vec<MinutesAction>,
    /// The names of everyone the minutes name (officers, presenters, deciders).
    pub names: Vec<(i64, String)>,
    /// The codes of the projects the minutes name.
    pub project_codes: Vec<(i64, String)>,
}

impl Minutes {
    pub fn name(&self, id: i64) -> &str {
        self.names
            .iter()
            .find(|(user, _)| *user == id)
            .map(|(_, name)| name.as_str())
            .unwrap_or_default()
    }

    pub fn project_code(&self, id: i64) -> &str {
        self.project_codes
            .iter()
            .find(|(project, _)| *project == id)
            .map(|(_, code)| code.as_str())
            .unwrap_or_default()
    }

    pub fn items_in(&self, section: &str) -> impl Iterator<Item = &ItemRow> {
        self.items.iter().filter(move |i| i.section == section)
    }

    pub fn decisions_of(&self, item_id: i64) -> impl Iterator<Item = &DecisionRow> {
        self.decisions
            .iter()
            .filter(move |d| d.item_id == Some(item_id))
    }

    pub fn actions_of(&self, item_id: i64) -> impl Iterator<Item = &MinutesAction> {
        self.actions
            .iter()
            .filter(move |a| a.action.item_id == Some(item_id))
    }

    /// The decision that superseded `decision_id`, if one has.
    pub fn superseded(&self, decision_id: i64) -> Option<&DecisionRow> {
        self.superseded_by
            .iter()
            .find(|d| d.supersedes == Some(decision_id))
    }

    pub fn decision(&self, id: i64) -> Option<&DecisionRow> {
        self.supersedes.iter().find(|d| d.id == id)
    }
}

/// The minutes of the meeting `id`: nine statements, however long they are.
pub fn minutes(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Minutes>> {
    let Some(meeting) = find(conn, id)? else {
        return Ok(None);
    };
    let attendance: Vec<(i64, String, bool)> = meeting_attendance::table
        .inner_join(users::table.on(users::id.eq(meeting_attendance::user_id)))
        .filter(meeting_attendance::meeting_id.eq(id))
        .order((users::display_name, users::id))
        .select((users::id, users::display_name, meeting_attendance::present))
        .load(conn)?;
    let items: Vec<ItemRow> = meeting_items::table
        .filter(meeting_items::meeting_id.eq(id))
        .order((meeting_items::position, meeting_items::id))
        .select(ItemRow::as_select())
        .load(conn)?;
    let item_ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let taken: Vec<DecisionRow> = decisions::table
        .filter(decisions::item_id.eq_any(&item_ids))
        .order((decisions::number, decisions::id))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let taken_ids: Vec<i64> = taken.iter().map(|d| d.id).collect();
    let superseded_by: Vec<DecisionRow> = decisions::table
        .filter(decisions::supersedes.eq_any(&taken_ids))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let old_ids: Vec<i64> = taken.iter().filter_map(|d| d.supersedes).collect();
    let supersedes: Vec<DecisionRow> = decisions::table
        .filter(decisions::id.eq_any(&old_ids))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let actions: Vec<ActionItemRow> = action_items::table
        .filter(action_items::item_id.eq_any(&item_ids))
        .order(action_items::id)
        .select(ActionItemRow::as_select())
        .load(conn)?;
    let action_ids: Vec<i64> = actions.iter().map(|a| a.id).collect();
    let owners: Vec<(i64, String)> = action_item_owners::table
        .inner_join(users::table.on(users::id.eq(action_item_owners::user_id)))
        .filter(action_item_owners::action_item_id.eq_any(&action_ids))
        .order((users::display_name, users::id))
        .select((action_item_owners::action_item_id, users::display_name))
        .load(conn)?;

    let mut people: BTreeSet<i64> =
        BTreeSet::from([meeting.chair_id, meeting.secretary_id, meeting.adjuster_id]);
    people.extend(items.iter().filter_map(|i| i.presenter_id));
    people.extend(taken.iter().filter_map(|d| d.decided_by));
    people.extend(taken.iter().filter_map(|d| d.follow_up_by));
    let people: Vec<i64> = people.into_iter().collect();
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(&people))
        .select((users::id, users::display_name))
        .load(conn)?;
    let mut project_ids: BTreeSet<i64> = meeting.project_id.into_iter().collect();
    project_ids.extend(items.iter().filter_map(|i| i.project_id));
    project_ids.extend(taken.iter().filter_map(|d| d.project_id));
    let project_ids: Vec<i64> = project_ids.into_iter().collect();
    let project_codes: Vec<(i64, String)> = projects::table
        .filter(projects::id.eq_any(&project_ids))
        .select((projects::id, projects::code))
        .load(conn)?;

    let actions = actions
        .into_iter()
        .map(|action| MinutesAction {
            owners: owners
                .iter()
                .filter(|(a, _)| *a == action.id)
                .map(|(_, name)| name.clone())
                .collect(),
            action,
        })
        .collect();
    Ok(Some(Minutes {
        meeting,
        attendance: attendance
            .into_iter()
            .map(|(user_id, name, present)| Attendee {
                user_id,
                name,
                present,
            })
            .collect(),
        items,
        decisions: taken,
        superseded_by,
        supersedes,
        actions,
        names,
        project_codes,
    }))
}

/// What the forms of the minutes offer to choose from.
pub mod choices {
    use super::*;

    /// Every project, by code: what a decision or an item may concern.
    pub fn projects(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String, String)>> {
        projects::table
            .order(projects::code)
            .select((projects::id, projects::code, projects::name))
            .load(conn)
    }

    /// The newest decisions of the body a meeting decides for (at most 300): what a correction may
    /// supersede.
    pub fn decisions_of(
        conn: &mut DbConnection,
        meeting: &MeetingRow,
    ) -> QueryResult<Vec<DecisionRow>> {
        decisions::table
            .filter(decisions::numbering_key.eq(meeting.body().numbering_key(meeting.project_id)))
            .order((decisions::year.desc(), decisions::number.desc()))
            .limit(300)
            .select(DecisionRow::as_select())
            .load(conn)
    }

    /// The open escalations of submitted reports addressed to `to`, with their project's code:
    /// what a decision may answer.
    pub fn open_escalations(
        conn: &mut DbConnection,
        to: EscalationTo,
    ) -> QueryResult<Vec<(reports::EscalationRow, String)>> {
        escalations::table
            .inner_join(status_reports::table)
            .inner_join(projects::table.on(projects::id.eq(escalations::project_id)))
            .filter(status_reports::status.eq(Status::Submitted.as_str()))
            .filter(escalations::addressed_to.eq(to.as_str()))
            .filter(escalations::answered_by_decision_id.is_null())
            .order(escalations::id)
            .select((reports::EscalationRow::as_select(), projects::code))
            .load(conn)
    }
}

/// An active user as the people fields of the minutes offer them.
#[derive(Debug, Clone, Queryable)]
pub struct Someone {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
}

/// Every active user by name.
pub fn people(conn: &mut DbConnection) -> QueryResult<Vec<Someone>> {
    users::table
        .filter(users::active.eq(true))
        .order((users::display_name, users::id))
        .select((users::id, users::username, users::display_name, users::role))
        .load(conn)
}

/// The sections of minutes administrators renamed or added, for every body.
pub mod sections {
    use super::*;
    use crate::domain::meeting::{ParsedSection, StoredSection};

    type Row = (String, String, i32, String, String);

    fn stored((_, key, position, label_sv, label_en): Row) -> StoredSection {
        StoredSection {
            key,
            position,
            label_sv,
            label_en,
        }
    }

    /// The sections stored for `body`, by position.
    pub fn of(conn: &mut DbConnection, body: Body) -> QueryResult<Vec<StoredSection>> {
        let rows: Vec<Row> = meeting_sections::table
            .filter(meeting_sections::body.eq(body.as_str()))
            .order((meeting_sections::position, meeting_sections::key))
            .select(all())
            .load(conn)?;
        Ok(rows.into_iter().map(stored).collect())
    }

    /// The sections stored for every body, by body and position.
    pub fn all_bodies(conn: &mut DbConnection) -> QueryResult<Vec<(String, StoredSection)>> {
        let rows: Vec<Row> = meeting_sections::table
            .order((
                meeting_sections::body,
                meeting_sections::position,
                meeting_sections::key,
            ))
            .select(all())
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|row| (row.0.clone(), stored(row)))
            .collect())
    }

    #[allow(clippy::type_complexity)]
    fn all() -> (
        meeting_sections::body,
        meeting_sections::key,
        meeting_sections::position,
        meeting_sections::label_sv,
        meeting_sections::label_en,
    ) {
        (
            meeting_sections::body,
            meeting_sections::key,
            meeting_sections::position,
            meeting_sections::label_sv,
            meeting_sections::label_en,
        )
    }

    #[derive(Serialize)]
    struct Audited<'a> {
        body: &'a str,
        key: &'a str,
        label_sv: &'a str,
        label_en: &'a str,
    }

    /// Renames the section `key` of the body, or adds it after the others, with its audit entry.
    pub fn save(conn: &mut DbConnection, section: &ParsedSection, by: i64) -> QueryResult<()> {
        let body = section.body.as_str();
        let existing = of(conn, section.body)?;
        let before = existing
            .iter()
            .find(|s| s.key == section.key)
            .map(|s| Audited {
                body,
                key: &s.key,
                label_sv: &s.label_sv,
                label_en: &s.label_en,
            });
        let filter = meeting_sections::table
            .filter(meeting_sections::body.eq(body))
            .filter(meeting_sections::key.eq(&section.key));
        if before.is_some() {
            diesel::update(filter)
                .set((
                    meeting_sections::label_sv.eq(&section.label_sv),
                    meeting_sections::label_en.eq(&section.label_en),
                ))
                .execute(conn)?;
        } else {
            let model = Section::ALL
                .iter()
                .position(|s| s.as_str() == section.key)
                .map(|i| i as i32);
            let after = existing
                .iter()
                .map(|s| s.position)
                .max()
                .unwrap_or(0)
                .max(Section::ALL.len() as i32 - 1);
            diesel::insert_into(meeting_sections::table)
                .values((
                    meeting_sections::body.eq(body),
                    meeting_sections::key.eq(&section.key),
                    meeting_sections::position.eq(model.unwrap_or(after + 1)),
                    meeting_sections::label_sv.eq(&section.label_sv),
                    meeting_sections::label_en.eq(&section.label_en),
                ))
                .execute(conn)?;
        }
        let after = Audited {
            body,
            key: &section.key,
            label_sv: &section.label_sv,
            label_en: &section.label_en,
        };
        audit::record(
            conn,
            &audit::Change {
                user_id: Some(by),
                action: if before.is_some() {
                    audit::Action::Update
                } else {
                    audit::Action::Create
                },
                entity: "meeting_section",
                entity_id: 0,
                project_id: None,
                before: before.as_ref(),
                after: Some(&after),
            },
        )
    }
}

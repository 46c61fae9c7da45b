//! Action items (åtgärder): a task with one or more owners and a due date, from an item of the
//! minutes or a decision. Created here, in the caller's transaction, by the minutes and the demo
//! alike; listed for their owners and for the management group, and closed, once.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::decisions::DecisionRow;
use super::schema::{action_item_owners, action_items, decisions, meeting_items, meetings, users};
use super::{DbConnection, now};
use crate::domain::action_item::{Closing, OpenCount};
use crate::domain::meeting::{ActionState, is_overdue};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = action_items)]
pub struct ActionItemRow {
    pub id: i64,
    pub text: String,
    pub due_on: NaiveDate,
    pub state: String,
    pub comment: String,
    pub item_id: Option<i64>,
    pub decision_id: Option<i64>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub closed_by: Option<i64>,
    pub closed_at: Option<NaiveDateTime>,
}

impl ActionItemRow {
    /// The state; an unknown stored state (a later version's) reads as open.
    pub fn state(&self) -> ActionState {
        match self.state.as_str() {
            "done" => ActionState::Done,
            "cancelled" => ActionState::Cancelled,
            _ => ActionState::Open,
        }
    }
}

/// An action item to create; `owners` are user ids, a group already resolved to its members.
pub struct NewActionItem<'a> {
    pub text: &'a str,
    pub due_on: NaiveDate,
    pub owners: &'a [i64],
    pub item_id: Option<i64>,
    pub decision_id: Option<i64>,
    pub created_by: i64,
}

/// Creates an action item with its owners and its audit entry, in the caller's transaction.
pub fn create(conn: &mut DbConnection, new: &NewActionItem) -> QueryResult<ActionItemRow> {
    diesel::insert_into(action_items::table)
        .values((
            action_items::text.eq(new.text),
            action_items::due_on.eq(new.due_on),
            action_items::item_id.eq(new.item_id),
            action_items::decision_id.eq(new.decision_id),
            action_items::created_by.eq(new.created_by),
            action_items::created_at.eq(now()),
        ))
        .execute(conn)?;
    let row: ActionItemRow = action_items::table
        .order(action_items::id.desc())
        .select(ActionItemRow::as_select())
        .first(conn)?;
    let mut owners = new.owners.to_vec();
    owners.sort_unstable();
    owners.dedup();
    for owner in owners {
        diesel::insert_into(action_item_owners::table)
            .values((
                action_item_owners::action_item_id.eq(row.id),
                action_item_owners::user_id.eq(owner),
            ))
            .execute(conn)?;
    }
    super::audit::record(
        conn,
        &super::audit::Change::<(), _> {
            user_id: Some(new.created_by),
            action: super::audit::Action::Create,
            entity: "action_item",
            entity_id: row.id,
            project_id: None,
            before: None,
            after: Some(&row),
        },
    )?;
    Ok(row)
}

/// A person an action item is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub id: i64,
    pub name: String,
}

/// The item of the minutes an action item came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromMeeting {
    pub meeting_id: i64,
    /// The body whose meeting it was (`management_group`, `steering_group`).
    pub body: String,
    pub held_on: NaiveDate,
    pub item_title: String,
}

/// An action item as the lists show it: its owners, and the meeting item or decision it came from.
#[derive(Debug, Clone)]
pub struct Listed {
    pub item: ActionItemRow,
    pub owners: Vec<Owner>,
    pub meeting: Option<FromMeeting>,
    pub decision: Option<DecisionRow>,
}

impl Listed {
    pub fn is_owner(&self, user_id: i64) -> bool {
        self.owners.iter().any(|o| o.id == user_id)
    }
}

/// Which action items to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only those this user owns.
    pub owner: Option<i64>,
    /// Only the open ones (overdue among them).
    pub open_only: bool,
    /// Only this one.
    pub id: Option<i64>,
}

type ListedRow = (
    ActionItemRow,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<NaiveDate>,
);

/// The action items `filter` lets through, with their owners and origins, in order of their due
/// dates: three statements however many there are.
pub fn list(conn: &mut DbConnection, filter: Filter) -> QueryResult<Vec<Listed>> {
    let mut query = action_items::table
        .left_join(meeting_items::table.on(action_items::item_id.eq(meeting_items::id.nullable())))
        .left_join(meetings::table.on(meetings::id.eq(meeting_items::meeting_id)))
        .into_boxed();
    if let Some(owner) = filter.owner {
        query = query.filter(action_items::id.eq_any(owned_by(owner)));
    }
    if filter.open_only {
        query = query.filter(action_items::state.eq(ActionState::Open.as_str()));
    }
    if let Some(id) = filter.id {
        query = query.filter(action_items::id.eq(id));
    }
    let rows: Vec<ListedRow> = query
        .order((action_items::due_on, action_items::id))
        .select((
            ActionItemRow::as_select(),
            meeting_items::title.nullable(),
            meetings::id.nullable(),
            meetings::body.nullable(),
            meetings::held_on.nullable(),
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|row| row.0.id).collect();
    let owners = owners_of(conn, filter, &ids)?;
    let decision_ids: Vec<i64> = rows.iter().filter_map(|row| row.0.decision_id).collect();
    // Run whether or not there are any, so that a page makes the same statements every time.
    let decisions: Vec<DecisionRow> = decisions::table
        .filter(decisions::id.eq_any(&decision_ids))
        .select(DecisionRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(item, title, meeting_id, body, held_on)| {
            let decision = item
                .decision_id
                .and_then(|id| decisions.iter().find(|d| d.id == id).cloned());
            let meeting = match (meeting_id, body, held_on) {
                (Some(meeting_id), Some(body), Some(held_on)) => Some(FromMeeting {
                    meeting_id,
                    body,
                    held_on,
                    item_title: title.unwrap_or_default(),
                }),
                _ => None,
            };
            let owners = owners
                .iter()
                .filter(|(action, _)| *action == item.id)
                .map(|(_, owner)| owner.clone())
                .collect();
            Listed {
                item,
                owners,
                meeting,
                decision,
            }
        })
        .collect())
}

/// The ids of the action items `user` owns, as a subquery.
fn owned_by(
    user: i64,
) -> diesel::dsl::Select<
    diesel::dsl::Filter<
        action_item_owners::table,
        diesel::dsl::Eq<action_item_owners::user_id, i64>,
    >,
    action_item_owners::action_item_id,
> {
    action_item_owners::table
        .filter(action_item_owners::user_id.eq(user))
        .select(action_item_owners::action_item_id)
}

/// The owners of the action items `filter` lets through (`ids`, when they are one person's), by
/// item, each item's by name.
fn owners_of(
    conn: &mut DbConnection,
    filter: Filter,
    ids: &[i64],
) -> QueryResult<Vec<(i64, Owner)>> {
    let mut query = action_item_owners::table
        .inner_join(action_items::table)
        .inner_join(users::table.on(users::id.eq(action_item_owners::user_id)))
        .into_boxed();
    // One person's items are few: named by id. Everyone's are read whole, without a list of ids
    // that would grow with them.
    if filter.owner.is_some() {
        query = query.filter(action_items::id.eq_any(ids));
    }
    if filter.open_only {
        query = query.filter(action_items::state.eq(ActionState::Open.as_str()));
    }
    if let Some(id) = filter.id {
        query = query.filter(action_items::id.eq(id));
    }
    let rows: Vec<(i64, i64, String)> = query
        .order((action_item_owners::action_item_id, users::display_name))
        .select((
            action_item_owners::action_item_id,
            users::id,
            users::display_name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(action, id, name)| (action, Owner { id, name }))
        .collect())
}

/// One action item with its owners and origin.
pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Listed>> {
    Ok(list(
        conn,
        Filter {
            id: Some(id),
            ..Filter::default()
        },
    )?
    .into_iter()
    .next())
}

/// Every open action item, and how many of them are overdue on `today`: one statement.
pub fn open_count(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<OpenCount> {
    let due: Vec<NaiveDate> = action_items::table
        .filter(action_items::state.eq(ActionState::Open.as_str()))
        .select(action_items::due_on)
        .load(conn)?;
    let overdue = due
        .iter()
        .filter(|d| is_overdue(ActionState::Open, **d, today))
        .count();
    Ok(OpenCount {
        open: i64::try_from(due.len()).unwrap_or(i64::MAX),
        overdue: i64::try_from(overdue).unwrap_or(i64::MAX),
    })
}

/// Closes an open action item as `closing` says, by `user`, with its audit entry (before and
/// after). `None` when it was no longer open: someone closed it first, and nothing changed.
pub fn close(
    conn: &mut DbConnection,
    before: &ActionItemRow,
    closing: &Closing,
    user: i64,
) -> QueryResult<Option<ActionItemRow>> {
    let changed = diesel::update(
        action_items::table
            .filter(action_items::id.eq(before.id))
            .filter(action_items::state.eq(ActionState::Open.as_str())),
    )
    .set((
        action_items::state.eq(closing.state.as_str()),
        action_items::comment.eq(&closing.comment),
        action_items::closed_by.eq(Some(user)),
        action_items::closed_at.eq(Some(now())),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    let after: ActionItemRow = action_items::table
        .find(before.id)
        .select(ActionItemRow::as_select())
        .first(conn)?;
    super::audit::record(
        conn,
        &super::audit::Change {
            user_id: Some(user),
            action: super::audit::Action::Update,
            entity: "action_item",
            entity_id: before.id,
            project_id: None,
            before: Some(before),
            after: Some(&after),
        },
    )?;
    Ok(Some(after))
}

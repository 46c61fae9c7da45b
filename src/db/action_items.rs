//! Action items (åtgärder): a task with one or more owners and a due date, from an item of the
//! minutes or a decision. Created here, in the caller's transaction, by the minutes and the demo
//! alike; listing and closing them build on the same table.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{action_item_owners, action_items};
use super::{DbConnection, now};
use crate::domain::meeting::ActionState;

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

//! The audit trail: append-only, written in the same transaction as the change it records.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{audit_log, users};
use super::{DbConnection, now};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Decide,
    Add,
    Remove,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Decide => "decide",
            Action::Add => "add",
            Action::Remove => "remove",
        }
    }
}

/// One change to record. `before` and `after` are snapshots that never hold a password hash.
pub struct Change<'a, B: Serialize, A: Serialize> {
    pub user_id: Option<i64>,
    pub action: Action,
    pub entity: &'a str,
    pub entity_id: i64,
    pub project_id: Option<i64>,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

fn json(value: Option<&impl Serialize>) -> QueryResult<Option<String>> {
    value
        .map(|v| serde_json::to_string(v))
        .transpose()
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConnection,
    change: &Change<B, A>,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now()),
            audit_log::user_id.eq(change.user_id),
            audit_log::action.eq(change.action.as_str()),
            audit_log::entity.eq(change.entity),
            audit_log::entity_id.eq(change.entity_id),
            audit_log::project_id.eq(change.project_id),
            audit_log::before.eq(json(change.before)?),
            audit_log::after.eq(json(change.after)?),
        ))
        .execute(conn)?;
    Ok(())
}

/// An entry as the audit page shows it.
#[derive(Debug, Clone, Queryable)]
pub struct Entry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub user_name: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub project_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The newest entries first, for one project or for the whole app; at most `limit`.
pub fn entries(
    conn: &mut DbConnection,
    project_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Entry>> {
    let mut query = audit_log::table
        .left_join(users::table)
        .select((
            audit_log::id,
            audit_log::at,
            users::display_name.nullable(),
            audit_log::action,
            audit_log::entity,
            audit_log::entity_id,
            audit_log::project_id,
            audit_log::before,
            audit_log::after,
        ))
        .order(audit_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(project_id) = project_id {
        query = query.filter(audit_log::project_id.eq(project_id));
    }
    query.load(conn)
}

//! Roll-ups issued to the management group: one per period, its content frozen as JSON when it is
//! issued (a trigger refuses any change or deletion).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{rollups, users};
use super::{DbConnection, audit, now};
use crate::domain::portfolio::rollup::RollupContent;
use crate::domain::status_report::Period;

/// What the audit trail calls a roll-up.
pub const ENTITY: &str = "rollup";

/// An issued roll-up as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupItem {
    pub id: i64,
    pub period: String,
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
}

/// Every issued roll-up, the newest period first.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<RollupItem>> {
    let rows: Vec<(i64, String, NaiveDateTime, String)> = rollups::table
        .inner_join(users::table.on(users::id.eq(rollups::issued_by)))
        .order(rollups::period.desc())
        .select((
            rollups::id,
            rollups::period,
            rollups::issued_at,
            users::display_name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, period, issued_at, issued_by)| RollupItem {
            id,
            period,
            issued_at,
            issued_by,
        })
        .collect())
}

/// The periods already issued.
pub fn issued_periods(conn: &mut DbConnection) -> QueryResult<Vec<Period>> {
    Ok(rollups::table
        .select(rollups::period)
        .load::<String>(conn)?
        .iter()
        .filter_map(|p| Period::parse(p).ok())
        .collect())
}

/// The content of the roll-up `id`, as issued. Content that does not read (written by a later
/// version of Styr) is an error, not a page with parts missing.
pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<RollupContent>> {
    let Some(content) = rollups::table
        .find(id)
        .select(rollups::content)
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    serde_json::from_str(&content)
        .map(Some)
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// Issues the roll-up of `content.period` and writes its audit entry; returns its id. The caller
/// has checked the period is free; the unique period refuses a second one all the same.
pub fn issue(conn: &mut DbConnection, content: &RollupContent, by: i64) -> QueryResult<i64> {
    let json = serde_json::to_string(content)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    diesel::insert_into(rollups::table)
        .values((
            rollups::period.eq(&content.period),
            rollups::issued_by.eq(by),
            rollups::issued_at.eq(now()),
            rollups::content.eq(&json),
        ))
        .execute(conn)?;
    let id: i64 = rollups::table
        .filter(rollups::period.eq(&content.period))
        .select(rollups::id)
        .first(conn)?;
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(by),
            action: audit::Action::Create,
            entity: ENTITY,
            entity_id: id,
            project_id: None,
            before: None,
            after: Some(content),
        },
    )?;
    Ok(id)
}

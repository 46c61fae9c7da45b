//! Roll-ups issued to the management group: one per period, its content frozen as JSON when it is
//! issued (a trigger refuses any change or deletion).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{rollups, users};
use super::statuses::{Reach, load_statuses};
use super::{DbConnection, audit, now, portfolio};
use crate::domain::portfolio::rollup::{Issue, RollupContent, build, with_comments};
use crate::domain::status_report::{Aspect, Period};

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

/// Computes the roll-up of `period` from the data as it stands on `today`, issued by `issued_by`
/// (a name, kept in the content): every active project's status and the open escalations
/// (`domain::portfolio::rollup::build`), with the comments of every light that is not green of
/// the projects it flags. Nothing is written; `issue` stores it.
pub fn compute(
    conn: &mut DbConnection,
    period: Period,
    today: NaiveDate,
    issued_by: &str,
) -> QueryResult<RollupContent> {
    let (reporting, all, escalations) = load_statuses(conn, today, Reach::Back(period))?;
    let content = build(
        &all,
        &escalations,
        &Issue {
            period,
            issued_by,
            today,
            due_day: reporting.due_day,
            deviation_percent: reporting.deviation_percent,
        },
    );
    let flagged = content.flagged.iter().map(|f| f.report_id).collect();
    let reports = portfolio::light_comments(conn, flagged)?;
    Ok(with_comments(content, |id| {
        reports.get(&id).map_or_else(Vec::new, |row| {
            Aspect::ALL
                .into_iter()
                .filter_map(|a| row.light(a).map(|l| (a, l, row.comment(a).to_owned())))
                .collect()
        })
    }))
}

//! Queries on closing reports: one per project.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::closing_reports;
use super::{DbConnection, audit, now};
use crate::domain::closing::ClosingContent;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = closing_reports)]
pub struct ClosingRow {
    pub id: i64,
    pub project_id: i64,
    pub outcome: String,
    pub final_cost_sek: Option<i64>,
    pub lessons: String,
    pub handover: String,
    pub maintenance_owner_id: Option<i64>,
    pub benefit_follow_up_on: Option<chrono::NaiveDate>,
    pub lock_version: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ClosingRow {
    pub fn content(&self) -> ClosingContent {
        ClosingContent {
            outcome: self.outcome.clone(),
            final_cost_sek: self.final_cost_sek,
            lessons: self.lessons.clone(),
            handover: self.handover.clone(),
            maintenance_owner_id: self.maintenance_owner_id,
            benefit_follow_up_on: self.benefit_follow_up_on,
        }
    }
}

pub fn find(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<ClosingRow>> {
    closing_reports::table
        .filter(closing_reports::project_id.eq(project_id))
        .select(ClosingRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(
    conn: &mut DbConnection,
    project_id: i64,
    content: &ClosingContent,
    created_by: i64,
) -> QueryResult<ClosingRow> {
    let at = now();
    diesel::insert_into(closing_reports::table)
        .values((
            closing_reports::project_id.eq(project_id),
            closing_reports::outcome.eq(&content.outcome),
            closing_reports::final_cost_sek.eq(content.final_cost_sek),
            closing_reports::lessons.eq(&content.lessons),
            closing_reports::handover.eq(&content.handover),
            closing_reports::maintenance_owner_id.eq(content.maintenance_owner_id),
            closing_reports::benefit_follow_up_on.eq(content.benefit_follow_up_on),
            closing_reports::created_by.eq(created_by),
            closing_reports::created_at.eq(at),
            closing_reports::updated_at.eq(at),
        ))
        .execute(conn)?;
    find(conn, project_id)?.ok_or(diesel::result::Error::NotFound)
}

/// Updates the report if it is still at `lock_version`; `false` when someone saved meanwhile.
pub fn update(
    conn: &mut DbConnection,
    project_id: i64,
    lock_version: i64,
    content: &ClosingContent,
) -> QueryResult<bool> {
    let rows = diesel::update(
        closing_reports::table
            .filter(closing_reports::project_id.eq(project_id))
            .filter(closing_reports::lock_version.eq(lock_version)),
    )
    .set((
        closing_reports::outcome.eq(&content.outcome),
        closing_reports::final_cost_sek.eq(content.final_cost_sek),
        closing_reports::lessons.eq(&content.lessons),
        closing_reports::handover.eq(&content.handover),
        closing_reports::maintenance_owner_id.eq(content.maintenance_owner_id),
        closing_reports::benefit_follow_up_on.eq(content.benefit_follow_up_on),
        closing_reports::lock_version.eq(lock_version + 1),
        closing_reports::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(rows == 1)
}

/// Writes a project's closing report as `by` did: a new one when there is none (`before`, as it was
/// read), else the update of `before` if it is still at `lock_version`; with its audit entry.
/// `None` when someone saved meanwhile (nothing is written).
pub fn save(
    conn: &mut DbConnection,
    project_id: i64,
    before: Option<&ClosingRow>,
    lock_version: i64,
    content: &ClosingContent,
    by: i64,
) -> QueryResult<Option<ClosingRow>> {
    let after = match before {
        None => insert(conn, project_id, content, by)?,
        Some(_) => {
            if !update(conn, project_id, lock_version, content)? {
                return Ok(None);
            }
            find(conn, project_id)?.ok_or(diesel::result::Error::NotFound)?
        }
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
            entity: "closing_report",
            entity_id: after.id,
            project_id: Some(project_id),
            before,
            after: Some(&after),
        },
    )?;
    Ok(Some(after))
}

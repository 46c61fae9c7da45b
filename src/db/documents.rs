//! The transitions every versioned document shares (directives and plans today): submission, and
//! the decision that approves or returns a version. Each runs in the caller's transaction
//! (`Db::write`) and writes the version's new status, its decision where there is one, and its
//! audit entry together.
//!
//! A kind of document supplies only what differs (`Kind`): its table, what the audit trail calls
//! it and how it reads a version for the trail, and its decision kinds. The status columns are the
//! same in every document table (`status`, `submitted_by`, `submitted_on`, `decision_id`,
//! `return_reason`, `lock_version`, `updated_at`), so the statements are written once here, each
//! guarded by the status it comes from: two people deciding at once cannot both succeed.
//!
//! The row type of a kind and the queries on the shared columns are declared once too, by
//! `document_row!`.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamp};
use serde::Serialize;

use super::decisions::{self, DecisionRow, Extras, NewDecision};
use super::{DbConnection, audit, now};
use crate::domain::decision::{Body, DecisionKind, Verdict};
use crate::domain::document::Status;

/// What a kind of document tells the workflow about itself.
pub trait Kind {
    /// The table of its versions.
    const TABLE: &'static str;
    /// The column that keeps the body a version was submitted to, for a kind that stores it (a
    /// directive's body depends on its content; a plan always goes to the steering group).
    const BODY_COLUMN: Option<&'static str>;
    /// What the audit trail calls a version.
    const ENTITY: &'static str;
    const APPROVED: DecisionKind;
    const RETURNED: DecisionKind;
    /// A version as the audit trail keeps it.
    type Audited: Serialize;

    /// The version `id` of the project as the audit trail keeps it; `None` if there is none.
    fn audited(
        conn: &mut DbConnection,
        project_id: i64,
        id: i64,
    ) -> QueryResult<Option<Self::Audited>>;
}

/// Which version of which project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionId {
    pub project_id: i64,
    pub id: i64,
}

/// A submission: who submits, on which day, to which body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submission {
    pub body: Body,
    pub by: i64,
    pub on: NaiveDate,
}

/// Submits a version that is still in status `from`. Returns whether it was: another request may
/// have moved it on meanwhile (then nothing is written).
pub fn submit<K: Kind>(
    conn: &mut DbConnection,
    version: VersionId,
    from: Status,
    submission: &Submission,
) -> QueryResult<bool> {
    let before = K::audited(conn, version.project_id, version.id)?;
    let body = match K::BODY_COLUMN {
        Some(column) => format!(", {column} = ?"),
        None => String::new(),
    };
    let sql = format!(
        "UPDATE {table} SET status = ?, submitted_by = ?, submitted_on = ?, \
         lock_version = lock_version + 1, updated_at = ?{body} WHERE id = ? AND status = ?",
        table = K::TABLE,
    );
    let query = diesel::sql_query(super::placeholders(conn.backend(), &sql))
        .bind::<Text, _>(Status::Submitted.as_str())
        .bind::<BigInt, _>(submission.by)
        .bind::<Date, _>(submission.on)
        .bind::<Timestamp, _>(now());
    let rows = match K::BODY_COLUMN {
        Some(_) => query
            .bind::<Text, _>(submission.body.as_str())
            .bind::<BigInt, _>(version.id)
            .bind::<Text, _>(from.as_str())
            .execute(conn)?,
        None => query
            .bind::<BigInt, _>(version.id)
            .bind::<Text, _>(from.as_str())
            .execute(conn)?,
    };
    if rows != 1 {
        return Ok(false);
    }
    record::<K>(
        conn,
        version,
        submission.by,
        audit::Action::Update,
        before.as_ref(),
    )?;
    Ok(true)
}

/// Approves a submitted version, or returns it with the verdict's reason, as a decision of `body`
/// numbered in that body's series. `None` if the version was no longer submitted (the decision is
/// written all the same: the caller's transaction must then be rolled back).
pub fn decide<K: Kind>(
    conn: &mut DbConnection,
    version: VersionId,
    body: Body,
    verdict: &Verdict,
    recorded_by: i64,
) -> QueryResult<Option<DecisionRow>> {
    decide_with::<K>(conn, version, body, verdict, recorded_by, Extras::default())
}

/// [`decide`] with the decision log's further fields: who formally decided, the item of the
/// minutes it was taken under (the demo's management group meetings).
pub fn decide_with<K: Kind>(
    conn: &mut DbConnection,
    version: VersionId,
    body: Body,
    verdict: &Verdict,
    recorded_by: i64,
    extras: Extras,
) -> QueryResult<Option<DecisionRow>> {
    let before = K::audited(conn, version.project_id, version.id)?;
    let returning = verdict.reason.is_some();
    let decision = decisions::record(
        conn,
        &NewDecision {
            body,
            project_id: Some(version.project_id),
            decided_on: verdict.decided_on,
            kind: if returning { K::RETURNED } else { K::APPROVED },
            text: &verdict.text,
            phase_from: None,
            phase_to: None,
            recorded_by,
            meeting_id: None,
            extras,
        },
    )?;
    let to = if returning {
        Status::Returned
    } else {
        Status::Approved
    };
    // An approval keeps the reason an earlier return gave; a return sets its own.
    let sql = format!(
        "UPDATE {table} SET status = ?, decision_id = ?, \
         return_reason = COALESCE(?, return_reason), lock_version = lock_version + 1, \
         updated_at = ? WHERE id = ? AND status = ?",
        table = K::TABLE,
    );
    let rows = diesel::sql_query(super::placeholders(conn.backend(), &sql))
        .bind::<Text, _>(to.as_str())
        .bind::<BigInt, _>(decision.id)
        .bind::<Nullable<Text>, _>(verdict.reason.as_deref())
        .bind::<Timestamp, _>(now())
        .bind::<BigInt, _>(version.id)
        .bind::<Text, _>(Status::Submitted.as_str())
        .execute(conn)?;
    if rows != 1 {
        return Ok(None);
    }
    record::<K>(
        conn,
        version,
        recorded_by,
        audit::Action::Decide,
        before.as_ref(),
    )?;
    Ok(Some(decision))
}

/// Writes a change to a version to the audit trail: `before`, and the version as stored now.
pub fn record<K: Kind>(
    conn: &mut DbConnection,
    version: VersionId,
    user_id: i64,
    action: audit::Action,
    before: Option<&K::Audited>,
) -> QueryResult<()> {
    let after = K::audited(conn, version.project_id, version.id)?;
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(user_id),
            action,
            entity: K::ENTITY,
            entity_id: version.id,
            project_id: Some(version.project_id),
            before,
            after: after.as_ref(),
        },
    )
}

/// Declares a kind's version row: its own columns (`$own`, after `status`) between the columns
/// every document table has (id, project, version, status, and the workflow's: return reason,
/// decision, lock version, who created, edited and submitted it and when), with `authors`; and
/// the queries on those shared columns, written once:
///
/// - `find_row(conn, project_id, id)`: the version `id` if it belongs to the project;
/// - `newest_first(project_id)`: the project's versions, newest first, as a boxed query that the
///   kind narrows further (a directive by its kind, an approved version by its status).
///
/// A macro rather than one `Workflow` struct or generic functions over `Kind`: diesel's typed
/// DSL and its `Selectable` derive are per table (the derive reads a single `table_name`), so
/// one struct cannot be selected from both tables, and `sql_query` would give up the typed
/// columns every other query here keeps. The macro writes the columns and queries once and the
/// derives and the DSL see them per table.
macro_rules! document_row {
    (
        $(#[$meta:meta])*
        pub struct $row:ident in $table:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, diesel::Queryable, diesel::Selectable, serde::Serialize)]
        #[diesel(table_name = $table)]
        pub struct $row {
            pub id: i64,
            pub project_id: i64,
            pub version: i32,
            pub status: String,
            $($(#[$field_meta])* pub $field: $ty,)*
            pub return_reason: Option<String>,
            pub decision_id: Option<i64>,
            pub lock_version: i64,
            pub created_by: i64,
            pub created_at: chrono::NaiveDateTime,
            pub updated_at: chrono::NaiveDateTime,
            pub edited_by: Option<i64>,
            pub submitted_by: Option<i64>,
            pub submitted_on: Option<chrono::NaiveDate>,
        }

        impl $row {
            /// Who drafted and who submitted the version (four eyes).
            pub fn authors(&self) -> $crate::domain::document::Authors {
                $crate::domain::document::Authors {
                    created_by: self.created_by,
                    edited_by: self.edited_by,
                    submitted_by: self.submitted_by,
                }
            }
        }

        /// The version `id` if it belongs to the project `project_id`.
        fn find_row(
            conn: &mut $crate::db::DbConnection,
            project_id: i64,
            id: i64,
        ) -> diesel::QueryResult<Option<$row>> {
            use diesel::prelude::*;
            $table::table
                .filter($table::id.eq(id))
                .filter($table::project_id.eq(project_id))
                .select($row::as_select())
                .first(conn)
                .optional()
        }

        /// A project's versions, newest first, for the kind to narrow.
        fn newest_first(
            project_id: i64,
        ) -> $table::BoxedQuery<
            'static,
            <$crate::db::DbConnection as diesel::Connection>::Backend,
            diesel::dsl::SqlTypeOf<
                diesel::dsl::AsSelect<
                    $row,
                    <$crate::db::DbConnection as diesel::Connection>::Backend,
                >,
            >,
        > {
            use diesel::prelude::*;
            $table::table
                .filter($table::project_id.eq(project_id))
                .order($table::version.desc())
                .select($row::as_select())
                .into_boxed()
        }
    };
}
pub(crate) use document_row;

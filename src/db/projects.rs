//! Queries on the project register.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{boards, projects, units, users};
use super::{DbConnection, now};
use crate::domain::phase::Phase;
use crate::domain::project::{ProjectInput, matches_search};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = projects)]
pub struct ProjectRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub unit_id: i64,
    pub phase: String,
    pub project_lead_id: Option<i64>,
    pub commissioner_id: Option<i64>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub budget_sek: Option<i64>,
    pub lock_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ProjectRow {
    /// The phase; an unknown stored phase (a later version's) reads as an idea.
    pub fn phase(&self) -> Phase {
        Phase::parse(&self.phase).unwrap_or(Phase::Idea)
    }
}

/// A project with the names of what it refers to, as pages show it.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: ProjectRow,
    pub unit_name: String,
    pub board_name: String,
    pub project_lead: Option<String>,
    pub commissioner: Option<String>,
}

/// What the register is filtered by.
#[derive(Debug, Clone, Default)]
pub struct RegisterFilter {
    pub query: String,
    pub unit_id: Option<i64>,
    pub phase: Option<Phase>,
}

fn user_names(conn: &mut DbConnection) -> QueryResult<HashMap<i64, String>> {
    Ok(users::table
        .select((users::id, users::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

fn with_names(
    rows: Vec<(ProjectRow, String, String)>,
    names: &HashMap<i64, String>,
) -> Vec<ProjectView> {
    rows.into_iter()
        .map(|(project, unit_name, board_name)| ProjectView {
            project_lead: project
                .project_lead_id
                .and_then(|id| names.get(&id).cloned()),
            commissioner: project
                .commissioner_id
                .and_then(|id| names.get(&id).cloned()),
            project,
            unit_name,
            board_name,
        })
        .collect()
}

/// The register, filtered and ordered by code. The free-text search runs in Rust so that it ignores
/// the case of å, ä and ö, which SQLite's `LIKE` does not; a register holds hundreds of projects.
pub fn register(conn: &mut DbConnection, filter: &RegisterFilter) -> QueryResult<Vec<ProjectView>> {
    let mut query = projects::table
        .inner_join(units::table.inner_join(boards::table))
        .select((ProjectRow::as_select(), units::name, boards::name))
        .order(projects::code)
        .into_boxed();
    if let Some(unit_id) = filter.unit_id {
        query = query.filter(projects::unit_id.eq(unit_id));
    }
    if let Some(phase) = filter.phase {
        query = query.filter(projects::phase.eq(phase.as_str()));
    }
    let rows: Vec<(ProjectRow, String, String)> = query
        .load(conn)?
        .into_iter()
        .filter(|(p, _, _): &(ProjectRow, String, String)| {
            matches_search(&filter.query, &p.code, &p.name, &p.description)
        })
        .collect();
    let names = user_names(conn)?;
    Ok(with_names(rows, &names))
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ProjectView>> {
    let row: Option<(ProjectRow, String, String)> = projects::table
        .inner_join(units::table.inner_join(boards::table))
        .filter(projects::id.eq(id))
        .select((ProjectRow::as_select(), units::name, boards::name))
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let names = user_names(conn)?;
    Ok(with_names(vec![row], &names).pop())
}

pub fn codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    projects::table.select(projects::code).load(conn)
}

/// The id of the project with `code` (as typed: the case does not matter), if any.
pub fn id_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<i64>> {
    projects::table
        .filter(projects::code.eq(code.trim().to_uppercase()))
        .select(projects::id)
        .first(conn)
        .optional()
}

pub fn code_taken(conn: &mut DbConnection, code: &str, except: Option<i64>) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        projects::table
            .filter(projects::code.eq(code))
            .filter(projects::id.ne(except.unwrap_or(0))),
    ))
    .get_result(conn)
}

/// Registers a project in `phase` and returns its id.
pub fn insert(conn: &mut DbConnection, input: &ProjectInput, phase: Phase) -> QueryResult<i64> {
    insert_at(conn, input, phase, now())
}

fn insert_at(
    conn: &mut DbConnection,
    input: &ProjectInput,
    phase: Phase,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(projects::table)
        .values((
            projects::code.eq(&input.code),
            projects::name.eq(&input.name),
            projects::description.eq(&input.description),
            projects::unit_id.eq(input.unit_id),
            projects::phase.eq(phase.as_str()),
            projects::project_lead_id.eq(input.project_lead_id),
            projects::commissioner_id.eq(input.commissioner_id),
            projects::planned_start.eq(input.planned_start),
            projects::planned_end.eq(input.planned_end),
            projects::budget_sek.eq(input.budget_sek),
            projects::created_at.eq(at),
            projects::updated_at.eq(at),
        ))
        .execute(conn)?;
    projects::table
        .filter(projects::code.eq(&input.code))
        .select(projects::id)
        .first(conn)
}

/// Registers an idea (a project in phase Idé) as `registered_by` did at `registered_at` (now, for
/// a request) and writes its audit entry. Returns its id.
pub fn create(
    conn: &mut DbConnection,
    input: &ProjectInput,
    registered_at: NaiveDateTime,
    registered_by: i64,
) -> QueryResult<i64> {
    let id = insert_at(conn, input, Phase::Idea, registered_at)?;
    record(conn, registered_by, id, None)?;
    Ok(id)
}

/// Writes a change to the register entry to the audit trail: `before`, and the entry as stored
/// now; created when there is no `before`.
pub fn record(
    conn: &mut DbConnection,
    user_id: i64,
    id: i64,
    before: Option<&ProjectRow>,
) -> QueryResult<()> {
    let after = row(conn, id)?;
    super::audit::record(
        conn,
        &super::audit::Change {
            user_id: Some(user_id),
            action: if before.is_some() {
                super::audit::Action::Update
            } else {
                super::audit::Action::Create
            },
            entity: "project",
            entity_id: id,
            project_id: Some(id),
            before,
            after: after.as_ref(),
        },
    )
}

/// Whether an update found the version it was based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Yes,
    /// Someone else saved the entry after the form was filled in; nothing was written.
    Conflict,
}

fn saved(rows: usize) -> Saved {
    if rows == 1 {
        Saved::Yes
    } else {
        Saved::Conflict
    }
}

/// Updates the whole register entry if it is still at `lock_version`.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    lock_version: i64,
    input: &ProjectInput,
) -> QueryResult<Saved> {
    let rows = diesel::update(
        projects::table
            .find(id)
            .filter(projects::lock_version.eq(lock_version)),
    )
    .set((
        projects::code.eq(&input.code),
        projects::name.eq(&input.name),
        projects::description.eq(&input.description),
        projects::unit_id.eq(input.unit_id),
        projects::project_lead_id.eq(input.project_lead_id),
        projects::commissioner_id.eq(input.commissioner_id),
        projects::planned_start.eq(input.planned_start),
        projects::planned_end.eq(input.planned_end),
        projects::budget_sek.eq(input.budget_sek),
        projects::lock_version.eq(lock_version + 1),
        projects::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(saved(rows))
}

/// Updates only the description if the entry is still at `lock_version`.
pub fn update_description(
    conn: &mut DbConnection,
    id: i64,
    lock_version: i64,
    description: &str,
) -> QueryResult<Saved> {
    let rows = diesel::update(
        projects::table
            .find(id)
            .filter(projects::lock_version.eq(lock_version)),
    )
    .set((
        projects::description.eq(description),
        projects::lock_version.eq(lock_version + 1),
        projects::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(saved(rows))
}

/// Moves a project into `phase`; only a recorded phase decision calls this.
pub fn set_phase(conn: &mut DbConnection, id: i64, phase: Phase) -> QueryResult<()> {
    diesel::update(projects::table.find(id))
        .set((
            projects::phase.eq(phase.as_str()),
            projects::lock_version.eq(projects::lock_version + 1),
            projects::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The project's register entry as stored, for the audit trail.
pub fn row(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ProjectRow>> {
    projects::table
        .find(id)
        .select(ProjectRow::as_select())
        .first(conn)
        .optional()
}

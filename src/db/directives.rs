//! Queries on project and pre-study directives: their versions, goals and workflow steps.
//!
//! Every version is a row of its own. Only a draft's content changes, under an optimistic lock;
//! a status change is guarded by the status it comes from, so two people deciding at once cannot
//! both succeed. The schema's triggers refuse any change to an approved version whatever this
//! module does.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::decisions::DecisionRow;
use super::projects::Saved;
use super::schema::{decisions, directive_goals, directives, users};
use super::{DbConnection, audit, documents, governance, now, settings};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::directive::{DirectiveContent, DirectiveKind, approving_body};
use crate::domain::document::{self, Authors, Status};

documents::document_row! {
    /// A version of a directive of either kind.
    pub struct DirectiveRow in directives {
        pub kind: String,
        pub background: String,
        pub purpose: String,
        pub scope: String,
        pub out_of_scope: String,
        pub deliverables: String,
        pub time_frame_start: Option<NaiveDate>,
        pub time_frame_end: Option<NaiveDate>,
        pub budget_frame_sek: Option<i64>,
        pub resources: String,
        pub dependencies: String,
        pub strategic: bool,
        pub personal_data: bool,
        pub sensitive_personal_data: bool,
        pub dpia_needed: bool,
        pub osl_confidentiality: bool,
        pub legal_notes: String,
        pub approving_body: Option<String>,
    }
}

impl DirectiveRow {
    /// The kind; an unknown stored kind (a later version's) reads as a project directive.
    pub fn kind(&self) -> DirectiveKind {
        DirectiveKind::parse(&self.kind).unwrap_or(DirectiveKind::Project)
    }

    /// The status; an unknown stored status (a later version's) reads as approved, so that
    /// nothing here changes a version it does not understand.
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Approved)
    }

    pub fn approving_body(&self) -> Option<Body> {
        self.approving_body.as_deref().and_then(Body::parse)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = directive_goals)]
pub struct GoalRow {
    pub id: i64,
    pub directive_id: i64,
    pub position: i32,
    pub text: String,
}

/// One version with its goals in order: what pages show and the audit trail records.
#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    #[serde(flatten)]
    pub row: DirectiveRow,
    pub goals: Vec<GoalRow>,
}

impl Directive {
    /// The content, as the domain parses and checks it.
    pub fn content(&self) -> DirectiveContent {
        let r = &self.row;
        DirectiveContent {
            background: r.background.clone(),
            purpose: r.purpose.clone(),
            goals: self.goals.iter().map(|g| g.text.clone()).collect(),
            scope: r.scope.clone(),
            out_of_scope: r.out_of_scope.clone(),
            deliverables: r.deliverables.clone(),
            time_frame_start: r.time_frame_start,
            time_frame_end: r.time_frame_end,
            budget_frame_sek: r.budget_frame_sek,
            resources: r.resources.clone(),
            dependencies: r.dependencies.clone(),
            strategic: r.strategic,
            personal_data: r.personal_data,
            sensitive_personal_data: r.sensitive_personal_data,
            dpia_needed: r.dpia_needed,
            osl_confidentiality: r.osl_confidentiality,
            legal_notes: r.legal_notes.clone(),
        }
    }
}

/// A version as the list of versions shows it: who drafted it, and the decision on it if any.
#[derive(Debug, Clone)]
pub struct VersionEntry {
    pub row: DirectiveRow,
    pub created_by_name: String,
    pub decision: Option<DecisionRow>,
}

/// The goals of a version, in order.
pub fn goals(conn: &mut DbConnection, directive_id: i64) -> QueryResult<Vec<GoalRow>> {
    directive_goals::table
        .filter(directive_goals::directive_id.eq(directive_id))
        .order(directive_goals::position)
        .select(GoalRow::as_select())
        .load(conn)
}

fn with_goals(conn: &mut DbConnection, row: DirectiveRow) -> QueryResult<Directive> {
    let goals = goals(conn, row.id)?;
    Ok(Directive { row, goals })
}

/// The version `id` if it belongs to the project `project_id`.
pub fn find(conn: &mut DbConnection, project_id: i64, id: i64) -> QueryResult<Option<Directive>> {
    let row = find_row(conn, project_id, id)?;
    row.map(|row| with_goals(conn, row)).transpose()
}

/// Every version of a project's directives, of both kinds: project directives first, newest
/// first within a kind.
pub fn versions(conn: &mut DbConnection, project_id: i64) -> QueryResult<Vec<VersionEntry>> {
    let rows: Vec<(DirectiveRow, String, Option<DecisionRow>)> = directives::table
        .inner_join(users::table.on(users::id.eq(directives::created_by)))
        .left_join(decisions::table.on(directives::decision_id.eq(decisions::id.nullable())))
        .filter(directives::project_id.eq(project_id))
        .order((directives::kind.desc(), directives::version.desc()))
        .select((
            DirectiveRow::as_select(),
            users::display_name,
            Option::<DecisionRow>::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, created_by_name, decision)| VersionEntry {
            row,
            created_by_name,
            decision,
        })
        .collect())
}

/// The newest version of a kind, whatever its status.
pub fn newest(
    conn: &mut DbConnection,
    project_id: i64,
    kind: DirectiveKind,
) -> QueryResult<Option<DirectiveRow>> {
    newest_first(project_id)
        .filter(directives::kind.eq(kind.as_str()))
        .first(conn)
        .optional()
}

/// The newest approved version of a kind: the one in force.
pub fn newest_approved(
    conn: &mut DbConnection,
    project_id: i64,
    kind: DirectiveKind,
) -> QueryResult<Option<Directive>> {
    let row = newest_first(project_id)
        .filter(directives::kind.eq(kind.as_str()))
        .filter(directives::status.eq(Status::Approved.as_str()))
        .first(conn)
        .optional()?;
    row.map(|row| with_goals(conn, row)).transpose()
}

/// Whether a version of the kind is being drafted or decided (draft, submitted or returned).
pub fn has_open_version(
    conn: &mut DbConnection,
    project_id: i64,
    kind: DirectiveKind,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        directives::table
            .filter(directives::project_id.eq(project_id))
            .filter(directives::kind.eq(kind.as_str()))
            .filter(directives::status.ne(Status::Approved.as_str())),
    ))
    .get_result(conn)
}

/// Stores a new version (a draft, as the workflow starts every version) with its goals and
/// returns its id.
pub fn insert(
    conn: &mut DbConnection,
    project_id: i64,
    kind: DirectiveKind,
    version: i32,
    status: Status,
    content: &DirectiveContent,
    created_by: i64,
) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(directives::table)
        .values((
            directives::project_id.eq(project_id),
            directives::kind.eq(kind.as_str()),
            directives::version.eq(version),
            directives::status.eq(status.as_str()),
            directives::background.eq(&content.background),
            directives::purpose.eq(&content.purpose),
            directives::scope.eq(&content.scope),
            directives::out_of_scope.eq(&content.out_of_scope),
            directives::deliverables.eq(&content.deliverables),
            directives::time_frame_start.eq(content.time_frame_start),
            directives::time_frame_end.eq(content.time_frame_end),
            directives::budget_frame_sek.eq(content.budget_frame_sek),
            directives::resources.eq(&content.resources),
            directives::dependencies.eq(&content.dependencies),
            directives::strategic.eq(content.strategic),
            directives::personal_data.eq(content.personal_data),
            directives::sensitive_personal_data.eq(content.sensitive_personal_data),
            directives::dpia_needed.eq(content.dpia_needed),
            directives::osl_confidentiality.eq(content.osl_confidentiality),
            directives::legal_notes.eq(&content.legal_notes),
            directives::created_by.eq(created_by),
            directives::created_at.eq(at),
            directives::updated_at.eq(at),
        ))
        .execute(conn)?;
    let id = directives::table
        .filter(directives::project_id.eq(project_id))
        .filter(directives::kind.eq(kind.as_str()))
        .filter(directives::version.eq(version))
        .select(directives::id)
        .first(conn)?;
    save_goals(conn, id, &content.goals)?;
    Ok(id)
}

/// Drafts a version of a kind with `content` (version 1, or the next when revising): stores it
/// with its goals and writes its audit entry. Returns its id.
pub fn create(
    conn: &mut DbConnection,
    project_id: i64,
    kind: DirectiveKind,
    version: i32,
    content: &DirectiveContent,
    created_by: i64,
) -> QueryResult<i64> {
    let id = insert(
        conn,
        project_id,
        kind,
        version,
        Status::Draft,
        content,
        created_by,
    )?;
    let created = documents::VersionId { project_id, id };
    documents::record::<Directives>(conn, created, created_by, audit::Action::Create, None)?;
    Ok(id)
}

/// Replaces a draft's goals. Rows keep their ids where a position stays, so that nothing that
/// refers to a goal loses it only because another goal was edited.
fn save_goals(conn: &mut DbConnection, directive_id: i64, texts: &[String]) -> QueryResult<()> {
    let existing: HashMap<i32, GoalRow> = goals(conn, directive_id)?
        .into_iter()
        .map(|g| (g.position, g))
        .collect();
    for (i, text) in texts.iter().enumerate() {
        let position = i32::try_from(i + 1).unwrap_or(i32::MAX);
        match existing.get(&position) {
            Some(goal) if goal.text == *text => {}
            Some(goal) => {
                diesel::update(directive_goals::table.find(goal.id))
                    .set(directive_goals::text.eq(text))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(directive_goals::table)
                    .values((
                        directive_goals::directive_id.eq(directive_id),
                        directive_goals::position.eq(position),
                        directive_goals::text.eq(text),
                    ))
                    .execute(conn)?;
            }
        }
    }
    let kept = i32::try_from(texts.len()).unwrap_or(i32::MAX);
    diesel::delete(
        directive_goals::table
            .filter(directive_goals::directive_id.eq(directive_id))
            .filter(directive_goals::position.gt(kept)),
    )
    .execute(conn)?;
    Ok(())
}

/// Saves a draft's (or returned version's) content, and its status after the edit, if it is
/// still at `lock_version` and editable; `edited_by` saved it.
pub fn update_draft(
    conn: &mut DbConnection,
    id: i64,
    lock_version: i64,
    to: Status,
    content: &DirectiveContent,
    edited_by: i64,
) -> QueryResult<Saved> {
    let editable = [Status::Draft.as_str(), Status::Returned.as_str()];
    let rows = diesel::update(
        directives::table
            .find(id)
            .filter(directives::lock_version.eq(lock_version))
            .filter(directives::status.eq_any(editable)),
    )
    .set((
        directives::status.eq(to.as_str()),
        directives::background.eq(&content.background),
        directives::purpose.eq(&content.purpose),
        directives::scope.eq(&content.scope),
        directives::out_of_scope.eq(&content.out_of_scope),
        directives::deliverables.eq(&content.deliverables),
        directives::time_frame_start.eq(content.time_frame_start),
        directives::time_frame_end.eq(content.time_frame_end),
        directives::budget_frame_sek.eq(content.budget_frame_sek),
        directives::resources.eq(&content.resources),
        directives::dependencies.eq(&content.dependencies),
        directives::strategic.eq(content.strategic),
        directives::personal_data.eq(content.personal_data),
        directives::sensitive_personal_data.eq(content.sensitive_personal_data),
        directives::dpia_needed.eq(content.dpia_needed),
        directives::osl_confidentiality.eq(content.osl_confidentiality),
        directives::legal_notes.eq(&content.legal_notes),
        directives::lock_version.eq(lock_version + 1),
        directives::updated_at.eq(now()),
        directives::edited_by.eq(edited_by),
    ))
    .execute(conn)?;
    if rows != 1 {
        return Ok(Saved::Conflict);
    }
    save_goals(conn, id, &content.goals)?;
    Ok(Saved::Yes)
}

/// The body that decides a version with `content` by `authors`: the management group when it is
/// strategic or above the threshold, else the development manager; and, four eyes, the
/// management group when a development manager drafted or submits it.
pub fn deciding_body(
    conn: &mut DbConnection,
    content: &DirectiveContent,
    authors: &Authors,
) -> QueryResult<Body> {
    let threshold = settings::management_group_threshold(conn)?;
    Ok(document::deciding_body(
        approving_body(content, threshold),
        governance::author_facts(conn, authors, None)?,
    ))
}

/// Directives in the shared workflow (`db::documents`).
pub struct Directives;

impl documents::Kind for Directives {
    const TABLE: &'static str = "directives";
    const BODY_COLUMN: Option<&'static str> = Some("approving_body");
    const ENTITY: &'static str = "directive";
    const APPROVED: DecisionKind = DecisionKind::DirectiveApproved;
    const RETURNED: DecisionKind = DecisionKind::DirectiveReturned;
    type Audited = Directive;

    fn audited(
        conn: &mut DbConnection,
        project_id: i64,
        id: i64,
    ) -> QueryResult<Option<Directive>> {
        find(conn, project_id, id)
    }
}

/// The decision recorded on a version, with the name of who entered it.
pub fn decision(
    conn: &mut DbConnection,
    decision_id: i64,
) -> QueryResult<Option<(DecisionRow, String)>> {
    decisions::table
        .inner_join(users::table)
        .filter(decisions::id.eq(decision_id))
        .select((DecisionRow::as_select(), users::display_name))
        .first(conn)
        .optional()
}

/// The display name of a user, for "drafted by".
pub fn user_name(conn: &mut DbConnection, user_id: i64) -> QueryResult<String> {
    users::table
        .find(user_id)
        .select(users::display_name)
        .first(conn)
}

//! The decision log: every decision of every body, numbered per body and year. Rows are only ever
//! inserted; triggers in the schema refuse updates and deletes.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{decision_projects, decisions, users};
use super::{DbConnection, now};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::phase::Phase;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = decisions)]
pub struct DecisionRow {
    pub id: i64,
    pub body: String,
    pub numbering_key: String,
    pub year: i32,
    pub number: i32,
    pub decided_on: NaiveDate,
    pub kind: String,
    pub text: String,
    pub project_id: Option<i64>,
    pub phase_from: Option<String>,
    pub phase_to: Option<String>,
    pub recorded_by: i64,
    pub created_at: NaiveDateTime,
    pub meeting_id: Option<i64>,
    /// The person who formally decided (legacy rows: who entered it).
    pub decided_by: Option<i64>,
    pub delegated: bool,
    /// The item of the minutes it was taken under, if any.
    pub item_id: Option<i64>,
    pub registry_number: Option<String>,
    /// Marked confidential, for this reason: readers see the reason, not the text.
    pub confidential_reason: Option<String>,
    pub follow_up_by: Option<i64>,
    pub follow_up_on: Option<NaiveDate>,
    /// The decision this one corrects and replaces.
    pub supersedes: Option<i64>,
}

impl DecisionRow {
    /// How the decision is cited: "LG 2026:14".
    pub fn citation(&self) -> String {
        match self.body() {
            Some(body) => crate::domain::decision::citation(body, self.year, self.number),
            None => format!("{} {}:{}", self.body, self.year, self.number),
        }
    }

    pub fn is_confidential(&self) -> bool {
        self.confidential_reason.is_some()
    }

    pub fn body(&self) -> Option<Body> {
        Body::parse(&self.body)
    }

    pub fn kind(&self) -> Option<DecisionKind> {
        DecisionKind::parse(&self.kind)
    }

    pub fn phase_to(&self) -> Option<Phase> {
        self.phase_to.as_deref().and_then(|p| Phase::parse(p).ok())
    }

    pub fn phase_from(&self) -> Option<Phase> {
        self.phase_from
            .as_deref()
            .and_then(|p| Phase::parse(p).ok())
    }
}

/// A decision to record.
pub struct NewDecision<'a> {
    pub body: Body,
    pub project_id: Option<i64>,
    pub decided_on: NaiveDate,
    pub kind: DecisionKind,
    pub text: &'a str,
    pub phase_from: Option<Phase>,
    pub phase_to: Option<Phase>,
    pub recorded_by: i64,
    /// The steering group meeting the decision was taken at, if any (the record of issue 3).
    pub meeting_id: Option<i64>,
    /// What the decision log holds beyond the phase and approval decisions.
    pub extras: Extras<'a>,
}

/// The fields of a decision that the phase and approval workflows leave empty.
#[derive(Debug, Clone, Default)]
pub struct Extras<'a> {
    /// The person who formally decided; `None`: the one who entered it.
    pub decided_by: Option<i64>,
    /// Decided under delegation by a named official.
    pub delegated: bool,
    /// The item of the minutes it was taken under.
    pub item_id: Option<i64>,
    pub registry_number: Option<&'a str>,
    pub confidential_reason: Option<&'a str>,
    pub follow_up_by: Option<i64>,
    pub follow_up_on: Option<NaiveDate>,
    pub supersedes: Option<i64>,
    /// Further projects the decision concerns, beyond `project_id`.
    pub also_projects: &'a [i64],
}

/// Records a decision under the next number of its body and year. Call inside a transaction: the
/// unique index on (numbering key, year, number) refuses a number taken meanwhile.
pub fn insert(conn: &mut DbConnection, decision: &NewDecision) -> QueryResult<DecisionRow> {
    let numbering_key = decision.body.numbering_key(decision.project_id);
    let year = decision.decided_on.year();
    let highest: Option<i32> = decisions::table
        .filter(decisions::numbering_key.eq(&numbering_key))
        .filter(decisions::year.eq(year))
        .select(diesel::dsl::max(decisions::number))
        .first(conn)?;
    let number = highest.unwrap_or(0) + 1;
    diesel::insert_into(decisions::table)
        .values((
            decisions::body.eq(decision.body.as_str()),
            decisions::numbering_key.eq(&numbering_key),
            decisions::year.eq(year),
            decisions::number.eq(number),
            decisions::decided_on.eq(decision.decided_on),
            decisions::kind.eq(decision.kind.as_str()),
            decisions::text.eq(decision.text),
            decisions::project_id.eq(decision.project_id),
            decisions::phase_from.eq(decision.phase_from.map(Phase::as_str)),
            decisions::phase_to.eq(decision.phase_to.map(Phase::as_str)),
            decisions::recorded_by.eq(decision.recorded_by),
            decisions::created_at.eq(now()),
            decisions::meeting_id.eq(decision.meeting_id),
            decisions::decided_by.eq(decision.extras.decided_by.or(Some(decision.recorded_by))),
            decisions::delegated.eq(decision.extras.delegated),
            decisions::item_id.eq(decision.extras.item_id),
            decisions::registry_number.eq(decision.extras.registry_number),
            decisions::confidential_reason.eq(decision.extras.confidential_reason),
            decisions::follow_up_by.eq(decision.extras.follow_up_by),
            decisions::follow_up_on.eq(decision.extras.follow_up_on),
            decisions::supersedes.eq(decision.extras.supersedes),
        ))
        .execute(conn)?;
    let row: DecisionRow = decisions::table
        .filter(decisions::numbering_key.eq(&numbering_key))
        .filter(decisions::year.eq(year))
        .filter(decisions::number.eq(number))
        .select(DecisionRow::as_select())
        .first(conn)?;
    // One statement per project: batch inserts are not available through the MultiConnection.
    for project in decision.extras.also_projects {
        if Some(*project) != decision.project_id {
            diesel::insert_into(decision_projects::table)
                .values((
                    decision_projects::decision_id.eq(row.id),
                    decision_projects::project_id.eq(*project),
                ))
                .execute(conn)?;
        }
    }
    Ok(row)
}

/// A project's decisions, oldest first, with the name of who recorded each.
pub fn for_project(
    conn: &mut DbConnection,
    project_id: i64,
) -> QueryResult<Vec<(DecisionRow, String)>> {
    decisions::table
        .inner_join(users::table)
        .filter(decisions::project_id.eq(project_id))
        .order((decisions::decided_on, decisions::id))
        .select((DecisionRow::as_select(), users::display_name))
        .load(conn)
}

/// The newest phase decision of a project: which body decided its current phase, and when.
pub fn latest_phase_change(
    conn: &mut DbConnection,
    project_id: i64,
) -> QueryResult<Option<DecisionRow>> {
    decisions::table
        .filter(decisions::project_id.eq(project_id))
        .filter(decisions::kind.eq(DecisionKind::PhaseChange.as_str()))
        .order((decisions::decided_on.desc(), decisions::id.desc()))
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()
}

/// Records a decision and its entry in the audit trail, in the caller's transaction: every
/// decision anywhere in the app goes through here, the demo's included.
pub fn record(conn: &mut DbConnection, decision: &NewDecision) -> QueryResult<DecisionRow> {
    let row = insert(conn, decision)?;
    super::audit::record(
        conn,
        &super::audit::Change::<(), _> {
            user_id: Some(decision.recorded_by),
            action: super::audit::Action::Create,
            entity: "decision",
            entity_id: row.id,
            project_id: decision.project_id,
            before: None,
            after: Some(&row),
        },
    )?;
    Ok(row)
}

/// The people who may formally decide for `body` (for a steering group, the one of `project_id`):
/// the management group's active members, the active development managers, or the steering
/// group's members. Who decided must be one of them (`domain::decision::check_decided_by`).
pub fn members_of(
    conn: &mut DbConnection,
    body: Body,
    project_id: Option<i64>,
) -> QueryResult<Vec<super::users::Person>> {
    use super::schema::steering_group_members;
    use crate::domain::role::Role;
    let by_role = |conn: &mut DbConnection, role: Role| {
        users::table
            .filter(users::role.eq(role.as_str()))
            .filter(users::active.eq(true))
            .order((users::display_name, users::id))
            .select((users::id, users::display_name))
            .load(conn)
    };
    match (body, project_id) {
        (Body::ManagementGroup, _) => by_role(conn, Role::ManagementGroup),
        (Body::DevelopmentManager, _) => by_role(conn, Role::DevelopmentManager),
        (Body::SteeringGroup, Some(project_id)) => steering_group_members::table
            .inner_join(users::table)
            .filter(steering_group_members::project_id.eq(project_id))
            .order((users::display_name, users::id))
            .select((users::id, users::display_name))
            .load(conn),
        (Body::SteeringGroup, None) => Ok(Vec::new()),
    }
}

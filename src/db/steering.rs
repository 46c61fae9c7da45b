//! Queries on the local steering groups.

use diesel::prelude::*;
use serde::Serialize;

use super::schema::{steering_group_members, users};
use super::{DbConnection, audit, now};
use crate::domain::steering::SteeringRole;

/// A member as pages show it.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Member {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub display_name: String,
}

impl Member {
    pub fn role(&self) -> SteeringRole {
        SteeringRole::parse(&self.role).unwrap_or(SteeringRole::Member)
    }
}

/// The members of a project's steering group: the chair first, then by name.
pub fn members(conn: &mut DbConnection, project_id: i64) -> QueryResult<Vec<Member>> {
    let mut members: Vec<Member> = steering_group_members::table
        .inner_join(users::table)
        .filter(steering_group_members::project_id.eq(project_id))
        .order(users::display_name)
        .select((
            steering_group_members::id,
            steering_group_members::user_id,
            steering_group_members::role,
            users::display_name,
        ))
        .load(conn)?;
    members.sort_by_key(|m| m.role().order());
    Ok(members)
}

/// The user's role in the project's steering group, if a member.
pub fn role_of(
    conn: &mut DbConnection,
    project_id: i64,
    user_id: i64,
) -> QueryResult<Option<SteeringRole>> {
    let role: Option<String> = steering_group_members::table
        .filter(steering_group_members::project_id.eq(project_id))
        .filter(steering_group_members::user_id.eq(user_id))
        .select(steering_group_members::role)
        .first(conn)
        .optional()?;
    Ok(role.and_then(|r| SteeringRole::parse(&r).ok()))
}

pub fn add(
    conn: &mut DbConnection,
    project_id: i64,
    user_id: i64,
    role: SteeringRole,
) -> QueryResult<i64> {
    diesel::insert_into(steering_group_members::table)
        .values((
            steering_group_members::project_id.eq(project_id),
            steering_group_members::user_id.eq(user_id),
            steering_group_members::role.eq(role.as_str()),
            steering_group_members::created_at.eq(now()),
        ))
        .execute(conn)?;
    steering_group_members::table
        .filter(steering_group_members::project_id.eq(project_id))
        .filter(steering_group_members::user_id.eq(user_id))
        .select(steering_group_members::id)
        .first(conn)
}

/// Adds a member to a project's steering group as `added_by` did, with its audit entry. Returns
/// the member's id.
pub fn join(
    conn: &mut DbConnection,
    project_id: i64,
    user_id: i64,
    role: SteeringRole,
    added_by: i64,
) -> QueryResult<i64> {
    let member_id = add(conn, project_id, user_id, role)?;
    let added = find(conn, project_id, member_id)?;
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(added_by),
            action: audit::Action::Add,
            entity: "steering_member",
            entity_id: member_id,
            project_id: Some(project_id),
            before: None,
            after: added.as_ref(),
        },
    )?;
    Ok(member_id)
}

pub fn find(
    conn: &mut DbConnection,
    project_id: i64,
    member_id: i64,
) -> QueryResult<Option<Member>> {
    steering_group_members::table
        .inner_join(users::table)
        .filter(steering_group_members::project_id.eq(project_id))
        .filter(steering_group_members::id.eq(member_id))
        .select((
            steering_group_members::id,
            steering_group_members::user_id,
            steering_group_members::role,
            users::display_name,
        ))
        .first(conn)
        .optional()
}

pub fn remove(conn: &mut DbConnection, member_id: i64) -> QueryResult<usize> {
    diesel::delete(steering_group_members::table.find(member_id)).execute(conn)
}

/// A meeting as the steering group page lists it.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub held_on: chrono::NaiveDate,
    pub attendees: String,
    pub notes: String,
    pub recorded_by: String,
}

/// The project's meetings, newest first.
pub fn meetings(conn: &mut DbConnection, project_id: i64) -> QueryResult<Vec<Meeting>> {
    use super::schema::steering_meetings as m;
    m::table
        .inner_join(users::table)
        .filter(m::project_id.eq(project_id))
        .order((m::held_on.desc(), m::id.desc()))
        .select((
            m::id,
            m::held_on,
            m::attendees,
            m::notes,
            users::display_name,
        ))
        .load(conn)
}

/// Records a meeting and returns its id.
pub fn insert_meeting(
    conn: &mut DbConnection,
    project_id: i64,
    meeting: &crate::domain::steering::MeetingInput,
    recorded_by: i64,
) -> QueryResult<i64> {
    use super::schema::steering_meetings as m;
    let at = now();
    diesel::insert_into(m::table)
        .values((
            m::project_id.eq(project_id),
            m::held_on.eq(meeting.held_on),
            m::attendees.eq(&meeting.attendees),
            m::notes.eq(&meeting.notes),
            m::recorded_by.eq(recorded_by),
            m::created_at.eq(at),
        ))
        .execute(conn)?;
    m::table
        .filter(m::project_id.eq(project_id))
        .order(m::id.desc())
        .select(m::id)
        .first(conn)
}

//! Queries on users.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::{DbConnection, now};
use crate::domain::lang::Lang;
use crate::domain::role::Role;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub active: bool,
    pub language: Option<String>,
    pub session_generation: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl UserRow {
    /// The role; an unknown stored role (a later version's) reads as the least privileged.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Reader)
    }

    pub fn language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::parse)
    }
}

/// An active user, for choosing people in forms.
#[derive(Debug, Clone, Queryable)]
pub struct Person {
    pub id: i64,
    pub display_name: String,
}

pub struct NewUserRow<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

pub fn insert(conn: &mut DbConnection, user: &NewUserRow) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(users::table)
        .values((
            users::username.eq(user.username),
            users::display_name.eq(user.display_name),
            users::role.eq(user.role.as_str()),
            users::password_hash.eq(user.password_hash),
            users::must_change_password.eq(user.must_change_password),
            users::created_at.eq(at),
            users::updated_at.eq(at),
        ))
        .execute(conn)?;
    users::table
        .filter(users::username.eq(user.username))
        .select(users::id)
        .first(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn username_taken(conn: &mut DbConnection, username: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::username.eq(username)),
    ))
    .get_result(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn count_active_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq(Role::Administrator.as_str()))
        .count()
        .get_result(conn)
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order(users::username)
        .select(UserRow::as_select())
        .load(conn)
}

/// Active users by name, for the people fields of forms.
pub fn people(conn: &mut DbConnection) -> QueryResult<Vec<Person>> {
    users::table
        .filter(users::active.eq(true))
        .order(users::display_name)
        .select((users::id, users::display_name))
        .load(conn)
}

/// Changes name, role and active state. Losing the role or access ends the user's sessions.
pub fn update_account(
    conn: &mut DbConnection,
    id: i64,
    display_name: &str,
    role: Role,
    active: bool,
) -> QueryResult<()> {
    let before = find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    let access_changed = before.role() != role || before.active != active;
    diesel::update(users::table.find(id))
        .set((
            users::display_name.eq(display_name),
            users::role.eq(role.as_str()),
            users::active.eq(active),
            users::session_generation.eq(users::session_generation + i64::from(access_changed)),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets a new password hash and ends every session of the user issued before.
pub fn set_password(
    conn: &mut DbConnection,
    id: i64,
    password_hash: &str,
    must_change_password: bool,
) -> QueryResult<i64> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(must_change_password),
            users::session_generation.eq(users::session_generation + 1),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    users::table
        .find(id)
        .select(users::session_generation)
        .first(conn)
}

pub fn set_language(conn: &mut DbConnection, id: i64, lang: Lang) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::language.eq(lang.code()), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// A user as the audit trail records it: never the password hash.
#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct UserSnapshot {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub active: bool,
    pub must_change_password: bool,
    pub language: Option<String>,
    pub session_generation: i64,
}

pub fn snapshot(conn: &mut DbConnection, id: i64) -> QueryResult<Option<UserSnapshot>> {
    users::table
        .find(id)
        .select((
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::active,
            users::must_change_password,
            users::language,
            users::session_generation,
        ))
        .first(conn)
        .optional()
}

/// Records a change to user `id` by `actor`, with the snapshot from before it.
pub fn audit_change(
    conn: &mut DbConnection,
    actor: i64,
    id: i64,
    before: Option<&UserSnapshot>,
) -> QueryResult<()> {
    let after = snapshot(conn, id)?;
    super::audit::record(
        conn,
        &super::audit::Change {
            user_id: Some(actor),
            action: if before.is_some() {
                super::audit::Action::Update
            } else {
                super::audit::Action::Create
            },
            entity: "user",
            entity_id: id,
            project_id: None,
            before,
            after: after.as_ref(),
        },
    )
}

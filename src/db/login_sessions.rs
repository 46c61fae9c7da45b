//! Logins: one row per logged-in browser, found by the token its session cookie carries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::login_sessions;
use crate::domain::session::SessionLifetimes;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = login_sessions)]
pub struct LoginSessionRow {
    pub id: String,
    pub user_id: i64,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

/// Records a new login under `token`, and forgets the logins that have run out meanwhile.
pub fn start(
    conn: &mut DbConnection,
    token: &str,
    user_id: i64,
    lifetimes: &SessionLifetimes,
    now: NaiveDateTime,
) -> QueryResult<()> {
    end_expired(conn, lifetimes, now)?;
    diesel::insert_into(login_sessions::table)
        .values((
            login_sessions::id.eq(token),
            login_sessions::user_id.eq(user_id),
            login_sessions::created_at.eq(now),
            login_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, token: &str) -> QueryResult<Option<LoginSessionRow>> {
    login_sessions::table
        .find(token)
        .select(LoginSessionRow::as_select())
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConnection, token: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(login_sessions::table.find(token))
        .set(login_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Ends one login: its cookie, wherever a copy of it is, no longer logs anybody in.
pub fn end(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    diesel::delete(login_sessions::table.find(token)).execute(conn)?;
    Ok(())
}

/// Ends every login of a user, for when their password or access changes.
pub fn end_all_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    diesel::delete(login_sessions::table.filter(login_sessions::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// Forgets the logins that have run out.
pub fn end_expired(
    conn: &mut DbConnection,
    lifetimes: &SessionLifetimes,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        login_sessions::table.filter(
            login_sessions::last_seen_at
                .lt(lifetimes.idle_cutoff(now))
                .or(login_sessions::created_at.lt(lifetimes.absolute_cutoff(now))),
        ),
    )
    .execute(conn)
}

/// How many logins are held, for tests.
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    login_sessions::table.count().get_result(conn)
}

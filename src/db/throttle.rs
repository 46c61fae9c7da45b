//! The login throttle's counts (`auth::throttle`), kept in the database so that every instance of
//! Styr counts the same attempts. Call inside `Db::write`: the writer's turn makes reading a key
//! and writing it back one step on every instance.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::throttle_keys;
use crate::auth::throttle::{
    LOGINS_PER_ADDRESS, LOGINS_PER_USERNAME, PASSWORD_CHECKS_PER_USER, Rate, admit, login_keys,
    password_key,
};

/// Counts one attempt for `key` at `now`; whether it is admitted.
pub fn attempt(
    conn: &mut DbConnection,
    key: &str,
    rate: Rate,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let refilled_at: Option<NaiveDateTime> = throttle_keys::table
        .find(key)
        .select(throttle_keys::refilled_at)
        .first(conn)
        .optional()?;
    let Some(next) = admit(refilled_at, now, rate) else {
        return Ok(false);
    };
    let updated = diesel::update(throttle_keys::table.find(key))
        .set(throttle_keys::refilled_at.eq(next))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(throttle_keys::table)
            .values((
                throttle_keys::key.eq(key),
                throttle_keys::refilled_at.eq(next),
            ))
            .execute(conn)?;
    }
    Ok(true)
}

/// Counts a login attempt for `username` from `address`; whether it is admitted. An address that
/// is refused counts no username, so one client cannot fill the table with usernames. Keys whose
/// quota has refilled are deleted first: they count as no attempt at all.
pub fn attempt_login(
    conn: &mut DbConnection,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::delete(throttle_keys::table.filter(throttle_keys::refilled_at.le(now)))
        .execute(conn)?;
    let (address_key, username_key) = login_keys(username, address);
    Ok(attempt(conn, &address_key, LOGINS_PER_ADDRESS, now)?
        && attempt(conn, &username_key, LOGINS_PER_USERNAME, now)?)
}

/// Counts a check of a logged-in user's current password; whether it is admitted.
pub fn attempt_password_check(
    conn: &mut DbConnection,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    attempt(conn, &password_key(user_id), PASSWORD_CHECKS_PER_USER, now)
}

/// How many usernames the login limit holds, for tests and monitoring.
pub fn usernames_held(conn: &mut DbConnection) -> QueryResult<i64> {
    throttle_keys::table
        .filter(throttle_keys::key.like("username:%"))
        .count()
        .get_result(conn)
}

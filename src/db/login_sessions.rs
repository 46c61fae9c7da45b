//! Logins: one row per logged-in browser, found by the token its session cookie carries. The
//! row keeps the token's SHA-256, never the token: a copy of the database (a backup, a dump)
//! holds nothing a cookie could be made from. Every function here takes the token itself.

use base64::Engine;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::DbConnection;
use super::schema::login_sessions;
use crate::domain::session::SessionLifetimes;

/// What a login's row is found by: the SHA-256 of its token, base64url. The token is 32 random
/// bytes, so a plain hash suffices; no salt or slow hash is needed against guessing.
fn key_of(token: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = login_sessions)]
pub struct LoginSessionRow {
    /// The token's key (`key_of`), not the token.
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
            login_sessions::id.eq(key_of(token)),
            login_sessions::user_id.eq(user_id),
            login_sessions::created_at.eq(now),
            login_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, token: &str) -> QueryResult<Option<LoginSessionRow>> {
    login_sessions::table
        .find(key_of(token))
        .select(LoginSessionRow::as_select())
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConnection, token: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(login_sessions::table.find(key_of(token)))
        .set(login_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Ends one login: its cookie, wherever a copy of it is, no longer logs anybody in.
pub fn end(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    diesel::delete(login_sessions::table.find(key_of(token))).execute(conn)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_kept_under_its_tokens_hash_not_the_token() {
        let token = "Zx3q5mV0c2Vzc2lvbi10b2tlbi1mb3ItYS10ZXN0LW9ubHk";
        let key = key_of(token);
        assert_ne!(key, token);
        assert!(!key.contains(token));
        assert_eq!(key, key_of(token), "the same token finds the same row");
        assert_ne!(key, key_of("another token"));
        // SHA-256 of "abc", base64url without padding.
        assert_eq!(key_of("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }
}

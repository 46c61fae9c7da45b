//! Settings the administrator keeps.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::settings;

const THRESHOLD: &str = "management_group_threshold_sek";
/// The threshold when none is stored, as the governance model's default.
pub const DEFAULT_THRESHOLD_SEK: i64 = 1_000_000;

/// Above this budget frame (SEK), the management group approves a directive.
pub fn management_group_threshold(conn: &mut DbConnection) -> QueryResult<i64> {
    let value: Option<String> = settings::table
        .find(THRESHOLD)
        .select(settings::value)
        .first(conn)
        .optional()?;
    Ok(value
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_THRESHOLD_SEK))
}

pub fn set_management_group_threshold(conn: &mut DbConnection, amount_sek: i64) -> QueryResult<()> {
    // Update, or insert if missing: portable where `REPLACE INTO` and `ON CONFLICT` are not.
    let value = amount_sek.to_string();
    let updated = diesel::update(settings::table.find(THRESHOLD))
        .set(settings::value.eq(&value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((settings::key.eq(THRESHOLD), settings::value.eq(&value)))
            .execute(conn)?;
    }
    Ok(())
}

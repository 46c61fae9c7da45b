//! Settings the administrator keeps.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::settings;
use crate::domain::session::SessionLifetimes;
use crate::domain::settings::Reporting;

const THRESHOLD: &str = "management_group_threshold_sek";
const SESSION_IDLE_HOURS: &str = "session_idle_hours";
const SESSION_ABSOLUTE_DAYS: &str = "session_absolute_days";
const REPORT_DUE_DAY: &str = "report_due_day";
const ROLLUP_DEVIATION_PERCENT: &str = "rollup_deviation_percent";
/// The threshold when none is stored, as the governance model's default.
pub const DEFAULT_THRESHOLD_SEK: i64 = 1_000_000;

/// A whole number stored under `key`, if one is.
fn number(conn: &mut DbConnection, key: &str) -> QueryResult<Option<i64>> {
    let value: Option<String> = settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

fn set_number(conn: &mut DbConnection, key: &str, number: i64) -> QueryResult<()> {
    // Update, or insert if missing: portable where `REPLACE INTO` and `ON CONFLICT` are not.
    let value = number.to_string();
    let updated = diesel::update(settings::table.find(key))
        .set(settings::value.eq(&value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((settings::key.eq(key), settings::value.eq(&value)))
            .execute(conn)?;
    }
    Ok(())
}

/// Above this budget frame (SEK), the management group approves a directive.
pub fn management_group_threshold(conn: &mut DbConnection) -> QueryResult<i64> {
    Ok(number(conn, THRESHOLD)?.unwrap_or(DEFAULT_THRESHOLD_SEK))
}

pub fn set_management_group_threshold(conn: &mut DbConnection, amount_sek: i64) -> QueryResult<()> {
    set_number(conn, THRESHOLD, amount_sek)
}

/// How long a login lasts; the defaults when none are stored.
pub fn session_lifetimes(conn: &mut DbConnection) -> QueryResult<SessionLifetimes> {
    let defaults = SessionLifetimes::default();
    Ok(SessionLifetimes {
        idle_hours: number(conn, SESSION_IDLE_HOURS)?.unwrap_or(defaults.idle_hours),
        absolute_days: number(conn, SESSION_ABSOLUTE_DAYS)?.unwrap_or(defaults.absolute_days),
    })
}

pub fn set_session_lifetimes(
    conn: &mut DbConnection,
    lifetimes: &SessionLifetimes,
) -> QueryResult<()> {
    set_number(conn, SESSION_IDLE_HOURS, lifetimes.idle_hours)?;
    set_number(conn, SESSION_ABSOLUTE_DAYS, lifetimes.absolute_days)
}

/// How status reports are followed up: the day of the following month a period's report is due,
/// and the budget deviation (percent) above which the roll-up lists a project.
pub fn reporting(conn: &mut DbConnection) -> QueryResult<Reporting> {
    let defaults = Reporting::default();
    Ok(Reporting {
        due_day: number(conn, REPORT_DUE_DAY)?
            .and_then(|day| u32::try_from(day).ok())
            .unwrap_or(defaults.due_day),
        deviation_percent: number(conn, ROLLUP_DEVIATION_PERCENT)?
            .unwrap_or(defaults.deviation_percent),
    })
}

pub fn set_reporting(conn: &mut DbConnection, reporting: &Reporting) -> QueryResult<()> {
    set_number(conn, REPORT_DUE_DAY, i64::from(reporting.due_day))?;
    set_number(conn, ROLLUP_DEVIATION_PERCENT, reporting.deviation_percent)
}

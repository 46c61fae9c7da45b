//! How long a login lasts: an idle and an absolute lifetime, which the administrator sets and the
//! server enforces on every request (a browser's cookie expiry alone proves nothing).

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::validation::FieldErrors;

/// The lifetimes of a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SessionLifetimes {
    /// A login not used for this many hours ends.
    pub idle_hours: i64,
    /// A login ends this many days after it began, used or not.
    pub absolute_days: i64,
}

impl Default for SessionLifetimes {
    /// Eight hours idle (a working day), seven days in all.
    fn default() -> Self {
        SessionLifetimes {
            idle_hours: 8,
            absolute_days: 7,
        }
    }
}

pub const IDLE_HOURS_MAX: i64 = 24;
pub const ABSOLUTE_DAYS_MAX: i64 = 90;

/// Why a login ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    Idle,
    Absolute,
}

impl SessionLifetimes {
    /// Whether a login that began at `created_at` and was last used at `last_seen_at` still
    /// holds at `now`.
    pub fn check(
        &self,
        created_at: NaiveDateTime,
        last_seen_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<(), SessionEnd> {
        if now - created_at >= Duration::days(self.absolute_days) {
            Err(SessionEnd::Absolute)
        } else if now - last_seen_at >= Duration::hours(self.idle_hours) {
            Err(SessionEnd::Idle)
        } else {
            Ok(())
        }
    }

    /// The oldest last use of a login that still holds at `now`.
    pub fn idle_cutoff(&self, now: NaiveDateTime) -> NaiveDateTime {
        now - Duration::hours(self.idle_hours)
    }

    /// The oldest start of a login that still holds at `now`.
    pub fn absolute_cutoff(&self, now: NaiveDateTime) -> NaiveDateTime {
        now - Duration::days(self.absolute_days)
    }
}

/// Whether the last use of a login is old enough to be written again. Once a minute is exact
/// enough for lifetimes counted in hours, and spares a write on every page.
pub fn needs_touch(last_seen_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - last_seen_at >= Duration::minutes(1)
}

/// The lifetimes as the administrator types them: whole hours and whole days.
pub fn parse_lifetimes(
    idle_hours: &str,
    absolute_days: &str,
) -> Result<SessionLifetimes, FieldErrors> {
    let mut errors = FieldErrors::new();
    let idle = errors.check(
        "session_idle_hours",
        whole_number(idle_hours, IDLE_HOURS_MAX, "error-session-idle-range"),
    );
    let absolute = errors.check(
        "session_absolute_days",
        whole_number(
            absolute_days,
            ABSOLUTE_DAYS_MAX,
            "error-session-absolute-range",
        ),
    );
    errors.into_result(|| SessionLifetimes {
        idle_hours: idle.unwrap_or_default(),
        absolute_days: absolute.unwrap_or_default(),
    })
}

fn whole_number(raw: &str, max: i64, out_of_range: &'static str) -> Result<i64, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("error-required");
    }
    let number: i64 = raw.parse().map_err(|_| "error-whole-number")?;
    if (1..=max).contains(&number) {
        Ok(number)
    } else {
        Err(out_of_range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a time")
            + Duration::hours(hours)
    }

    #[test]
    fn a_login_ends_when_idle_too_long_or_open_too_long() {
        let lifetimes = SessionLifetimes::default();
        assert_eq!(lifetimes.check(at(0), at(0), at(7)), Ok(()));
        assert_eq!(lifetimes.check(at(0), at(0), at(8)), Err(SessionEnd::Idle));
        // Used every few hours, it still ends after seven days.
        assert_eq!(lifetimes.check(at(0), at(167), at(167)), Ok(()));
        assert_eq!(
            lifetimes.check(at(0), at(167), at(168)),
            Err(SessionEnd::Absolute)
        );
        let short = SessionLifetimes {
            idle_hours: 1,
            absolute_days: 1,
        };
        assert_eq!(short.check(at(0), at(0), at(1)), Err(SessionEnd::Idle));
        assert_eq!(short.idle_cutoff(at(5)), at(4));
        assert_eq!(short.absolute_cutoff(at(48)), at(24));
    }

    #[test]
    fn the_last_use_is_written_once_a_minute() {
        let start = at(0);
        assert!(!needs_touch(start, start + Duration::seconds(59)));
        assert!(needs_touch(start, start + Duration::seconds(60)));
    }

    #[test]
    fn lifetimes_are_whole_hours_and_days_within_bounds() {
        assert_eq!(
            parse_lifetimes(" 4 ", "30"),
            Ok(SessionLifetimes {
                idle_hours: 4,
                absolute_days: 30
            })
        );
        let errors = parse_lifetimes("0", "").expect_err("refused");
        assert_eq!(
            errors.get("session_idle_hours"),
            Some("error-session-idle-range")
        );
        assert_eq!(errors.get("session_absolute_days"), Some("error-required"));
        let errors = parse_lifetimes("25", "91").expect_err("refused");
        assert_eq!(
            errors.get("session_idle_hours"),
            Some("error-session-idle-range")
        );
        assert_eq!(
            errors.get("session_absolute_days"),
            Some("error-session-absolute-range")
        );
        let errors = parse_lifetimes("1.5", "sju").expect_err("refused");
        assert_eq!(errors.get("session_idle_hours"), Some("error-whole-number"));
        assert_eq!(
            errors.get("session_absolute_days"),
            Some("error-whole-number")
        );
    }
}

//! Settings the administrator keeps, parsed.

use super::validation::{optional_amount_sek, whole_in};

/// How status reports are followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Reporting {
    /// The day of the following month a period's report is due (1–28, so every month has it).
    pub due_day: u32,
    /// The budget deviation, in percent either way, above which the roll-up lists a project.
    pub deviation_percent: i64,
}

impl Default for Reporting {
    fn default() -> Self {
        Reporting {
            due_day: 5,
            deviation_percent: 10,
        }
    }
}

pub const DUE_DAY_MAX: u32 = 28;
pub const DEVIATION_PERCENT_MAX: i64 = 1_000;

/// The reporting settings as the administrator types them (`report_due_day`,
/// `rollup_deviation_percent`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReportingForm {
    pub report_due_day: String,
    pub rollup_deviation_percent: String,
}

pub fn parse_reporting(form: &ReportingForm) -> Result<Reporting, super::validation::FieldErrors> {
    let mut errors = super::validation::FieldErrors::new();
    let due_day = errors.check(
        "report_due_day",
        whole_in(
            &form.report_due_day,
            1..=i64::from(DUE_DAY_MAX),
            "error-due-day-range",
        ),
    );
    let deviation = errors.check(
        "rollup_deviation_percent",
        whole_in(
            &form.rollup_deviation_percent,
            0..=DEVIATION_PERCENT_MAX,
            "error-deviation-range",
        ),
    );
    errors.into_result(|| Reporting {
        due_day: due_day.and_then(|d| u32::try_from(d).ok()).unwrap_or(1),
        deviation_percent: deviation.unwrap_or(0),
    })
}

/// The budget frame above which the management group approves a directive: whole kronor, required.
pub fn parse_threshold(raw: &str) -> Result<i64, &'static str> {
    optional_amount_sek(raw)?.ok_or("error-required")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_settings_are_whole_numbers_in_range() {
        let form = |day: &str, percent: &str| ReportingForm {
            report_due_day: day.into(),
            rollup_deviation_percent: percent.into(),
        };
        assert_eq!(
            parse_reporting(&form("5", "10")),
            Ok(Reporting {
                due_day: 5,
                deviation_percent: 10
            })
        );
        assert_eq!(
            parse_reporting(&form(" 28 ", "0")).map(|r| r.due_day),
            Ok(28)
        );
        for (day, percent, field, key) in [
            ("0", "10", "report_due_day", "error-due-day-range"),
            ("29", "10", "report_due_day", "error-due-day-range"),
            ("femte", "10", "report_due_day", "error-whole-number"),
            ("", "10", "report_due_day", "error-required"),
            (
                "5",
                "-1",
                "rollup_deviation_percent",
                "error-deviation-range",
            ),
            (
                "5",
                "1001",
                "rollup_deviation_percent",
                "error-deviation-range",
            ),
        ] {
            let errors = parse_reporting(&form(day, percent)).expect_err(day);
            assert_eq!(errors.get(field), Some(key), "{day} {percent}");
        }
    }

    #[test]
    fn the_threshold_is_a_whole_amount() {
        assert_eq!(parse_threshold("1 500 000"), Ok(1_500_000));
        assert_eq!(parse_threshold("0"), Ok(0));
        assert_eq!(parse_threshold(""), Err("error-required"));
        assert_eq!(parse_threshold("-1"), Err("error-negative-amount"));
        assert_eq!(parse_threshold("en miljon"), Err("error-amount"));
    }
}

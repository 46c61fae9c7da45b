//! The monthly budget follow-up (månadsuppföljning): per month and per board or unit, the annual
//! budget and the forecast surplus (+) or deficit (−) in kronor, with a comment. Parsing what a user
//! records, and the numbers of the chart of the forecast through the year.
//!
//! Pure: no HTTP, no SQL.

use chrono::NaiveDate;

use super::status_report::Period;
use super::validation::{FieldErrors, optional_amount_sek, optional_id, optional_text};

/// The longest comment on a month's follow-up.
pub const COMMENT_MAX: usize = 2_000;

/// Whose follow-up it is: one board (nämnd) or one unit (enhet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Board(i64),
    Unit(i64),
}

/// The form as posted (`POST /follow-up`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub period: String,
    pub unit: String,
    pub board: String,
    pub budget: String,
    pub forecast_deviation: String,
    pub comment: String,
}

/// A month's follow-up of one board or unit, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpInput {
    pub period: Period,
    pub target: Target,
    /// The annual budget, whole kronor, not negative.
    pub budget: i64,
    /// The forecast surplus (+) or deficit (−) at the year's end, whole kronor.
    pub forecast_deviation: i64,
    pub comment: String,
}

/// A required whole amount of kronor that may be negative: a deficit is written "-250 000" or
/// with the minus sign "−250 000", a surplus with or without "+". Otherwise as every amount of
/// Styr (spaces as thousand separators, "kr" after it).
pub fn signed_amount_sek(raw: &str) -> Result<i64, &'static str> {
    let trimmed = raw.trim();
    let (negative, rest) = if let Some(rest) = trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('−'))
    {
        (true, rest)
    } else {
        (false, trimmed.strip_prefix('+').unwrap_or(trimmed))
    };
    if rest.trim_start().starts_with(['-', '−', '+']) {
        return Err("error-amount");
    }
    match optional_amount_sek(rest)? {
        None if trimmed.is_empty() => Err("error-required"),
        None => Err("error-amount"),
        Some(amount) if negative => Ok(-amount),
        Some(amount) => Ok(amount),
    }
}

/// A required whole amount of kronor, not negative.
fn budget_sek(raw: &str) -> Result<i64, &'static str> {
    optional_amount_sek(raw)?.ok_or("error-required")
}

/// The month: `YYYY-MM`, not after the month of `today` (a follow-up looks back).
fn period(raw: &str, today: NaiveDate) -> Result<Period, &'static str> {
    let period = Period::parse(raw)?;
    if period > Period::of(today) {
        Err("error-period-future")
    } else {
        Ok(period)
    }
}

/// Exactly one of a unit and a board. The error goes beside the unit, the first of the two.
fn target(unit: &str, board: &str) -> Result<Target, &'static str> {
    match (optional_id(unit)?, optional_id(board)?) {
        (Some(unit), None) => Ok(Target::Unit(unit)),
        (None, Some(board)) => Ok(Target::Board(board)),
        (Some(_), Some(_)) => Err("error-follow-up-both"),
        (None, None) => Err("error-follow-up-neither"),
    }
}

/// Checks a posted follow-up; every error beside its field. Whether the unit or board exists is
/// for the caller, who has the database, to check (and refuse beside `unit` or `board`).
pub fn parse(form: &FollowUpForm, today: NaiveDate) -> Result<FollowUpInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let period = errors.check("period", period(&form.period, today));
    let target = match target(&form.unit, &form.board) {
        Ok(target) => Some(target),
        // An id that is no id is wrong where it was typed; a wrong combination beside the unit.
        Err("error-unknown-choice") if optional_id(&form.unit).is_ok() => {
            errors.add("board", "error-unknown-choice");
            None
        }
        Err(key) => {
            errors.add("unit", key);
            None
        }
    };
    let budget = errors.check("budget", budget_sek(&form.budget));
    let deviation = errors.check(
        "forecast_deviation",
        signed_amount_sek(&form.forecast_deviation),
    );
    let comment = errors.check("comment", optional_text(&form.comment, COMMENT_MAX));
    match (period, target, budget, deviation, comment) {
        (Some(period), Some(target), Some(budget), Some(forecast_deviation), Some(comment))
            if errors.is_empty() =>
        {
            Ok(FollowUpInput {
                period,
                target,
                budget,
                forecast_deviation,
                comment,
            })
        }
        _ => Err(errors),
    }
}

/// The year a page shows: the one asked for when it is a year, else `default`.
pub fn year_or(raw: &str, default: i32) -> i32 {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|year| (1900..=9999).contains(year))
        .unwrap_or(default)
}

/// The forecast deviation of each month of a year, January first; `None` for a month not followed up.
pub type Months = [Option<i64>; 12];

/// One line of the chart per key (a board or unit): its forecast deviation month by month through
/// `year`, from `(key, period, deviation)`; other years are left out, keys in order.
pub fn series<K: Ord + Clone>(
    rows: impl IntoIterator<Item = (K, Period, i64)>,
    year: i32,
) -> Vec<(K, Months)> {
    let mut lines: std::collections::BTreeMap<K, Months> = std::collections::BTreeMap::new();
    for (key, period, deviation) in rows {
        if period.year() != year {
            continue;
        }
        let month = usize::try_from(period.month()).unwrap_or(1).clamp(1, 12) - 1;
        lines.entry(key).or_insert([None; 12])[month] = Some(deviation);
    }
    lines.into_iter().collect()
}

/// The vertical range of the chart: from the lowest to the highest deviation, always with zero
/// (the line between surplus and deficit) inside it, and never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

impl Scale {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a Months>) -> Scale {
        let values: Vec<i64> = lines.into_iter().flatten().flatten().copied().collect();
        let min = values.iter().copied().min().unwrap_or(0).min(0);
        let max = values.iter().copied().max().unwrap_or(0).max(0);
        if min == max {
            Scale { min, max: max + 1 }
        } else {
            Scale { min, max }
        }
    }

    /// How far down from the top of a drawing `height` high `value` is: the maximum at 0, the
    /// minimum at `height`.
    pub fn y(self, value: i64, height: u32) -> u32 {
        let span = i128::from(self.max) - i128::from(self.min);
        let from_top = i128::from(self.max) - i128::from(value.clamp(self.min, self.max));
        let y = from_top * i128::from(height) / span.max(1);
        u32::try_from(y).unwrap_or(height)
    }
}

/// Where month `month` (1–12) is across a drawing `width` wide: January at 0, December at `width`.
pub fn x(month: u32, width: u32) -> u32 {
    month.clamp(1, 12).saturating_sub(1) * width / 11
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).expect("a day")
    }

    fn form(period: &str, unit: &str, board: &str, budget: &str, deviation: &str) -> FollowUpForm {
        FollowUpForm {
            period: period.into(),
            unit: unit.into(),
            board: board.into(),
            budget: budget.into(),
            forecast_deviation: deviation.into(),
            comment: " Vakanser ".into(),
        }
    }

    #[test]
    fn a_months_follow_up_of_a_unit_or_a_board_is_parsed() {
        assert_eq!(
            parse(&form("2026-05", "3", "", "12 500 000", "-250 000"), today()),
            Ok(FollowUpInput {
                period: Period::new(2026, 5).expect("a period"),
                target: Target::Unit(3),
                budget: 12_500_000,
                forecast_deviation: -250_000,
                comment: "Vakanser".into(),
            })
        );
        let board = parse(&form("2026-06", "", "2", "0", "+40 000 kr"), today()).expect("parsed");
        assert_eq!(board.target, Target::Board(2));
        assert_eq!(board.forecast_deviation, 40_000);
        assert_eq!(board.budget, 0);
    }

    fn errors_of(form: &FollowUpForm) -> FieldErrors {
        parse(form, today()).expect_err("refused")
    }

    #[test]
    fn exactly_one_of_unit_and_board() {
        let both = errors_of(&form("2026-05", "3", "2", "1", "0"));
        assert_eq!(both.get("unit"), Some("error-follow-up-both"));
        let neither = errors_of(&form("2026-05", "", " ", "1", "0"));
        assert_eq!(neither.get("unit"), Some("error-follow-up-neither"));
        let bad_unit = errors_of(&form("2026-05", "x", "", "1", "0"));
        assert_eq!(bad_unit.get("unit"), Some("error-unknown-choice"));
        let bad_board = errors_of(&form("2026-05", "", "-4", "1", "0"));
        assert_eq!(bad_board.get("board"), Some("error-unknown-choice"));
        assert_eq!(bad_board.get("unit"), None);
    }

    #[test]
    fn a_bad_period_is_refused_beside_it() {
        for (bad, key) in [
            ("", "error-period"),
            ("2026-13", "error-period"),
            ("maj", "error-period"),
            ("2026-5", "error-period"),
            ("2026-07", "error-period-future"),
        ] {
            assert_eq!(
                errors_of(&form(bad, "3", "", "1", "0")).get("period"),
                Some(key),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_budget_is_whole_kronor_not_negative_and_the_deviation_may_be_negative() {
        for (bad, key) in [
            ("", "error-required"),
            ("-1", "error-negative-amount"),
            ("12,5", "error-amount"),
            ("mycket", "error-amount"),
        ] {
            assert_eq!(
                errors_of(&form("2026-05", "3", "", bad, "0")).get("budget"),
                Some(key),
                "{bad}"
            );
        }
        for (bad, key) in [
            ("", "error-required"),
            ("--5", "error-amount"),
            ("-", "error-amount"),
            ("+-5", "error-amount"),
            ("5,5", "error-amount"),
            ("−99999999999", "error-amount-too-large"),
        ] {
            assert_eq!(
                errors_of(&form("2026-05", "3", "", "1", bad)).get("forecast_deviation"),
                Some(key),
                "{bad}"
            );
        }
        assert_eq!(signed_amount_sek("−1 200"), Ok(-1_200));
        assert_eq!(signed_amount_sek("- 1 200"), Ok(-1_200));
        assert_eq!(signed_amount_sek("0"), Ok(0));
        assert_eq!(signed_amount_sek("+7"), Ok(7));
    }

    #[test]
    fn every_field_is_checked_at_once() {
        let errors = errors_of(&FollowUpForm {
            comment: "x".repeat(COMMENT_MAX + 1),
            ..FollowUpForm::default()
        });
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            ["period", "unit", "budget", "forecast_deviation", "comment"]
        );
    }

    #[test]
    fn a_year_is_taken_when_it_is_one() {
        assert_eq!(year_or("2025", 2026), 2025);
        assert_eq!(year_or(" 2024 ", 2026), 2024);
        assert_eq!(year_or("", 2026), 2026);
        assert_eq!(year_or("tjugo", 2026), 2026);
        assert_eq!(year_or("99999", 2026), 2026);
    }

    #[test]
    fn the_chart_has_one_line_per_board_or_unit_through_the_year() {
        let p = |y, m| Period::new(y, m).expect("a period");
        let lines = series(
            [
                ("Äldreenheten", p(2026, 1), -100),
                ("Äldreenheten", p(2026, 3), -300),
                ("Socialnämnden", p(2026, 2), 50),
                ("Socialnämnden", p(2025, 12), 999),
            ],
            2026,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].0, "Socialnämnden");
        assert_eq!(lines[0].1[1], Some(50));
        assert_eq!(lines[0].1[11], None, "another year's December is left out");
        assert_eq!(lines[1].1[..3], [Some(-100), None, Some(-300)]);
    }

    #[test]
    fn the_scale_always_holds_zero_and_maps_top_to_bottom() {
        let lines = [[
            Some(-300),
            Some(100),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]];
        let scale = Scale::of(&lines);
        assert_eq!(
            scale,
            Scale {
                min: -300,
                max: 100
            }
        );
        assert_eq!(scale.y(100, 200), 0);
        assert_eq!(scale.y(-300, 200), 200);
        assert_eq!(scale.y(0, 200), 50);
        assert_eq!(scale.y(i64::MAX, 200), 0, "clamped");
        let only_surplus = Scale::of(&[[Some(5); 12]]);
        assert_eq!(only_surplus, Scale { min: 0, max: 5 });
        let empty = Scale::of(&[]);
        assert_eq!(empty, Scale { min: 0, max: 1 });
        assert_eq!(empty.y(0, 100), 100);
        let extreme = Scale::of(&[[
            Some(i64::MIN),
            Some(i64::MAX),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]]);
        assert!((49..=50).contains(&extreme.y(0, 100)));
    }

    #[test]
    fn months_spread_across_the_width() {
        assert_eq!(x(1, 440), 0);
        assert_eq!(x(12, 440), 440);
        assert_eq!(x(6, 440), 200);
        assert_eq!(x(0, 440), 0);
        assert_eq!(x(13, 440), 440);
    }
}

//! Field-level validation errors shared by every form.
//!
//! A parse function returns either the typed value or a list of [`FieldError`]s; each names the
//! form field and a message key in the catalogs, so the page can show the message beside the field.

use std::borrow::Cow;

/// One problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's `name`, which is also the input's `id`. Numbered rows of a form have
    /// names made at run time (`risk_owner_2`).
    pub field: Cow<'static, str>,
    /// The catalog key of the message shown beside the field.
    pub key: &'static str,
}

/// Every problem found with a submitted form, in the order of the fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, key: &'static str) {
        self.0.push(FieldError {
            field: field.into(),
            key,
        });
    }

    /// Records the error of `result`, if any, and passes its value on.
    pub fn check<T>(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        result: Result<T, &'static str>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(key) => {
                self.add(field, key);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// The message key for `field`, if that field has an error.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.key)
    }

    /// `Ok(value)` when no error was recorded, otherwise every error.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

/// A required, trimmed text of at most `max` characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, &'static str> {
    let text = raw.trim();
    if text.is_empty() {
        Err("error-required")
    } else if text.chars().count() > max {
        Err("error-too-long")
    } else {
        Ok(text.to_owned())
    }
}

/// A required name on one line: line breaks and tabs (which only a hand-made request can put in an
/// input) become spaces, and runs of spaces one, so two names that look alike are alike.
pub fn required_line(raw: &str, max: usize) -> Result<String, &'static str> {
    let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    required_text(&line, max)
}

/// A whole number in `range`; `out_of_range` names the error otherwise.
pub fn whole_in(
    raw: &str,
    range: std::ops::RangeInclusive<i64>,
    out_of_range: &'static str,
) -> Result<i64, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("error-required");
    }
    let number: i64 = raw.parse().map_err(|_| "error-whole-number")?;
    if range.contains(&number) {
        Ok(number)
    } else {
        Err(out_of_range)
    }
}

/// An optional, trimmed text of at most `max` characters; empty is allowed.
pub fn optional_text(raw: &str, max: usize) -> Result<String, &'static str> {
    let text = raw.trim();
    if text.chars().count() > max {
        Err("error-too-long")
    } else {
        Ok(text.to_owned())
    }
}

/// An optional id chosen from a list; empty means none.
pub fn optional_id(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or("error-unknown-choice")
}

/// An optional ISO date (YYYY-MM-DD); empty means none.
pub fn optional_date(raw: &str) -> Result<Option<chrono::NaiveDate>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "error-date")
}

/// The largest amount of kronor Styr takes: ten billion, far above any project of a municipality,
/// and far enough below `i64::MAX` that sums of amounts cannot wrap.
pub const AMOUNT_MAX_SEK: i64 = 10_000_000_000;

/// The sum of amounts of kronor. It saturates instead of wrapping, though amounts of at most
/// [`AMOUNT_MAX_SEK`] from a form of bounded size never come near the limit.
pub fn sum_sek(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0i64, i64::saturating_add)
}

/// An optional whole amount of Swedish kronor, not negative, at most [`AMOUNT_MAX_SEK`]. Spaces (also non-breaking) as thousand
/// separators are accepted, as people write "1 200 000".
pub fn optional_amount_sek(raw: &str) -> Result<Option<i64>, &'static str> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    let digits = digits
        .strip_suffix("kr")
        .or_else(|| digits.strip_suffix("SEK"))
        .unwrap_or(&digits);
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.starts_with('-') {
        return Err("error-negative-amount");
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("error-amount");
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|amount| *amount <= AMOUNT_MAX_SEK)
        .map(Some)
        .ok_or("error-amount-too-large")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_refused_when_blank_or_long() {
        assert_eq!(required_text("  Styr ", 10), Ok("Styr".to_owned()));
        assert_eq!(required_text("   ", 10), Err("error-required"));
        assert_eq!(required_text("åäöåäöåäöå", 10), Ok("åäöåäöåäöå".to_owned()));
        assert_eq!(required_text("åäöåäöåäöåx", 10), Err("error-too-long"));
    }

    #[test]
    fn a_line_has_no_line_breaks_or_double_spaces() {
        assert_eq!(
            required_line(" Social\tnämnden\r\n  norr ", 40),
            Ok("Social nämnden norr".to_owned())
        );
        assert_eq!(required_line("\n\t ", 40), Err("error-required"));
    }

    #[test]
    fn amounts_accept_swedish_thousand_separators_and_refuse_the_rest() {
        assert_eq!(optional_amount_sek(""), Ok(None));
        assert_eq!(optional_amount_sek("1 200 000"), Ok(Some(1_200_000)));
        assert_eq!(
            optional_amount_sek("1\u{a0}200\u{a0}000 kr"),
            Ok(Some(1_200_000))
        );
        assert_eq!(optional_amount_sek("-5"), Err("error-negative-amount"));
        assert_eq!(optional_amount_sek("12,5"), Err("error-amount"));
        assert_eq!(optional_amount_sek("abc"), Err("error-amount"));
        assert_eq!(
            optional_amount_sek("99999999999999999999999"),
            Err("error-amount-too-large")
        );
        assert_eq!(
            optional_amount_sek("10 000 000 000"),
            Ok(Some(AMOUNT_MAX_SEK))
        );
        assert_eq!(
            optional_amount_sek("10000000001"),
            Err("error-amount-too-large")
        );
        assert_eq!(
            optional_amount_sek("9223372036854775807"),
            Err("error-amount-too-large")
        );
    }

    #[test]
    fn sums_of_amounts_never_wrap() {
        assert_eq!(sum_sek([AMOUNT_MAX_SEK, AMOUNT_MAX_SEK]), 20_000_000_000);
        assert_eq!(sum_sek([i64::MAX, i64::MAX]), i64::MAX);
        assert_eq!(sum_sek([]), 0);
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(optional_date(" "), Ok(None));
        assert_eq!(
            optional_date("2026-02-28"),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 2, 28))
        );
        assert_eq!(optional_date("2026-02-30"), Err("error-date"));
        assert_eq!(optional_date("28/2/2026"), Err("error-date"));
    }

    #[test]
    fn ids_must_be_positive_numbers() {
        assert_eq!(optional_id(""), Ok(None));
        assert_eq!(optional_id("7"), Ok(Some(7)));
        assert_eq!(optional_id("0"), Err("error-unknown-choice"));
        assert_eq!(optional_id("x"), Err("error-unknown-choice"));
    }

    #[test]
    fn errors_are_kept_per_field() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.check("a", Ok::<_, &'static str>(1)), Some(1));
        assert_eq!(errors.check::<i32>("b", Err("error-required")), None);
        assert_eq!(errors.get("b"), Some("error-required"));
        assert_eq!(errors.get("a"), None);
        assert!(errors.into_result(|| ()).is_err());
    }
}

//! Settings the administrator keeps, parsed.

use super::validation::optional_amount_sek;

/// The budget frame above which the management group approves a directive: whole kronor, required.
pub fn parse_threshold(raw: &str) -> Result<i64, &'static str> {
    optional_amount_sek(raw)?.ok_or("error-required")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_a_whole_amount() {
        assert_eq!(parse_threshold("1 500 000"), Ok(1_500_000));
        assert_eq!(parse_threshold("0"), Ok(0));
        assert_eq!(parse_threshold(""), Err("error-required"));
        assert_eq!(parse_threshold("-1"), Err("error-negative-amount"));
        assert_eq!(parse_threshold("en miljon"), Err("error-amount"));
    }
}

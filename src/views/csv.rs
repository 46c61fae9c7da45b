//! CSV that Excel opens correctly: UTF-8 with a byte-order mark (so å, ä and ö survive), CRLF
//! line ends, and, by the reader's choice, Swedish conventions (semicolon between fields, decimal
//! comma) or English ones (comma, decimal point). Written with the `csv` crate, which quotes what
//! needs quoting; text that Excel would run as a formula is made plain text first.

use chrono::NaiveDate;

/// Whose conventions the file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Excel {
    #[default]
    Swedish,
    English,
}

impl Excel {
    /// `sv` or `en`, as the `excel` query parameter says; Swedish otherwise.
    pub fn parse(raw: &str) -> Excel {
        match raw.trim() {
            "en" => Excel::English,
            _ => Excel::Swedish,
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            Excel::Swedish => b';',
            Excel::English => b',',
        }
    }

    fn decimal_separator(self) -> char {
        match self {
            Excel::Swedish => ',',
            Excel::English => '.',
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Whole(i64),
    /// A number with `decimals` places: `Decimal(125, 1)` is 12.5.
    Decimal(i64, u32),
    Date(NaiveDate),
    Empty,
}

impl Cell<'_> {
    fn render(&self, excel: Excel) -> String {
        match self {
            Cell::Text(text) => plain_text(text),
            Cell::Whole(n) => n.to_string(),
            Cell::Decimal(units, decimals) => decimal(*units, *decimals, excel.decimal_separator()),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

fn decimal(units: i64, decimals: u32, separator: char) -> String {
    if decimals == 0 {
        return units.to_string();
    }
    let scale = 10u64.pow(decimals);
    let sign = if units < 0 { "-" } else { "" };
    let magnitude = units.unsigned_abs();
    format!(
        "{sign}{}{separator}{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = decimals as usize
    )
}

/// Text that Excel would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first)
/// gets a leading apostrophe, so a project name cannot run anything on the reader's computer.
fn plain_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The whole file: the byte-order mark, the header row, then every row. Writing into memory
/// cannot fail, so an error is a row whose length differs from the header's: our mistake, which
/// the caller turns into a 500 rather than a file with a row missing.
pub fn table<'a>(
    excel: Excel,
    headers: &[String],
    rows: impl IntoIterator<Item = Vec<Cell<'a>>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(excel.delimiter())
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(headers)?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| cell.render(excel)))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    fn sample(excel: Excel) -> String {
        let headers = vec![
            "Kod".to_owned(),
            "Namn".to_owned(),
            "Avvikelse %".to_owned(),
        ];
        let rows = vec![
            vec![
                Cell::Text("DIG-2025-003"),
                Cell::Text("Ekonomiskt bistånd; e-ansökan"),
                Cell::Decimal(-125, 1),
            ],
            vec![
                Cell::Text("=HYPERLINK(\"x\")"),
                Cell::Whole(1_200_000),
                Cell::Empty,
            ],
        ];
        text(&table(excel, &headers, rows).expect("written"))
    }

    #[test]
    fn a_row_of_the_wrong_length_is_an_error_not_a_missing_row() {
        let headers = vec!["A".to_owned(), "B".to_owned()];
        assert!(table(Excel::Swedish, &headers, vec![vec![Cell::Whole(1)]]).is_err());
    }

    #[test]
    fn swedish_excel_gets_a_bom_semicolons_and_decimal_commas() {
        assert_eq!(
            sample(Excel::Swedish),
            "\u{feff}Kod;Namn;Avvikelse %\r\n\
             DIG-2025-003;\"Ekonomiskt bistånd; e-ansökan\";-12,5\r\n\
             \"'=HYPERLINK(\"\"x\"\")\";1200000;\r\n"
        );
    }

    #[test]
    fn english_excel_gets_commas_and_decimal_points() {
        assert_eq!(
            sample(Excel::English),
            "\u{feff}Kod,Namn,Avvikelse %\r\n\
             DIG-2025-003,Ekonomiskt bistånd; e-ansökan,-12.5\r\n\
             \"'=HYPERLINK(\"\"x\"\")\",1200000,\r\n"
        );
    }

    #[test]
    fn decimals_keep_their_places_and_sign() {
        assert_eq!(decimal(5, 2, ','), "0,05");
        assert_eq!(decimal(-5, 2, '.'), "-0.05");
        assert_eq!(decimal(123_456, 3, ','), "123,456");
        assert_eq!(decimal(7, 0, ','), "7");
        assert_eq!(decimal(i64::MIN, 1, '.'), "-922337203685477580.8");
    }

    #[test]
    fn formulas_become_text_and_the_choice_defaults_to_swedish() {
        for risky in ["=1+1", "+46", "-2", "@SUM(A1)", "\tx"] {
            assert!(plain_text(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(plain_text("Äldreenheten"), "Äldreenheten");
        assert_eq!(Excel::parse("en"), Excel::English);
        assert_eq!(Excel::parse("sv"), Excel::Swedish);
        assert_eq!(Excel::parse("x"), Excel::Swedish);
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date"))
                .render(Excel::Swedish),
            "2026-12-05"
        );
    }
}

//! The decision log's own rules: what a search and its filters mean, how a search becomes a safe
//! full-text query, who sees a confidential decision's text, who records a delegated decision, and
//! the date range of the delegation report.

use chrono::{Datelike, NaiveDate};

use super::decision::{Body, Category};
use super::role::Role;
use super::validation::{FieldErrors, optional_date};

/// How many decisions a page of the log shows.
pub const PER_PAGE: i64 = 50;

/// At most this many words of a search are used; the rest are left out.
pub const MAX_WORDS: usize = 12;

/// Where a decision's follow-up stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// A follow-up date that has not passed.
    Due,
    /// A follow-up date that has passed.
    Overdue,
}

impl FollowUp {
    pub fn parse(raw: &str) -> Option<FollowUp> {
        match raw.trim() {
            "due" => Some(FollowUp::Due),
            "overdue" => Some(FollowUp::Overdue),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUp::Due => "due",
            FollowUp::Overdue => "overdue",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            FollowUp::Due => "decisions-follow-up-due",
            FollowUp::Overdue => "decisions-follow-up-overdue",
        }
    }

    /// Where a follow-up on `date` stands `today`: due on the day itself, overdue after it.
    pub fn of(date: NaiveDate, today: NaiveDate) -> FollowUp {
        if date < today {
            FollowUp::Overdue
        } else {
            FollowUp::Due
        }
    }
}

/// The filters of the log as the query string gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct LogQuery {
    pub q: String,
    pub body: String,
    pub year: String,
    pub kind: String,
    pub project: String,
    pub delegated: String,
    pub follow_up: String,
    pub page: String,
}

/// The filters a query asks for, each already checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// The search as typed (trimmed), kept for the form.
    pub q: String,
    /// The search as plain words; `None`: no search.
    pub search: Option<Search>,
    pub body: Option<Body>,
    pub year: Option<i32>,
    pub category: Option<Category>,
    pub project: Option<i64>,
    pub delegated: Option<bool>,
    pub follow_up: Option<FollowUp>,
    /// The page, from 1.
    pub page: i64,
    /// The names of the filters whose values were not understood and so were left out.
    pub ignored: Vec<&'static str>,
}

impl LogFilter {
    /// The rows to skip before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(PER_PAGE)
    }
}

/// The filter a query asks for. A value no form offers is left out (and named in `ignored`, so the
/// page can say so) rather than refused: a bookmark gone stale still shows the log.
pub fn filter_of(query: &LogQuery) -> LogFilter {
    let mut ignored = Vec::new();
    let mut parsed = |name: &'static str, raw: &str, parse: &dyn Fn(&str) -> Option<()>| {
        let raw = raw.trim();
        if !raw.is_empty() && parse(raw).is_none() {
            ignored.push(name);
        }
    };
    let body = Body::parse(query.body.trim());
    parsed("body", &query.body, &|_| body.map(|_| ()));
    let year = parse_year(&query.year);
    parsed("year", &query.year, &|_| year.map(|_| ()));
    let category = Category::parse(&query.kind);
    parsed("kind", &query.kind, &|_| category.map(|_| ()));
    let project = query
        .project
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0);
    parsed("project", &query.project, &|_| project.map(|_| ()));
    let delegated = parse_yes_no(&query.delegated);
    parsed("delegated", &query.delegated, &|_| delegated.map(|_| ()));
    let follow_up = FollowUp::parse(&query.follow_up);
    parsed("follow_up", &query.follow_up, &|_| follow_up.map(|_| ()));
    let q = query.q.trim().chars().take(200).collect::<String>();
    let search = Search::parse(&q);
    if !q.is_empty() && search.is_none() {
        ignored.push("q");
    }
    let page = query
        .page
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    LogFilter {
        q,
        search,
        body,
        year,
        category,
        project,
        delegated,
        follow_up,
        page,
        ignored,
    }
}

fn parse_year(raw: &str) -> Option<i32> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
}

/// `delegated`: `yes` or `no` (what the form sends); `true`/`false` are read the same way.
pub fn parse_yes_no(raw: &str) -> Option<bool> {
    match raw.trim() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// What a user typed as a search of the log, as plain words (runs of letters and digits, as the
/// full-text indexes split them): all of them required, the last one also as a prefix ("förval"
/// finds "förvaltning"). Punctuation, quotes and the indexes' own operators (`AND`, `NEAR(`, `*`,
/// `-`, `&`, `!`, `:`) are only ever words or separators, so no input is query syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    /// The words of `raw`, at most `MAX_WORDS`; `None` when nothing searchable is left.
    pub fn parse(raw: &str) -> Option<Search> {
        let words: Vec<String> = raw
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(MAX_WORDS)
            .map(str::to_owned)
            .collect();
        (!words.is_empty()).then_some(Search { words })
    }

    /// As SQLite's FTS5 reads it: each word quoted, the last with `*`.
    pub fn fts5(&self) -> String {
        self.terms(|w| format!("\"{w}\""), "*", " ")
    }

    /// As PostgreSQL's `to_tsquery` reads it: each word quoted, joined by `&`, the last with `:*`.
    /// The text search configuration then stems the words as it stems the decisions' texts.
    pub fn tsquery(&self) -> String {
        self.terms(|w| format!("'{w}'"), ":*", " & ")
    }

    fn terms(&self, quoted: impl Fn(&str) -> String, prefix: &str, between: &str) -> String {
        let mut terms: Vec<String> = self.words.iter().map(|w| quoted(w)).collect();
        if let Some(last) = terms.last_mut() {
            last.push_str(prefix);
        }
        terms.join(between)
    }
}

/// Whether `role` reads a confidential decision's text. Readers (the public's access) see its
/// reason instead; everyone with a role in the administration reads the text.
pub fn sees_confidential_text(role: Role) -> bool {
    role != Role::Reader
}

/// Whether `role` records a decision under delegation (`POST /decisions`): the development
/// manager, and the administrator entering one on the development manager's behalf (who decided
/// is named apart from who entered it).
pub fn may_record_delegated(role: Role) -> bool {
    matches!(role, Role::DevelopmentManager | Role::Administrator)
}

/// The period of the delegation report (anmälan av delegationsbeslut), both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The report's range: the dates given, or by default this year up to `today`. A malformed date,
/// or `from` after `to`, is an error beside its field.
pub fn parse_range(from: &str, to: &str, today: NaiveDate) -> Result<Range, FieldErrors> {
    let mut errors = FieldErrors::new();
    let from = errors.check("from", optional_date(from));
    let to = errors.check("to", optional_date(to));
    match (from, to) {
        (Some(from), Some(to)) => {
            let from = from.unwrap_or_else(|| start_of_year(today));
            let to = to.unwrap_or(today);
            if from > to {
                errors.add("to", "error-decisions-range-order");
                Err(errors)
            } else {
                Ok(Range { from, to })
            }
        }
        _ => Err(errors),
    }
}

fn start_of_year(today: NaiveDate) -> NaiveDate {
    today.with_ordinal(1).unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search `raw` as FTS5 reads it, if it has words.
    fn fts_query(raw: &str) -> Option<String> {
        Search::parse(raw).map(|s| s.fts5())
    }

    fn query(pairs: &[(&str, &str)]) -> LogQuery {
        let encoded = serde_urlencoded::to_string(pairs).expect("encodes");
        serde_urlencoded::from_str(&encoded).expect("decodes")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn every_word_is_quoted_and_the_last_is_a_prefix() {
        assert_eq!(fts_query("förvaltning"), Some("\"förvaltning\"*".into()));
        assert_eq!(
            fts_query("  Beslut om  Förvaltning "),
            Some("\"Beslut\" \"om\" \"Förvaltning\"*".into())
        );
        assert_eq!(
            fts_query("SN 2026/123"),
            Some("\"SN\" \"2026\" \"123\"*".into())
        );
    }

    #[test]
    fn operators_and_punctuation_are_never_syntax() {
        for raw in ["\"", "*", "-", "NEAR(", "()", "\"\"", "^", ":", "   ", ""] {
            let q = fts_query(raw);
            assert!(
                q.as_deref().is_none_or(|q| q == "\"NEAR\"*"),
                "{raw:?} -> {q:?}"
            );
        }
        assert_eq!(fts_query("a AND b"), Some("\"a\" \"AND\" \"b\"*".into()));
        assert_eq!(fts_query("NEAR(x y"), Some("\"NEAR\" \"x\" \"y\"*".into()));
        assert_eq!(fts_query("\"år\" -ar*"), Some("\"år\" \"ar\"*".into()));
    }

    #[test]
    fn postgresql_reads_the_same_words_all_required_the_last_a_prefix() {
        let tsquery = |raw: &str| Search::parse(raw).map(|s| s.tsquery());
        assert_eq!(tsquery("förvaltning"), Some("'förvaltning':*".into()));
        assert_eq!(
            tsquery("år & !ar | (x) <-> y:*"),
            Some("'år' & 'ar' & 'x' & 'y':*".into())
        );
        assert_eq!(
            tsquery("'; DROP TABLE decisions; --"),
            Some("'DROP' & 'TABLE' & 'decisions':*".into())
        );
        assert_eq!(tsquery(" & | ! "), None);
    }

    #[test]
    fn a_long_search_keeps_its_first_words() {
        let raw = (0..30)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let q = fts_query(&raw).expect("words");
        assert_eq!(q.matches('"').count(), 2 * MAX_WORDS);
        assert!(q.ends_with("\"w11\"*"));
    }

    #[test]
    fn the_filters_are_read_and_the_unknown_ones_named() {
        let filter = filter_of(&query(&[
            ("q", " förvaltning "),
            ("body", "development_manager"),
            ("year", "2026"),
            ("kind", "economic"),
            ("project", "7"),
            ("delegated", "yes"),
            ("follow_up", "overdue"),
            ("page", "3"),
        ]));
        assert_eq!(filter.q, "förvaltning");
        assert_eq!(
            filter.search.as_ref().map(Search::fts5).as_deref(),
            Some("\"förvaltning\"*")
        );
        assert_eq!(filter.body, Some(Body::DevelopmentManager));
        assert_eq!(filter.year, Some(2026));
        assert_eq!(filter.category, Some(Category::Economic));
        assert_eq!(filter.project, Some(7));
        assert_eq!(filter.delegated, Some(true));
        assert_eq!(filter.follow_up, Some(FollowUp::Overdue));
        assert_eq!(filter.page, 3);
        assert_eq!(filter.offset(), 2 * PER_PAGE);
        assert!(filter.ignored.is_empty());

        let bad = filter_of(&query(&[
            ("q", "\"*"),
            ("body", "the_king"),
            ("year", "20x6"),
            ("kind", "phase_change"),
            ("project", "-1"),
            ("delegated", "maybe"),
            ("follow_up", "soon"),
            ("page", "-4"),
        ]));
        assert_eq!(
            bad,
            LogFilter {
                q: "\"*".into(),
                page: 1,
                ignored: vec![
                    "body",
                    "year",
                    "kind",
                    "project",
                    "delegated",
                    "follow_up",
                    "q"
                ],
                ..LogFilter::default()
            }
        );
        assert_eq!(filter_of(&LogQuery::default()).ignored, Vec::<&str>::new());
        assert_eq!(
            filter_of(&query(&[("delegated", "false")])).delegated,
            Some(false)
        );
        assert_eq!(
            filter_of(&query(&[("delegated", "no")])).delegated,
            Some(false)
        );
        assert_eq!(
            filter_of(&query(&[("delegated", "true")])).delegated,
            Some(true)
        );
    }

    #[test]
    fn a_follow_up_is_due_until_its_day_has_passed() {
        assert_eq!(
            FollowUp::of(day(2026, 5, 2), day(2026, 5, 2)),
            FollowUp::Due
        );
        assert_eq!(
            FollowUp::of(day(2026, 5, 3), day(2026, 5, 2)),
            FollowUp::Due
        );
        assert_eq!(
            FollowUp::of(day(2026, 5, 1), day(2026, 5, 2)),
            FollowUp::Overdue
        );
    }

    #[test]
    fn readers_see_the_reason_and_only_the_development_manager_and_administrator_record() {
        for role in Role::ALL {
            assert_eq!(sees_confidential_text(role), role != Role::Reader);
            assert_eq!(
                may_record_delegated(role),
                matches!(role, Role::DevelopmentManager | Role::Administrator)
            );
        }
    }

    #[test]
    fn the_report_range_defaults_to_this_year_and_refuses_a_reversed_one() {
        let today = day(2026, 8, 15);
        assert_eq!(
            parse_range("", "", today),
            Ok(Range {
                from: day(2026, 1, 1),
                to: today
            })
        );
        assert_eq!(
            parse_range("2026-02-01", "2026-03-31", today),
            Ok(Range {
                from: day(2026, 2, 1),
                to: day(2026, 3, 31)
            })
        );
        let reversed = parse_range("2026-04-01", "2026-03-31", today).expect_err("refused");
        assert_eq!(reversed.get("to"), Some("error-decisions-range-order"));
        let bad = parse_range("1 april", "2026-13-01", today).expect_err("refused");
        assert_eq!(bad.get("from"), Some("error-date"));
        assert_eq!(bad.get("to"), Some("error-date"));
    }
}

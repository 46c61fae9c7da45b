//! A project's register entry: parsing what users type, and the register's search.

use chrono::NaiveDate;

use super::validation::{
    FieldErrors, optional_amount_sek, optional_date, optional_id, optional_text, required_line,
};

pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;

/// A project code such as `DIG-2026-011`: 3–20 characters of capital letters, digits and hyphens,
/// starting with a letter. Lowercase letters are raised.
pub fn parse_code(raw: &str) -> Result<String, &'static str> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Err("error-required");
    }
    let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-';
    let starts_with_letter = code.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if !(3..=20).contains(&code.len()) || !code.chars().all(allowed) || !starts_with_letter {
        return Err("error-project-code");
    }
    Ok(code)
}

/// The register entry of a project, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ProjectForm {
    pub code: String,
    pub name: String,
    pub description: String,
    pub unit_id: String,
    pub project_lead_id: String,
    pub commissioner_id: String,
    pub planned_start: String,
    pub planned_end: String,
    pub budget_sek: String,
    /// The version of the entry the form was filled in from (optimistic locking).
    pub lock_version: String,
}

/// The register entry of a project, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectInput {
    pub code: String,
    pub name: String,
    pub description: String,
    pub unit_id: i64,
    pub project_lead_id: Option<i64>,
    pub commissioner_id: Option<i64>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub budget_sek: Option<i64>,
}

/// The choices a form may refer to: existing units and active users.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub unit_ids: Vec<i64>,
    pub user_ids: Vec<i64>,
}

fn chosen(raw: &str, known: &[i64]) -> Result<Option<i64>, &'static str> {
    match optional_id(raw)? {
        Some(id) if !known.contains(&id) => Err("error-unknown-choice"),
        other => Ok(other),
    }
}

pub fn parse_description(raw: &str) -> Result<String, &'static str> {
    optional_text(raw, DESCRIPTION_MAX)
}

/// Parses a whole register entry. Every field is checked, so the page can show every problem at once.
pub fn parse_project(form: &ProjectForm, choices: &Choices) -> Result<ProjectInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let code = errors.check("code", parse_code(&form.code));
    let name = errors.check("name", required_line(&form.name, NAME_MAX));
    let description = errors.check("description", parse_description(&form.description));
    let unit_id = errors.check(
        "unit_id",
        chosen(&form.unit_id, &choices.unit_ids).and_then(|id| id.ok_or("error-choose-unit")),
    );
    let project_lead_id = errors.check(
        "project_lead_id",
        chosen(&form.project_lead_id, &choices.user_ids),
    );
    let commissioner_id = errors.check(
        "commissioner_id",
        chosen(&form.commissioner_id, &choices.user_ids),
    );
    let planned_start = errors.check("planned_start", optional_date(&form.planned_start));
    let planned_end = errors.check("planned_end", optional_date(&form.planned_end));
    if let (Some(Some(start)), Some(Some(end))) = (planned_start, planned_end) {
        if end < start {
            errors.add("planned_end", "error-end-before-start");
        }
    }
    let budget_sek = errors.check("budget_sek", optional_amount_sek(&form.budget_sek));
    match (
        code,
        name,
        description,
        unit_id,
        project_lead_id,
        commissioner_id,
        planned_start,
        planned_end,
        budget_sek,
    ) {
        (
            Some(code),
            Some(name),
            Some(description),
            Some(unit_id),
            Some(project_lead_id),
            Some(commissioner_id),
            Some(planned_start),
            Some(planned_end),
            Some(budget_sek),
        ) if errors.is_empty() => Ok(ProjectInput {
            code,
            name,
            description,
            unit_id,
            project_lead_id,
            commissioner_id,
            planned_start,
            planned_end,
            budget_sek,
        }),
        _ => Err(errors),
    }
}

/// The version a form was filled in from; a form without one never matches a stored version.
pub fn parse_lock_version(raw: &str) -> i32 {
    raw.trim().parse().unwrap_or(-1)
}

/// Whether a project matches a free-text search of the register: every word of the query must occur
/// in the code, the name or the description, ignoring case (also of å, ä and ö).
pub fn matches_search(query: &str, code: &str, name: &str, description: &str) -> bool {
    if query.trim().is_empty() {
        return true;
    }
    let haystack = format!("{code}\n{name}\n{description}").to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The code to suggest for the next project registered in `year`: `DIG-YEAR-NNN`, one above the
/// highest sequence number among `existing` codes (numbers run on across years, as in the demo).
pub fn suggest_code<'a>(year: i32, existing: impl IntoIterator<Item = &'a str>) -> String {
    let highest = existing
        .into_iter()
        .filter_map(|code| code.rsplit('-').next()?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("DIG-{year}-{:03}", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> Choices {
        Choices {
            unit_ids: vec![1, 2],
            user_ids: vec![10, 11],
        }
    }

    fn valid_form() -> ProjectForm {
        ProjectForm {
            code: "dig-2026-011".into(),
            name: "  Digital närvarolista ".into(),
            unit_id: "2".into(),
            project_lead_id: "10".into(),
            planned_start: "2026-01-01".into(),
            planned_end: "2026-12-31".into(),
            budget_sek: "450 000".into(),
            ..ProjectForm::default()
        }
    }

    #[test]
    fn codes_are_raised_and_checked() {
        assert_eq!(parse_code(" dig-2026-001 "), Ok("DIG-2026-001".into()));
        assert_eq!(parse_code(""), Err("error-required"));
        assert_eq!(parse_code("D1"), Err("error-project-code"));
        assert_eq!(parse_code("2026-001"), Err("error-project-code"));
        assert_eq!(parse_code("DIG 2026"), Err("error-project-code"));
    }

    #[test]
    fn a_valid_form_parses() {
        let input = parse_project(&valid_form(), &choices()).expect("valid");
        assert_eq!(input.code, "DIG-2026-011");
        assert_eq!(input.name, "Digital närvarolista");
        assert_eq!(input.unit_id, 2);
        assert_eq!(input.project_lead_id, Some(10));
        assert_eq!(input.commissioner_id, None);
        assert_eq!(input.budget_sek, Some(450_000));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let form = ProjectForm {
            code: "x".into(),
            name: " ".into(),
            unit_id: "".into(),
            project_lead_id: "99".into(),
            planned_start: "2026-13-01".into(),
            budget_sek: "-1".into(),
            ..valid_form()
        };
        let errors = parse_project(&form, &choices()).unwrap_err();
        assert_eq!(errors.get("code"), Some("error-project-code"));
        assert_eq!(errors.get("name"), Some("error-required"));
        assert_eq!(errors.get("unit_id"), Some("error-choose-unit"));
        assert_eq!(errors.get("project_lead_id"), Some("error-unknown-choice"));
        assert_eq!(errors.get("planned_start"), Some("error-date"));
        assert_eq!(errors.get("budget_sek"), Some("error-negative-amount"));
    }

    #[test]
    fn the_end_may_not_come_before_the_start() {
        let form = ProjectForm {
            planned_start: "2026-06-01".into(),
            planned_end: "2026-05-31".into(),
            ..valid_form()
        };
        let errors = parse_project(&form, &choices()).unwrap_err();
        assert_eq!(errors.get("planned_end"), Some("error-end-before-start"));
        let same_day = ProjectForm {
            planned_end: "2026-06-01".into(),
            ..form
        };
        assert!(parse_project(&same_day, &choices()).is_ok());
    }

    #[test]
    fn an_unknown_unit_is_refused() {
        let form = ProjectForm {
            unit_id: "3".into(),
            ..valid_form()
        };
        let errors = parse_project(&form, &choices()).unwrap_err();
        assert_eq!(errors.get("unit_id"), Some("error-unknown-choice"));
    }

    #[test]
    fn search_needs_every_word_and_ignores_swedish_case() {
        let (code, name) = ("DIG-2025-002", "E-tjänst för ansökan om färdtjänst");
        assert!(matches_search("", code, name, ""));
        assert!(matches_search("FÄRDTJÄNST", code, name, ""));
        assert!(matches_search("dig-2025 ansökan", code, name, ""));
        assert!(!matches_search("ansökan hemtjänst", code, name, ""));
        assert!(matches_search("kö", code, name, "Långa köer i somras"));
    }

    #[test]
    fn the_suggested_code_follows_the_highest_number() {
        assert_eq!(suggest_code(2026, []), "DIG-2026-001");
        assert_eq!(
            suggest_code(2026, ["DIG-2024-001", "DIG-2026-010", "ABC-7"]),
            "DIG-2026-011"
        );
    }

    #[test]
    fn a_missing_lock_version_never_matches() {
        assert_eq!(parse_lock_version("3"), 3);
        assert_eq!(parse_lock_version(""), -1);
    }
}

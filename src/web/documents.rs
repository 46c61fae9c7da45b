//! What the handlers of every versioned document (directives and plans) share: the notice after a
//! step, parsing the decision that approves or returns a version, and which two versions a
//! comparison shows. The transitions themselves are `db::documents`; who may take each step is
//! `domain::document::step_action`.

use chrono::NaiveDate;

use crate::domain::decision::{Floor, Verdict, VerdictField, VerdictForm, parse_verdict};
use crate::domain::validation::FieldErrors;

/// The query of the redirect after a step: which step was done, for the page's notice.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    pub done: String,
}

/// The names a page gives the fields of its decision form.
#[derive(Debug, Clone, Copy)]
pub struct DecisionFields {
    pub decided_on: &'static str,
    pub text: &'static str,
    pub reason: &'static str,
}

/// Parses a posted decision with the domain's rules (a date neither in the future nor before
/// `floor`, a text, and a reason when `returning`), naming the errors by the page's field names.
pub fn parse_decision(
    form: &VerdictForm,
    returning: bool,
    today: NaiveDate,
    floor: Option<Floor>,
    fields: DecisionFields,
) -> Result<Verdict, FieldErrors> {
    parse_verdict(form, returning, today, floor).map_err(|refused| {
        let mut errors = FieldErrors::new();
        for (field, key) in refused {
            let name = match field {
                VerdictField::DecidedOn => fields.decided_on,
                VerdictField::Text => fields.text,
                VerdictField::Reason => fields.reason,
            };
            errors.add(name, key);
        }
        errors
    })
}

/// The two versions a comparison shows: the chosen ones, or without a choice the two newest
/// (`newest_first`), a single version with itself. `None` when there is no version.
pub fn compared_pair(chosen: Option<(i64, i64)>, newest_first: &[i64]) -> Option<(i64, i64)> {
    chosen.or_else(|| {
        let newest = *newest_first.first()?;
        Some((newest_first.get(1).copied().unwrap_or(newest), newest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_choice_the_two_newest_versions_are_compared() {
        assert_eq!(compared_pair(Some((1, 2)), &[5, 4]), Some((1, 2)));
        assert_eq!(compared_pair(None, &[5, 4, 3]), Some((4, 5)));
        assert_eq!(compared_pair(None, &[5]), Some((5, 5)));
        assert_eq!(compared_pair(None, &[]), None);
    }
}

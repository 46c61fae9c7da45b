//! The closing report (slutrapport): outcome against goals, final cost, lessons, the handover, and
//! what the management group needs to pass the project into maintenance.

use chrono::NaiveDate;

use super::phase::Phase;
use super::validation::{
    FieldErrors, optional_amount_sek, optional_date, optional_id, optional_text,
};

pub const TEXT_MAX: usize = 10_000;

/// The closing report as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ClosingForm {
    pub outcome: String,
    pub final_cost_sek: String,
    pub lessons: String,
    pub handover: String,
    pub maintenance_owner_id: String,
    pub benefit_follow_up_on: String,
    pub lock_version: String,
}

/// The closing report, parsed. Parts may be missing while it is drafted; the phase rules say what
/// must be there before maintenance.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ClosingContent {
    pub outcome: String,
    pub final_cost_sek: Option<i64>,
    pub lessons: String,
    pub handover: String,
    pub maintenance_owner_id: Option<i64>,
    pub benefit_follow_up_on: Option<NaiveDate>,
}

impl ClosingContent {
    pub fn to_form(&self, lock_version: i64) -> ClosingForm {
        ClosingForm {
            outcome: self.outcome.clone(),
            final_cost_sek: self
                .final_cost_sek
                .map(|c| c.to_string())
                .unwrap_or_default(),
            lessons: self.lessons.clone(),
            handover: self.handover.clone(),
            maintenance_owner_id: self
                .maintenance_owner_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            benefit_follow_up_on: self
                .benefit_follow_up_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            lock_version: lock_version.to_string(),
        }
    }
}

/// A closing report is written while the project is carried out and closed; once the project is in
/// maintenance or cancelled it stays as it was.
pub fn is_editable_in(phase: Phase) -> bool {
    matches!(phase, Phase::Execution | Phase::Closing)
}

/// Parses the form; `people` are the active users who may own the maintenance, and the follow-up
/// date must come after `today` (it is a date to follow the benefits up, not one passed).
pub fn parse(
    form: &ClosingForm,
    people: &[i64],
    today: NaiveDate,
) -> Result<ClosingContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let outcome = errors.check("outcome", optional_text(&form.outcome, TEXT_MAX));
    let final_cost_sek = errors.check("final_cost_sek", optional_amount_sek(&form.final_cost_sek));
    let lessons = errors.check("lessons", optional_text(&form.lessons, TEXT_MAX));
    let handover = errors.check("handover", optional_text(&form.handover, TEXT_MAX));
    let maintenance_owner_id = errors.check(
        "maintenance_owner_id",
        optional_id(&form.maintenance_owner_id).and_then(|id| match id {
            Some(id) if !people.contains(&id) => Err("error-unknown-choice"),
            other => Ok(other),
        }),
    );
    let benefit_follow_up_on = errors.check(
        "benefit_follow_up_on",
        optional_date(&form.benefit_follow_up_on).and_then(|date| match date {
            Some(date) if date <= today => Err("error-follow-up-in-past"),
            other => Ok(other),
        }),
    );
    match (
        outcome,
        final_cost_sek,
        lessons,
        handover,
        maintenance_owner_id,
        benefit_follow_up_on,
    ) {
        (
            Some(outcome),
            Some(final_cost_sek),
            Some(lessons),
            Some(handover),
            Some(maintenance_owner_id),
            Some(benefit_follow_up_on),
        ) if errors.is_empty() => Ok(ClosingContent {
            outcome,
            final_cost_sek,
            lessons,
            handover,
            maintenance_owner_id,
            benefit_follow_up_on,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
    }

    #[test]
    fn a_draft_may_be_partial() {
        let form = ClosingForm {
            outcome: "Målen nåddes".into(),
            ..ClosingForm::default()
        };
        let content = parse(&form, &[], today()).expect("valid");
        assert_eq!(content.outcome, "Målen nåddes");
        assert_eq!(content.final_cost_sek, None);
    }

    #[test]
    fn a_complete_report_parses() {
        let form = ClosingForm {
            outcome: "Alla mål nådda".into(),
            final_cost_sek: "1 380 000".into(),
            lessons: "Tidig dialog med leverantören".into(),
            handover: "Överlämnad till förvaltningsobjektet Hemtjänst".into(),
            maintenance_owner_id: "4".into(),
            benefit_follow_up_on: "2027-06-30".into(),
            lock_version: "0".into(),
        };
        let content = parse(&form, &[4], today()).expect("valid");
        assert_eq!(content.final_cost_sek, Some(1_380_000));
        assert_eq!(content.maintenance_owner_id, Some(4));
        assert_eq!(
            parse(&content.to_form(0), &[4], today()),
            Ok(content.clone())
        );
        assert_eq!(content.to_form(3).lock_version, "3");
    }

    #[test]
    fn bad_values_are_refused() {
        let form = ClosingForm {
            final_cost_sek: "-1".into(),
            maintenance_owner_id: "9".into(),
            benefit_follow_up_on: "2026-11-22".into(),
            ..ClosingForm::default()
        };
        let errors = parse(&form, &[4], today()).unwrap_err();
        assert_eq!(errors.get("final_cost_sek"), Some("error-negative-amount"));
        assert_eq!(
            errors.get("maintenance_owner_id"),
            Some("error-unknown-choice")
        );
        assert_eq!(
            errors.get("benefit_follow_up_on"),
            Some("error-follow-up-in-past")
        );
    }

    #[test]
    fn the_report_is_written_during_execution_and_closing_only() {
        for phase in Phase::ALL {
            assert_eq!(
                is_editable_in(phase),
                matches!(phase, Phase::Execution | Phase::Closing),
                "{phase:?}"
            );
        }
    }
}

//! The project directive (projektdirektiv) and the pre-study directive: what a commissioner asks
//! for, parsed from its form, checked for submission, and routed to the body that approves it.

use chrono::NaiveDate;

use super::decision::Body;
use super::document::FieldValue;
use super::validation::{FieldErrors, optional_amount_sek, optional_date, optional_text};

pub const TEXT_MAX: usize = 10_000;
pub const GOAL_MAX: usize = 1_000;
/// Goals a directive may have; the form offers a few empty rows beyond those written.
pub const GOALS_MAX: usize = 30;

/// Whether a directive commissions a pre-study or the project itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectiveKind {
    PreStudy,
    Project,
}

impl DirectiveKind {
    pub const ALL: [DirectiveKind; 2] = [DirectiveKind::PreStudy, DirectiveKind::Project];

    pub fn as_str(self) -> &'static str {
        match self {
            DirectiveKind::PreStudy => "pre_study",
            DirectiveKind::Project => "project",
        }
    }

    pub fn parse(raw: &str) -> Result<DirectiveKind, &'static str> {
        DirectiveKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            DirectiveKind::PreStudy => "directive-kind-pre_study",
            DirectiveKind::Project => "directive-kind-project",
        }
    }
}

/// A directive as typed. Goals come as `goal_1`, `goal_2`, … so each goal is its own row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectiveForm {
    pub background: String,
    pub purpose: String,
    pub goals: Vec<String>,
    pub scope: String,
    pub out_of_scope: String,
    pub deliverables: String,
    pub time_frame_start: String,
    pub time_frame_end: String,
    pub budget_frame_sek: String,
    pub resources: String,
    pub dependencies: String,
    pub strategic: bool,
    pub personal_data: bool,
    pub sensitive_personal_data: bool,
    pub dpia_needed: bool,
    pub osl_confidentiality: bool,
    pub legal_notes: String,
    pub lock_version: String,
}

impl DirectiveForm {
    /// Reads the submitted pairs of a form; unknown names are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> DirectiveForm {
        let mut form = DirectiveForm::default();
        let mut goals: Vec<(usize, String)> = Vec::new();
        for (name, value) in pairs {
            let value = value.clone();
            match name.as_str() {
                "background" => form.background = value,
                "purpose" => form.purpose = value,
                "scope" => form.scope = value,
                "out_of_scope" => form.out_of_scope = value,
                "deliverables" => form.deliverables = value,
                "time_frame_start" => form.time_frame_start = value,
                "time_frame_end" => form.time_frame_end = value,
                "budget_frame_sek" => form.budget_frame_sek = value,
                "resources" => form.resources = value,
                "dependencies" => form.dependencies = value,
                "legal_notes" => form.legal_notes = value,
                "lock_version" => form.lock_version = value,
                "strategic" => form.strategic = !value.is_empty(),
                "personal_data" => form.personal_data = !value.is_empty(),
                "sensitive_personal_data" => form.sensitive_personal_data = !value.is_empty(),
                "dpia_needed" => form.dpia_needed = !value.is_empty(),
                "osl_confidentiality" => form.osl_confidentiality = !value.is_empty(),
                other => {
                    if let Some(n) = other
                        .strip_prefix("goal_")
                        .and_then(|n| n.parse::<usize>().ok())
                    {
                        if (1..=GOALS_MAX).contains(&n) {
                            goals.push((n, value));
                        }
                    }
                }
            }
        }
        goals.sort_by_key(|(n, _)| *n);
        form.goals = goals.into_iter().map(|(_, goal)| goal).collect();
        form
    }
}

/// A directive's content, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectiveContent {
    pub background: String,
    pub purpose: String,
    pub goals: Vec<String>,
    pub scope: String,
    pub out_of_scope: String,
    pub deliverables: String,
    pub time_frame_start: Option<NaiveDate>,
    pub time_frame_end: Option<NaiveDate>,
    pub budget_frame_sek: Option<i64>,
    pub resources: String,
    pub dependencies: String,
    pub strategic: bool,
    pub personal_data: bool,
    pub sensitive_personal_data: bool,
    pub dpia_needed: bool,
    pub osl_confidentiality: bool,
    pub legal_notes: String,
}

impl DirectiveContent {
    /// The content as a form, for editing.
    pub fn to_form(&self, lock_version: i64) -> DirectiveForm {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        DirectiveForm {
            background: self.background.clone(),
            purpose: self.purpose.clone(),
            goals: self.goals.clone(),
            scope: self.scope.clone(),
            out_of_scope: self.out_of_scope.clone(),
            deliverables: self.deliverables.clone(),
            time_frame_start: date(self.time_frame_start),
            time_frame_end: date(self.time_frame_end),
            budget_frame_sek: self
                .budget_frame_sek
                .map(|b| b.to_string())
                .unwrap_or_default(),
            resources: self.resources.clone(),
            dependencies: self.dependencies.clone(),
            strategic: self.strategic,
            personal_data: self.personal_data,
            sensitive_personal_data: self.sensitive_personal_data,
            dpia_needed: self.dpia_needed,
            osl_confidentiality: self.osl_confidentiality,
            legal_notes: self.legal_notes.clone(),
            lock_version: lock_version.to_string(),
        }
    }
}

/// Parses a draft: every value must be of its kind (dates, amounts, lengths, the time frame in
/// order, sensitive personal data being personal data), but nothing is required yet.
pub fn parse_draft(form: &DirectiveForm) -> Result<DirectiveContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = |field: &'static str, raw: &str, errors: &mut FieldErrors| {
        errors
            .check(field, optional_text(raw, TEXT_MAX))
            .unwrap_or_default()
    };
    let background = text("background", &form.background, &mut errors);
    let purpose = text("purpose", &form.purpose, &mut errors);
    let scope = text("scope", &form.scope, &mut errors);
    let out_of_scope = text("out_of_scope", &form.out_of_scope, &mut errors);
    let deliverables = text("deliverables", &form.deliverables, &mut errors);
    let resources = text("resources", &form.resources, &mut errors);
    let dependencies = text("dependencies", &form.dependencies, &mut errors);
    let legal_notes = text("legal_notes", &form.legal_notes, &mut errors);
    let mut goals = Vec::new();
    for (i, goal) in form.goals.iter().enumerate() {
        match optional_text(goal, GOAL_MAX) {
            Ok(goal) if goal.is_empty() => {}
            Ok(goal) => goals.push(goal),
            Err(key) => errors.add(GOAL_FIELDS[i.min(GOALS_MAX - 1)], key),
        }
    }
    let time_frame_start = errors
        .check("time_frame_start", optional_date(&form.time_frame_start))
        .flatten();
    let time_frame_end = errors
        .check("time_frame_end", optional_date(&form.time_frame_end))
        .flatten();
    if let (Some(start), Some(end)) = (time_frame_start, time_frame_end) {
        if end < start {
            errors.add("time_frame_end", "error-end-before-start");
        }
    }
    let budget_frame_sek = errors
        .check(
            "budget_frame_sek",
            optional_amount_sek(&form.budget_frame_sek),
        )
        .flatten();
    if form.sensitive_personal_data && !form.personal_data {
        errors.add("personal_data", "error-sensitive-is-personal");
    }
    errors.into_result(|| DirectiveContent {
        background,
        purpose,
        goals,
        scope,
        out_of_scope,
        deliverables,
        time_frame_start,
        time_frame_end,
        budget_frame_sek,
        resources,
        dependencies,
        strategic: form.strategic,
        personal_data: form.personal_data,
        sensitive_personal_data: form.sensitive_personal_data,
        dpia_needed: form.dpia_needed,
        osl_confidentiality: form.osl_confidentiality,
        legal_notes,
    })
}

/// The field name of the n-th goal input (1-based names, as the form shows them).
pub const GOAL_FIELDS: [&str; GOALS_MAX] = [
    "goal_1", "goal_2", "goal_3", "goal_4", "goal_5", "goal_6", "goal_7", "goal_8", "goal_9",
    "goal_10", "goal_11", "goal_12", "goal_13", "goal_14", "goal_15", "goal_16", "goal_17",
    "goal_18", "goal_19", "goal_20", "goal_21", "goal_22", "goal_23", "goal_24", "goal_25",
    "goal_26", "goal_27", "goal_28", "goal_29", "goal_30",
];

/// What a directive must hold before it is submitted for approval.
pub fn check_submittable(content: &DirectiveContent) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let required = [
        ("background", &content.background),
        ("purpose", &content.purpose),
        ("scope", &content.scope),
        ("deliverables", &content.deliverables),
    ];
    for (field, value) in required {
        if value.is_empty() {
            errors.add(field, "error-required-to-submit");
        }
    }
    if content.goals.is_empty() {
        errors.add("goal_1", "error-goal-required");
    }
    if content.time_frame_start.is_none() {
        errors.add("time_frame_start", "error-required-to-submit");
    }
    if content.time_frame_end.is_none() {
        errors.add("time_frame_end", "error-required-to-submit");
    }
    if content.budget_frame_sek.is_none() {
        errors.add("budget_frame_sek", "error-required-to-submit");
    }
    errors.into_result(|| ())
}

/// The body that approves a directive: the management group when it is strategic or its budget
/// frame is above the threshold, the development manager otherwise.
pub fn approving_body(content: &DirectiveContent, threshold_sek: i64) -> Body {
    let above_threshold = content.budget_frame_sek.is_some_and(|b| b > threshold_sek);
    if content.strategic || above_threshold {
        Body::ManagementGroup
    } else {
        Body::DevelopmentManager
    }
}

/// The content as labelled text, for comparing two versions field by field.
pub fn snapshot(content: &DirectiveContent, yes: &str, no: &str) -> Vec<FieldValue> {
    let flag = |b: bool| if b { yes.to_owned() } else { no.to_owned() };
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let goals = content
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| format!("{}. {g}", i + 1))
        .collect::<Vec<_>>()
        .join("\n");
    vec![
        FieldValue {
            label_key: "directive-background",
            value: content.background.clone(),
        },
        FieldValue {
            label_key: "directive-purpose",
            value: content.purpose.clone(),
        },
        FieldValue {
            label_key: "directive-goals",
            value: goals,
        },
        FieldValue {
            label_key: "directive-scope",
            value: content.scope.clone(),
        },
        FieldValue {
            label_key: "directive-out-of-scope",
            value: content.out_of_scope.clone(),
        },
        FieldValue {
            label_key: "directive-deliverables",
            value: content.deliverables.clone(),
        },
        FieldValue {
            label_key: "directive-time-frame-start",
            value: date(content.time_frame_start),
        },
        FieldValue {
            label_key: "directive-time-frame-end",
            value: date(content.time_frame_end),
        },
        FieldValue {
            label_key: "directive-budget-frame",
            value: content
                .budget_frame_sek
                .map(|b| b.to_string())
                .unwrap_or_default(),
        },
        FieldValue {
            label_key: "directive-resources",
            value: content.resources.clone(),
        },
        FieldValue {
            label_key: "directive-dependencies",
            value: content.dependencies.clone(),
        },
        FieldValue {
            label_key: "directive-strategic",
            value: flag(content.strategic),
        },
        FieldValue {
            label_key: "directive-personal-data",
            value: flag(content.personal_data),
        },
        FieldValue {
            label_key: "directive-sensitive-personal-data",
            value: flag(content.sensitive_personal_data),
        },
        FieldValue {
            label_key: "directive-dpia-needed",
            value: flag(content.dpia_needed),
        },
        FieldValue {
            label_key: "directive-osl",
            value: flag(content.osl_confidentiality),
        },
        FieldValue {
            label_key: "directive-legal-notes",
            value: content.legal_notes.clone(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn complete() -> DirectiveContent {
        let form = DirectiveForm::from_pairs(&pairs(&[
            ("background", "Långa köer"),
            ("purpose", "Kortare handläggning"),
            ("goal_2", "Handläggningstiden halveras"),
            ("goal_1", "Alla ansökningar digitalt"),
            ("goal_3", "   "),
            ("scope", "E-tjänst"),
            ("deliverables", "E-tjänst i drift"),
            ("time_frame_start", "2026-01-01"),
            ("time_frame_end", "2026-12-31"),
            ("budget_frame_sek", "900 000"),
            ("personal_data", "on"),
        ]));
        parse_draft(&form).expect("valid")
    }

    #[test]
    fn goals_keep_their_order_and_blank_rows_are_dropped() {
        let content = complete();
        assert_eq!(
            content.goals,
            vec!["Alla ansökningar digitalt", "Handläggningstiden halveras"]
        );
        assert_eq!(content.budget_frame_sek, Some(900_000));
        assert!(content.personal_data && !content.sensitive_personal_data);
    }

    #[test]
    fn a_draft_may_be_empty_but_not_malformed() {
        assert_eq!(
            parse_draft(&DirectiveForm::default()),
            Ok(DirectiveContent::default())
        );
        let form = DirectiveForm {
            time_frame_start: "2026-06-01".into(),
            time_frame_end: "2026-01-01".into(),
            budget_frame_sek: "-3".into(),
            sensitive_personal_data: true,
            goals: vec!["x".repeat(GOAL_MAX + 1)],
            ..DirectiveForm::default()
        };
        let errors = parse_draft(&form).unwrap_err();
        assert_eq!(errors.get("time_frame_end"), Some("error-end-before-start"));
        assert_eq!(
            errors.get("budget_frame_sek"),
            Some("error-negative-amount")
        );
        assert_eq!(
            errors.get("personal_data"),
            Some("error-sensitive-is-personal")
        );
        assert_eq!(errors.get("goal_1"), Some("error-too-long"));
    }

    #[test]
    fn submission_needs_the_essentials_and_a_goal() {
        assert_eq!(check_submittable(&complete()), Ok(()));
        let errors = check_submittable(&DirectiveContent::default()).unwrap_err();
        for field in [
            "background",
            "purpose",
            "scope",
            "deliverables",
            "time_frame_start",
            "time_frame_end",
            "budget_frame_sek",
        ] {
            assert_eq!(
                errors.get(field),
                Some("error-required-to-submit"),
                "{field}"
            );
        }
        assert_eq!(errors.get("goal_1"), Some("error-goal-required"));
    }

    #[test]
    fn strategic_or_large_directives_go_to_the_management_group() {
        let content = complete();
        assert_eq!(
            approving_body(&content, 1_000_000),
            Body::DevelopmentManager
        );
        assert_eq!(approving_body(&content, 900_000), Body::DevelopmentManager);
        assert_eq!(approving_body(&content, 899_999), Body::ManagementGroup);
        let strategic = DirectiveContent {
            strategic: true,
            ..content
        };
        assert_eq!(approving_body(&strategic, 1_000_000), Body::ManagementGroup);
    }

    #[test]
    fn the_form_round_trips() {
        let content = complete();
        let again = parse_draft(&content.to_form(4)).expect("valid");
        assert_eq!(again, content);
        assert_eq!(content.to_form(4).lock_version, "4");
    }

    #[test]
    fn snapshots_compare_field_by_field() {
        let before = complete();
        let after = DirectiveContent {
            purpose: "Snabbare beslut".into(),
            ..before.clone()
        };
        let rows = super::super::document::compare(
            &snapshot(&before, "ja", "nej"),
            &snapshot(&after, "ja", "nej"),
        );
        let changed: Vec<&str> = rows
            .iter()
            .filter(|r| r.changed)
            .map(|r| r.label_key)
            .collect();
        assert_eq!(changed, vec!["directive-purpose"]);
    }
}

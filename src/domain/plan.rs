//! The project plan (projektplan): it answers one directive version goal by goal, and holds
//! milestones, a budget per year and category, risks, benefits, communication, the handover to
//! maintenance, and the tolerances a status report on the plan is measured against. Rows of the
//! form come as numbered fields (`milestone_name_1`, …); a row left blank is no row.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::document::FieldValue;
use super::status_report::Tolerances;
use super::validation::{
    FieldErrors, optional_amount_sek, optional_date, optional_text, required_text, sum_sek,
    whole_in,
};

pub const TEXT_MAX: usize = 10_000;
pub const ROW_TEXT_MAX: usize = 500;
/// Rows of each kind a plan may have.
pub const ROWS_MAX: usize = 50;
/// The tolerances a new plan starts with, as the schema's defaults.
pub const DEFAULT_TOLERANCES: Tolerances = Tolerances {
    time_days: 30,
    cost_percent: 10,
};
pub const TIME_TOLERANCE_DAYS_MAX: i64 = 365;
pub const COST_TOLERANCE_PERCENT_MAX: i64 = 100;

/// A budget category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetCategory {
    Staff,
    Licences,
    Consultants,
    Other,
}

impl BudgetCategory {
    pub const ALL: [BudgetCategory; 4] = [
        BudgetCategory::Staff,
        BudgetCategory::Licences,
        BudgetCategory::Consultants,
        BudgetCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BudgetCategory::Staff => "staff",
            BudgetCategory::Licences => "licences",
            BudgetCategory::Consultants => "consultants",
            BudgetCategory::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<BudgetCategory, &'static str> {
        BudgetCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            BudgetCategory::Staff => "budget-category-staff",
            BudgetCategory::Licences => "budget-category-licences",
            BudgetCategory::Consultants => "budget-category-consultants",
            BudgetCategory::Other => "budget-category-other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub name: String,
    pub planned_on: NaiveDate,
    pub actual_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub year: i32,
    pub category: BudgetCategory,
    pub amount_sek: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub description: String,
    /// 1–5.
    pub probability: u8,
    /// 1–5.
    pub consequence: u8,
    pub mitigation: String,
    pub owner: String,
}

impl Risk {
    /// Probability × consequence, 1–25.
    pub fn score(&self) -> u8 {
        self.probability * self.consequence
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    pub indicator: String,
    pub baseline: String,
    pub target: String,
    pub measured_on: Option<NaiveDate>,
    pub owner: String,
}

/// A plan's content, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanContent {
    /// The answer to each goal of the directive version, by the goal's id.
    pub goal_answers: BTreeMap<i64, String>,
    pub milestones: Vec<Milestone>,
    pub budget: Vec<BudgetLine>,
    pub risks: Vec<Risk>,
    pub benefits: Vec<Benefit>,
    pub communication: String,
    pub handover_owner: String,
    pub maintenance_object: String,
    /// Why the budget goes above the directive's frame, when it does.
    pub over_frame_reason: String,
    /// How far a status report's forecasts may go before it is an exception report.
    pub tolerances: Tolerances,
}

impl Default for PlanContent {
    /// An empty plan, with the tolerances a new plan is offered.
    fn default() -> Self {
        PlanContent {
            goal_answers: BTreeMap::new(),
            milestones: Vec::new(),
            budget: Vec::new(),
            risks: Vec::new(),
            benefits: Vec::new(),
            communication: String::new(),
            handover_owner: String::new(),
            maintenance_object: String::new(),
            over_frame_reason: String::new(),
            tolerances: DEFAULT_TOLERANCES,
        }
    }
}

impl PlanContent {
    pub fn budget_total(&self) -> i64 {
        sum_sek(self.budget.iter().map(|l| l.amount_sek))
    }
}

/// The plan form as submitted: every pair, looked up by name.
#[derive(Debug, Clone, Default)]
pub struct PlanForm {
    fields: BTreeMap<String, String>,
}

impl PlanForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> PlanForm {
        PlanForm {
            fields: pairs.iter().cloned().collect(),
        }
    }

    /// The value of a field, empty if absent.
    pub fn get(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.fields.insert(name.to_owned(), value.into());
    }

    /// The highest row number used for a row kind whose fields start with `prefix`.
    pub fn rows(&self, prefix: &str) -> usize {
        self.fields
            .keys()
            .filter_map(|k| {
                k.strip_prefix(prefix)?
                    .rsplit('_')
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .filter(|n| (1..=ROWS_MAX).contains(n))
            .max()
            .unwrap_or(0)
    }
}

/// The name of a row field: `milestone_name_3`.
pub fn row_field(column: &str, row: usize) -> String {
    format!("{column}_{row}")
}

fn score(raw: &str) -> Result<u8, &'static str> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or("error-one-to-five")
}

fn year(raw: &str) -> Result<i32, &'static str> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or("error-year")
}

fn all_blank(form: &PlanForm, columns: &[&str], row: usize) -> bool {
    columns
        .iter()
        .all(|c| form.get(&row_field(c, row)).trim().is_empty())
}

/// Parses a draft plan. `goal_ids` are the goals of the directive version the plan answers. Every
/// value must be of its kind; nothing is required yet except what makes a row a row, and the
/// tolerances, which a stored plan always holds (a new plan is offered the defaults).
pub fn parse_draft(form: &PlanForm, goal_ids: &[i64]) -> Result<PlanContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut content = PlanContent::default();
    for id in goal_ids {
        let field = row_field("answer", usize::try_from(*id).unwrap_or(0));
        let answer = optional_text(form.get(&field), TEXT_MAX);
        if let Some(answer) = errors.check(field, answer) {
            if !answer.is_empty() {
                content.goal_answers.insert(*id, answer);
            }
        }
    }

    const MILESTONE: [&str; 3] = ["milestone_name", "milestone_planned", "milestone_actual"];
    for row in 1..=form.rows("milestone_") {
        if all_blank(form, &MILESTONE, row) {
            continue;
        }
        let name = errors.check(
            row_field(MILESTONE[0], row),
            required_text(form.get(&row_field(MILESTONE[0], row)), ROW_TEXT_MAX),
        );
        let planned = errors.check(
            row_field(MILESTONE[1], row),
            optional_date(form.get(&row_field(MILESTONE[1], row)))
                .and_then(|d| d.ok_or("error-required")),
        );
        let actual = errors.check(
            row_field(MILESTONE[2], row),
            optional_date(form.get(&row_field(MILESTONE[2], row))),
        );
        if let (Some(name), Some(planned_on), Some(actual_on)) = (name, planned, actual) {
            content.milestones.push(Milestone {
                name,
                planned_on,
                actual_on,
            });
        }
    }

    const BUDGET: [&str; 3] = ["budget_year", "budget_category", "budget_amount"];
    for row in 1..=form.rows("budget_") {
        if all_blank(form, &[BUDGET[0], BUDGET[2]], row) {
            continue;
        }
        let y = errors.check(
            row_field(BUDGET[0], row),
            year(form.get(&row_field(BUDGET[0], row))),
        );
        let category = errors.check(
            row_field(BUDGET[1], row),
            BudgetCategory::parse(form.get(&row_field(BUDGET[1], row))),
        );
        let amount = errors.check(
            row_field(BUDGET[2], row),
            optional_amount_sek(form.get(&row_field(BUDGET[2], row)))
                .and_then(|a| a.ok_or("error-required")),
        );
        if let (Some(year), Some(category), Some(amount_sek)) = (y, category, amount) {
            content.budget.push(BudgetLine {
                year,
                category,
                amount_sek,
            });
        }
    }

    const RISK: [&str; 5] = [
        "risk_description",
        "risk_probability",
        "risk_consequence",
        "risk_mitigation",
        "risk_owner",
    ];
    for row in 1..=form.rows("risk_") {
        if all_blank(form, &[RISK[0], RISK[3], RISK[4]], row) {
            continue;
        }
        let description = errors.check(
            row_field(RISK[0], row),
            required_text(form.get(&row_field(RISK[0], row)), ROW_TEXT_MAX),
        );
        let probability = errors.check(
            row_field(RISK[1], row),
            score(form.get(&row_field(RISK[1], row))),
        );
        let consequence = errors.check(
            row_field(RISK[2], row),
            score(form.get(&row_field(RISK[2], row))),
        );
        let mitigation = errors.check(
            row_field(RISK[3], row),
            optional_text(form.get(&row_field(RISK[3], row)), ROW_TEXT_MAX),
        );
        let owner = errors.check(
            row_field(RISK[4], row),
            optional_text(form.get(&row_field(RISK[4], row)), ROW_TEXT_MAX),
        );
        if let (
            Some(description),
            Some(probability),
            Some(consequence),
            Some(mitigation),
            Some(owner),
        ) = (description, probability, consequence, mitigation, owner)
        {
            content.risks.push(Risk {
                description,
                probability,
                consequence,
                mitigation,
                owner,
            });
        }
    }

    const BENEFIT: [&str; 5] = [
        "benefit_indicator",
        "benefit_baseline",
        "benefit_target",
        "benefit_measured",
        "benefit_owner",
    ];
    for row in 1..=form.rows("benefit_") {
        if all_blank(form, &BENEFIT, row) {
            continue;
        }
        let indicator = errors.check(
            row_field(BENEFIT[0], row),
            required_text(form.get(&row_field(BENEFIT[0], row)), ROW_TEXT_MAX),
        );
        let baseline = errors.check(
            row_field(BENEFIT[1], row),
            optional_text(form.get(&row_field(BENEFIT[1], row)), ROW_TEXT_MAX),
        );
        let target = errors.check(
            row_field(BENEFIT[2], row),
            required_text(form.get(&row_field(BENEFIT[2], row)), ROW_TEXT_MAX),
        );
        let measured_on = errors.check(
            row_field(BENEFIT[3], row),
            optional_date(form.get(&row_field(BENEFIT[3], row))),
        );
        let owner = errors.check(
            row_field(BENEFIT[4], row),
            optional_text(form.get(&row_field(BENEFIT[4], row)), ROW_TEXT_MAX),
        );
        if let (Some(indicator), Some(baseline), Some(target), Some(measured_on), Some(owner)) =
            (indicator, baseline, target, measured_on, owner)
        {
            content.benefits.push(Benefit {
                indicator,
                baseline,
                target,
                measured_on,
                owner,
            });
        }
    }

    content.communication = errors
        .check(
            "communication",
            optional_text(form.get("communication"), TEXT_MAX),
        )
        .unwrap_or_default();
    content.handover_owner = errors
        .check(
            "handover_owner",
            optional_text(form.get("handover_owner"), ROW_TEXT_MAX),
        )
        .unwrap_or_default();
    content.maintenance_object = errors
        .check(
            "maintenance_object",
            optional_text(form.get("maintenance_object"), ROW_TEXT_MAX),
        )
        .unwrap_or_default();
    content.over_frame_reason = errors
        .check(
            "over_frame_reason",
            optional_text(form.get("over_frame_reason"), TEXT_MAX),
        )
        .unwrap_or_default();
    let time_days = errors.check(
        "time_tolerance_days",
        whole_in(
            form.get("time_tolerance_days"),
            0..=TIME_TOLERANCE_DAYS_MAX,
            "error-time-tolerance-range",
        ),
    );
    let cost_percent = errors.check(
        "cost_tolerance_percent",
        whole_in(
            form.get("cost_tolerance_percent"),
            0..=COST_TOLERANCE_PERCENT_MAX,
            "error-cost-tolerance-range",
        ),
    );
    if let (Some(time_days), Some(cost_percent)) = (time_days, cost_percent) {
        content.tolerances = Tolerances {
            time_days,
            cost_percent,
        };
    }
    errors.into_result(|| content)
}

/// What a plan must hold before it is submitted to the steering group: an answer to every goal of
/// the directive version, at least one milestone, and a budget within the directive's frame or a
/// stated reason for going above it.
pub fn check_submittable(
    content: &PlanContent,
    goal_ids: &[i64],
    budget_frame_sek: Option<i64>,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for id in goal_ids {
        if !content.goal_answers.contains_key(id) {
            errors.add(
                row_field("answer", usize::try_from(*id).unwrap_or(0)),
                "error-goal-unanswered",
            );
        }
    }
    if content.milestones.is_empty() {
        errors.add("milestone_name_1", "error-milestone-required");
    }
    if let Some(frame) = budget_frame_sek {
        if content.budget_total() > frame && content.over_frame_reason.is_empty() {
            errors.add("over_frame_reason", "error-over-frame-reason");
        }
    }
    errors.into_result(|| ())
}

/// How many risks fall in each cell: `matrix[probability - 1][consequence - 1]`.
pub fn risk_matrix(risks: &[Risk]) -> [[usize; 5]; 5] {
    let mut matrix = [[0; 5]; 5];
    for risk in risks {
        let (p, c) = (usize::from(risk.probability), usize::from(risk.consequence));
        if (1..=5).contains(&p) && (1..=5).contains(&c) {
            matrix[p - 1][c - 1] += 1;
        }
    }
    matrix
}

/// The plan as labelled text, for comparing two versions field by field. `goals` are the
/// directive's goals as (id, text).
pub fn snapshot(content: &PlanContent, goals: &[(i64, String)]) -> Vec<FieldValue> {
    let answers = goals
        .iter()
        .map(|(id, goal)| {
            format!(
                "{goal}: {}",
                content
                    .goal_answers
                    .get(id)
                    .map(String::as_str)
                    .unwrap_or("–")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
    let milestones = content
        .milestones
        .iter()
        .map(|m| format!("{}: {} / {}", m.name, m.planned_on, date(m.actual_on)))
        .collect::<Vec<_>>()
        .join("\n");
    let budget = content
        .budget
        .iter()
        .map(|l| format!("{} {}: {}", l.year, l.category.as_str(), l.amount_sek))
        .collect::<Vec<_>>()
        .join("\n");
    let risks = content
        .risks
        .iter()
        .map(|r| {
            format!(
                "{} ({}×{}) {} – {}",
                r.description, r.probability, r.consequence, r.mitigation, r.owner
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let benefits = content
        .benefits
        .iter()
        .map(|b| {
            format!(
                "{}: {} → {} ({}, {})",
                b.indicator,
                b.baseline,
                b.target,
                date(b.measured_on),
                b.owner
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    vec![
        FieldValue {
            label_key: "plan-goal-answers",
            value: answers,
        },
        FieldValue {
            label_key: "plan-milestones",
            value: milestones,
        },
        FieldValue {
            label_key: "plan-budget",
            value: budget,
        },
        FieldValue {
            label_key: "plan-over-frame-reason",
            value: content.over_frame_reason.clone(),
        },
        FieldValue {
            label_key: "plan-risks",
            value: risks,
        },
        FieldValue {
            label_key: "plan-benefits",
            value: benefits,
        },
        FieldValue {
            label_key: "plan-communication",
            value: content.communication.clone(),
        },
        FieldValue {
            label_key: "plan-handover-owner",
            value: content.handover_owner.clone(),
        },
        FieldValue {
            label_key: "plan-maintenance-object",
            value: content.maintenance_object.clone(),
        },
        FieldValue {
            label_key: "plan-time-tolerance",
            value: content.tolerances.time_days.to_string(),
        },
        FieldValue {
            label_key: "plan-cost-tolerance",
            value: content.tolerances.cost_percent.to_string(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(items: &[(&str, &str)]) -> PlanForm {
        PlanForm::from_pairs(
            &items
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>(),
        )
    }

    fn valid() -> PlanForm {
        form(&[
            ("answer_11", "E-tjänsten lanseras i juni"),
            ("answer_12", "Mäts kvartalsvis"),
            ("milestone_name_1", "Upphandling klar"),
            ("milestone_planned_1", "2026-03-01"),
            ("milestone_name_2", ""),
            ("milestone_planned_2", ""),
            ("budget_year_1", "2026"),
            ("budget_category_1", "consultants"),
            ("budget_amount_1", "600 000"),
            ("budget_year_2", "2027"),
            ("budget_category_2", "licences"),
            ("budget_amount_2", "200 000"),
            ("risk_description_1", "Leverantören försenas"),
            ("risk_probability_1", "3"),
            ("risk_consequence_1", "4"),
            ("benefit_indicator_1", "Handläggningstid"),
            ("benefit_target_1", "10 dagar"),
            ("handover_owner", "Förvaltningsledare IT"),
            ("time_tolerance_days", "30"),
            ("cost_tolerance_percent", "10"),
        ])
    }

    #[test]
    fn rows_are_read_and_blank_rows_dropped() {
        let content = parse_draft(&valid(), &[11, 12]).expect("valid");
        assert_eq!(content.goal_answers.len(), 2);
        assert_eq!(content.milestones.len(), 1);
        assert_eq!(content.budget.len(), 2);
        assert_eq!(content.budget_total(), 800_000);
        assert_eq!(content.risks[0].score(), 12);
        assert_eq!(content.benefits[0].indicator, "Handläggningstid");
    }

    #[test]
    fn bad_rows_are_refused_cell_by_cell() {
        let bad = form(&[
            ("milestone_name_1", "Driftstart"),
            ("milestone_planned_1", "juni"),
            ("budget_year_1", "26"),
            ("budget_category_1", "coffee"),
            ("budget_amount_1", "-5"),
            ("risk_description_1", "Något"),
            ("risk_probability_1", "6"),
            ("risk_consequence_1", "0"),
            ("benefit_baseline_1", "20 dagar"),
        ]);
        let errors = parse_draft(&bad, &[]).unwrap_err();
        assert_eq!(errors.get("milestone_planned_1"), Some("error-date"));
        assert_eq!(errors.get("budget_year_1"), Some("error-year"));
        assert_eq!(
            errors.get("budget_category_1"),
            Some("error-unknown-choice")
        );
        assert_eq!(errors.get("budget_amount_1"), Some("error-negative-amount"));
        assert_eq!(errors.get("risk_probability_1"), Some("error-one-to-five"));
        assert_eq!(errors.get("risk_consequence_1"), Some("error-one-to-five"));
        assert_eq!(errors.get("benefit_indicator_1"), Some("error-required"));
        assert_eq!(errors.get("benefit_target_1"), Some("error-required"));
    }

    #[test]
    fn tolerances_are_whole_numbers_in_range() {
        let with = |field: &str, value: &str| {
            let mut form = valid();
            form.set(field, value);
            parse_draft(&form, &[11, 12])
        };
        let content = with("time_tolerance_days", " 45 ").expect("valid");
        assert_eq!(
            content.tolerances,
            Tolerances {
                time_days: 45,
                cost_percent: 10
            }
        );
        assert_eq!(
            with("time_tolerance_days", "0").map(|c| c.tolerances.time_days),
            Ok(0)
        );
        assert_eq!(
            with("time_tolerance_days", "365").map(|c| c.tolerances.time_days),
            Ok(365)
        );
        assert_eq!(
            with("cost_tolerance_percent", "100").map(|c| c.tolerances.cost_percent),
            Ok(100)
        );
        for (field, value, key) in [
            ("time_tolerance_days", "", "error-required"),
            ("time_tolerance_days", "en månad", "error-whole-number"),
            ("time_tolerance_days", "2.5", "error-whole-number"),
            ("time_tolerance_days", "-1", "error-time-tolerance-range"),
            ("time_tolerance_days", "366", "error-time-tolerance-range"),
            ("cost_tolerance_percent", " ", "error-required"),
            ("cost_tolerance_percent", "10%", "error-whole-number"),
            ("cost_tolerance_percent", "-5", "error-cost-tolerance-range"),
            (
                "cost_tolerance_percent",
                "101",
                "error-cost-tolerance-range",
            ),
        ] {
            let errors = with(field, value).expect_err(value);
            assert_eq!(errors.get(field), Some(key), "{field} = {value:?}");
        }
    }

    #[test]
    fn a_new_plan_starts_with_the_default_tolerances() {
        assert_eq!(PlanContent::default().tolerances, DEFAULT_TOLERANCES);
        assert_eq!(DEFAULT_TOLERANCES.time_days, 30);
        assert_eq!(DEFAULT_TOLERANCES.cost_percent, 10);
    }

    #[test]
    fn tolerances_are_compared_between_versions() {
        let content = parse_draft(&valid(), &[11, 12]).expect("valid");
        let fields = snapshot(&content, &[]);
        let value = |key: &str| {
            fields
                .iter()
                .find(|f| f.label_key == key)
                .map(|f| f.value.clone())
        };
        assert_eq!(value("plan-time-tolerance").as_deref(), Some("30"));
        assert_eq!(value("plan-cost-tolerance").as_deref(), Some("10"));
    }

    #[test]
    fn a_plan_cannot_be_submitted_with_an_unanswered_goal() {
        let content = parse_draft(&valid(), &[11, 12, 13]).expect("valid");
        let errors = check_submittable(&content, &[11, 12, 13], Some(1_000_000)).unwrap_err();
        assert_eq!(errors.get("answer_13"), Some("error-goal-unanswered"));
        assert_eq!(errors.get("answer_11"), None);
        assert!(check_submittable(&content, &[11, 12], Some(1_000_000)).is_ok());
    }

    #[test]
    fn a_budget_over_the_frame_needs_a_reason() {
        let content = parse_draft(&valid(), &[11, 12]).expect("valid");
        let errors = check_submittable(&content, &[11, 12], Some(799_999)).unwrap_err();
        assert_eq!(
            errors.get("over_frame_reason"),
            Some("error-over-frame-reason")
        );
        assert!(check_submittable(&content, &[11, 12], Some(800_000)).is_ok());
        let with_reason = PlanContent {
            over_frame_reason: "Licenspriset steg".into(),
            ..content
        };
        assert!(check_submittable(&with_reason, &[11, 12], Some(799_999)).is_ok());
    }

    #[test]
    fn a_plan_needs_a_milestone_to_be_submitted() {
        let errors = check_submittable(&PlanContent::default(), &[], None).unwrap_err();
        assert_eq!(
            errors.get("milestone_name_1"),
            Some("error-milestone-required")
        );
    }

    #[test]
    fn the_risk_matrix_counts_risks_per_cell() {
        let risk = |p, c| Risk {
            description: "r".into(),
            probability: p,
            consequence: c,
            mitigation: String::new(),
            owner: String::new(),
        };
        let matrix = risk_matrix(&[risk(3, 4), risk(3, 4), risk(1, 5)]);
        assert_eq!(matrix[2][3], 2);
        assert_eq!(matrix[0][4], 1);
        assert_eq!(matrix.iter().flatten().sum::<usize>(), 3);
    }

    #[test]
    fn rows_are_numbered_from_one() {
        assert_eq!(row_field("risk_owner", 2), "risk_owner_2");
        assert_eq!(valid().rows("budget_"), 2);
        assert_eq!(valid().rows("benefit_"), 1);
        assert_eq!(form(&[("risk_owner_99", "x")]).rows("risk_"), 0);
    }
}

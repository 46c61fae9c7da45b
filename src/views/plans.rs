//! The project plan's pages: a version read-only (goal by goal beside the directive, milestones,
//! budget against the frame, risks with their matrix, benefits, handover), the draft's form with
//! its numbered rows, and the comparison of two versions.

use std::collections::BTreeSet;

use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::plans::{AnsweredDirective, PlanDoc, PlanRow, PlanVersion};
use crate::db::projects::ProjectView;
use crate::domain::decision::Body;
use crate::domain::document::{Compared, Status};
use crate::domain::plan::{
    BudgetCategory, PlanContent, PlanForm, ROWS_MAX, risk_matrix, row_field,
};
use crate::domain::validation::{FieldErrors, sum_sek};
use crate::views::components::{
    self, csrf_field, decision_number, notice, saved_meanwhile, select_field,
};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// The steering group's decision on a submitted plan, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decided_on: String,
    pub text: String,
    pub reason: String,
}

/// What the page says on top: a step done, or why one was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    Notice(&'static str),
    Refused(&'static str),
}

/// What the user may do with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rights {
    /// Draft, edit, submit and revise: the project's lead and the development manager.
    pub may_draft: bool,
    /// Approve or return: the steering group's chair and the development manager, or the body
    /// above when the chair wrote the version.
    pub may_decide: bool,
    /// The user drafted or submitted the version, so four eyes refuses their decision on it.
    pub own_version: bool,
    /// The body that decides the version when it is not the steering group: its chair wrote it.
    pub escalated_to: Option<Body>,
}

/// Everything a plan version's page shows.
pub struct PlanPage<'a> {
    pub project: &'a ProjectView,
    pub doc: &'a PlanDoc,
    /// Every version, newest first.
    pub versions: &'a [PlanVersion],
    /// The version of the newest approved project directive.
    pub newest_directive: Option<i32>,
    pub rights: Rights,
    /// The page at `/projects/{id}/plan`, which shows the newest version.
    pub pinned: bool,
    pub message: Option<Message>,
    pub decision: &'a DecisionForm,
    pub decision_errors: &'a FieldErrors,
}

fn plan_path(project_id: i64, plan_id: i64) -> String {
    format!("/projects/{project_id}/plan/{plan_id}")
}

fn breadcrumb(ctx: &Ctx, project: &ProjectView, plan: bool) -> Markup {
    let p = &project.project;
    html! {
        p.breadcrumb {
            a href="/projects" { (ctx.t("projects-title")) } " › "
            a href={ "/projects/" (p.id) } { (p.code) " " (p.name) }
            @if plan {
                " › " a href={ "/projects/" (p.id) "/plan" } { (ctx.t("plan-heading")) }
            }
        }
    }
}

fn message(ctx: &Ctx, message: Option<Message>) -> Markup {
    match message {
        None => html! {},
        Some(Message::Notice(key)) => notice(&ctx.t(key)),
        Some(Message::Refused(key)) => html! {
            div.error-summary role="alert" aria-labelledby="plan_refused_title" tabindex="-1" {
                h2 #plan_refused_title { (ctx.t("plan-refused-title")) }
                p { (ctx.t(key)) }
            }
        },
    }
}

fn status_badge(ctx: &Ctx, status: Status) -> Markup {
    html! { span class={ "badge status " (status.as_str()) } { (ctx.t(status.label_key())) } }
}

fn decision_line(ctx: &Ctx, decision: &DecisionRow) -> String {
    let body = decision
        .body()
        .map(|b| ctx.t(b.label_key()))
        .unwrap_or_default();
    let kind = decision
        .kind()
        .map(|k| ctx.t(k.label_key()))
        .unwrap_or_default();
    ctx.t_args(
        "plan-decision-line",
        &[
            ("kind", kind.into()),
            ("body", body.into()),
            ("number", decision_number(ctx, decision).into()),
            ("date", decision.decided_on.to_string().into()),
        ],
    )
}

/// A project without a plan: what is missing, and the way to create one.
pub struct EmptyPage<'a> {
    pub project: &'a ProjectView,
    /// The version of the newest approved project directive, which a new plan answers.
    pub newest_directive: Option<i32>,
    pub rights: Rights,
    pub message: Option<Message>,
}

pub fn empty(ctx: &Ctx, data: &EmptyPage) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args("plan-title", &[("code", p.code.clone().into())]);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, false))
            h1 { (title) }
            (message(ctx, data.message))
            p { (ctx.t("plan-empty")) }
            @match data.newest_directive {
                None => p.muted { (ctx.t("plan-empty-no-directive")) },
                Some(version) => {
                    @if data.rights.may_draft {
                        form method="post" action={ "/projects/" (p.id) "/plan" } {
                            (csrf_field(ctx))
                            p { (ctx.t_args("plan-create-intro", &[("version", version.into())])) }
                            button type="submit" { (ctx.t("plan-create")) }
                        }
                    }
                },
            }
        },
    )
}

pub fn show(ctx: &Ctx, data: &PlanPage) -> Markup {
    let p = &data.project.project;
    let plan = &data.doc.plan;
    let status = plan.status();
    let title = if data.pinned {
        ctx.t_args("plan-title", &[("code", p.code.clone().into())])
    } else {
        ctx.t_args(
            "plan-version-title",
            &[
                ("version", plan.version.into()),
                ("code", p.code.clone().into()),
            ],
        )
    };
    let newest_version = data.versions.first().map(|v| v.plan.version);
    let is_latest = newest_version == Some(plan.version);
    let previous = data
        .versions
        .iter()
        .map(|v| &v.plan)
        .find(|v| v.version < plan.version);
    let here = plan_path(p.id, plan.id);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, !data.pinned))
            h1 { (title) }
            (message(ctx, data.message))
            dl.definition-list {
                dt { (ctx.t("plan-version")) } dd { (plan.version) }
                dt { (ctx.t("plan-status")) } dd { (status_badge(ctx, status)) }
                dt { (ctx.t("plan-answers-directive")) }
                dd { (ctx.t_args("plan-directive-version", &[("version", data.doc.directive.version.into())])) }
                dt { (ctx.t("plan-decision")) }
                dd {
                    @match &data.doc.decision {
                        Some(decision) => {
                            (decision_line(ctx, decision))
                            @if !decision.text.is_empty() { p.description { (decision.text) } }
                        },
                        None => span.muted { (ctx.t("plan-no-decision")) },
                    }
                }
                @if let Some(reason) = &plan.return_reason {
                    dt { (ctx.t("plan-return-reason")) } dd { p.description { (reason) } }
                }
            }
            @if let Some(newest) = data.newest_directive {
                @if newest > data.doc.directive.version && is_latest && status == Status::Approved {
                    p.notice-warning { (ctx.t_args("plan-newer-directive", &[("version", newest.into())])) }
                }
            }
            (actions(ctx, data, status, is_latest))
            (goals(ctx, &data.doc.directive, &data.doc.content))
            (milestones(ctx, &data.doc.content))
            (budget(ctx, &data.doc.directive, &data.doc.content))
            (risks(ctx, &data.doc.content))
            (benefits(ctx, &data.doc.content))
            h2 { (ctx.t("plan-communication")) }
            (paragraphs(ctx, &data.doc.content.communication))
            h2 { (ctx.t("plan-handover")) }
            dl.definition-list {
                dt { (ctx.t("plan-handover-owner")) } dd { (or_dash(&data.doc.content.handover_owner)) }
                dt { (ctx.t("plan-maintenance-object")) } dd { (or_dash(&data.doc.content.maintenance_object)) }
            }
            h2 { (ctx.t("plan-versions")) }
            div.table-wrap {
                table.data-table.plan-table {
                    caption.sr-only { (ctx.t("plan-versions")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-version")) }
                        th scope="col" { (ctx.t("plan-status")) }
                        th scope="col" { (ctx.t("plan-answers-directive")) }
                        th scope="col" { (ctx.t("plan-updated")) }
                    } }
                    tbody {
                        @for v in data.versions {
                            @let version = &v.plan;
                            @let path = plan_path(p.id, version.id);
                            tr {
                                th scope="row" {
                                    @if path == here && !data.pinned {
                                        a href=(path) aria-current="page" { (ctx.t_args("plan-version-link", &[("version", version.version.into())])) }
                                    } @else {
                                        a href=(path) { (ctx.t_args("plan-version-link", &[("version", version.version.into())])) }
                                    }
                                }
                                td { (status_badge(ctx, version.status())) }
                                td { (ctx.t_args("plan-directive-version", &[("version", v.directive_version.into())])) }
                                td { (version.updated_at.format("%Y-%m-%d")) }
                            }
                        }
                    }
                }
            }
            @if let Some(previous) = previous {
                p {
                    a href={ "/projects/" (p.id) "/plan/compare?from=" (previous.id) "&to=" (plan.id) } {
                        (ctx.t_args("plan-compare-with", &[("from", previous.version.into()), ("to", plan.version.into())]))
                    }
                }
            }
        },
    )
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "–" } else { text }
}

fn paragraphs(ctx: &Ctx, text: &str) -> Markup {
    html! {
        @if text.is_empty() {
            p.muted { (ctx.t("plan-not-written")) }
        } @else {
            p.description { (text) }
        }
    }
}

fn actions(ctx: &Ctx, data: &PlanPage, status: Status, is_latest: bool) -> Markup {
    let p = &data.project.project;
    let base = plan_path(p.id, data.doc.plan.id);
    let errors = data.decision_errors;
    html! {
        @if data.rights.may_draft && status.is_editable() {
            div.plan-actions {
                a.button href={ (base) "/edit" } { (ctx.t("plan-edit")) }
                form.inline-form method="post" action={ (base) "/submit" } {
                    (csrf_field(ctx))
                    " "
                    button type="submit" aria-describedby="plan_submit_hint" { (ctx.t("plan-submit")) }
                }
                p.field-hint #plan_submit_hint { (ctx.t("plan-submit-hint")) }
            }
        }
        @if data.rights.may_draft && status == Status::Approved && is_latest {
            form method="post" action={ (base) "/revise" } {
                (csrf_field(ctx))
                p.field-hint #plan_revise_hint { (ctx.t("plan-revise-hint")) }
                button type="submit" aria-describedby="plan_revise_hint" { (ctx.t("plan-revise")) }
            }
        }
        @if data.rights.may_decide && status == Status::Submitted {
            section.decision-form aria-labelledby="plan_decide_heading" {
                h2 #plan_decide_heading { (ctx.t("plan-decide-heading")) }
                @if let Some(body) = data.rights.escalated_to {
                    p #plan_escalated { (ctx.t_args("plan-decided-by-body", &[("body", ctx.t(body.label_key()).into())])) }
                }
                @if data.rights.own_version {
                    p.field-hint #own_version_note { (ctx.t("document-own-version-note")) }
                }
                (summary(ctx, errors, |field| match field {
                    "decided_on" => Some(ctx.t("plan-decided-on")),
                    "text" => Some(ctx.t("plan-decision-text")),
                    "reason" => Some(ctx.t("plan-reason")),
                    _ => None,
                }))
                form method="post" action={ (base) "/approve" } novalidate {
                    (csrf_field(ctx))
                    (text_input(ctx, "decided_on", &ctx.t("plan-decided-on"), &data.decision.decided_on, errors.get("decided_on"), Some("form-date-hint")))
                    (text_area(ctx, "text", &ctx.t("plan-decision-text"), &data.decision.text, errors.get("text"), Some("plan-decision-text-hint")))
                    (text_area(ctx, "reason", &ctx.t("plan-reason"), &data.decision.reason, errors.get("reason"), Some("plan-reason-hint")))
                    div.form-actions {
                        button type="submit" { (ctx.t("plan-approve")) }
                        " "
                        button.button-secondary type="submit" formaction={ (base) "/return" } { (ctx.t("plan-return")) }
                    }
                }
            }
        }
    }
}

fn goals(ctx: &Ctx, directive: &AnsweredDirective, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-goal-answers")) }
        @if directive.goals.is_empty() {
            p.muted { (ctx.t("plan-no-goals")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-goals {
                    caption.sr-only { (ctx.t("plan-goal-answers")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-goal")) }
                        th scope="col" { (ctx.t("plan-answer")) }
                    } }
                    tbody {
                        @for goal in &directive.goals {
                            tr {
                                th scope="row" { (goal.text) }
                                @match content.goal_answers.get(&goal.id) {
                                    Some(answer) => td.pre-line { (answer) },
                                    None => td.unanswered { strong { (ctx.t("plan-unanswered")) } },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn milestones(ctx: &Ctx, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-milestones")) }
        @if content.milestones.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-milestones {
                    caption.sr-only { (ctx.t("plan-milestones")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-milestone-name")) }
                        th scope="col" { (ctx.t("plan-milestone-planned")) }
                        th scope="col" { (ctx.t("plan-milestone-actual")) }
                    } }
                    tbody {
                        @for m in &content.milestones {
                            tr {
                                th scope="row" { (m.name) }
                                td { (components::date(Some(m.planned_on))) }
                                td { (components::date(m.actual_on)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn budget(ctx: &Ctx, directive: &AnsweredDirective, content: &PlanContent) -> Markup {
    let years: BTreeSet<i32> = content.budget.iter().map(|l| l.year).collect();
    let sum = |year: Option<i32>, category: Option<BudgetCategory>| -> i64 {
        sum_sek(
            content
                .budget
                .iter()
                .filter(|l| year.is_none_or(|y| l.year == y))
                .filter(|l| category.is_none_or(|c| l.category == c))
                .map(|l| l.amount_sek),
        )
    };
    let total = content.budget_total();
    html! {
        h2 { (ctx.t("plan-budget")) }
        @if content.budget.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-budget {
                    caption.sr-only { (ctx.t("plan-budget-by-year")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-budget-year")) }
                        @for category in BudgetCategory::ALL {
                            th.numeric scope="col" { (ctx.t(category.label_key())) }
                        }
                        th.numeric scope="col" { (ctx.t("plan-total")) }
                    } }
                    tbody {
                        @for year in &years {
                            tr {
                                th scope="row" { (year) }
                                @for category in BudgetCategory::ALL {
                                    td.numeric { (ctx.sek(sum(Some(*year), Some(category)))) }
                                }
                                td.numeric { strong { (ctx.sek(sum(Some(*year), None))) } }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" { (ctx.t("plan-total")) }
                        @for category in BudgetCategory::ALL {
                            td.numeric { strong { (ctx.sek(sum(None, Some(category)))) } }
                        }
                        td.numeric { strong { (ctx.sek(total)) } }
                    } }
                }
            }
        }
        dl.definition-list #plan-budget-frame {
            dt { (ctx.t("plan-budget-total")) } dd { (ctx.sek(total)) }
            dt { (ctx.t("plan-budget-frame")) }
            dd {
                @match directive.budget_frame_sek {
                    Some(frame) => {
                        (ctx.sek(frame)) " – "
                        @if total > frame {
                            strong { (ctx.t_args("plan-budget-over", &[("amount", ctx.sek(total - frame).into())])) }
                        } @else {
                            (ctx.t("plan-budget-within"))
                        }
                    },
                    None => span.muted { (ctx.t("plan-budget-no-frame")) },
                }
            }
            @if !content.over_frame_reason.is_empty() || directive.budget_frame_sek.is_some_and(|f| total > f) {
                dt { (ctx.t("plan-over-frame-reason")) }
                dd {
                    @if content.over_frame_reason.is_empty() {
                        strong { (ctx.t("plan-budget-no-reason")) }
                    } @else {
                        span.pre-line { (content.over_frame_reason) }
                    }
                }
            }
        }
    }
}

/// How grave a cell of the risk matrix is; the count in the cell is what it says, the colour only
/// repeats it.
fn risk_level(probability: usize, consequence: usize) -> &'static str {
    match probability * consequence {
        0..=4 => "risk_low",
        5..=12 => "risk_medium",
        _ => "risk_high",
    }
}

fn risks(ctx: &Ctx, content: &PlanContent) -> Markup {
    let matrix = risk_matrix(&content.risks);
    html! {
        h2 { (ctx.t("plan-risks")) }
        @if content.risks.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-risks {
                    caption.sr-only { (ctx.t("plan-risks")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-risk-description")) }
                        th.numeric scope="col" { (ctx.t("plan-risk-probability")) }
                        th.numeric scope="col" { (ctx.t("plan-risk-consequence")) }
                        th.numeric scope="col" { (ctx.t("plan-risk-score")) }
                        th scope="col" { (ctx.t("plan-risk-mitigation")) }
                        th scope="col" { (ctx.t("plan-risk-owner")) }
                    } }
                    tbody {
                        @for r in &content.risks {
                            tr {
                                th scope="row" { (r.description) }
                                td.numeric { (r.probability) }
                                td.numeric { (r.consequence) }
                                td.numeric { (r.score()) }
                                td { (or_dash(&r.mitigation)) }
                                td { (or_dash(&r.owner)) }
                            }
                        }
                    }
                }
            }
            h3 #plan_risk_matrix_heading { (ctx.t("plan-risk-matrix")) }
            p.field-hint #plan_risk_matrix_hint { (ctx.t("plan-risk-matrix-hint")) }
            table.risk-matrix aria-describedby="plan_risk_matrix_hint" {
                caption.sr-only { (ctx.t("plan-risk-matrix")) }
                thead { tr {
                    td {}
                    @for c in 1..=5usize {
                        th scope="col" { (ctx.t_args("plan-risk-matrix-consequence", &[("n", c.into())])) }
                    }
                } }
                tbody {
                    @for p in (1..=5usize).rev() {
                        tr {
                            th scope="row" { (ctx.t_args("plan-risk-matrix-probability", &[("n", p.into())])) }
                            @for c in 1..=5usize {
                                @let count = matrix[p - 1][c - 1];
                                @let class = if count > 0 { format!("{} has-risks", risk_level(p, c)) } else { risk_level(p, c).to_owned() };
                                td class=(class) { (count) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn benefits(ctx: &Ctx, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-benefits")) }
        @if content.benefits.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-benefits {
                    caption.sr-only { (ctx.t("plan-benefits")) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-benefit-indicator")) }
                        th scope="col" { (ctx.t("plan-benefit-baseline")) }
                        th scope="col" { (ctx.t("plan-benefit-target")) }
                        th scope="col" { (ctx.t("plan-benefit-measured")) }
                        th scope="col" { (ctx.t("plan-benefit-owner")) }
                    } }
                    tbody {
                        @for b in &content.benefits {
                            tr {
                                th scope="row" { (b.indicator) }
                                td { (or_dash(&b.baseline)) }
                                td { (b.target) }
                                td { (components::date(b.measured_on)) }
                                td { (or_dash(&b.owner)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The kind of a cell of a numbered row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Text,
    Date,
    Category,
    Score,
}

struct Column {
    field: &'static str,
    header_key: &'static str,
    cell: Cell,
}

/// A kind of numbered row in the form.
struct RowTable {
    /// The id of the table, and the name its conflict note goes by.
    id: &'static str,
    /// What every field of the kind starts with.
    prefix: &'static str,
    caption_key: &'static str,
    /// "Milestone { $row }".
    row_key: &'static str,
    columns: &'static [Column],
}

const fn column(field: &'static str, header_key: &'static str, cell: Cell) -> Column {
    Column {
        field,
        header_key,
        cell,
    }
}

const TABLES: [RowTable; 4] = [
    RowTable {
        id: "milestones",
        prefix: "milestone_",
        caption_key: "plan-milestones",
        row_key: "plan-milestone-row",
        columns: &[
            column("milestone_name", "plan-cell-name", Cell::Text),
            column("milestone_planned", "plan-milestone-planned", Cell::Date),
            column("milestone_actual", "plan-milestone-actual", Cell::Date),
        ],
    },
    RowTable {
        id: "budget",
        prefix: "budget_",
        caption_key: "plan-budget",
        row_key: "plan-budget-row",
        columns: &[
            column("budget_year", "plan-budget-year", Cell::Text),
            column("budget_category", "plan-budget-category", Cell::Category),
            column("budget_amount", "plan-budget-amount", Cell::Text),
        ],
    },
    RowTable {
        id: "risks",
        prefix: "risk_",
        caption_key: "plan-risks",
        row_key: "plan-risk-row",
        columns: &[
            column("risk_description", "plan-cell-description", Cell::Text),
            column("risk_probability", "plan-risk-probability", Cell::Score),
            column("risk_consequence", "plan-risk-consequence", Cell::Score),
            column("risk_mitigation", "plan-risk-mitigation", Cell::Text),
            column("risk_owner", "plan-risk-owner", Cell::Text),
        ],
    },
    RowTable {
        id: "benefits",
        prefix: "benefit_",
        caption_key: "plan-benefits",
        row_key: "plan-benefit-row",
        columns: &[
            column("benefit_indicator", "plan-benefit-indicator", Cell::Text),
            column("benefit_baseline", "plan-benefit-baseline", Cell::Text),
            column("benefit_target", "plan-benefit-target", Cell::Text),
            column("benefit_measured", "plan-benefit-measured", Cell::Date),
            column("benefit_owner", "plan-benefit-owner", Cell::Text),
        ],
    },
];

/// The plan's own text fields, with their label keys.
const TEXT_FIELDS: [(&str, &str); 4] = [
    ("communication", "plan-communication"),
    ("handover_owner", "plan-handover-owner"),
    ("maintenance_object", "plan-maintenance-object"),
    ("over_frame_reason", "plan-over-frame-reason"),
];

/// Empty rows offered below the written ones.
const EMPTY_ROWS: usize = 2;

impl RowTable {
    fn is_blank(&self, form: &PlanForm, row: usize) -> bool {
        self.columns
            .iter()
            .all(|c| form.get(&row_field(c.field, row)).trim().is_empty())
    }

    /// The rows to show: every row up to the last one written, then two empty ones.
    fn shown_rows(&self, form: &PlanForm) -> usize {
        let written = (1..=form.rows(self.prefix))
            .rev()
            .find(|row| !self.is_blank(form, *row))
            .unwrap_or(0);
        (written + EMPTY_ROWS).min(ROWS_MAX)
    }

    /// The written rows as text, one a line, to show what was saved meanwhile.
    fn as_text(&self, form: &PlanForm) -> String {
        (1..=form.rows(self.prefix))
            .filter(|row| !self.is_blank(form, *row))
            .map(|row| {
                self.columns
                    .iter()
                    .map(|c| form.get(&row_field(c.field, row)).trim().to_owned())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn cell_label(&self, ctx: &Ctx, column: &Column, row: usize) -> String {
        format!(
            "{}: {}",
            ctx.t_args(self.row_key, &[("row", row.into())]),
            ctx.t(column.header_key)
        )
    }
}

/// The label of a field of the plan form, for the error summary.
fn field_label(ctx: &Ctx, directive: &AnsweredDirective, field: &str) -> Option<String> {
    if let Some(id) = field
        .strip_prefix("answer_")
        .and_then(|id| id.parse::<i64>().ok())
    {
        return directive
            .goals
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.text.clone());
    }
    if let Some((_, key)) = TEXT_FIELDS.iter().find(|(name, _)| *name == field) {
        return Some(ctx.t(key));
    }
    TABLES.iter().find_map(|table| {
        table.columns.iter().find_map(|column| {
            let row = field
                .strip_prefix(column.field)?
                .strip_prefix('_')?
                .parse::<usize>()
                .ok()?;
            Some(table.cell_label(ctx, column, row))
        })
    })
}

/// The list of problems at the top of a form, each linking to its field; like
/// [`components::error_summary`], with labels made at run time.
fn summary(ctx: &Ctx, errors: &FieldErrors, label: impl Fn(&str) -> Option<String>) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
            h2 #error-summary-title { (ctx.t("form-error-summary")) }
            ul {
                @for error in errors.iter() {
                    li {
                        a href={ "#" (error.field) } {
                            @if let Some(label) = label(&error.field) { (label) ": " }
                            (ctx.t(error.key))
                        }
                    }
                }
            }
        }
    }
}

fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids = [
        hint.then(|| format!("{name}-hint")),
        error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!ids.is_empty()).then_some(ids)
}

/// A labelled one-line input whose label is already text.
fn text_input(
    ctx: &Ctx,
    name: &str,
    label: &str,
    value: &str,
    error: Option<&'static str>,
    hint_key: Option<&str>,
) -> Markup {
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(hint) = hint_key { p.field-hint id={ (name) "-hint" } { (ctx.t(hint)) } }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            input id=(name) name=(name) type="text" value=(value)
                aria-describedby=[described_by(name, hint_key.is_some(), error.is_some())]
                aria-invalid=[error.map(|_| "true")];
        }
    }
}

/// A labelled text area whose label is already text (a goal's text, say).
fn text_area(
    ctx: &Ctx,
    name: &str,
    label: &str,
    value: &str,
    error: Option<&'static str>,
    hint_key: Option<&str>,
) -> Markup {
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(hint) = hint_key { p.field-hint id={ (name) "-hint" } { (ctx.t(hint)) } }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            textarea id=(name) name=(name) rows="4"
                aria-describedby=[described_by(name, hint_key.is_some(), error.is_some())]
                aria-invalid=[error.map(|_| "true")] { (value) }
        }
    }
}

/// The options of a cell's drop-down; a value typed that no option has is kept as one, so the
/// form shows what was sent.
fn cell_options(ctx: &Ctx, cell: Cell, value: &str) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = match cell {
        Cell::Category => std::iter::once((String::new(), ctx.t("form-choose")))
            .chain(
                BudgetCategory::ALL
                    .iter()
                    .map(|c| (c.as_str().to_owned(), ctx.t(c.label_key()))),
            )
            .collect(),
        Cell::Score => std::iter::once((String::new(), "–".to_owned()))
            .chain((1..=5).map(|n: u8| (n.to_string(), n.to_string())))
            .collect(),
        Cell::Text | Cell::Date => Vec::new(),
    };
    if !value.is_empty() && !options.iter().any(|(v, _)| v == value) {
        options.push((value.to_owned(), value.to_owned()));
    }
    options
}

fn row_cell(
    ctx: &Ctx,
    table: &RowTable,
    column: &Column,
    row: usize,
    form: &PlanForm,
    errors: &FieldErrors,
) -> Markup {
    let name = row_field(column.field, row);
    let value = form.get(&name);
    let error = errors.get(&name);
    let error_id = format!("{name}-error");
    let hint_id = (column.cell == Cell::Date).then_some("plan_date_hint");
    let described = [hint_id, error.map(|_| error_id.as_str())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described = (!described.is_empty()).then_some(described);
    html! {
        td.plan-cell.has-error[error.is_some()] {
            label.sr-only for=(name) { (table.cell_label(ctx, column, row)) }
            @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
            @match column.cell {
                Cell::Text | Cell::Date => {
                    input id=(name) name=(name) type="text" value=(value)
                        size=[(column.cell == Cell::Date).then_some("10")]
                        aria-describedby=[described.as_deref()]
                        aria-invalid=[error.map(|_| "true")];
                },
                Cell::Category | Cell::Score => {
                    select id=(name) name=(name)
                        aria-describedby=[described.as_deref()]
                        aria-invalid=[error.map(|_| "true")] {
                        @for (v, text) in cell_options(ctx, column.cell, value) {
                            option value=(v) selected[v == value] { (text) }
                        }
                    }
                },
            }
        }
    }
}

fn row_table(
    ctx: &Ctx,
    table: &RowTable,
    form: &PlanForm,
    errors: &FieldErrors,
    saved: Option<&PlanForm>,
) -> Markup {
    let rows = table.shown_rows(form);
    html! {
        h3 id={ (table.id) "-heading" } { (ctx.t(table.caption_key)) }
        @if let Some(saved) = saved {
            (saved_meanwhile(ctx, table.id, &table.as_text(saved), &table.as_text(form)))
        }
        div.table-wrap {
            table.data-table.plan-table.plan-rows id=(table.id) {
                caption.sr-only { (ctx.t(table.caption_key)) }
                thead { tr {
                    th scope="col" { (ctx.t("plan-row-number")) }
                    @for column in table.columns {
                        th scope="col" { (ctx.t(column.header_key)) }
                    }
                } }
                tbody {
                    @for row in 1..=rows {
                        tr {
                            th scope="row" { (row) }
                            @for column in table.columns {
                                (row_cell(ctx, table, column, row, form, errors))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The draft's form.
pub struct EditPage<'a> {
    pub project: &'a ProjectView,
    pub plan: &'a PlanRow,
    pub directive: &'a AnsweredDirective,
    pub form: &'a PlanForm,
    pub errors: &'a FieldErrors,
    /// On a conflict: the plan as someone else saved it meanwhile.
    pub saved: Option<&'a PlanForm>,
    /// The errors are why the stored plan could not be submitted.
    pub submit_refused: bool,
}

pub fn edit(ctx: &Ctx, data: &EditPage) -> Markup {
    let p = &data.project.project;
    let plan = data.plan;
    let title = ctx.t_args(
        "plan-edit-title",
        &[
            ("version", plan.version.into()),
            ("code", p.code.clone().into()),
        ],
    );
    let form = data.form;
    let errors = data.errors;
    let base = plan_path(p.id, plan.id);
    let frame_hint = data
        .directive
        .budget_frame_sek
        .map(|frame| ctx.t_args("plan-over-frame-hint", &[("frame", ctx.sek(frame).into())]));
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, true))
            h1 { (title) }
            p { (ctx.t_args("plan-edit-intro", &[("version", data.directive.version.into())])) }
            @if data.saved.is_some() {
                div.error-summary role="alert" {
                    h2 { (ctx.t("form-conflict-title")) }
                    p { (ctx.t("plan-conflict-text")) }
                }
            }
            @if data.submit_refused {
                div.error-summary role="alert" aria-labelledby="plan_submit_refused_title" {
                    h2 #plan_submit_refused_title { (ctx.t("plan-submit-refused")) }
                    p { (ctx.t("plan-submit-refused-text")) }
                }
            }
            (summary(ctx, errors, |field| field_label(ctx, data.directive, field)))
            form method="post" action={ (base) "/edit" } novalidate {
                (csrf_field(ctx))
                input type="hidden" name="lock_version" value=(form.get("lock_version"));
                h2 { (ctx.t("plan-goal-answers")) }
                @if data.directive.goals.is_empty() {
                    p.muted { (ctx.t("plan-no-goals")) }
                } @else {
                    p.field-hint { (ctx.t("plan-goals-hint")) }
                    @for goal in &data.directive.goals {
                        @let name = row_field("answer", usize::try_from(goal.id).unwrap_or(0));
                        (text_area(ctx, &name, &goal.text, form.get(&name), errors.get(&name), None))
                        @if let Some(saved) = data.saved {
                            (saved_meanwhile(ctx, &name, saved.get(&name).trim(), form.get(&name).trim()))
                        }
                    }
                }
                h2 { (ctx.t("plan-rows-heading")) }
                p.field-hint { (ctx.t("plan-rows-hint")) " " span #plan_date_hint { (ctx.t("form-date-hint")) } }
                @for table in &TABLES {
                    (row_table(ctx, table, form, errors, data.saved))
                }
                h2 { (ctx.t("plan-communication-and-handover")) }
                @for (name, key) in TEXT_FIELDS {
                    @let value = form.get(name);
                    @let hint = match name {
                        "over_frame_reason" => frame_hint.as_deref(),
                        _ => None,
                    };
                    @if matches!(name, "communication" | "over_frame_reason") {
                        div.field.has-error[errors.get(name).is_some()] {
                            label for=(name) { (ctx.t(key)) }
                            @if let Some(hint) = hint { p.field-hint id={ (name) "-hint" } { (hint) } }
                            @if let Some(error) = errors.get(name) { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
                            textarea id=(name) name=(name) rows="5"
                                aria-describedby=[described_by(name, hint.is_some(), errors.get(name).is_some())]
                                aria-invalid=[errors.get(name).map(|_| "true")] { (value) }
                        }
                    } @else {
                        (text_input(ctx, name, &ctx.t(key), value, errors.get(name), None))
                    }
                    @if let Some(saved) = data.saved {
                        (saved_meanwhile(ctx, name, saved.get(name).trim(), value.trim()))
                    }
                }
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " "
                    a href=(base) { (ctx.t("form-cancel")) }
                }
            }
        },
    )
}

/// The comparison of two versions, field by field.
pub struct ComparePage<'a> {
    pub project: &'a ProjectView,
    pub from: &'a PlanRow,
    pub to: &'a PlanRow,
    pub versions: &'a [PlanVersion],
    pub rows: &'a [Compared],
}

pub fn compare(ctx: &Ctx, data: &ComparePage) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args(
        "plan-compare-title",
        &[
            ("from", data.from.version.into()),
            ("to", data.to.version.into()),
            ("code", p.code.clone().into()),
        ],
    );
    let options: Vec<(String, String)> = data
        .versions
        .iter()
        .map(|v| {
            (
                v.plan.id.to_string(),
                ctx.t_args("plan-version-link", &[("version", v.plan.version.into())]),
            )
        })
        .collect();
    let no_errors = FieldErrors::new();
    let changed = data.rows.iter().filter(|r| r.changed).count();
    let from_heading = ctx.t_args(
        "plan-version-link",
        &[("version", data.from.version.into())],
    );
    let to_heading = ctx.t_args("plan-version-link", &[("version", data.to.version.into())]);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, true))
            h1 { (title) }
            form.filter-form method="get" action={ "/projects/" (p.id) "/plan/compare" } {
                (select_field(ctx, &no_errors, "from", "plan-compare-from", &options, &data.from.id.to_string(), None))
                (select_field(ctx, &no_errors, "to", "plan-compare-to", &options, &data.to.id.to_string(), None))
                div.form-actions { button type="submit" { (ctx.t("plan-compare")) } }
            }
            p role="status" { (ctx.t_args("plan-compare-count", &[("count", changed.into())])) }
            div.table-wrap {
                table.data-table.plan-table.compare-table {
                    caption.sr-only { (title) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-compare-field")) }
                        th scope="col" { a href=(plan_path(p.id, data.from.id)) { (from_heading) } }
                        th scope="col" { a href=(plan_path(p.id, data.to.id)) { (to_heading) } }
                        th scope="col" { (ctx.t("plan-compare-change")) }
                    } }
                    tbody {
                        @for row in data.rows {
                            tr.changed[row.changed] {
                                th scope="row" { (ctx.t(row.label_key)) }
                                td.pre-line { (or_dash(&row.left)) }
                                td.pre-line { (or_dash(&row.right)) }
                                td {
                                    @if row.changed {
                                        strong.change-marker { (ctx.t("plan-compare-changed")) }
                                    } @else {
                                        span.muted { (ctx.t("plan-compare-unchanged")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

//! The sections of a plan version as read: goal answers, milestones, budget, risks, benefits.

use super::*;
use crate::views::components::column_heads;

pub(super) fn goals(ctx: &Ctx, directive: &AnsweredDirective, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-goal-answers")) }
        @if directive.goals.is_empty() {
            p.muted { (ctx.t("plan-no-goals")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-goals {
                    caption.sr-only { (ctx.t("plan-goal-answers")) }
                    (column_heads(ctx, &["plan-goal", "plan-answer"]))
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

pub(super) fn milestones(ctx: &Ctx, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-milestones")) }
        @if content.milestones.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-milestones {
                    caption.sr-only { (ctx.t("plan-milestones")) }
                    (column_heads(ctx, &["plan-milestone-name", "plan-milestone-planned", "plan-milestone-actual"]))
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

pub(super) fn budget(ctx: &Ctx, directive: &AnsweredDirective, content: &PlanContent) -> Markup {
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
pub(super) fn risk_level(probability: usize, consequence: usize) -> &'static str {
    match probability * consequence {
        0..=4 => "risk_low",
        5..=12 => "risk_medium",
        _ => "risk_high",
    }
}

pub(super) fn risks(ctx: &Ctx, content: &PlanContent) -> Markup {
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

pub(super) fn benefits(ctx: &Ctx, content: &PlanContent) -> Markup {
    html! {
        h2 { (ctx.t("plan-benefits")) }
        @if content.benefits.is_empty() {
            p.muted { (ctx.t("plan-no-rows")) }
        } @else {
            div.table-wrap {
                table.data-table.plan-table #plan-benefits {
                    caption.sr-only { (ctx.t("plan-benefits")) }
                    (column_heads(ctx, &["plan-benefit-indicator", "plan-benefit-baseline", "plan-benefit-target", "plan-benefit-measured", "plan-benefit-owner"]))
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

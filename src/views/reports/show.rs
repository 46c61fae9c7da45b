//! A version read-only: its lights, texts, amounts and milestone updates, its escalations (open, or
//! answered by a decision), the review, and the steps a user may take on it.

use super::form::escalation_summary;
use super::*;
use crate::domain::status_report::Aspect;
use crate::views::components::{self, column_heads, date, decision_number};

pub fn show(
    ctx: &Ctx,
    data: &ReportData,
    posted: &Posted,
    message: Option<Message>,
    errors: &FieldErrors,
) -> Markup {
    let r = &data.report;
    let computed = data
        .basis
        .as_ref()
        .map(|b| b.computed(&data.updates, r.forecast_sek, r.as_of(data.today)));
    frame(
        ctx,
        data,
        message,
        html! {
            dl.definition-list {
                dt { (ctx.t("report-period")) } dd { (r.period) }
                dt { (ctx.t("report-version-label")) } dd { (r.version) }
                dt { (ctx.t("report-status")) } dd { (status_text(ctx, r.status())) }
                @if let Some(on) = r.submitted_on {
                    dt { (ctx.t("report-submitted-on")) }
                    dd { (on) @if let Some(name) = &data.submitter { " (" (name) ")" } }
                }
                dt { (ctx.t("report-exception")) }
                dd { (ctx.t(if r.exception { "report-exception-yes" } else { "report-exception-no" })) }
                @if let Some(reason) = &r.revision_reason {
                    dt { (ctx.t("report-revision-reason")) } dd { p.description { (reason) } }
                }
            }
            div.table-wrap {
                table.data-table {
                    caption { (ctx.t("report-lights")) }
                    (column_heads(ctx, &["report-aspect", "report-light", "report-comment"]))
                    tbody {
                        @for aspect in Aspect::ALL {
                            tr {
                                th scope="row" { (ctx.t(aspect.label_key())) }
                                td {
                                    (light_badge(ctx, r.light(aspect)))
                                    @if let Some(c) = computed {
                                        @match aspect {
                                            Aspect::Time => { br; span.muted { (ctx.t("report-computed")) " " } (light_badge(ctx, Some(c.time))) },
                                            Aspect::Cost => { br; span.muted { (ctx.t("report-computed")) " " } (light_badge(ctx, Some(c.cost))) },
                                            _ => {},
                                        }
                                    }
                                }
                                td.pre-line { (r.comment(aspect)) }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("report-done")) } (paragraph(ctx, &r.done))
            h2 { (ctx.t("report-next")) } (paragraph(ctx, &r.next_steps))
            h2 { (ctx.t("report-risks")) } (paragraph(ctx, &r.risks))
            h2 { (ctx.t("report-economy")) }
            dl.definition-list {
                dt { (ctx.t("report-cost-to-date")) } dd { (amount(ctx, r.cost_to_date_sek)) }
                dt { (ctx.t("report-forecast")) } dd { (amount(ctx, r.forecast_sek)) }
                @if let Some(basis) = &data.basis {
                    dt { (ctx.t("report-budget")) } dd { (ctx.sek(basis.budget_sek)) }
                }
            }
            (milestone_table(ctx, data))
            (escalations(ctx, data, posted, errors))
            (review(ctx, data, posted, errors))
            (revise(ctx, data, posted, errors))
            (versions_list(ctx, data))
        },
    )
}

fn paragraph(ctx: &Ctx, text: &str) -> Markup {
    html! {
        @if text.is_empty() { p.muted { (ctx.t("report-not-written")) } }
        @else { p.description { (text) } }
    }
}

fn amount(ctx: &Ctx, amount: Option<i64>) -> String {
    amount.map_or_else(|| "–".to_owned(), |a| ctx.sek(a))
}

fn milestone_table(ctx: &Ctx, data: &ReportData) -> Markup {
    let Some(basis) = &data.basis else {
        return html! {};
    };
    if basis.milestones.is_empty() {
        return html! {};
    }
    html! {
        h2 { (ctx.t("report-milestones")) }
        div.table-wrap {
            table.data-table {
                caption.sr-only { (ctx.t("report-milestones")) }
                (column_heads(ctx, &["report-milestone", "report-planned", "report-actual-on", "report-forecast-on"]))
                tbody {
                    @for m in &basis.milestones {
                        @let update = data.updates.iter().find(|u| u.milestone_id == m.id);
                        tr {
                            th scope="row" { (m.name) }
                            td { (m.planned_on) }
                            td { (date(update.and_then(|u| u.actual_on))) }
                            td { (date(update.and_then(|u| u.forecast_on))) }
                        }
                    }
                }
            }
        }
    }
}

fn escalations(ctx: &Ctx, data: &ReportData, posted: &Posted, errors: &FieldErrors) -> Markup {
    let p = data.project.project.id;
    html! {
        h2 #escalations { (ctx.t("report-escalations")) }
        @if data.escalations.is_empty() {
            p.muted { (ctx.t("report-no-escalations")) }
        } @else {
            ul.escalation-list {
                @for e in &data.escalations {
                    li.escalation id={ "escalation-" (e.id) } {
                        (escalation_summary(ctx, e))
                        @match e.answered_by_decision_id.and_then(|id| data.answers.iter().find(|d| d.id == id)) {
                            Some(decision) => p.escalation-answer { (answer_line(ctx, decision)) },
                            None => p.escalation-open { strong { (ctx.t("report-escalation-open")) } },
                        }
                        @if let Some((_, candidates)) = data.candidates.iter().find(|(id, _)| *id == e.id) {
                            (answer_form(ctx, p, e.id, candidates, posted, errors))
                        }
                    }
                }
            }
        }
    }
}

/// "Besvarad av beslut 3/2026 (Ledningsgruppen, 2026-12-01): text", linking to the decision.
pub(super) fn answer_line(ctx: &Ctx, decision: &DecisionRow) -> Markup {
    let body = decision
        .body()
        .map(|b| ctx.t(b.label_key()))
        .unwrap_or_default();
    let href = decision
        .project_id
        .map(|id| format!("/projects/{id}#decisions"));
    html! {
        (ctx.t("report-escalation-answered")) " "
        @match href {
            Some(href) => a href=(href) { (decision_number(ctx, decision)) },
            None => span { (decision_number(ctx, decision)) },
        }
        " (" (body) ", " (decision.decided_on) "): "
        (crate::views::decisions::text_for(ctx, decision))
    }
}

fn answer_form(
    ctx: &Ctx,
    project_id: i64,
    escalation_id: i64,
    candidates: &[DecisionRow],
    posted: &Posted,
    errors: &FieldErrors,
) -> Markup {
    let field = format!("decision_{escalation_id}");
    let chosen = match posted {
        Posted::Decision(id, value) if *id == escalation_id => value.as_str(),
        _ => "",
    };
    let error = errors.get(&field);
    html! {
        @if candidates.is_empty() && error.is_none() {
            p.muted { (ctx.t("report-answer-none")) }
        } @else {
            form.answer-form method="post" action={ "/projects/" (project_id) "/escalations/" (escalation_id) "/answer" } novalidate {
                (csrf_field(ctx))
                div.field.has-error[error.is_some()] {
                    label for=(field) { (ctx.t("report-answer-decision")) }
                    @if let Some(error) = error { p.field-error id={ (field) "-error" } { (ctx.t(error)) } }
                    select id=(field) name="decision"
                        aria-describedby=[described_by(&field, false, error.is_some())]
                        aria-invalid=[error.map(|_| "true")] {
                        option value="" { (ctx.t("form-choose")) }
                        @for d in candidates {
                            option value=(d.id) selected[d.id.to_string() == chosen] {
                                (decision_number(ctx, d)) " (" (d.decided_on) "): " (truncated(&d.text))
                            }
                        }
                    }
                }
                div.form-actions { button type="submit" { (ctx.t("report-answer-submit")) } }
            }
        }
    }
}

fn truncated(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn review(ctx: &Ctx, data: &ReportData, posted: &Posted, errors: &FieldErrors) -> Markup {
    let base = report_path(data.project.project.id, data.report.id);
    let submitted = data.report.status() == Status::Submitted;
    let comment = match posted {
        Posted::Comment(c) => c.as_str(),
        _ => "",
    };
    html! {
        @if let Some(review) = &data.review {
            h2 { (ctx.t("report-review")) }
            p #review_line {
                (ctx.t_args("report-reviewed-by", &[
                    ("name", data.reviewer.clone().unwrap_or_default().into()),
                    ("date", review.reviewed_at.format("%Y-%m-%d").to_string().into()),
                ]))
            }
            @if !review.comment.is_empty() { p.description { (review.comment) } }
        } @else if data.rights.may_review && submitted && data.is_latest {
            section aria-labelledby="review_heading" {
                h2 #review_heading { (ctx.t("report-review")) }
                form method="post" action={ (base) "/review" } novalidate {
                    (csrf_field(ctx))
                    (text_area(ctx, "comment", &ctx.t("report-review-comment"), comment, errors))
                    div.form-actions { button type="submit" { (ctx.t("report-review-submit")) } }
                }
            }
        }
    }
}

fn revise(ctx: &Ctx, data: &ReportData, posted: &Posted, errors: &FieldErrors) -> Markup {
    let base = report_path(data.project.project.id, data.report.id);
    let reason = match posted {
        Posted::Reason(r) => r.as_str(),
        _ => "",
    };
    html! {
        @if data.rights.may_write && data.report.status() == Status::Submitted && data.is_latest {
            section aria-labelledby="revise_heading" {
                h2 #revise_heading { (ctx.t("report-revise")) }
                p.field-hint { (ctx.t("report-revise-hint")) }
                (components::error_summary_by(ctx, &only(errors, "reason"), |_| Some(ctx.t("report-revise-reason"))))
                form method="post" action={ (base) "/revise" } novalidate {
                    (csrf_field(ctx))
                    (text_area(ctx, "reason", &ctx.t("report-revise-reason"), reason, errors))
                    div.form-actions { button type="submit" { (ctx.t("report-revise-submit")) } }
                }
            }
        }
    }
}

fn only(errors: &FieldErrors, field: &str) -> FieldErrors {
    let mut only = FieldErrors::new();
    for e in errors.iter().filter(|e| e.field == field) {
        only.add(e.field.clone(), e.key);
    }
    only
}

//! The roll-ups to the management group: the list, the form that issues one, and a roll-up as it
//! was issued. The page of a roll-up is made from its frozen content alone, so it reads the same
//! at every later meeting; it prints without navigation or forms (`static/print.css`).

use maud::{Markup, html};

use crate::db::rollups::RollupItem;
use crate::domain::portfolio::rollup::{ProjectRef, RollupContent};
use crate::domain::status_report::{Aspect, EscalationKind, EscalationTo, Light};
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, column_heads, csrf_field, error_summary};
use crate::views::escalations::{kind_key, to_key};
use crate::views::layout::{Section, page};
use crate::views::portfolio::{Words, light_badge, signed_percent, signed_sek, subnav};
use crate::web::context::Ctx;

/// The form to issue a roll-up, for the development manager.
pub struct IssueForm<'a> {
    pub period: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn list(ctx: &Ctx, items: &[RollupItem], form: Option<IssueForm>) -> Markup {
    let title = ctx.t("rollups-title");
    page(
        ctx,
        Section::Rollups,
        &title,
        html! {
            h1 { (title) }
            (subnav(ctx, "/rollups"))
            p { (ctx.t("rollups-intro")) }
            @if let Some(form) = form {
                (error_summary(ctx, form.errors, &[("period", "rollups-period")]))
                form.issue-form method="post" action="/rollups" novalidate {
                    (csrf_field(ctx))
                    (Field::text("period", "rollups-period", form.period).required().hint("rollups-period-hint").render(ctx, form.errors))
                    div.form-actions { button type="submit" { (ctx.t("rollups-issue")) } }
                }
            }
            @if items.is_empty() {
                p { (ctx.t("rollups-none")) }
            } @else {
                div.table-wrap {
                    table.data-table {
                        caption { (ctx.t("rollups-caption")) }
                        thead {
                            tr {
                                th scope="col" { (ctx.t("portfolio-period")) }
                                th scope="col" { (ctx.t("rollups-issued-on")) }
                                th scope="col" { (ctx.t("rollups-issued-by")) }
                            }
                        }
                        tbody {
                            @for item in items {
                                tr {
                                    td { a href={ "/rollups/" (item.id) } { (ctx.t_args("rollups-of", &[("period", item.period.clone().into())])) } }
                                    td { (crate::views::portfolio::iso_date(item.issued_at.date())) }
                                    td { (item.issued_by) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn project_link(project: &ProjectRef) -> Markup {
    html! { a href={ "/projects/" (project.id) } { (project.code) } " " (project.name) }
}

fn light_of(raw: &str) -> Option<Light> {
    Light::parse(raw).ok()
}

fn aspect_key(raw: &str) -> &'static str {
    Aspect::ALL
        .into_iter()
        .find(|a| a.field() == raw)
        .map_or("portfolio-unknown", Aspect::label_key)
}

pub fn show(ctx: &Ctx, content: &RollupContent) -> Markup {
    let title = ctx.t_args("rollups-of", &[("period", content.period.clone().into())]);
    let words = Words::new(ctx);
    let c = &content.counts;
    page(
        ctx,
        Section::Rollups,
        &title,
        html! {
            h1 { (title) }
            p.rollup-meta {
                (ctx.t_args("rollups-issued", &[
                    ("name", content.issued_by.clone().into()),
                    ("date", crate::views::portfolio::iso_date(content.issued_on).into()),
                ]))
            }
            p.print-hint { (ctx.t("rollups-print-hint")) }
            h2 { (ctx.t("rollups-overview")) }
            table.data-table.rollup-counts {
                caption { (ctx.t("rollups-counts-caption")) }
                thead { tr {
                    th scope="col" { (ctx.t("report-aspect-overall")) }
                    th.numeric scope="col" { (ctx.t("portfolio-projects")) }
                } }
                tbody {
                    tr { th scope="row" { (light_badge(&words, Some(Light::Green))) } td.numeric { (c.green) } }
                    tr { th scope="row" { (light_badge(&words, Some(Light::Amber))) } td.numeric { (c.amber) } }
                    tr { th scope="row" { (light_badge(&words, Some(Light::Red))) } td.numeric { (c.red) } }
                    tr { th scope="row" { (light_badge(&words, None)) } td.numeric { (c.not_reported) } }
                }
            }
            h2 { (ctx.t("rollups-flagged")) }
            @if content.flagged.is_empty() {
                p { (ctx.t("rollups-flagged-none")) }
            }
            @for flagged in &content.flagged {
                section.rollup-project {
                    h3 { (project_link(&flagged.project)) " – " (light_badge(&words, light_of(&flagged.overall))) }
                    p.muted {
                        (flagged.project.unit)
                        @if let Some(lead) = &flagged.project.lead { " · " (lead) }
                        " · " a href={ "/projects/" (flagged.project.id) "/reports/" (flagged.report_id) } { (ctx.t("rollups-the-report")) }
                    }
                    dl.rollup-comments {
                        @for comment in &flagged.comments {
                            dt { (ctx.t(aspect_key(&comment.aspect))) ": " (light_badge(&words, light_of(&comment.light))) }
                            dd { (comment.text) }
                        }
                    }
                }
            }
            h2 { (ctx.t("rollups-escalations")) }
            @if content.escalations.is_empty() {
                p { (ctx.t("rollups-escalations-none")) }
            } @else {
                table.data-table {
                    caption { (ctx.t("rollups-escalations")) }
                    (column_heads(ctx, &["portfolio-project", "portfolio-kind", "portfolio-addressed-to", "portfolio-raised-on", "portfolio-escalation-text"]))
                    tbody {
                        @for e in &content.escalations {
                            tr {
                                td { (project_link(&e.project)) }
                                td { (ctx.t(kind_key(EscalationKind::parse(&e.kind).ok()))) }
                                td { (ctx.t(to_key(EscalationTo::parse(&e.addressed_to).ok()))) }
                                td { (e.raised_on.map(crate::views::portfolio::iso_date).unwrap_or_default()) }
                                td { a href={ "/projects/" (e.project.id) "/reports/" (e.report_id) } { (e.text) } }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("rollups-deviations")) }
            p.muted { (ctx.t_args("rollups-deviations-rule", &[("percent", content.deviation_percent.into())])) }
            @if content.deviations.is_empty() {
                p { (ctx.t("rollups-deviations-none")) }
            } @else {
                table.data-table {
                    caption { (ctx.t("rollups-deviations")) }
                    thead { tr {
                        th scope="col" { (ctx.t("portfolio-project")) }
                        th.numeric scope="col" { (ctx.t("portfolio-budget")) }
                        th.numeric scope="col" { (ctx.t("portfolio-forecast")) }
                        th.numeric scope="col" { (ctx.t("portfolio-deviation")) }
                    } }
                    tbody {
                        @for d in &content.deviations {
                            tr {
                                td { (project_link(&d.project)) }
                                td.numeric { (ctx.sek(d.budget_sek)) }
                                td.numeric { (ctx.sek(d.forecast_sek)) }
                                td.numeric {
                                    (signed_sek(ctx, d.deviation_sek))
                                    @if let Some(p) = d.percent { " (" (signed_percent(p)) ")" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("rollups-ready-to-close")) }
            p.muted { (ctx.t("rollups-ready-rule")) }
            @if content.ready_to_close.is_empty() {
                p { (ctx.t("rollups-ready-none")) }
            } @else {
                ul {
                    @for item in &content.ready_to_close {
                        li {
                            (project_link(&item.project)) " – "
                            (ctx.t(if item.phase == "closing" { "rollups-ready-closing" } else { "rollups-ready-milestones" }))
                        }
                    }
                }
            }
            h2 { (ctx.t("rollups-missing")) }
            @if content.missing.is_empty() {
                p { (ctx.t("rollups-missing-none")) }
            } @else {
                table.data-table {
                    caption { (ctx.t("rollups-missing")) }
                    (column_heads(ctx, &["portfolio-project", "project-lead", "portfolio-report-state"]))
                    tbody {
                        @for m in &content.missing {
                            tr {
                                td { (project_link(&m.project)) }
                                td { (m.project.lead.as_deref().unwrap_or("–")) }
                                td { (ctx.t(if m.late { "report-state-missing" } else { "report-state-open" })) }
                            }
                        }
                    }
                }
            }
        },
    )
}

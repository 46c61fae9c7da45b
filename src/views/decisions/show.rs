//! One decision's permanent page (`/decisions/{id}`): everything the log holds about it, and the
//! decisions it corrects or that correct it.

use maud::{Markup, html};

use super::{
    Viewer, body_label, category_label, follow_up_text, kind_label, projects_cell, text_cell,
};
use crate::db::decision_log::Detail;
use crate::db::decisions::DecisionRow;
use crate::views::components::{self, notice};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

fn decision_link(decision: &DecisionRow) -> Markup {
    html! { a href={ "/decisions/" (decision.id) } { (decision.citation()) } }
}

pub fn show(ctx: &Ctx, viewer: Viewer, detail: &Detail, saved: bool) -> Markup {
    let listed = &detail.listed;
    let d = &listed.decision;
    let title = ctx.t_args("decisions-show-title", &[("citation", d.citation().into())]);
    let none = "–";
    page(
        ctx,
        Section::Decisions,
        &title,
        html! {
            p.breadcrumb {
                a href="/decisions" { (ctx.t("decisions-title")) }
            }
            h1 { (title) }
            @if saved { (notice(&ctx.t("decisions-saved"))) }
            dl.definition-list {
                dt { (ctx.t("decisions-body")) } dd { (body_label(ctx, d)) }
                dt { (ctx.t("decisions-date")) } dd { (components::date(Some(d.decided_on))) }
                dt { (ctx.t("decisions-kind")) }
                dd { (category_label(ctx, d)) " (" (kind_label(ctx, d)) ")" }
                dt { (ctx.t("decisions-text")) }
                dd.description { (text_cell(ctx, viewer, d)) }
                dt { (ctx.t("decisions-meeting")) }
                dd {
                    @match &detail.meeting {
                        Some(meeting) => {
                            a href={ "/meetings/" (meeting.meeting_id) } { (components::date(Some(meeting.held_on))) }
                            ", " (meeting.item_title)
                        }
                        None => { (ctx.t("decisions-no-meeting")) }
                    }
                }
                dt { (ctx.t("decisions-decided-by")) }
                dd { (listed.decided_by.clone().unwrap_or_else(|| none.into())) }
                dt { (ctx.t("decisions-recorded-by")) }
                dd { (listed.recorded_by.clone().unwrap_or_else(|| none.into())) }
                dt { (ctx.t("decisions-delegated")) }
                dd {
                    @if d.delegated { (ctx.t("decisions-delegated-yes")) }
                    @else { (ctx.t("decisions-delegated-no")) }
                }
                dt { (ctx.t("decisions-project")) }
                dd {
                    @if listed.projects.is_empty() { (none) }
                    @else { (projects_cell(&listed.projects)) }
                }
                dt { (ctx.t("decisions-answers")) }
                dd {
                    @if detail.answers.is_empty() { (none) }
                    ul.plain {
                        @for answer in &detail.answers {
                            li {
                                a href={ "/projects/" (answer.project_id) "/reports/" (answer.report_id) } {
                                    (answer.text)
                                }
                            }
                        }
                    }
                }
                dt { (ctx.t("decisions-registry-number")) }
                dd { (d.registry_number.clone().unwrap_or_else(|| none.into())) }
                dt { (ctx.t("decisions-follow-up")) }
                dd {
                    @let follow_up = follow_up_text(ctx, viewer, listed);
                    @if follow_up.is_empty() { (none) } @else { (follow_up) }
                }
                dt { (ctx.t("decisions-supersedes")) }
                dd {
                    @match &detail.supersedes {
                        Some(old) => { (decision_link(old)) }
                        None => { (none) }
                    }
                }
                dt { (ctx.t("decisions-superseded-by")) }
                dd {
                    @if detail.superseded_by.is_empty() { (ctx.t("decisions-in-force")) }
                    @for (i, newer) in detail.superseded_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        (decision_link(newer))
                    }
                }
            }
        },
    )
}

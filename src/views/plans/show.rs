//! A plan version's page, and the page of a project without a plan.

use super::*;

/// The columns of the table of plan versions.
const VERSION_HEADERS: [&str; 4] = [
    "plan-version",
    "plan-status",
    "plan-answers-directive",
    "plan-updated",
];

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
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, false),
        html! {
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
    let lines: Vec<VersionLine> = data
        .versions
        .iter()
        .map(|v| {
            let href = plan_path(p.id, v.plan.id);
            VersionLine {
                current: href == here && !data.pinned,
                href,
                name: ctx.t_args("plan-version-link", &[("version", v.plan.version.into())]),
                status: v.plan.status(),
                cells: vec![
                    ctx.t_args(
                        "plan-directive-version",
                        &[("version", v.directive_version.into())],
                    ),
                    v.plan.updated_at.format("%Y-%m-%d").to_string(),
                ],
            }
        })
        .collect();
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, !data.pinned),
        html! {
            (message(ctx, data.message))
            dl.definition-list {
                dt { (ctx.t("plan-version")) } dd { (plan.version) }
                dt { (ctx.t("plan-status")) } dd { (status_badge(ctx, status)) }
                dt { (ctx.t("plan-answers-directive")) }
                dd { (ctx.t_args("plan-directive-version", &[("version", data.doc.directive.version.into())])) }
                dt { (ctx.t("document-decision")) }
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
                    dt { (ctx.t("document-return-reason")) } dd { p.description { (reason) } }
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
            h2 { (ctx.t("plan-tolerances")) }
            @let tolerances = data.doc.content.tolerances;
            dl.definition-list #plan-tolerances {
                dt { (ctx.t("plan-time-tolerance")) }
                dd { (ctx.t_args("plan-time-tolerance-value", &[("days", tolerances.time_days.into())])) }
                dt { (ctx.t("plan-cost-tolerance")) }
                dd { (ctx.t_args("plan-cost-tolerance-value", &[("percent", tolerances.cost_percent.into())])) }
            }
            h2 { (ctx.t("plan-versions")) }
            (versions_table(ctx, "plan-versions", &VERSION_HEADERS, &lines))
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

pub(super) fn actions(ctx: &Ctx, data: &PlanPage, status: Status, is_latest: bool) -> Markup {
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
                button type="submit" aria-describedby="plan_revise_hint" { (ctx.t("document-revise")) }
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
                (components::error_summary_by(ctx, errors, |field| match field {
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

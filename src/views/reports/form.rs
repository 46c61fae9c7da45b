//! A draft's form: the lights with their comments, the texts, the amounts, the milestone updates of
//! the approved plan and a new escalation; save and submit.

use super::*;
use crate::db::reports::Computed;
use crate::domain::status_report::{Aspect, EscalationKind, EscalationTo, milestone_field};
use crate::views::components::{self, Field, Input, select_field};

/// The labels of the form's fields, for the error summary.
fn field_label(ctx: &Ctx, data: &ReportData, field: &str) -> Option<String> {
    if let Some(aspect) = Aspect::ALL.into_iter().find(|a| a.field() == field) {
        return Some(ctx.t(aspect.label_key()));
    }
    if let Some(aspect) = Aspect::ALL.into_iter().find(|a| a.comment_field() == field) {
        return Some(comment_label(ctx, aspect));
    }
    let key = match field {
        "done" => "report-done",
        "next" => "report-next",
        "risks" => "report-risks",
        "cost_to_date" => "report-cost-to-date",
        "forecast" => "report-forecast",
        "escalation_text" => "report-escalation-text",
        "escalation_kind" => "report-escalation-kind",
        "escalation_to" => "report-escalation-to",
        _ => {
            let basis = data.basis.as_ref()?;
            let milestone = basis.milestones.iter().find(|m| {
                field == milestone_field(m.id, "actual")
                    || field == milestone_field(m.id, "forecast")
            })?;
            return Some(milestone.name.clone());
        }
    };
    Some(ctx.t(key))
}

fn comment_label(ctx: &Ctx, aspect: Aspect) -> String {
    ctx.t_args(
        "report-comment-for",
        &[("aspect", ctx.t(aspect.label_key()).into())],
    )
}

pub fn draft(
    ctx: &Ctx,
    data: &ReportData,
    posted: &Posted,
    message: Option<Message>,
    errors: &FieldErrors,
) -> Markup {
    let stored = DraftForm::of(&data.report, &data.updates);
    let form = match posted {
        Posted::Draft(typed) => typed.clone(),
        Posted::Escalation(typed) => {
            let mut form = stored.clone();
            form.fields
                .escalation_text
                .clone_from(&typed.escalation_text);
            form.fields
                .escalation_kind
                .clone_from(&typed.escalation_kind);
            form.fields.escalation_to.clone_from(&typed.escalation_to);
            form
        }
        _ => stored,
    };
    let p = data.project.project.id;
    let base = report_path(p, data.report.id);
    // The lights Styr computes follow what was typed, where it reads as dates and amounts; else
    // what is stored.
    let as_of = data.report.as_of(data.today);
    let computed = data.basis.as_ref().map(|b| {
        let typed = match posted {
            Posted::Draft(typed) => typed.figures(b, as_of),
            _ => None,
        };
        match typed {
            Some((updates, forecast)) => b.computed(&updates, forecast, as_of),
            None => b.computed(&data.updates, data.report.forecast_sek, as_of),
        }
    });
    let exception = data.report.exception || computed.is_some_and(Computed::is_exception);
    frame(
        ctx,
        data,
        message,
        html! {
            p { (ctx.t("report-draft-intro")) }
            @if let Some(reason) = &data.report.revision_reason {
                p { strong { (ctx.t("report-revision-reason")) ": " } (reason) }
            }
            @if data.basis.is_none() {
                p.notice-warning { (ctx.t("report-no-plan")) }
            }
            @if exception {
                p.notice-warning #exception_note { (ctx.t("report-exception-note")) }
            }
            (components::error_summary_by(ctx, errors, |field| field_label(ctx, data, field)))
            form method="post" action=(base) novalidate {
                (csrf_field(ctx))
                input type="hidden" name="lock_version" value=(form.lock_version);
                h2 { (ctx.t("report-lights")) }
                p.field-hint { (ctx.t("report-lights-hint")) }
                @for aspect in Aspect::ALL {
                    (light_fieldset(ctx, aspect, &form.fields, errors, computed))
                }
                h2 { (ctx.t("report-texts")) }
                (text_area(ctx, "done", &ctx.t("report-done"), &form.fields.done, errors))
                (text_area(ctx, "next", &ctx.t("report-next"), &form.fields.next, errors))
                (text_area(ctx, "risks", &ctx.t("report-risks"), &form.fields.risks, errors))
                h2 { (ctx.t("report-economy")) }
                @if let Some(basis) = &data.basis {
                    p { (ctx.t_args("report-budget-line", &[("budget", ctx.sek(basis.budget_sek).into()), ("percent", basis.cost_tolerance_percent.into())])) }
                }
                (Field::text("cost_to_date", "report-cost-to-date", &form.fields.cost_to_date).hint("report-amount-hint").render(ctx, errors))
                (Field::text("forecast", "report-forecast", &form.fields.forecast).hint("report-amount-hint").render(ctx, errors))
                (milestones(ctx, data, &form, errors))
                (escalation_fields(ctx, &form.fields, errors))
                div.form-actions {
                    button type="submit" { (ctx.t("report-save")) }
                    " "
                    button.button-secondary type="submit" formaction={ (base) "/submit" } aria-describedby="submit_hint" { (ctx.t("report-submit")) }
                }
                p.field-hint #submit_hint { (ctx.t("report-submit-hint")) }
            }
            (escalations_added(ctx, data))
            (versions_list(ctx, data))
        },
    )
}

/// The light of one aspect as three radio buttons in a fieldset, its comment below; beside time
/// and cost, the light Styr computes from the plan.
fn light_fieldset(
    ctx: &Ctx,
    aspect: Aspect,
    form: &ReportForm,
    errors: &FieldErrors,
    computed: Option<Computed>,
) -> Markup {
    let name = aspect.field();
    let chosen = match aspect {
        Aspect::Overall => &form.overall,
        Aspect::Time => &form.time,
        Aspect::Cost => &form.cost,
        Aspect::Scope => &form.scope,
        Aspect::Resources => &form.resources,
        Aspect::Risk => &form.risk,
    };
    let comment = match aspect {
        Aspect::Overall => &form.overall_comment,
        Aspect::Time => &form.time_comment,
        Aspect::Cost => &form.cost_comment,
        Aspect::Scope => &form.scope_comment,
        Aspect::Resources => &form.resources_comment,
        Aspect::Risk => &form.risk_comment,
    };
    let computed_light = computed.and_then(|c| match aspect {
        Aspect::Time => Some(c.time),
        Aspect::Cost => Some(c.cost),
        _ => None,
    });
    let error = errors.get(name);
    let hint = computed_light.is_some();
    html! {
        fieldset.field.light-choice.has-error[error.is_some()] id=(name)
            aria-describedby=[described_by(name, hint, error.is_some())] {
            legend { (ctx.t(aspect.label_key())) }
            @if let Some(light) = computed_light {
                p.field-hint id={ (name) "-hint" } {
                    (ctx.t("report-computed")) " " (light_badge(ctx, Some(light)))
                }
            }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            @for light in Light::ALL {
                @let id = format!("{name}-{}", light.as_str());
                span.radio {
                    input type="radio" id=(id) name=(name) value=(light.as_str())
                        checked[chosen.trim() == light.as_str()];
                    label for=(id) { (light_badge(ctx, Some(light))) }
                }
            }
        }
        (text_area(ctx, aspect.comment_field(), &comment_label(ctx, aspect), comment, errors))
    }
}

fn milestones(ctx: &Ctx, data: &ReportData, form: &DraftForm, errors: &FieldErrors) -> Markup {
    let Some(basis) = &data.basis else {
        return html! {};
    };
    html! {
        h2 { (ctx.t("report-milestones")) }
        @if basis.milestones.is_empty() {
            p.muted { (ctx.t("report-no-milestones")) }
        } @else {
            p.field-hint { (ctx.t_args("report-milestones-hint", &[("days", basis.time_tolerance_days.into())])) " " (ctx.t("form-date-hint")) }
            @for m in &basis.milestones {
                @let actual = milestone_field(m.id, "actual");
                @let forecast = milestone_field(m.id, "forecast");
                fieldset.milestone-update {
                    legend { (m.name) " – " (ctx.t_args("report-planned-on", &[("date", m.planned_on.to_string().into())])) }
                    (Field::text(&actual, "report-actual-on", form.milestone(&actual)).of(Input::Date).render(ctx, errors))
                    (Field::text(&forecast, "report-forecast-on", form.milestone(&forecast)).of(Input::Date).render(ctx, errors))
                }
            }
        }
    }
}

fn escalation_fields(ctx: &Ctx, form: &ReportForm, errors: &FieldErrors) -> Markup {
    let kinds: Vec<(String, String)> = [EscalationKind::Strategic, EscalationKind::Economic]
        .into_iter()
        .map(|k| (k.as_str().to_owned(), ctx.t(k.label_key())))
        .collect();
    let bodies: Vec<(String, String)> = EscalationTo::ALL
        .into_iter()
        .map(|to| (to.as_str().to_owned(), ctx.t(to.label_key())))
        .collect();
    html! {
        h2 { (ctx.t("report-new-escalation")) }
        p.field-hint { (ctx.t("report-new-escalation-hint")) }
        (text_area(ctx, "escalation_text", &ctx.t("report-escalation-text"), &form.escalation_text, errors))
        (select_field(ctx, errors, "escalation_kind", "report-escalation-kind", &kinds, &form.escalation_kind, Some("form-choose")))
        (select_field(ctx, errors, "escalation_to", "report-escalation-to", &bodies, &form.escalation_to, Some("form-choose")))
    }
}

/// The escalations already added to the draft.
fn escalations_added(ctx: &Ctx, data: &ReportData) -> Markup {
    html! {
        @if !data.escalations.is_empty() {
            h2 #draft_escalations { (ctx.t("report-escalations")) }
            ul aria-labelledby="draft_escalations" {
                @for e in &data.escalations {
                    li.escalation { (escalation_summary(ctx, e)) }
                }
            }
        }
    }
}

/// What an escalation asks, of whom: its text, kind and addressee.
pub(super) fn escalation_summary(ctx: &Ctx, e: &EscalationRow) -> Markup {
    html! {
        span.escalation-meta {
            (e.kind().map(|k| ctx.t(k.label_key())).unwrap_or_default())
            " · "
            (ctx.t_args("report-escalated-to", &[("body", e.to().map(|to| ctx.t(to.label_key())).unwrap_or_default().into())]))
        }
        p.description { (e.text) }
    }
}

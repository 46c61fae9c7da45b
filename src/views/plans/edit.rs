//! The form of a draft plan.

use super::*;

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
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, true),
        html! {
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
            (components::error_summary_by(ctx, errors, |field| field_label(ctx, data.directive, field)))
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
                h2 { (ctx.t("plan-tolerances")) }
                p.field-hint { (ctx.t("plan-tolerances-hint")) }
                @for (name, key, hint) in TOLERANCE_FIELDS {
                    @let value = form.get(name);
                    (text_input(ctx, name, &ctx.t(key), value, errors.get(name), Some(hint)))
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

//! The closing report page.

use maud::{Markup, html};

use crate::db::closing::ClosingRow;
use crate::db::projects::ProjectView;
use crate::db::users::Person;
use crate::domain::closing::ClosingForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, Input, csrf_field, error_summary, notice, saved_meanwhile, select_field,
};
use crate::views::layout::{Section, page as layout};
use crate::web::context::Ctx;

pub struct ClosingPage<'a> {
    pub project: &'a ProjectView,
    pub report: Option<&'a ClosingRow>,
    pub people: &'a [Person],
    pub may_write: bool,
    pub editable: bool,
    pub saved: bool,
}

const LABELS: &[(&str, &str)] = &[
    ("outcome", "closing-outcome"),
    ("final_cost_sek", "closing-final-cost"),
    ("lessons", "closing-lessons"),
    ("handover", "closing-handover"),
    ("maintenance_owner_id", "closing-maintenance-owner"),
    ("benefit_follow_up_on", "closing-benefit-follow-up"),
];

pub fn page(
    ctx: &Ctx,
    data: &ClosingPage,
    form: &ClosingForm,
    errors: &FieldErrors,
    conflict: bool,
) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args("closing-title", &[("code", p.code.clone().into())]);
    let owner_name = |id: Option<i64>| {
        id.and_then(|id| data.people.iter().find(|person| person.id == id))
            .map(|person| person.display_name.clone())
            .unwrap_or_else(|| "–".into())
    };
    let people: Vec<(String, String)> = data
        .people
        .iter()
        .map(|person| (person.id.to_string(), person.display_name.clone()))
        .collect();
    let saved_text = |field: &str| -> String {
        let Some(report) = data.report else {
            return String::new();
        };
        match field {
            "outcome" => report.outcome.clone(),
            "lessons" => report.lessons.clone(),
            "handover" => report.handover.clone(),
            _ => String::new(),
        }
    };
    layout(
        ctx,
        Section::Projects,
        &title,
        html! {
            p.breadcrumb {
                a href="/projects" { (ctx.t("projects-title")) } " › "
                a href={ "/projects/" (p.id) } { (p.code) " " (p.name) }
            }
            h1 { (title) }
            @if data.saved { (notice(&ctx.t("common-saved"))) }
            p { (ctx.t("closing-intro")) }
            @if let Some(report) = data.report {
                dl.definition-list {
                    dt { (ctx.t("closing-outcome")) } dd.description { (or_dash(&report.outcome)) }
                    dt { (ctx.t("closing-final-cost")) } dd { (report.final_cost_sek.map(|c| ctx.sek(c)).unwrap_or_else(|| "–".into())) }
                    dt { (ctx.t("closing-lessons")) } dd.description { (or_dash(&report.lessons)) }
                    dt { (ctx.t("closing-handover")) } dd.description { (or_dash(&report.handover)) }
                    dt { (ctx.t("closing-maintenance-owner")) } dd { (owner_name(report.maintenance_owner_id)) }
                    dt { (ctx.t("closing-benefit-follow-up")) } dd { (report.benefit_follow_up_on.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
                }
            } @else {
                p.muted { (ctx.t("project-no-closing-report")) }
            }
            @if data.may_write && data.editable {
                h2 { (ctx.t(if data.report.is_some() { "closing-edit" } else { "closing-write" })) }
                @if conflict {
                    div.error-summary role="alert" {
                        h2 { (ctx.t("form-conflict-title")) }
                        p { (ctx.t("form-conflict-text")) }
                    }
                }
                (error_summary(ctx, errors, LABELS))
                form method="post" action={ "/projects/" (p.id) "/closing-report" } novalidate {
                    (csrf_field(ctx))
                    input type="hidden" name="lock_version" value=(form.lock_version);
                    (Field::text("outcome", "closing-outcome", &form.outcome).of(Input::TextArea).hint("closing-outcome-hint").render(ctx, errors))
                    @if conflict { (saved_meanwhile(ctx, "outcome", &saved_text("outcome"), &form.outcome)) }
                    (Field::text("final_cost_sek", "closing-final-cost", &form.final_cost_sek).hint("project-budget-hint").render(ctx, errors))
                    (Field::text("lessons", "closing-lessons", &form.lessons).of(Input::TextArea).render(ctx, errors))
                    @if conflict { (saved_meanwhile(ctx, "lessons", &saved_text("lessons"), &form.lessons)) }
                    (Field::text("handover", "closing-handover", &form.handover).of(Input::TextArea).hint("closing-handover-hint").render(ctx, errors))
                    @if conflict { (saved_meanwhile(ctx, "handover", &saved_text("handover"), &form.handover)) }
                    (select_field(ctx, errors, "maintenance_owner_id", "closing-maintenance-owner", &people, &form.maintenance_owner_id, Some("form-nobody")))
                    (Field::text("benefit_follow_up_on", "closing-benefit-follow-up", &form.benefit_follow_up_on).of(Input::Date).hint("form-date-hint").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("form-save")) } }
                }
            } @else if data.may_write {
                @if errors.is_empty() {
                    p.muted { (ctx.t(if p.phase().is_closed() { "project-refused-closed" } else { "closing-report-not-editable" })) }
                } @else {
                    div.error-summary role="alert" {
                        h2 { (ctx.t("form-error-summary")) }
                        @for error in errors.iter() { p { (ctx.t(error.key)) } }
                    }
                }
            }
        },
    )
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "–" } else { text }
}

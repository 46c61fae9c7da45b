//! The project register, a project's page and its form.

use maud::{Markup, html};

use crate::db::projects::{ProjectView, RegisterFilter};
use crate::db::units::Unit;
use crate::db::users::Person;
use crate::domain::phase::Phase;
use crate::domain::policy::{Action, ProjectEditScope, RegisterScope};
use crate::domain::project::ProjectForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    self, Field, Input, csrf_field, error_summary, phase_badge, select_field,
};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

pub fn register(
    ctx: &Ctx,
    filter: &RegisterFilter,
    units: &[Unit],
    projects: &[ProjectView],
) -> Markup {
    let title = ctx.t("projects-title");
    let unit_options = unit_options(units);
    let phase_options: Vec<(String, String)> = Phase::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), ctx.t(p.label_key())))
        .collect();
    let no_errors = FieldErrors::new();
    let selected_unit = filter.unit_id.map(|id| id.to_string()).unwrap_or_default();
    let selected_phase = filter.phase.map(|p| p.as_str()).unwrap_or_default();
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            div.page-header {
                h1 { (title) }
                @if ctx.may(Action::CreateProject) {
                    a.button href="/projects/new" { (ctx.t("projects-new")) }
                }
            }
            form.filter-form method="get" action="/projects" role="search" aria-label=(ctx.t("projects-search-label")) {
                (Field::text("q", "projects-search", &filter.query).render(ctx, &no_errors))
                (select_field(ctx, &no_errors, "unit", "project-unit", &unit_options, &selected_unit, Some("projects-all-units")))
                (select_field(ctx, &no_errors, "phase", "project-phase", &phase_options, selected_phase, Some("projects-all-phases")))
                div.form-actions {
                    button type="submit" { (ctx.t("projects-filter")) }
                    " "
                    a href="/projects" { (ctx.t("projects-clear")) }
                }
            }
            p role="status" { (ctx.t_args("projects-count", &[("count", projects.len().into())])) }
            @if !projects.is_empty() {
                div.table-wrap {
                    table.data-table {
                        caption.sr-only { (title) }
                        thead {
                            tr {
                                th scope="col" { (ctx.t("project-code")) }
                                th scope="col" { (ctx.t("project-name")) }
                                th scope="col" { (ctx.t("project-unit")) }
                                th scope="col" { (ctx.t("project-phase")) }
                                th scope="col" { (ctx.t("project-lead")) }
                                th scope="col" { (ctx.t("project-commissioner")) }
                                th scope="col" { (ctx.t("project-planned-start")) }
                                th scope="col" { (ctx.t("project-planned-end")) }
                                th.numeric scope="col" { (ctx.t("project-budget")) }
                            }
                        }
                        tbody {
                            @for view in projects {
                                @let p = &view.project;
                                tr {
                                    td { a href={ "/projects/" (p.id) } { (p.code) } }
                                    td { (p.name) }
                                    td { (view.unit_name) }
                                    td { (phase_badge(ctx, p.phase())) }
                                    td { (view.project_lead.as_deref().unwrap_or("–")) }
                                    td { (view.commissioner.as_deref().unwrap_or("–")) }
                                    td { (components::date(p.planned_start)) }
                                    td { (components::date(p.planned_end)) }
                                    td.numeric { (p.budget_sek.map(|b| ctx.sek(b)).unwrap_or_else(|| "–".into())) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn unit_options(units: &[Unit]) -> Vec<(String, String)> {
    units
        .iter()
        .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.board_name)))
        .collect()
}

const LABELS: &[(&str, &str)] = &[
    ("code", "project-code"),
    ("name", "project-name"),
    ("description", "project-description"),
    ("unit_id", "project-unit"),
    ("project_lead_id", "project-lead"),
    ("commissioner_id", "project-commissioner"),
    ("planned_start", "project-planned-start"),
    ("planned_end", "project-planned-end"),
    ("budget_sek", "project-budget"),
];

/// What the form is for.
pub enum FormPurpose<'a> {
    /// Registering a project, which starts as an idea; `scope` says whether the user also
    /// appoints its lead and commissioner.
    Create { scope: RegisterScope },
    Edit {
        project: &'a ProjectView,
        scope: ProjectEditScope,
    },
}

/// The create or edit form. `conflict` shows that someone else saved first.
pub fn form(
    ctx: &Ctx,
    purpose: &FormPurpose,
    form: &ProjectForm,
    errors: &FieldErrors,
    units: &[Unit],
    people: &[Person],
    conflict: bool,
) -> Markup {
    let (title, action) = match purpose {
        FormPurpose::Create { .. } => (ctx.t("projects-new"), "/projects".to_owned()),
        FormPurpose::Edit { project, .. } => (
            ctx.t_args(
                "project-edit-title",
                &[("code", project.project.code.clone().into())],
            ),
            format!("/projects/{}/edit", project.project.id),
        ),
    };
    let everything = !matches!(
        purpose,
        FormPurpose::Edit {
            scope: ProjectEditScope::DescriptionOnly,
            ..
        }
    );
    // Only the portfolio owners appoint a lead and a commissioner when registering.
    let appoints = !matches!(
        purpose,
        FormPurpose::Create {
            scope: RegisterScope::Idea
        }
    );
    let people_options: Vec<(String, String)> = people
        .iter()
        .map(|p| (p.id.to_string(), p.display_name.clone()))
        .collect();
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            p.breadcrumb { a href="/projects" { (ctx.t("projects-title")) } }
            h1 { (title) }
            @if conflict {
                div.error-summary role="alert" {
                    h2 { (ctx.t("form-conflict-title")) }
                    p { (ctx.t("form-conflict-text")) }
                }
            }
            (error_summary(ctx, errors, LABELS))
            form method="post" action=(action) novalidate {
                (csrf_field(ctx))
                input type="hidden" name="lock_version" value=(form.lock_version);
                @if everything {
                    (Field::text("code", "project-code", &form.code).required().hint("project-code-hint").render(ctx, errors))
                    (Field::text("name", "project-name", &form.name).required().render(ctx, errors))
                    (select_field(ctx, errors, "unit_id", "project-unit", &unit_options(units), &form.unit_id, Some("form-choose")))
                    @if appoints {
                        (select_field(ctx, errors, "project_lead_id", "project-lead", &people_options, &form.project_lead_id, Some("form-nobody")))
                        (select_field(ctx, errors, "commissioner_id", "project-commissioner", &people_options, &form.commissioner_id, Some("form-nobody")))
                    } @else {
                        p.field-hint { (ctx.t("project-idea-appointed-later")) }
                    }
                    (Field::text("planned_start", "project-planned-start", &form.planned_start).of(Input::Date).hint("form-date-hint").render(ctx, errors))
                    (Field::text("planned_end", "project-planned-end", &form.planned_end).of(Input::Date).hint("form-date-hint").render(ctx, errors))
                    (Field::text("budget_sek", "project-budget", &form.budget_sek).hint("project-budget-hint").render(ctx, errors))
                } @else {
                    p { (ctx.t("project-lead-may-edit-description")) }
                }
                (Field::text("description", "project-description", &form.description).of(Input::TextArea).render(ctx, errors))
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " "
                    @match purpose {
                        FormPurpose::Create { .. } => a href="/projects" { (ctx.t("form-cancel")) },
                        FormPurpose::Edit { project, .. } => a href={ "/projects/" (project.project.id) } { (ctx.t("form-cancel")) },
                    }
                }
            }
        },
    )
}

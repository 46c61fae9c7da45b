//! The form of a draft: a new version of a kind, or editing one.

use super::*;

/// What the form is for.
pub enum FormPurpose<'a> {
    /// Version 1 of a kind; the kind chosen in the link, if any.
    New {
        kind: Option<DirectiveKind>,
    },
    Edit {
        directive: &'a DirectiveRow,
    },
}

/// What someone else saved meanwhile and what the user typed, both as forms, to show the
/// difference beside each field.
pub struct Conflict {
    pub saved: DirectiveForm,
    pub typed: DirectiveForm,
}

pub struct FormPage<'a> {
    pub project: &'a ProjectView,
    pub purpose: FormPurpose<'a>,
    pub form: &'a DirectiveForm,
    pub errors: &'a FieldErrors,
    pub conflict: Option<&'a Conflict>,
    /// The version was submitted but is not complete: say so above the messages.
    pub submit_refused: bool,
    /// A rule of the model refuses the change (a closed record): the catalog key of the reason.
    pub refusal: Option<&'static str>,
}

pub(super) const LABELS: &[(&str, &str)] = &[
    ("kind", "directive-kind"),
    ("background", "directive-background"),
    ("purpose", "directive-purpose"),
    ("scope", "directive-scope"),
    ("out_of_scope", "directive-out-of-scope"),
    ("deliverables", "directive-deliverables"),
    ("time_frame_start", "directive-time-frame-start"),
    ("time_frame_end", "directive-time-frame-end"),
    ("budget_frame_sek", "directive-budget-frame"),
    ("resources", "directive-resources"),
    ("dependencies", "directive-dependencies"),
    ("strategic", "directive-strategic"),
    ("personal_data", "directive-personal-data"),
    (
        "sensitive_personal_data",
        "directive-sensitive-personal-data",
    ),
    ("dpia_needed", "directive-dpia-needed"),
    ("osl_confidentiality", "directive-osl"),
    ("legal_notes", "directive-legal-notes"),
];

/// A field's value in a form as text, for showing what differs after a conflict.
pub(super) fn form_value(ctx: &Ctx, form: &DirectiveForm, name: &str) -> String {
    let text = |s: &str| s.trim().to_owned();
    match name {
        "background" => text(&form.background),
        "purpose" => text(&form.purpose),
        "scope" => text(&form.scope),
        "out_of_scope" => text(&form.out_of_scope),
        "deliverables" => text(&form.deliverables),
        "time_frame_start" => text(&form.time_frame_start),
        "time_frame_end" => text(&form.time_frame_end),
        "budget_frame_sek" => text(&form.budget_frame_sek),
        "resources" => text(&form.resources),
        "dependencies" => text(&form.dependencies),
        "legal_notes" => text(&form.legal_notes),
        "strategic" => yes_no(ctx, form.strategic),
        "personal_data" => yes_no(ctx, form.personal_data),
        "sensitive_personal_data" => yes_no(ctx, form.sensitive_personal_data),
        "dpia_needed" => yes_no(ctx, form.dpia_needed),
        "osl_confidentiality" => yes_no(ctx, form.osl_confidentiality),
        "goals" => form
            .goals
            .iter()
            .map(|g| g.trim())
            .filter(|g| !g.is_empty())
            .enumerate()
            .map(|(i, g)| format!("{}. {g}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// Beside a field after a conflict: what was saved meanwhile, if it differs from what was typed.
pub(super) fn meanwhile(ctx: &Ctx, conflict: Option<&Conflict>, name: &str) -> Markup {
    match conflict {
        Some(c) => saved_meanwhile(
            ctx,
            name,
            &form_value(ctx, &c.saved, name),
            &form_value(ctx, &c.typed, name),
        ),
        None => html! {},
    }
}

/// The form to draft version 1 of a kind, or to edit a draft or returned version.
pub fn form(ctx: &Ctx, data: &FormPage) -> Markup {
    let project = data.project;
    let p = &project.project;
    let (title, action, cancel) = match &data.purpose {
        FormPurpose::New { .. } => (
            ctx.t_args("directive-new-title", &[("code", p.code.clone().into())]),
            format!("/projects/{}/directive", p.id),
            format!("/projects/{}/directive", p.id),
        ),
        FormPurpose::Edit { directive } => (
            ctx.t_args(
                "directive-edit-title",
                &[("name", version_name(ctx, directive).into())],
            ),
            format!("{}/edit", directive_path(p.id, directive.id)),
            directive_path(p.id, directive.id),
        ),
    };
    let form = data.form;
    let errors = data.errors;
    let conflict = data.conflict;
    let mut labels: Vec<(&str, &str)> = LABELS.to_vec();
    labels.extend(GOAL_FIELDS.iter().map(|g| (*g, "directive-goals")));
    let text = |name: &'static str, label: &'static str, value: &str| {
        html! {
            (Field::text(name, label, value).of(Input::TextArea).render(ctx, errors))
            (meanwhile(ctx, conflict, name))
        }
    };
    let date = |name: &'static str, label: &'static str, value: &str| {
        html! {
            (Field::text(name, label, value).of(Input::Date).hint("form-date-hint").render(ctx, errors))
            (meanwhile(ctx, conflict, name))
        }
    };
    let flag = |name: &'static str, label: &'static str, value: bool| {
        html! {
            (checkbox(ctx, errors, name, label, value))
            (meanwhile(ctx, conflict, name))
        }
    };
    let written = form.goals.iter().filter(|g| !g.trim().is_empty()).count();
    let goal_rows = form.goals.len().max(written + 3).min(GOALS_MAX);
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, project, true),
        html! {
            @if conflict.is_some() {
                div.error-summary role="alert" {
                    h2 { (ctx.t("form-conflict-title")) }
                    p { (ctx.t("directive-conflict-text")) }
                }
            }
            @if let Some(key) = data.refusal {
                div.error-summary role="alert" {
                    h2 { (ctx.t("directive-refused-title")) }
                    p { (ctx.t(key)) }
                }
            }
            @if data.submit_refused {
                div.error-summary role="alert" {
                    h2 { (ctx.t("directive-submit-refused-title")) }
                    p { (ctx.t("directive-submit-refused-text")) }
                }
            }
            (error_summary(ctx, errors, &labels))
            form method="post" action=(action) novalidate {
                (csrf_field(ctx))
                @match &data.purpose {
                    FormPurpose::New { kind } => (kind_choice(ctx, errors, *kind)),
                    FormPurpose::Edit { .. } => {
                        input type="hidden" name="lock_version" value=(form.lock_version);
                    }
                }
                (text("background", "directive-background", &form.background))
                (text("purpose", "directive-purpose", &form.purpose))
                fieldset #goals {
                    legend { (ctx.t("directive-goals")) }
                    p.field-hint { (ctx.t("directive-goals-hint")) }
                    @for i in 0..goal_rows {
                        (goal_input(ctx, errors, i, form.goals.get(i).map(String::as_str).unwrap_or_default()))
                    }
                    (meanwhile(ctx, conflict, "goals"))
                }
                (text("scope", "directive-scope", &form.scope))
                (text("out_of_scope", "directive-out-of-scope", &form.out_of_scope))
                (text("deliverables", "directive-deliverables", &form.deliverables))
                (date("time_frame_start", "directive-time-frame-start", &form.time_frame_start))
                (date("time_frame_end", "directive-time-frame-end", &form.time_frame_end))
                (Field::text("budget_frame_sek", "directive-budget-frame", &form.budget_frame_sek).hint("project-budget-hint").render(ctx, errors))
                (meanwhile(ctx, conflict, "budget_frame_sek"))
                (text("resources", "directive-resources", &form.resources))
                (text("dependencies", "directive-dependencies", &form.dependencies))
                fieldset {
                    legend { (ctx.t("directive-decision-level")) }
                    p.field-hint { (ctx.t("directive-strategic-hint")) }
                    (flag("strategic", "directive-strategic", form.strategic))
                }
                fieldset {
                    legend { (ctx.t("directive-legal-heading")) }
                    p.field-hint { (ctx.t("directive-legal-hint")) }
                    (flag("personal_data", "directive-personal-data", form.personal_data))
                    (flag("sensitive_personal_data", "directive-sensitive-personal-data", form.sensitive_personal_data))
                    (flag("dpia_needed", "directive-dpia-needed", form.dpia_needed))
                    (flag("osl_confidentiality", "directive-osl", form.osl_confidentiality))
                }
                (text("legal_notes", "directive-legal-notes", &form.legal_notes))
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " "
                    a href=(cancel) { (ctx.t("form-cancel")) }
                }
            }
        },
    )
}

/// The choice of kind for version 1, as a group of radio buttons.
pub(super) fn kind_choice(
    ctx: &Ctx,
    errors: &FieldErrors,
    chosen: Option<DirectiveKind>,
) -> Markup {
    let error = errors.get("kind");
    let error_id = format!("{}-error", "kind");
    html! {
        fieldset.field.has-error[error.is_some()] #kind
            aria-describedby=[error.map(|_| error_id.as_str())] {
            legend { (ctx.t("directive-kind")) }
            @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
            @for kind in [DirectiveKind::Project, DirectiveKind::PreStudy] {
                @let id = format!("kind_{}", kind.as_str());
                div.radio {
                    input type="radio" id=(id) name="kind" value=(kind.as_str()) checked[chosen == Some(kind)];
                    label for=(id) { (ctx.t(kind.label_key())) }
                }
            }
        }
    }
}

/// The input of the goal in row `i` (0-based), labelled "Mål 1", "Mål 2", ….
pub(super) fn goal_input(ctx: &Ctx, errors: &FieldErrors, i: usize, value: &str) -> Markup {
    let name = GOAL_FIELDS[i.min(GOALS_MAX - 1)];
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (ctx.t_args("directive-goal-n", &[("n", (i + 1).to_string().into())])) }
            @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
            input id=(name) name=(name) type="text" value=(value)
                aria-describedby=[error.map(|_| error_id.as_str())]
                aria-invalid=[error.map(|_| "true")];
        }
    }
}

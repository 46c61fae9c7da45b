//! A project's directives: the current version with every version listed, one version with what
//! the user may do with it, the form to draft or edit one, and the comparison of two versions.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::directives::{Directive, DirectiveRow, VersionEntry};
use crate::db::projects::ProjectView;
use crate::domain::decision::Body;
use crate::domain::directive::{DirectiveForm, DirectiveKind, GOAL_FIELDS, GOALS_MAX};
use crate::domain::document::{Compared, Status};
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    self, Field, Input, checkbox, csrf_field, decision_number, error_summary, notice,
    saved_meanwhile,
};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// A decision as typed: the date, and a comment (approving) or the reason (returning).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decided_on: String,
    pub text: String,
    pub reason: String,
}

/// A decision form as posted: which of the two, and what it held.
#[derive(Debug, Clone)]
pub struct DecisionPosted {
    pub returning: bool,
    pub form: DecisionForm,
}

/// The ids of the approval form's fields; the return form's differ, as both are on one page.
const APPROVE_FIELDS: (&str, &str) = ("approve_decided_on", "approve_text");
const RETURN_FIELDS: (&str, &str) = ("return_decided_on", "return_reason");

impl DecisionPosted {
    /// The ids of the date and text fields of the form that was posted.
    pub fn field_ids(&self) -> (&'static str, &'static str) {
        if self.returning {
            RETURN_FIELDS
        } else {
            APPROVE_FIELDS
        }
    }
}

/// What the user may do with a version as it stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actions {
    pub edit: bool,
    pub submit: bool,
    pub revise: bool,
    /// Approve or return it.
    pub decide: bool,
    /// The user drafted or submitted the version, so four eyes refuses their decision on it.
    pub own_version: bool,
}

/// One version, as its page shows it.
pub struct VersionPage<'a> {
    pub project: &'a ProjectView,
    pub directive: &'a Directive,
    pub created_by_name: &'a str,
    /// The decision on the version, with who recorded it.
    pub decision: Option<&'a (DecisionRow, String)>,
    /// Every version of the project's directives.
    pub versions: &'a [VersionEntry],
    /// The body that decides (or decided) the version.
    pub body: Body,
    pub actions: Actions,
    /// The catalog key of a notice after a step that succeeded.
    pub notice: Option<&'static str>,
    /// The catalog key of why a step was refused.
    pub refusal: Option<&'static str>,
    /// A decision form posted with errors, shown again as typed.
    pub posted: Option<&'a DecisionPosted>,
    pub today: NaiveDate,
    pub errors: &'a FieldErrors,
}

fn project_path(project: &ProjectView) -> String {
    format!("/projects/{}", project.project.id)
}

fn directive_path(project_id: i64, directive_id: i64) -> String {
    format!("/projects/{project_id}/directive/{directive_id}")
}

/// "Projektdirektiv, version 2".
fn version_name(ctx: &Ctx, row: &DirectiveRow) -> String {
    ctx.t_args(
        "directive-version-name",
        &[
            ("kind", ctx.t(row.kind().label_key()).into()),
            ("version", row.version.to_string().into()),
        ],
    )
}

fn status_badge(ctx: &Ctx, status: Status) -> Markup {
    html! { span class={ "badge status " (status.as_str()) } { (ctx.t(status.label_key())) } }
}

fn breadcrumb(ctx: &Ctx, project: &ProjectView, directives: bool) -> Markup {
    let p = &project.project;
    html! {
        p.breadcrumb {
            a href="/projects" { (ctx.t("projects-title")) } " › "
            a href=(project_path(project)) { (p.code) " " (p.name) }
            @if directives {
                " › " a href={ (project_path(project)) "/directive" } { (ctx.t("directive-index-crumb")) }
            }
        }
    }
}

/// "beslut 3/2026, 2026-11-20, infört av Maria Lindqvist".
fn decision_summary(ctx: &Ctx, decision: &DecisionRow, by: &str) -> String {
    ctx.t_args(
        "directive-decision-summary",
        &[
            ("number", decision_number(ctx, decision).into()),
            ("date", decision.decided_on.to_string().into()),
            ("by", by.to_owned().into()),
        ],
    )
}

/// `GET /projects/{id}/directive`: the current version in full, and every version.
pub fn index(
    ctx: &Ctx,
    project: &ProjectView,
    versions: &[VersionEntry],
    current: Option<&VersionPage>,
    may_create: &[DirectiveKind],
) -> Markup {
    let p = &project.project;
    let title = ctx.t_args("directive-index-title", &[("code", p.code.clone().into())]);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, project, false))
            h1 { (title) }
            @if let Some(key) = current.and_then(|c| c.notice) { (notice(&ctx.t(key))) }
            @if !may_create.is_empty() {
                p.actions {
                    @for kind in may_create {
                        a.button href={ (project_path(project)) "/directive/new?kind=" (kind.as_str()) } {
                            (ctx.t(new_key(*kind)))
                        }
                        " "
                    }
                }
            }
            @match current {
                None => p.muted { (ctx.t("directive-none")) },
                Some(current) => {
                    p {
                        (ctx.t("directive-current-intro")) " "
                        a href=(directive_path(p.id, current.directive.row.id)) {
                            (version_name(ctx, &current.directive.row))
                        }
                        " (" (ctx.t(current.directive.row.status().label_key())) ")."
                    }
                    (document(ctx, current))
                }
            }
            (versions_section(ctx, project, versions, current.map(|c| &c.directive.row)))
        },
    )
}

fn new_key(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::Project => "directive-new-project",
        DirectiveKind::PreStudy => "directive-new-pre_study",
    }
}

/// `GET /projects/{id}/directive/{did}`: one version, and what the user may do with it.
pub fn show(ctx: &Ctx, data: &VersionPage) -> Markup {
    let row = &data.directive.row;
    let title = version_name(ctx, row);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, true))
            h1 { (title) }
            @if let Some(key) = data.notice { (notice(&ctx.t(key))) }
            @if let Some(key) = data.refusal {
                div.error-summary role="alert" {
                    h2 { (ctx.t("directive-refused-title")) }
                    p { (ctx.t(key)) }
                }
            }
            (error_summary(ctx, data.errors, DECISION_LABELS))
            (document(ctx, data))
            (versions_section(ctx, data.project, data.versions, Some(row)))
        },
    )
}

const DECISION_LABELS: &[(&str, &str)] = &[
    ("approve_decided_on", "directive-decided-on"),
    ("approve_text", "directive-decision-comment"),
    ("return_decided_on", "directive-decided-on"),
    ("return_reason", "directive-return-reason"),
];

/// A text of the directive, or a note that it is not written.
fn text_block(ctx: &Ctx, text: &str) -> Markup {
    html! {
        @if text.trim().is_empty() {
            p.muted { (ctx.t("directive-not-written")) }
        } @else {
            p.description { (text) }
        }
    }
}

fn yes_no(ctx: &Ctx, value: bool) -> String {
    ctx.t(if value { "common-yes" } else { "common-no" })
}

/// The version's facts, content and actions.
fn document(ctx: &Ctx, data: &VersionPage) -> Markup {
    let row = &data.directive.row;
    let status = row.status();
    let decided = matches!(status, Status::Approved | Status::Returned);
    let show_reason = matches!(status, Status::Returned | Status::Draft);
    html! {
        dl.definition-list {
            dt { (ctx.t("directive-kind")) } dd { (ctx.t(row.kind().label_key())) }
            dt { (ctx.t("directive-version")) } dd { (row.version) }
            dt { (ctx.t("directive-status")) } dd { (status_badge(ctx, status)) }
            dt { (ctx.t("project-commissioner")) }
            dd { (data.project.commissioner.as_deref().unwrap_or("–")) }
            dt { (ctx.t("directive-created-by")) }
            dd { (data.created_by_name) ", " (row.created_at.format("%Y-%m-%d")) }
            dt { (ctx.t("directive-updated")) } dd { (row.updated_at.format("%Y-%m-%d")) }
            dt { (ctx.t("directive-approving-body")) }
            dd {
                (ctx.t(data.body.label_key()))
                @if status.is_editable() { " " span.muted { (ctx.t("directive-body-if-submitted")) } }
            }
            @if let (true, Some((decision, by))) = (decided, data.decision) {
                dt { (ctx.t("directive-decision")) }
                dd {
                    @if let Some(kind) = decision.kind() { (ctx.t(kind.label_key())) ", " }
                    (decision_summary(ctx, decision, by))
                }
                @if status == Status::Approved && !decision.text.is_empty() {
                    dt { (ctx.t("directive-decision-comment")) }
                    dd.description { (decision.text) }
                }
            }
            @if let (true, Some(reason)) = (show_reason, row.return_reason.as_deref()) {
                dt { (ctx.t("directive-return-reason")) } dd.description { (reason) }
            }
        }
        @if show_reason && row.return_reason.is_some() && status == Status::Draft {
            p.muted { (ctx.t("directive-was-returned")) }
        }
        h2 { (ctx.t("directive-background")) }
        (text_block(ctx, &row.background))
        h2 { (ctx.t("directive-purpose")) }
        (text_block(ctx, &row.purpose))
        h2 { (ctx.t("directive-goals")) }
        @if data.directive.goals.is_empty() {
            p.muted { (ctx.t("directive-no-goals")) }
        } @else {
            ol.goals {
                @for goal in &data.directive.goals { li { (goal.text) } }
            }
        }
        h2 { (ctx.t("directive-scope")) }
        (text_block(ctx, &row.scope))
        h2 { (ctx.t("directive-out-of-scope")) }
        (text_block(ctx, &row.out_of_scope))
        h2 { (ctx.t("directive-deliverables")) }
        (text_block(ctx, &row.deliverables))
        h2 { (ctx.t("directive-frame-heading")) }
        dl.definition-list {
            dt { (ctx.t("directive-time-frame-start")) } dd { (components::date(row.time_frame_start)) }
            dt { (ctx.t("directive-time-frame-end")) } dd { (components::date(row.time_frame_end)) }
            dt { (ctx.t("directive-budget-frame")) }
            dd { (row.budget_frame_sek.map(|b| ctx.sek(b)).unwrap_or_else(|| "–".into())) }
            dt { (ctx.t("directive-strategic")) } dd { (yes_no(ctx, row.strategic)) }
        }
        h2 { (ctx.t("directive-resources")) }
        (text_block(ctx, &row.resources))
        h2 { (ctx.t("directive-dependencies")) }
        (text_block(ctx, &row.dependencies))
        h2 { (ctx.t("directive-legal-heading")) }
        dl.definition-list {
            dt { (ctx.t("directive-personal-data")) } dd { (yes_no(ctx, row.personal_data)) }
            dt { (ctx.t("directive-sensitive-personal-data")) } dd { (yes_no(ctx, row.sensitive_personal_data)) }
            dt { (ctx.t("directive-dpia-needed")) } dd { (yes_no(ctx, row.dpia_needed)) }
            dt { (ctx.t("directive-osl")) } dd { (yes_no(ctx, row.osl_confidentiality)) }
        }
        h3 { (ctx.t("directive-legal-notes")) }
        (text_block(ctx, &row.legal_notes))
        (actions(ctx, data))
    }
}

/// The steps the user may take, as links and buttons.
fn actions(ctx: &Ctx, data: &VersionPage) -> Markup {
    let a = data.actions;
    let row = &data.directive.row;
    let base = directive_path(row.project_id, row.id);
    html! {
        @if a.edit || a.submit || a.revise || a.decide {
            h2 #actions { (ctx.t("directive-actions")) }
            @if a.edit || a.submit || a.revise {
                div.form-actions {
                    @if a.edit {
                        a.button href={ (base) "/edit" } { (ctx.t("directive-edit")) }
                        " "
                    }
                    @if a.submit {
                        form.inline-form method="post" action={ (base) "/submit" } {
                            (csrf_field(ctx))
                            button type="submit" { (ctx.t("directive-submit")) }
                        }
                        " "
                    }
                    @if a.revise {
                        form.inline-form method="post" action={ (base) "/revise" } {
                            (csrf_field(ctx))
                            button type="submit" { (ctx.t("directive-revise")) }
                        }
                    }
                }
                @if a.submit { p.field-hint { (ctx.t("directive-submit-hint")) } }
                @if a.revise { p.field-hint { (ctx.t("directive-revise-hint")) } }
            }
            @if a.decide { (decision_forms(ctx, data, &base)) }
        }
    }
}

/// The approval and return forms, each with its own field ids.
fn decision_forms(ctx: &Ctx, data: &VersionPage, base: &str) -> Markup {
    let today = data.today.to_string();
    let approving = data.posted.filter(|p| !p.returning).map(|p| &p.form);
    let returning = data.posted.filter(|p| p.returning).map(|p| &p.form);
    let date_of = |form: Option<&DecisionForm>| {
        form.map(|f| f.decided_on.clone())
            .unwrap_or_else(|| today.clone())
    };
    html! {
        p {
            (ctx.t_args("directive-decide-intro", &[("body", ctx.t(data.body.label_key()).into())]))
        }
        @if data.actions.own_version {
            p.field-hint #own_version_note { (ctx.t("document-own-version-note")) }
        }
        section aria-labelledby="approve_heading" {
            h3 #approve_heading { (ctx.t("directive-approve-heading")) }
            form method="post" action={ (base) "/approve" } novalidate {
                (csrf_field(ctx))
                (DecisionInput { id: APPROVE_FIELDS.0, name: "decided_on", label_key: "directive-decided-on", value: &date_of(approving), textarea: false, hint_key: Some("form-date-hint") }.render(ctx, data.errors))
                (DecisionInput { id: APPROVE_FIELDS.1, name: "text", label_key: "directive-decision-comment", value: approving.map(|f| f.text.as_str()).unwrap_or_default(), textarea: true, hint_key: None }.render(ctx, data.errors))
                button type="submit" { (ctx.t("directive-approve")) }
            }
        }
        section aria-labelledby="return_heading" {
            h3 #return_heading { (ctx.t("directive-return-heading")) }
            form method="post" action={ (base) "/return" } novalidate {
                (csrf_field(ctx))
                (DecisionInput { id: RETURN_FIELDS.0, name: "decided_on", label_key: "directive-decided-on", value: &date_of(returning), textarea: false, hint_key: Some("form-date-hint") }.render(ctx, data.errors))
                (DecisionInput { id: RETURN_FIELDS.1, name: "reason", label_key: "directive-return-reason", value: returning.map(|f| f.reason.as_str()).unwrap_or_default(), textarea: true, hint_key: Some("directive-return-reason-hint") }.render(ctx, data.errors))
                button type="submit" { (ctx.t("directive-return")) }
            }
        }
    }
}

/// A labelled input of a decision form. Its id differs from its name, as the two forms on one page
/// share names.
struct DecisionInput<'a> {
    id: &'a str,
    name: &'a str,
    label_key: &'a str,
    value: &'a str,
    textarea: bool,
    hint_key: Option<&'a str>,
}

impl DecisionInput<'_> {
    fn render(&self, ctx: &Ctx, errors: &FieldErrors) -> Markup {
        let id = self.id;
        let error = errors.get(id);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described_by = [
            self.hint_key.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let described_by = (!described_by.is_empty()).then_some(described_by);
        html! {
            div.field.has-error[error.is_some()] {
                label for=(id) { (ctx.t(self.label_key)) }
                @if let Some(hint) = self.hint_key { p.field-hint id=(hint_id) { (ctx.t(hint)) } }
                @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
                @if self.textarea {
                    textarea id=(id) name=(self.name) rows="4"
                        aria-describedby=[described_by.as_deref()]
                        aria-invalid=[error.map(|_| "true")] { (self.value) }
                } @else {
                    input id=(id) name=(self.name) type="text" value=(self.value)
                        aria-describedby=[described_by.as_deref()]
                        aria-invalid=[error.map(|_| "true")];
                }
            }
        }
    }
}

/// Every version of both kinds, and the choice of two to compare.
fn versions_section(
    ctx: &Ctx,
    project: &ProjectView,
    versions: &[VersionEntry],
    shown: Option<&DirectiveRow>,
) -> Markup {
    if versions.is_empty() {
        return html! {};
    }
    let p = &project.project;
    // Compare the shown version with the one before it of its kind, by default.
    let to = shown.map(|r| r.id);
    let from = shown.and_then(|r| {
        versions
            .iter()
            .find(|v| v.row.kind() == r.kind() && v.row.version == r.version - 1)
            .map(|v| v.row.id)
    });
    html! {
        h2 #versions { (ctx.t("directive-versions")) }
        div.table-wrap {
            table.data-table {
                caption.sr-only { (ctx.t("directive-versions")) }
                thead { tr {
                    th scope="col" { (ctx.t("directive-version")) }
                    th scope="col" { (ctx.t("directive-status")) }
                    th scope="col" { (ctx.t("directive-created-by")) }
                    th scope="col" { (ctx.t("directive-updated")) }
                    th scope="col" { (ctx.t("directive-decision")) }
                } }
                tbody {
                    @for entry in versions {
                        @let row = &entry.row;
                        tr {
                            td {
                                @if Some(row.id) == to {
                                    a href=(directive_path(p.id, row.id)) aria-current="page" { (version_name(ctx, row)) }
                                } @else {
                                    a href=(directive_path(p.id, row.id)) { (version_name(ctx, row)) }
                                }
                            }
                            td { (status_badge(ctx, row.status())) }
                            td { (entry.created_by_name) ", " (row.created_at.format("%Y-%m-%d")) }
                            td { (row.updated_at.format("%Y-%m-%d")) }
                            td {
                                @match (&entry.decision, row.status()) {
                                    (Some(d), Status::Approved | Status::Returned) => {
                                        (decision_number(ctx, d)) ", " (d.decided_on.to_string())
                                    }
                                    _ => { "–" }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if versions.len() > 1 {
            (compare_form(ctx, p.id, versions, from, to))
        }
    }
}

fn compare_form(
    ctx: &Ctx,
    project_id: i64,
    versions: &[VersionEntry],
    from: Option<i64>,
    to: Option<i64>,
) -> Markup {
    let options = |selected: Option<i64>| {
        html! {
            @for entry in versions {
                option value=(entry.row.id) selected[Some(entry.row.id) == selected] {
                    (version_name(ctx, &entry.row)) " (" (ctx.t(entry.row.status().label_key())) ")"
                }
            }
        }
    };
    html! {
        form.filter-form method="get" action={ "/projects/" (project_id) "/directive/compare" } {
            div.field {
                label for="from" { (ctx.t("directive-compare-from")) }
                select id="from" name="from" { (options(from)) }
            }
            div.field {
                label for="to" { (ctx.t("directive-compare-to")) }
                select id="to" name="to" { (options(to)) }
            }
            div.form-actions { button type="submit" { (ctx.t("directive-compare")) } }
        }
    }
}

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

const LABELS: &[(&str, &str)] = &[
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
fn form_value(ctx: &Ctx, form: &DirectiveForm, name: &str) -> String {
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
fn meanwhile(ctx: &Ctx, conflict: Option<&Conflict>, name: &str) -> Markup {
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
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, project, true))
            h1 { (title) }
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
fn kind_choice(ctx: &Ctx, errors: &FieldErrors, chosen: Option<DirectiveKind>) -> Markup {
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
fn goal_input(ctx: &Ctx, errors: &FieldErrors, i: usize, value: &str) -> Markup {
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

/// Two versions, field by field.
pub struct ComparePage<'a> {
    pub project: &'a ProjectView,
    pub versions: &'a [VersionEntry],
    pub from: Option<&'a DirectiveRow>,
    pub to: Option<&'a DirectiveRow>,
    /// The comparison, when two versions are chosen.
    pub rows: Option<&'a [Compared]>,
}

/// `GET /projects/{id}/directive/compare`.
pub fn compare(ctx: &Ctx, data: &ComparePage) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args(
        "directive-compare-title",
        &[("code", p.code.clone().into())],
    );
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            (breadcrumb(ctx, data.project, true))
            h1 { (title) }
            @if data.versions.len() < 2 {
                p.muted { (ctx.t("directive-compare-too-few")) }
            } @else {
                (compare_form(ctx, p.id, data.versions, data.from.map(|r| r.id), data.to.map(|r| r.id)))
            }
            @if let (Some(from), Some(to), Some(rows)) = (data.from, data.to, data.rows) {
                @let changed = rows.iter().filter(|r| r.changed).count();
                p role="status" { (ctx.t_args("directive-compare-count", &[("count", changed.into())])) }
                div.table-wrap {
                    table.data-table.compare-table {
                        caption {
                            (ctx.t_args("directive-compare-caption", &[
                                ("from", version_name(ctx, from).into()),
                                ("to", version_name(ctx, to).into()),
                            ]))
                        }
                        thead { tr {
                            th scope="col" { (ctx.t("directive-compare-field")) }
                            th scope="col" { (version_name(ctx, from)) }
                            th scope="col" { (version_name(ctx, to)) }
                            th scope="col" { (ctx.t("directive-compare-changed")) }
                        } }
                        tbody {
                            @for row in rows {
                                tr class=[row.changed.then_some("changed")] {
                                    th scope="row" { (ctx.t(row.label_key)) }
                                    td { (compared_value(ctx, row.label_key, &row.left)) }
                                    td { (compared_value(ctx, row.label_key, &row.right)) }
                                    td {
                                        @if row.changed { strong { (ctx.t("directive-compare-yes")) } }
                                        @else { span.muted { (ctx.t("directive-compare-no")) } }
                                    }
                                }
                            }
                        }
                    }
                }
                p {
                    a href=(directive_path(p.id, from.id)) { (version_name(ctx, from)) }
                    " · "
                    a href=(directive_path(p.id, to.id)) { (version_name(ctx, to)) }
                }
            }
        },
    )
}

/// A compared value as the page shows it: the budget frame as an amount, the rest as stored.
fn compared_value(ctx: &Ctx, label_key: &str, value: &str) -> String {
    match (label_key, value.parse::<i64>()) {
        ("directive-budget-frame", Ok(amount)) => ctx.sek(amount),
        _ => value.to_owned(),
    }
}

//! The pages of one version: the current version with every version, and one version read-only
//! with what the user may do and the decision forms.

use super::*;

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
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, project, false),
        html! {
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

pub(super) fn new_key(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::Project => "directive-new-project",
        DirectiveKind::PreStudy => "directive-new-pre_study",
    }
}

/// `GET /projects/{id}/directive/{did}`: one version, and what the user may do with it.
pub fn show(ctx: &Ctx, data: &VersionPage) -> Markup {
    let row = &data.directive.row;
    let title = version_name(ctx, row);
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, true),
        html! {
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

pub(super) const DECISION_LABELS: &[(&str, &str)] = &[
    ("approve_decided_on", "directive-decided-on"),
    ("approve_text", "directive-decision-comment"),
    ("return_decided_on", "directive-decided-on"),
    ("return_reason", "document-return-reason"),
];

/// The version's facts, content and actions.
pub(super) fn document(ctx: &Ctx, data: &VersionPage) -> Markup {
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
                dt { (ctx.t("document-decision")) }
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
                dt { (ctx.t("document-return-reason")) } dd.description { (reason) }
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
pub(super) fn actions(ctx: &Ctx, data: &VersionPage) -> Markup {
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
                            button type="submit" { (ctx.t("document-revise")) }
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
pub(super) fn decision_forms(ctx: &Ctx, data: &VersionPage, base: &str) -> Markup {
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
                (DecisionInput { id: RETURN_FIELDS.1, name: "reason", label_key: "document-return-reason", value: returning.map(|f| f.reason.as_str()).unwrap_or_default(), textarea: true, hint_key: Some("directive-return-reason-hint") }.render(ctx, data.errors))
                button type="submit" { (ctx.t("directive-return")) }
            }
        }
    }
}

/// A labelled input of a decision form. Its id differs from its name, as the two forms on one page
/// share names.
pub(super) struct DecisionInput<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) label_key: &'a str,
    pub(super) value: &'a str,
    pub(super) textarea: bool,
    pub(super) hint_key: Option<&'a str>,
}

impl DecisionInput<'_> {
    fn render(&self, ctx: &Ctx, errors: &FieldErrors) -> Markup {
        let id = self.id;
        let error = errors.get(id);
        let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
        let described_by = components::described_by(id, self.hint_key.is_some(), error.is_some());
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

//! The form for a decision the development manager makes under delegation, outside a meeting
//! (`/decisions/new`, posted to `/decisions`).

use maud::{Markup, html};

use crate::db::decision_log::ProjectRef;
use crate::domain::decision::{DecisionKind, TypedDecisionForm};
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, Input, csrf_field, error_summary, select_field};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// The choices the form offers.
pub struct Choices<'a> {
    /// The development managers: (username, name).
    pub delegates: &'a [(String, String)],
    pub projects: &'a [ProjectRef],
}

const LABELS: [(&str, &str); 10] = [
    ("text", "decisions-text"),
    ("kind", "decisions-kind"),
    ("decided_on", "decisions-date"),
    ("decided_by", "decisions-decided-by"),
    ("project", "decisions-project"),
    ("registry_number", "decisions-registry-number"),
    ("confidential_reason", "decisions-confidential-reason"),
    ("follow_up_by", "decisions-follow-up-by"),
    ("follow_up_on", "decisions-follow-up-on"),
    ("supersedes", "decisions-supersedes-id"),
];

pub fn new(ctx: &Ctx, form: &TypedDecisionForm, errors: &FieldErrors, choices: &Choices) -> Markup {
    let title = ctx.t("decisions-new-title");
    // A closure is decided in the management group's meeting, never under delegation.
    let kinds: Vec<(String, String)> = DecisionKind::TYPED
        .into_iter()
        .filter(|k| *k != DecisionKind::Closure)
        .map(|k| (k.as_str().to_owned(), ctx.t(k.label_key())))
        .collect();
    let delegates: Vec<(String, String)> = choices.delegates.to_vec();
    let projects: Vec<(String, String)> = choices
        .projects
        .iter()
        .map(|p| (p.id.to_string(), format!("{} {}", p.code, p.name)))
        .collect();
    page(
        ctx,
        Section::Decisions,
        &title,
        html! {
            p.breadcrumb {
                a href="/decisions" { (ctx.t("decisions-title")) }
            }
            h1 { (title) }
            p { (ctx.t("decisions-new-intro")) }
            (error_summary(ctx, errors, &LABELS))
            form method="post" action="/decisions" novalidate {
                (csrf_field(ctx))
                (Field::text("text", "decisions-text", &form.text).of(Input::TextArea).required().render(ctx, errors))
                (select_field(ctx, errors, "kind", "decisions-kind", &kinds, form.kind.trim(), Some("decisions-choose")))
                (Field::text("decided_on", "decisions-date", &form.decided_on).of(Input::Date).required().hint("decisions-date-hint").render(ctx, errors))
                (select_field(ctx, errors, "decided_by", "decisions-decided-by", &delegates, form.decided_by.trim(), Some("decisions-choose")))
                (select_field(ctx, errors, "project", "decisions-project", &projects, form.project.trim(), Some("decisions-no-project")))
                (Field::text("registry_number", "decisions-registry-number", &form.registry_number).render(ctx, errors))
                (Field::text("confidential_reason", "decisions-confidential-reason", &form.confidential_reason).hint("decisions-confidential-hint").render(ctx, errors))
                (Field::text("follow_up_by", "decisions-follow-up-by", &form.follow_up_by).hint("decisions-username-hint").render(ctx, errors))
                (Field::text("follow_up_on", "decisions-follow-up-on", &form.follow_up_on).of(Input::Date).hint("decisions-date-hint").render(ctx, errors))
                (Field::text("supersedes", "decisions-supersedes-id", &form.supersedes).hint("decisions-supersedes-hint").render(ctx, errors))
                div.form-actions {
                    button type="submit" { (ctx.t("decisions-record")) }
                }
            }
        },
    )
}

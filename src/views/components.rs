//! Small pieces every page uses: form fields with their labels and inline errors, the error
//! summary, the CSRF field, the phase badge.

use maud::{Markup, html};

use crate::domain::phase::Phase;
use crate::domain::validation::FieldErrors;
use crate::web::context::Ctx;

/// The hidden field every state-changing form carries.
pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(ctx.csrf_token); }
}

/// The list of problems at the top of a form, each linking to its field. `labels` maps a field's
/// name to the catalog key of its label.
pub fn error_summary(ctx: &Ctx, errors: &FieldErrors, labels: &[(&str, &str)]) -> Markup {
    error_summary_by(ctx, errors, |field| {
        labels
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| ctx.t(l))
    })
}

/// The list of problems at the top of a form, each linking to its field, with `label` giving a
/// field's label as text (for forms whose labels are made at run time).
pub fn error_summary_by(
    ctx: &Ctx,
    errors: &FieldErrors,
    label: impl Fn(&str) -> Option<String>,
) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
            h2 #error-summary-title { (ctx.t("form-error-summary")) }
            ul {
                @for error in errors.iter() {
                    li {
                        a href={ "#" (error.field) } {
                            @if let Some(label) = label(&error.field) { (label) ": " }
                            (ctx.t(error.key))
                        }
                    }
                }
            }
        }
    }
}

/// The `aria-describedby` of the field `name`: its hint and its error, where it has them.
pub fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids = [
        hint.then(|| format!("{name}-hint")),
        error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!ids.is_empty()).then_some(ids)
}

/// The kind of input a [`Field`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    Date,
    Password,
    TextArea,
}

/// A labelled input with its hint and its error.
pub struct Field<'a> {
    pub name: &'a str,
    pub label_key: &'a str,
    pub value: &'a str,
    pub input: Input,
    pub required: bool,
    pub hint_key: Option<&'a str>,
    pub autocomplete: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn text(name: &'a str, label_key: &'a str, value: &'a str) -> Self {
        Field {
            name,
            label_key,
            value,
            input: Input::Text,
            required: false,
            hint_key: None,
            autocomplete: None,
        }
    }

    pub fn of(mut self, input: Input) -> Self {
        self.input = input;
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, key: &'a str) -> Self {
        self.hint_key = Some(key);
        self
    }

    pub fn autocomplete(mut self, value: &'a str) -> Self {
        self.autocomplete = Some(value);
        self
    }

    pub fn render(&self, ctx: &Ctx, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described_by = described_by(self.name, self.hint_key.is_some(), error.is_some());
        // Dates are text in ISO form (ÅÅÅÅ-MM-DD), as the hint says: a browser's own date input
        // shows the format of its locale, which need not be the one the hint names.
        let input_type = match self.input {
            Input::Text | Input::TextArea | Input::Date => "text",
            Input::Password => "password",
        };
        html! {
            div.field.has-error[error.is_some()] {
                label for=(self.name) {
                    (ctx.t(self.label_key))
                    @if self.required { " " span.required aria-hidden="true" { "*" } }
                }
                @if let Some(hint) = self.hint_key {
                    p.field-hint id=(hint_id) { (ctx.t(hint)) }
                }
                @if let Some(error) = error {
                    p.field-error id=(error_id) { (ctx.t(error)) }
                }
                @if self.input == Input::TextArea {
                    textarea id=(self.name) name=(self.name) rows="6"
                        aria-describedby=[described_by.as_deref()]
                        aria-invalid=[error.map(|_| "true")]
                        required[self.required] { (self.value) }
                } @else {
                    input id=(self.name) name=(self.name) type=(input_type) value=(self.value)
                        autocomplete=[self.autocomplete]
                        aria-describedby=[described_by.as_deref()]
                        aria-invalid=[error.map(|_| "true")]
                        required[self.required];
                }
            }
        }
    }
}

/// A labelled drop-down. `options` are (value, text); `empty` adds a first "none" option.
pub fn select_field(
    ctx: &Ctx,
    errors: &FieldErrors,
    name: &str,
    label_key: &str,
    options: &[(String, String)],
    selected: &str,
    empty: Option<&str>,
) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (ctx.t(label_key)) }
            @if let Some(error) = error {
                p.field-error id=(error_id) { (ctx.t(error)) }
            }
            select id=(name) name=(name)
                aria-describedby=[error.map(|_| error_id.as_str())]
                aria-invalid=[error.map(|_| "true")] {
                @if let Some(empty) = empty {
                    option value="" selected[selected.is_empty()] { (ctx.t(empty)) }
                }
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
    }
}

/// A labelled checkbox.
pub fn checkbox(
    ctx: &Ctx,
    errors: &FieldErrors,
    name: &str,
    label_key: &str,
    checked: bool,
) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        div.field.checkbox.has-error[error.is_some()] {
            @if let Some(error) = error {
                p.field-error id=(error_id) { (ctx.t(error)) }
            }
            input id=(name) name=(name) type="checkbox" value="on" checked[checked]
                aria-describedby=[error.map(|_| error_id.as_str())];
            label for=(name) { (ctx.t(label_key)) }
        }
    }
}

/// A phase as text in a badge; the colour only repeats what the text says.
pub fn phase_badge(ctx: &Ctx, phase: Phase) -> Markup {
    html! { span class={ "badge phase-" (phase.as_str()) } { (ctx.t(phase.label_key())) } }
}

/// A status message after a successful action, announced politely to screen readers.
pub fn notice(text: &str) -> Markup {
    html! { div.notice role="status" { (text) } }
}

/// A date as ISO 8601, which Swedish uses too, or a dash.
pub fn date(value: Option<chrono::NaiveDate>) -> String {
    value
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "–".into())
}

/// Beside a field of a form refused for a conflict: what someone else saved meanwhile, so the user
/// sees both texts and chooses.
pub fn saved_meanwhile(ctx: &Ctx, field: &str, saved: &str, typed: &str) -> Markup {
    if saved == typed {
        return html! {};
    }
    html! {
        div.conflict-saved id={ (field) "-saved" } {
            p { strong { (ctx.t("form-conflict-saved-value")) } }
            @if saved.is_empty() {
                p.muted { (ctx.t("form-conflict-saved-empty")) }
            } @else {
                pre { (saved) }
            }
        }
    }
}

/// A decision's number in its body's series for its year, as every page writes it ("beslut
/// 3/2026").
pub fn decision_number(ctx: &Ctx, decision: &crate::db::decisions::DecisionRow) -> String {
    ctx.t_args(
        "document-decision-number",
        &[
            ("number", decision.number.into()),
            ("year", decision.year.into()),
        ],
    )
}

/// A decision on a version as typed: the date, and a comment (approving) or the reason (returning).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decided_on: String,
    pub text: String,
    pub reason: String,
}

/// A decision form as posted: which of the two (approve or return), and what it held.
#[derive(Debug, Clone)]
pub struct DecisionPosted {
    pub returning: bool,
    pub form: DecisionForm,
}

/// A page about one project: in the projects section, its breadcrumb `crumb`, the heading `title`,
/// then `body`.
pub fn project_page(ctx: &Ctx, title: &str, crumb: Markup, body: Markup) -> Markup {
    crate::views::layout::page(
        ctx,
        crate::views::layout::Section::Projects,
        title,
        html! {
            (crumb)
            h1 { (title) }
            (body)
        },
    )
}

/// A table's head: one column header per catalog key.
pub fn column_heads(ctx: &Ctx, label_keys: &[&str]) -> Markup {
    html! {
        thead { tr {
            @for key in label_keys {
                th scope="col" { (ctx.t(key)) }
            }
        } }
    }
}

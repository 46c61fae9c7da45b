//! The forms under an item of the minutes: a decision
//! (`GET /meetings/{id}/items/{item}/decisions`) and an action item
//! (`GET /meetings/{id}/items/{item}/actions`), each on its own page above the item's record.

use maud::{Markup, html};

use super::{MeetingData, item_record, options, section_label};
use crate::db::meetings::ItemRow;
use crate::domain::decision::{DecisionKind, TypedDecisionForm};
use crate::domain::meeting::ActionForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, Input, csrf_field, described_by, error_summary, select_field,
};
use crate::views::layout::{self, Section as Nav};
use crate::web::context::Ctx;

/// What a decision may refer to: projects (id, label), the body's decisions it may supersede (id,
/// citation), and the open escalations it may answer (id, label).
#[derive(Debug, Clone, Default)]
pub struct DecisionChoices {
    pub projects: Vec<(String, String)>,
    pub supersedable: Vec<(String, String)>,
    pub escalations: Vec<(String, String)>,
}

const DECISION_LABELS: &[(&str, &str)] = &[
    ("text", "meeting-decision-text"),
    ("kind", "meeting-decision-kind"),
    ("decided_by", "meeting-decided-by"),
    ("project", "meeting-project"),
    ("registry_number", "meeting-registry-number"),
    ("confidential_reason", "meeting-confidential-reason"),
    ("follow_up_by", "meeting-follow-up-by"),
    ("follow_up_on", "meeting-follow-up-on"),
    ("supersedes", "meeting-supersedes"),
    ("answers", "meeting-answers"),
];

const ACTION_LABELS: &[(&str, &str)] = &[
    ("text", "meeting-action-text"),
    ("owners", "meeting-owners"),
    ("due_on", "meeting-due-on"),
];

/// The page around a form under `item`: the trail, the heading, the errors and the item's record.
fn frame(
    ctx: &Ctx,
    data: &MeetingData,
    item: &ItemRow,
    heading_key: &str,
    summary: Markup,
    form: Markup,
) -> Markup {
    let m = &data.minutes.meeting;
    let title = format!("{}: {}", ctx.t(heading_key), item.title);
    layout::page(
        ctx,
        Nav::Meetings,
        &title,
        html! {
            p.breadcrumb {
                a href="/meetings" { (ctx.t("meetings-title")) } " › "
                a href={ "/meetings/" (m.id) "#item-" (item.id) } { (super::title(ctx, m)) }
            }
            h1 { (title) }
            (summary)
            p.muted { (section_label(ctx, data, &item.section)) }
            (item_record(ctx, &data.minutes, item, data.rights))
            (form)
        },
    )
}

pub fn decision_page(
    ctx: &Ctx,
    data: &MeetingData,
    item: &ItemRow,
    choices: &DecisionChoices,
    form: &TypedDecisionForm,
    errors: &FieldErrors,
) -> Markup {
    let kinds: Vec<(String, String)> = DecisionKind::TYPED
        .iter()
        .map(|k| (k.as_str().to_owned(), ctx.t(k.label_key())))
        .collect();
    let action = format!(
        "/meetings/{}/items/{}/decisions",
        data.minutes.meeting.id, item.id
    );
    let body = html! {
        form.stacked method="post" action=(action) {
            (csrf_field(ctx))
            (Field::text("text", "meeting-decision-text", &form.text).of(Input::TextArea).required().render(ctx, errors))
            (select_field(ctx, errors, "kind", "meeting-decision-kind", &kinds, &form.kind, Some("meeting-choose-kind")))
            (select_field(ctx, errors, "decided_by", "meeting-decided-by",
                &options(data.member_people()), &form.decided_by, Some("meeting-choose-person")))
            (select_field(ctx, errors, "project", "meeting-project", &choices.projects, &form.project, Some("meeting-no-project")))
            (Field::text("registry_number", "meeting-registry-number", &form.registry_number).render(ctx, errors))
            (Field::text("confidential_reason", "meeting-confidential-reason", &form.confidential_reason)
                .hint("meeting-confidential-hint").render(ctx, errors))
            (select_field(ctx, errors, "follow_up_by", "meeting-follow-up-by",
                &options(data.people.iter()), &form.follow_up_by, Some("meeting-no-one")))
            (Field::text("follow_up_on", "meeting-follow-up-on", &form.follow_up_on).of(Input::Date)
                .hint("form-date-hint").render(ctx, errors))
            (select_field(ctx, errors, "supersedes", "meeting-supersedes", &choices.supersedable,
                &form.supersedes, Some("meeting-supersedes-none")))
            (checkboxes(ctx, errors, "answers", "meeting-answers", &choices.escalations, &form.answers))
            button type="submit" { (ctx.t("meeting-record-decision")) }
        }
    };
    frame(
        ctx,
        data,
        item,
        "meeting-add-decision",
        error_summary(ctx, errors, DECISION_LABELS),
        body,
    )
}

pub fn action_page(
    ctx: &Ctx,
    data: &MeetingData,
    item: &ItemRow,
    form: &ActionForm,
    errors: &FieldErrors,
) -> Markup {
    let mut owners = vec![(
        "group:management_group".to_owned(),
        ctx.t("meeting-owners-management-group"),
    )];
    owners.extend(options(data.people.iter()));
    let action = format!(
        "/meetings/{}/items/{}/actions",
        data.minutes.meeting.id, item.id
    );
    let error = errors.get("owners");
    let body = html! {
        form.stacked method="post" action=(action) {
            (csrf_field(ctx))
            (Field::text("text", "meeting-action-text", &form.text).of(Input::TextArea).required().render(ctx, errors))
            div.field.has-error[error.is_some()] {
                label for="owners" { (ctx.t("meeting-owners")) }
                p.field-hint #owners-hint { (ctx.t("meeting-owners-hint")) }
                @if let Some(error) = error { p.field-error #owners-error { (ctx.t(error)) } }
                select #owners name="owners" multiple size="8"
                    aria-describedby=[described_by("owners", true, error.is_some())]
                    aria-invalid=[error.map(|_| "true")] {
                    @for (value, text) in &owners {
                        option value=(value) selected[form.owners.contains(value)] { (text) }
                    }
                }
            }
            (Field::text("due_on", "meeting-due-on", &form.due_on).of(Input::Date).required()
                .hint("form-date-hint").render(ctx, errors))
            button type="submit" { (ctx.t("meeting-add-action")) }
        }
    };
    frame(
        ctx,
        data,
        item,
        "meeting-add-action",
        error_summary(ctx, errors, ACTION_LABELS),
        body,
    )
}

/// A group of checkboxes sharing `name`, each ticked when its value was chosen.
fn checkboxes(
    ctx: &Ctx,
    errors: &FieldErrors,
    name: &str,
    label_key: &str,
    choices: &[(String, String)],
    chosen: &[String],
) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    if choices.is_empty() && error.is_none() {
        return html! {};
    }
    html! {
        fieldset id=(name) aria-describedby=[error.map(|_| error_id.as_str())] {
            legend { (ctx.t(label_key)) }
            @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
            @for (value, text) in choices {
                div.field.checkbox {
                    input type="checkbox" id={ (name) "-" (value) } name=(name) value=(value)
                        checked[chosen.contains(value)];
                    label for={ (name) "-" (value) } { (text) }
                }
            }
        }
    }
}

//! The meeting page (`GET /meetings/{id}`): the header, attendance, the items by section with
//! their decisions and action items, the forms to minute it while its minutes are open, holding
//! and adjusting, and the signatures.

use maud::{Markup, html};

use super::{MeetingData, Posted, header, item_record, options, sections};
use crate::domain::meeting::MeetingState;
use crate::views::components::{
    Field, Input, csrf_field, described_by, error_summary_by, select_field,
};
use crate::views::documents::{Message, message};
use crate::views::layout::{self, Section as Nav};
use crate::web::context::Ctx;

/// The labels of the meeting page's fields, for the error summary.
fn label(ctx: &Ctx, field: &str) -> Option<String> {
    let key = match field {
        "present" => "meeting-attendance",
        "section" => "meeting-section",
        "title" => "meeting-item-title",
        "notes" => "meeting-item-notes",
        "presenter" => "meeting-presenter",
        _ => return None,
    };
    Some(ctx.t(key))
}

pub fn page(ctx: &Ctx, data: &MeetingData, posted: &Posted, msg: Option<Message>) -> Markup {
    let minutes = &data.minutes;
    let m = &minutes.meeting;
    let title = super::title(ctx, m);
    layout::page(
        ctx,
        Nav::Meetings,
        &title,
        html! {
            p.breadcrumb { a href="/meetings" { (ctx.t("meetings-title")) } }
            h1 { (title) }
            p { (super::state_badge(ctx, m.state())) }
            (message(ctx, msg, "meeting-refused-title"))
            (error_summary_by(ctx, &posted.errors, |f| label(ctx, f)))
            (header(ctx, minutes))
            p { a href={ "/meetings/" (m.id) "/minutes" } { (ctx.t("meeting-print-minutes")) } }
            @if data.editable() { (attendance_form(ctx, data, posted)) }
            @for (key, label) in sections(ctx, data) {
                section.minutes-section {
                    h2 { (label) }
                    @let items: Vec<_> = minutes.items_in(&key).collect();
                    @if items.is_empty() { p.muted { (ctx.t("meeting-no-items")) } }
                    @for item in items {
                        article.item id={ "item-" (item.id) } {
                            h3 { (super::item_heading(ctx, item)) }
                            (item_record(ctx, minutes, item, data.rights))
                            @if data.editable() {
                                p.item-actions {
                                    a href={ "/meetings/" (m.id) "/items/" (item.id) "/decisions" }
                                        aria-label={ (ctx.t("meeting-add-decision")) ": " (item.title) } {
                                        (ctx.t("meeting-add-decision"))
                                    }
                                    " · "
                                    a href={ "/meetings/" (m.id) "/items/" (item.id) "/actions" }
                                        aria-label={ (ctx.t("meeting-add-action")) ": " (item.title) } {
                                        (ctx.t("meeting-add-action"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if data.editable() { (item_form(ctx, data, posted)) }
            (steps(ctx, data))
            (super::signatures(ctx, minutes))
        },
    )
}

/// Who of the body's members are present: ticked, the rest absent.
fn attendance_form(ctx: &Ctx, data: &MeetingData, posted: &Posted) -> Markup {
    let minutes = &data.minutes;
    let error = posted.errors.get("present");
    let error_id = described_by("present", false, true);
    let present = |username: &str, id: i64| match &posted.present {
        Some(ticked) => ticked.iter().any(|t| t == username),
        None => minutes
            .attendance
            .iter()
            .any(|a| a.user_id == id && a.present),
    };
    html! {
        form.stacked method="post" action={ "/meetings/" (minutes.meeting.id) "/attendance" } {
            (csrf_field(ctx))
            fieldset #present aria-describedby=[error.and(error_id.as_deref())] {
                legend { h2 { (ctx.t("meeting-attendance")) } }
                @if let Some(error) = error { p.field-error id=[error_id.as_deref()] { (ctx.t(error)) } }
                @for person in data.member_people() {
                    div.field.checkbox {
                        input type="checkbox" id={ "present-" (person.id) } name="present"
                            value=(person.username) checked[present(&person.username, person.id)];
                        label for={ "present-" (person.id) } { (person.display_name) }
                    }
                }
            }
            button type="submit" { (ctx.t("meeting-save-attendance")) }
        }
    }
}

/// A new item: its section, title, notes and presenter.
fn item_form(ctx: &Ctx, data: &MeetingData, posted: &Posted) -> Markup {
    let form = &posted.item;
    let errors = &posted.errors;
    let sections: Vec<(String, String)> = data
        .sections
        .iter()
        .map(|s| (s.key.clone(), super::label_of(ctx, s)))
        .collect();
    html! {
        section.item-form aria-labelledby="item_form_title" {
            h2 #item_form_title { (ctx.t("meeting-add-item")) }
            form.stacked method="post" action={ "/meetings/" (data.minutes.meeting.id) "/items" } {
                (csrf_field(ctx))
                (select_field(ctx, errors, "section", "meeting-section", &sections, &form.section, None))
                (Field::text("title", "meeting-item-title", &form.title).required().render(ctx, errors))
                (Field::text("notes", "meeting-item-notes", &form.notes).of(Input::TextArea).render(ctx, errors))
                (select_field(ctx, errors, "presenter", "meeting-presenter",
                    &options(data.people.iter()), &form.presenter, Some("meeting-no-presenter")))
                (Field::text("project", "meeting-item-project", &form.project)
                    .hint("meeting-item-project-hint").render(ctx, errors))
                (Field::text("follow_up_period", "meeting-item-follow-up", &form.follow_up_period)
                    .hint("meeting-item-follow-up-hint").render(ctx, errors))
                button type="submit" { (ctx.t("meeting-add-item")) }
            }
        }
    }
}

/// Holding a planned meeting, and adjusting held minutes by the chair and the adjuster.
fn steps(ctx: &Ctx, data: &MeetingData) -> Markup {
    let m = &data.minutes.meeting;
    let state = m.state();
    let may_hold = data.rights.may_minute && state == MeetingState::Planned;
    let may_adjust =
        data.rights.is_signer && matches!(state, MeetingState::Held | MeetingState::Adjusting);
    html! {
        @if may_hold {
            form.inline-form method="post" action={ "/meetings/" (m.id) "/hold" } {
                (csrf_field(ctx))
                button type="submit" { (ctx.t("meeting-hold")) }
            }
        }
        @if may_adjust {
            form.inline-form method="post" action={ "/meetings/" (m.id) "/adjust" } {
                (csrf_field(ctx))
                p.field-hint { (ctx.t("meeting-adjust-hint")) }
                button type="submit" { (ctx.t("meeting-adjust")) }
            }
        }
    }
}

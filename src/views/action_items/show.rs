//! One action item (`GET /action-items/{id}`): what it is, whose, by when, where it stands and
//! came from, and for whoever may close it the form; shown again with the error beside the field
//! (422) or with the reason it can no longer be closed (409).

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{origin, owner_names, standing_badge, standing_of, user_may_close};
use crate::db::action_items::Listed;
use crate::domain::action_item::CloseForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, Input, csrf_field, date, error_summary, select_field};
use crate::views::documents::{Message, message};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// The closing form as typed, with its errors.
pub struct CloseFormView<'a> {
    pub form: &'a CloseForm,
    pub errors: &'a FieldErrors,
}

pub fn show(
    ctx: &Ctx,
    item: &Listed,
    today: NaiveDate,
    form: Option<CloseFormView>,
    note: Option<Message>,
) -> Markup {
    let title = ctx.t("action-item-title");
    let standing = standing_of(item, today);
    let row = &item.item;
    page(
        ctx,
        Section::ActionItems,
        &title,
        html! {
            p.breadcrumb { a href="/action-items" { (ctx.t("action-items-title")) } }
            h1 { (title) }
            (message(ctx, note, "action-refused-title"))
            dl.definition-list {
                dt { (ctx.t("action-text")) } dd.description { (row.text) }
                dt { (ctx.t("action-owners")) } dd { (owner_names(item)) }
                dt { (ctx.t("action-due-on")) } dd { (date(Some(row.due_on))) }
                dt { (ctx.t("action-standing")) } dd { (standing_badge(ctx, standing)) }
                dt { (ctx.t("action-origin")) } dd { (origin(ctx, item)) }
                @if let Some(closed_at) = row.closed_at {
                    dt { (ctx.t("action-closed-on")) } dd { (date(Some(closed_at.date()))) }
                }
                dt { (ctx.t("action-comment")) } dd.description { @if row.comment.is_empty() { "–" } @else { (row.comment) } }
            }
            @if standing.is_open() && user_may_close(ctx, item) {
                (close_form(ctx, row.id, form))
            }
        },
    )
}

fn close_form(ctx: &Ctx, id: i64, form: Option<CloseFormView>) -> Markup {
    let empty_form = CloseForm::default();
    let no_errors = FieldErrors::new();
    let (typed, errors) = form.map_or((&empty_form, &no_errors), |f| (f.form, f.errors));
    let states = [
        ("done".to_owned(), ctx.t("action-standing-done")),
        ("cancelled".to_owned(), ctx.t("action-standing-cancelled")),
    ];
    html! {
        h2 { (ctx.t("action-close-heading")) }
        form.close-action method="post" action={ "/action-items/" (id) } novalidate {
            (error_summary(ctx, errors, &[("state", "action-close-as"), ("comment", "action-comment")]))
            (csrf_field(ctx))
            (select_field(ctx, errors, "state", "action-close-as", &states, typed.state.trim(), Some("form-choose")))
            (Field::text("comment", "action-comment", &typed.comment).of(Input::TextArea).hint("action-comment-hint").render(ctx, errors))
            div.form-actions { button type="submit" { (ctx.t("action-close")) } }
        }
    }
}

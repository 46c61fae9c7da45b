//! Action items (åtgärder): the lists (`list.rs`: one's own, and everyone's by owner and by
//! meeting), one item with its closing form (`show.rs`), and the pieces they and the start page
//! share: where an item stands in words, where it came from, and the table of items.

mod list;
mod show;

pub use list::{By, ListPage, list};
pub use show::{CloseFormView, show};

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::db::action_items::Listed;
use crate::domain::action_item::{Standing, may_close};
use crate::domain::decision::Body;
use crate::views::components::{column_heads, csrf_field, date};
use crate::web::context::Ctx;

/// Where an item stands on `today`.
pub fn standing_of(item: &Listed, today: NaiveDate) -> Standing {
    Standing::of(item.item.state(), item.item.due_on, today)
}

/// Where an item stands, as a word in a badge; the colour only repeats it.
pub fn standing_badge(ctx: &Ctx, standing: Standing) -> Markup {
    html! { span class={ "badge action-" (standing.as_str()) } { (ctx.t(standing.label_key())) } }
}

/// The owners' names, as a list in one cell.
pub fn owner_names(item: &Listed) -> String {
    item.owners
        .iter()
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the item came from: the meeting and its item, linking to the meeting; the decision,
/// linking to it by its citation; or a dash.
pub fn origin(ctx: &Ctx, item: &Listed) -> Markup {
    html! {
        @if let Some(m) = &item.meeting {
            @let body = match Body::parse(&m.body) {
                Some(Body::SteeringGroup) => ctx.t("action-origin-steering-group"),
                _ => ctx.t("action-origin-management-group"),
            };
            a href={ "/meetings/" (m.meeting_id) } {
                (ctx.t_args("action-origin-meeting", &[
                    ("body", body.into()),
                    ("date", date(Some(m.held_on)).into()),
                    ("title", m.item_title.clone().into()),
                ]))
            }
        }
        @if let Some(d) = &item.decision {
            @if item.meeting.is_some() { br; }
            a href={ "/decisions/" (d.id) } {
                (ctx.t_args("action-origin-decision", &[("citation", d.citation().into())]))
            }
        }
        @if item.meeting.is_none() && item.decision.is_none() { "–" }
    }
}

/// The small form in a row of a list that closes the item, for whoever may close it. `prefix`
/// keeps the ids apart where an item is listed twice on one page (once under each owner).
pub fn row_close_form(ctx: &Ctx, item: &Listed, prefix: &str) -> Markup {
    let id = item.item.id;
    let state_id = format!("{prefix}state-{id}");
    let comment_id = format!("{prefix}comment-{id}");
    html! {
        form.row-close method="post" action={ "/action-items/" (id) } {
            (csrf_field(ctx))
            label for=(state_id) { (ctx.t("action-close-as")) }
            " "
            select id=(state_id) name="state" {
                option value="done" { (ctx.t("action-standing-done")) }
                option value="cancelled" { (ctx.t("action-standing-cancelled")) }
            }
            " "
            label for=(comment_id) { (ctx.t("action-comment")) }
            " "
            input id=(comment_id) name="comment" type="text" size="18";
            " "
            button type="submit" { (ctx.t("action-close")) }
        }
    }
}

/// Whether the user of the request may close `item`.
pub fn user_may_close(ctx: &Ctx, item: &Listed) -> bool {
    ctx.user
        .as_ref()
        .is_some_and(|u| may_close(u.role, item.is_owner(u.id)))
}

/// A table of action items, each with its close form where the user may close it; `prefix` as
/// for [`row_close_form`].
pub fn items_table(
    ctx: &Ctx,
    caption: &str,
    items: &[&Listed],
    today: NaiveDate,
    prefix: &str,
) -> Markup {
    html! {
        div.table-wrap {
            table.data-table.action-items {
                caption { (caption) }
                (column_heads(ctx, &["action-text", "action-owners", "action-due-on", "action-standing", "action-origin", "action-comment", "action-do"]))
                tbody {
                    @for item in items {
                        @let standing = standing_of(item, today);
                        tr.overdue[standing == Standing::Overdue] {
                            td.description { a href={ "/action-items/" (item.item.id) } { (item.item.text) } }
                            td { (owner_names(item)) }
                            td { (date(Some(item.item.due_on))) }
                            td { (standing_badge(ctx, standing)) }
                            td { (origin(ctx, item)) }
                            td.description { (item.item.comment) }
                            td {
                                @if standing.is_open() && user_may_close(ctx, item) {
                                    (row_close_form(ctx, item, prefix))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

//! `GET /action-items`: one's own action items (open and overdue first, the closed ones folded
//! away), and for those who follow up the management group's work everyone's, by owner
//! (`?by=owner`, an item with several owners under each) and by meeting (`?by=meeting`).

use std::cmp::Reverse;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{items_table, standing_of};
use crate::db::action_items::Listed;
use crate::domain::action_item::group_by;
use crate::views::components::date;
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The user's own.
    Mine,
    /// Everyone's, by owner.
    Owner,
    /// Everyone's, by the meeting they came from.
    Meeting,
}

impl By {
    /// `?by=`: `owner`, `meeting`, or anything else for one's own.
    pub fn parse(raw: &str) -> By {
        match raw.trim() {
            "owner" => By::Owner,
            "meeting" => By::Meeting,
            _ => By::Mine,
        }
    }

    fn href(self) -> &'static str {
        match self {
            By::Mine => "/action-items",
            By::Owner => "/action-items?by=owner",
            By::Meeting => "/action-items?by=meeting",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            By::Mine => "action-items-mine",
            By::Owner => "action-items-by-owner",
            By::Meeting => "action-items-by-meeting",
        }
    }
}

/// What the list shows: `items` in their order (overdue first), the user's own for
/// [`By::Mine`], everyone's otherwise.
pub struct ListPage<'a> {
    pub by: By,
    pub items: &'a [Listed],
    pub today: NaiveDate,
    /// The user may see everyone's (and so gets the tabs).
    pub may_see_all: bool,
}

pub fn list(ctx: &Ctx, data: &ListPage) -> Markup {
    let title = ctx.t("action-items-title");
    page(
        ctx,
        Section::ActionItems,
        &title,
        html! {
            h1 { (title) }
            @if data.may_see_all { (tabs(ctx, data.by)) }
            @match data.by {
                By::Mine => (mine(ctx, data.items, data.today)),
                By::Owner => (by_owner(ctx, data.items, data.today)),
                By::Meeting => (by_meeting(ctx, data.items, data.today)),
            }
        },
    )
}

fn tabs(ctx: &Ctx, current: By) -> Markup {
    html! {
        nav.sub-nav aria-label=(ctx.t("action-items-views")) {
            ul {
                @for by in [By::Mine, By::Owner, By::Meeting] {
                    li {
                        @if by == current {
                            a href=(by.href()) aria-current="page" { (ctx.t(by.label_key())) }
                        } @else {
                            a href=(by.href()) { (ctx.t(by.label_key())) }
                        }
                    }
                }
            }
        }
    }
}

fn mine(ctx: &Ctx, items: &[Listed], today: NaiveDate) -> Markup {
    let (open, closed): (Vec<&Listed>, Vec<&Listed>) = items
        .iter()
        .partition(|item| standing_of(item, today).is_open());
    let overdue = open
        .iter()
        .filter(|item| standing_of(item, today) == crate::domain::action_item::Standing::Overdue)
        .count();
    html! {
        h2 { (ctx.t("action-items-open")) }
        @if open.is_empty() {
            p { (ctx.t("action-items-none-open")) }
        } @else {
            @if overdue > 0 {
                p.overdue-count { strong { (ctx.t_args("action-items-overdue-count", &[("count", overdue.into())])) } }
            }
            (items_table(ctx, &ctx.t("action-items-open"), &open, today, ""))
        }
        details.closed-items {
            summary { (ctx.t_args("action-items-closed", &[("count", closed.len().into())])) }
            @if closed.is_empty() {
                p { (ctx.t("action-items-none-closed")) }
            } @else {
                (items_table(ctx, &ctx.t("action-items-closed-caption"), &closed, today, "closed-"))
            }
        }
    }
}

fn by_owner(ctx: &Ctx, items: &[Listed], today: NaiveDate) -> Markup {
    let groups = group_by(items, |item| {
        item.owners.iter().map(|o| (o.name.clone(), o.id)).collect()
    });
    html! {
        @if groups.is_empty() { p { (ctx.t("action-items-none")) } }
        @for (index, ((name, _), rows)) in groups.iter().enumerate() {
            h2 { (name) }
            (summary(ctx, rows, today))
            (items_table(ctx, &ctx.t_args("action-items-of-owner", &[("name", name.clone().into())]), rows, today, &format!("o{index}-")))
        }
    }
}

/// A group's heading key: a meeting, latest first, then the items of no meeting.
type MeetingKey = (bool, Reverse<NaiveDate>, i64);

fn by_meeting(ctx: &Ctx, items: &[Listed], today: NaiveDate) -> Markup {
    let groups = group_by(items, |item| {
        vec![match &item.meeting {
            Some(m) => (false, Reverse(m.held_on), m.meeting_id),
            None => (true, Reverse(NaiveDate::MIN), 0),
        }]
    });
    html! {
        @if groups.is_empty() { p { (ctx.t("action-items-none")) } }
        @for (index, (key, rows)) in groups.iter().enumerate() {
            @let heading = meeting_heading(ctx, key, rows);
            h2 { (heading) }
            @if let Some(m) = rows.first().and_then(|r| r.meeting.as_ref()) {
                p { a href={ "/meetings/" (m.meeting_id) } { (ctx.t("action-items-open-meeting")) } }
            }
            (summary(ctx, rows, today))
            (items_table(ctx, &heading, rows, today, &format!("m{index}-")))
        }
    }
}

fn meeting_heading(ctx: &Ctx, key: &MeetingKey, rows: &[&Listed]) -> String {
    match rows.first().and_then(|r| r.meeting.as_ref()) {
        Some(m) if !key.0 => ctx.t_args(
            "action-items-meeting-of",
            &[("date", date(Some(m.held_on)).into())],
        ),
        _ => ctx.t("action-items-no-meeting"),
    }
}

/// How many of a group are open and how many of those overdue, in words.
fn summary(ctx: &Ctx, rows: &[&Listed], today: NaiveDate) -> Markup {
    let open = rows
        .iter()
        .filter(|r| standing_of(r, today).is_open())
        .count();
    let overdue = rows
        .iter()
        .filter(|r| standing_of(r, today) == crate::domain::action_item::Standing::Overdue)
        .count();
    html! {
        p.group-summary {
            (ctx.t_args("action-items-group-summary", &[
                ("open", open.into()),
                ("overdue", overdue.into()),
                ("all", rows.len().into()),
            ]))
        }
    }
}

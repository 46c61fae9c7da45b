//! The printable minutes (`GET /meetings/{id}/minutes`): the document people know, with the
//! header, the sections in order and their numbered items (§), each decision set off as "Beslut:"
//! with its number, the action items, and the adjusting signatures. The print stylesheet takes the
//! app around it away.

use maud::{Markup, html};

use super::{MeetingData, header, item_record, sections};
use crate::views::layout::{self, Section as Nav};
use crate::web::context::Ctx;

pub fn page(ctx: &Ctx, data: &MeetingData) -> Markup {
    let minutes = &data.minutes;
    let m = &minutes.meeting;
    let title = ctx.t_args(
        "meeting-minutes-title",
        &[("meeting", super::title(ctx, m).into())],
    );
    let mut paragraph = 0;
    layout::page(
        ctx,
        Nav::Meetings,
        &title,
        html! {
            article.minutes {
                p.breadcrumb {
                    a href="/meetings" { (ctx.t("meetings-title")) } " › "
                    a href={ "/meetings/" (m.id) } { (super::title(ctx, m)) }
                }
                h1 { (title) }
                p { (super::state_badge(ctx, m.state())) }
                p.print-hint { (ctx.t("meeting-print-hint")) }
                (header(ctx, minutes))
                @for (key, label) in sections(ctx, data) {
                    @let items: Vec<_> = minutes.items_in(&key).collect();
                    section.minutes-section {
                        h2 { (label) }
                        @if items.is_empty() { p.muted { (ctx.t("meeting-no-items")) } }
                        @for item in items {
                            div.minutes-item {
                                h3 { "§ " ({ paragraph += 1; paragraph }) " " (super::item_heading(ctx, item)) }
                                (item_record(ctx, minutes, item, data.rights))
                            }
                        }
                    }
                }
                (super::signatures(ctx, minutes))
            }
        },
    )
}

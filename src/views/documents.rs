//! What the pages of every versioned document (directives, plans) share: the status badge and the
//! table of versions.

use maud::{Markup, html};

use crate::domain::document::Status;
use crate::web::context::Ctx;

/// A version's status as a badge: text, and a colour by its class.
pub fn status_badge(ctx: &Ctx, status: Status) -> Markup {
    html! { span class={ "badge status " (status.as_str()) } { (ctx.t(status.label_key())) } }
}

/// One version in the table of versions.
pub struct VersionLine {
    pub href: String,
    pub name: String,
    /// The version the page shows (`aria-current`).
    pub current: bool,
    pub status: Status,
    /// The kind's own columns, after the name and the status.
    pub cells: Vec<String>,
}

/// The table of a document's versions: `caption_key` names it, `header_keys` name every column
/// (the version, its status, then the kind's own), and each line links to its version.
pub fn versions_table(
    ctx: &Ctx,
    caption_key: &str,
    header_keys: &[&str],
    lines: &[VersionLine],
) -> Markup {
    html! {
        div.table-wrap {
            table.data-table {
                caption.sr-only { (ctx.t(caption_key)) }
                thead { tr {
                    @for key in header_keys { th scope="col" { (ctx.t(key)) } }
                } }
                tbody {
                    @for line in lines {
                        tr {
                            th scope="row" {
                                a href=(line.href) aria-current=[line.current.then_some("page")] { (line.name) }
                            }
                            td { (status_badge(ctx, line.status)) }
                            @for cell in &line.cells { td { (cell) } }
                        }
                    }
                }
            }
        }
    }
}

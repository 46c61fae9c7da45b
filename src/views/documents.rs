//! What the pages of every versioned document (directives, plans) share: the status badge, the
//! table of versions, and the comparison of two versions (the form that picks them and the table
//! that sets them side by side).

use maud::{Markup, html};

use crate::domain::document::{Compared, Status};
use crate::views::components::notice;
use crate::web::context::Ctx;

/// What a document's page says on top: a step done, or why one was refused (catalog keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    Notice(&'static str),
    Refused(&'static str),
}

/// The trail above a document's page: the register, the project, and the kind's list of
/// documents (`index`: its path and its label's catalog key) when the page is below it.
pub fn breadcrumb(
    ctx: &Ctx,
    project: &crate::db::projects::ProjectView,
    index: Option<(&str, &str)>,
) -> Markup {
    let p = &project.project;
    html! {
        p.breadcrumb {
            a href="/projects" { (ctx.t("projects-title")) } " › "
            a href={ "/projects/" (p.id) } { (p.code) " " (p.name) }
            @if let Some((path, label_key)) = index {
                " › " a href=(path) { (ctx.t(label_key)) }
            }
        }
    }
}

/// The message on top of a document's page; a refusal under the heading `title_key`.
pub fn message(ctx: &Ctx, message: Option<Message>, title_key: &str) -> Markup {
    match message {
        None => html! {},
        Some(Message::Notice(key)) => notice(&ctx.t(key)),
        Some(Message::Refused(key)) => html! {
            div.error-summary role="alert" aria-labelledby="step_refused_title" tabindex="-1" {
                h2 #step_refused_title { (ctx.t(title_key)) }
                p { (ctx.t(key)) }
            }
        },
    }
}

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

/// A version as a choice in the comparison's form.
pub struct VersionChoice {
    pub id: i64,
    pub name: String,
}

/// The form that picks the two versions to compare: `GET {action}?from=…&to=…`.
pub fn compare_form(
    ctx: &Ctx,
    action: &str,
    choices: &[VersionChoice],
    from: Option<i64>,
    to: Option<i64>,
) -> Markup {
    let options = |selected: Option<i64>| {
        html! {
            @for choice in choices {
                option value=(choice.id) selected[Some(choice.id) == selected] { (choice.name) }
            }
        }
    };
    html! {
        form.filter-form method="get" action=(action) {
            div.field {
                label for="from" { (ctx.t("compare-from")) }
                select id="from" name="from" { (options(from)) }
            }
            div.field {
                label for="to" { (ctx.t("compare-to")) }
                select id="to" name="to" { (options(to)) }
            }
            div.form-actions { button type="submit" { (ctx.t("compare-submit")) } }
        }
    }
}

/// One side of a comparison: the version's name and where it is read.
pub struct ComparedVersion {
    pub name: String,
    pub href: String,
}

/// Two versions field by field, the changed rows marked in words as well as by their class, with
/// the number of changed fields announced first. `value` renders a field's value (an amount as
/// kronor, a text as written).
pub fn compare_table(
    ctx: &Ctx,
    from: &ComparedVersion,
    to: &ComparedVersion,
    rows: &[Compared],
    value: impl Fn(&Compared, &str) -> Markup,
) -> Markup {
    let changed = rows.iter().filter(|r| r.changed).count();
    html! {
        p role="status" { (ctx.t_args("compare-count", &[("count", changed.into())])) }
        div.table-wrap {
            table.data-table.compare-table {
                caption {
                    (ctx.t_args("compare-caption", &[
                        ("from", from.name.clone().into()),
                        ("to", to.name.clone().into()),
                    ]))
                }
                thead { tr {
                    th scope="col" { (ctx.t("compare-field")) }
                    th scope="col" { a href=(from.href) { (from.name) } }
                    th scope="col" { a href=(to.href) { (to.name) } }
                    th scope="col" { (ctx.t("compare-changed")) }
                } }
                tbody {
                    @for row in rows {
                        tr class=[row.changed.then_some("changed")] {
                            th scope="row" { (ctx.t(row.label_key)) }
                            td.pre-line { (value(row, &row.left)) }
                            td.pre-line { (value(row, &row.right)) }
                            td {
                                @if row.changed { strong.change-marker { (ctx.t("compare-yes")) } }
                                @else { span.muted { (ctx.t("compare-no")) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

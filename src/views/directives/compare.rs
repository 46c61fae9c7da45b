//! Two versions of a project's directives, field by field.

use super::versions::choices;
use super::*;
use crate::views::documents::{ComparedVersion, compare_form, compare_table};

/// Two versions, field by field.
pub struct ComparePage<'a> {
    pub project: &'a ProjectView,
    pub versions: &'a [VersionEntry],
    pub from: Option<&'a DirectiveRow>,
    pub to: Option<&'a DirectiveRow>,
    /// The comparison, when two versions are chosen.
    pub rows: Option<&'a [Compared]>,
}

/// `GET /projects/{id}/directive/compare`.
pub fn compare(ctx: &Ctx, data: &ComparePage) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args(
        "directive-compare-title",
        &[("code", p.code.clone().into())],
    );
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, true),
        html! {
            @if data.versions.len() < 2 {
                p.muted { (ctx.t("compare-too-few")) }
            } @else {
                (compare_form(ctx, &format!("/projects/{}/directive/compare", p.id), &choices(ctx, data.versions), data.from.map(|r| r.id), data.to.map(|r| r.id)))
            }
            @if let (Some(from), Some(to), Some(rows)) = (data.from, data.to, data.rows) {
                (compare_table(
                    ctx,
                    &ComparedVersion { name: version_name(ctx, from), href: directive_path(p.id, from.id) },
                    &ComparedVersion { name: version_name(ctx, to), href: directive_path(p.id, to.id) },
                    rows,
                    |row, value| html! { (compared_value(ctx, row.label_key, value)) },
                ))
            }
        },
    )
}

/// A compared value as the page shows it: the budget frame as an amount, the rest as stored.
pub(super) fn compared_value(ctx: &Ctx, label_key: &str, value: &str) -> String {
    match (label_key, value.parse::<i64>()) {
        ("directive-budget-frame", Ok(amount)) => ctx.sek(amount),
        _ => value.to_owned(),
    }
}

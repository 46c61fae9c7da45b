//! Two versions of a project's directives, field by field.

use super::*;

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
                p.muted { (ctx.t("directive-compare-too-few")) }
            } @else {
                (compare_form(ctx, p.id, data.versions, data.from.map(|r| r.id), data.to.map(|r| r.id)))
            }
            @if let (Some(from), Some(to), Some(rows)) = (data.from, data.to, data.rows) {
                @let changed = rows.iter().filter(|r| r.changed).count();
                p role="status" { (ctx.t_args("directive-compare-count", &[("count", changed.into())])) }
                div.table-wrap {
                    table.data-table.compare-table {
                        caption {
                            (ctx.t_args("directive-compare-caption", &[
                                ("from", version_name(ctx, from).into()),
                                ("to", version_name(ctx, to).into()),
                            ]))
                        }
                        thead { tr {
                            th scope="col" { (ctx.t("directive-compare-field")) }
                            th scope="col" { (version_name(ctx, from)) }
                            th scope="col" { (version_name(ctx, to)) }
                            th scope="col" { (ctx.t("directive-compare-changed")) }
                        } }
                        tbody {
                            @for row in rows {
                                tr class=[row.changed.then_some("changed")] {
                                    th scope="row" { (ctx.t(row.label_key)) }
                                    td { (compared_value(ctx, row.label_key, &row.left)) }
                                    td { (compared_value(ctx, row.label_key, &row.right)) }
                                    td {
                                        @if row.changed { strong { (ctx.t("directive-compare-yes")) } }
                                        @else { span.muted { (ctx.t("directive-compare-no")) } }
                                    }
                                }
                            }
                        }
                    }
                }
                p {
                    a href=(directive_path(p.id, from.id)) { (version_name(ctx, from)) }
                    " · "
                    a href=(directive_path(p.id, to.id)) { (version_name(ctx, to)) }
                }
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

//! Two plan versions, field by field.

use super::*;

/// The comparison of two versions, field by field.
pub struct ComparePage<'a> {
    pub project: &'a ProjectView,
    pub from: &'a PlanRow,
    pub to: &'a PlanRow,
    pub versions: &'a [PlanVersion],
    pub rows: &'a [Compared],
}

pub fn compare(ctx: &Ctx, data: &ComparePage) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args(
        "plan-compare-title",
        &[
            ("from", data.from.version.into()),
            ("to", data.to.version.into()),
            ("code", p.code.clone().into()),
        ],
    );
    let options: Vec<(String, String)> = data
        .versions
        .iter()
        .map(|v| {
            (
                v.plan.id.to_string(),
                ctx.t_args("plan-version-link", &[("version", v.plan.version.into())]),
            )
        })
        .collect();
    let no_errors = FieldErrors::new();
    let changed = data.rows.iter().filter(|r| r.changed).count();
    let from_heading = ctx.t_args(
        "plan-version-link",
        &[("version", data.from.version.into())],
    );
    let to_heading = ctx.t_args("plan-version-link", &[("version", data.to.version.into())]);
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, true),
        html! {
            form.filter-form method="get" action={ "/projects/" (p.id) "/plan/compare" } {
                (select_field(ctx, &no_errors, "from", "plan-compare-from", &options, &data.from.id.to_string(), None))
                (select_field(ctx, &no_errors, "to", "plan-compare-to", &options, &data.to.id.to_string(), None))
                div.form-actions { button type="submit" { (ctx.t("plan-compare")) } }
            }
            p role="status" { (ctx.t_args("plan-compare-count", &[("count", changed.into())])) }
            div.table-wrap {
                table.data-table.plan-table.compare-table {
                    caption.sr-only { (title) }
                    thead { tr {
                        th scope="col" { (ctx.t("plan-compare-field")) }
                        th scope="col" { a href=(plan_path(p.id, data.from.id)) { (from_heading) } }
                        th scope="col" { a href=(plan_path(p.id, data.to.id)) { (to_heading) } }
                        th scope="col" { (ctx.t("plan-compare-change")) }
                    } }
                    tbody {
                        @for row in data.rows {
                            tr.changed[row.changed] {
                                th scope="row" { (ctx.t(row.label_key)) }
                                td.pre-line { (or_dash(&row.left)) }
                                td.pre-line { (or_dash(&row.right)) }
                                td {
                                    @if row.changed {
                                        strong.change-marker { (ctx.t("plan-compare-changed")) }
                                    } @else {
                                        span.muted { (ctx.t("plan-compare-unchanged")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

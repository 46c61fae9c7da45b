//! Two plan versions, field by field.

use super::*;
use crate::views::documents::{ComparedVersion, VersionChoice, compare_form, compare_table};

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
    let version = |row: &PlanRow| ComparedVersion {
        name: ctx.t_args("plan-version-link", &[("version", row.version.into())]),
        href: plan_path(p.id, row.id),
    };
    let choices: Vec<VersionChoice> = data
        .versions
        .iter()
        .map(|v| VersionChoice {
            id: v.plan.id,
            name: ctx.t_args("plan-version-link", &[("version", v.plan.version.into())]),
        })
        .collect();
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, data.project, true),
        html! {
            (compare_form(ctx, &format!("/projects/{}/plan/compare", p.id), &choices, Some(data.from.id), Some(data.to.id)))
            (compare_table(ctx, &version(data.from), &version(data.to), data.rows, |_, value| html! { (or_dash(value)) }))
        },
    )
}

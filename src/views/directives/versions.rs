//! The list of a project's directive versions and the choice of two to compare.

use super::*;

/// Every version of both kinds, and the choice of two to compare.
pub(super) fn versions_section(
    ctx: &Ctx,
    project: &ProjectView,
    versions: &[VersionEntry],
    shown: Option<&DirectiveRow>,
) -> Markup {
    if versions.is_empty() {
        return html! {};
    }
    let p = &project.project;
    // Compare the shown version with the one before it of its kind, by default.
    let to = shown.map(|r| r.id);
    let from = shown.and_then(|r| {
        versions
            .iter()
            .find(|v| v.row.kind() == r.kind() && v.row.version == r.version - 1)
            .map(|v| v.row.id)
    });
    html! {
        h2 #versions { (ctx.t("directive-versions")) }
        div.table-wrap {
            table.data-table {
                caption.sr-only { (ctx.t("directive-versions")) }
                thead { tr {
                    th scope="col" { (ctx.t("directive-version")) }
                    th scope="col" { (ctx.t("directive-status")) }
                    th scope="col" { (ctx.t("directive-created-by")) }
                    th scope="col" { (ctx.t("directive-updated")) }
                    th scope="col" { (ctx.t("directive-decision")) }
                } }
                tbody {
                    @for entry in versions {
                        @let row = &entry.row;
                        tr {
                            td {
                                @if Some(row.id) == to {
                                    a href=(directive_path(p.id, row.id)) aria-current="page" { (version_name(ctx, row)) }
                                } @else {
                                    a href=(directive_path(p.id, row.id)) { (version_name(ctx, row)) }
                                }
                            }
                            td { (status_badge(ctx, row.status())) }
                            td { (entry.created_by_name) ", " (row.created_at.format("%Y-%m-%d")) }
                            td { (row.updated_at.format("%Y-%m-%d")) }
                            td {
                                @match (&entry.decision, row.status()) {
                                    (Some(d), Status::Approved | Status::Returned) => {
                                        (decision_number(ctx, d)) ", " (d.decided_on.to_string())
                                    }
                                    _ => { "–" }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if versions.len() > 1 {
            (compare_form(ctx, p.id, versions, from, to))
        }
    }
}

pub(super) fn compare_form(
    ctx: &Ctx,
    project_id: i64,
    versions: &[VersionEntry],
    from: Option<i64>,
    to: Option<i64>,
) -> Markup {
    let options = |selected: Option<i64>| {
        html! {
            @for entry in versions {
                option value=(entry.row.id) selected[Some(entry.row.id) == selected] {
                    (version_name(ctx, &entry.row)) " (" (ctx.t(entry.row.status().label_key())) ")"
                }
            }
        }
    };
    html! {
        form.filter-form method="get" action={ "/projects/" (project_id) "/directive/compare" } {
            div.field {
                label for="from" { (ctx.t("directive-compare-from")) }
                select id="from" name="from" { (options(from)) }
            }
            div.field {
                label for="to" { (ctx.t("directive-compare-to")) }
                select id="to" name="to" { (options(to)) }
            }
            div.form-actions { button type="submit" { (ctx.t("directive-compare")) } }
        }
    }
}

//! The delegated decisions of a period as the list reported to the board (anmälan av
//! delegationsbeslut): a page to print, and the same rows as CSV.

use maud::{Markup, html};

use super::{Viewer, category_label, encode, projects_cell, text_cell};
use crate::db::decision_log::Listed;
use crate::domain::validation::FieldErrors;
use crate::views::components::{self, Field, Input, column_heads, error_summary};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// The range as typed, and the rows when it was understood.
pub struct DelegatedView<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub errors: &'a FieldErrors,
    pub rows: &'a [Listed],
    pub viewer: Viewer,
}

pub fn page_of(ctx: &Ctx, view: &DelegatedView) -> Markup {
    let title = ctx.t("decisions-delegated-title");
    let csv = format!(
        "/decisions/delegated.csv?from={}&to={}",
        encode(view.from),
        encode(view.to)
    );
    page(
        ctx,
        Section::Decisions,
        &title,
        html! {
            p.breadcrumb {
                a href="/decisions" { (ctx.t("decisions-title")) }
            }
            h1 { (title) }
            (error_summary(ctx, view.errors, &[("from", "decisions-from"), ("to", "decisions-to")]))
            form.filter-form method="get" action="/decisions/delegated" aria-label=(ctx.t("decisions-delegated-range")) {
                (Field::text("from", "decisions-from", view.from).of(Input::Date).hint("decisions-date-hint").render(ctx, view.errors))
                (Field::text("to", "decisions-to", view.to).of(Input::Date).hint("decisions-date-hint").render(ctx, view.errors))
                div.form-actions {
                    button type="submit" { (ctx.t("decisions-show-range")) }
                }
            }
            @if view.errors.is_empty() {
                p.period { (ctx.t_args("decisions-delegated-period", &[("from", view.from.to_owned().into()), ("to", view.to.to_owned().into())])) }
                p role="status" { (ctx.t_args("decisions-count", &[("count", view.rows.len().into())])) }
                p.downloads {
                    a href={ (csv) "&excel=sv" } { (ctx.t("decisions-csv-sv")) }
                    " · "
                    a href={ (csv) "&excel=en" } { (ctx.t("decisions-csv-en")) }
                }
                p.print-hint { (ctx.t("decisions-print-hint")) }
                @if !view.rows.is_empty() {
                    div.table-wrap {
                        table.data-table.decision-log {
                            caption { (title) }
                            (column_heads(ctx, &[
                                "decisions-citation", "decisions-date", "decisions-decided-by",
                                "decisions-kind", "decisions-text", "decisions-project",
                                "decisions-registry-number",
                            ]))
                            tbody {
                                @for row in view.rows {
                                    @let d = &row.decision;
                                    tr {
                                        td { a href={ "/decisions/" (d.id) } { (d.citation()) } }
                                        td { (components::date(Some(d.decided_on))) }
                                        td { (row.decided_by.clone().unwrap_or_default()) }
                                        td { (category_label(ctx, d)) }
                                        td.description { (text_cell(ctx, view.viewer, d)) }
                                        td { (projects_cell(&row.projects)) }
                                        td { (d.registry_number.clone().unwrap_or_default()) }
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

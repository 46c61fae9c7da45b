//! A project's periods, newest first, each with its state, overall light and versions; and the
//! form that starts the report of a period.

use super::*;
use crate::views::components::Field;
use crate::views::components::column_heads;

/// A period as the list shows it.
pub struct PeriodLine {
    pub period: Period,
    pub state: ReportState,
    /// The overall light of the newest version the user may see.
    pub overall: Option<Light>,
    /// The versions the user may see, newest first.
    pub versions: Vec<ReportRow>,
}

/// Everything the page of a project's reports shows.
pub struct IndexData {
    pub project: ProjectView,
    pub lines: Vec<PeriodLine>,
    /// The project owes reports (from planning until it closes).
    pub owes_reports: bool,
    pub rights: Rights,
    /// The period the form offers: the newest without a report.
    pub default_period: Option<Period>,
    pub due_day: u32,
}

pub fn index(
    ctx: &Ctx,
    data: &IndexData,
    period: Option<&str>,
    message: Option<Message>,
    errors: &FieldErrors,
) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args("report-list-title", &[("code", p.code.clone().into())]);
    let offered = data
        .default_period
        .map(|period| period.to_string())
        .unwrap_or_default();
    let period = period.unwrap_or(&offered);
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, &data.project, false),
        html! {
            (super::message(ctx, message))
            p { (ctx.t_args("report-list-intro", &[("day", data.due_day.into())])) }
            @if data.rights.may_write {
                @if data.owes_reports {
                    section aria-labelledby="create_heading" {
                        h2 #create_heading { (ctx.t("report-create-heading")) }
                        (components::error_summary(ctx, errors, &[("period", "report-period")]))
                        form method="post" action=(reports_path(p.id)) novalidate {
                            (csrf_field(ctx))
                            (Field::text("period", "report-period", period).hint("report-period-hint").required().render(ctx, errors))
                            div.form-actions { button type="submit" { (ctx.t("report-create")) } }
                        }
                    }
                } @else {
                    p.muted #not_owed { (ctx.t("report-refused-not-owed")) }
                }
            }
            @if data.lines.is_empty() {
                p.muted { (ctx.t("report-none")) }
            } @else {
                div.table-wrap {
                    table.data-table {
                        caption { (ctx.t("report-list-heading")) }
                        (column_heads(ctx, &["report-period", "report-state", "report-aspect-overall", "report-versions"]))
                        tbody {
                            @for line in &data.lines {
                                tr {
                                    th scope="row" { (line.period.to_string()) }
                                    td { (state_badge(ctx, line.state)) }
                                    td { (light_badge(ctx, line.overall)) }
                                    td {
                                        @if line.versions.is_empty() { span.muted { "–" } }
                                        @else { ul.plain-list {
                                            @for v in &line.versions {
                                                li {
                                                    a href=(report_path(p.id, v.id)) {
                                                        (ctx.t_args("report-version", &[("version", v.version.into())]))
                                                    }
                                                    " – " (status_text(ctx, v.status()))
                                                }
                                            }
                                        } }
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

use crate::views::components;

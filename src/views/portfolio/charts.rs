//! The portfolio drawn: the heatmap of overall lights over the last twelve periods, and budget
//! against forecast per unit and per board. Each is a table, the accessible form, with an inline
//! SVG drawing of it above that assistive technology skips (`aria-hidden`); no JavaScript.

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};

use super::{Words, light_badge, signed_percent, signed_sek, subnav};
use crate::domain::portfolio::status::{BudgetSum, ProjectStatus};
use crate::domain::status_report::{Light, Period};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

const CELL: usize = 22;
const LABEL: usize = 120;

fn fill(light: Option<Light>) -> &'static str {
    match light {
        Some(Light::Green) => "#2e7d32",
        Some(Light::Amber) => "#f2b705",
        Some(Light::Red) => "#c62828",
        None => "#c8c8c8",
    }
}

/// The SVG of the heatmap, as text: thousands of cells are written straight into one string.
fn heatmap_svg(words: &Words, periods: &[Period], rows: &[&ProjectStatus]) -> String {
    let width = LABEL + CELL * periods.len();
    let height = CELL * (rows.len() + 1);
    let mut svg = String::with_capacity(200 + rows.len() * periods.len() * 160);
    let _ = write!(
        svg,
        r#"<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">"#
    );
    for (column, period) in periods.iter().enumerate() {
        let x = LABEL + column * CELL + CELL / 2;
        let _ = write!(
            svg,
            r#"<text x="{x}" y="14" font-size="9" text-anchor="middle">{:02}</text>"#,
            period.month()
        );
    }
    for (line, status) in rows.iter().enumerate() {
        let y = CELL * (line + 1);
        let _ = write!(
            svg,
            r#"<text x="0" y="{}" font-size="11">{}</text>"#,
            y + 15,
            escape(&status.project.code)
        );
        for (column, period) in periods.iter().enumerate() {
            let x = LABEL + column * CELL;
            let report = status.report_of(*period);
            let light = report.and_then(|r| r.overall());
            let symbol = super::light_symbol(light);
            let cell = format!(
                r##"<rect x="{x}" y="{y}" width="{w}" height="{w}" fill="{}" stroke="#fff"><title>{} {}: {}</title></rect><text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{symbol}</text>"##,
                fill(light),
                escape(&status.project.code),
                period,
                escape(words.light(light)),
                x + CELL / 2 - 1,
                y + 14,
                if light == Some(Light::Amber) || light.is_none() {
                    "#000"
                } else {
                    "#fff"
                },
                w = CELL - 2,
            );
            match report {
                Some(report) => {
                    let _ = write!(
                        svg,
                        r#"<a href="/projects/{}/reports/{}" tabindex="-1">{cell}</a>"#,
                        status.project.id, report.id
                    );
                }
                None => svg.push_str(&cell),
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

pub fn heatmap(ctx: &Ctx, periods: &[Period], rows: &[&ProjectStatus]) -> Markup {
    let title = ctx.t("portfolio-heatmap-title");
    let words = Words::new(ctx);
    page(
        ctx,
        Section::Portfolio,
        &title,
        html! {
            h1 { (title) }
            (subnav(ctx, "/portfolio/heatmap"))
            p { (ctx.t("portfolio-heatmap-intro")) }
            div.chart-wrap {
                (PreEscaped(heatmap_svg(&words, periods, rows)))
            }
            div.table-wrap {
                table.data-table.heatmap-table {
                    caption { (ctx.t("portfolio-heatmap-caption")) }
                    thead {
                        tr {
                            th scope="col" { (ctx.t("project-code")) }
                            @for period in periods { th scope="col" { (period.to_string()) } }
                        }
                    }
                    tbody {
                        @for status in rows {
                            tr {
                                th scope="row" { a href={ "/projects/" (status.project.id) } { (status.project.code) } }
                                @for period in periods {
                                    @let report = status.report_of(*period);
                                    td.heat-cell {
                                        @match report {
                                            Some(report) => a href={ "/projects/" (status.project.id) "/reports/" (report.id) } {
                                                (light_badge(&words, report.overall()))
                                            },
                                            None => (light_badge(&words, None)),
                                        }
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

fn bars_svg(ctx: &Ctx, sums: &[BudgetSum]) -> String {
    const BAR: usize = 14;
    const WIDTH: usize = 420;
    let largest = sums
        .iter()
        .flat_map(|s| [s.budget_sek, s.forecast_sek])
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = |amount: i64| {
        let amount = u128::try_from(amount.max(0)).unwrap_or(0);
        let largest = u128::try_from(largest).unwrap_or(1);
        usize::try_from(amount * WIDTH as u128 / largest).unwrap_or(WIDTH)
    };
    let height = sums.len() * (BAR * 2 + 14) + 10;
    let width = LABEL + 20 + WIDTH;
    let mut svg = format!(
        r#"<svg class="bars" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">"#
    );
    for (i, sum) in sums.iter().enumerate() {
        let y = i * (BAR * 2 + 14) + 5;
        let _ = write!(
            svg,
            r##"<text x="0" y="{}" font-size="11">{}</text><rect x="{LABEL}" y="{y}" width="{}" height="{BAR}" fill="#5a6b7b"><title>{}</title></rect><rect x="{LABEL}" y="{}" width="{}" height="{BAR}" fill="{}"><title>{}</title></rect>"##,
            y + BAR + 4,
            escape(&sum.name),
            scale(sum.budget_sek),
            escape(&format!(
                "{}: {}",
                ctx.t("portfolio-budget"),
                ctx.sek(sum.budget_sek)
            )),
            y + BAR,
            scale(sum.forecast_sek),
            if sum.forecast_sek > sum.budget_sek {
                "#c62828"
            } else {
                "#2e7d32"
            },
            escape(&format!(
                "{}: {}",
                ctx.t("portfolio-forecast"),
                ctx.sek(sum.forecast_sek)
            )),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn budget_table(ctx: &Ctx, caption: &str, group: &str, sums: &[BudgetSum]) -> Markup {
    html! {
        div.chart-wrap { (PreEscaped(bars_svg(ctx, sums))) }
        div.table-wrap {
            table.data-table.budget-table {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (group) }
                        th.numeric scope="col" { (ctx.t("portfolio-projects")) }
                        th.numeric scope="col" { (ctx.t("portfolio-budget")) }
                        th.numeric scope="col" { (ctx.t("portfolio-forecast")) }
                        th.numeric scope="col" { (ctx.t("portfolio-deviation")) }
                    }
                }
                tbody {
                    @for sum in sums {
                        @let d = sum.deviation();
                        tr {
                            th scope="row" { (sum.name) }
                            td.numeric { (sum.projects) }
                            td.numeric { (ctx.sek(sum.budget_sek)) }
                            td.numeric { (ctx.sek(sum.forecast_sek)) }
                            td.numeric {
                                (signed_sek(ctx, d.sek))
                                @if let Some(percent) = d.percent { " (" (signed_percent(percent)) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn budget(ctx: &Ctx, units: &[BudgetSum], boards: &[BudgetSum]) -> Markup {
    let title = ctx.t("portfolio-budget-title");
    page(
        ctx,
        Section::Portfolio,
        &title,
        html! {
            h1 { (title) }
            (subnav(ctx, "/portfolio/budget"))
            p { (ctx.t("portfolio-budget-intro")) }
            h2 { (ctx.t("portfolio-budget-per-board")) }
            (budget_table(ctx, &ctx.t("portfolio-budget-per-board"), &ctx.t("portfolio-board"), boards))
            h2 { (ctx.t("portfolio-budget-per-unit")) }
            (budget_table(ctx, &ctx.t("portfolio-budget-per-unit"), &ctx.t("project-unit"), units))
        },
    )
}

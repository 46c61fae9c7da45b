//! The forecast through the year drawn: one line per board and unit, month by month, with zero
//! (between surplus and deficit) marked. The drawing is an inline SVG that assistive technology
//! skips (`aria-hidden`); every line is named in text at its end and in the legend, and drawn
//! with its own dash pattern as well as its own colour. The table after it is the accessible form.

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};

use crate::domain::follow_up::{Months, Scale, x};
use crate::views::portfolio::signed_sek;
use crate::web::context::Ctx;

const LEFT: u32 = 130;
const TOP: u32 = 16;
const WIDTH: u32 = 440;
const HEIGHT: u32 = 220;
/// Room on the right for the lines' names.
const RIGHT: u32 = 190;

/// Colours dark enough on white for text (WCAG AA), each with a dash pattern of its own.
const STYLES: [(&str, &str); 6] = [
    ("#0b4f6c", ""),
    ("#8e1b1b", "6 3"),
    ("#1b5e20", "2 3"),
    ("#5c2d91", "10 3 2 3"),
    ("#6b4500", "12 4"),
    ("#3f454c", "4 2 1 2"),
];

fn style(index: usize) -> (&'static str, &'static str) {
    STYLES[index % STYLES.len()]
}

/// One line of the chart: a board or unit, named, and its months.
pub struct Line<'a> {
    pub name: &'a str,
    pub months: &'a Months,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG, as text.
fn svg(ctx: &Ctx, lines: &[Line]) -> String {
    let scale = Scale::of(lines.iter().map(|l| l.months));
    let (width, height) = (LEFT + WIDTH + RIGHT, TOP + HEIGHT + 30);
    let mut svg = format!(
        r#"<svg class="forecast chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">"#
    );
    // The value axis: the highest, zero and the lowest.
    let mut ticks = vec![scale.max, 0, scale.min];
    ticks.dedup();
    for value in ticks {
        let y = TOP + scale.y(value, HEIGHT);
        let stroke = if value == 0 { "#1b1f24" } else { "#c5ccd3" };
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{y}" x2="{}" y2="{y}" stroke="{stroke}"/><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#1b1f24">{}</text>"##,
            LEFT + WIDTH,
            LEFT - 6,
            y + 4,
            escape(&signed_sek(ctx, value)),
        );
    }
    for month in 1..=12u32 {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b1f24">{month:02}</text>"##,
            LEFT + x(month, WIDTH),
            TOP + HEIGHT + 18,
        );
    }
    for (index, line) in lines.iter().enumerate() {
        let (colour, dash) = style(index);
        let points: Vec<(u32, u32)> = (1..=12u32)
            .zip(line.months.iter())
            .filter_map(|(month, value)| {
                value.map(|v| (LEFT + x(month, WIDTH), TOP + scale.y(v, HEIGHT)))
            })
            .collect();
        let path = points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            svg,
            r#"<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>"#
        );
        for (x, y) in &points {
            let _ = write!(svg, r#"<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>"#);
        }
        if let Some((x, y)) = points.last() {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" font-size="11" fill="{colour}">{}</text>"#,
                x + 6,
                y + 4,
                escape(line.name)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The chart, its legend, and the same numbers as a table.
pub fn chart(ctx: &Ctx, year: i32, lines: &[Line]) -> Markup {
    let caption = ctx.t_args("follow-up-chart-caption", &[("year", year.into())]);
    html! {
        h2 { (ctx.t("follow-up-chart-title")) }
        @if lines.is_empty() {
            p { (ctx.t("follow-up-chart-none")) }
        } @else {
            p { (ctx.t("follow-up-chart-intro")) }
            div.chart-wrap { (PreEscaped(svg(ctx, lines))) }
            ul.chart-legend aria-label=(ctx.t("follow-up-chart-legend")) {
                @for (index, line) in lines.iter().enumerate() {
                    @let (colour, dash) = style(index);
                    li {
                        (PreEscaped(format!(
                            r#"<svg width="36" height="10" aria-hidden="true" focusable="false"><line x1="0" y1="5" x2="36" y2="5" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/></svg>"#
                        )))
                        " " (line.name)
                    }
                }
            }
            // Focusable, so a keyboard can scroll a table wider than the screen.
            div.table-wrap tabindex="0" role="region" aria-label=(caption) {
                table.data-table.follow-up-chart-table {
                    caption { (caption) }
                    thead {
                        tr {
                            th scope="col" { (ctx.t("follow-up-target")) }
                            @for month in 1..=12u32 { th scope="col" { (format!("{year}-{month:02}")) } }
                        }
                    }
                    tbody {
                        @for line in lines {
                            tr {
                                th scope="row" { (line.name) }
                                @for value in line.months {
                                    td.amount { (value.map(|v| signed_sek(ctx, v)).unwrap_or_else(|| "–".into())) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn ctx() -> Ctx {
        Ctx {
            lang: Lang::Sv,
            user: None,
            csrf_token: String::new(),
            here: "/follow-up".into(),
        }
    }

    #[test]
    fn every_line_is_named_in_text_and_names_are_escaped() {
        let months: Months = [
            Some(-100),
            Some(50),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ];
        let other: Months = [None; 12];
        let lines = [
            Line {
                name: "Barn & <familj>",
                months: &months,
            },
            Line {
                name: "Äldreenheten",
                months: &other,
            },
        ];
        let svg = svg(&ctx(), &lines);
        assert!(svg.contains("Barn &amp; &lt;familj&gt;"), "{svg}");
        assert!(!svg.contains("<familj>"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(
            svg.contains(r#"stroke-dasharray="6 3""#),
            "the second line is dashed"
        );
    }
}

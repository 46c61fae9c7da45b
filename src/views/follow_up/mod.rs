//! The monthly budget follow-up (`GET /follow-up`), under the management group's section Mål och
//! resultatuppföljning: per month and per board and unit the annual budget, the forecast surplus
//! (+) or deficit (−) and a comment; the chart of the forecast through the year (`chart.rs`); a
//! year to choose; one month alone (`?period=YYYY-MM`, what a meeting item links to); and for those
//! who record it, the form.

mod chart;

use maud::{Markup, html};

use crate::db::follow_ups::Recorded;
use crate::domain::follow_up::{FollowUpForm, Months, Target};
use crate::domain::status_report::Period;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, column_heads, csrf_field, error_summary, notice, select_field,
};
use crate::views::layout::{Section, page};
use crate::views::portfolio::signed_sek;
use crate::web::context::Ctx;

/// One month's follow-up of one board or unit, named.
pub struct Line {
    pub period: Period,
    pub target: Target,
    /// The board's or unit's name as the page writes it ("Äldreenheten (enhet)").
    pub name: String,
    pub budget: i64,
    pub forecast_deviation: i64,
    pub comment: String,
}

/// The recording form: what was typed, its errors, and the units and boards to choose from
/// (id, name).
pub struct FormView<'a> {
    pub form: &'a FollowUpForm,
    pub errors: &'a FieldErrors,
    pub units: &'a [(i64, String)],
    pub boards: &'a [(i64, String)],
}

pub struct FollowUpPage<'a> {
    pub year: i32,
    /// The years to choose from, the latest first.
    pub years: &'a [i32],
    /// The one month asked for, if any.
    pub period: Option<Period>,
    /// The year's follow-ups (or the month's), by month.
    pub lines: &'a [Line],
    /// The chart's lines: each board and unit followed up this year, by name.
    pub series: &'a [(String, Months)],
    pub form: Option<FormView<'a>>,
    pub saved: Option<Recorded>,
}

pub fn page_markup(ctx: &Ctx, data: &FollowUpPage) -> Markup {
    let title = ctx.t("follow-up-title");
    let lines: Vec<chart::Line> = data
        .series
        .iter()
        .map(|(name, months)| chart::Line { name, months })
        .collect();
    page(
        ctx,
        Section::FollowUp,
        &title,
        html! {
            p.breadcrumb { (ctx.t("meeting-section-goals")) }
            h1 { (title) }
            @match data.saved {
                Some(Recorded::Created) => (notice(&ctx.t("follow-up-saved-created"))),
                Some(Recorded::Replaced) => (notice(&ctx.t("follow-up-saved-replaced"))),
                None => {}
            }
            p { (ctx.t("follow-up-intro")) }
            (year_form(ctx, data.year, data.years))
            (month_table(ctx, data))
            (chart::chart(ctx, data.year, &lines))
            @if let Some(form) = &data.form { (record_form(ctx, form)) }
        },
    )
}

fn year_form(ctx: &Ctx, year: i32, years: &[i32]) -> Markup {
    let options: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    html! {
        form.filter-form method="get" action="/follow-up" role="search" aria-label=(ctx.t("follow-up-year-label")) {
            (select_field(ctx, &FieldErrors::new(), "year", "follow-up-year", &options, &year.to_string(), None))
            div.form-actions { button type="submit" { (ctx.t("follow-up-show")) } }
        }
    }
}

fn month_table(ctx: &Ctx, data: &FollowUpPage) -> Markup {
    let caption = match data.period {
        Some(period) => ctx.t_args(
            "follow-up-month-caption",
            &[("period", period.to_string().into())],
        ),
        None => ctx.t_args("follow-up-year-caption", &[("year", data.year.into())]),
    };
    html! {
        h2 #month { (caption) }
        @if let Some(period) = data.period {
            p {
                a href={ "/follow-up?year=" (period.year()) } {
                    (ctx.t_args("follow-up-whole-year", &[("year", period.year().into())]))
                }
            }
        }
        @if data.lines.is_empty() {
            p { (ctx.t("follow-up-none")) }
        } @else {
            // Focusable, so a keyboard can scroll a table wider than the screen.
            div.table-wrap tabindex="0" role="region" aria-label=(caption) {
                table.data-table.follow-up-table {
                    caption.sr-only { (caption) }
                    (column_heads(ctx, &["follow-up-period", "follow-up-target", "follow-up-budget", "follow-up-forecast-deviation", "follow-up-comment"]))
                    tbody {
                        @for line in data.lines {
                            tr {
                                td { a href={ "/follow-up?period=" (line.period) } { (line.period) } }
                                th scope="row" { (line.name) }
                                td.amount { (ctx.sek(line.budget)) }
                                td.amount { (deviation(ctx, line.forecast_deviation)) }
                                td.description { (line.comment) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A forecast deviation in words as well as its sign: "+40 000 kr (överskott)".
fn deviation(ctx: &Ctx, amount: i64) -> String {
    let word = match amount.signum() {
        1 => ctx.t("follow-up-surplus"),
        -1 => ctx.t("follow-up-deficit"),
        _ => ctx.t("follow-up-balance"),
    };
    format!("{} ({word})", signed_sek(ctx, amount))
}

fn record_form(ctx: &Ctx, view: &FormView) -> Markup {
    let FormView {
        form,
        errors,
        units,
        boards,
    } = view;
    let options = |list: &[(i64, String)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect()
    };
    html! {
        h2 #record { (ctx.t("follow-up-record")) }
        p { (ctx.t("follow-up-record-guide")) }
        form.follow-up-form method="post" action="/follow-up" novalidate {
            (error_summary(ctx, errors, &[
                ("period", "follow-up-period"),
                ("unit", "follow-up-unit"),
                ("board", "follow-up-board"),
                ("budget", "follow-up-budget"),
                ("forecast_deviation", "follow-up-forecast-deviation"),
                ("comment", "follow-up-comment"),
            ]))
            (csrf_field(ctx))
            (Field::text("period", "follow-up-period", &form.period).required().hint("rollups-period-hint").render(ctx, errors))
            (select_field(ctx, errors, "unit", "follow-up-unit", &options(units), form.unit.trim(), Some("form-nobody")))
            (select_field(ctx, errors, "board", "follow-up-board", &options(boards), form.board.trim(), Some("form-nobody")))
            (Field::text("budget", "follow-up-budget", &form.budget).required().hint("report-amount-hint").render(ctx, errors))
            (Field::text("forecast_deviation", "follow-up-forecast-deviation", &form.forecast_deviation).required().hint("follow-up-deviation-hint").render(ctx, errors))
            (Field::text("comment", "follow-up-comment", &form.comment).of(crate::views::components::Input::TextArea).render(ctx, errors))
            div.form-actions { button type="submit" { (ctx.t("follow-up-save")) } }
        }
    }
}

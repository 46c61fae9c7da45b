//! The development manager's portfolio: the table of every active project, the heatmap, budget
//! against forecast, and the CSV files. Shared here: how a light, a trend and a report state read
//! (always a word and a symbol beside the colour), with the words looked up once per page.

pub mod charts;
pub mod exports;
pub mod table;

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use crate::domain::phase::Phase;
use crate::domain::status_report::{Light, ReportState, Trend};
use crate::web::context::Ctx;

/// A date as `YYYY-MM-DD`, written without chrono's format machinery: the portfolio writes
/// thousands of them.
pub fn iso_date(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
    out
}

/// The symbol shown beside a light's word, so that no light reads by colour alone.
pub fn light_symbol(light: Option<Light>) -> &'static str {
    match light {
        Some(Light::Green) => "●",
        Some(Light::Amber) => "▲",
        Some(Light::Red) => "■",
        None => "○",
    }
}

/// The CSS class of a light (`none` when not reported).
pub fn light_class(light: Option<Light>) -> &'static str {
    match light {
        Some(Light::Green) => "light light-is-green",
        Some(Light::Amber) => "light light-is-amber",
        Some(Light::Red) => "light light-is-red",
        None => "light light-is-none",
    }
}

pub fn trend_symbol(trend: Trend) -> &'static str {
    match trend {
        Trend::Better => "↑",
        Trend::Same => "→",
        Trend::Worse => "↓",
        Trend::New => "✱",
    }
}

pub fn trend_key(trend: Trend) -> &'static str {
    match trend {
        Trend::Better => "portfolio-trend-better",
        Trend::Same => "portfolio-trend-same",
        Trend::Worse => "portfolio-trend-worse",
        Trend::New => "portfolio-trend-new",
    }
}

/// The words of a page, looked up once rather than once per cell.
pub struct Words {
    green: String,
    amber: String,
    red: String,
    not_reported: String,
    better: String,
    same: String,
    worse: String,
    new: String,
    submitted: String,
    submitted_late: String,
    open: String,
    missing: String,
    not_owed: String,
    phases: Vec<(Phase, String)>,
}

impl Words {
    pub fn new(ctx: &Ctx) -> Words {
        Words {
            green: ctx.t(Light::Green.label_key()),
            amber: ctx.t(Light::Amber.label_key()),
            red: ctx.t(Light::Red.label_key()),
            not_reported: ctx.t("report-state-missing"),
            better: ctx.t(trend_key(Trend::Better)),
            same: ctx.t(trend_key(Trend::Same)),
            worse: ctx.t(trend_key(Trend::Worse)),
            new: ctx.t(trend_key(Trend::New)),
            submitted: ctx.t(ReportState::Submitted.label_key()),
            submitted_late: ctx.t(ReportState::SubmittedLate.label_key()),
            open: ctx.t(ReportState::Open.label_key()),
            missing: ctx.t(ReportState::Missing.label_key()),
            not_owed: ctx.t("portfolio-state-not-owed"),
            phases: Phase::ALL
                .into_iter()
                .map(|p| (p, ctx.t(p.label_key())))
                .collect(),
        }
    }

    /// A light's word; "not reported" for none.
    pub fn light(&self, light: Option<Light>) -> &str {
        match light {
            Some(Light::Green) => &self.green,
            Some(Light::Amber) => &self.amber,
            Some(Light::Red) => &self.red,
            None => &self.not_reported,
        }
    }

    pub fn trend(&self, trend: Trend) -> &str {
        match trend {
            Trend::Better => &self.better,
            Trend::Same => &self.same,
            Trend::Worse => &self.worse,
            Trend::New => &self.new,
        }
    }

    /// A report state's word; "not owed" for none.
    pub fn state(&self, state: Option<ReportState>) -> &str {
        match state {
            Some(ReportState::Submitted) => &self.submitted,
            Some(ReportState::SubmittedLate) => &self.submitted_late,
            Some(ReportState::Open) => &self.open,
            Some(ReportState::Missing) => &self.missing,
            None => &self.not_owed,
        }
    }

    pub fn phase(&self, phase: Phase) -> &str {
        self.phases
            .iter()
            .find(|(p, _)| *p == phase)
            .map_or("", |(_, word)| word.as_str())
    }
}

/// A light as a badge: symbol and word, coloured.
pub fn light_badge(words: &Words, light: Option<Light>) -> Markup {
    html! {
        span class=(light_class(light)) {
            span.light-symbol aria-hidden="true" { (light_symbol(light)) }
            " " (words.light(light))
        }
    }
}

/// A report state as a badge; a missing report reads grey "not reported".
pub fn state_badge(words: &Words, state: Option<ReportState>) -> Markup {
    let class = match state {
        Some(ReportState::Missing) | None => "state state-grey",
        Some(ReportState::SubmittedLate) => "state state-late",
        Some(ReportState::Open) => "state state-open",
        Some(ReportState::Submitted) => "state state-ok",
    };
    html! { span class=(class) { (words.state(state)) } }
}

/// Signed kronor: "+150 000 kr".
pub fn signed_sek(ctx: &Ctx, amount: i64) -> String {
    let sign = if amount > 0 { "+" } else { "" };
    format!("{sign}{}", ctx.sek(amount))
}

/// Signed percent: "+15 %".
pub fn signed_percent(percent: i64) -> String {
    let sign = if percent > 0 {
        "+"
    } else if percent < 0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}\u{a0}%", percent.unsigned_abs())
}

/// The links between the portfolio's pages.
pub fn subnav(ctx: &Ctx, current: &str) -> Markup {
    let links = [
        ("/portfolio", "portfolio-title"),
        ("/portfolio/heatmap", "portfolio-heatmap-title"),
        ("/portfolio/budget", "portfolio-budget-title"),
        ("/rollups", "rollups-title"),
    ];
    html! {
        nav.sub-nav aria-label=(ctx.t("portfolio-subnav")) {
            ul {
                @for (href, key) in links {
                    li {
                        @if href == current {
                            a href=(href) aria-current="page" { (ctx.t(key)) }
                        } @else {
                            a href=(href) { (ctx.t(key)) }
                        }
                    }
                }
            }
        }
    }
}

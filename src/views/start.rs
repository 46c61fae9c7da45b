//! The start page (`GET /`): what waits for the user. A project lead sees the reports due, late
//! and drafted for their projects; the development manager the reports to review, the open
//! escalations and the projects that need attention; everyone else a welcome and the way on.
//! Above it, everyone with action items sees their own open ones, overdue first, and those who
//! follow everyone's how many are open and overdue in all.

use maud::{Markup, html};

use crate::db::action_items::Listed;
use crate::db::portfolio::ReportItem;
use crate::domain::action_item::OpenCount;
use crate::domain::portfolio::Attention;
use crate::domain::status_report::{EscalationKind, EscalationTo, Period, ReportState};
use crate::views::components::column_heads;
use crate::views::escalations::{kind_key, to_key};
use crate::views::layout::{Section, page};
use crate::views::portfolio::{Words, iso_date, state_badge};
use crate::web::context::Ctx;

/// A report a lead owes: the project, the period, its state, and the draft if one is begun.
pub struct DueReport {
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub period: Period,
    pub state: ReportState,
    pub draft_id: Option<i64>,
}

/// An open escalation as the start page lists it.
pub struct OpenEscalation {
    pub project_id: i64,
    pub code: String,
    pub report_id: i64,
    pub text: String,
    pub kind: Option<EscalationKind>,
    pub to: Option<EscalationTo>,
    pub raised_on: Option<chrono::NaiveDate>,
}

/// A project that needs the development manager's attention, and why.
pub struct NeedsAttention {
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub reasons: Vec<Attention>,
}

/// What the start page shows, by who is asking.
pub enum Start {
    Lead {
        due: Vec<DueReport>,
        drafts: Vec<ReportItem>,
    },
    DevelopmentManager {
        awaiting: Vec<ReportItem>,
        escalations: Vec<OpenEscalation>,
        attention: Vec<NeedsAttention>,
    },
    Welcome,
}

/// The user's action items as the start page shows them.
pub struct StartActions {
    /// The user's own open action items, overdue first.
    pub own: Vec<Listed>,
    /// Everyone's open and overdue, counted, for those who follow them all.
    pub all: Option<OpenCount>,
    pub today: chrono::NaiveDate,
}

/// The whole start page: the user's action items, then what waits for them by role.
pub struct StartPage {
    pub main: Start,
    pub actions: StartActions,
}

pub fn page_markup(ctx: &Ctx, data: &StartPage) -> Markup {
    let title = ctx.t("start-title");
    let words = Words::new(ctx);
    let start = &data.main;
    page(
        ctx,
        Section::None,
        &title,
        html! {
            h1 { (title) }
            (actions(ctx, &data.actions))
            @match start {
                Start::Lead { due, drafts } => (lead(ctx, &words, due, drafts)),
                Start::DevelopmentManager { awaiting, escalations, attention } => {
                    (development_manager(ctx, awaiting, escalations, attention))
                }
                Start::Welcome => (welcome(ctx)),
            }
            p.start-links {
                a href="/portfolio" { (ctx.t("portfolio-title")) } " · "
                a href="/projects" { (ctx.t("nav-projects")) } " · "
                a href="/rollups" { (ctx.t("rollups-title")) } " · "
                a href="/action-items" { (ctx.t("action-items-title")) } " · "
                a href="/follow-up" { (ctx.t("follow-up-title")) }
            }
        },
    )
}

fn lead(ctx: &Ctx, words: &Words, due: &[DueReport], drafts: &[ReportItem]) -> Markup {
    html! {
        h2 { (ctx.t("start-due")) }
        @if due.is_empty() {
            p { (ctx.t("start-due-none")) }
        } @else {
            table.data-table.start-due {
                caption { (ctx.t("start-due")) }
                (column_heads(ctx, &["portfolio-project", "portfolio-period", "portfolio-report-state", "start-action"]))
                tbody {
                    @for d in due {
                        tr {
                            td { a href={ "/projects/" (d.project_id) } { (d.code) } " " (d.name) }
                            td { (d.period.to_string()) }
                            td { (state_badge(words, Some(d.state))) }
                            td {
                                @match d.draft_id {
                                    Some(id) => a href={ "/projects/" (d.project_id) "/reports/" (id) } { (ctx.t("start-continue")) },
                                    None => a href={ "/projects/" (d.project_id) "/reports" } { (ctx.t("start-begin")) },
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (ctx.t("start-drafts")) }
        @if drafts.is_empty() {
            p { (ctx.t("start-drafts-none")) }
        } @else {
            table.data-table.start-drafts {
                caption { (ctx.t("start-drafts")) }
                (column_heads(ctx, &["portfolio-project", "portfolio-period", "portfolio-version"]))
                tbody {
                    @for r in drafts {
                        tr {
                            td { (r.code) " " (r.name) }
                            td { a href={ "/projects/" (r.project_id) "/reports/" (r.id) } { (r.period) } }
                            td { (r.version) }
                        }
                    }
                }
            }
        }
    }
}

fn development_manager(
    ctx: &Ctx,
    awaiting: &[ReportItem],
    escalations: &[OpenEscalation],
    attention: &[NeedsAttention],
) -> Markup {
    html! {
        h2 { (ctx.t("start-awaiting-review")) }
        @if awaiting.is_empty() {
            p { (ctx.t("start-awaiting-none")) }
        } @else {
            table.data-table.start-awaiting {
                caption { (ctx.t("start-awaiting-review")) }
                (column_heads(ctx, &["portfolio-project", "portfolio-period", "portfolio-version", "portfolio-submitted-on"]))
                tbody {
                    @for r in awaiting {
                        tr {
                            td { (r.code) " " (r.name) }
                            td { a href={ "/projects/" (r.project_id) "/reports/" (r.id) } { (r.period) } }
                            td { (r.version) }
                            td { (r.submitted_on.map(iso_date).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
        h2 { (ctx.t("start-escalations")) }
        @if escalations.is_empty() {
            p { (ctx.t("start-escalations-none")) }
        } @else {
            table.data-table.start-escalations {
                caption { (ctx.t("start-escalations")) }
                (column_heads(ctx, &["portfolio-project", "portfolio-kind", "portfolio-addressed-to", "portfolio-raised-on", "portfolio-escalation-text"]))
                tbody {
                    @for e in escalations {
                        tr {
                            td { a href={ "/projects/" (e.project_id) } { (e.code) } }
                            td { (ctx.t(kind_key(e.kind))) }
                            td { (ctx.t(to_key(e.to))) }
                            td { (e.raised_on.map(iso_date).unwrap_or_default()) }
                            td { a href={ "/projects/" (e.project_id) "/reports/" (e.report_id) } { (e.text) } }
                        }
                    }
                }
            }
        }
        h2 { (ctx.t("start-attention")) }
        @if attention.is_empty() {
            p { (ctx.t("start-attention-none")) }
        } @else {
            table.data-table.start-attention {
                caption { (ctx.t("start-attention")) }
                (column_heads(ctx, &["portfolio-project", "start-why"]))
                tbody {
                    @for a in attention {
                        tr {
                            td { a href={ "/projects/" (a.project_id) } { (a.code) } " " (a.name) }
                            td {
                                @for (i, reason) in a.reasons.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (ctx.t(reason.label_key()))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn actions(ctx: &Ctx, actions: &StartActions) -> Markup {
    let own: Vec<&Listed> = actions.own.iter().collect();
    html! {
        @if let Some(all) = actions.all {
            p.start-all-actions {
                (ctx.t_args("start-actions-all", &[("open", all.open.into()), ("overdue", all.overdue.into())]))
                " "
                a href="/action-items?by=owner" { (ctx.t("start-actions-all-link")) }
            }
        }
        @if !own.is_empty() {
            h2 { (ctx.t("start-actions")) }
            (crate::views::action_items::items_table(ctx, &ctx.t("start-actions"), &own, actions.today, "start-"))
            p { a href="/action-items" { (ctx.t("start-actions-mine-link")) } }
        }
    }
}

fn welcome(ctx: &Ctx) -> Markup {
    html! {
        p { (ctx.t("start-welcome")) }
    }
}

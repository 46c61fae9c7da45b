//! `GET /portfolio`: one row per active project, filtered and sorted by the query.

use maud::{Markup, html};

use super::{
    Words, iso_date, light_badge, signed_percent, signed_sek, state_badge, subnav, trend_symbol,
};
use crate::db::units::{Board, Unit};
use crate::domain::phase::Phase;
use crate::domain::portfolio::status::{Filter, LightFilter, ProjectStatus, Sort, SortKey};
use crate::domain::status_report::{Aspect, Light};
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, select_field};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// What the filter form offers.
pub struct Choices<'a> {
    pub units: &'a [Unit],
    pub boards: &'a [Board],
    /// The leads of active projects: id and name, by name.
    pub leads: &'a [(i64, String)],
}

/// The filter as query pairs, without the order: what every link of the page keeps.
pub fn filter_pairs(filter: &Filter) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !filter.query.is_empty() {
        pairs.push(("q", filter.query.clone()));
    }
    let ids = [
        ("unit", filter.unit_id),
        ("board", filter.board_id),
        ("lead", filter.lead_id),
    ];
    for (name, id) in ids {
        if let Some(id) = id {
            pairs.push((name, id.to_string()));
        }
    }
    if let Some(phase) = filter.phase {
        pairs.push(("phase", phase.as_str().to_owned()));
    }
    if let Some(light) = filter.light {
        pairs.push(("light", light.as_str().to_owned()));
    }
    pairs
}

/// `path` with the filter's pairs and `extra` as its query.
pub fn link(path: &str, filter: &Filter, extra: &[(&'static str, String)]) -> String {
    let mut pairs = filter_pairs(filter);
    pairs.extend(extra.iter().cloned());
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{path}?{query}")
}

const COLUMNS: [(SortKey, &str); 11] = [
    (SortKey::Code, "project-code"),
    (SortKey::Name, "project-name"),
    (SortKey::Unit, "project-unit"),
    (SortKey::Phase, "project-phase"),
    (SortKey::Lead, "project-lead"),
    (SortKey::Overall, "report-aspect-overall"),
    (SortKey::Trend, "portfolio-trend"),
    (SortKey::Deviation, "portfolio-deviation"),
    (SortKey::Milestone, "portfolio-next-milestone"),
    (SortKey::State, "portfolio-report-state"),
    (SortKey::Escalations, "portfolio-escalations"),
];

fn header(ctx: &Ctx, filter: &Filter, sort: Sort, key: SortKey, label: &str) -> Markup {
    let direction = if sort.descending {
        "descending"
    } else {
        "ascending"
    };
    let aria = (sort.key == key).then_some(direction);
    let href = link("/portfolio", filter, &[("sort", sort.toggled(key).param())]);
    html! {
        th scope="col" aria-sort=[aria] {
            a href=(href) { (ctx.t(label)) }
        }
    }
}

fn sortable(ctx: &Ctx, filter: &Filter, sort: Sort, key: SortKey) -> Markup {
    let label = COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("project-code", |(_, label)| label);
    header(ctx, filter, sort, key, label)
}

pub fn page_markup(
    ctx: &Ctx,
    filter: &Filter,
    sort: Sort,
    choices: &Choices,
    rows: &[&ProjectStatus],
) -> Markup {
    let title = ctx.t("portfolio-title");
    let words = Words::new(ctx);
    page(
        ctx,
        Section::Portfolio,
        &title,
        html! {
            h1 { (title) }
            (subnav(ctx, "/portfolio"))
            (filter_form(ctx, filter, sort, choices, &words))
            p role="status" { (ctx.t_args("portfolio-count", &[("count", rows.len().into())])) }
            p.downloads {
                a href=(link("/portfolio.csv", filter, &[("sort", sort.param()), ("excel", "sv".into())])) { (ctx.t("portfolio-csv-sv")) }
                " · "
                a href=(link("/portfolio.csv", filter, &[("sort", sort.param()), ("excel", "en".into())])) { (ctx.t("portfolio-csv-en")) }
            }
            @if !rows.is_empty() {
                div.table-wrap {
                    table.data-table.portfolio-table {
                        caption { (ctx.t("portfolio-caption")) }
                        thead {
                            tr {
                                (sortable(ctx, filter, sort, SortKey::Code))
                                (sortable(ctx, filter, sort, SortKey::Name))
                                (sortable(ctx, filter, sort, SortKey::Unit))
                                (sortable(ctx, filter, sort, SortKey::Phase))
                                (sortable(ctx, filter, sort, SortKey::Lead))
                                (sortable(ctx, filter, sort, SortKey::Overall))
                                @for aspect in &Aspect::ALL[1..] {
                                    th scope="col" { (ctx.t(aspect.label_key())) }
                                }
                                (sortable(ctx, filter, sort, SortKey::Trend))
                                th.numeric scope="col" { (ctx.t("portfolio-budget")) }
                                th.numeric scope="col" { (ctx.t("portfolio-forecast")) }
                                (sortable(ctx, filter, sort, SortKey::Deviation))
                                (sortable(ctx, filter, sort, SortKey::Milestone))
                                (sortable(ctx, filter, sort, SortKey::State))
                                (sortable(ctx, filter, sort, SortKey::Escalations))
                            }
                        }
                        tbody {
                            @for status in rows { (row(ctx, &words, status)) }
                        }
                    }
                }
            }
        },
    )
}

fn row(ctx: &Ctx, words: &Words, status: &ProjectStatus) -> Markup {
    let p = &status.project;
    let latest = status.latest();
    html! {
        tr data-project=(p.code) {
            td { a href={ "/projects/" (p.id) } { (p.code) } }
            td { (p.name) }
            td { (p.unit_name) }
            td { (words.phase(p.phase)) }
            td { (p.lead_name.as_deref().unwrap_or("–")) }
            @for aspect in Aspect::ALL {
                td.light-cell data-aspect=(aspect.field()) {
                    @match latest {
                        Some(report) => {
                            a href={ "/projects/" (p.id) "/reports/" (report.id) } {
                                (light_badge(words, report.light(aspect)))
                            }
                            @if aspect == Aspect::Overall {
                                br; span.muted { (report.period.to_string()) }
                            }
                        }
                        // One "not reported" says it; the dimensions would only repeat it.
                        None if aspect == Aspect::Overall => (light_badge(words, None)),
                        None => "–",
                    }
                }
            }
            td.trend {
                @if let Some(trend) = status.trend {
                    span aria-hidden="true" { (trend_symbol(trend)) } " " (words.trend(trend))
                } @else { "–" }
            }
            td.numeric { (status.budget_sek.map_or_else(|| "–".to_owned(), |b| ctx.sek(b))) }
            td.numeric { (status.forecast_sek().map_or_else(|| "–".to_owned(), |f| ctx.sek(f))) }
            td.numeric.deviation {
                @if let Some(d) = status.deviation {
                    (signed_sek(ctx, d.sek))
                    @if let Some(percent) = d.percent { br; (signed_percent(percent)) }
                } @else { "–" }
            }
            td {
                @if let Some(m) = status.next_milestone() {
                    (m.name) br;
                    (iso_date(m.planned_on))
                    @if m.expected_on != m.planned_on {
                        br; span.muted { (ctx.t("portfolio-forecast-short")) " " (iso_date(m.expected_on)) }
                    }
                } @else { "–" }
            }
            td {
                span.muted { (status.due_period.to_string()) } " "
                (state_badge(words, status.due_state))
            }
            td.numeric { (status.open_escalations) }
        }
    }
}

fn filter_form(ctx: &Ctx, filter: &Filter, sort: Sort, choices: &Choices, words: &Words) -> Markup {
    let no_errors = FieldErrors::new();
    let units: Vec<(String, String)> = choices
        .units
        .iter()
        .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.board_name)))
        .collect();
    let boards: Vec<(String, String)> = choices
        .boards
        .iter()
        .map(|b| (b.id.to_string(), b.name.clone()))
        .collect();
    let phases: Vec<(String, String)> = [Phase::Planning, Phase::Execution, Phase::Closing]
        .into_iter()
        .map(|p| (p.as_str().to_owned(), words.phase(p).to_owned()))
        .collect();
    let lights: Vec<(String, String)> = Light::ALL
        .into_iter()
        .map(|l| (l.as_str().to_owned(), words.light(Some(l)).to_owned()))
        .chain([(
            LightFilter::NOT_REPORTED.to_owned(),
            words.light(None).to_owned(),
        )])
        .collect();
    let leads: Vec<(String, String)> = choices
        .leads
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    html! {
        form.filter-form method="get" action="/portfolio" role="search" aria-label=(ctx.t("portfolio-filter-label")) {
            (Field::text("q", "portfolio-search", &filter.query).render(ctx, &no_errors))
            (select_field(ctx, &no_errors, "unit", "project-unit", &units, &id(filter.unit_id), Some("projects-all-units")))
            (select_field(ctx, &no_errors, "board", "portfolio-board", &boards, &id(filter.board_id), Some("portfolio-all-boards")))
            (select_field(ctx, &no_errors, "phase", "project-phase", &phases, filter.phase.map_or("", |p| p.as_str()), Some("projects-all-phases")))
            (select_field(ctx, &no_errors, "light", "report-aspect-overall", &lights, filter.light.map_or("", |l| l.as_str()), Some("portfolio-all-lights")))
            (select_field(ctx, &no_errors, "lead", "project-lead", &leads, &id(filter.lead_id), Some("portfolio-all-leads")))
            input type="hidden" name="sort" value=(sort.param());
            div.form-actions {
                button type="submit" { (ctx.t("projects-filter")) }
                " "
                a href="/portfolio" { (ctx.t("projects-clear")) }
            }
        }
    }
}

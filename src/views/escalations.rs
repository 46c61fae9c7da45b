//! The portfolio's escalations: a filterable table, and the same rows as CSV for Excel.

use maud::{Markup, html};

use crate::db::escalations::{Filter, Listed, State};
use crate::domain::status_report::{EscalationKind, EscalationTo};
use crate::domain::validation::FieldErrors;
use crate::views::components::{self, Field, decision_number, select_field};
use crate::views::csv::{self, Cell, Excel};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// The catalog key of who an escalation is addressed to; "unknown" for a value no longer known.
pub fn to_key(to: Option<EscalationTo>) -> &'static str {
    to.map_or("escalations-unknown", EscalationTo::label_key)
}

/// The catalog key of what an escalation asks for; "unknown" for a value no longer known.
pub fn kind_key(kind: Option<EscalationKind>) -> &'static str {
    kind.map_or("escalations-unknown", EscalationKind::label_key)
}

fn state_value(state: State) -> &'static str {
    match state {
        State::Open => "open",
        State::Answered => "answered",
        State::All => "all",
    }
}

/// Where an escalation stands, in words: open, or answered by which decision and when.
fn standing(ctx: &Ctx, row: &Listed) -> String {
    match &row.answer {
        Some(decision) => ctx.t_args(
            "escalations-answered-by",
            &[
                ("decision", decision_number(ctx, decision).into()),
                ("date", decision.decided_on.to_string().into()),
            ],
        ),
        None if row.escalation.answered_by_decision_id.is_some() => {
            ctx.t("escalations-state-answered-one")
        }
        None => ctx.t("escalations-state-open-one"),
    }
}

/// The query string that keeps the filters, for the CSV links.
fn query_of(filter: &Filter) -> String {
    let mut pairs = vec![("state", state_value(filter.state).to_owned())];
    if let Some(to) = filter.to {
        pairs.push(("to", to.as_str().to_owned()));
    }
    if let Some(kind) = filter.kind {
        pairs.push(("kind", kind.as_str().to_owned()));
    }
    if let Some(project) = &filter.project {
        pairs.push(("project", project.clone()));
    }
    pairs
        .into_iter()
        .map(|(name, value)| format!("{name}={}", encode(&value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn filter_form(ctx: &Ctx, filter: &Filter) -> Markup {
    let no_errors = FieldErrors::new();
    let states: Vec<(String, String)> = [
        (State::Open, "escalations-state-open"),
        (State::Answered, "escalations-state-answered"),
        (State::All, "escalations-state-all"),
    ]
    .into_iter()
    .map(|(state, key)| (state_value(state).to_owned(), ctx.t(key)))
    .collect();
    let tos: Vec<(String, String)> = EscalationTo::ALL
        .into_iter()
        .map(|to| (to.as_str().to_owned(), ctx.t(to_key(Some(to)))))
        .collect();
    let kinds: Vec<(String, String)> = [EscalationKind::Strategic, EscalationKind::Economic]
        .into_iter()
        .map(|kind| (kind.as_str().to_owned(), ctx.t(kind_key(Some(kind)))))
        .collect();
    let project = filter.project.clone().unwrap_or_default();
    html! {
        form.filter-form method="get" action="/escalations" role="search" aria-label=(ctx.t("escalations-filter-label")) {
            (select_field(ctx, &no_errors, "state", "escalations-state", &states, state_value(filter.state), None))
            (select_field(ctx, &no_errors, "to", "escalations-to", &tos, filter.to.map_or("", EscalationTo::as_str), Some("escalations-any")))
            (select_field(ctx, &no_errors, "kind", "escalations-kind", &kinds, filter.kind.map_or("", EscalationKind::as_str), Some("escalations-any")))
            (Field::text("project", "escalations-project-code", &project).render(ctx, &no_errors))
            div.form-actions {
                button type="submit" { (ctx.t("escalations-filter")) }
                " "
                a href="/escalations" { (ctx.t("escalations-clear")) }
            }
        }
    }
}

pub fn list(ctx: &Ctx, filter: &Filter, rows: &[Listed]) -> Markup {
    let title = ctx.t("escalations-title");
    let query = query_of(filter);
    page(
        ctx,
        Section::Escalations,
        &title,
        html! {
            h1 { (title) }
            (filter_form(ctx, filter))
            p role="status" { (ctx.t_args("escalations-count", &[("count", rows.len().into())])) }
            p.downloads {
                a href={ "/escalations.csv?" (query) "&excel=sv" } { (ctx.t("escalations-csv-sv")) }
                " · "
                a href={ "/escalations.csv?" (query) "&excel=en" } { (ctx.t("escalations-csv-en")) }
            }
            @if !rows.is_empty() {
                div.table-wrap {
                    table.data-table {
                        caption.sr-only { (title) }
                        thead {
                            tr {
                                th scope="col" { (ctx.t("escalations-project")) }
                                th scope="col" { (ctx.t("escalations-period")) }
                                th scope="col" { (ctx.t("escalations-kind")) }
                                th scope="col" { (ctx.t("escalations-to")) }
                                th scope="col" { (ctx.t("escalations-text")) }
                                th scope="col" { (ctx.t("escalations-raised-on")) }
                                th scope="col" { (ctx.t("escalations-state")) }
                            }
                        }
                        tbody {
                            @for row in rows {
                                @let e = &row.escalation;
                                tr {
                                    td.description {
                                        a href={ "/projects/" (e.project_id) } { (row.project_code) }
                                        " " (row.project_name)
                                    }
                                    td { a href={ "/projects/" (e.project_id) "/reports/" (e.report_id) } { (row.period) } }
                                    td { (ctx.t(kind_key(e.kind()))) }
                                    td { (ctx.t(to_key(e.to()))) }
                                    td.description { (e.text) }
                                    td { (components::date(row.raised_on)) }
                                    td { (standing(ctx, row)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The rows as CSV for Excel, with the page's columns (the decision's number and date apart).
pub fn csv(ctx: &Ctx, excel: Excel, rows: &[Listed]) -> Result<Vec<u8>, ::csv::Error> {
    let headers: Vec<String> = [
        "escalations-project-code",
        "escalations-project",
        "escalations-period",
        "escalations-kind",
        "escalations-to",
        "escalations-text",
        "escalations-raised-on",
        "escalations-state",
        "escalations-decision",
        "escalations-decided-on",
    ]
    .into_iter()
    .map(|key| ctx.t(key))
    .collect();
    let texts: Vec<[String; 4]> = rows
        .iter()
        .map(|row| {
            [
                ctx.t(kind_key(row.escalation.kind())),
                ctx.t(to_key(row.escalation.to())),
                match row.escalation.answered_by_decision_id {
                    Some(_) => ctx.t("escalations-state-answered-one"),
                    None => ctx.t("escalations-state-open-one"),
                },
                row.answer
                    .as_ref()
                    .map(|d| decision_number(ctx, d))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let lines = rows
        .iter()
        .zip(&texts)
        .map(|(row, [kind, to, state, decision])| {
            vec![
                Cell::Text(&row.project_code),
                Cell::Text(&row.project_name),
                Cell::Text(&row.period),
                Cell::Text(kind),
                Cell::Text(to),
                Cell::Text(&row.escalation.text),
                row.raised_on.map_or(Cell::Empty, Cell::Date),
                Cell::Text(state),
                if decision.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(decision)
                },
                row.answer
                    .as_ref()
                    .map_or(Cell::Empty, |d| Cell::Date(d.decided_on)),
            ]
        });
    csv::table(excel, &headers, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_links_keep_the_filters_encoded() {
        let filter = Filter {
            state: State::All,
            to: Some(EscalationTo::SteeringGroup),
            kind: None,
            project: Some("DIG 1&2".into()),
        };
        assert_eq!(
            query_of(&filter),
            "state=all&to=steering_group&project=DIG%201%262"
        );
    }
}

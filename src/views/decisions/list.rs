//! The decision log (`/decisions`): the search and the filters, a page of decisions newest first
//! (or best match first when searching), links to the other pages and to the CSV.

use maud::{Markup, html};

use super::{
    Viewer, body_label, category_label, delegated_mark, encode, follow_up_text, projects_cell,
    text_cell,
};
use crate::db::decision_log::{LogPage, ProjectRef};
use crate::domain::decision::{Body, Category};
use crate::domain::decision_log::{FollowUp, LogFilter, PER_PAGE};
use crate::domain::validation::FieldErrors;
use crate::views::components::{self, Field, column_heads, select_field};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

/// What the log page shows.
pub struct LogView<'a> {
    pub filter: &'a LogFilter,
    pub page: &'a LogPage,
    pub projects: &'a [ProjectRef],
    pub viewer: Viewer,
    /// Whether the viewer records delegated decisions (the link to the form).
    pub may_record: bool,
}

/// The query string that keeps the filters (not the page), for the CSV and paging links.
pub fn query_of(filter: &LogFilter) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if filter.search.is_some() {
        pairs.push(("q", filter.q.clone()));
    }
    if let Some(body) = filter.body {
        pairs.push(("body", body.as_str().to_owned()));
    }
    if let Some(year) = filter.year {
        pairs.push(("year", year.to_string()));
    }
    if let Some(category) = filter.category {
        pairs.push(("kind", category.as_str().to_owned()));
    }
    if let Some(project) = filter.project {
        pairs.push(("project", project.to_string()));
    }
    if let Some(delegated) = filter.delegated {
        pairs.push(("delegated", if delegated { "yes" } else { "no" }.to_owned()));
    }
    if let Some(follow_up) = filter.follow_up {
        pairs.push(("follow_up", follow_up.as_str().to_owned()));
    }
    pairs
        .into_iter()
        .map(|(name, value)| format!("{name}={}", encode(&value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn filter_form(ctx: &Ctx, filter: &LogFilter, projects: &[ProjectRef]) -> Markup {
    let none = FieldErrors::new();
    let bodies: Vec<(String, String)> = Body::ALL
        .into_iter()
        .map(|b| (b.as_str().to_owned(), ctx.t(b.label_key())))
        .collect();
    let kinds: Vec<(String, String)> = Category::ALL
        .into_iter()
        .map(|c| (c.as_str().to_owned(), ctx.t(c.label_key())))
        .collect();
    let project_choices: Vec<(String, String)> = projects
        .iter()
        .map(|p| (p.id.to_string(), format!("{} {}", p.code, p.name)))
        .collect();
    let yes_no: Vec<(String, String)> = vec![
        ("yes".to_owned(), ctx.t("decisions-delegated-only")),
        ("no".to_owned(), ctx.t("decisions-delegated-not")),
    ];
    let follow_ups: Vec<(String, String)> = [FollowUp::Due, FollowUp::Overdue]
        .into_iter()
        .map(|f| (f.as_str().to_owned(), ctx.t(f.label_key())))
        .collect();
    let year = filter.year.map(|y| y.to_string()).unwrap_or_default();
    let project = filter.project.map(|p| p.to_string()).unwrap_or_default();
    let delegated = match filter.delegated {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    html! {
        form.filter-form method="get" action="/decisions" role="search" aria-label=(ctx.t("decisions-filter-label")) {
            (Field::text("q", "decisions-search", &filter.q).hint("decisions-search-hint").render(ctx, &none))
            (select_field(ctx, &none, "body", "decisions-body", &bodies, filter.body.map_or("", Body::as_str), Some("decisions-any")))
            (Field::text("year", "decisions-year", &year).render(ctx, &none))
            (select_field(ctx, &none, "kind", "decisions-kind", &kinds, filter.category.map_or("", Category::as_str), Some("decisions-any")))
            (select_field(ctx, &none, "project", "decisions-project", &project_choices, &project, Some("decisions-any")))
            (select_field(ctx, &none, "delegated", "decisions-delegated", &yes_no, delegated, Some("decisions-any")))
            (select_field(ctx, &none, "follow_up", "decisions-follow-up", &follow_ups, filter.follow_up.map_or("", FollowUp::as_str), Some("decisions-any")))
            div.form-actions {
                button type="submit" { (ctx.t("decisions-filter")) }
                " "
                a href="/decisions" { (ctx.t("decisions-clear")) }
            }
        }
    }
}

/// The links to the other pages of the result.
fn pager(ctx: &Ctx, filter: &LogFilter, total: i64) -> Markup {
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if pages <= 1 && filter.page <= 1 {
        return html! {};
    }
    let query = query_of(filter);
    let link = |page: i64| {
        if query.is_empty() {
            format!("/decisions?page={page}")
        } else {
            format!("/decisions?{query}&page={page}")
        }
    };
    html! {
        nav.pager aria-label=(ctx.t("decisions-pages-label")) {
            @if filter.page > 1 {
                a rel="prev" href=(link((filter.page - 1).min(pages))) { (ctx.t("decisions-previous")) }
                " "
            }
            span { (ctx.t_args("decisions-page", &[("page", filter.page.into()), ("pages", pages.into())])) }
            @if filter.page < pages {
                " "
                a rel="next" href=(link(filter.page + 1)) { (ctx.t("decisions-next")) }
            }
        }
    }
}

pub fn list(ctx: &Ctx, view: &LogView) -> Markup {
    let title = ctx.t("decisions-title");
    let filter = view.filter;
    let query = query_of(filter);
    let csv = |excel: &str| {
        if query.is_empty() {
            format!("/decisions.csv?excel={excel}")
        } else {
            format!("/decisions.csv?{query}&excel={excel}")
        }
    };
    page(
        ctx,
        Section::Decisions,
        &title,
        html! {
            h1 { (title) }
            p.decision-links {
                a href="/decisions/delegated" { (ctx.t("decisions-delegated-title")) }
                @if view.may_record {
                    " · "
                    a href="/decisions/new" { (ctx.t("decisions-new-title")) }
                }
            }
            (filter_form(ctx, filter, view.projects))
            @if !filter.ignored.is_empty() {
                div.notice role="status" {
                    (ctx.t("decisions-ignored"))
                    ul {
                        @for name in &filter.ignored {
                            li { (ctx.t(ignored_label(name))) }
                        }
                    }
                }
            }
            p role="status" { (ctx.t_args("decisions-count", &[("count", view.page.total.into())])) }
            p.downloads {
                a href=(csv("sv")) { (ctx.t("decisions-csv-sv")) }
                " · "
                a href=(csv("en")) { (ctx.t("decisions-csv-en")) }
            }
            @if !view.page.rows.is_empty() {
                div.table-wrap {
                    table.data-table.decision-log {
                        caption.sr-only { (title) }
                        (column_heads(ctx, &[
                            "decisions-citation", "decisions-date", "decisions-body",
                            "decisions-kind", "decisions-text", "decisions-project",
                            "decisions-decided-by", "decisions-delegated", "decisions-follow-up",
                        ]))
                        tbody {
                            @for row in &view.page.rows {
                                @let d = &row.decision;
                                tr {
                                    td { a href={ "/decisions/" (d.id) } { (d.citation()) } }
                                    td { (components::date(Some(d.decided_on))) }
                                    td { (body_label(ctx, d)) }
                                    td { (category_label(ctx, d)) }
                                    td.description { (text_cell(ctx, view.viewer, d)) }
                                    td { (projects_cell(&row.projects)) }
                                    td { (row.decided_by.clone().unwrap_or_default()) }
                                    td { (delegated_mark(ctx, d)) }
                                    td { (follow_up_text(ctx, view.viewer, row)) }
                                }
                            }
                        }
                    }
                }
            }
            (pager(ctx, filter, view.page.total))
        },
    )
}

/// The label of a filter whose value was left out.
fn ignored_label(name: &str) -> &'static str {
    match name {
        "q" => "decisions-search-no-words",
        "body" => "decisions-body",
        "year" => "decisions-year",
        "kind" => "decisions-kind",
        "project" => "decisions-project",
        "delegated" => "decisions-delegated",
        _ => "decisions-follow-up",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision_log::{LogQuery, filter_of};

    #[test]
    fn the_links_keep_the_filters_encoded() {
        let filter = filter_of(&LogQuery {
            q: "för & år".into(),
            body: "management_group".into(),
            delegated: "no".into(),
            page: "2".into(),
            ..LogQuery::default()
        });
        assert_eq!(
            query_of(&filter),
            "q=f%C3%B6r%20%26%20%C3%A5r&body=management_group&delegated=no"
        );
        assert_eq!(query_of(&LogFilter::default()), "");
    }
}

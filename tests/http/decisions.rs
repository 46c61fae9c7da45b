//! The decision log: `/decisions` (search and filters), a decision's page, the CSV, the report of
//! delegated decisions, and recording a decision under delegation. Every test counts only the
//! decisions it records itself: the demo has its own.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::decisions::{self, Extras, NewDecision};
use styr::db::schema::decisions as decisions_table;
use styr::domain::decision::{Body, DecisionKind};

use crate::helpers::*;

fn today() -> NaiveDate {
    styr::web::today()
}

/// What a test decision differs in; the rest is a plain development manager's decision.
#[derive(Clone, Default)]
pub struct Spec<'a> {
    pub body: Option<Body>,
    pub kind: Option<DecisionKind>,
    pub text: &'a str,
    pub decided_on: Option<NaiveDate>,
    pub project: Option<i64>,
    pub also: Vec<i64>,
    pub delegated: bool,
    pub confidential: Option<&'a str>,
    pub follow_up_on: Option<NaiveDate>,
    pub registry_number: Option<&'a str>,
}

/// Records a decision straight through `db::decisions::record`, as the app does; its id.
pub fn record(app: &TestApp, spec: Spec) -> i64 {
    let recorder = app.user_id("utvecklingschef");
    app.with_db(|conn| {
        decisions::record(
            conn,
            &NewDecision {
                body: spec.body.unwrap_or(Body::DevelopmentManager),
                project_id: spec.project,
                decided_on: spec.decided_on.unwrap_or_else(today),
                kind: spec.kind.unwrap_or(DecisionKind::Other),
                text: spec.text,
                phase_from: None,
                phase_to: None,
                recorded_by: recorder,
                meeting_id: None,
                extras: Extras {
                    delegated: spec.delegated,
                    confidential_reason: spec.confidential,
                    follow_up_on: spec.follow_up_on,
                    registry_number: spec.registry_number,
                    also_projects: &spec.also,
                    ..Extras::default()
                },
            },
        )
        .expect("the decision is recorded")
        .id
    })
}

fn count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        decisions_table::table
            .count()
            .get_result(conn)
            .expect("a count")
    })
}

/// The decision links of a page of the log.
fn listed(page: &Page) -> Vec<String> {
    page.attrs("table.decision-log tbody tr td:first-child a", "href")
}

fn link(id: i64) -> String {
    format!("/decisions/{id}")
}

/// A valid delegated decision, with `changes` in place of its fields.
fn form<'a>(changes: &[(&'a str, &'a str)], today: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        (
            "text",
            "Beslut om Förvaltning av e-tjänsten för ansökan om färdtjänst.",
        ),
        ("kind", "economic"),
        ("decided_on", today),
        ("decided_by", "utvecklingschef"),
        ("registry_number", "SN 2026/417"),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

#[tokio::test]
async fn a_delegated_decision_is_recorded_numbered_and_shown() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let project = app.project_id("DIG-2025-003");
    let project_field = project.to_string();
    let day = today().to_string();
    let follow_up = (today() + Duration::days(30)).to_string();

    let new = app.get("/decisions/new").await;
    assert_eq!(new.status, StatusCode::OK);
    assert_eq!(new.input_value("decided_on").as_deref(), Some(day.as_str()));

    let highest: Option<i32> = app.with_db(|conn| {
        decisions_table::table
            .filter(decisions_table::body.eq("development_manager"))
            .filter(decisions_table::year.eq(today().year()))
            .select(diesel::dsl::max(decisions_table::number))
            .first(conn)
            .expect("the highest number")
    });
    let fields = form(
        &[
            ("project", &project_field),
            ("follow_up_by", "projektledare"),
            ("follow_up_on", &follow_up),
        ],
        &day,
    );
    let page = app.post("/decisions", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.expect("a redirect");
    let id: i64 = location
        .trim_start_matches("/decisions/")
        .trim_end_matches("?saved=recorded")
        .parse()
        .expect("the new decision's id");

    let row = app.with_db(|conn| {
        decisions_table::table
            .find(id)
            .select(decisions::DecisionRow::as_select())
            .first(conn)
            .expect("saved")
    });
    assert_eq!(row.body, "development_manager");
    assert!(row.delegated);
    assert_eq!(row.decided_by, Some(app.user_id("utvecklingschef")));
    assert_eq!(row.number, highest.unwrap_or(0) + 1);
    assert_eq!(row.project_id, Some(project));
    assert_eq!(row.follow_up_by, Some(app.user_id("projektledare")));
    assert_eq!(row.registry_number.as_deref(), Some("SN 2026/417"));

    let shown = app.get(&location).await;
    assert_eq!(shown.status, StatusCode::OK);
    let citation = format!("UC {}:{}", row.year, row.number);
    assert!(shown.h1().contains(&citation), "{}", shown.h1());
    assert!(shown.body.contains("Förvaltning av e-tjänsten"));
    assert!(shown.body.contains("SN 2026/417"));
    assert!(shown.text(".notice").is_some());
    assert!(
        shown
            .attrs("a", "href")
            .contains(&format!("/projects/{project}"))
    );

    // The log finds it by a word of its text, in any case, and by its registry number.
    for q in [
        "förvaltning",
        "FÖRVALTNING",
        "e-tjänsten färdtjänst",
        "2026/417",
    ] {
        let log = app
            .get(&format!("/decisions?q={}&delegated=yes", urlencode(q)))
            .await;
        assert_eq!(log.status, StatusCode::OK, "{q}");
        assert!(listed(&log).contains(&link(id)), "{q}");
    }
    // The administrator enters one on the development manager's behalf.
    app.logout().await;
    app.login_as("admin").await;
    let page = app.post("/decisions", &form(&[], &day)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

pub fn urlencode(value: &str) -> String {
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

#[tokio::test]
async fn bad_input_is_refused_beside_the_field_kept_and_nothing_saved() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let day = today().to_string();
    let tomorrow = (today() + Duration::days(1)).to_string();
    let before_decision = (today() - Duration::days(1)).to_string();
    let other_body = record(
        &app,
        Spec {
            body: Some(Body::ManagementGroup),
            text: "Ledningsgruppens beslut.",
            ..Spec::default()
        },
    );
    let other_body = other_body.to_string();
    let cases: [(&str, &str, &str); 14] = [
        ("text", "text", "   "),
        ("kind", "kind", "closure"),
        ("kind", "kind", "phase_change"),
        ("kind", "kind", "<script>"),
        ("decided_on", "decided_on", &tomorrow),
        ("decided_on", "decided_on", "2026-13-45"),
        ("decided_by", "decided_by", "projektledare"),
        ("decided_by", "decided_by", "ingen.alls"),
        ("decided_by", "decided_by", ""),
        ("project", "project", "999999"),
        ("follow_up_by", "follow_up_by", "ingen.alls"),
        ("follow_up_on", "follow_up_on", &before_decision),
        ("supersedes", "supersedes", &other_body),
        ("supersedes", "supersedes", "999999"),
    ];
    let before = count(&app);
    for (field, name, value) in cases {
        let page = app.post("/decisions", &form(&[(name, value)], &day)).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}={value}"
        );
        assert!(
            page.field_error(field).is_some(),
            "{name}={value}: no message"
        );
        assert!(
            page.attr(&format!("#{field}"), "aria-describedby")
                .is_some_and(|d| d.contains(&format!("{field}-error"))),
            "{name}={value}"
        );
        // The rest of the input is kept.
        assert_eq!(
            page.input_value("registry_number").as_deref(),
            Some("SN 2026/417")
        );
        if field != "text" {
            assert!(
                page.text("textarea#text")
                    .is_some_and(|t| t.contains("Förvaltning av e-tjänsten")),
                "{name}={value}"
            );
        }
    }
    assert_eq!(count(&app), before);
}

#[tokio::test]
async fn only_the_development_manager_and_the_administrator_record_and_only_with_the_token() {
    let app = spawn_app().await;
    let day = today().to_string();
    let before = count(&app);
    for user in ["projektledare", "ledamot", "lasare", "karin.holm"] {
        let browser = Browser::log_in(&app, user).await;
        assert_eq!(
            browser.get("/decisions/new").await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            browser.post("/decisions", &form(&[], &day)).await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        // Everyone reads the log, the report and the CSV.
        for path in ["/decisions", "/decisions/delegated", "/decisions.csv"] {
            assert_eq!(
                browser.get(path).await.status,
                StatusCode::OK,
                "{user} {path}"
            );
        }
    }
    app.login_as("utvecklingschef").await;
    let fields = form(&[], &day);
    let missing = app.post_with_token("/decisions", &fields, None).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let wrong = app
        .post_with_token("/decisions", &fields, Some("not-the-token"))
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app), before);
    // The anonymous visitor is sent to log in.
    app.logout().await;
    let page = app.get("/decisions").await;
    assert_eq!(page.location.as_deref(), Some("/login"));
}

#[tokio::test]
async fn the_search_reads_swedish_and_takes_any_input() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let care = record(
        &app,
        Spec {
            text: "Zylofon: Förvaltning av trygghetslarmen övergår till Äldreenheten.",
            ..Spec::default()
        },
    );
    let year = record(
        &app,
        Spec {
            text: "Zylofon gäller för år 2027.",
            ..Spec::default()
        },
    );
    let search = |q: &str| {
        let path = format!("/decisions?q={}", urlencode(q));
        let app = &app;
        async move { app.get(&path).await }
    };
    let found = search("förvaltning zylofon").await;
    assert_eq!(listed(&found), vec![link(care)]);
    let found = search("ÄLDREENHETEN").await;
    assert!(listed(&found).contains(&link(care)));
    // "ar" is not "år": the index keeps å, ä and ö apart from a and o.
    let found = search("zylofon ar").await;
    assert!(listed(&found).is_empty(), "{:?}", listed(&found));
    let found = search("zylofon år").await;
    assert_eq!(listed(&found), vec![link(year)]);
    // The last word is also the start of a word.
    let mut both = listed(&search("zylo").await);
    both.sort();
    let mut expected = vec![link(care), link(year)];
    expected.sort();
    assert_eq!(both, expected);
    // Input that is FTS5 syntax is read as words or left out, never an error.
    for q in [
        "\"",
        "AND",
        "*",
        "-",
        "NEAR(",
        "zylofon\"",
        "zylofon OR",
        "NOT zylofon",
        "'",
        "(((",
        "zylofon -år",
        "^zylofon",
        "år:",
        "\u{0}",
        "💡",
    ] {
        let page = search(q).await;
        assert_eq!(page.status, StatusCode::OK, "{q:?}");
    }
    let page = search("\"*-").await;
    assert!(
        page.text(".notice").is_some_and(|n| n.contains("inga ord")),
        "a search of no words is named"
    );
}

#[tokio::test]
async fn a_confidential_decision_shows_readers_its_reason_only() {
    let app = spawn_app().await;
    let id = record(
        &app,
        Spec {
            text: "Qwertyplan för den skyddade boendeplaceringen.",
            confidential: Some("OSL 26 kap. 1 §"),
            ..Spec::default()
        },
    );
    let reader = Browser::log_in(&app, "lasare").await;
    let page = reader.get("/decisions?q=qwertyplan").await;
    assert!(listed(&page).is_empty(), "not found by its text");
    let page = reader.get(&link(id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("OSL 26 kap. 1 §"));
    assert!(!page.body.contains("Qwertyplan"));
    let page = reader
        .get(&format!("/decisions?year={}", today().year()))
        .await;
    assert!(!page.body.contains("Qwertyplan"));
    let csv = reader.get("/decisions.csv").await;
    assert!(!csv.body.contains("Qwertyplan"));
    assert!(csv.body.contains("OSL 26 kap. 1 §"));

    let official = Browser::log_in(&app, "ledamot").await;
    let page = official.get("/decisions?q=qwertyplan").await;
    assert_eq!(listed(&page), vec![link(id)]);
    assert!(official.get(&link(id)).await.body.contains("Qwertyplan"));
}

#[tokio::test]
async fn the_filters_narrow_the_log_and_bad_values_are_named_not_fatal() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    let project = app.project_id("DIG-2025-003");
    let other_project = app.project_id("DIG-2025-002");
    let last_year = today() - Duration::days(400);
    let delegated = record(
        &app,
        Spec {
            kind: Some(DecisionKind::Economic),
            text: "Filtertest delegerat ekonomiskt.",
            delegated: true,
            decided_on: Some(last_year),
            follow_up_on: Some(last_year + Duration::days(10)),
            ..Spec::default()
        },
    );
    let group = record(
        &app,
        Spec {
            body: Some(Body::ManagementGroup),
            kind: Some(DecisionKind::Strategic),
            text: "Filtertest strategiskt i ledningsgruppen.",
            project: Some(other_project),
            also: vec![project],
            follow_up_on: Some(today() + Duration::days(10)),
            ..Spec::default()
        },
    );
    let log = |filters: &str| {
        let path = format!("/decisions?q=filtertest&{filters}");
        let app = &app;
        async move {
            let page = app.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            let mut rows = listed(&page);
            rows.sort();
            rows
        }
    };
    let (d, g) = (link(delegated), link(group));
    assert_eq!(log("body=management_group").await, vec![g.clone()]);
    assert_eq!(log("body=development_manager").await, vec![d.clone()]);
    assert_eq!(log("delegated=yes").await, vec![d.clone()]);
    assert_eq!(log("delegated=true").await, vec![d.clone()]);
    assert_eq!(log("delegated=no").await, vec![g.clone()]);
    assert_eq!(log("kind=economic").await, vec![d.clone()]);
    assert_eq!(log("kind=strategic").await, vec![g.clone()]);
    assert_eq!(log("kind=phase").await, Vec::<String>::new());
    assert_eq!(log(&format!("project={project}")).await, vec![g.clone()]);
    assert_eq!(
        log(&format!("project={other_project}")).await,
        vec![g.clone()]
    );
    assert_eq!(
        log(&format!("year={}", last_year.year())).await,
        vec![d.clone()]
    );
    assert_eq!(log("follow_up=overdue").await, vec![d.clone()]);
    assert_eq!(log("follow_up=due").await, vec![g.clone()]);

    // Values no form offers are left out and named; the log is shown all the same.
    let page = app
        .get("/decisions?q=filtertest&body=kungen&year=tjugo&kind=zzz&project=x&delegated=kanske&follow_up=snart&page=-3")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(listed(&page).len(), 2);
    let notice = page.text(".notice").expect("the ignored filters are named");
    assert!(
        notice.contains("Beslutande organ") && notice.contains("Uppföljning"),
        "{notice}"
    );
    // The form keeps the filters it understood.
    let page = app
        .get("/decisions?q=filtertest&body=management_group")
        .await;
    assert_eq!(page.input_value("q").as_deref(), Some("filtertest"));
    assert_eq!(
        page.attr("#body option[selected]", "value").as_deref(),
        Some("management_group")
    );
}

#[tokio::test]
async fn the_log_is_paged_newest_first() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let ids: Vec<i64> = (0..55)
        .map(|i| {
            record(
                &app,
                Spec {
                    text: &format!("Sidtest nummer {i}."),
                    decided_on: Some(today() - Duration::days(60 - i)),
                    ..Spec::default()
                },
            )
        })
        .collect();
    let first = app.get("/decisions?q=sidtest").await;
    let rows = listed(&first);
    assert_eq!(rows.len(), 50);
    // Equally good matches, newest first.
    let newest = ids.last().copied().expect("recorded");
    assert_eq!(rows.first(), Some(&link(newest)));
    let next = first
        .attr("a[rel=next]", "href")
        .expect("a link to the next page");
    let second = app.get(&next).await;
    assert_eq!(listed(&second).len(), 5);
    assert!(second.attr("a[rel=prev]", "href").is_some());
    // A page past the end is empty, not an error.
    assert_eq!(
        app.get("/decisions?q=sidtest&page=99").await.status,
        StatusCode::OK
    );
}

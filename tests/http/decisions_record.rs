//! The decision log further: a decision's page and what it links to, the log and the delegation
//! report as CSV, decisions that never change, numbers without a gap when many are recorded at
//! once, and a log page that makes as many statements for many decisions as for few.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::schema::decisions as decisions_table;
use styr::domain::decision::{Body, DecisionKind};

use crate::decisions::{Spec, record};
use crate::helpers::*;

fn today() -> NaiveDate {
    styr::web::today()
}

fn body_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn download(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = app
        .client
        .get(app.url(path))
        .send()
        .await
        .expect("answered");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("a body");
    (status, content_type, body_text(&bytes))
}

#[tokio::test]
async fn a_decision_page_links_what_it_supersedes_and_what_supersedes_it() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let old = record(
        &app,
        Spec {
            text: "Det första beslutet om Zebrafink.",
            delegated: true,
            ..Spec::default()
        },
    );
    let day = today().to_string();
    let old_field = old.to_string();
    let page = app
        .post(
            "/decisions",
            &[
                ("text", "Rättelse av beslutet om Zebrafink."),
                ("kind", "other"),
                ("decided_on", &day),
                ("decided_by", "utvecklingschef"),
                ("supersedes", &old_field),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let new = page.location.expect("the new decision");
    let new = new.split('?').next().expect("a path").to_owned();
    let old_page = app.get(&format!("/decisions/{old}")).await;
    assert!(old_page.attrs("a", "href").contains(&new));
    let new_page = app.get(&new).await;
    assert!(
        new_page
            .attrs("a", "href")
            .contains(&format!("/decisions/{old}"))
    );
    // A decision is superseded once.
    let again = app
        .post(
            "/decisions",
            &[
                ("text", "En andra rättelse."),
                ("kind", "other"),
                ("decided_on", &day),
                ("decided_by", "utvecklingschef"),
                ("supersedes", &old_field),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.field_error("supersedes").is_some());

    // An escalation the demo answered with a decision shows on that decision's page.
    let answered = app.with_db(|conn| {
        use styr::db::schema::escalations;
        escalations::table
            .filter(escalations::answered_by_decision_id.is_not_null())
            .select((
                escalations::answered_by_decision_id,
                escalations::project_id,
                escalations::report_id,
            ))
            .first::<(Option<i64>, i64, i64)>(conn)
            .optional()
            .expect("the query runs")
    });
    if let Some((Some(decision), project, report)) = answered {
        let page = app.get(&format!("/decisions/{decision}")).await;
        assert!(
            page.attrs("a", "href")
                .contains(&format!("/projects/{project}/reports/{report}"))
        );
    }

    for path in [
        "/decisions/999999",
        "/decisions/abc",
        "/decisions/-1",
        "/decisions/1.5",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn no_route_changes_or_deletes_a_decision_and_the_database_refuses_it() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let id = record(
        &app,
        Spec {
            text: "Ett beslut som står fast.",
            delegated: true,
            ..Spec::default()
        },
    );
    let path = format!("/decisions/{id}");
    let page = app.post(&path, &[("text", "Ändrad")]).await;
    assert!(
        [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&page.status),
        "{}",
        page.status
    );
    let token = app.csrf_token().await;
    for method in [
        reqwest::Method::DELETE,
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .form(&[("csrf_token", token.as_str()), ("text", "Ändrad")])
            .send()
            .await
            .expect("answered");
        assert!(
            [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&response.status()),
            "{method} {}",
            response.status()
        );
    }
    app.with_db(|conn| {
        for sql in [
            format!("UPDATE decisions SET text = 'Ändrad' WHERE id = {id}"),
            format!("UPDATE decisions SET delegated = 0 WHERE id = {id}"),
            format!("DELETE FROM decisions WHERE id = {id}"),
        ] {
            assert!(conn.batch_execute(&sql).is_err(), "{sql} was refused");
        }
    });
    let text: String = app.with_db(|conn| {
        decisions_table::table
            .find(id)
            .select(decisions_table::text)
            .first(conn)
            .expect("still there")
    });
    assert_eq!(text, "Ett beslut som står fast.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_delegated_decisions_recorded_at_once_are_numbered_without_a_gap() {
    let app = spawn_app().await;
    let year = today().year();
    let numbers_of = |app: &TestApp| -> Vec<i32> {
        app.with_db(|conn| {
            decisions_table::table
                .filter(decisions_table::body.eq("development_manager"))
                .filter(decisions_table::year.eq(year))
                .order(decisions_table::number)
                .select(decisions_table::number)
                .load(conn)
                .expect("the numbers")
        })
    };
    let before = numbers_of(&app);
    // Two people entering at once: the development manager and the administrator.
    let browsers = [
        Arc::new(Browser::log_in(&app, "utvecklingschef").await),
        Arc::new(Browser::log_in(&app, "admin").await),
    ];
    let day = today().to_string();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let browser = Arc::clone(&browsers[i % 2]);
            let day = day.clone();
            tokio::spawn(async move {
                let text = format!("Parallellt delegationsbeslut nummer {i}.");
                browser
                    .post(
                        "/decisions",
                        &[
                            ("text", &text),
                            ("kind", "economic"),
                            ("decided_on", &day),
                            ("decided_by", "utvecklingschef"),
                        ],
                    )
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("the task ran"));
    }
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    let numbers = numbers_of(&app);
    assert_eq!(numbers.len(), before.len() + 40);
    let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
    assert_eq!(
        numbers, expected,
        "numbered 1, 2, 3, … without a gap or a repeat"
    );
}

#[tokio::test]
async fn the_log_as_csv_keeps_the_filters_and_excels_conventions() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    record(
        &app,
        Spec {
            text: "=HYPERLINK(\"x\") Csvtest; med semikolon, och kommatecken",
            registry_number: Some("SN 2026/9"),
            ..Spec::default()
        },
    );
    record(
        &app,
        Spec {
            body: Some(Body::ManagementGroup),
            text: "Csvtest i ledningsgruppen.",
            ..Spec::default()
        },
    );
    let (status, content_type, text) =
        download(&app, "/decisions.csv?q=csvtest&body=development_manager").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("Beslut;Beslutsdatum;"), "{}", lines[0]);
    assert_eq!(lines.iter().filter(|l| l.contains("Csvtest")).count(), 1);
    assert!(
        text.contains("\"'=HYPERLINK"),
        "a formula is made plain text: {text}"
    );
    assert!(text.contains("SN 2026/9"));
    let (_, _, english) = download(&app, "/decisions.csv?q=csvtest&excel=en").await;
    let header = english
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(header.starts_with("Beslut,Beslutsdatum,"), "{header}");
    assert_eq!(english.matches("Csvtest").count(), 2);
}

#[tokio::test]
async fn the_delegated_decisions_of_a_period_are_listed_printed_and_exported() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    let from = today() - Duration::days(40);
    let to = today() - Duration::days(5);
    let inside = record(
        &app,
        Spec {
            text: "Rapporttest inom perioden.",
            delegated: true,
            kind: Some(DecisionKind::Economic),
            decided_on: Some(today() - Duration::days(20)),
            registry_number: Some("SN 2026/55"),
            ..Spec::default()
        },
    );
    let outside = record(
        &app,
        Spec {
            text: "Rapporttest utanför perioden.",
            delegated: true,
            decided_on: Some(today() - Duration::days(60)),
            ..Spec::default()
        },
    );
    let not_delegated = record(
        &app,
        Spec {
            text: "Rapporttest utan delegation.",
            decided_on: Some(today() - Duration::days(20)),
            ..Spec::default()
        },
    );
    let path = format!("/decisions/delegated?from={from}&to={to}");
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let links = page.attrs("table.decision-log tbody tr td:first-child a", "href");
    assert!(links.contains(&format!("/decisions/{inside}")));
    assert!(!links.contains(&format!("/decisions/{outside}")));
    assert!(!links.contains(&format!("/decisions/{not_delegated}")));
    assert!(page.body.contains("SN 2026/55"));
    let csv_link = page
        .attrs("a", "href")
        .into_iter()
        .find(|href| href.starts_with("/decisions/delegated.csv?"))
        .expect("a link to the CSV");
    let (status, content_type, text) = download(&app, &csv_link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"));
    assert!(text.contains("Rapporttest inom perioden."));
    assert!(!text.contains("utanför perioden") && !text.contains("utan delegation"));

    // Without dates: this year up to today.
    let page = app.get("/decisions/delegated").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.input_value("to"), Some(today().to_string()));

    // A malformed date, or a start after the end, is refused beside its field.
    let page = app
        .get("/decisions/delegated?from=2026-13-01&to=2026-02-01")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("from").is_some());
    assert_eq!(page.input_value("from").as_deref(), Some("2026-13-01"));
    let page = app
        .get(&format!("/decisions/delegated?from={to}&to={from}"))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("to").is_some());
    let (status, ..) = download(&app, "/decisions/delegated.csv?from=igår&to=").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_page_of_the_log_makes_as_many_statements_for_many_decisions_as_for_few() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    let project = app.project_id("DIG-2025-003");
    let add = |from: usize, to: usize| {
        for i in from..to {
            record(
                &app,
                Spec {
                    text: &format!("Mängdtest {i} om förvaltning."),
                    project: Some(project),
                    also: vec![app.project_id("DIG-2025-002")],
                    follow_up_on: Some(today()),
                    ..Spec::default()
                },
            );
        }
    };
    let statements = |path: &'static str| {
        let app = &app;
        async move {
            assert_eq!(app.get(path).await.status, StatusCode::OK);
            app.db.changed().expect("a new generation");
            let before = app.db.statements_run();
            assert_eq!(app.get(path).await.status, StatusCode::OK);
            app.db.statements_run() - before
        }
    };
    add(0, 5);
    let few = statements("/decisions?q=m%C3%A4ngdtest").await;
    let few_plain = statements("/decisions").await;
    add(5, 120);
    assert_eq!(statements("/decisions?q=m%C3%A4ngdtest").await, few);
    assert_eq!(statements("/decisions").await, few_plain);
}

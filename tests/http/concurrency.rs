//! Many people at the same moment, as on the 5th of every month: every write waits its turn and
//! is answered 303, 409 or 422, never 500, and nothing is lost or numbered twice.

use std::sync::Arc;

use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::schema::{decisions, projects};

use crate::helpers::{Browser, TestApp, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_projects_registered_at_once_are_all_saved() {
    let app = spawn_app().await;
    let browser = Arc::new(Browser::log_in(&app, "utvecklingschef").await);
    let unit = app
        .with_db(|conn| styr::db::units::units(conn).expect("units"))
        .first()
        .map(|u| u.id.to_string())
        .expect("a unit");
    let before: i64 = app.with_db(|conn| projects::table.count().get_result(conn).expect("count"));
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let browser = Arc::clone(&browser);
            let unit = unit.clone();
            tokio::spawn(async move {
                let code = format!("PAR-{i:03}");
                let name = format!("Parallellt projekt {i}");
                browser
                    .post(
                        "/projects",
                        &[("code", &code), ("name", &name), ("unit_id", &unit)],
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
    let after: i64 = app.with_db(|conn| projects::table.count().get_result(conn).expect("count"));
    assert_eq!(after, before + 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_decisions_recorded_at_once_are_numbered_without_a_gap() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    // Karin Holm chairs the demo project's steering group.
    let browser = Arc::new(Browser::log_in(&app, "karin.holm").await);
    let numbers_of = |app: &TestApp| -> Vec<i32> {
        app.with_db(|conn| {
            decisions::table
                .filter(decisions::project_id.eq(id))
                .filter(decisions::body.eq("steering_group"))
                .filter(decisions::year.eq(chrono::Datelike::year(&styr::web::today())))
                .select(decisions::number)
                .order(decisions::number)
                .load(conn)
                .expect("the numbers")
        })
    };
    let before = numbers_of(&app);
    let today = styr::web::today().to_string();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let browser = Arc::clone(&browser);
            let today = today.clone();
            tokio::spawn(async move {
                let decision = format!("Beslut nummer {i} i en parallell omgång.");
                browser
                    .post(
                        &format!("/projects/{id}/steering-group/meetings"),
                        &[
                            ("held_on", &today),
                            ("attendees", "Karin Holm"),
                            ("notes", "Parallellt möte."),
                            ("decision_1", &decision),
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
    assert_eq!(numbers.len(), before.len() + 20);
    let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
    assert_eq!(
        numbers, expected,
        "numbered 1, 2, 3, … without a gap or a repeat"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_saving_one_draft_at_once_get_saved_and_conflict() {
    let app = spawn_app().await;
    let pid = app.project_id("DIG-2026-007");
    let first = Browser::log_in(&app, "utvecklingschef").await;
    let second = Browser::log_in(&app, "utvecklingschef").await;
    let page = first
        .post(
            &format!("/projects/{pid}/directive"),
            &[("kind", "pre_study"), ("background", "Utgångsläget.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let directive_id: i64 = page
        .location
        .as_deref()
        .and_then(|l| l.strip_prefix(&format!("/projects/{pid}/directive/")))
        .and_then(|rest| rest.split(['?', '/']).next())
        .and_then(|id| id.parse().ok())
        .expect("the new directive's page");
    let path = format!("/projects/{pid}/directive/{directive_id}/edit");
    let (first, second) = (Arc::new(first), Arc::new(second));
    for round in 0..10 {
        let lock = app.with_db(|conn| {
            styr::db::directives::find(conn, pid, directive_id)
                .expect("the query runs")
                .expect("the directive")
                .row
                .lock_version
                .to_string()
        });
        let save = |browser: Arc<Browser>, text: String, lock: String, path: String| {
            tokio::spawn(async move {
                browser
                    .post(&path, &[("background", &text), ("lock_version", &lock)])
                    .await
                    .status
            })
        };
        let a = save(
            Arc::clone(&first),
            format!("Första, omgång {round}"),
            lock.clone(),
            path.clone(),
        );
        let b = save(
            Arc::clone(&second),
            format!("Andra, omgång {round}"),
            lock,
            path.clone(),
        );
        let mut statuses = [a.await.expect("ran"), b.await.expect("ran")];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::SEE_OTHER, StatusCode::CONFLICT],
            "round {round}"
        );
    }
}

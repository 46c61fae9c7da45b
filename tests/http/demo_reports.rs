//! The demo's year of status reports: the stories it tells are there for a newcomer to find.

use styr::db::reports;
use styr::domain::document::Status;
use styr::domain::status_report::{Aspect, EscalationTo, Light, Period};

use crate::helpers::spawn_app;
use reqwest::StatusCode;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(&crate::helpers::today(), "%Y-%m-%d").expect("a date")
}

#[tokio::test]
async fn the_supplier_delay_leaves_dig_2025_003_red_with_an_open_escalation() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-003");
    let (latest, escalations) = app.with_db(|conn| {
        let latest = reports::for_project(conn, id)
            .expect("reports load")
            .into_iter()
            .next()
            .expect("the project has reports");
        let escalations = reports::escalations_of(conn, &[latest.id]).expect("escalations load");
        (latest, escalations)
    });
    assert_eq!(latest.status(), Status::Submitted);
    assert_eq!(latest.period(), Period::of(today()).previous());
    assert_eq!(latest.light(Aspect::Time), Some(Light::Red));
    assert_eq!(latest.light(Aspect::Overall), Some(Light::Red));
    assert!(latest.exception, "the latest report is an exception report");
    assert!(
        escalations
            .iter()
            .any(|e| e.to() == Some(EscalationTo::SteeringGroup)
                && e.answered_by_decision_id.is_none()),
        "an open escalation to the steering group: {escalations:?}"
    );
}

#[tokio::test]
async fn dig_2025_002_is_amber_on_resources_and_this_month_is_open_to_report() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    let all = app.with_db(|conn| reports::for_project(conn, id).expect("reports load"));
    let this = Period::of(today());
    assert!(
        all.iter().all(|r| r.period() != this),
        "no report this month"
    );
    let latest = all.first().expect("the project has reports");
    assert_eq!(latest.light(Aspect::Resources), Some(Light::Amber));
    assert!(!latest.comment(Aspect::Resources).is_empty());
    assert!(all.len() >= 10, "most of a year of reports: {}", all.len());
}

#[tokio::test]
async fn one_demo_report_came_in_late_and_most_are_reviewed() {
    let app = spawn_app().await;
    let ids: Vec<i64> = [
        "DIG-2025-002",
        "DIG-2025-003",
        "DIG-2026-006",
        "DIG-2026-008",
    ]
    .into_iter()
    .map(|code| app.project_id(code))
    .collect();
    let (late, reviewed, submitted) = app.with_db(|conn| {
        let due_day = styr::db::settings::reporting(conn)
            .expect("settings load")
            .due_day;
        let mut late = 0;
        let mut reviewed = 0;
        let mut submitted = 0;
        for project in ids {
            for report in reports::for_project(conn, project).expect("reports load") {
                let on = report.submitted_on.expect("submitted");
                submitted += 1;
                if on > report.period().due_on(due_day) {
                    late += 1;
                }
                if reports::review_of(conn, report.id)
                    .expect("loads")
                    .is_some()
                {
                    reviewed += 1;
                }
            }
        }
        (late, reviewed, submitted)
    });
    assert_eq!(late, 1, "one late report");
    assert!(
        reviewed * 4 > submitted * 3,
        "{reviewed} of {submitted} reviewed"
    );
}

#[tokio::test]
async fn every_demo_light_that_is_not_green_has_its_comment() {
    let app = spawn_app().await;
    let rows = app.with_db(|conn| {
        use diesel::prelude::*;
        use styr::db::schema::status_reports;
        status_reports::table
            .select(reports::ReportRow::as_select())
            .load::<reports::ReportRow>(conn)
            .expect("reports load")
    });
    assert!(rows.len() > 30, "a year of reports: {}", rows.len());
    for row in &rows {
        for aspect in Aspect::ALL {
            let light = row.light(aspect).expect("every light given");
            assert_eq!(
                row.comment(aspect).is_empty(),
                light == Light::Green,
                "{} {} {aspect:?}",
                row.project_id,
                row.period
            );
        }
    }
}

#[tokio::test]
async fn the_demo_has_an_issued_roll_up_that_lists_the_red_project_and_its_escalation() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    let list = app.get("/rollups").await;
    assert_eq!(list.status, StatusCode::OK);
    let links = list.attrs("main a[href^='/rollups/']", "href");
    assert_eq!(links.len(), 1, "one roll-up issued: {links:?}");
    let rollup = app.get(&links[0]).await;
    assert_eq!(rollup.status, StatusCode::OK);
    let text = rollup.text("main").unwrap_or_default();
    assert!(text.contains("DIG-2025-003"), "the red project: {text}");
}

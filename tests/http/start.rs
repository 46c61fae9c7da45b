//! The start page: what waits for each user.

use reqwest::StatusCode;
use styr::domain::phase::Phase;
use styr::domain::status_report::{EscalationTo, Light, Period};

use crate::helpers::spawn_app;
use crate::portfolio::{Report, due_period, insert_project, on_time, submit};

#[tokio::test]
async fn a_project_lead_sees_the_reports_due_late_and_drafted_for_their_projects() {
    let app = spawn_app().await;
    let own = insert_project(
        &app,
        "ST-1",
        "Eget projekt",
        Phase::Execution,
        "projektledare",
        0,
    );
    let other = insert_project(
        &app,
        "ST-2",
        "Någon annans",
        Phase::Execution,
        "projektledare2",
        0,
    );
    let last_month = Period::of(styr::web::today()).previous();
    let lead = app.user_id("projektledare");
    let draft = app
        .with_db(|conn| styr::db::reports::create(conn, own, last_month, lead).expect("a draft"));
    app.login_as("projektledare").await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let due = page.texts(".start-due tbody tr");
    let own_rows: Vec<&String> = due.iter().filter(|r| r.contains("ST-1")).collect();
    // Two months back (the older missing, the newer drafted) and the running month, open.
    assert_eq!(own_rows.len(), 3, "{due:?}");
    let running = Period::of(styr::web::today()).to_string();
    assert!(
        own_rows[2].contains(&running) && own_rows[2].contains("Ej inlämnad än"),
        "{own_rows:?}"
    );
    assert!(!due.iter().any(|r| r.contains("ST-2")));
    let links = page.attrs(".start-due a", "href");
    assert!(
        links.contains(&format!("/projects/{own}/reports")),
        "{links:?}"
    );
    assert!(
        links.contains(&format!("/projects/{own}/reports/{draft}")),
        "{links:?}"
    );
    assert!(
        !links
            .iter()
            .any(|l| l.contains(&format!("/projects/{other}/")))
    );
    let drafts = page.attrs(".start-drafts a", "href");
    assert_eq!(drafts, [format!("/projects/{own}/reports/{draft}")]);
}

#[tokio::test]
async fn the_development_manager_sees_reviews_escalations_and_projects_needing_attention() {
    let app = spawn_app().await;
    let due = due_period();
    let red = insert_project(
        &app,
        "ST-R",
        "Rött projekt",
        Phase::Execution,
        "projektledare",
        0,
    );
    let report = submit(
        &app,
        red,
        due,
        on_time(due),
        &Report {
            escalation: Some(("Beslut om budget", EscalationTo::DevelopmentManager)),
            ..Report::lit(Light::Red)
        },
    );
    app.login_as("utvecklingschef").await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let href = format!("/projects/{red}/reports/{report}");
    assert!(page.attrs(".start-awaiting a", "href").contains(&href));
    assert!(page.attrs(".start-escalations a", "href").contains(&href));
    let attention = page.texts(".start-attention tbody tr");
    let row = attention
        .iter()
        .find(|r| r.contains("ST-R"))
        .expect("ST-R needs attention");
    assert!(row.contains("Rött"), "{row}");

    // Reviewed, it waits no more.
    let by = app.user_id("utvecklingschef");
    app.with_db(|conn| {
        let row = styr::db::reports::find(conn, red, report)
            .expect("q")
            .expect("row");
        assert!(styr::db::reports::review(conn, &row, by, "Sett.").expect("reviewed"));
    });
    let page = app.get("/").await;
    assert!(!page.attrs(".start-awaiting a", "href").contains(&href));
}

#[tokio::test]
async fn everyone_else_is_welcomed_with_the_way_on() {
    let app = spawn_app().await;
    for user in ["lasare", "ledamot", "admin"] {
        app.login_as(user).await;
        let page = app.get("/").await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert!(
            page.text("main").unwrap_or_default().contains("Välkommen"),
            "{user}"
        );
        let links = page.attrs("main a", "href");
        assert!(
            links.contains(&"/portfolio".to_owned()) && links.contains(&"/projects".to_owned())
        );
        // The main navigation leads to the portfolio and the roll-ups.
        let nav = page.attrs(".main-nav a", "href");
        assert!(nav.contains(&"/portfolio".to_owned()) && nav.contains(&"/rollups".to_owned()));
        app.logout().await;
    }
}

//! Roll-ups to the management group: issued by the development manager alone, once per period,
//! never ahead; frozen, so the page reads the same after later reports and revisions.

use reqwest::StatusCode;
use styr::domain::phase::Phase;
use styr::domain::status_report::{EscalationTo, Light};

use crate::helpers::{TestApp, spawn_app};
use crate::portfolio::{Report, due_period, insert_project, late, on_time, revise, submit};

fn rollups_stored(app: &TestApp) -> usize {
    app.with_db(|conn| {
        styr::db::rollups::list(conn)
            .expect("the roll-ups load")
            .len()
    })
}

#[tokio::test]
async fn only_the_development_manager_issues_and_bad_periods_are_refused_beside_the_field() {
    let app = spawn_app().await;
    let due = due_period().to_string();
    // The demo has issued the roll-up of the period before.
    let demo = rollups_stored(&app);
    for user in ["projektledare", "ledamot", "lasare", "admin"] {
        app.login_as(user).await;
        let page = app.get("/rollups").await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert!(
            page.attr("form.issue-form", "action").is_none(),
            "{user} sees no form"
        );
        let page = app.post("/rollups", &[("period", &due)]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
    assert_eq!(rollups_stored(&app), demo);

    app.login_as("utvecklingschef").await;
    let page = app.get("/rollups").await;
    assert_eq!(page.input_value("period"), Some(due.clone()));
    let next_month = styr::domain::status_report::Period::of(styr::web::today())
        .next()
        .to_string();
    for (bad, message) in [
        ("nov", "Ange perioden"),
        ("2026-13", "Ange perioden"),
        (next_month.as_str(), "framtiden"),
    ] {
        let page = app.post("/rollups", &[("period", bad)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let error = page.field_error("period").unwrap_or_default();
        assert!(error.contains(message), "{bad}: {error}");
        assert_eq!(page.input_value("period").as_deref(), Some(bad));
        assert_eq!(
            page.attr("#period", "aria-describedby").as_deref(),
            Some("period-hint period-error")
        );
    }
    assert_eq!(rollups_stored(&app), demo);

    // Missing or wrong CSRF token.
    let page = app
        .post_with_token("/rollups", &[("period", &due)], None)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = app
        .post_with_token("/rollups", &[("period", &due)], Some("wrong"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(rollups_stored(&app), demo);

    let page = app.post("/rollups", &[("period", &due)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.expect("a redirect");
    assert!(location.starts_with("/rollups/"));
    assert_eq!(rollups_stored(&app), demo + 1);
    let page = app.post("/rollups", &[("period", &due)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.field_error("period")
            .unwrap_or_default()
            .contains("redan utfärdad")
    );
    assert_eq!(rollups_stored(&app), demo + 1);

    let page = app.get("/rollups").await;
    // The newest period first: the one just issued, then the demo's.
    let listed = page.attrs("tbody a", "href");
    assert_eq!(listed.len(), demo + 1);
    assert_eq!(listed[0], location);
    for unknown in ["/rollups/999999", "/rollups/abc", "/rollups/-1"] {
        assert_eq!(
            app.get(unknown).await.status,
            StatusCode::NOT_FOUND,
            "{unknown}"
        );
    }
}

#[tokio::test]
async fn an_issued_roll_up_is_the_same_page_after_later_reports_and_revisions() {
    let app = spawn_app().await;
    let due = due_period();
    let red = insert_project(
        &app,
        "RU-R",
        "Röda projektet",
        Phase::Execution,
        "projektledare",
        0,
    );
    let amber = insert_project(
        &app,
        "RU-A",
        "Gula projektet",
        Phase::Execution,
        "projektledare2",
        1,
    );
    let silent = insert_project(
        &app,
        "RU-S",
        "Tysta projektet",
        Phase::Closing,
        "projektledare",
        0,
    );
    let red_report = submit(
        &app,
        red,
        due,
        on_time(due),
        &Report {
            escalation: Some((
                "Ledningsgruppen behöver besluta om mer pengar",
                EscalationTo::ManagementGroup,
            )),
            ..Report::lit(Light::Red)
        },
    );
    let amber_report = submit(&app, amber, due, late(due), &Report::lit(Light::Amber));

    app.login_as("utvecklingschef").await;
    let page = app.post("/rollups", &[("period", &due.to_string())]).await;
    let location = page.location.expect("issued");
    let before = app.get(&location).await;
    assert_eq!(before.status, StatusCode::OK);
    let text = before.text("main").unwrap_or_default();
    for expected in [
        "RU-R",
        "Kommentar om overall (red)",
        "Kommentar om time (amber)",
        "Ledningsgruppen behöver besluta om mer pengar",
        "RU-S",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert_eq!(
        before.attr(
            &format!("a[href=\"/projects/{red}/reports/{red_report}\"]"),
            "href"
        ),
        Some(format!("/projects/{red}/reports/{red_report}"))
    );
    assert!(before.text(".print-hint").is_some());
    assert_eq!(
        before
            .attr("link[href=\"/static/print.css\"]", "media")
            .as_deref(),
        Some("print")
    );

    // Later: the red project revises to green, the silent one reports, the amber one revises.
    revise(
        &app,
        red,
        red_report,
        on_time(due),
        &Report::lit(Light::Green),
    );
    submit(&app, silent, due, late(due), &Report::lit(Light::Red));
    revise(
        &app,
        amber,
        amber_report,
        late(due),
        &Report::lit(Light::Red),
    );
    let after = app.get(&location).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(before.body, after.body, "an issued roll-up never changes");

    // Its readers: everyone logged in, at the same address.
    app.logout().await;
    app.login_as("ledamot").await;
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text("main")
            .unwrap_or_default()
            .contains("Kommentar om overall (red)")
    );
}

//! The portfolio's escalations: `/escalations` and `/escalations.csv`, on the demo's reports.

use reqwest::StatusCode;
use styr::db::demo_reports::{Filing, file, rated};
use styr::db::{plans, reports};
use styr::domain::status_report::{
    Aspect, Escalation, EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, ReportContent,
};

use crate::helpers::{TestApp, spawn_app};

/// The project codes the listing's rows link to, in order.
async fn codes(app: &TestApp, query: &str) -> Vec<String> {
    let page = app.get(&format!("/escalations{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
    page.texts("table.data-table tbody tr td:first-child a")
}

async fn csv_bytes(app: &TestApp, query: &str) -> (StatusCode, String, Vec<u8>) {
    let response = app
        .client
        .get(app.url(&format!("/escalations.csv{query}")))
        .send()
        .await
        .expect("GET answered");
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("a body").to_vec();
    (status, content_type, bytes)
}

/// Files this month's report of the project `id` as `lead`, escalating `text` to `to`. Every
/// milestone of its plan planned before the report is reached on its day, so the report is on time
/// and no exception report (which would have to escalate to the steering group).
fn escalate(app: &TestApp, id: i64, lead: i64, text: &str, to: EscalationTo) {
    app.with_db(|conn| {
        let period = Period::of(crate::helpers::today().parse().expect("a date"));
        let plan = plans::newest_approved(conn, id).expect("read");
        let basis = match plan {
            Some(plan) => reports::plan_basis(conn, plan.id).expect("read"),
            None => None,
        };
        let updates: Vec<MilestoneUpdate> = basis
            .iter()
            .flat_map(|basis| &basis.milestones)
            .filter(|m| m.planned_on <= period.first_day())
            .map(|m| MilestoneUpdate {
                milestone_id: m.id,
                actual_on: Some(m.planned_on),
                forecast_on: None,
            })
            .collect();
        let content = ReportContent {
            lights: rated(
                None,
                [
                    (Aspect::Scope, Light::Green),
                    (Aspect::Resources, Light::Green),
                    (Aspect::Risk, Light::Green),
                ],
                |_, _| "Se planen.".into(),
            ),
            done: "Mallarna.".into(),
            next: "Rutinerna.".into(),
            risks: String::new(),
            cost_to_date_sek: Some(1),
            forecast_sek: None,
            escalation: Some(Escalation {
                text: text.into(),
                kind: EscalationKind::Economic,
                to,
            }),
        };
        let filing = Filing {
            period,
            content,
            updates,
            by: lead,
            submitted_on: period.first_day(),
            review: None,
        };
        file(conn, id, &filing).expect("the report is filed")
    });
}

#[tokio::test]
async fn the_list_makes_as_many_statements_for_more_escalations() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let path = "/escalations?state=all";
    assert_eq!(app.get(path).await.status, StatusCode::OK);
    let before = app.db.statements_run();
    let rows = app.get(path).await.texts("table.data-table tbody tr").len();
    let few = app.db.statements_run() - before;

    for (code, lead) in [
        ("DIG-2025-002", "projektledare"),
        ("DIG-2026-006", "projektledare"),
        ("DIG-2026-008", "projektledare2"),
    ] {
        let id = app.project_id(code);
        let lead = app.user_id(lead);
        escalate(
            &app,
            id,
            lead,
            "Mer tid behövs.",
            EscalationTo::DevelopmentManager,
        );
    }
    let before = app.db.statements_run();
    let more = app.get(path).await.texts("table.data-table tbody tr").len();
    assert_eq!(more, rows + 3);
    assert_eq!(app.db.statements_run() - before, few);
}

#[tokio::test]
async fn everyone_logged_in_reads_the_open_escalations_newest_first() {
    let app = spawn_app().await;
    let page = app.get("/escalations").await;
    assert_ne!(page.status, StatusCode::OK, "not without logging in");

    app.login_as("lasare").await;
    let page = app.get("/escalations").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Eskaleringar");
    let rows = page.texts("table.data-table tbody tr");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|row| row.contains("Öppen")), "{rows:?}");
    let codes = page.texts("table.data-table tbody tr td:first-child a");
    assert!(codes.contains(&"DIG-2025-003".to_owned()), "{codes:?}");
    assert!(codes.contains(&"DIG-2025-002".to_owned()), "{codes:?}");
    // The newest first: the raised-on column never grows down the table.
    let raised = page.texts("table.data-table tbody tr td:nth-child(6)");
    let mut sorted = raised.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(raised, sorted);
    // Each row links to its report.
    let links = page.attrs("table.data-table tbody tr td:nth-child(2) a", "href");
    let id = app.project_id("DIG-2025-003");
    assert!(
        links
            .iter()
            .any(|l| l.starts_with(&format!("/projects/{id}/reports/"))),
        "{links:?}"
    );
    // The navigation leads here.
    assert!(
        page.attrs("nav.main-nav a", "href")
            .contains(&"/escalations".to_owned())
    );
}

#[tokio::test]
async fn the_filters_narrow_the_list() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;

    let answered = app.get("/escalations?state=answered").await;
    let rows = answered.texts("table.data-table tbody tr");
    assert!(!rows.is_empty(), "the steering group answered some");
    assert!(
        rows.iter().all(|row| row.contains("Besvarad genom beslut")),
        "{rows:?}"
    );
    let all = codes(&app, "?state=all").await;
    let open = codes(&app, "").await;
    assert_eq!(all.len(), open.len() + rows.len());

    let to_manager = codes(&app, "?to=development_manager").await;
    assert!(!to_manager.is_empty());
    assert!(
        to_manager.iter().all(|c| c == "DIG-2025-002"),
        "{to_manager:?}"
    );
    let strategic = codes(&app, "?state=all&kind=strategic").await;
    assert!(
        strategic.iter().all(|c| c == "DIG-2025-003"),
        "{strategic:?}"
    );
    let economic = codes(&app, "?state=all&kind=economic").await;
    assert!(economic.iter().all(|c| c == "DIG-2025-002"), "{economic:?}");
    let one = codes(&app, "?state=all&project=dig-2025-003").await;
    assert!(!one.is_empty());
    assert!(one.iter().all(|c| c == "DIG-2025-003"), "{one:?}");
    assert!(codes(&app, "?project=NOPE-1").await.is_empty());
}

#[tokio::test]
async fn filter_values_no_form_offers_are_ignored() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let open = codes(&app, "").await;
    for query in [
        "?state=%3Cscript%3E",
        "?to=kungen&kind=%27%3B%20drop",
        "?state=&to=&kind=&project=",
    ] {
        assert_eq!(codes(&app, query).await, open, "{query}");
    }
    // A code no project has lists nothing.
    assert!(codes(&app, "?project=%00%FF").await.is_empty());
    // A query that cannot be read at all is a bad request, not a crash.
    let page = app.get("/escalations?state=open&state=all").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let (status, ..) = csv_bytes(&app, "?state=zzz&excel=klingon").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_csv_is_for_excel_and_guards_against_formulas() {
    let app = spawn_app().await;
    // The lead of DIG-2026-008 escalates with a text Excel would run as a formula.
    let id = app.project_id("DIG-2026-008");
    let lead = app.user_id("projektledare2");
    escalate(
        &app,
        id,
        lead,
        "=HYPERLINK(\"http://x\")",
        EscalationTo::ManagementGroup,
    );
    app.login_as("lasare").await;

    let (status, content_type, bytes) = csv_bytes(&app, "?to=management_group").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark"
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().expect("a header");
    assert!(header.starts_with("Projektkod;Projekt;"), "{header}");
    let row = lines.next().expect("a row");
    assert!(row.starts_with("DIG-2026-008;"), "{row}");
    assert!(row.contains(";Ledningsgruppen;"), "{row}");
    assert!(row.contains("\"'=HYPERLINK("), "the formula is text: {row}");
    assert!(row.contains(";Öppen;"), "{row}");
    assert_eq!(lines.next(), Some(""), "one row, CRLF-terminated");

    let (_, _, bytes) = csv_bytes(&app, "?to=management_group&excel=en").await;
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("Projektkod,Projekt,"), "{text}");
}

#[tokio::test]
async fn the_csv_lists_answered_escalations_with_their_decisions() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let (status, _, bytes) = csv_bytes(&app, "?state=answered&excel=sv").await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).expect("UTF-8");
    let rows: Vec<&str> = text
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.starts_with("DIG-2025-003;"), "{row}");
        assert!(row.contains(";Besvarad;beslut"), "{row}");
    }
}

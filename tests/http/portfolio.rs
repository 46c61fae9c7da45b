//! The development manager's portfolio: lights, trend, deviation, report state and escalations of
//! projects set up here; its filters and sorting; the heatmap; the CSV files.

use chrono::NaiveDate;
use reqwest::StatusCode;
use styr::db::reports::{self, Draft};
use styr::domain::phase::Phase;
use styr::domain::portfolio::status::last_due_period;
use styr::domain::project::ProjectInput;
use styr::domain::status_report::{
    Aspect, Escalation, EscalationKind, EscalationTo, Light, Period, Rated, ReportContent,
};

use crate::builders::ProjectBuilder;
use crate::helpers::{Page, TestApp, spawn_app};

/// The last period whose report is due today, with the default due day.
pub fn due_period() -> Period {
    last_due_period(styr::web::today(), 5)
}

/// A project put straight into `phase` (no decisions: it owes every period), with `lead`.
pub fn insert_project(
    app: &TestApp,
    code: &str,
    name: &str,
    phase: Phase,
    lead: &str,
    unit_index: usize,
) -> i64 {
    let lead = app.user_id(lead);
    app.with_db(|conn| {
        let units = styr::db::units::units(conn).expect("units");
        let input = ProjectInput {
            code: code.to_owned(),
            name: name.to_owned(),
            description: String::new(),
            unit_id: units[unit_index % units.len()].id,
            project_lead_id: Some(lead),
            commissioner_id: None,
            planned_start: None,
            planned_end: None,
            budget_sek: None,
        };
        styr::db::projects::insert(conn, &input, phase).expect("the project is added")
    })
}

/// What a report says, for a test.
pub struct Report {
    pub overall: Light,
    pub time: Light,
    pub forecast: Option<i64>,
    pub escalation: Option<(&'static str, EscalationTo)>,
}

impl Report {
    pub fn lit(overall: Light) -> Report {
        Report {
            overall,
            time: overall,
            forecast: None,
            escalation: None,
        }
    }
}

fn content(report: &Report) -> ReportContent {
    let lights = Aspect::ALL
        .into_iter()
        .map(|aspect| {
            let light = match aspect {
                Aspect::Overall => report.overall,
                Aspect::Time => report.time,
                _ => Light::Green,
            };
            let comment = if light == Light::Green {
                String::new()
            } else {
                format!("Kommentar om {} ({})", aspect.field(), light.as_str())
            };
            Rated {
                aspect,
                light,
                comment,
            }
        })
        .collect();
    ReportContent {
        lights,
        done: "Gjort.".into(),
        next: "Nästa.".into(),
        risks: String::new(),
        cost_to_date_sek: Some(100_000),
        forecast_sek: report.forecast,
        escalation: report.escalation.map(|(text, to)| Escalation {
            text: text.to_owned(),
            kind: EscalationKind::Economic,
            to,
        }),
    }
}

/// Writes and submits the project's report of `period` on `on`, through `db::reports`; returns
/// its id.
pub fn submit(app: &TestApp, project: i64, period: Period, on: NaiveDate, report: &Report) -> i64 {
    let by = app.user_id("utvecklingschef");
    app.with_db(|conn| {
        let id = reports::create(conn, project, period, by).expect("created");
        save_and_submit(conn, project, id, on, report, by);
        id
    })
}

fn save_and_submit(
    conn: &mut styr::db::DbConnection,
    project: i64,
    id: i64,
    on: NaiveDate,
    report: &Report,
    by: i64,
) {
    let row = reports::find(conn, project, id)
        .expect("query")
        .expect("the draft");
    let content = content(report);
    let saved = reports::save(
        conn,
        &row,
        row.lock_version,
        &Draft {
            content: &content,
            updates: &[],
            exception: false,
        },
        by,
    )
    .expect("saved");
    assert!(saved);
    let row = reports::find(conn, project, id)
        .expect("query")
        .expect("the draft");
    assert!(reports::submit(conn, &row, by, on).expect("submitted"));
}

/// Revises the submitted version `id` into a new one saying `report`, submitted on `on`.
pub fn revise(app: &TestApp, project: i64, id: i64, on: NaiveDate, report: &Report) -> i64 {
    let by = app.user_id("utvecklingschef");
    app.with_db(|conn| {
        let row = reports::find(conn, project, id)
            .expect("query")
            .expect("the report");
        let new = reports::revise(conn, &row, "Rättad prognos.", by).expect("revised");
        save_and_submit(conn, project, new, on, report, by);
        new
    })
}

/// A day within the due date of `period`.
pub fn on_time(period: Period) -> NaiveDate {
    period.next().first_day()
}

/// A day after the due date of `period`.
pub fn late(period: Period) -> NaiveDate {
    period.due_on(5).succ_opt().expect("a day")
}

/// The text of the cell of `column` (`data-aspect` or a class) in the row of `code`.
fn cell(page: &Page, code: &str, selector: &str) -> String {
    page.text(&format!("tr[data-project=\"{code}\"] {selector}"))
        .unwrap_or_else(|| panic!("{code} {selector} in {}", page.body))
}

fn codes(page: &Page, prefix: &str) -> Vec<String> {
    page.attrs("tr[data-project]", "data-project")
        .into_iter()
        .filter(|c| c.starts_with(prefix))
        .collect()
}

struct Setup {
    a: i64,
    b: i64,
    c: i64,
    a_reports: [i64; 2],
}

/// A (built, in execution, budget 400 000): green then amber with a forecast 15 % over; B (lead
/// projektledare2, second unit): red, late, with an open escalation; C (planning, third unit):
/// nothing reported, and a name Excel would run.
async fn setup(app: &TestApp) -> Setup {
    let due = due_period();
    let built = ProjectBuilder::new(app, "PF-A")
        .phase(Phase::Execution)
        .build()
        .await;
    let a = built.id;
    let first = submit(
        app,
        a,
        due.previous(),
        on_time(due.previous()),
        &Report {
            forecast: Some(400_000),
            ..Report::lit(Light::Green)
        },
    );
    let second = submit(
        app,
        a,
        due,
        on_time(due),
        &Report {
            overall: Light::Amber,
            time: Light::Amber,
            forecast: Some(460_000),
            escalation: None,
        },
    );
    let b = insert_project(
        app,
        "PF-B",
        "Bistånd på nätet",
        Phase::Execution,
        "projektledare2",
        1,
    );
    submit(
        app,
        b,
        due,
        late(due),
        &Report {
            escalation: Some(("Mer pengar behövs", EscalationTo::ManagementGroup)),
            ..Report::lit(Light::Red)
        },
    );
    let c = insert_project(
        app,
        "PF-C",
        "=SUMMA(A1)",
        Phase::Planning,
        "projektledare",
        2,
    );
    Setup {
        a,
        b,
        c,
        a_reports: [first, second],
    }
}

#[tokio::test]
async fn the_portfolio_shows_lights_trend_deviation_state_and_escalations() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as("utvecklingschef").await;
    let page = app.get("/portfolio?q=PF-").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(codes(&page, "PF-"), ["PF-A", "PF-B", "PF-C"]);

    assert!(cell(&page, "PF-A", "[data-aspect=overall]").contains("Gult"));
    assert!(cell(&page, "PF-A", "[data-aspect=time]").contains("Gult"));
    assert!(cell(&page, "PF-A", "[data-aspect=cost]").contains("Grönt"));
    assert_eq!(
        page.attr("tr[data-project=\"PF-A\"] [data-aspect=overall] a", "href"),
        Some(format!("/projects/{}/reports/{}", s.a, s.a_reports[1]))
    );
    assert!(cell(&page, "PF-A", ".trend").contains("Sämre"));
    let deviation = cell(&page, "PF-A", ".deviation");
    assert!(deviation.contains("+60 000 kr"), "{deviation}");
    assert!(deviation.contains("+15 %"), "{deviation}");
    let a_row = cell(&page, "PF-A", "td:nth-child(16)");
    assert!(a_row.contains("Systemet i drift"), "{a_row}");
    assert!(cell(&page, "PF-A", "td:nth-child(17)").contains("Inlämnad"));
    assert_eq!(cell(&page, "PF-A", "td:nth-child(18)"), "0");

    assert!(cell(&page, "PF-B", "[data-aspect=overall]").contains("Rött"));
    assert!(cell(&page, "PF-B", ".trend").contains("Ny"));
    assert!(cell(&page, "PF-B", "td:nth-child(17)").contains("Inlämnad för sent"));
    assert_eq!(cell(&page, "PF-B", "td:nth-child(18)"), "1");

    assert!(cell(&page, "PF-C", "[data-aspect=overall]").contains("Ej rapporterad"));
    assert!(cell(&page, "PF-C", "td:nth-child(17)").contains("Ej rapporterad"));
    assert_eq!(
        page.attr("tr[data-project=\"PF-C\"] a", "href"),
        Some(format!("/projects/{}", s.c))
    );
    assert_ne!(s.b, s.c);

    // Everyone who reads projects sees it; nothing breaks on a bad filter value.
    for user in ["lasare", "ledamot", "projektledare", "admin"] {
        app.logout().await;
        app.login_as(user).await;
        assert_eq!(app.get("/portfolio").await.status, StatusCode::OK, "{user}");
    }
    let page = app
        .get("/portfolio?unit=x&board=-1&phase=nope&light=purple&lead=&sort=zzz")
        .await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn filters_and_sorting_change_the_rows() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as("utvecklingschef").await;
    let (unit_b, board_c, lead_b) = app.with_db(|conn| {
        let units = styr::db::units::units(conn).expect("units");
        let b = styr::db::projects::row(conn, s.b).expect("q").expect("b");
        let c = styr::db::projects::row(conn, s.c).expect("q").expect("c");
        let board_c = units
            .iter()
            .find(|u| u.id == c.unit_id)
            .expect("unit")
            .board_id;
        (b.unit_id, board_c, b.project_lead_id.expect("a lead"))
    });
    let rows = |query: String| {
        let app = &app;
        async move {
            let page = app.get(&format!("/portfolio?{query}")).await;
            assert_eq!(page.status, StatusCode::OK, "{query}");
            codes(&page, "PF-")
        }
    };
    assert_eq!(rows(format!("unit={unit_b}")).await, ["PF-B"]);
    let on_board_c: Vec<String> = app.with_db(|conn| {
        let units = styr::db::units::units(conn).expect("units");
        [(s.a, "PF-A"), (s.b, "PF-B"), (s.c, "PF-C")]
            .into_iter()
            .filter(|(id, _)| {
                let row = styr::db::projects::row(conn, *id).expect("q").expect("row");
                units
                    .iter()
                    .any(|u| u.id == row.unit_id && u.board_id == board_c)
            })
            .map(|(_, code)| code.to_owned())
            .collect()
    });
    assert!(on_board_c.contains(&"PF-C".to_owned()));
    assert_eq!(rows(format!("board={board_c}&q=PF-")).await, on_board_c);
    assert_eq!(rows("phase=planning&q=PF-".into()).await, ["PF-C"]);
    assert_eq!(rows("light=red&q=PF-".into()).await, ["PF-B"]);
    assert_eq!(rows("light=amber&q=PF-".into()).await, ["PF-A"]);
    assert_eq!(rows("light=none&q=PF-".into()).await, ["PF-C"]);
    assert_eq!(rows(format!("lead={lead_b}&q=PF-")).await, ["PF-B"]);
    assert_eq!(rows("q=pf-a".into()).await, ["PF-A"]);
    assert_eq!(rows("q=bist%C3%A5nd".into()).await, ["PF-B"]);

    assert_eq!(
        rows("q=PF-&sort=code".into()).await,
        ["PF-A", "PF-B", "PF-C"]
    );
    assert_eq!(
        rows("q=PF-&sort=-code".into()).await,
        ["PF-C", "PF-B", "PF-A"]
    );
    assert_eq!(
        rows("q=PF-&sort=overall".into()).await,
        ["PF-A", "PF-B", "PF-C"]
    );
    assert_eq!(
        rows("q=PF-&sort=-overall".into()).await,
        ["PF-B", "PF-A", "PF-C"]
    );
    assert_eq!(rows("q=PF-&sort=-escalations".into()).await[0], "PF-B");
    assert_eq!(rows("q=PF-&sort=escalations".into()).await[2], "PF-B");

    // The headers are links that sort, and say which way the table is sorted.
    let page = app.get("/portfolio?q=PF-&sort=-overall").await;
    assert_eq!(
        page.attr("th[aria-sort]", "aria-sort").as_deref(),
        Some("descending")
    );
    let links = page.attrs("thead th a", "href");
    assert!(
        links
            .iter()
            .any(|l| l.contains("sort=overall") && l.contains("q=PF-")),
        "{links:?}"
    );
    assert!(links.iter().any(|l| l.ends_with("sort=code")), "{links:?}");
}

#[tokio::test]
async fn the_heatmap_links_every_reported_cell_and_greys_the_rest() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as("lasare").await;
    let page = app.get("/portfolio/heatmap?q=PF-A").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let due = due_period();
    let headers = page.texts(".heatmap-table thead th");
    assert_eq!(headers.len(), 13);
    assert_eq!(headers[12], due.to_string());
    let links = page.attrs(".heatmap-table td a", "href");
    assert_eq!(
        links,
        [
            format!("/projects/{}/reports/{}", s.a, s.a_reports[0]),
            format!("/projects/{}/reports/{}", s.a, s.a_reports[1]),
        ]
    );
    let grey = page.texts(".heatmap-table td .light-is-none");
    assert_eq!(grey.len(), 10);
    assert!(grey.iter().all(|g| g.contains("Ej rapporterad")));
    // The drawing is hidden from assistive technology; its links are out of the tab order.
    assert_eq!(
        page.attr("svg.heatmap", "aria-hidden").as_deref(),
        Some("true")
    );
    assert!(page.body.contains(&format!(
        "<a href=\"/projects/{}/reports/{}\" tabindex=\"-1\">",
        s.a, s.a_reports[1]
    )));

    let page = app.get("/portfolio/budget").await;
    assert_eq!(page.status, StatusCode::OK);
    // Every unit and board with an approved plan has a row, and two bars in the drawing.
    let rows = page.texts(".budget-table tbody tr").len();
    assert!(rows >= 2, "A's unit and board at least");
    assert_eq!(page.body.matches("<rect").count(), 2 * rows);
}

fn csv_body(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    String::from_utf8(bytes[3..].to_vec()).expect("UTF-8")
}

async fn download(app: &TestApp, path: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let response = app.client.get(app.url(path)).send().await.expect("GET");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (
        status,
        kind,
        response.bytes().await.expect("a body").to_vec(),
    )
}

#[tokio::test]
async fn the_csv_files_open_in_swedish_and_english_excel_and_run_no_formulas() {
    let app = spawn_app().await;
    setup(&app).await;
    app.login_as("utvecklingschef").await;
    let (status, kind, bytes) = download(&app, "/portfolio.csv?q=PF-").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.is_some_and(|k| k.starts_with("text/csv")));
    let sv = csv_body(&bytes);
    let lines: Vec<&str> = sv.lines().collect();
    assert_eq!(lines.len(), 4, "{sv}");
    assert!(lines[0].starts_with("Projektkod;Namn;"), "{}", lines[0]);
    let a = lines.iter().find(|l| l.starts_with("PF-A;")).expect("A");
    assert!(a.contains(";15,0;"), "{a}");
    assert!(a.contains(";Gult;"), "{a}");
    assert!(sv.contains("'=SUMMA(A1)"), "the formula is made text: {sv}");

    let (_, _, bytes) = download(&app, "/portfolio.csv?q=PF-&excel=en").await;
    let en = csv_body(&bytes);
    let a = en.lines().find(|l| l.starts_with("PF-A,")).expect("A");
    assert!(a.contains(",15.0,"), "{a}");

    let due = due_period();
    let (status, _, bytes) = download(&app, &format!("/reports.csv?period={due}")).await;
    assert_eq!(status, StatusCode::OK);
    let reports = csv_body(&bytes);
    let ours: Vec<&str> = reports.lines().filter(|l| l.starts_with("PF-")).collect();
    assert_eq!(ours.len(), 2, "A and B reported: {reports}");
    let b = reports.lines().find(|l| l.starts_with("PF-B;")).expect("B");
    assert!(b.contains("Inlämnad för sent"), "{b}");
    assert!(b.contains("Kommentar om overall (red)"), "{b}");
    for bad in [
        "/reports.csv",
        "/reports.csv?period=2026-13",
        "/reports.csv?period=nov",
    ] {
        assert_eq!(
            download(&app, bad).await.0,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_project_silent_for_months_keeps_its_latest_light_and_its_trend_across_the_gap() {
    let app = spawn_app().await;
    let due = due_period();
    let long_ago = due.last(7)[0];
    let gap = insert_project(
        &app,
        "PF-G",
        "Med ett glapp",
        Phase::Execution,
        "projektledare",
        0,
    );
    submit(
        &app,
        gap,
        long_ago,
        on_time(long_ago),
        &Report::lit(Light::Green),
    );
    submit(&app, gap, due, on_time(due), &Report::lit(Light::Red));
    let silent = insert_project(
        &app,
        "PF-S",
        "Tyst länge",
        Phase::Execution,
        "projektledare",
        0,
    );
    submit(
        &app,
        silent,
        long_ago,
        on_time(long_ago),
        &Report::lit(Light::Amber),
    );
    app.login_as("utvecklingschef").await;
    let page = app.get("/portfolio?q=PF-").await;
    assert!(cell(&page, "PF-G", ".trend").contains("Sämre"));
    let overall = cell(&page, "PF-S", "[data-aspect=overall]");
    assert!(
        overall.contains("Gult") && overall.contains(&long_ago.to_string()),
        "{overall}"
    );
    assert!(cell(&page, "PF-S", "td:nth-child(17)").contains("Ej rapporterad"));
}

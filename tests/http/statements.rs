//! The pages that list projects read them set-wise: the number of SQL statements a page makes
//! does not grow with the number of projects.

use reqwest::StatusCode;
use styr::domain::phase::Phase;
use styr::domain::project::ProjectInput;

use crate::helpers::{TestApp, spawn_app};

/// The statements one GET of `path` makes, after a first GET that warms the session, with
/// nothing kept from the first: the data's generation moves on between them, as after a write.
async fn statements_of(app: &TestApp, path: &str) -> u64 {
    assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    app.db.changed().expect("a new generation");
    let before = app.db.statements_run();
    assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    app.db.statements_run() - before
}

fn add_projects(app: &TestApp, count: usize) {
    let (unit, lead) = app.with_db(|conn| {
        let unit = styr::db::units::units(conn).expect("units")[0].id;
        let lead = styr::db::users::find_by_username(conn, "projektledare")
            .expect("query")
            .expect("the lead")
            .id;
        (unit, lead)
    });
    app.with_db(|conn| {
        for i in 0..count {
            let input = ProjectInput {
                code: format!("MASS-{i:04}"),
                name: format!("Projekt nummer {i}"),
                description: "Ett av många.".to_owned(),
                unit_id: unit,
                project_lead_id: Some(lead),
                commissioner_id: Some(lead),
                planned_start: None,
                planned_end: None,
                budget_sek: Some(100_000),
            };
            let phase = [Phase::Idea, Phase::Planning, Phase::Execution][i % 3];
            styr::db::projects::insert(conn, &input, phase).expect("a project is added");
        }
    });
}

#[tokio::test]
async fn the_register_makes_as_many_statements_for_100_projects_as_for_10() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let pages = [
        "/projects",
        "/projects?q=projekt",
        "/projects?phase=execution",
    ];
    let mut at_ten = Vec::new();
    for path in pages {
        at_ten.push(statements_of(&app, path).await);
    }
    add_projects(&app, 90);
    for (path, ten) in pages.into_iter().zip(at_ten) {
        let hundred = statements_of(&app, path).await;
        assert_eq!(
            hundred, ten,
            "{path}: {ten} statements at 10 projects, {hundred} at 100"
        );
        // The user's login, the user, the settings, the units and the register itself: a handful,
        // and never none (a counter that counted nothing would make this test pass by itself).
        assert!((3..20).contains(&ten), "{path}: {ten} statements");
    }
}

/// Submits a report for the due period of every project in a phase that reports.
fn report_on_all(app: &TestApp) {
    let due = crate::portfolio::due_period();
    let ids: Vec<i64> = app.with_db(|conn| {
        styr::db::projects::register(conn, &Default::default())
            .expect("the register")
            .into_iter()
            .filter(|p| styr::domain::status_report::owes_reports(p.project.phase()))
            .filter(|p| !styr::db::reports::period_taken(conn, p.project.id, due).expect("a query"))
            .map(|p| p.project.id)
            .collect()
    });
    for id in ids {
        crate::portfolio::submit(
            app,
            id,
            due,
            crate::portfolio::on_time(due),
            &crate::portfolio::Report::lit(styr::domain::status_report::Light::Amber),
        );
    }
}

#[tokio::test]
async fn the_portfolio_start_page_and_a_roll_up_make_as_many_statements_for_100_projects_as_for_10()
{
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    report_on_all(&app);
    let due = crate::portfolio::due_period().to_string();
    let issued = app.post("/rollups", &[("period", &due)]).await;
    let rollup = issued.location.expect("a roll-up is issued");
    let pages = [
        "/portfolio",
        "/portfolio?q=projekt&sort=-overall",
        "/portfolio/heatmap",
        "/portfolio/budget",
        "/portfolio.csv",
        "/",
        rollup.as_str(),
    ];
    let mut at_ten = Vec::new();
    for path in pages {
        at_ten.push(statements_of(&app, path).await);
    }
    add_projects(&app, 90);
    report_on_all(&app);
    for (path, ten) in pages.into_iter().zip(at_ten) {
        let hundred = statements_of(&app, path).await;
        assert_eq!(
            hundred, ten,
            "{path}: {ten} statements at 10 projects, {hundred} at 100"
        );
        assert!((3..30).contains(&ten), "{path}: {ten} statements");
    }
}

#[tokio::test]
async fn the_portfolio_is_read_once_per_change_and_a_change_shows_at_once() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let unit_id = app.with_db(|conn| styr::db::units::units(conn).expect("units")[0].id);
    let first = statements_of(&app, "/portfolio").await;
    // The same page again, nothing written meanwhile: the statuses are kept, only the login and
    // the filter's units and boards are read.
    let before = app.db.statements_run();
    let page = app.get("/portfolio").await;
    assert_eq!(page.status, StatusCode::OK);
    let kept = app.db.statements_run() - before;
    assert!(kept < first, "{kept} statements kept, {first} read");
    let rows = page.texts("table.portfolio-table tbody tr").len();
    assert!(rows > 0, "{}", page.body);

    // A project registered through the app (a write) is on the very next portfolio page.
    // Only the write moves the generation on here: nothing else takes a connection of its own.
    let input = ProjectInput {
        code: "DIG-2099-990".into(),
        name: "Syns direkt".into(),
        description: String::new(),
        unit_id,
        project_lead_id: None,
        commissioner_id: None,
        planned_start: None,
        planned_end: None,
        budget_sek: None,
    };
    app.db
        .write(move |conn| {
            let id = styr::db::projects::insert(conn, &input, Phase::Execution)?;
            Ok(id)
        })
        .await
        .expect("the project is written");
    let page = app.get("/portfolio").await;
    assert_eq!(page.texts("table.portfolio-table tbody tr").len(), rows + 1);
    assert!(page.body.contains("DIG-2099-990"));
}

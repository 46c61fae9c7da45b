//! Status reports over HTTP: a report's life (started, saved, resumed, submitted, reviewed,
//! revised), starting from the previous period, bad input, who may take which step, unknown ids,
//! forged posts, submitted versions that never change, many leads submitting at once, and an
//! escalation answered by a decision.

use std::sync::Arc;

use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::reports::ReportRow;
use styr::db::schema::{escalations, projects, report_reviews, status_reports};
use styr::domain::decision::{Body, DecisionKind};
use styr::domain::phase::Phase;
use styr::domain::status_report::Period;

use crate::builders::{BuiltProject, ProjectBuilder};
use crate::helpers::*;

/// The running month, as a report's period is written.
fn this_period() -> Period {
    Period::of(styr::web::today())
}

/// A project in execution with an approved plan (one milestone, 2027-09-01; budget 400 000 kr;
/// tolerances 30 days and 10 percent), its lead and the rest of its cast.
async fn executing(app: &TestApp, code: &str) -> BuiltProject {
    ProjectBuilder::new(app, code)
        .phase(Phase::Execution)
        .build()
        .await
}

fn reports_path(project: &BuiltProject) -> String {
    format!("/projects/{}/reports", project.id)
}

fn report_path(project: &BuiltProject, report: i64) -> String {
    format!("/projects/{}/reports/{report}", project.id)
}

/// The id of the version a redirect leads to.
fn report_in(location: &str, project: &BuiltProject) -> i64 {
    location
        .strip_prefix(&format!("{}/", reports_path(project)))
        .and_then(|rest| rest.split(['?', '#', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a report id in {location}"))
}

/// The lead starts the report of the running month; returns its id.
async fn start(project: &BuiltProject) -> i64 {
    let period = this_period().to_string();
    let page = project
        .cast
        .lead
        .browser
        .post(&reports_path(project), &[("period", &period)])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "start: {}", page.body);
    report_in(page.location.as_deref().expect("a redirect"), project)
}

/// Posted fields.
type Fields<'a> = &'a [(&'a str, &'a str)];

/// A row of the role table: the method, the path, what is posted, and the status each of the
/// people gets.
type Row<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, [u16; 6]);

/// A whole report, every light green.
const GREEN: &[(&str, &str)] = &[
    ("overall", "green"),
    ("time", "green"),
    ("cost", "green"),
    ("scope", "green"),
    ("resources", "green"),
    ("risk", "green"),
    ("done", "Avtalet är skrivet."),
    ("next", "Systemet installeras."),
    ("risks", "Leverantören kan bli sen."),
    ("cost_to_date", "120000"),
    ("forecast", "390000"),
];

fn with<'a>(base: &[(&'a str, &'a str)], more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = base
        .iter()
        .filter(|(name, _)| !more.iter().any(|(m, _)| m == name))
        .copied()
        .collect();
    fields.extend_from_slice(more);
    fields
}

fn stored(app: &TestApp, project: &BuiltProject, report: i64) -> ReportRow {
    app.with_db(|conn| {
        styr::db::reports::find(conn, project.id, report)
            .expect("the query runs")
            .expect("the report exists")
    })
}

fn report_count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        status_reports::table
            .count()
            .get_result(conn)
            .expect("count")
    })
}

/// The escalations of the tests' own projects: the demo's reports have escalations of their own.
fn escalation_count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        escalations::table
            .inner_join(projects::table.on(projects::id.eq(escalations::project_id)))
            .filter(projects::code.not_like("DIG-%"))
            .count()
            .get_result(conn)
            .expect("count")
    })
}

/// The lead's draft form: its lock version.
async fn lock_of(project: &BuiltProject, report: i64) -> String {
    let page = project
        .cast
        .lead
        .browser
        .get(&report_path(project, report))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.input_value("lock_version").expect("a lock version")
}

/// The milestone of the built project's plan.
fn milestone_id(app: &TestApp, project: &BuiltProject) -> i64 {
    let plan = project.plan_id.expect("an approved plan");
    app.with_db(|conn| {
        styr::db::reports::plan_basis(conn, plan)
            .expect("the plan loads")
            .expect("the plan exists")
            .milestones[0]
            .id
    })
}

#[tokio::test]
async fn a_report_is_started_saved_resumed_submitted_reviewed_and_revised() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-1").await;
    let lead = &project.cast.lead.browser;

    let list = lead.get(&reports_path(&project)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.input_value("period").as_deref(),
        Some(this_period().to_string().as_str()),
        "the form offers the running month"
    );
    let report = start(&project).await;

    // Save a draft with one light, a text and a milestone forecast.
    let milestone = milestone_id(&app, &project);
    let forecast_field = format!("milestone_{milestone}_forecast");
    let lock = lock_of(&project, report).await;
    let page = lead
        .post(
            &report_path(&project, report),
            &[
                ("lock_version", &lock),
                ("overall", "amber"),
                ("overall_comment", "Leverantören är två veckor sen."),
                ("done", "Upphandlingen är klar."),
                (&forecast_field, "2027-09-10"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}?done=saved", report_path(&project, report)).as_str())
    );

    // Resume: the form shows what was saved, and the time light Styr computes (a slip within
    // the tolerance: amber).
    let form = lead.get(&report_path(&project, report)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.attr("input[name=overall][value=amber]", "checked")
            .is_some()
    );
    assert_eq!(
        form.text("textarea[name=done]").as_deref(),
        Some("Upphandlingen är klar.")
    );
    assert_eq!(
        form.input_value(&forecast_field).as_deref(),
        Some("2027-09-10")
    );
    assert!(
        form.text("#time-hint").is_some_and(|t| t.contains("Gult")),
        "{:?}",
        form.text("#time-hint")
    );
    assert_eq!(form.texts("fieldset#overall legend"), ["Helhet"]);

    // Submit with the whole report.
    let lock = form.input_value("lock_version").expect("a lock version");
    let fields = with(GREEN, &[("lock_version", &lock)]);
    let page = lead
        .post(
            &format!("{}/submit", report_path(&project, report)),
            &fields,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let row = stored(&app, &project, report);
    assert_eq!(row.status, "submitted");
    assert_eq!(row.submitted_on, Some(styr::web::today()));
    assert_eq!(row.overall.as_deref(), Some("green"));
    assert_eq!(row.done, "Avtalet är skrivet.");
    assert!(!row.exception);

    // Read-only for everyone, with the light as a word.
    let reader = Browser::log_in(&app, "lasare").await;
    let shown = reader.get(&report_path(&project, report)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown
            .texts("td .light-green")
            .iter()
            .any(|t| t.contains("Grönt"))
    );
    assert!(
        shown.attr("input[name=overall]", "type").is_none(),
        "no form for a reader"
    );

    // The development manager reviews, once.
    let dm = &project.cast.development_manager.browser;
    let review = format!("{}/review", report_path(&project, report));
    let page = dm.post(&review, &[("comment", "Bra.")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let again = dm.post(&review, &[("comment", "Igen.")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let reviews: i64 = app.with_db(|conn| {
        report_reviews::table
            .filter(report_reviews::report_id.eq(report))
            .count()
            .get_result(conn)
            .expect("count")
    });
    assert_eq!(reviews, 1);

    // A revision needs a reason.
    let revise = format!("{}/revise", report_path(&project, report));
    let before = report_count(&app);
    let refused = lead.post(&revise, &[("reason", "  ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.field_error("reason").is_some(), "{}", refused.body);
    assert_eq!(report_count(&app), before);
    let page = lead
        .post(&revise, &[("reason", "Prognosen var fel.")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let revision = report_in(page.location.as_deref().expect("a redirect"), &project);
    let new = stored(&app, &project, revision);
    assert_eq!((new.version, new.status.as_str()), (2, "draft"));
    assert_eq!(new.revision_reason.as_deref(), Some("Prognosen var fel."));
    assert_eq!(
        new.done, "Avtalet är skrivet.",
        "the revision starts from the version"
    );

    // The old version is still there and unchanged; the reader does not see the new draft.
    let old = reader.get(&report_path(&project, report)).await;
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(stored(&app, &project, report).done, "Avtalet är skrivet.");
    assert_eq!(
        reader.get(&report_path(&project, revision)).await.status,
        StatusCode::NOT_FOUND
    );
    let reader_list = reader.get(&reports_path(&project)).await;
    let reader_links = reader_list.attrs("td a", "href");
    assert!(reader_links.contains(&report_path(&project, report)));
    assert!(
        !reader_links.contains(&report_path(&project, revision)),
        "a draft is not listed for a reader"
    );
    assert!(reader_list.attr("input[name=period]", "name").is_none());
    let versions = lead.get(&report_path(&project, report)).await;
    assert!(
        versions
            .attrs("a", "href")
            .contains(&report_path(&project, revision)),
        "the lead finds the revision from the old version"
    );
}

#[tokio::test]
async fn a_new_report_starts_from_the_previous_periods_report() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-2").await;
    let lead_id = project.cast.lead.id;
    // Last month's report, written the way the app writes it.
    app.with_db(|conn| {
        let previous = this_period().previous();
        let id = styr::db::reports::create(conn, project.id, previous, lead_id).expect("created");
        let row = styr::db::reports::find(conn, project.id, id)
            .expect("loads")
            .expect("exists");
        let form = styr::domain::status_report::ReportForm {
            overall: "amber".into(),
            overall_comment: "Förseningen från förra månaden.".into(),
            done: "Förra månadens arbete.".into(),
            ..Default::default()
        };
        let content = styr::domain::status_report::parse_draft(&form).expect("parsed");
        let saved = styr::db::reports::save(
            conn,
            &row,
            row.lock_version,
            &styr::db::reports::Draft {
                content: &content,
                updates: &[],
                exception: false,
            },
            lead_id,
        )
        .expect("saved");
        assert!(saved);
        let row = styr::db::reports::find(conn, project.id, id)
            .expect("loads")
            .expect("exists");
        assert!(
            styr::db::reports::submit(conn, &row, lead_id, styr::web::today()).expect("submitted")
        );
    });
    let report = start(&project).await;
    let form = project
        .cast
        .lead
        .browser
        .get(&report_path(&project, report))
        .await;
    assert!(
        form.attr("input[name=overall][value=amber]", "checked")
            .is_some(),
        "{}",
        form.body
    );
    assert_eq!(
        form.text("textarea[name=overall_comment]").as_deref(),
        Some("Förseningen från förra månaden.")
    );
    assert_eq!(
        form.text("textarea[name=done]").as_deref(),
        Some("Förra månadens arbete.")
    );
}

#[tokio::test]
async fn a_bad_period_is_refused_beside_it_and_nothing_is_saved() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-3").await;
    start(&project).await;
    let lead = &project.cast.lead.browser;
    let now = this_period();
    let cases = [
        (now.next().to_string(), "framtiden"),
        (now.previous().to_string(), "planering"),
        (now.to_string(), "redan en rapport"),
        ("2026-13".to_owned(), "år och månad"),
        (String::new(), "år och månad"),
    ];
    let before = report_count(&app);
    for (period, message) in cases {
        let page = lead
            .post(&reports_path(&project), &[("period", &period)])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{period}");
        let error = page.field_error("period").unwrap_or_default();
        assert!(error.contains(message), "{period}: {error}");
        assert_eq!(page.input_value("period").as_deref(), Some(period.as_str()));
    }
    assert_eq!(report_count(&app), before);

    // A project that owes no reports (an idea) refuses a new one.
    let idea = ProjectBuilder::new(&app, "RAP-3B").build().await;
    let page = idea
        .cast
        .development_manager
        .browser
        .post(&reports_path(&idea), &[("period", &now.to_string())])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("planering, genomförande eller avslut"));
    assert_eq!(report_count(&app), before);
}

#[tokio::test]
async fn bad_report_input_is_refused_beside_the_field_with_the_input_kept() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-4").await;
    let report = start(&project).await;
    let lead = &project.cast.lead.browser;
    let lock = lock_of(&project, report).await;
    let path = report_path(&project, report);
    let cases: [(Fields, &str, &str); 4] = [
        (
            &[("overall", "purple")],
            "overall",
            "Välj grönt, gult eller rött",
        ),
        (
            &[("time", "red"), ("time_comment", "")],
            "time_comment",
            "kommentar",
        ),
        (&[("cost_to_date", "-5")], "cost_to_date", "negativt"),
        (&[("forecast", "mycket")], "forecast", "hela kronor"),
    ];
    let before = stored(&app, &project, report);
    for (bad, field, message) in cases {
        let mut fields = with(GREEN, bad);
        fields.push(("lock_version", &lock));
        fields.push(("done", "Det här ska stå kvar."));
        for step in ["", "/submit"] {
            let page = lead.post(&format!("{path}{step}"), &fields).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{field}{step}"
            );
            let error = page.field_error(field).unwrap_or_default();
            assert!(error.contains(message), "{field}{step}: {error}");
            assert_eq!(
                page.text("textarea[name=done]").as_deref(),
                Some("Det här ska stå kvar."),
                "the input is kept"
            );
            let after = stored(&app, &project, report);
            assert_eq!(after.lock_version, before.lock_version, "nothing saved");
            assert_eq!(after.status, "draft");
        }
    }
    // Submitting the stored draft, which has no lights yet, names the missing lights.
    let page = lead.post(&format!("{path}/submit"), &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("overall").is_some(), "{}", page.body);
    assert_eq!(stored(&app, &project, report).status, "draft");
}

#[tokio::test]
async fn an_exception_report_must_escalate_to_the_steering_group() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-5").await;
    let report = start(&project).await;
    let lead = &project.cast.lead.browser;
    let lock = lock_of(&project, report).await;
    let path = format!("{}/submit", report_path(&project, report));
    // 500 000 kr against a budget of 400 000 with 10 percent tolerance: beyond it.
    let over = with(GREEN, &[("lock_version", &lock), ("forecast", "500000")]);
    let escalations = escalation_count(&app);
    let page = lead.post(&path, &over).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.field_error("escalation_to")
            .unwrap_or_default()
            .contains("styrgruppen")
    );
    assert_eq!(page.input_value("forecast").as_deref(), Some("500000"));
    // Beside the cost light, the light Styr computes from the forecast as typed.
    let computed = page.text("#cost-hint").unwrap_or_default();
    assert!(computed.contains("Rött"), "{computed}");
    let row = stored(&app, &project, report);
    assert_eq!((row.status.as_str(), row.forecast_sek), ("draft", None));
    assert_eq!(escalation_count(&app), escalations);
    // Escalating to another body is not enough.
    let elsewhere = with(
        &over,
        &[
            ("escalation_text", "Mer pengar behövs."),
            ("escalation_kind", "economic"),
            ("escalation_to", "development_manager"),
        ],
    );
    let page = lead.post(&path, &elsewhere).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(escalation_count(&app), escalations);
    let to_steering = with(&elsewhere, &[("escalation_to", "steering_group")]);
    let page = lead.post(&path, &to_steering).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let row = stored(&app, &project, report);
    assert_eq!(row.status, "submitted");
    assert!(row.exception);
    assert_eq!(escalation_count(&app), escalations + 1);
}

#[tokio::test]
async fn a_stored_draft_is_submitted_with_the_exception_checked_on_the_day() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-5B").await;
    let report = start(&project).await;
    let lead = &project.cast.lead.browser;
    let lock = lock_of(&project, report).await;
    let saved = lead
        .post(
            &report_path(&project, report),
            &with(GREEN, &[("lock_version", &lock)]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The stored flag says exception, though the figures are within the plan's tolerances (as
    // when a draft was saved before a milestone's day passed, the other way round).
    app.with_db(|conn| {
        diesel::update(status_reports::table.find(report))
            .set(status_reports::exception.eq(true))
            .execute(conn)
            .expect("a draft may change")
    });
    let submitted = lead
        .post(&format!("{}/submit", report_path(&project, report)), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    let row = stored(&app, &project, report);
    assert_eq!(row.status, "submitted");
    assert!(
        !row.exception,
        "the submitted version says what was checked"
    );
    assert_eq!(row.done, "Avtalet är skrivet.");
}

#[tokio::test]
async fn a_submitted_report_never_changes() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-6").await;
    let report = start(&project).await;
    let lead = &project.cast.lead.browser;
    let lock = lock_of(&project, report).await;
    let path = report_path(&project, report);
    let page = lead
        .post(
            &format!("{path}/submit"),
            &with(GREEN, &[("lock_version", &lock)]),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let before = stored(&app, &project, report);
    let stored_lock = before.lock_version.to_string();
    let changed = with(
        GREEN,
        &[
            ("lock_version", &stored_lock),
            ("done", "Ändrat i efterhand."),
        ],
    );
    for step in ["", "/submit"] {
        let page = lead.post(&format!("{path}{step}"), &changed).await;
        assert_eq!(page.status, StatusCode::CONFLICT, "{step}");
        assert!(page.body.contains("revidera"), "{step}");
    }
    let escalation = lead
        .post(
            &format!("{path}/escalations"),
            &[
                ("escalation_text", "Sent påkommet."),
                ("escalation_kind", "strategic"),
                ("escalation_to", "management_group"),
            ],
        )
        .await;
    assert_eq!(escalation.status, StatusCode::CONFLICT);
    let after = stored(&app, &project, report);
    assert_eq!(after.done, before.done);
    assert_eq!(after.lock_version, before.lock_version);
    assert_eq!(escalation_count(&app), 0);

    // The database refuses a change of a submitted version whatever asks for it.
    let raw = app.with_db(|conn| {
        diesel::sql_query(format!(
            "UPDATE status_reports SET done = 'Ändrat med SQL' WHERE id = {report}"
        ))
        .execute(conn)
    });
    let error = raw.expect_err("the trigger refuses");
    assert!(error.to_string().contains("never changes"), "{error}");
    let deleted = app.with_db(|conn| {
        diesel::sql_query(format!("DELETE FROM status_reports WHERE id = {report}")).execute(conn)
    });
    assert!(deleted.is_err());
    assert_eq!(stored(&app, &project, report).done, before.done);
}

#[tokio::test]
async fn unknown_ids_and_other_projects_reports_are_not_found() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-7").await;
    let other = executing(&app, "RAP-7B").await;
    let report = start(&project).await;
    let foreign = start(&other).await;
    let dm = Browser::log_in(&app, "utvecklingschef").await;
    let base = reports_path(&project);
    for path in [
        "/projects/999999/reports".to_owned(),
        "/projects/abc/reports".to_owned(),
        format!("{base}/999999"),
        format!("{base}/abc"),
        format!("{base}/{foreign}"),
    ] {
        assert_eq!(
            dm.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
    }
    for path in [
        format!("{base}/{foreign}"),
        format!("{base}/{foreign}/submit"),
        format!("{base}/{foreign}/escalations"),
        format!("{base}/999999/review"),
        format!("/projects/999999/reports/{report}/revise"),
        format!("/projects/{}/escalations/999999/answer", project.id),
    ] {
        assert_eq!(
            dm.post(&path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
    }
    assert_eq!(stored(&app, &other, foreign).lock_version, 0);
}

#[tokio::test]
async fn posts_without_the_right_csrf_token_are_forbidden_and_change_nothing() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-8").await;
    let report = start(&project).await;
    app.login_as("utvecklingschef").await;
    let path = report_path(&project, report);
    let before = report_count(&app);
    for (target, fields) in [
        (reports_path(&project), vec![("period", "2020-01")]),
        (path.clone(), with(GREEN, &[("lock_version", "0")])),
        (
            format!("{path}/submit"),
            with(GREEN, &[("lock_version", "0")]),
        ),
        (
            format!("{path}/escalations"),
            vec![
                ("escalation_text", "Förfalskad."),
                ("escalation_kind", "strategic"),
                ("escalation_to", "management_group"),
            ],
        ),
        (format!("{path}/review"), vec![("comment", "Förfalskad.")]),
        (format!("{path}/revise"), vec![("reason", "Förfalskad.")]),
    ] {
        for token in [None, Some("fel")] {
            let page = app.post_with_token(&target, &fields, token).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{target} {token:?}");
        }
    }
    let row = stored(&app, &project, report);
    assert_eq!((row.status.as_str(), row.lock_version), ("draft", 0));
    assert_eq!(report_count(&app), before);
    assert_eq!(escalation_count(&app), 0);
}

/// The people of the role table: the lead of the project, the lead of another project, the
/// development manager, a management group member, a reader, the administrator.
const PEOPLE: [&str; 6] = [
    "lead",
    "projektledare",
    "utvecklingschef",
    "ledamot",
    "lasare",
    "admin",
];

#[tokio::test]
async fn every_route_answers_every_role_and_relation_as_the_policy_says() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-9").await;
    let lead = &project.cast.lead.browser;
    // A submitted report with an escalation to the management group, and a draft revision.
    let submitted = start(&project).await;
    let lock = lock_of(&project, submitted).await;
    let fields = with(
        GREEN,
        &[
            ("lock_version", &lock),
            (
                "escalation_text",
                "Ledningsgruppen behöver besluta om driften.",
            ),
            ("escalation_kind", "strategic"),
            ("escalation_to", "management_group"),
        ],
    );
    let page = lead
        .post(
            &format!("{}/submit", report_path(&project, submitted)),
            &fields,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = lead
        .post(
            &format!("{}/revise", report_path(&project, submitted)),
            &[("reason", "Rättelse.")],
        )
        .await;
    let draft = report_in(page.location.as_deref().expect("a revision"), &project);
    let escalation: i64 = app.with_db(|conn| {
        escalations::table
            .filter(escalations::report_id.eq(submitted))
            .select(escalations::id)
            .first(conn)
            .expect("the escalation")
    });
    let s = report_path(&project, submitted);
    let d = report_path(&project, draft);
    let long = "x".repeat(2_001);
    // Allowed posts are empty or wrong, so they answer 422 (or 409: a save without a lock
    // version) and change nothing.
    #[rustfmt::skip]
    let routes: Vec<Row> = vec![
        //                                                         lead pl2  dm   lg   read admin
        ("GET",  reports_path(&project), vec![],                   [200, 200, 200, 200, 200, 200]),
        ("POST", reports_path(&project), vec![("period", "x")],    [422, 403, 422, 403, 403, 403]),
        ("GET",  s.clone(), vec![],                                [200, 200, 200, 200, 200, 200]),
        ("GET",  d.clone(), vec![],                                [200, 404, 200, 404, 404, 404]),
        // A draft is not shown to those who may not write it: its steps are not found for them.
        ("POST", d.clone(), vec![("overall", "lila")],             [422, 404, 422, 404, 404, 404]),
        ("POST", format!("{d}/submit"), vec![("overall", "lila")], [422, 404, 422, 404, 404, 404]),
        ("POST", format!("{d}/escalations"), vec![],               [422, 404, 422, 404, 404, 404]),
        ("POST", s.clone(), vec![("overall", "lila")],             [409, 403, 409, 403, 403, 403]),
        ("POST", format!("{s}/submit"), vec![],                    [409, 403, 409, 403, 403, 403]),
        ("POST", format!("{s}/escalations"), vec![],               [409, 403, 409, 403, 403, 403]),
        ("POST", format!("{s}/review"), vec![("comment", &long)],  [403, 403, 409, 403, 403, 403]),
        ("POST", format!("{s}/revise"), vec![],                    [409, 403, 409, 403, 403, 403]),
        ("POST", format!("{d}/revise"), vec![],                    [409, 404, 409, 404, 404, 404]),
        ("POST", format!("/projects/{}/escalations/{escalation}/answer", project.id), vec![],
                                                                   [403, 403, 403, 422, 403, 403]),
    ];
    let mut browsers = Vec::new();
    for person in PEOPLE {
        browsers.push(match person {
            "lead" => None,
            user => Some(Browser::log_in(&app, user).await),
        });
    }
    let counts = |app: &TestApp| {
        (
            report_count(app),
            escalation_count(app),
            stored(app, &project, draft).lock_version,
        )
    };
    let before = counts(&app);
    let mut wrong = Vec::new();
    for (method, path, fields, expected) in &routes {
        for (i, person) in PEOPLE.iter().enumerate() {
            let browser = browsers[i].as_ref().unwrap_or(lead);
            let page = match *method {
                "GET" => browser.get(path).await,
                _ => browser.post(path, fields).await,
            };
            if page.status.as_u16() != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {person}: {} not {}",
                    page.status, expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(
        counts(&app),
        before,
        "no refused or invalid post changed anything"
    );
    // Anonymous visitors are sent to log in.
    let anonymous = app.get(&s).await;
    assert_eq!(anonymous.location.as_deref(), Some("/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_leads_submitting_at_the_same_moment_lose_nothing() {
    // Six: the builder logs five people in for each project, and logins from one address are
    // throttled beyond thirty at once.
    const LEADS: usize = 6;
    let app = spawn_app().await;
    let mut projects = Vec::new();
    for i in 0..LEADS {
        projects.push(executing(&app, &format!("PAR-{i}")).await);
    }
    let mut drafts = Vec::new();
    for project in &projects {
        let report = start(project).await;
        drafts.push((report, lock_of(project, report).await));
    }
    let projects = Arc::new(projects);
    let tasks: Vec<_> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, (report, lock))| {
            let projects = Arc::clone(&projects);
            tokio::spawn(async move {
                let project = &projects[i];
                let done = format!("Projekt {i} lämnar in.");
                let fields = with(GREEN, &[("lock_version", &lock), ("done", &done)]);
                let path = format!("/projects/{}/reports/{report}/submit", project.id);
                let page = project.cast.lead.browser.post(&path, &fields).await;
                (report, page.status)
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("the task ran"));
    }
    assert!(
        results.iter().all(|(_, s)| *s == StatusCode::SEE_OTHER),
        "{results:?}"
    );
    for (i, (report, _)) in results.iter().enumerate() {
        let row = stored(&app, &projects[i], *report);
        assert_eq!(row.status, "submitted");
        assert_eq!(row.done, format!("Projekt {i} lämnar in."));
    }
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let submitted: i64 = app.with_db(|conn| {
        status_reports::table
            .filter(status_reports::status.eq("submitted"))
            .filter(status_reports::project_id.eq_any(&ids))
            .count()
            .get_result(conn)
            .expect("count")
    });
    assert_eq!(submitted, i64::try_from(LEADS).expect("a count"));
}

#[tokio::test]
async fn an_escalation_answered_by_a_decision_shows_on_the_report_and_the_project_page() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-10").await;
    let lead = &project.cast.lead.browser;
    let report = start(&project).await;
    let lock = lock_of(&project, report).await;
    let fields = with(
        GREEN,
        &[
            ("lock_version", &lock),
            ("escalation_text", "Driften behöver finansieras."),
            ("escalation_kind", "economic"),
            ("escalation_to", "management_group"),
        ],
    );
    let path = report_path(&project, report);
    let page = lead.post(&format!("{path}/submit"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let escalation: i64 = app.with_db(|conn| {
        escalations::table
            .filter(escalations::report_id.eq(report))
            .select(escalations::id)
            .first(conn)
            .expect("the escalation")
    });
    let member = &project.cast.management_group;
    let decision = app.with_db(|conn| {
        styr::db::decisions::record(
            conn,
            &styr::db::decisions::NewDecision {
                body: Body::ManagementGroup,
                project_id: Some(project.id),
                decided_on: styr::web::today(),
                kind: DecisionKind::SteeringDecision,
                text: "Driften finansieras ur förvaltningens budget.",
                phase_from: None,
                phase_to: None,
                recorded_by: member.id,
                meeting_id: None,
                extras: Default::default(),
            },
        )
        .expect("recorded")
    });
    // The steering group's approval of the plan is a decision of another body.
    let plan_decision: i64 = app.with_db(|conn| {
        styr::db::schema::decisions::table
            .filter(styr::db::schema::decisions::project_id.eq(project.id))
            .filter(styr::db::schema::decisions::body.eq("steering_group"))
            .select(styr::db::schema::decisions::id)
            .first(conn)
            .expect("the plan's approval")
    });
    let answer = format!("/projects/{}/escalations/{escalation}/answer", project.id);
    let field = format!("decision_{escalation}");
    let page = member.browser.get(&path).await;
    assert!(
        page.attrs(&format!("#{field} option"), "value")
            .contains(&decision.id.to_string()),
        "the member is offered the decision: {}",
        page.body
    );
    let refused = member
        .browser
        .post(&answer, &[("decision", &plan_decision.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .field_error(&field)
            .unwrap_or_default()
            .contains("organ")
    );
    let page = member
        .browser
        .post(&answer, &[("decision", &decision.id.to_string())])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let again = member
        .browser
        .post(&answer, &[("decision", &decision.id.to_string())])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let number = format!("beslut {}/{}", decision.number, decision.year);
    let shown = lead.get(&path).await;
    let answer_text = shown
        .text(&format!("#escalation-{escalation} .escalation-answer"))
        .unwrap_or_default();
    assert!(answer_text.contains(&number), "{answer_text}");
    assert!(answer_text.contains("Driften finansieras"), "{answer_text}");
    let project_page = lead.get(&project.path()).await;
    let listed = project_page.texts(".report-summary .escalation").join(" ");
    assert!(listed.contains("Driften behöver finansieras."), "{listed}");
    assert!(listed.contains(&number), "{listed}");
    let periods = project_page.texts(".report-periods li").join(" ");
    assert!(
        periods.contains(&this_period().to_string()) && periods.contains("Grönt"),
        "{periods}"
    );
    // The decision, in the project's list of decisions, links back to the report it answered.
    let answers = project_page.attrs("#decisions + .table-wrap a.decision-answers", "href");
    assert_eq!(
        answers.as_slice(),
        std::slice::from_ref(&path),
        "{}",
        project_page.body
    );
}

#[tokio::test]
async fn escalations_are_added_to_a_draft_one_by_one_and_listed() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-11").await;
    let report = start(&project).await;
    let lead = &project.cast.lead.browser;
    let path = format!("{}/escalations", report_path(&project, report));
    let refused = lead
        .post(
            &path,
            &[
                ("escalation_text", "Halvfärdig fråga."),
                ("escalation_kind", "ekonomisk"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.field_error("escalation_kind").is_some());
    assert!(refused.field_error("escalation_to").is_some());
    assert_eq!(
        refused.text("textarea[name=escalation_text]").as_deref(),
        Some("Halvfärdig fråga.")
    );
    assert_eq!(escalation_count(&app), 0);
    for (text, to) in [
        ("Styrgruppen behöver prioritera.", "steering_group"),
        (
            "Ledningsgruppen behöver besluta om driften.",
            "management_group",
        ),
    ] {
        let page = lead
            .post(
                &path,
                &[
                    ("escalation_text", text),
                    ("escalation_kind", "strategic"),
                    ("escalation_to", to),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    assert_eq!(escalation_count(&app), 2);
    let draft = lead.get(&report_path(&project, report)).await;
    let listed = draft.texts("li.escalation").join(" ");
    assert!(
        listed.contains("Styrgruppen behöver prioritera."),
        "{listed}"
    );
    assert!(
        listed.contains("Ledningsgruppen behöver besluta om driften."),
        "{listed}"
    );
}

#[tokio::test]
async fn a_save_on_a_stale_form_is_a_conflict_that_keeps_the_typed_text() {
    let app = spawn_app().await;
    let project = executing(&app, "RAP-12").await;
    let report = start(&project).await;
    let path = report_path(&project, report);
    let lead = &project.cast.lead.browser;
    let dm = &project.cast.development_manager.browser;
    let stale = lock_of(&project, report).await;
    // The development manager saves first.
    let page = dm
        .post(
            &path,
            &[("lock_version", &stale), ("done", "Chefens text.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = stored(&app, &project, report);
    let page = lead
        .post(
            &path,
            &[("lock_version", &stale), ("done", "Ledarens text.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert_eq!(
        page.text("textarea[name=done]").as_deref(),
        Some("Ledarens text.")
    );
    assert_eq!(
        page.input_value("lock_version"),
        Some(saved.lock_version.to_string()),
        "a new save is based on the version stored now"
    );
    let after = stored(&app, &project, report);
    assert_eq!(
        (after.done.as_str(), after.lock_version),
        ("Chefens text.", saved.lock_version)
    );
}

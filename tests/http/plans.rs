//! Project plans over HTTP: drafting goal by goal and row by row, submitting, the steering group's
//! approval and return, revising against a newer directive and comparing versions; who may do
//! which; what bad input, stale forms, unknown ids and forged posts leave; and the audit trail.

use diesel::prelude::*;
use reqwest::StatusCode;
use scraper::Selector;
use styr::db::plans::PlanRow;
use styr::db::schema::{decisions, directive_goals, directives, plan_milestones, plans};
use styr::domain::phase::Phase;
use styr::domain::plan::PlanContent;
use styr::domain::project::ProjectInput;
use styr::domain::steering::SteeringRole;

use crate::helpers::*;

/// The rows matching `selector`, each as the texts of its cells.
fn rows(page: &Page, selector: &str) -> Vec<Vec<String>> {
    let rows = Selector::parse(selector).expect("a valid selector");
    let cells = Selector::parse("th, td").expect("a valid selector");
    page.html
        .select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|cell| {
                    cell.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect()
}

/// The facts of the plan's page (its first definition list) as "term: value" lines.
fn facts(page: &Page) -> Vec<String> {
    let terms = page.texts("dl.definition-list:first-of-type > dt");
    let values = page.texts("dl.definition-list:first-of-type > dd");
    terms
        .into_iter()
        .zip(values)
        .map(|(t, v)| format!("{t}: {v}"))
        .collect()
}

fn cells(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

pub(crate) const GOAL_1: &str = "Handläggningstiden för utbetalningar halveras";
const GOAL_2: &str = "Inga felaktiga utbetalningar";

/// A project in planning, led by projektledare2 and commissioned by peter.wallin, registered for
/// the test so that it starts without directives, plans or steering group whatever the demo holds.
fn planning_project(app: &TestApp, code: &str) -> i64 {
    let lead = app.user_id("projektledare2");
    let commissioner = app.user_id("peter.wallin");
    app.with_db(|conn| {
        let unit = styr::db::units::units(conn)
            .expect("the units load")
            .into_iter()
            .find(|u| u.name == "Myndighetsenheten (mottagning, vuxen)")
            .map(|u| u.id)
            .expect("the unit exists");
        let input = ProjectInput {
            code: code.to_owned(),
            name: "Automatiserad utbetalning av bistånd".to_owned(),
            description: String::new(),
            unit_id: unit,
            project_lead_id: Some(lead),
            commissioner_id: Some(commissioner),
            planned_start: None,
            planned_end: None,
            budget_sek: Some(1_000_000),
        };
        styr::db::projects::insert(conn, &input, Phase::Planning).expect("the project is added")
    })
}

/// Adds an approved project directive with `goals` and a budget frame, as the next version of the
/// project's directive; returns its id and its goals' ids in order. The directive is written as a
/// draft first, since the schema refuses goals added to an approved directive.
pub(crate) fn approved_directive(
    app: &TestApp,
    project: i64,
    goals: &[&str],
    frame: Option<i64>,
) -> (i64, Vec<i64>) {
    let author = app.user_id("utvecklingschef");
    app.with_db(|conn| {
        let highest: Option<i32> = directives::table
            .filter(directives::project_id.eq(project))
            .filter(directives::kind.eq("project"))
            .select(diesel::dsl::max(directives::version))
            .first(conn)
            .expect("the versions load");
        let version = highest.unwrap_or(0) + 1;
        let at = chrono::Utc::now().naive_utc();
        diesel::insert_into(directives::table)
            .values((
                directives::project_id.eq(project),
                directives::kind.eq("project"),
                directives::version.eq(version),
                directives::status.eq("draft"),
                directives::background.eq("Utbetalningarna görs för hand."),
                directives::purpose.eq("Snabbare och säkrare utbetalningar."),
                directives::budget_frame_sek.eq(frame),
                directives::approving_body.eq("development_manager"),
                directives::created_by.eq(author),
                directives::created_at.eq(at),
                directives::updated_at.eq(at),
            ))
            .execute(conn)
            .expect("the directive is added");
        let id: i64 = directives::table
            .filter(directives::project_id.eq(project))
            .filter(directives::kind.eq("project"))
            .filter(directives::version.eq(version))
            .select(directives::id)
            .first(conn)
            .expect("the directive exists");
        for (i, goal) in goals.iter().enumerate() {
            diesel::insert_into(directive_goals::table)
                .values((
                    directive_goals::directive_id.eq(id),
                    directive_goals::position.eq(i32::try_from(i + 1).expect("few goals")),
                    directive_goals::text.eq(*goal),
                ))
                .execute(conn)
                .expect("the goal is added");
        }
        diesel::update(directives::table.find(id))
            .set(directives::status.eq("approved"))
            .execute(conn)
            .expect("the directive is approved");
        let goal_ids: Vec<i64> = directive_goals::table
            .filter(directive_goals::directive_id.eq(id))
            .order(directive_goals::position)
            .select(directive_goals::id)
            .load(conn)
            .expect("the goals load");
        (id, goal_ids)
    })
}

pub(crate) fn add_to_steering_group(
    app: &TestApp,
    project: i64,
    username: &str,
    role: SteeringRole,
) {
    let user = app.user_id(username);
    app.with_db(|conn| {
        styr::db::steering::add(conn, project, user, role).expect("the member is added");
    });
}

/// A project with an approved directive of two goals (frame 1 000 000 kr) and lars.dahl as the
/// steering group's chair.
pub(crate) struct Fixture {
    pub(crate) project: i64,
    directive: i64,
    goals: Vec<i64>,
}

pub(crate) fn fixture(app: &TestApp, code: &str, frame: Option<i64>) -> Fixture {
    let project = planning_project(app, code);
    let (directive, goals) = approved_directive(app, project, &[GOAL_1, GOAL_2], frame);
    add_to_steering_group(app, project, "lars.dahl", SteeringRole::Chair);
    Fixture {
        project,
        directive,
        goals,
    }
}

pub(crate) fn plan_row(app: &TestApp, project: i64, plan: i64) -> PlanRow {
    app.with_db(|conn| {
        styr::db::plans::find(conn, project, plan)
            .expect("the query runs")
            .expect("the plan exists")
    })
}

fn plan_content(app: &TestApp, project: i64, plan: i64) -> PlanContent {
    let row = plan_row(app, project, plan);
    app.with_db(|conn| styr::db::plans::content(conn, &row).expect("the content loads"))
}

pub(crate) fn plan_count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        plans::table
            .count()
            .get_result(conn)
            .expect("the plans count")
    })
}

pub(crate) fn decision_count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        decisions::table
            .count()
            .get_result(conn)
            .expect("the decisions count")
    })
}

fn audit_count(app: &TestApp, project: i64) -> usize {
    app.with_db(|conn| {
        styr::db::audit::entries(conn, Some(project), 10_000)
            .expect("the audit trail loads")
            .len()
    })
}

/// The plan's entries in the audit trail, oldest first, as (action, before, after).
fn plan_audit(
    app: &TestApp,
    project: i64,
    plan: i64,
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut entries: Vec<_> = app.with_db(|conn| {
        styr::db::audit::entries(conn, Some(project), 10_000)
            .expect("the audit trail loads")
            .into_iter()
            .filter(|e| e.entity == "plan" && e.entity_id == plan)
            .map(|e| (e.action, e.before, e.after))
            .collect()
    });
    entries.reverse();
    entries
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// `fields` with `field` set to `value` (added if missing).
fn with(fields: &[(String, String)], field: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields.to_vec();
    match out.iter_mut().find(|(k, _)| k == field) {
        Some((_, v)) => *v = value.to_owned(),
        None => out.push((field.to_owned(), value.to_owned())),
    }
    out
}

async fn post_fields(app: &TestApp, path: &str, fields: &[(String, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await
}

pub(crate) fn plan_path(project: i64, plan: i64) -> String {
    format!("/projects/{project}/plan/{plan}")
}

/// Creates version 1 as the logged-in user; returns its id.
async fn create_plan(app: &TestApp, project: i64) -> i64 {
    let page = app.post(&format!("/projects/{project}/plan"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.expect("a redirect");
    location
        .strip_prefix(&format!("/projects/{project}/plan/"))
        .and_then(|rest| rest.strip_suffix("/edit"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a redirect to the edit page: {location}"))
}

async fn edit_page(app: &TestApp, project: i64, plan: i64) -> Page {
    let page = app.get(&format!("{}/edit", plan_path(project, plan))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page
}

/// Every field of a plan that answers both goals, with budget within 1 000 000 kr.
fn full_plan(goals: &[i64]) -> Vec<(String, String)> {
    let mut fields = owned(&[
        ("milestone_name_1", "Upphandling klar"),
        ("milestone_planned_1", "2027-03-01"),
        ("milestone_actual_1", ""),
        ("milestone_name_2", "Roboten i drift"),
        ("milestone_planned_2", "2027-09-15"),
        ("milestone_actual_2", ""),
        ("budget_year_1", "2027"),
        ("budget_category_1", "staff"),
        ("budget_amount_1", "400 000"),
        ("budget_year_2", "2028"),
        ("budget_category_2", "licences"),
        ("budget_amount_2", "200000"),
        ("risk_description_1", "Leverantören försenas"),
        ("risk_probability_1", "3"),
        ("risk_consequence_1", "4"),
        ("risk_mitigation_1", "Vite i avtalet"),
        ("risk_owner_1", "Elin Strand"),
        ("risk_description_2", "Regelverket ändras"),
        ("risk_probability_2", "1"),
        ("risk_consequence_2", "5"),
        ("risk_mitigation_2", ""),
        ("risk_owner_2", ""),
        ("benefit_indicator_1", "Handläggningstid per utbetalning"),
        ("benefit_baseline_1", "3 dagar"),
        ("benefit_target_1", "1 dag"),
        ("benefit_measured_1", "2028-03-31"),
        ("benefit_owner_1", "Enhetschefen"),
        ("communication", "Månadsbrev till handläggarna."),
        ("handover_owner", "Förvaltningsledare ekonomisystem"),
        ("maintenance_object", "Ekonomiskt bistånd"),
        ("over_frame_reason", ""),
        ("time_tolerance_days", "45"),
        ("cost_tolerance_percent", "15"),
    ]);
    if let Some(goal) = goals.first() {
        fields.push((
            format!("answer_{goal}"),
            "Roboten betalar ut samma dag som beslutet.".to_owned(),
        ));
    }
    if let Some(goal) = goals.get(1) {
        fields.push((
            format!("answer_{goal}"),
            "Fyraögonsprincip i roboten.".to_owned(),
        ));
    }
    fields
}

/// Saves `fields` through the edit form with the lock version it shows.
async fn save(app: &TestApp, project: i64, plan: i64, fields: &[(String, String)]) -> Page {
    let page = edit_page(app, project, plan).await;
    let lock = page.input_value("lock_version").expect("a lock version");
    let fields = with(fields, "lock_version", &lock);
    post_fields(app, &format!("{}/edit", plan_path(project, plan)), &fields).await
}

/// As the lead: creates, fills in and submits version 1; returns its id. Logs in as projektledare2.
async fn submitted_plan(app: &TestApp, f: &Fixture) -> i64 {
    app.login_as("projektledare2").await;
    let plan = create_plan(app, f.project).await;
    let page = save(app, f.project, plan, &full_plan(&f.goals)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    plan
}

/// Version 1 submitted by the lead and approved by the chair; logged in as lars.dahl after.
pub(crate) async fn approved_plan(app: &mut TestApp, f: &Fixture) -> i64 {
    let plan = submitted_plan(app, f).await;
    app.fresh_client().await;
    app.login_as("lars.dahl").await;
    let page = app
        .post(
            &format!("{}/approve", plan_path(f.project, plan)),
            &[("decided_on", &today()), ("text", "Planen godkänns.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    plan
}

#[tokio::test]
async fn the_lead_drafts_and_submits_and_the_chair_approves() {
    let mut app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-901", Some(1_000_000));
    app.login_as("projektledare2").await;

    // No plan yet: the page says so and offers to create one.
    let path = format!("/projects/{}/plan", f.project);
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Projektplan för DIG-2027-901");
    assert!(page.body.contains("Projektet har ingen projektplan ännu."));
    assert!(
        page.text(&format!("form[action=\"{path}\"] button"))
            .is_some()
    );

    let plan = create_plan(&app, f.project).await;
    let row = plan_row(&app, f.project, plan);
    assert_eq!(
        (row.version, row.status.as_str(), row.directive_id),
        (1, "draft", f.directive)
    );

    // The form: each goal's answer is labelled by the goal; each table has two empty rows.
    let page = edit_page(&app, f.project, plan).await;
    assert_eq!(page.h1(), "Ändra projektplan version 1 för DIG-2027-901");
    for (goal, text) in f.goals.iter().zip([GOAL_1, GOAL_2]) {
        let name = format!("answer_{goal}");
        assert_eq!(
            page.text(&format!("label[for={name}]")).as_deref(),
            Some(text)
        );
        assert!(
            page.text(&format!("textarea#{name}[name={name}]"))
                .is_some()
        );
    }
    for name in [
        "milestone_name_2",
        "budget_amount_2",
        "risk_owner_2",
        "benefit_target_2",
    ] {
        assert!(page.input_value(name).is_some(), "{name}");
    }
    assert!(page.input_value("milestone_name_3").is_none());
    assert_eq!(
        page.text("label[for=milestone_planned_2]").as_deref(),
        Some("Milstolpe 2: Planerat datum")
    );
    assert_eq!(
        page.text("label[for=milestone_name_1]").as_deref(),
        Some("Milstolpe 1: Namn")
    );
    assert_eq!(
        page.text("label[for=risk_probability_1]").as_deref(),
        Some("Risk 1: Sannolikhet (1–5)")
    );
    let scores = page.texts("select[name=risk_consequence_1] option");
    assert_eq!(scores, ["–", "1", "2", "3", "4", "5"]);
    let categories = page.texts("select[name=budget_category_1] option");
    assert!(
        categories.contains(&"Konsulter".to_owned()),
        "{categories:?}"
    );
    assert_eq!(page.input_value("lock_version").as_deref(), Some("0"));

    let page = save(&app, f.project, plan, &full_plan(&f.goals)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}?done=saved", plan_path(f.project, plan)).as_str())
    );
    let content = plan_content(&app, f.project, plan);
    assert_eq!(content.goal_answers.len(), 2);
    assert_eq!(content.milestones.len(), 2);
    assert_eq!(content.budget_total(), 600_000);
    assert_eq!(content.risks.len(), 2);
    assert_eq!(content.benefits[0].target, "1 dag");
    assert_eq!(content.handover_owner, "Förvaltningsledare ekonomisystem");

    // The page: each goal beside its answer, the budget per year and in total against the frame,
    // the risks as a table and a matrix.
    let page = app
        .get(&format!("{}?done=saved", plan_path(f.project, plan)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("[role=status]").as_deref(),
        Some("Projektplanen är sparad.")
    );
    assert_eq!(
        rows(&page, "#plan-goals tbody tr"),
        [
            cells(&[GOAL_1, "Roboten betalar ut samma dag som beslutet."]),
            cells(&[GOAL_2, "Fyraögonsprincip i roboten."]),
        ]
    );
    assert_eq!(
        rows(&page, "#plan-milestones tbody tr"),
        [
            cells(&["Upphandling klar", "2027-03-01", "–"]),
            cells(&["Roboten i drift", "2027-09-15", "–"]),
        ]
    );
    assert_eq!(
        page.texts("#plan-budget tbody tr th"),
        ["2027", "2028"],
        "a row per year"
    );
    assert_eq!(
        page.texts("#plan-budget tfoot td")
            .last()
            .map(String::as_str),
        Some("600 000 kr")
    );
    let frame = page.text("#plan-budget-frame").expect("the frame");
    assert!(frame.contains("1 000 000 kr – inom ramen"), "{frame}");
    // Probability 3 is the third row from the top (5, 4, 3); consequence 4 the fourth column.
    assert_eq!(
        page.texts("table.risk-matrix tbody tr:nth-child(3) td"),
        ["0", "0", "0", "1", "0"]
    );
    assert_eq!(
        page.texts("table.risk-matrix tbody tr:nth-child(5) td"),
        ["0", "0", "0", "0", "1"]
    );
    assert_eq!(
        page.texts("table.risk-matrix thead th[scope=col]").len(),
        5,
        "a header per consequence"
    );
    assert_eq!(
        page.texts("table.risk-matrix tbody th[scope=row]")[0],
        "Sannolikhet 5"
    );
    assert_eq!(
        rows(&page, "#plan-risks tbody tr")[0],
        cells(&[
            "Leverantören försenas",
            "3",
            "4",
            "12",
            "Vite i avtalet",
            "Elin Strand"
        ])
    );
    assert_eq!(
        rows(&page, "#plan-benefits tbody tr"),
        [cells(&[
            "Handläggningstid per utbetalning",
            "3 dagar",
            "1 dag",
            "2028-03-31",
            "Enhetschefen"
        ])]
    );
    assert_eq!(
        rows(&page, "#plan-budget tbody tr")[0],
        cells(&["2027", "400 000 kr", "0 kr", "0 kr", "0 kr", "400 000 kr"])
    );

    // The edit form now shows the two written rows and two empty ones.
    let page = edit_page(&app, f.project, plan).await;
    assert_eq!(
        page.input_value("milestone_name_2").as_deref(),
        Some("Roboten i drift")
    );
    assert!(page.input_value("milestone_name_4").is_some());
    assert!(page.input_value("milestone_name_5").is_none());
    assert_eq!(
        page.attr("select[name=budget_category_2] option[selected]", "value")
            .as_deref(),
        Some("licences")
    );

    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(plan_row(&app, f.project, plan).status, "submitted");

    // A submitted plan is not edited, nor decided by its lead.
    let lock = plan_row(&app, f.project, plan).lock_version;
    let page = app
        .get(&format!("{}/edit", plan_path(f.project, plan)))
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let fields = with(&full_plan(&f.goals), "lock_version", &lock.to_string());
    let fields = with(&fields, "communication", "Ändrat efter inskickning");
    let page = post_fields(
        &app,
        &format!("{}/edit", plan_path(f.project, plan)),
        &fields,
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        plan_content(&app, f.project, plan).communication,
        "Månadsbrev till handläggarna."
    );
    let page = app
        .post(
            &format!("{}/approve", plan_path(f.project, plan)),
            &[("decided_on", &today())],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    // The chair approves.
    app.fresh_client().await;
    app.login_as("lars.dahl").await;
    let page = app.get(&plan_path(f.project, plan)).await;
    assert!(
        page.attr("button[formaction$=\"/return\"]", "formaction")
            .is_some()
    );
    assert!(page.attr("a[href$=\"/edit\"]", "href").is_none());
    let decisions_before = decision_count(&app);
    let page = app
        .post(
            &format!("{}/approve", plan_path(f.project, plan)),
            &[("decided_on", &today()), ("text", "Planen godkänns.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}?done=approved", plan_path(f.project, plan)).as_str())
    );
    assert_eq!(decision_count(&app), decisions_before + 1);
    let row = plan_row(&app, f.project, plan);
    assert_eq!(row.status, "approved");
    let decision = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, f.project)
            .expect("the decisions load")
            .into_iter()
            .map(|(d, _)| d)
            .find(|d| Some(d.id) == row.decision_id)
            .expect("the plan's decision")
    });
    assert_eq!(decision.kind, "plan_approved");
    assert_eq!(decision.body, "steering_group");
    assert_eq!(decision.project_id, Some(f.project));
    assert_eq!(decision.text, "Planen godkänns.");
    assert_eq!(decision.number, 1);
    assert_eq!(decision.recorded_by, app.user_id("lars.dahl"));

    let page = app
        .get(&format!("{}?done=approved", plan_path(f.project, plan)))
        .await;
    let facts = facts(&page);
    assert!(facts.contains(&"Status: Godkänd".to_owned()), "{facts:?}");
    let decided = facts
        .iter()
        .find(|f| f.starts_with("Beslut: "))
        .expect("the decision");
    assert!(
        decided.starts_with("Beslut: Projektplan godkänd: Styrgruppen, beslut 1/"),
        "{decided}"
    );
    assert!(decided.ends_with("Planen godkänns."), "{decided}");
    // Approved: nothing more to decide, and the decision stands.
    assert!(
        page.attr("button[formaction$=\"/return\"]", "formaction")
            .is_none()
    );
    let page = app
        .post(
            &format!("{}/return", plan_path(f.project, plan)),
            &[("decided_on", &today()), ("reason", "Ångrat")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(plan_row(&app, f.project, plan).status, "approved");

    // Every step left its entry in the audit trail, with the content before and after.
    let entries = plan_audit(&app, f.project, plan);
    let actions: Vec<&str> = entries.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(actions, ["create", "update", "update", "decide"]);
    let (_, before, after) = &entries[1];
    assert!(
        !before
            .as_deref()
            .expect("a before")
            .contains("Roboten betalar ut")
    );
    assert!(
        after
            .as_deref()
            .expect("an after")
            .contains("Roboten betalar ut")
    );
    assert!(
        entries[2]
            .2
            .as_deref()
            .expect("an after")
            .contains("\"status\":\"submitted\"")
    );
    assert!(
        entries[3]
            .2
            .as_deref()
            .expect("an after")
            .contains("\"status\":\"approved\"")
    );
    let decision_entries = app.with_db(|conn| {
        styr::db::audit::entries(conn, Some(f.project), 100)
            .expect("the audit trail loads")
            .into_iter()
            .filter(|e| e.entity == "decision" && e.entity_id == decision.id)
            .count()
    });
    assert_eq!(decision_entries, 1);

    // The database itself refuses to change an approved plan or its rows.
    app.with_db(|conn| {
        let update = diesel::update(plans::table.find(plan))
            .set(plans::communication.eq("Ändrad i smyg"))
            .execute(conn);
        assert!(update.is_err(), "an approved plan was updated");
        let insert = diesel::insert_into(plan_milestones::table)
            .values((
                plan_milestones::plan_id.eq(plan),
                plan_milestones::position.eq(3),
                plan_milestones::name.eq("Smugglad"),
                plan_milestones::planned_on
                    .eq(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date")),
            ))
            .execute(conn);
        assert!(insert.is_err(), "a row was added to an approved plan");
        let delete =
            diesel::delete(plan_milestones::table.filter(plan_milestones::plan_id.eq(plan)))
                .execute(conn);
        assert!(delete.is_err(), "rows of an approved plan were deleted");
        let delete = diesel::delete(plans::table.find(plan)).execute(conn);
        assert!(delete.is_err(), "an approved plan was deleted");
    });
    assert_eq!(
        plan_content(&app, f.project, plan).communication,
        "Månadsbrev till handläggarna."
    );

    // In English the same page reads in English, amounts too.
    app.post("/language", &[("lang", "en"), ("next", "/projects")])
        .await;
    let page = app.get(&plan_path(f.project, plan)).await;
    assert_eq!(page.h1(), "Project plan version 1 for DIG-2027-901");
    assert_eq!(
        page.texts("#plan-budget tfoot td")
            .last()
            .map(String::as_str),
        Some("SEK 600,000")
    );
    assert!(page.texts("h3").contains(&"Risk matrix".to_owned()));
}

#[tokio::test]
async fn a_plan_with_an_unanswered_goal_or_no_milestone_is_not_submitted() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-902", Some(1_000_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    // Only the first goal is answered, and there is no milestone.
    let fields: Vec<(String, String)> = full_plan(&f.goals[..1])
        .into_iter()
        .filter(|(k, _)| !k.starts_with("milestone_"))
        .collect();
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let audit_before = audit_count(&app, f.project);
    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unanswered = format!("answer_{}", f.goals[1]);
    assert_eq!(
        page.field_error(&unanswered).as_deref(),
        Some("Besvara målet innan planen skickas in.")
    );
    assert_eq!(page.field_error(&format!("answer_{}", f.goals[0])), None);
    assert_eq!(
        page.field_error("milestone_name_1").as_deref(),
        Some("Planen behöver minst en milstolpe innan den skickas in.")
    );
    // The summary names the goal and links to its answer.
    let summary = page.texts(".error-summary li a");
    assert!(
        summary.contains(&format!("{GOAL_2}: Besvara målet innan planen skickas in.")),
        "{summary:?}"
    );
    assert_eq!(
        page.attr(".error-summary li a", "href").as_deref(),
        Some(format!("#{unanswered}").as_str())
    );
    assert!(page.body.contains("Planen kan inte skickas in ännu"));
    // The stored answers are in the form, ready to complete.
    assert_eq!(
        page.text(&format!("textarea[name=answer_{}]", f.goals[0]))
            .as_deref(),
        Some("Roboten betalar ut samma dag som beslutet.")
    );
    assert_eq!(plan_row(&app, f.project, plan).status, "draft");
    assert_eq!(audit_count(&app, f.project), audit_before);

    // On the page the unanswered goal says so in words.
    let page = app.get(&plan_path(f.project, plan)).await;
    assert_eq!(
        rows(&page, "#plan-goals tbody tr")[1],
        cells(&[GOAL_2, "Inte besvarat"])
    );
}

#[tokio::test]
async fn a_budget_above_the_frame_needs_a_reason() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-903", Some(500_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    let page = save(&app, f.project, plan, &full_plan(&f.goals)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    let page = app.get(&plan_path(f.project, plan)).await;
    let frame = page.text("#plan-budget-frame").expect("the frame");
    assert!(frame.contains("över ramen med 100 000 kr"), "{frame}");
    assert!(frame.contains("Inget skäl angivet."), "{frame}");

    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("over_frame_reason").as_deref(),
        Some("Budgeten går över direktivets ram: skriv skälet innan planen skickas in.")
    );
    assert!(
        page.text("#over_frame_reason-hint")
            .expect("the frame is named")
            .contains("500 000 kr")
    );
    assert_eq!(plan_row(&app, f.project, plan).status, "draft");

    let fields = with(
        &full_plan(&f.goals),
        "over_frame_reason",
        "Licenspriset steg efter direktivet.",
    );
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(plan_row(&app, f.project, plan).status, "submitted");
    let page = app.get(&plan_path(f.project, plan)).await;
    assert!(
        page.text("#plan-budget-frame")
            .expect("the frame")
            .contains("Licenspriset steg efter direktivet.")
    );
}

#[tokio::test]
async fn amounts_beyond_ten_billion_are_refused_so_a_total_cannot_wrap() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-913", Some(500_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    let huge = "9223372036854775807";
    let fields = with(
        &with(&full_plan(&f.goals), "budget_amount_1", huge),
        "budget_amount_2",
        huge,
    );
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["budget_amount_1", "budget_amount_2"] {
        assert_eq!(
            page.field_error(field).as_deref(),
            Some("Beloppet är för stort: högst 10 000 000 000 kr."),
            "{field}"
        );
        assert_eq!(page.input_value(field).as_deref(), Some(huge));
    }
    // Nothing was saved: the draft has no budget rows yet.
    let page = app.get(&plan_path(f.project, plan)).await;
    assert!(!page.body.contains("9223372036854775807"));

    // Ten billion is the most a row takes; two of them add up without wrapping, and the total
    // is above the frame, so the plan needs a reason.
    let max = "10 000 000 000";
    let fields = with(
        &with(&full_plan(&f.goals), "budget_amount_1", max),
        "budget_amount_2",
        max,
    );
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("over_frame_reason").is_some());
    assert_eq!(plan_row(&app, f.project, plan).status, "draft");
}

#[tokio::test]
async fn bad_rows_are_refused_beside_the_cell_and_nothing_is_saved() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-904", Some(1_000_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    let page = save(&app, f.project, plan, &full_plan(&f.goals)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let before = plan_row(&app, f.project, plan);
    let content_before = plan_content(&app, f.project, plan);
    let audit_before = audit_count(&app, f.project);

    let answer = format!("answer_{}", f.goals[0]);
    let mut fields = full_plan(&f.goals);
    for (field, value) in [
        ("risk_probability_1", "6"),
        ("risk_consequence_2", "0"),
        ("milestone_planned_1", "juni"),
        ("milestone_actual_2", "2027-02-30"),
        ("budget_amount_1", "-5"),
        ("budget_year_2", "28"),
        ("budget_category_2", "kaffe"),
        ("benefit_measured_1", "snart"),
        ("benefit_target_1", ""),
        (answer.as_str(), "Ändrat svar som inte sparas"),
    ] {
        fields = with(&fields, field, value);
    }
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, message) in [
        ("risk_probability_1", "Välj ett värde från 1 till 5."),
        ("risk_consequence_2", "Välj ett värde från 1 till 5."),
        (
            "milestone_planned_1",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            "milestone_actual_2",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        ("budget_amount_1", "Beloppet kan inte vara negativt."),
        (
            "budget_year_2",
            "Skriv året med fyra siffror, till exempel 2027.",
        ),
        ("budget_category_2", "Välj ett av alternativen i listan."),
        (
            "benefit_measured_1",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        ("benefit_target_1", "Fyll i fältet."),
    ] {
        assert_eq!(page.field_error(field).as_deref(), Some(message), "{field}");
        // The message is in the cell of the field, and the field points to it.
        assert_eq!(
            page.attr(&format!("#{field}"), "aria-describedby")
                .map(|d| d.contains(&format!("{field}-error"))),
            Some(true),
            "{field}"
        );
        assert_eq!(
            page.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
    }
    assert_eq!(page.field_error("milestone_name_1"), None);
    let summary = page.texts(".error-summary li a");
    assert!(
        summary.contains(&"Risk 1: Sannolikhet (1–5): Välj ett värde från 1 till 5.".to_owned()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"Budgetrad 1: Belopp (kr): Beloppet kan inte vara negativt.".to_owned()),
        "{summary:?}"
    );
    // What was typed is kept, also values no drop-down offers.
    assert_eq!(
        page.input_value("milestone_planned_1").as_deref(),
        Some("juni")
    );
    assert_eq!(page.input_value("budget_amount_1").as_deref(), Some("-5"));
    assert_eq!(page.input_value("budget_year_2").as_deref(), Some("28"));
    assert_eq!(
        page.attr("select[name=risk_probability_1] option[selected]", "value")
            .as_deref(),
        Some("6")
    );
    assert_eq!(
        page.attr("select[name=budget_category_2] option[selected]", "value")
            .as_deref(),
        Some("kaffe")
    );
    assert_eq!(
        page.text(&format!("textarea[name={answer}]")).as_deref(),
        Some("Ändrat svar som inte sparas")
    );
    assert_eq!(
        page.input_value("lock_version"),
        Some(before.lock_version.to_string())
    );

    // Nothing was saved.
    let after = plan_row(&app, f.project, plan);
    assert_eq!(after.lock_version, before.lock_version);
    assert_eq!(plan_content(&app, f.project, plan), content_before);
    assert_eq!(audit_count(&app, f.project), audit_before);
}

#[tokio::test]
async fn tolerances_start_at_the_defaults_and_are_saved_and_shown() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-911", Some(1_000_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;

    // A new plan offers the defaults, labelled, in a part of their own.
    let page = edit_page(&app, f.project, plan).await;
    assert_eq!(
        page.input_value("time_tolerance_days").as_deref(),
        Some("30")
    );
    assert_eq!(
        page.input_value("cost_tolerance_percent").as_deref(),
        Some("10")
    );
    assert_eq!(
        page.text("label[for=time_tolerance_days]").as_deref(),
        Some("Tidstolerans (dagar)")
    );
    assert!(page.texts("h2").contains(&"Toleranser".to_owned()));

    let fields = with(&full_plan(&f.goals), "time_tolerance_days", " 60 ");
    let fields = with(&fields, "cost_tolerance_percent", "20");
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let row = plan_row(&app, f.project, plan);
    assert_eq!(
        (row.time_tolerance_days, row.cost_tolerance_percent),
        (60, 20)
    );
    assert_eq!(
        styr::db::plans::tolerances(&row),
        styr::domain::status_report::Tolerances {
            time_days: 60,
            cost_percent: 20
        }
    );

    let page = app.get(&plan_path(f.project, plan)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("#plan-tolerances dt"),
        ["Tidstolerans (dagar)", "Kostnadstolerans (procent)"]
    );
    assert_eq!(page.texts("#plan-tolerances dd"), ["60 dagar", "20 %"]);
    let page = edit_page(&app, f.project, plan).await;
    assert_eq!(
        page.input_value("time_tolerance_days").as_deref(),
        Some("60")
    );

    // The audit trail keeps them, in the row and as compared text.
    let (_, _, after) = plan_audit(&app, f.project, plan)
        .pop()
        .expect("an audit entry");
    let after = after.expect("the plan as saved");
    assert!(after.contains("\"time_tolerance_days\":60"), "{after}");
    assert!(after.contains("\"plan-cost-tolerance\":\"20\""), "{after}");
}

#[tokio::test]
async fn bad_tolerances_are_refused_beside_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-912", Some(1_000_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    let page = save(&app, f.project, plan, &full_plan(&f.goals)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let before = plan_row(&app, f.project, plan);
    let audit_before = audit_count(&app, f.project);

    for (days, percent, field, message) in [
        (
            "-1",
            "15",
            "time_tolerance_days",
            "Ange ett antal dagar från 0 till 365.",
        ),
        (
            "366",
            "15",
            "time_tolerance_days",
            "Ange ett antal dagar från 0 till 365.",
        ),
        (
            "en månad",
            "15",
            "time_tolerance_days",
            "Ange ett heltal, utan decimaler eller bokstäver.",
        ),
        ("", "15", "time_tolerance_days", "Fyll i fältet."),
        (
            "45",
            "101",
            "cost_tolerance_percent",
            "Ange en procentsats från 0 till 100.",
        ),
        (
            "45",
            "7,5",
            "cost_tolerance_percent",
            "Ange ett heltal, utan decimaler eller bokstäver.",
        ),
    ] {
        let fields = with(&full_plan(&f.goals), "time_tolerance_days", days);
        let fields = with(&fields, "cost_tolerance_percent", percent);
        let page = save(&app, f.project, plan, &fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{days} {percent}"
        );
        assert_eq!(page.field_error(field).as_deref(), Some(message), "{field}");
        assert_eq!(
            page.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
        // What was typed is kept.
        assert_eq!(
            page.input_value("time_tolerance_days").as_deref(),
            Some(days)
        );
        assert_eq!(
            page.input_value("cost_tolerance_percent").as_deref(),
            Some(percent)
        );
        let summary = page.texts(".error-summary li a");
        assert_eq!(summary.len(), 1, "{summary:?}");
    }

    // Nothing was saved.
    let after = plan_row(&app, f.project, plan);
    assert_eq!(after.lock_version, before.lock_version);
    assert_eq!(
        (after.time_tolerance_days, after.cost_tolerance_percent),
        (45, 15)
    );
    assert_eq!(audit_count(&app, f.project), audit_before);
}

#[tokio::test]
async fn a_returned_plan_is_edited_and_submitted_again() {
    let mut app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-905", Some(1_000_000));
    let plan = submitted_plan(&app, &f).await;
    app.fresh_client().await;
    app.login_as("lars.dahl").await;
    let decisions_before = decision_count(&app);
    let return_path = format!("{}/return", plan_path(f.project, plan));

    // A return needs a reason and a date that has come.
    let page = app
        .post(&return_path, &[("decided_on", &today()), ("reason", " ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("reason").as_deref(),
        Some("Skriv varför versionen återsänds.")
    );
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    let page = app
        .post(
            &return_path,
            &[
                ("decided_on", &tomorrow),
                ("reason", "Riskerna saknar ägare."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("decided_on").as_deref(),
        Some("Ett beslut kan inte dateras i framtiden.")
    );
    // The decision's form keeps what was typed.
    assert_eq!(page.input_value("decided_on"), Some(tomorrow.clone()));
    assert_eq!(
        page.text("textarea[name=reason]").as_deref(),
        Some("Riskerna saknar ägare.")
    );
    let page = app
        .post(
            &return_path,
            &[("decided_on", "2026-13-01"), ("reason", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("decided_on").as_deref(),
        Some("Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.")
    );
    assert_eq!(decision_count(&app), decisions_before);
    assert_eq!(plan_row(&app, f.project, plan).status, "submitted");

    let page = app
        .post(
            &return_path,
            &[
                ("decided_on", &today()),
                ("reason", "Riskerna saknar ägare."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let row = plan_row(&app, f.project, plan);
    assert_eq!(row.status, "returned");
    assert_eq!(row.return_reason.as_deref(), Some("Riskerna saknar ägare."));
    let returned = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, f.project)
            .expect("the decisions load")
            .into_iter()
            .map(|(d, _)| d)
            .find(|d| Some(d.id) == row.decision_id)
            .expect("the return decision")
    });
    assert_eq!(returned.kind, "plan_returned");
    assert_eq!(returned.body, "steering_group");
    assert_eq!(returned.text, "Riskerna saknar ägare.");
    let page = app.get(&plan_path(f.project, plan)).await;
    let facts = facts(&page);
    assert!(facts.contains(&"Status: Återsänd".to_owned()), "{facts:?}");
    assert!(
        facts.contains(&"Skäl till återsändning: Riskerna saknar ägare.".to_owned()),
        "{facts:?}"
    );

    // The lead edits the returned plan, which becomes a draft again, and submits it anew.
    app.fresh_client().await;
    app.login_as("projektledare2").await;
    let fields = with(&full_plan(&f.goals), "risk_owner_2", "Juristen");
    let page = save(&app, f.project, plan, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(plan_row(&app, f.project, plan).status, "draft");
    let page = app
        .post(&format!("{}/submit", plan_path(f.project, plan)), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(plan_row(&app, f.project, plan).status, "submitted");

    // The development manager may decide for the steering group too.
    app.fresh_client().await;
    app.login_as("utvecklingschef").await;
    let page = app
        .post(
            &format!("{}/approve", plan_path(f.project, plan)),
            &[("decided_on", &today())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(plan_row(&app, f.project, plan).status, "approved");
    let numbers: Vec<(String, i32)> = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, f.project)
            .expect("the decisions load")
            .into_iter()
            .map(|(d, _)| (d.kind, d.number))
            .collect()
    });
    assert_eq!(
        numbers,
        [
            ("plan_returned".to_owned(), 1),
            ("plan_approved".to_owned(), 2)
        ]
    );
    let actions: Vec<String> = plan_audit(&app, f.project, plan)
        .into_iter()
        .map(|(a, _, _)| a)
        .collect();
    assert_eq!(
        actions,
        [
            "create", "update", "update", "decide", "update", "update", "decide"
        ]
    );
}

#[tokio::test]
async fn revising_makes_a_new_version_for_the_newest_directive_and_versions_compare() {
    let mut app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-906", Some(1_000_000));
    let v1 = approved_plan(&mut app, &f).await;
    // The directive is revised: one goal kept word for word, one new.
    let new_goal = "Brukarna får besked digitalt";
    let (directive_2, goals_2) =
        approved_directive(&app, f.project, &[GOAL_1, new_goal], Some(1_200_000));

    app.fresh_client().await;
    app.login_as("projektledare2").await;
    let page = app.get(&plan_path(f.project, v1)).await;
    assert!(
        page.body
            .contains("Projektdirektiv version 2 är godkänt och nyare än det planen svarar på.")
    );
    let page = app
        .post(&format!("{}/revise", plan_path(f.project, v1)), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.expect("a redirect");
    let v2: i64 = location
        .strip_prefix(&format!("/projects/{}/plan/", f.project))
        .and_then(|rest| rest.strip_suffix("/edit"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("the new version's edit page: {location}"));
    let row = plan_row(&app, f.project, v2);
    assert_eq!(
        (row.version, row.status.as_str(), row.directive_id),
        (2, "draft", directive_2)
    );
    let old = plan_content(&app, f.project, v1);
    let new = plan_content(&app, f.project, v2);
    assert_eq!(new.milestones, old.milestones);
    assert_eq!(new.budget, old.budget);
    assert_eq!(new.risks, old.risks);
    assert_eq!(new.benefits, old.benefits);
    assert_eq!(new.communication, old.communication);
    // The new draft starts with the approved version's tolerances.
    assert_eq!(new.tolerances, old.tolerances);
    assert_eq!(new.tolerances.time_days, 45);
    assert_eq!(
        (row.time_tolerance_days, row.cost_tolerance_percent),
        (45, 15)
    );
    assert_eq!(
        new.goal_answers.get(&goals_2[0]).map(String::as_str),
        Some("Roboten betalar ut samma dag som beslutet.")
    );
    assert_eq!(new.goal_answers.get(&goals_2[1]), None);
    assert_eq!(new.goal_answers.len(), 1);

    let page = edit_page(&app, f.project, v2).await;
    assert_eq!(
        page.text(&format!("label[for=answer_{}]", goals_2[1]))
            .as_deref(),
        Some(new_goal)
    );
    assert_eq!(
        page.text(&format!("textarea[name=answer_{}]", goals_2[0]))
            .as_deref(),
        Some("Roboten betalar ut samma dag som beslutet.")
    );

    // The old version cannot be revised again while the new one is open, and it stays as it was.
    let count = plan_count(&app);
    let page = app
        .post(&format!("{}/revise", plan_path(f.project, v1)), &[])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("Det finns redan en nyare version."));
    assert_eq!(plan_count(&app), count);
    // Nor is a second plan created beside it.
    let page = app
        .post(&format!("/projects/{}/plan", f.project), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Projektet har redan en projektplan."));
    assert_eq!(plan_count(&app), count);

    let mut fields = full_plan(&goals_2);
    fields = with(&fields, "communication", "Veckobrev och intranät.");
    let page = save(&app, f.project, v2, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The pinned page shows the newest version and links to both.
    let page = app.get(&format!("/projects/{}/plan", f.project)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Projektplan för DIG-2027-906");
    let facts = facts(&page);
    assert_eq!(facts[..2], ["Version: 2", "Status: Utkast"], "{facts:?}");
    for id in [v1, v2] {
        assert!(
            page.attr(&format!("a[href=\"{}\"]", plan_path(f.project, id)), "href")
                .is_some()
        );
    }
    let compare = format!("/projects/{}/plan/compare?from={v1}&to={v2}", f.project);
    assert!(
        page.attr(&format!("a[href=\"{compare}\"]"), "href")
            .is_some()
    );

    let page = app.get(&compare).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let compared = rows(&page, "table.compare-table tbody tr");
    let row = |label: &str| {
        compared
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("a row for {label} in {compared:?}"))
            .clone()
    };
    assert_eq!(
        row("Kommunikation"),
        cells(&[
            "Kommunikation",
            "Månadsbrev till handläggarna.",
            "Veckobrev och intranät.",
            "Ändrat"
        ])
    );
    assert_eq!(row("Svar på direktivets mål")[3], "Ändrat");
    assert_eq!(row("Milstolpar")[3], "Oförändrat");
    assert_eq!(row("Risker")[3], "Oförändrat");
    assert_eq!(page.texts("table.compare-table tbody tr.changed").len(), 2);
    assert_eq!(
        page.text("p[role=status]").as_deref(),
        Some("2 fält skiljer sig.")
    );

    let page = app
        .get(&format!(
            "/projects/{}/plan/compare?from={v1}&to=99999",
            f.project
        ))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = app
        .get(&format!("/projects/{}/plan/compare?from={v1}", f.project))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // Without a choice, the two newest versions are compared.
    let page = app
        .get(&format!("/projects/{}/plan/compare", f.project))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("p[role=status]").as_deref(),
        Some("2 fält skiljer sig.")
    );
}

#[tokio::test]
async fn a_stale_form_is_refused_and_shows_both_texts() {
    let app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-907", Some(1_000_000));
    app.login_as("projektledare2").await;
    let plan = create_plan(&app, f.project).await;
    let edit_path = format!("{}/edit", plan_path(f.project, plan));

    // Two forms opened at the same version.
    let first = edit_page(&app, f.project, plan).await;
    let lock = first.input_value("lock_version").expect("a lock version");
    let mine = with(&full_plan(&f.goals), "lock_version", &lock);
    let theirs = with(&mine, "communication", "Deras kommunikationsplan.");
    let theirs = with(&theirs, "milestone_name_1", "Deras milstolpe");
    let page = post_fields(&app, &edit_path, &theirs).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let saved = plan_row(&app, f.project, plan);

    let page = post_fields(&app, &edit_path, &mine).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("Någon annan har sparat under tiden"));
    // The user's text is kept; what was saved meanwhile is shown beside it.
    assert_eq!(
        page.text("textarea[name=communication]").as_deref(),
        Some("Månadsbrev till handläggarna.")
    );
    assert_eq!(
        page.text("#communication-saved pre").as_deref(),
        Some("Deras kommunikationsplan.")
    );
    assert!(
        page.text("#milestones-saved pre")
            .expect("the saved milestones")
            .contains("Deras milstolpe")
    );
    assert!(page.text("#handover_owner-saved").is_none());
    assert_eq!(
        page.input_value("lock_version"),
        Some(saved.lock_version.to_string())
    );
    let row = plan_row(&app, f.project, plan);
    assert_eq!(row.lock_version, saved.lock_version);
    assert_eq!(row.communication, "Deras kommunikationsplan.");

    // Sent again from the conflict page, the user's text is saved.
    let again = with(&mine, "lock_version", &saved.lock_version.to_string());
    let page = post_fields(&app, &edit_path, &again).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        plan_row(&app, f.project, plan).communication,
        "Månadsbrev till handläggarna."
    );
}

#[tokio::test]
async fn there_is_no_plan_without_an_approved_project_directive() {
    let mut app = spawn_app().await;
    let project = planning_project(&app, "DIG-2027-908");
    app.login_as("projektledare2").await;
    let path = format!("/projects/{project}/plan");
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Projektet har inget godkänt projektdirektiv ännu.")
    );
    assert!(page.text(&format!("form[action=\"{path}\"]")).is_none());

    let page = app.post(&path, &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.text(".error-summary p").as_deref(),
        Some(
            "Projektet har inget godkänt projektdirektiv. En projektplan svarar alltid på ett godkänt projektdirektiv, så direktivet behöver godkännas först."
        )
    );
    let plans_of_project: i64 = app.with_db(|conn| {
        plans::table
            .filter(plans::project_id.eq(project))
            .count()
            .get_result(conn)
            .expect("the plans count")
    });
    assert_eq!(plans_of_project, 0);

    // A reader sees the plan page but is offered nothing to do, directive or not.
    approved_directive(&app, project, &[GOAL_1], None);
    app.fresh_client().await;
    app.login_as("lasare").await;
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(&format!("form[action=\"{path}\"]")).is_none());
}

#[tokio::test]
async fn unknown_ids_and_plans_of_other_projects_are_not_found() {
    let mut app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-910", Some(1_000_000));
    let other = fixture(&app, "DIG-2027-911", Some(1_000_000));
    let plan = submitted_plan(&app, &f).await;
    let other_plan = create_plan(&app, other.project).await;
    app.fresh_client().await;
    app.login_as("utvecklingschef").await;
    let p = f.project;
    let gets = [
        "/projects/99999/plan".to_owned(),
        "/projects/abc/plan".to_owned(),
        format!("/projects/{p}/plan/99999"),
        format!("/projects/{p}/plan/abc"),
        format!("/projects/{p}/plan/{other_plan}"),
        format!("/projects/{p}/plan/{other_plan}/edit"),
        format!("/projects/99999/plan/{plan}"),
        format!("/projects/{p}/plan/compare?from={plan}&to={other_plan}"),
        format!("/projects/{p}/plan/compare?from=x&to={plan}"),
    ];
    for path in &gets {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        assert_eq!(page.h1(), "Sidan finns inte", "GET {path}");
    }
    let plans_before = plan_count(&app);
    let decisions_before = decision_count(&app);
    let posts = [
        "/projects/99999/plan".to_owned(),
        format!("/projects/{p}/plan/{other_plan}/edit"),
        format!("/projects/{p}/plan/{other_plan}/submit"),
        format!("/projects/{p}/plan/{other_plan}/approve"),
        format!("/projects/{p}/plan/{other_plan}/return"),
        format!("/projects/{p}/plan/{other_plan}/revise"),
        format!("/projects/{p}/plan/99999/approve"),
        format!("/projects/99999/plan/{plan}/approve"),
    ];
    for path in &posts {
        let page = app
            .post(
                path,
                &[
                    ("decided_on", &today()),
                    ("reason", "Fel"),
                    ("lock_version", "0"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(plan_count(&app), plans_before);
    assert_eq!(decision_count(&app), decisions_before);
    assert_eq!(plan_row(&app, p, plan).status, "submitted");
    assert_eq!(plan_row(&app, other.project, other_plan).status, "draft");
}

#[tokio::test]
async fn forged_posts_are_refused_and_nothing_changes() {
    let mut app = spawn_app().await;
    let f = fixture(&app, "DIG-2027-912", Some(1_000_000));
    let empty = fixture(&app, "DIG-2027-913", Some(1_000_000));
    let plan = submitted_plan(&app, &f).await;
    app.fresh_client().await;
    app.login_as("utvecklingschef").await;
    let before = plan_row(&app, f.project, plan);
    let plans_before = plan_count(&app);
    let decisions_before = decision_count(&app);
    let audit_before = audit_count(&app, f.project);
    let lock = before.lock_version.to_string();
    let today = today();
    let base = plan_path(f.project, plan);
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/projects/{}/plan", empty.project), vec![]),
        (
            format!("{base}/edit"),
            vec![
                ("lock_version", lock.as_str()),
                ("communication", "Förfalskad"),
            ],
        ),
        (format!("{base}/submit"), vec![]),
        (
            format!("{base}/approve"),
            vec![("decided_on", today.as_str()), ("text", "Förfalskat")],
        ),
        (
            format!("{base}/return"),
            vec![("decided_on", today.as_str()), ("reason", "Förfalskat")],
        ),
        (format!("{base}/revise"), vec![]),
    ];
    for token in [None, Some("wrong"), Some("")] {
        for (path, fields) in &posts {
            let page = app.post_with_token(path, fields, token).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {token:?}");
            assert_eq!(page.h1(), "Åtkomst nekad");
        }
    }
    let after = plan_row(&app, f.project, plan);
    assert_eq!(after.status, before.status);
    assert_eq!(after.lock_version, before.lock_version);
    assert_eq!(plan_count(&app), plans_before);
    assert_eq!(decision_count(&app), decisions_before);
    assert_eq!(audit_count(&app, f.project), audit_before);

    // With the session's token the approval goes through: the token was the only problem.
    let page = app
        .post(
            &format!("{base}/approve"),
            &[("decided_on", &today), ("text", "Godkänd")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(&format!("/projects/{}/plan", empty.project), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

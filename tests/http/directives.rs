//! Project and pre-study directives over HTTP: drafting, editing, submitting, approving and
//! returning, revising and comparing versions; who may do which; what bad input, stale forms,
//! unknown ids and forged posts leave; and the audit trail every change writes.

use chrono::Datelike;
use diesel::prelude::*;
use reqwest::StatusCode;
use scraper::Selector;
use styr::db::decisions::DecisionRow;
use styr::db::directives::{self, Directive, DirectiveRow};
use styr::db::schema::{decisions, directive_goals, directives as directives_table, projects};
use styr::domain::directive::DirectiveKind;
use styr::domain::phase::Phase;
use styr::domain::project::ProjectInput;

use crate::helpers::*;

pub(crate) fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
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

/// `fields` without `field`.
fn without(fields: &[(String, String)], field: &str) -> Vec<(String, String)> {
    fields.iter().filter(|(k, _)| k != field).cloned().collect()
}

async fn post_fields(app: &TestApp, path: &str, fields: &[(String, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await
}

/// Makes `username` the commissioner of the project `code` and returns the project's id.
fn commission(app: &TestApp, code: &str, username: &str) -> i64 {
    let id = app.project_id(code);
    let user = app.user_id(username);
    app.with_db(|conn| {
        diesel::update(projects::table.find(id))
            .set(projects::commissioner_id.eq(user))
            .execute(conn)
            .expect("the commissioner is set")
    });
    id
}

/// A new idea project, commissioned by karin.holm, without any directive: a test's own.
pub(crate) fn fresh_project(app: &TestApp, code: &str) -> i64 {
    let commissioner = app.user_id("karin.holm");
    app.with_db(|conn| {
        let unit_id = styr::db::units::units(conn)
            .expect("the units load")
            .into_iter()
            .find(|u| u.name == "Barn- och familjeenheten")
            .map(|u| u.id)
            .expect("the unit exists");
        let input = ProjectInput {
            code: code.to_owned(),
            name: "Säker digital kommunikation, etapp 2".to_owned(),
            description: String::new(),
            unit_id,
            project_lead_id: None,
            commissioner_id: Some(commissioner),
            planned_start: None,
            planned_end: None,
            budget_sek: None,
        };
        styr::db::projects::insert(conn, &input, Phase::Idea).expect("the project is registered")
    })
}

/// Every field of a directive that may be submitted.
fn complete(budget: &str) -> Vec<(String, String)> {
    owned(&[
        (
            "background",
            "Vårdnadshavare får i dag brev om beslut och kallelser.",
        ),
        (
            "purpose",
            "Säker och snabb kommunikation med vårdnadshavare.",
        ),
        ("goal_1", "Alla kallelser skickas digitalt"),
        ("goal_2", "Svarstiden halveras"),
        ("goal_3", ""),
        (
            "scope",
            "Meddelanden mellan handläggare och vårdnadshavare.",
        ),
        ("out_of_scope", "Kommunikation med barnen själva."),
        ("deliverables", "En säker meddelandetjänst i drift."),
        ("time_frame_start", "2027-01-01"),
        ("time_frame_end", "2027-12-31"),
        ("budget_frame_sek", budget),
        ("resources", "En projektledare på halvtid."),
        ("dependencies", "E-legitimation."),
        ("personal_data", "on"),
        ("sensitive_personal_data", "on"),
        ("dpia_needed", "on"),
        ("osl_confidentiality", "on"),
        ("legal_notes", "Sekretess enligt 26 kap. OSL."),
    ])
}

pub(crate) fn directive(app: &TestApp, project_id: i64, id: i64) -> Directive {
    app.with_db(|conn| {
        directives::find(conn, project_id, id)
            .expect("the query runs")
            .expect("the directive exists")
    })
}

fn goal_texts(d: &Directive) -> Vec<String> {
    d.goals.iter().map(|g| g.text.clone()).collect()
}

/// A project's decisions, oldest first.
fn project_decisions(app: &TestApp, project_id: i64) -> Vec<DecisionRow> {
    app.with_db(|conn| {
        decisions::table
            .filter(decisions::project_id.eq(project_id))
            .order(decisions::id)
            .select(DecisionRow::as_select())
            .load(conn)
            .expect("the decisions load")
    })
}

/// The number the next decision of `body` this year gets; `except` leaves one decision out, to
/// ask what number it should have had.
fn next_number(app: &TestApp, body: &str, except: Option<i64>) -> i32 {
    let year = chrono::Local::now().date_naive().year();
    app.with_db(|conn| {
        let highest: Option<i32> = decisions::table
            .filter(decisions::numbering_key.eq(body))
            .filter(decisions::year.eq(year))
            .filter(decisions::id.ne(except.unwrap_or(0)))
            .select(diesel::dsl::max(decisions::number))
            .first(conn)
            .expect("the query runs");
        highest.unwrap_or(0) + 1
    })
}

/// The id of the newest audit entry, to read what a test adds after it.
fn last_audit_id(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        styr::db::audit::entries(conn, None, 1)
            .expect("the audit trail loads")
            .first()
            .map(|e| e.id)
            .unwrap_or(0)
    })
}

/// Every directive and goal as stored, to check that nothing changed.
pub(crate) fn stored(app: &TestApp) -> String {
    app.with_db(|conn| {
        let rows: Vec<DirectiveRow> = directives_table::table
            .order(directives_table::id)
            .select(DirectiveRow::as_select())
            .load(conn)
            .expect("the directives load");
        let goals: Vec<(i64, i64, i32, String)> = directive_goals::table
            .order(directive_goals::id)
            .load(conn)
            .expect("the goals load");
        let decisions: i64 = decisions::table.count().get_result(conn).expect("a count");
        format!(
            "{}\n{goals:?}\n{decisions}",
            serde_json::to_string(&rows).expect("rows serialize")
        )
    })
}

/// The id of the version a redirect leads to, checking the notice it asks for.
fn redirected_to(page: &Page, project_id: i64, done: &str) -> i64 {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.clone().expect("a redirect");
    let prefix = format!("/projects/{project_id}/directive/");
    let rest = location
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{location} starts with {prefix}"));
    let (id, query) = rest.split_once('?').expect("a query");
    assert_eq!(query, format!("done={done}"));
    id.parse().expect("a version id")
}

/// Creates version 1 of `kind` with `fields` and returns its id.
pub(crate) async fn create(
    app: &TestApp,
    project_id: i64,
    kind: &str,
    fields: &[(String, String)],
) -> i64 {
    let fields = with(fields, "kind", kind);
    let page = post_fields(app, &format!("/projects/{project_id}/directive"), &fields).await;
    redirected_to(&page, project_id, "created")
}

/// The fields of an edit form as it was served: inputs with their values, textareas, ticked
/// checkboxes.
fn form_fields(page: &Page) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let inputs = Selector::parse("form[action$=\"/edit\"] input").expect("a selector");
    for input in page.html.select(&inputs) {
        let e = input.value();
        let (Some(name), kind) = (e.attr("name"), e.attr("type").unwrap_or("text")) else {
            continue;
        };
        if name == "csrf_token" || (kind == "checkbox" && e.attr("checked").is_none()) {
            continue;
        }
        fields.push((
            name.to_owned(),
            e.attr("value").unwrap_or_default().to_owned(),
        ));
    }
    let areas = Selector::parse("form[action$=\"/edit\"] textarea").expect("a selector");
    for area in page.html.select(&areas) {
        let name = area.value().attr("name").expect("a name");
        fields.push((name.to_owned(), area.text().collect()));
    }
    fields
}

async fn edit_form(app: &TestApp, project_id: i64, id: i64) -> Page {
    let page = app
        .get(&format!("/projects/{project_id}/directive/{id}/edit"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page
}

async fn as_user(app: &mut TestApp, username: &str) {
    app.fresh_client().await;
    app.login_as(username).await;
}

/// A version of `kind` drafted complete and submitted by karin.holm; returns its id.
pub(crate) async fn submitted(app: &mut TestApp, project_id: i64, kind: &str, budget: &str) -> i64 {
    as_user(app, "karin.holm").await;
    let id = create(app, project_id, kind, &complete(budget)).await;
    let page = app
        .post(
            &format!("/projects/{project_id}/directive/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(redirected_to(&page, project_id, "submitted"), id);
    id
}

/// A version approved by the development manager; returns its id.
async fn approved(app: &mut TestApp, project_id: i64, kind: &str) -> i64 {
    let id = submitted(app, project_id, kind, "900 000").await;
    as_user(app, "utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{project_id}/directive/{id}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(redirected_to(&page, project_id, "approved"), id);
    id
}

/// The definition list of a page as (term, value) pairs.
fn definitions(page: &Page) -> Vec<(String, String)> {
    page.texts("dl.definition-list dt")
        .into_iter()
        .zip(page.texts("dl.definition-list dd"))
        .collect()
}

fn definition(page: &Page, term: &str) -> String {
    definitions(page)
        .into_iter()
        .find(|(t, _)| t == term)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{term} in {:?}", definitions(page)))
}

#[tokio::test]
async fn the_commissioner_drafts_and_submits_and_the_development_manager_approves() {
    let mut app = spawn_app().await;
    let pid = commission(&app, "DIG-2026-007", "karin.holm");
    let audit_before = last_audit_id(&app);
    // The demo's idea may already have a draft project directive; it has no pre-study directive.
    let demo_draft = app.with_db(|conn| {
        directives::newest(conn, pid, DirectiveKind::Project).expect("the query runs")
    });
    if let Some(row) = &demo_draft {
        assert_eq!(row.status, "draft", "the demo's directive of an idea");
    }
    assert!(
        app.with_db(|conn| directives::newest(conn, pid, DirectiveKind::PreStudy))
            .expect("the query runs")
            .is_none()
    );
    as_user(&mut app, "karin.holm").await;

    // The commissioner is offered to start what the project lacks.
    let page = app.get(&format!("/projects/{pid}/directive")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Direktiv för DIG-2026-007");
    match &demo_draft {
        None => {
            assert_eq!(
                page.text("p.muted").as_deref(),
                Some("Projektet har inget direktiv ännu.")
            );
            assert_eq!(
                page.texts("p.actions a.button"),
                ["Nytt projektdirektiv", "Nytt förstudiedirektiv"]
            );
        }
        Some(_) => {
            assert!(
                page.texts("main p")
                    .iter()
                    .any(|p| p == "Gällande version: Projektdirektiv, version 1 (Utkast).")
            );
            assert_eq!(page.texts("p.actions a.button"), ["Nytt förstudiedirektiv"]);
        }
    }
    assert_eq!(
        page.attr("p.actions a.button:last-child", "href"),
        Some(format!("/projects/{pid}/directive/new?kind=pre_study"))
    );

    let page = app
        .get(&format!("/projects/{pid}/directive/new?kind=pre_study"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Nytt direktiv för DIG-2026-007");
    assert_eq!(
        page.text("fieldset#kind legend").as_deref(),
        Some("Typ av direktiv")
    );
    assert!(page.attr("#kind_pre_study[checked]", "value").is_some());
    assert!(page.attr("#kind_project[checked]", "value").is_none());
    assert_eq!(page.texts("fieldset#goals input").len(), 3);
    assert_eq!(page.text("label[for=goal_1]").as_deref(), Some("Mål 1"));
    assert!(page.text(".error-summary").is_none());

    // A draft may be incomplete.
    let id = create(
        &app,
        pid,
        "pre_study",
        &owned(&[
            ("background", "Brev tar lång tid."),
            ("goal_1", "Alla kallelser skickas digitalt"),
        ]),
    )
    .await;
    let page = app
        .get(&format!("/projects/{pid}/directive/{id}?done=created"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Förstudiedirektiv, version 1");
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Direktivet är skapat som utkast.")
    );
    assert_eq!(definition(&page, "Status"), "Utkast");
    assert_eq!(
        definition(&page, "Upprättad av").split(',').next(),
        Some("Karin Holm")
    );
    assert_eq!(
        definition(&page, "Beslutas av"),
        "Utvecklingschefen (om versionen skickas in som den är nu)"
    );
    assert_eq!(
        page.attr("a.button[href$=\"/edit\"]", "href"),
        Some(format!("/projects/{pid}/directive/{id}/edit"))
    );
    assert!(page.attr("form[action$=\"/approve\"]", "action").is_none());

    // Editing: the written goal and three empty rows, the lock version hidden.
    let page = edit_form(&app, pid, id).await;
    assert_eq!(page.h1(), "Ändra Förstudiedirektiv, version 1");
    assert_eq!(
        page.input_value("goal_1").as_deref(),
        Some("Alla kallelser skickas digitalt")
    );
    assert_eq!(page.texts("fieldset#goals input").len(), 4);
    assert_eq!(page.input_value("lock_version").as_deref(), Some("0"));
    assert_eq!(
        page.texts("fieldset legend"),
        ["Mål", "Beslutsnivå", "Sekretess och juridik"]
    );
    let mut fields = complete("900 000");
    fields.push(("lock_version".into(), "0".into()));
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &fields,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);
    let saved = directive(&app, pid, id);
    assert_eq!(saved.row.lock_version, 1);
    assert_eq!(saved.row.budget_frame_sek, Some(900_000));
    assert_eq!(
        goal_texts(&saved),
        ["Alla kallelser skickas digitalt", "Svarstiden halveras"]
    );
    assert!(saved.row.sensitive_personal_data && saved.row.dpia_needed);
    assert!(!saved.row.strategic);

    // Submitted: to the development manager, since it is neither strategic nor above 1 000 000.
    let page = app
        .post(&format!("/projects/{pid}/directive/{id}/submit"), &[])
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), id);
    let row = directive(&app, pid, id).row;
    assert_eq!(row.status, "submitted");
    assert_eq!(row.approving_body.as_deref(), Some("development_manager"));
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert_eq!(definition(&page, "Status"), "Inskickad för beslut");
    assert_eq!(definition(&page, "Beslutas av"), "Utvecklingschefen");
    // Nothing more for the commissioner to do, who is a management group member but not the body.
    assert!(page.text("#actions").is_none());
    assert_eq!(
        app.get(&format!("/projects/{pid}/directive/{id}/edit"))
            .await
            .status,
        StatusCode::CONFLICT
    );

    as_user(&mut app, "utvecklingschef").await;
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert_eq!(
        page.attr("#approve_decided_on", "value"),
        Some(today()),
        "the date of a decision is today unless changed"
    );
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[
                ("decided_on", &today()),
                ("text", "Godkänt enligt förslaget."),
            ],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), id);

    let row = directive(&app, pid, id).row;
    assert_eq!(row.status, "approved");
    let decisions = project_decisions(&app, pid);
    assert_eq!(decisions.len(), 1);
    let decision = &decisions[0];
    assert_eq!(row.decision_id, Some(decision.id));
    assert_eq!(decision.kind, "directive_approved");
    assert_eq!(decision.body, "development_manager");
    assert_eq!(decision.text, "Godkänt enligt förslaget.");
    assert_eq!(decision.recorded_by, app.user_id("utvecklingschef"));
    assert_eq!(decision.decided_on.to_string(), today());
    assert_eq!(
        decision.number,
        next_number(&app, "development_manager", Some(decision.id)),
        "the next number of the body's year"
    );

    // The decision shows with its number, date and who recorded it; the content read-only.
    let page = app
        .get(&format!("/projects/{pid}/directive/{id}?done=approved"))
        .await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Versionen är godkänd och beslutet infört.")
    );
    let year = chrono::Local::now().date_naive().year();
    assert_eq!(
        definition(&page, "Beslut"),
        format!(
            "Direktiv godkänt, beslut {}/{year}, {}, infört av Maria Lindqvist",
            decision.number,
            today()
        )
    );
    assert_eq!(
        definition(&page, "Kommentar till beslutet"),
        "Godkänt enligt förslaget."
    );
    assert_eq!(
        page.texts("ol.goals li"),
        ["Alla kallelser skickas digitalt", "Svarstiden halveras"]
    );
    assert_eq!(definition(&page, "Budgetram"), "900 000 kr");
    assert_eq!(definition(&page, "Personuppgifter behandlas"), "Ja");
    assert_eq!(
        definition(&page, "Känsliga personuppgifter behandlas"),
        "Ja"
    );
    assert_eq!(definition(&page, "Konsekvensbedömning (DPIA) behövs"), "Ja");
    assert_eq!(
        definition(&page, "Uppgifter omfattas av sekretess (OSL)"),
        "Ja"
    );
    assert_eq!(definition(&page, "Strategiskt direktiv"), "Nej");
    assert!(page.body.contains("Sekretess enligt 26 kap. OSL."));
    assert!(page.attr("form[action$=\"/approve\"]", "action").is_none());

    // The project directive: the demo's draft completed, or drafted complete; then approved.
    as_user(&mut app, "karin.holm").await;
    let project_directive = match &demo_draft {
        Some(row) => {
            let page = edit_form(&app, pid, row.id).await;
            let mut fields = form_fields(&page);
            for (name, value) in complete("700 000") {
                fields = with(&fields, &name, &value);
            }
            let page = post_fields(
                &app,
                &format!("/projects/{pid}/directive/{}/edit", row.id),
                &fields,
            )
            .await;
            assert_eq!(redirected_to(&page, pid, "saved"), row.id);
            row.id
        }
        None => create(&app, pid, "project", &complete("700 000")).await,
    };
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{project_directive}/submit"),
            &[],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), project_directive);
    as_user(&mut app, "utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{project_directive}/approve"),
            &[("decided_on", &today())],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), project_directive);
    let decisions = project_decisions(&app, pid);
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[1].number, decision.number + 1);

    // The pinned page shows the project directive, the current one, and lists both.
    let page = app.get(&format!("/projects/{pid}/directive")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.texts("main p")
            .iter()
            .any(|p| p == "Gällande version: Projektdirektiv, version 1 (Godkänd)."),
        "{:?}",
        page.texts("main p")
    );
    assert_eq!(page.texts("ol.goals li").len(), 2);
    let rows = page.texts("table.data-table tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].contains("Förstudiedirektiv, version 1"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains("Godkänd"), "{}", rows[1]);
    assert!(
        rows[1].contains(&format!("beslut {}/{year}", decision.number)),
        "{}",
        rows[1]
    );
    // Nothing left to start, and the development manager does not draft here anyway.
    assert!(page.text("p.actions").is_none());

    // The database itself refuses to change an approved version or its goals.
    app.with_db(|conn| {
        let update = diesel::update(directives_table::table.find(id))
            .set(directives_table::purpose.eq("Ändrat i efterhand"))
            .execute(conn);
        let error = update.expect_err("an approved directive never changes");
        assert!(error.to_string().contains("never changes"), "{error}");
        let insert = diesel::insert_into(directive_goals::table)
            .values((
                directive_goals::directive_id.eq(id),
                directive_goals::position.eq(3),
                directive_goals::text.eq("Ett mål till"),
            ))
            .execute(conn);
        assert!(
            insert.is_err(),
            "the goals of an approved directive are fixed"
        );
    });
    assert_eq!(
        directive(&app, pid, id).row.purpose,
        "Säker och snabb kommunikation med vårdnadshavare."
    );

    // Every step is in the audit trail, with the values before and after.
    let entries: Vec<_> = app
        .with_db(|conn| {
            styr::db::audit::entries(conn, Some(pid), 100).expect("the audit trail loads")
        })
        .into_iter()
        .filter(|e| e.id > audit_before)
        .collect();
    let steps: Vec<(String, String)> = entries
        .iter()
        .rev()
        .filter(|e| e.entity != "directive" || e.entity_id == id)
        .map(|e| (e.action.clone(), e.entity.clone()))
        .take(5)
        .collect();
    let expected: Vec<(String, String)> = [
        ("create", "directive"),
        ("update", "directive"),
        ("update", "directive"),
        ("create", "decision"),
        ("decide", "directive"),
    ]
    .iter()
    .map(|(a, e)| ((*a).to_owned(), (*e).to_owned()))
    .collect();
    assert_eq!(steps, expected);
    let of_pre_study: Vec<_> = entries
        .iter()
        .filter(|e| e.entity == "directive" && e.entity_id == id)
        .collect();
    // Newest first: the decision, the submission, the edit, the creation.
    let edit = of_pre_study[2];
    assert!(
        edit.before
            .as_deref()
            .is_some_and(|b| b.contains("Brev tar lång tid."))
    );
    assert!(
        edit.after
            .as_deref()
            .is_some_and(|a| a.contains("Svarstiden halveras"))
    );
    let decide = of_pre_study[0];
    assert!(
        decide
            .before
            .as_deref()
            .is_some_and(|b| b.contains("\"submitted\""))
    );
    assert!(
        decide
            .after
            .as_deref()
            .is_some_and(|a| a.contains("\"approved\""))
    );
    assert_eq!(decide.user_name.as_deref(), Some("Maria Lindqvist"));
    assert_eq!(entries.iter().filter(|e| e.entity == "decision").count(), 2);
    assert_eq!(
        entries.len(),
        5 + 4,
        "pre-study: 5 entries; project: edit or create, submit, 2 for the decision"
    );
}

#[tokio::test]
async fn a_strategic_or_large_directive_goes_to_the_management_group() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    // Above the threshold of 1 000 000 kr.
    let large = submitted(&mut app, pid, "project", "1 500 000").await;
    assert_eq!(
        directive(&app, pid, large).row.approving_body.as_deref(),
        Some("management_group")
    );
    // Strategic, even with a small budget frame.
    let mut strategic = complete("50 000");
    strategic.push(("strategic".into(), "on".into()));
    let small = create(&app, pid, "pre_study", &strategic).await;
    let page = app
        .post(&format!("/projects/{pid}/directive/{small}/submit"), &[])
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), small);
    assert_eq!(
        directive(&app, pid, small).row.approving_body.as_deref(),
        Some("management_group")
    );

    // The development manager may not decide for the management group.
    as_user(&mut app, "utvecklingschef").await;
    let page = app.get(&format!("/projects/{pid}/directive/{large}")).await;
    assert_eq!(definition(&page, "Beslutas av"), "Ledningsgruppen");
    assert!(page.attr("form[action$=\"/approve\"]", "action").is_none());
    for step in ["approve", "return"] {
        let page = app
            .post(
                &format!("/projects/{pid}/directive/{large}/{step}"),
                &[("decided_on", &today()), ("text", ""), ("reason", "Nej")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{step}");
    }
    assert_eq!(directive(&app, pid, large).row.status, "submitted");
    assert!(project_decisions(&app, pid).is_empty());

    // A management group member approves.
    as_user(&mut app, "ledamot").await;
    let page = app.get(&format!("/projects/{pid}/directive/{large}")).await;
    assert_eq!(
        page.text("#actions ~ p").as_deref(),
        Some("Du för in beslutet för Ledningsgruppen.")
    );
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{large}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), large);
    let decisions = project_decisions(&app, pid);
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].body, "management_group");
    assert_eq!(
        decisions[0].number,
        next_number(&app, "management_group", Some(decisions[0].id))
    );
    assert_eq!(decisions[0].recorded_by, app.user_id("ledamot"));
    assert_eq!(directive(&app, pid, large).row.status, "approved");
    let page = app.get(&format!("/projects/{pid}/directive/{large}")).await;
    assert!(
        definition(&page, "Beslut").contains("infört av Anna Sjöberg"),
        "{}",
        definition(&page, "Beslut")
    );

    // The project directive is the current one, though the pre-study directive is newer.
    let page = app.get(&format!("/projects/{pid}/directive")).await;
    assert!(
        page.texts("main p")
            .iter()
            .any(|p| p == "Gällande version: Projektdirektiv, version 1 (Godkänd)."),
    );
    assert_eq!(page.texts("table.data-table tbody tr").len(), 2);
}

#[tokio::test]
async fn a_returned_version_is_edited_and_submitted_again() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    let id = submitted(&mut app, pid, "project", "800 000").await;

    as_user(&mut app, "utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/return"),
            &[
                ("decided_on", &today()),
                ("reason", "Effektmålen behöver gå att mäta."),
            ],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "returned"), id);
    let row = directive(&app, pid, id).row;
    assert_eq!(row.status, "returned");
    assert_eq!(
        row.return_reason.as_deref(),
        Some("Effektmålen behöver gå att mäta.")
    );
    let decisions = project_decisions(&app, pid);
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].kind, "directive_returned");
    assert_eq!(decisions[0].text, "Effektmålen behöver gå att mäta.");
    assert_eq!(row.decision_id, Some(decisions[0].id));

    as_user(&mut app, "karin.holm").await;
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert_eq!(definition(&page, "Status"), "Återsänd");
    assert_eq!(
        definition(&page, "Skäl till återsändning"),
        "Effektmålen behöver gå att mäta."
    );
    assert!(definition(&page, "Beslut").starts_with(&format!(
        "Direktiv återsänt, beslut {}/",
        decisions[0].number
    )));
    assert!(page.attr("a.button[href$=\"/edit\"]", "href").is_some());

    // Editing a returned version makes it a draft again.
    let page = edit_form(&app, pid, id).await;
    // The new budget frame is above the threshold: the management group will decide.
    let fields = with(
        &form_fields(&page),
        "goal_2",
        "Svarstiden är högst två dagar",
    );
    let fields = with(&fields, "budget_frame_sek", "1 500 000");
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &fields,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);
    let row = directive(&app, pid, id).row;
    assert_eq!(row.status, "draft");
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert_eq!(definition(&page, "Status"), "Utkast");
    assert_eq!(
        definition(&page, "Beslutas av"),
        "Ledningsgruppen (om versionen skickas in som den är nu)"
    );
    assert!(
        page.texts("p.muted").contains(
            &"Versionen återsändes och är ett utkast igen. Ändra den och skicka in den på nytt."
                .to_owned()
        )
    );

    let page = app
        .post(&format!("/projects/{pid}/directive/{id}/submit"), &[])
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), id);
    assert_eq!(
        directive(&app, pid, id).row.approving_body.as_deref(),
        Some("management_group")
    );
    as_user(&mut app, "ledamot").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[("decided_on", &today())],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), id);
    let approved = directive(&app, pid, id);
    assert_eq!(approved.row.status, "approved");
    assert_eq!(
        goal_texts(&approved),
        [
            "Alla kallelser skickas digitalt",
            "Svarstiden är högst två dagar"
        ]
    );
    let decisions = project_decisions(&app, pid);
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[1].body, "management_group");
    assert_eq!(
        decisions[1].number,
        next_number(&app, "management_group", Some(decisions[1].id))
    );
    assert_eq!(approved.row.decision_id, Some(decisions[1].id));
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert!(definition(&page, "Beslut").starts_with(&format!(
        "Direktiv godkänt, beslut {}/",
        decisions[1].number
    )));
    // An approved version shows no return reason any more.
    assert!(
        !definitions(&page)
            .iter()
            .any(|(t, _)| t == "Skäl till återsändning")
    );
}

#[tokio::test]
async fn a_revision_is_version_two_and_the_comparison_shows_what_changed() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    let v1 = approved(&mut app, pid, "project").await;
    let original = directive(&app, pid, v1);

    as_user(&mut app, "karin.holm").await;
    let page = app.get(&format!("/projects/{pid}/directive/{v1}")).await;
    assert!(page.attr("form[action$=\"/revise\"]", "action").is_some());
    assert!(page.attr("a.button[href$=\"/edit\"]", "href").is_none());
    let page = app
        .post(&format!("/projects/{pid}/directive/{v1}/revise"), &[])
        .await;
    let v2 = redirected_to(&page, pid, "revised");
    assert_ne!(v1, v2);
    let revision = directive(&app, pid, v2);
    assert_eq!(revision.row.version, 2);
    assert_eq!(revision.row.kind, "project");
    assert_eq!(revision.row.status, "draft");
    assert_eq!(revision.row.purpose, original.row.purpose);
    assert_eq!(revision.row.budget_frame_sek, original.row.budget_frame_sek);
    assert_eq!(revision.row.approving_body, None);
    assert_eq!(revision.row.decision_id, None);
    assert_eq!(goal_texts(&revision), goal_texts(&original));
    assert_ne!(revision.goals[0].id, original.goals[0].id);

    // One open version per kind: a second revision is refused, and so is a new version 1.
    let before = stored(&app);
    let page = app
        .post(&format!("/projects/{pid}/directive/{v1}/revise"), &[])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        page.text(".error-summary p").as_deref(),
        Some("Det finns redan en nyare version.")
    );
    let page = app
        .post(&format!("/projects/{pid}/directive/{v2}/revise"), &[])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        page.text(".error-summary p").as_deref(),
        Some("Bara en godkänd version kan revideras.")
    );
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive"),
        &with(&complete("1"), "kind", "project"),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("kind").as_deref(),
        Some("Det finns redan ett sådant direktiv. Gör en ny version av det i stället.")
    );
    let page = app
        .get(&format!("/projects/{pid}/directive/new?kind=project"))
        .await;
    assert!(page.field_error("kind").is_some());
    assert_eq!(stored(&app), before);

    let page = edit_form(&app, pid, v2).await;
    assert_eq!(page.h1(), "Ändra Projektdirektiv, version 2");
    let fields = with(
        &form_fields(&page),
        "purpose",
        "Ett nytt syfte för version två.",
    );
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{v2}/edit"),
        &fields,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), v2);

    let page = app
        .get(&format!(
            "/projects/{pid}/directive/compare?from={v1}&to={v2}"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Jämför direktivversioner för DIG-2027-901");
    assert_eq!(
        page.text("table.compare-table caption").as_deref(),
        Some("Projektdirektiv, version 1 jämfört med Projektdirektiv, version 2")
    );
    assert_eq!(
        page.text("p[role=status]").as_deref(),
        Some("1 fält skiljer sig.")
    );
    assert_eq!(page.texts("table.compare-table tr.changed th"), ["Syfte"]);
    assert_eq!(
        page.texts("table.compare-table tr.changed td"),
        [
            "Säker och snabb kommunikation med vårdnadshavare.",
            "Ett nytt syfte för version två.",
            "Ändrat"
        ]
    );
    // Unchanged rows say so in text, not only by colour.
    let same = page.texts("table.compare-table tbody tr:not(.changed) td:last-child");
    assert!(
        !same.is_empty() && same.iter().all(|s| s == "Oförändrat"),
        "{same:?}"
    );
    let goals = page
        .texts("table.compare-table tbody tr")
        .into_iter()
        .find(|r| r.starts_with("Mål1."))
        .expect("the goals row");
    assert!(goals.contains("1. Alla kallelser skickas digitalt 2. Svarstiden halveras"));

    // The pinned page now shows version 2, the draft; version 1 stays approved and unchanged.
    let page = app.get(&format!("/projects/{pid}/directive")).await;
    assert!(
        page.texts("main p")
            .iter()
            .any(|p| p == "Gällande version: Projektdirektiv, version 2 (Utkast).")
    );
    assert_eq!(page.texts("table.data-table tbody tr").len(), 2);
    let page = app.get(&format!("/projects/{pid}/directive/compare")).await;
    assert_eq!(page.status, StatusCode::OK);
    // Without a choice, the two newest versions are compared, as for plans.
    assert_eq!(page.texts("table.compare-table tr.changed th"), ["Syfte"]);
    assert_eq!(page.texts("select#from option").len(), 2);
    let v1_now = directive(&app, pid, v1);
    assert_eq!(v1_now.row.status, "approved");
    assert_eq!(v1_now.row.purpose, original.row.purpose);
    assert_eq!(v1_now.row.lock_version, original.row.lock_version);
}

/// A decision posted with bad input: the step, the fields, the field with the error, the message.
type DecisionCase<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a str);

#[tokio::test]
async fn bad_input_is_shown_beside_the_field_and_nothing_is_saved() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    as_user(&mut app, "karin.holm").await;
    let valid = with(&complete("900 000"), "kind", "project");
    let long = "x".repeat(1_001);
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "time_frame_end",
            "2026-12-31",
            "time_frame_end",
            "Slutdatumet kan inte ligga före startdatumet.",
        ),
        (
            "time_frame_start",
            "2027-02-30",
            "time_frame_start",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            "budget_frame_sek",
            "-100",
            "budget_frame_sek",
            "Beloppet kan inte vara negativt.",
        ),
        (
            "budget_frame_sek",
            "12,5",
            "budget_frame_sek",
            "Skriv beloppet i hela kronor, med bara siffror.",
        ),
        ("kind", "", "kind", "Välj ett av alternativen i listan."),
        ("kind", "plan", "kind", "Välj ett av alternativen i listan."),
        ("goal_2", &long, "goal_2", "Texten är för lång."),
    ];
    let before = stored(&app);
    for (field, value, error_field, message) in cases {
        let sent = with(&valid, field, value);
        let page = post_fields(&app, &format!("/projects/{pid}/directive"), &sent).await;
        let case = format!("{field}={value:?}");
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(
            page.field_error(error_field).as_deref(),
            Some(*message),
            "{case}"
        );
        assert_eq!(page.texts(".field-error").len(), 1, "{case}");
        assert_eq!(
            page.attr(".error-summary a", "href"),
            Some(format!("#{error_field}")),
            "{case}"
        );
        // What was typed is still there.
        for name in [
            "time_frame_start",
            "time_frame_end",
            "budget_frame_sek",
            "goal_1",
        ] {
            let typed = sent.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            assert_eq!(page.input_value(name), typed, "{case}: {name}");
        }
        assert_eq!(
            page.text("textarea[name=purpose]").as_deref(),
            Some("Säker och snabb kommunikation med vårdnadshavare."),
            "{case}"
        );
        assert!(
            page.attr("#personal_data[checked]", "name").is_some(),
            "{case}"
        );
        assert_eq!(stored(&app), before, "{case}: nothing saved");
    }
    // Sensitive personal data without personal data.
    let sent = without(&valid, "personal_data");
    let page = post_fields(&app, &format!("/projects/{pid}/directive"), &sent).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("personal_data").as_deref(),
        Some("Känsliga personuppgifter är också personuppgifter: kryssa i båda.")
    );
    assert_eq!(stored(&app), before);

    // The same on editing: 422, the message, the input kept, nothing saved.
    let id = create(&app, pid, "project", &owned(&[("purpose", "Ett syfte")])).await;
    let before = stored(&app);
    let page = edit_form(&app, pid, id).await;
    let sent = with(&form_fields(&page), "budget_frame_sek", "-1");
    let sent = with(&sent, "background", "En ny bakgrund");
    let page = post_fields(&app, &format!("/projects/{pid}/directive/{id}/edit"), &sent).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("budget_frame_sek").as_deref(),
        Some("Beloppet kan inte vara negativt.")
    );
    assert_eq!(
        page.text("textarea[name=background]").as_deref(),
        Some("En ny bakgrund")
    );
    assert_eq!(stored(&app), before);

    // Submitting an incomplete version: its form, with a message beside every missing field.
    let page = app
        .post(&format!("/projects/{pid}/directive/{id}/submit"), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.h1(), "Ändra Projektdirektiv, version 1");
    assert!(
        page.text(".error-summary h2")
            .is_some_and(|h| h == "Versionen kan inte skickas in än")
    );
    for field in [
        "background",
        "scope",
        "deliverables",
        "time_frame_start",
        "time_frame_end",
        "budget_frame_sek",
    ] {
        assert_eq!(
            page.field_error(field).as_deref(),
            Some("Fyll i fältet innan versionen skickas in."),
            "{field}"
        );
    }
    assert_eq!(
        page.field_error("goal_1").as_deref(),
        Some("Skriv minst ett mål.")
    );
    assert!(page.field_error("purpose").is_none());
    assert_eq!(
        page.text("textarea[name=purpose]").as_deref(),
        Some("Ett syfte")
    );
    assert_eq!(stored(&app), before);
    assert_eq!(directive(&app, pid, id).row.status, "draft");

    // Decisions: a date is needed, valid and not in the future; returning needs a reason.
    let mut fields = complete("900 000");
    fields.push(("lock_version".into(), "0".into()));
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &fields,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);
    let page = app
        .post(&format!("/projects/{pid}/directive/{id}/submit"), &[])
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), id);
    as_user(&mut app, "utvecklingschef").await;
    let before = stored(&app);
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    // Submitted today: a decision on it is dated today at the earliest.
    let today = today();
    let cases: &[DecisionCase] = &[
        (
            "approve",
            &[("decided_on", ""), ("text", "Bra")],
            "approve_decided_on",
            "Fyll i fältet.",
        ),
        (
            "approve",
            &[("text", "Bra")],
            "approve_decided_on",
            "Fyll i fältet.",
        ),
        (
            "approve",
            &[("decided_on", "2026-02-30"), ("text", "Bra")],
            "approve_decided_on",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            "approve",
            &[("decided_on", &tomorrow), ("text", "Bra")],
            "approve_decided_on",
            "Ett beslut kan inte dateras i framtiden.",
        ),
        (
            "return",
            &[("decided_on", &tomorrow), ("reason", "Oklart")],
            "return_decided_on",
            "Ett beslut kan inte dateras i framtiden.",
        ),
        (
            "return",
            &[("decided_on", &today), ("reason", "  ")],
            "return_reason",
            "Skriv varför versionen återsänds.",
        ),
        (
            "return",
            &[("decided_on", &today)],
            "return_reason",
            "Skriv varför versionen återsänds.",
        ),
    ];
    for (step, fields, error_field, message) in cases {
        let page = app
            .post(&format!("/projects/{pid}/directive/{id}/{step}"), fields)
            .await;
        let case = format!("{step} {fields:?}");
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(page.h1(), "Projektdirektiv, version 1", "{case}");
        assert_eq!(
            page.field_error(error_field).as_deref(),
            Some(*message),
            "{case}"
        );
        assert_eq!(page.texts(".field-error").len(), 1, "{case}");
        assert_eq!(
            page.attr(".error-summary a", "href"),
            Some(format!("#{error_field}")),
            "{case}"
        );
        // The posted form keeps what was typed; the other keeps today's date.
        let (date_id, other_date) = if *step == "approve" {
            ("approve_decided_on", "return_decided_on")
        } else {
            ("return_decided_on", "approve_decided_on")
        };
        let typed = fields
            .iter()
            .find(|(k, _)| *k == "decided_on")
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default();
        assert_eq!(
            page.attr(&format!("#{date_id}"), "value"),
            Some(typed),
            "{case}"
        );
        assert_eq!(
            page.attr(&format!("#{other_date}"), "value"),
            Some(today.clone()),
            "{case}"
        );
        assert_eq!(stored(&app), before, "{case}: nothing saved");
    }
    assert!(project_decisions(&app, pid).is_empty());
}

#[tokio::test]
async fn a_stale_edit_answers_conflict_and_shows_both_texts() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    as_user(&mut app, "karin.holm").await;
    let id = create(&app, pid, "pre_study", &complete("300 000")).await;
    let page = edit_form(&app, pid, id).await;
    let stale = form_fields(&page);

    // Someone saves first, from the same form.
    let first = with(&stale, "purpose", "Först sparat syfte");
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &first,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);

    // The second save is based on the old version.
    let second = with(&stale, "purpose", "För sent sparat syfte");
    let second = with(&second, "strategic", "on");
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &second,
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(
        page.text(".error-summary h2")
            .is_some_and(|h| h == "Någon annan har sparat under tiden")
    );
    // Both texts: the user's in the field, the saved one beside it.
    assert_eq!(
        page.text("textarea[name=purpose]").as_deref(),
        Some("För sent sparat syfte")
    );
    assert_eq!(
        page.text("#purpose-saved pre").as_deref(),
        Some("Först sparat syfte")
    );
    assert_eq!(page.text("#strategic-saved pre").as_deref(), Some("Nej"));
    assert!(page.attr("#strategic[checked]", "name").is_some());
    // Fields that agree get no note.
    assert!(page.text("#background-saved").is_none());
    assert!(page.text("#budget_frame_sek-saved").is_none());
    assert!(page.text("#goals-saved").is_none());
    // A new save is based on the version now stored.
    assert_eq!(page.input_value("lock_version").as_deref(), Some("1"));
    let row = directive(&app, pid, id).row;
    assert_eq!(row.purpose, "Först sparat syfte");
    assert!(!row.strategic);
    assert_eq!(row.lock_version, 1);

    // Saving the conflict page again goes through.
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &form_fields(&page),
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);
    let row = directive(&app, pid, id).row;
    assert_eq!(row.purpose, "För sent sparat syfte");
    assert!(row.strategic);
}

#[tokio::test]
async fn unknown_ids_and_another_projects_directives_are_not_found() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    let id = submitted(&mut app, pid, "project", "100 000").await;
    let other = app.project_id("DIG-2025-002");
    as_user(&mut app, "utvecklingschef").await;
    let before = stored(&app);
    for path in [
        "/projects/99999/directive".to_owned(),
        "/projects/abc/directive".to_owned(),
        "/projects/99999/directive/new?kind=project".to_owned(),
        format!("/projects/{pid}/directive/99999"),
        format!("/projects/{pid}/directive/abc"),
        format!("/projects/{pid}/directive/99999/edit"),
        format!("/projects/{other}/directive/{id}"),
        format!("/projects/{other}/directive/{id}/edit"),
        format!("/projects/99999/directive/{id}"),
        format!("/projects/{pid}/directive/compare?from={id}&to=99999"),
        format!("/projects/{pid}/directive/compare?from=abc&to={id}"),
        format!("/projects/{pid}/directive/compare?from={id}"),
        format!("/projects/{other}/directive/compare?from={id}&to={id}"),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        assert_eq!(page.h1(), "Sidan finns inte", "GET {path}");
    }
    for step in ["edit", "submit", "approve", "return", "revise"] {
        for path in [
            format!("/projects/{other}/directive/{id}/{step}"),
            format!("/projects/{pid}/directive/99999/{step}"),
            format!("/projects/99999/directive/{id}/{step}"),
        ] {
            let page = app
                .post(&path, &[("decided_on", &today()), ("reason", "Skäl")])
                .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
        }
    }
    let page = post_fields(
        &app,
        "/projects/99999/directive",
        &with(&complete("1"), "kind", "project"),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app), before);
}

/// Posts `fields` to `path` with no token, a wrong one and an empty one: each is refused.
async fn forged(app: &TestApp, path: &str, fields: &[(String, String)]) {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for token in [None, Some("wrong"), Some("")] {
        let page = app.post_with_token(path, &fields, token).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {token:?}");
        assert_eq!(page.h1(), "Åtkomst nekad");
    }
}

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_is_refused_and_nothing_changes() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    let submitted_id = submitted(&mut app, pid, "pre_study", "100 000").await;
    let draft = create(&app, pid, "project", &complete("100 000")).await;
    let before = stored(&app);
    let none: Vec<(String, String)> = Vec::new();
    let new = with(&complete("1"), "kind", "project");
    let mut edited = with(&complete("1"), "purpose", "Förfalskat");
    edited.push(("lock_version".into(), "0".into()));
    let decision = owned(&[("decided_on", &today()), ("reason", "Förfalskat")]);

    // The commissioner's posts.
    forged(&app, &format!("/projects/{pid}/directive"), &new).await;
    let edit = format!("/projects/{pid}/directive/{draft}/edit");
    forged(&app, &edit, &edited).await;
    forged(
        &app,
        &format!("/projects/{pid}/directive/{draft}/submit"),
        &none,
    )
    .await;
    forged(
        &app,
        &format!("/projects/{pid}/directive/{submitted_id}/revise"),
        &none,
    )
    .await;
    assert_eq!(stored(&app), before);
    // With the session's token the same post goes through, so the token was the only problem.
    let page = post_fields(&app, &edit, &edited).await;
    assert_eq!(redirected_to(&page, pid, "saved"), draft);

    // The development manager's.
    as_user(&mut app, "utvecklingschef").await;
    let before = stored(&app);
    let approve = format!("/projects/{pid}/directive/{submitted_id}/approve");
    forged(&app, &approve, &decision).await;
    forged(
        &app,
        &format!("/projects/{pid}/directive/{submitted_id}/return"),
        &decision,
    )
    .await;
    assert_eq!(stored(&app), before);
    let page = post_fields(&app, &approve, &decision).await;
    assert_eq!(redirected_to(&page, pid, "approved"), submitted_id);
}

#[tokio::test]
async fn the_directive_pages_follow_the_language() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-901");
    let id = submitted(&mut app, pid, "project", "1 200 000").await;
    let page = app
        .post(
            "/language",
            &[
                ("lang", "en"),
                ("next", &format!("/projects/{pid}/directive/{id}")),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Project directive, version 1");
    assert_eq!(definition(&page, "Status"), "Submitted for decision");
    assert_eq!(definition(&page, "Decided by"), "Management group");
    assert_eq!(definition(&page, "Budget frame"), "SEK 1,200,000");
    assert_eq!(definition(&page, "Personal data is processed"), "Yes");
    let page = edit_form_status(&app, pid, id).await;
    assert_eq!(page, StatusCode::CONFLICT);
}

async fn edit_form_status(app: &TestApp, project_id: i64, id: i64) -> StatusCode {
    app.get(&format!("/projects/{project_id}/directive/{id}/edit"))
        .await
        .status
}

const OWN_VERSION: &str = "Du har skrivit eller lämnat in den här versionen och beslutar därför inte \
                           om den (fyra ögon). Någon annan som beslutar för organet måste göra det.";

#[tokio::test]
async fn a_version_the_development_manager_wrote_goes_to_the_management_group() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-950");
    // Karin Holm drafts a small directive; the development manager edits it; Karin submits it.
    as_user(&mut app, "karin.holm").await;
    let id = create(&app, pid, "project", &complete("100 000")).await;
    as_user(&mut app, "utvecklingschef").await;
    let fields = form_fields(&edit_form(&app, pid, id).await);
    let fields = with(&fields, "resources", "En projektledare på heltid.");
    let page = post_fields(
        &app,
        &format!("/projects/{pid}/directive/{id}/edit"),
        &fields,
    )
    .await;
    assert_eq!(redirected_to(&page, pid, "saved"), id);
    as_user(&mut app, "karin.holm").await;
    let page = app
        .post(&format!("/projects/{pid}/directive/{id}/submit"), &[])
        .await;
    assert_eq!(redirected_to(&page, pid, "submitted"), id);
    let row = directive(&app, pid, id).row;
    assert_eq!(row.edited_by, Some(app.user_id("utvecklingschef")));
    assert_eq!(row.submitted_by, Some(app.user_id("karin.holm")));
    assert_eq!(row.submitted_on.map(|d| d.to_string()), Some(today()));
    // Below the threshold, but the development manager wrote part of it: the management group
    // decides.
    assert_eq!(row.approving_body.as_deref(), Some("management_group"));

    as_user(&mut app, "utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    as_user(&mut app, "ledamot").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), id);
    let decision = project_decisions(&app, pid).pop().expect("the approval");
    assert_eq!(decision.body, "management_group");
}

#[tokio::test]
async fn whoever_drafted_or_submitted_a_version_does_not_approve_it() {
    let mut app = spawn_app().await;
    let pid = fresh_project(&app, "DIG-2027-951");
    // Karin Holm, a management group member, drafts and submits a large directive: her group
    // decides it, but not she.
    let id = submitted(&mut app, pid, "project", "2 000 000").await;
    let page = app.get(&format!("/projects/{pid}/directive/{id}")).await;
    assert!(page.text("#own_version_note").is_some(), "she is told");
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[("decided_on", &today()), ("text", "Godkänt av mig själv.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(OWN_VERSION),
        "{}",
        page.body
    );
    assert_eq!(
        page.attr("#approve_decided_on", "value"),
        Some(today()),
        "the input is kept"
    );
    assert_eq!(
        page.text("#approve_text").as_deref(),
        Some("Godkänt av mig själv.")
    );
    assert!(project_decisions(&app, pid).is_empty(), "nothing was saved");
    assert_eq!(directive(&app, pid, id).row.status, "submitted");

    as_user(&mut app, "ledamot").await;
    let page = app
        .post(
            &format!("/projects/{pid}/directive/{id}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(redirected_to(&page, pid, "approved"), id);
}

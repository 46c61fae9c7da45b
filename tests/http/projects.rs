//! The project register over HTTP: listing, search and filters, the project page, registering and
//! editing a project, who may do which, and what bad input, stale forms and forged posts leave.

use reqwest::StatusCode;
use styr::db::projects::{ProjectRow, RegisterFilter};

use crate::helpers::*;

/// The demo projects in register order, with the Swedish name of their phase.
const DEMO_PHASES: &[(&str, &str)] = &[
    ("DIG-2024-001", "Förvaltning"),
    ("DIG-2025-002", "Genomförande"),
    ("DIG-2025-003", "Genomförande"),
    ("DIG-2025-004", "Planering"),
    ("DIG-2026-005", "Förstudie"),
    ("DIG-2026-006", "Avslut"),
    ("DIG-2026-007", "Idé"),
    ("DIG-2026-008", "Genomförande"),
    ("DIG-2026-009", "Avbruten"),
    ("DIG-2026-010", "Planering"),
];

fn project_count(app: &TestApp) -> usize {
    app.with_db(|conn| {
        styr::db::projects::register(conn, &RegisterFilter::default())
            .expect("the register loads")
            .len()
    })
}

fn project(app: &TestApp, id: i64) -> ProjectRow {
    app.with_db(|conn| {
        styr::db::projects::find(conn, id)
            .expect("the query runs")
            .expect("the project exists")
            .project
    })
}

fn unit_id(app: &TestApp, name: &str) -> i64 {
    app.with_db(|conn| {
        styr::db::units::units(conn)
            .expect("the units load")
            .into_iter()
            .find(|u| u.name == name)
            .map(|u| u.id)
            .expect("the unit exists")
    })
}

/// The register at `/projects` with the query `params`, URL-encoded.
async fn register(app: &TestApp, params: &[(&str, &str)]) -> Page {
    let query = serde_urlencoded::to_string(params).expect("the query encodes");
    let page = app.get(&format!("/projects?{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "the register for {params:?}");
    page
}

/// The codes in the register's table, in order.
fn codes(page: &Page) -> Vec<String> {
    page.texts("table.data-table tbody tr td:nth-child(1)")
}

/// The register's rows as (code, phase).
fn phases(page: &Page) -> Vec<(String, String)> {
    codes(page)
        .into_iter()
        .zip(page.texts("table.data-table tbody tr td:nth-child(4)"))
        .collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Every field of a valid new project, as a browser would send it.
fn valid_project(app: &TestApp, code: &str) -> Vec<(String, String)> {
    let unit = unit_id(app, "Omsorgsenheten").to_string();
    let lead = app.user_id("projektledare2").to_string();
    let commissioner = app.user_id("lars.dahl").to_string();
    owned(&[
        ("code", code),
        ("name", "Digital närvarolista i daglig verksamhet"),
        (
            "description",
            "Närvaron registreras i en app i stället för på papper.",
        ),
        ("unit_id", &unit),
        ("project_lead_id", &lead),
        ("commissioner_id", &commissioner),
        ("planned_start", "2027-01-15"),
        ("planned_end", "2027-12-31"),
        ("budget_sek", "1 200 000"),
    ])
}

/// `fields` with `field` set to `value`.
fn with(fields: &[(String, String)], field: &str, value: &str) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| {
            let v = if k == field { value } else { v.as_str() };
            (k.clone(), v.to_owned())
        })
        .collect()
}

async fn post_fields(app: &TestApp, path: &str, fields: &[(String, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await
}

/// The edit form's fields as it was served: every input, select and textarea with its value.
fn form_fields(page: &Page) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for name in [
        "code",
        "name",
        "planned_start",
        "planned_end",
        "budget_sek",
        "lock_version",
    ] {
        if let Some(value) = page.input_value(name) {
            fields.push((name.to_owned(), value));
        }
    }
    for name in ["unit_id", "project_lead_id", "commissioner_id"] {
        if page.text(&format!("select[name={name}]")).is_some() {
            let value = page
                .attr(&format!("select[name={name}] option[selected]"), "value")
                .unwrap_or_default();
            fields.push((name.to_owned(), value));
        }
    }
    if let Some(description) = page.text("textarea[name=description]") {
        fields.push(("description".to_owned(), description));
    }
    fields
}

#[tokio::test]
async fn the_register_lists_every_demo_project_with_its_phase_in_swedish() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = register(&app, &[]).await;
    assert_eq!(page.h1(), "Projekt");
    assert_eq!(page.text("p[role=status]").as_deref(), Some("10 projekt"));
    let expected: Vec<(String, String)> = owned(DEMO_PHASES);
    assert_eq!(phases(&page), expected);
    // Every phase's Swedish name shows in a badge.
    let badges = page.texts("table.data-table .badge");
    for phase in [
        "Idé",
        "Förstudie",
        "Planering",
        "Genomförande",
        "Avslut",
        "Förvaltning",
        "Avbruten",
    ] {
        assert!(badges.iter().any(|b| b == phase), "{phase} in {badges:?}");
    }
    // The row of DIG-2025-002 carries its name, unit, lead and budget.
    let row = page
        .texts("table.data-table tbody tr")
        .into_iter()
        .find(|r| r.starts_with("DIG-2025-002"))
        .expect("the row of DIG-2025-002");
    for part in [
        "E-tjänst för ansökan om färdtjänst",
        "Äldreenheten",
        "Johan Ek",
        "Karin Holm",
        "850 000 kr",
    ] {
        assert!(row.contains(part), "{part} in {row}");
    }
    // A reader is offered no way to register a project.
    assert!(page.attr("a[href=\"/projects/new\"]", "href").is_none());
}

#[tokio::test]
async fn search_ignores_case_also_of_swedish_letters() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    for q in ["FÄRDTJÄNST", "färdtjänst", "FäRdTjÄnSt", "  färdtjänst  "] {
        let page = register(&app, &[("q", q)]).await;
        assert_eq!(codes(&page), ["DIG-2025-002"], "q={q:?}");
        assert_eq!(page.text("p[role=status]").as_deref(), Some("1 projekt"));
        // The search box keeps what was typed (trimmed).
        assert_eq!(page.input_value("q").as_deref(), Some(q.trim()));
    }
    // Å, Ä and Ö in the code, name or description, in any case.
    let page = register(&app, &[("q", "ÅTERRAPPORTERING")]).await;
    assert_eq!(codes(&page), ["DIG-2024-001"]);
    let page = register(&app, &[("q", "KÖER")]).await;
    assert_eq!(codes(&page), ["DIG-2025-002"]);
    // Every word must match, anywhere.
    let page = register(&app, &[("q", "ekonomiskt bistånd")]).await;
    assert_eq!(codes(&page), ["DIG-2025-003", "DIG-2025-004"]);
    let page = register(&app, &[("q", "dig-2026")]).await;
    assert_eq!(codes(&page).len(), 6);
    let page = register(&app, &[("q", "färdtjänst stratsys")]).await;
    assert!(codes(&page).is_empty());
    assert_eq!(page.text("p[role=status]").as_deref(), Some("0 projekt"));
}

#[tokio::test]
async fn the_register_filters_by_unit_and_phase() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    let elder_care = unit_id(&app, "Äldreenheten").to_string();
    let staff = unit_id(&app, "Stab och utveckling").to_string();

    let page = register(&app, &[("unit", &elder_care)]).await;
    assert_eq!(
        codes(&page),
        ["DIG-2024-001", "DIG-2025-002", "DIG-2026-005"]
    );
    assert_eq!(
        page.attr("select[name=unit] option[selected]", "value"),
        Some(elder_care.clone())
    );

    let page = register(&app, &[("phase", "execution")]).await;
    assert_eq!(
        codes(&page),
        ["DIG-2025-002", "DIG-2025-003", "DIG-2026-008"]
    );
    assert_eq!(page.text("p[role=status]").as_deref(), Some("3 projekt"));
    assert!(phases(&page).iter().all(|(_, p)| p == "Genomförande"));
    assert_eq!(
        page.attr("select[name=phase] option[selected]", "value")
            .as_deref(),
        Some("execution")
    );

    let page = register(&app, &[("unit", &elder_care), ("phase", "execution")]).await;
    assert_eq!(codes(&page), ["DIG-2025-002"]);
    let page = register(&app, &[("unit", &staff), ("phase", "planning")]).await;
    assert_eq!(codes(&page), ["DIG-2026-010"]);
    let page = register(
        &app,
        &[
            ("q", "kvalitetssäkring"),
            ("unit", &staff),
            ("phase", "execution"),
        ],
    )
    .await;
    assert_eq!(codes(&page), ["DIG-2026-008"]);
    let page = register(&app, &[("q", "färdtjänst"), ("unit", &staff)]).await;
    assert!(codes(&page).is_empty());
    let page = register(&app, &[("unit", &staff), ("phase", "idea")]).await;
    assert!(codes(&page).is_empty());

    // A filter value no form offers is ignored, not refused: a stale bookmark still opens.
    let page = register(&app, &[("unit", "abc"), ("phase", "done")]).await;
    assert_eq!(codes(&page).len(), 10);
}

#[tokio::test]
async fn a_project_page_shows_its_register_entry() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let id = app.project_id("DIG-2025-002");
    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "DIG-2025-002 E-tjänst för ansökan om färdtjänst");
    assert_eq!(page.text("h1 .code").as_deref(), Some("DIG-2025-002"));
    let terms = page.texts("dl.definition-list dt");
    let values = page.texts("dl.definition-list dd");
    let entry: Vec<(String, String)> = terms.into_iter().zip(values).collect();
    let value = |term: &str| {
        entry
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{term} in {entry:?}"))
    };
    assert_eq!(value("Fas"), "Genomförande");
    assert_eq!(value("Enhet"), "Äldreenheten (Äldrenämnden)");
    assert_eq!(value("Projektledare"), "Johan Ek");
    assert_eq!(value("Beställare"), "Karin Holm");
    assert_eq!(value("Budget"), "850 000 kr");
    let row = project(&app, id);
    let start = row.planned_start.expect("a start").to_string();
    assert_eq!(value("Planerad start"), start);
    assert!(
        page.texts("p.description")
            .concat()
            .contains("Medborgare ansöker om färdtjänst digitalt.")
    );
    // The reader may not edit it, so no link is offered.
    assert!(page.attr("a.button[href$=\"/edit\"]", "href").is_none());
    assert!(page.text(".notice").is_none());
}

#[tokio::test]
async fn the_new_project_form_suggests_the_next_code() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let page = app.get("/projects").await;
    assert!(page.attr("a[href=\"/projects/new\"]", "href").is_some());
    let page = app.get("/projects/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Nytt projekt");
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    assert_eq!(
        page.input_value("code"),
        Some(format!("DIG-{year}-011")),
        "one above the highest demo number"
    );
    assert_eq!(page.input_value("name").as_deref(), Some(""));
    assert!(page.text(".error-summary").is_none());
}

#[tokio::test]
async fn the_development_manager_and_the_administrator_register_projects() {
    let mut app = spawn_app().await;
    for (username, code) in [
        ("utvecklingschef", "dig-2027-011"),
        ("admin", "DIG-2027-012"),
    ] {
        app.fresh_client().await;
        app.login_as(username).await;
        let before = project_count(&app);
        let page = post_fields(&app, "/projects", &valid_project(&app, code)).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{username}: {}",
            page.body
        );
        let location = page.location.expect("a redirect");
        let code = code.to_uppercase();
        let id = app.project_id(&code);
        assert_eq!(location, format!("/projects/{id}?saved=1"));
        assert_eq!(project_count(&app), before + 1);

        let page = app.get(&location).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            page.h1(),
            format!("{code} Digital närvarolista i daglig verksamhet")
        );
        assert_eq!(
            page.text(".notice").as_deref(),
            Some("Projektet är sparat.")
        );

        // Saved as typed, parsed: the code raised, the budget without its spaces, in phase Idé.
        let row = project(&app, id);
        assert_eq!(row.code, code);
        assert_eq!(row.phase, "idea");
        assert_eq!(row.budget_sek, Some(1_200_000));
        assert_eq!(row.unit_id, unit_id(&app, "Omsorgsenheten"));
        assert_eq!(row.project_lead_id, Some(app.user_id("projektledare2")));
        assert_eq!(row.commissioner_id, Some(app.user_id("lars.dahl")));
        assert_eq!(
            row.planned_end.map(|d| d.to_string()).as_deref(),
            Some("2027-12-31")
        );

        let page = register(&app, &[("q", &code)]).await;
        assert_eq!(phases(&page), [(code.clone(), "Idé".to_owned())]);
        let page = register(&app, &[("phase", "idea")]).await;
        assert!(codes(&page).contains(&code));
    }
    assert_eq!(project_count(&app), 12);
}

#[tokio::test]
async fn a_project_with_only_the_required_fields_is_registered() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let unit = unit_id(&app, "Stab och utveckling").to_string();
    let page = app
        .post(
            "/projects",
            &[("code", "IDE-1"), ("name", "En idé"), ("unit_id", &unit)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let row = project(&app, app.project_id("IDE-1"));
    assert_eq!(row.project_lead_id, None);
    assert_eq!(row.budget_sek, None);
    assert_eq!(row.description, "");
}

#[tokio::test]
async fn bad_input_is_shown_beside_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let valid = valid_project(&app, "DIG-2027-011");
    let cases: &[(&str, &str, &str, &str)] = &[
        // (field sent, value, field with the error, message)
        ("name", "", "name", "Fyll i fältet."),
        ("name", "   ", "name", "Fyll i fältet."),
        (
            "code",
            "2027 011",
            "code",
            "Projektkoden ska ha 3–20 tecken: versaler, siffror och bindestreck, och börja med en bokstav (till exempel DIG-2026-011).",
        ),
        ("code", "", "code", "Fyll i fältet."),
        (
            "planned_end",
            "2027-01-14",
            "planned_end",
            "Slutdatumet kan inte ligga före startdatumet.",
        ),
        (
            "planned_start",
            "2027-02-30",
            "planned_start",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            "budget_sek",
            "-100",
            "budget_sek",
            "Beloppet kan inte vara negativt.",
        ),
        (
            "budget_sek",
            "12,5",
            "budget_sek",
            "Skriv beloppet i hela kronor, med bara siffror.",
        ),
        (
            "unit_id",
            "99999",
            "unit_id",
            "Välj ett av alternativen i listan.",
        ),
        (
            "unit_id",
            "",
            "unit_id",
            "Välj den enhet projektet hör till.",
        ),
        (
            "project_lead_id",
            "99999",
            "project_lead_id",
            "Välj ett av alternativen i listan.",
        ),
        (
            "commissioner_id",
            "abc",
            "commissioner_id",
            "Välj ett av alternativen i listan.",
        ),
        (
            "code",
            "dig-2025-002",
            "code",
            "Ett annat projekt har redan den koden.",
        ),
    ];
    let before = project_count(&app);
    for (field, value, error_field, message) in cases {
        let sent = with(&valid, field, value);
        let page = post_fields(&app, "/projects", &sent).await;
        let case = format!("{field}={value:?}");
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(page.h1(), "Nytt projekt", "{case}");
        assert_eq!(
            page.field_error(error_field).as_deref(),
            Some(*message),
            "{case}"
        );
        // Only the bad field is marked.
        assert_eq!(page.texts(".field-error").len(), 1, "{case}");
        let summary = page.text(".error-summary").expect("an error summary");
        assert!(summary.contains(message), "{case}: {summary}");
        assert_eq!(
            page.attr(".error-summary a", "href"),
            Some(format!("#{error_field}")),
            "{case}"
        );
        // What was typed is still there.
        for name in ["code", "name", "planned_start", "planned_end", "budget_sek"] {
            let typed = sent.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            assert_eq!(page.input_value(name), typed, "{case}: {name}");
        }
        assert_eq!(
            page.text("textarea[name=description]").as_deref(),
            Some("Närvaron registreras i en app i stället för på papper."),
            "{case}"
        );
        if *field != "unit_id" {
            assert_eq!(
                page.attr("select[name=unit_id] option[selected]", "value"),
                Some(unit_id(&app, "Omsorgsenheten").to_string()),
                "{case}"
            );
        }
        assert_eq!(project_count(&app), before, "{case}: nothing saved");
    }

    // Every problem at once.
    let sent = owned(&[
        ("code", "x"),
        ("name", ""),
        ("unit_id", ""),
        ("budget_sek", "-1"),
    ]);
    let page = post_fields(&app, "/projects", &sent).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["code", "name", "unit_id", "budget_sek"] {
        assert!(page.field_error(field).is_some(), "{field}");
    }
    assert_eq!(page.texts(".error-summary li").len(), 4);
    assert_eq!(project_count(&app), before);
}

/// Opens the edit form of `id` and checks it is served.
async fn edit_form(app: &TestApp, id: i64) -> Page {
    let page = app.get(&format!("/projects/{id}/edit")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page
}

#[tokio::test]
async fn the_development_manager_edits_a_project() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let id = app.project_id("DIG-2025-003");
    let before = project(&app, id);
    let page = edit_form(&app, id).await;
    assert_eq!(page.h1(), "Ändra DIG-2025-003");
    let form = form_fields(&page);
    assert_eq!(page.input_value("code").as_deref(), Some("DIG-2025-003"));
    assert_eq!(
        page.input_value("lock_version"),
        Some(before.lock_version.to_string())
    );
    assert_eq!(
        page.attr("select[name=project_lead_id] option[selected]", "value"),
        Some(app.user_id("projektledare2").to_string())
    );
    assert_eq!(page.input_value("budget_sek").as_deref(), Some("2300000"));

    let mut sent = with(&form, "name", "Digitalt försörjningsstöd, etapp 2");
    sent = with(&sent, "budget_sek", "2 500 000");
    sent = with(
        &sent,
        "project_lead_id",
        &app.user_id("projektledare").to_string(),
    );
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &sent).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/projects/{id}?saved=1").as_str())
    );

    let after = project(&app, id);
    assert_eq!(after.name, "Digitalt försörjningsstöd, etapp 2");
    assert_eq!(after.budget_sek, Some(2_500_000));
    assert_eq!(after.project_lead_id, Some(app.user_id("projektledare")));
    assert_eq!(after.code, before.code);
    assert_eq!(after.description, before.description);
    assert_eq!(after.planned_start, before.planned_start);
    assert_eq!(after.phase, before.phase, "editing never changes the phase");
    assert_eq!(after.lock_version, before.lock_version + 1);

    let page = app.get(&format!("/projects/{id}?saved=1")).await;
    assert_eq!(page.h1(), "DIG-2025-003 Digitalt försörjningsstöd, etapp 2");
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Projektet är sparat.")
    );

    // Bad input on edit: 422, the message, the input kept, nothing saved.
    let page = edit_form(&app, id).await;
    let sent = with(&form_fields(&page), "planned_end", "2000-01-01");
    let sent = with(&sent, "name", "Ett nytt namn");
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &sent).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("planned_end").as_deref(),
        Some("Slutdatumet kan inte ligga före startdatumet.")
    );
    assert_eq!(page.input_value("name").as_deref(), Some("Ett nytt namn"));
    assert!(page.text(".error-summary").is_some());
    assert_eq!(project(&app, id).name, "Digitalt försörjningsstöd, etapp 2");

    // Another project's code is taken; the project's own is not.
    let page = edit_form(&app, id).await;
    let sent = with(&form_fields(&page), "code", "DIG-2025-002");
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &sent).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("code").as_deref(),
        Some("Ett annat projekt har redan den koden.")
    );
    assert_eq!(project(&app, id).code, "DIG-2025-003");
}

#[tokio::test]
async fn a_stale_form_answers_conflict_keeps_the_input_and_saves_nothing() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let id = app.project_id("DIG-2026-008");
    let page = edit_form(&app, id).await;
    let stale = form_fields(&page);
    let version = project(&app, id).lock_version;

    // Someone saves first, from the same form.
    let first = with(&stale, "name", "Först sparat");
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &first).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The second save is based on the old version.
    let second = with(&stale, "name", "Sparat för sent");
    let second = with(&second, "budget_sek", "123 456");
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &second).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    let alert = page
        .text(".error-summary")
        .expect("the conflict is explained");
    assert!(
        alert.contains("Någon annan har sparat under tiden"),
        "{alert}"
    );
    assert_eq!(page.input_value("name").as_deref(), Some("Sparat för sent"));
    assert_eq!(page.input_value("budget_sek").as_deref(), Some("123 456"));
    // A new save is based on the version now stored.
    assert_eq!(
        page.input_value("lock_version"),
        Some((version + 1).to_string())
    );

    let row = project(&app, id);
    assert_eq!(row.name, "Först sparat");
    assert_eq!(row.budget_sek, Some(980_000));
    assert_eq!(row.lock_version, version + 1);

    // A form without a version never overwrites anything.
    let without: Vec<(String, String)> = second
        .iter()
        .filter(|(k, _)| k != "lock_version")
        .cloned()
        .collect();
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &without).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(project(&app, id).name, "Först sparat");

    // Saving the conflict page again (its fresh version) goes through.
    let page = post_fields(
        &app,
        &format!("/projects/{id}/edit"),
        &with(&second, "lock_version", &(version + 1).to_string()),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(project(&app, id).name, "Sparat för sent");
}

#[tokio::test]
async fn a_project_lead_edits_only_the_description_of_their_own_project() {
    let app = spawn_app().await;
    app.login_as("projektledare").await;
    let id = app.project_id("DIG-2025-002");
    let before = project(&app, id);

    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(
        page.attr("a.button[href$=\"/edit\"]", "href"),
        Some(format!("/projects/{id}/edit"))
    );
    let page = edit_form(&app, id).await;
    assert_eq!(page.h1(), "Ändra DIG-2025-002");
    for field in [
        "code",
        "name",
        "unit_id",
        "project_lead_id",
        "commissioner_id",
        "planned_start",
        "planned_end",
        "budget_sek",
    ] {
        assert!(
            page.attr(&format!("[name={field}]"), "name").is_none(),
            "the lead's form has no {field} field"
        );
    }
    assert_eq!(
        page.text("textarea[name=description]").as_deref(),
        Some(before.description.as_str())
    );
    let lock_version = page.input_value("lock_version").expect("a lock version");

    // Other fields sent along are ignored.
    let unit = unit_id(&app, "Stab och utveckling").to_string();
    let page = app
        .post(
            &format!("/projects/{id}/edit"),
            &[
                ("lock_version", &lock_version),
                ("description", "Ny lägesbeskrivning: kön är borta."),
                ("code", "HACK-1"),
                ("name", "Kapat projekt"),
                ("unit_id", &unit),
                ("project_lead_id", ""),
                ("commissioner_id", ""),
                ("planned_start", "2030-01-01"),
                ("planned_end", "2030-12-31"),
                ("budget_sek", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/projects/{id}?saved=1").as_str())
    );
    let after = project(&app, id);
    assert_eq!(after.description, "Ny lägesbeskrivning: kön är borta.");
    assert_eq!(after.code, before.code);
    assert_eq!(after.name, before.name);
    assert_eq!(after.unit_id, before.unit_id);
    assert_eq!(after.project_lead_id, before.project_lead_id);
    assert_eq!(after.commissioner_id, before.commissioner_id);
    assert_eq!(after.planned_start, before.planned_start);
    assert_eq!(after.planned_end, before.planned_end);
    assert_eq!(after.budget_sek, before.budget_sek);
    assert_eq!(after.lock_version, before.lock_version + 1);

    // A description that is too long is refused beside the field.
    let page = edit_form(&app, id).await;
    let lock_version = page.input_value("lock_version").expect("a lock version");
    let long = "x".repeat(10_001);
    let page = app
        .post(
            &format!("/projects/{id}/edit"),
            &[("lock_version", &lock_version), ("description", &long)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("description").as_deref(),
        Some("Texten är för lång.")
    );
    assert!(page.text(".error-summary").is_some());
    assert_eq!(
        project(&app, id).description,
        "Ny lägesbeskrivning: kön är borta."
    );
}

#[tokio::test]
async fn a_project_lead_may_not_edit_a_project_they_do_not_lead() {
    let app = spawn_app().await;
    app.login_as("projektledare").await;
    let id = app.project_id("DIG-2025-003");
    let before = project(&app, id);

    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.attr("a.button[href$=\"/edit\"]", "href").is_none());

    let page = app.get(&format!("/projects/{id}/edit")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.h1(), "Åtkomst nekad");
    let page = app
        .post(
            &format!("/projects/{id}/edit"),
            &[
                ("lock_version", &before.lock_version.to_string()),
                ("description", "Kapad beskrivning"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let after = project(&app, id);
    assert_eq!(after.description, before.description);
    assert_eq!(after.lock_version, before.lock_version);

    // They may register an idea, though (see rules.rs).
    assert_eq!(app.get("/projects/new").await.status, StatusCode::OK);
}

#[tokio::test]
async fn readers_may_not_register_and_only_portfolio_owners_and_leads_edit() {
    let mut app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    let before = project(&app, id);
    let count = project_count(&app);
    for username in ["lasare", "ledamot"] {
        app.fresh_client().await;
        app.login_as(username).await;
        if username == "lasare" {
            // Anyone with an account except a reader registers ideas.
            let page = app.get("/projects").await;
            assert!(
                page.attr("a[href=\"/projects/new\"]", "href").is_none(),
                "{username}"
            );
            let page = app.get("/projects/new").await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{username}");
            let page = post_fields(&app, "/projects", &valid_project(&app, "DIG-2027-011")).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{username}");
        }
        let page = app.get(&format!("/projects/{id}/edit")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{username}");
        let sent = with(
            &valid_project(&app, "DIG-2025-002"),
            "name",
            "Ändrat av obehörig",
        );
        let mut sent = sent;
        sent.push(("lock_version".into(), before.lock_version.to_string()));
        let page = post_fields(&app, &format!("/projects/{id}/edit"), &sent).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{username}");
        assert_eq!(page.h1(), "Åtkomst nekad");
    }
    assert_eq!(project_count(&app), count);
    let after = project(&app, id);
    assert_eq!(after.name, before.name);
    assert_eq!(after.lock_version, before.lock_version);
}

#[tokio::test]
async fn unknown_projects_are_not_found() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    for path in [
        "/projects/99999",
        "/projects/abc",
        "/projects/0",
        "/projects/-1",
        "/projects/99999/edit",
        "/projects/abc/edit",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        assert_eq!(page.h1(), "Sidan finns inte", "GET {path}");
    }
    let count = project_count(&app);
    for path in ["/projects/99999/edit", "/projects/abc/edit"] {
        let fields = valid_project(&app, "DIG-2027-099");
        let page = post_fields(&app, path, &fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(project_count(&app), count);
}

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let id = app.project_id("DIG-2025-002");
    let before = project(&app, id);
    let count = project_count(&app);
    let page = edit_form(&app, id).await;
    let edited = with(&form_fields(&page), "name", "Förfalskad ändring");
    let new = valid_project(&app, "DIG-2027-011");
    for token in [None, Some("wrong"), Some("")] {
        for (path, fields) in [
            ("/projects".to_owned(), &new),
            (format!("/projects/{id}/edit"), &edited),
        ] {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let page = app.post_with_token(&path, &fields, token).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {token:?}");
            assert_eq!(page.h1(), "Åtkomst nekad");
        }
    }
    assert_eq!(project_count(&app), count);
    let after = project(&app, id);
    assert_eq!(after.name, before.name);
    assert_eq!(after.lock_version, before.lock_version);

    // The same posts with the session's token go through, so the token was the only problem.
    let page = post_fields(&app, &format!("/projects/{id}/edit"), &edited).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = post_fields(&app, "/projects", &new).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn phase_names_follow_the_language() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app
        .post("/language", &[("lang", "en"), ("next", "/projects")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/projects"));

    let page = register(&app, &[]).await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Projects");
    let english: Vec<(String, String)> = DEMO_PHASES
        .iter()
        .map(|(code, sv)| {
            let en = match *sv {
                "Idé" => "Idea",
                "Förstudie" => "Pre-study",
                "Planering" => "Planning",
                "Genomförande" => "Execution",
                "Avslut" => "Closing",
                "Förvaltning" => "In maintenance",
                "Avbruten" => "Cancelled",
                other => panic!("unknown phase {other}"),
            };
            ((*code).to_owned(), en.to_owned())
        })
        .collect();
    assert_eq!(phases(&page), english);
    // The phase filter offers the English names too.
    let options = page.texts("select[name=phase] option");
    assert!(
        options.contains(&"In maintenance".to_owned()),
        "{options:?}"
    );

    let id = app.project_id("DIG-2025-002");
    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(
        page.text("dl.definition-list dd .badge").as_deref(),
        Some("Execution")
    );
}

#[tokio::test]
async fn a_deactivated_lead_is_kept_when_the_project_is_edited() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-003");
    let lead = app.user_id("projektledare2");
    app.with_db(|conn| {
        styr::db::users::update_account(
            conn,
            lead,
            "Elin Strand",
            styr::domain::role::Role::ProjectLead,
            false,
        )
        .expect("deactivated")
    });
    app.login_as("utvecklingschef").await;
    let page = app.get(&format!("/projects/{id}/edit")).await;
    assert_eq!(
        page.attr("#project_lead_id option[selected]", "value"),
        Some(lead.to_string())
    );
    let fields: Vec<(String, String)> = [
        "code",
        "name",
        "description",
        "unit_id",
        "project_lead_id",
        "commissioner_id",
        "planned_start",
        "planned_end",
        "budget_sek",
        "lock_version",
    ]
    .iter()
    .map(|name| {
        let value = page
            .input_value(name)
            .or_else(|| page.attr(&format!("#{name} option[selected]"), "value"))
            .or_else(|| page.text(&format!("textarea#{name}")))
            .unwrap_or_default();
        (name.to_string(), value)
    })
    .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page = app.post(&format!("/projects/{id}/edit"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = app.with_db(|conn| {
        styr::db::projects::row(conn, id)
            .expect("query")
            .expect("row")
    });
    assert_eq!(saved.project_lead_id, Some(lead));
}

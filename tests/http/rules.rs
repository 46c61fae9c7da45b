//! The rules of issue 6: dates follow the facts, four eyes, execution needs a chair, closed records
//! and who registers ideas. Each refusal answers 422 with the reason on the same page, keeps what
//! was typed, and saves nothing.

use reqwest::StatusCode;

use crate::helpers::*;

const CLOSED: &str = "Projektet är i förvaltning eller avbrutet: dess akt är stängd och tar inte \
                      emot nya versioner, ledamöter, möten eller utkast till slutrapport.";

/// What a project's record holds: directive and plan versions, steering group members, meetings,
/// decisions and the closing report; a refused request must leave all of it as it was.
fn record(app: &TestApp, id: i64) -> (usize, usize, usize, usize, usize, Option<String>) {
    app.with_db(|conn| {
        let directives = styr::db::directives::versions(conn, id)
            .expect("query")
            .len();
        let plans = styr::db::plans::versions(conn, id).expect("query").len();
        let members = styr::db::steering::members(conn, id).expect("query").len();
        let meetings = styr::db::steering::meetings(conn, id).expect("query").len();
        let decisions = styr::db::decisions::for_project(conn, id)
            .expect("query")
            .len();
        let report = styr::db::closing::find(conn, id)
            .expect("query")
            .map(|r| r.outcome);
        (directives, plans, members, meetings, decisions, report)
    })
}

fn newest_directive(app: &TestApp, id: i64) -> i64 {
    app.with_db(|conn| {
        styr::db::directives::versions(conn, id)
            .expect("query")
            .first()
            .expect("a version")
            .row
            .id
    })
}

fn newest_plan(app: &TestApp, id: i64) -> i64 {
    app.with_db(|conn| {
        styr::db::plans::newest(conn, id)
            .expect("query")
            .expect("a plan")
            .id
    })
}

fn member_id(app: &TestApp, id: i64, name: &str) -> i64 {
    app.with_db(|conn| {
        styr::db::steering::members(conn, id)
            .expect("query")
            .into_iter()
            .find(|m| m.display_name == name)
            .expect("the member")
            .id
    })
}

#[tokio::test]
async fn a_cancelled_project_takes_no_new_versions() {
    let app = spawn_app().await;
    // DIG-2026-009 is cancelled; the development manager commissions it.
    let id = app.project_id("DIG-2026-009");
    let directive = newest_directive(&app, id);
    let before = record(&app, id);
    app.login_as("utvecklingschef").await;

    let page = app
        .post(&format!("/projects/{id}/directive/{directive}/revise"), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );

    let page = app
        .post(
            &format!("/projects/{id}/directive"),
            &[("kind", "pre_study"), ("purpose", "Ett nytt syfte")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );
    assert_eq!(page.text("#purpose").as_deref(), Some("Ett nytt syfte"));

    let page = app.post(&format!("/projects/{id}/plan"), &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(CLOSED));

    let karin = app.user_id("karin.holm").to_string();
    let page = app
        .post(
            &format!("/projects/{id}/steering-group"),
            &[("user_id", &karin), ("role", "chair")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );
    assert_eq!(
        page.attr("#user_id option[selected]", "value").as_deref(),
        Some(karin.as_str())
    );
    assert_eq!(record(&app, id), before, "nothing was saved");
    assert_eq!(app.phase_of(id), "cancelled");

    // Reading still works.
    let page = app
        .get(&format!("/projects/{id}/directive/{directive}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.attr("form[action$=\"/revise\"]", "action").is_none());
}

#[tokio::test]
async fn a_project_in_maintenance_takes_no_members_meetings_plans_or_closing_report() {
    let app = spawn_app().await;
    // DIG-2024-001 is in maintenance; Karin Holm chairs its steering group.
    let id = app.project_id("DIG-2024-001");
    let plan = newest_plan(&app, id);
    let member = member_id(&app, id, "Johan Ek");
    let before = record(&app, id);

    app.login_as("utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{id}/steering-group/{member}/remove"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );
    let page = app
        .post(&format!("/projects/{id}/plan/{plan}/revise"), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(CLOSED));
    // The plan's page offers no step on a closed record.
    let page = app.get(&format!("/projects/{id}/plan/{plan}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.attr("form[action$=\"/revise\"]", "action").is_none());
    app.logout().await;

    app.login_as("karin.holm").await;
    // The steering group's page says the record is closed and offers no forms.
    let page = app.get(&format!("/projects/{id}/steering-group")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("#steering_closed").as_deref(), Some(CLOSED));
    assert!(page.text("form[action$=meetings]").is_none());
    let page = app
        .post(
            &format!("/projects/{id}/steering-group/meetings"),
            &[
                ("held_on", &today()),
                ("attendees", "Karin Holm"),
                ("decision_1", "Nyttan följs upp i juni."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );
    assert_eq!(
        page.text("#decision_1").as_deref(),
        Some("Nyttan följs upp i juni.")
    );
    app.logout().await;

    app.login_as("projektledare").await;
    let page = app
        .post(
            &format!("/projects/{id}/closing-report"),
            &[("outcome", "Ändrat utfall"), ("lock_version", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .unwrap_or_default()
            .contains(CLOSED)
    );

    assert_eq!(record(&app, id), before, "nothing was saved");
}

#[tokio::test]
async fn execution_needs_a_steering_group_with_a_chair() {
    let app = spawn_app().await;
    // DIG-2025-004 is in planning with its plan submitted; Peter Wallin chairs its steering group.
    let id = app.project_id("DIG-2025-004");
    let plan = newest_plan(&app, id);
    app.login_as("peter.wallin").await;
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;

    // The development manager removes the chair, then tries to start execution.
    app.login_as("utvecklingschef").await;
    let chair = member_id(&app, id, "Peter Wallin");
    let page = app
        .post(
            &format!("/projects/{id}/steering-group/{chair}/remove"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let before = record(&app, id);
    let page = app
        .post(
            &format!("/projects/{id}/phase"),
            &[
                ("phase", "execution"),
                ("decided_on", &today()),
                ("text", "Genomförandet startar."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Genomförande kräver en fungerande styrgrupp: utse först dess ordförande.")
    );
    assert_eq!(
        page.text("#text").as_deref(),
        Some("Genomförandet startar.")
    );
    assert_eq!(app.phase_of(id), "planning");
    assert_eq!(record(&app, id), before, "nothing was saved");

    // With a chair again, the steering group's decision goes through.
    let peter = app.user_id("peter.wallin").to_string();
    let page = app
        .post(
            &format!("/projects/{id}/steering-group"),
            &[("user_id", &peter), ("role", "chair")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(
            &format!("/projects/{id}/phase"),
            &[
                ("phase", "execution"),
                ("decided_on", &today()),
                ("text", "Genomförandet startar."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.phase_of(id), "execution");
}

#[tokio::test]
async fn the_lead_does_not_chair_the_project_s_steering_group() {
    let app = spawn_app().await;
    // DIG-2026-007 is an idea with no lead and no steering group.
    let id = app.project_id("DIG-2026-007");
    let lead = app.user_id("projektledare").to_string();
    let karin = app.user_id("karin.holm").to_string();
    app.login_as("utvecklingschef").await;

    // Make Johan Ek the lead.
    let form = app.get(&format!("/projects/{id}/edit")).await;
    let fields = edit_fields(&form, &[("project_lead_id", &lead)]);
    let page = post_owned(&app, &format!("/projects/{id}/edit"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The lead may not chair the group …
    let path = format!("/projects/{id}/steering-group");
    let page = app
        .post(&path, &[("user_id", &lead), ("role", "chair")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("role").as_deref(),
        Some(
            "Projektledaren kan inte vara ordförande i projektets egen styrgrupp (fyra ögon): \
             välj en annan ordförande."
        )
    );
    assert_eq!(
        page.attr("#user_id option[selected]", "value").as_deref(),
        Some(lead.as_str())
    );
    let members = || app.with_db(|conn| styr::db::steering::members(conn, id).expect("query"));
    assert!(members().is_empty(), "nothing was saved");
    // … but may sit in it.
    let page = app
        .post(&path, &[("user_id", &lead), ("role", "co_opted")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(&path, &[("user_id", &karin), ("role", "chair")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // Nor may the chair be made the lead.
    let form = app.get(&format!("/projects/{id}/edit")).await;
    let fields = edit_fields(&form, &[("project_lead_id", &karin)]);
    let page = post_owned(&app, &format!("/projects/{id}/edit"), &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("project_lead_id").as_deref(),
        Some(
            "Styrgruppens ordförande kan inte också leda projektet (fyra ögon): välj en annan \
             projektledare."
        )
    );
    assert_eq!(
        page.attr("#project_lead_id option[selected]", "value")
            .as_deref(),
        Some(karin.as_str())
    );
    let lead_now = app.with_db(|conn| {
        styr::db::projects::row(conn, id)
            .expect("query")
            .expect("project")
            .project_lead_id
    });
    assert_eq!(lead_now, Some(app.user_id("projektledare")), "unchanged");
}

/// The fields of the project edit form as served, with `changes` made.
fn edit_fields(page: &Page, changes: &[(&str, &str)]) -> Vec<(String, String)> {
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
        let value = page
            .attr(&format!("select[name={name}] option[selected]"), "value")
            .unwrap_or_default();
        fields.push((name.to_owned(), value));
    }
    if let Some(description) = page.text("textarea[name=description]") {
        fields.push(("description".to_owned(), description));
    }
    for (name, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

async fn post_owned(app: &TestApp, path: &str, fields: &[(String, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await
}

#[tokio::test]
async fn anyone_but_a_reader_registers_an_idea() {
    let mut app = spawn_app().await;
    let unit = app.with_db(|conn| {
        styr::db::units::units(conn)
            .expect("query")
            .first()
            .expect("a unit")
            .id
    });
    let unit = unit.to_string();
    let someone = app.user_id("karin.holm").to_string();
    for (username, code) in [
        ("projektledare", "DIG-2027-101"),
        ("ledamot", "DIG-2027-102"),
    ] {
        app.fresh_client().await;
        app.login_as(username).await;
        let page = app.get("/projects").await;
        assert!(
            page.attr("a[href=\"/projects/new\"]", "href").is_some(),
            "{username}"
        );
        // The form registers an idea: no lead or commissioner to appoint.
        let page = app.get("/projects/new").await;
        assert_eq!(page.status, StatusCode::OK, "{username}");
        assert!(page.text("select[name=project_lead_id]").is_none());
        assert!(page.text("select[name=commissioner_id]").is_none());

        // Bad input is refused as for anyone, and the input is kept.
        let page = app
            .post(
                "/projects",
                &[("code", code), ("name", " "), ("unit_id", &unit)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.input_value("code").as_deref(), Some(code));

        // A lead or commissioner posted anyway is not theirs to appoint.
        let page = app
            .post(
                "/projects",
                &[
                    ("code", code),
                    ("name", "Digital kallelse till möten"),
                    ("unit_id", &unit),
                    ("project_lead_id", &someone),
                    ("commissioner_id", &someone),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let row = app.with_db(|conn| {
            styr::db::projects::register(conn, &Default::default())
                .expect("query")
                .into_iter()
                .find(|p| p.project.code == code)
                .expect("registered")
                .project
        });
        assert_eq!(row.phase, "idea", "{username}");
        assert_eq!(row.project_lead_id, None, "{username}");
        assert_eq!(row.commissioner_id, None, "{username}");
    }
}

const OWN_VERSION: &str = "Du har skrivit eller lämnat in den här versionen och beslutar därför inte \
                           om den (fyra ögon). Någon annan som beslutar för organet måste göra det.";

fn plan_status(app: &TestApp, id: i64, plan: i64) -> String {
    app.with_db(|conn| {
        styr::db::plans::find(conn, id, plan)
            .expect("query")
            .expect("the plan")
            .status
    })
}

#[tokio::test]
async fn the_development_manager_does_not_approve_a_plan_they_submitted() {
    let app = spawn_app().await;
    // DIG-2025-004's plan is submitted; Peter Wallin chairs the steering group.
    let id = app.project_id("DIG-2025-004");
    let plan = newest_plan(&app, id);
    app.login_as("peter.wallin").await;
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/return"),
            &[
                ("decided_on", &today()),
                ("reason", "Riskerna saknar ägare."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;

    // The development manager submits it again, and may then not approve it.
    app.login_as("utvecklingschef").await;
    let page = app
        .post(&format!("/projects/{id}/plan/{plan}/submit"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let before = record(&app, id);
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &today()), ("text", "Godkänd.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(OWN_VERSION), "{}", page.body);
    assert_eq!(page.text("#text").as_deref(), Some("Godkänd."));
    assert_eq!(record(&app, id), before, "nothing was saved");
    assert_eq!(plan_status(&app, id, plan), "submitted");
    app.logout().await;

    // The chair, who wrote none of it, approves.
    app.login_as("peter.wallin").await;
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &today()), ("text", "Godkänd.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(plan_status(&app, id, plan), "approved");
}

#[tokio::test]
async fn a_plan_the_chair_submitted_goes_to_the_body_above() {
    let app = spawn_app().await;
    // In DIG-2026-010 the development manager chairs the steering group; the plan is a draft.
    let id = app.project_id("DIG-2026-010");
    let plan = newest_plan(&app, id);
    app.login_as("utvecklingschef").await;
    let page = app
        .post(&format!("/projects/{id}/plan/{plan}/submit"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // The chair submitted it, and the development manager above the steering group is the same
    // person: the management group decides.
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    app.logout().await;
    app.login_as("ledamot").await;
    let page = app.get(&format!("/projects/{id}/plan/{plan}")).await;
    assert!(page.attr("form[action$=\"/approve\"]", "action").is_some());
    assert_eq!(
        page.text("#plan_escalated").as_deref(),
        Some(
            "Styrgruppens ordförande har skrivit den här versionen, så Ledningsgruppen beslutar \
             om den (fyra ögon)."
        )
    );
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &today()), ("text", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let decision = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, id)
            .expect("query")
            .pop()
            .expect("the approval")
            .0
    });
    assert_eq!(decision.body, "management_group");
    assert_eq!(decision.kind, "plan_approved");
}

fn days_ago(days: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(days)).to_string()
}

#[tokio::test]
async fn an_approval_is_not_dated_before_the_submission_it_approves() {
    let app = spawn_app().await;
    // DIG-2025-004's plan was submitted three days ago; Peter Wallin chairs the steering group.
    let id = app.project_id("DIG-2025-004");
    let plan = newest_plan(&app, id);
    let before = record(&app, id);
    app.login_as("peter.wallin").await;
    for (date, message) in [
        (
            "2001-01-01",
            "Beslutet kan inte dateras före den dag versionen lämnades in.",
        ),
        (
            days_ago(4).as_str(),
            "Beslutet kan inte dateras före den dag versionen lämnades in.",
        ),
    ] {
        let page = app
            .post(
                &format!("/projects/{id}/plan/{plan}/approve"),
                &[("decided_on", date), ("text", "Godkänd.")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        assert_eq!(page.field_error("decided_on").as_deref(), Some(message));
        assert_eq!(page.input_value("decided_on").as_deref(), Some(date));
    }
    assert_eq!(record(&app, id), before, "nothing was saved");
    assert_eq!(plan_status(&app, id, plan), "submitted");
    let page = app
        .post(
            &format!("/projects/{id}/plan/{plan}/approve"),
            &[("decided_on", &days_ago(3)), ("text", "Godkänd.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // Execution rests on the plan's approval.
    let page = app
        .post(
            &format!("/projects/{id}/phase"),
            &[
                ("phase", "execution"),
                ("decided_on", &days_ago(4)),
                ("text", "Genomförandet startar."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("decided_on").as_deref(),
        Some("Genomförandet kan inte beslutas före godkännandet av projektplanen.")
    );
    assert_eq!(app.phase_of(id), "planning");
    let page = app
        .post(
            &format!("/projects/{id}/phase"),
            &[
                ("phase", "execution"),
                ("decided_on", &days_ago(3)),
                ("text", "Genomförandet startar."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn a_directive_approval_dated_2001_is_refused() {
    let app = spawn_app().await;
    // DIG-2026-007's draft directive, by Sofia Ahmed, who commissions the idea.
    let id = app.project_id("DIG-2026-007");
    let directive = newest_directive(&app, id);
    app.login_as("utvecklingschef").await;
    // Complete the draft enough to submit it.
    let form = app
        .get(&format!("/projects/{id}/directive/{directive}/edit"))
        .await;
    let lock = form.input_value("lock_version").expect("a lock version");
    let page = app
        .post(
            &format!("/projects/{id}/directive/{directive}/edit"),
            &[
                ("lock_version", &lock),
                ("background", "Brev till vårdnadshavare."),
                ("purpose", "Säkra meddelanden."),
                ("goal_1", "Brev ersätts av säkra meddelanden"),
                ("scope", "Handläggare och vårdnadshavare."),
                ("deliverables", "En meddelandetjänst."),
                ("time_frame_start", "2027-01-01"),
                ("time_frame_end", "2027-12-31"),
                ("budget_frame_sek", "100 000"),
                ("resources", "En projektledare."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;
    app.login_as("sofia.ahmed").await;
    let page = app
        .post(&format!("/projects/{id}/directive/{directive}/submit"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;

    // The development manager edited it, so the management group decides.
    app.login_as("ledamot").await;
    let before = record(&app, id);
    let page = app
        .post(
            &format!("/projects/{id}/directive/{directive}/approve"),
            &[("decided_on", "2001-01-01"), ("text", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("approve_decided_on").as_deref(),
        Some("Beslutet kan inte dateras före den dag versionen lämnades in.")
    );
    assert_eq!(
        page.attr("#approve_decided_on", "value").as_deref(),
        Some("2001-01-01")
    );
    assert_eq!(record(&app, id), before, "nothing was saved");
    let decisions_2001 = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, id)
            .expect("query")
            .into_iter()
            .filter(|(d, _)| d.year == 2001)
            .count()
    });
    assert_eq!(decisions_2001, 0);
}

#[tokio::test]
async fn nothing_is_decided_before_the_project_was_registered() {
    let app = spawn_app().await;
    // The idea DIG-2026-007 was registered two weeks ago.
    let idea = app.project_id("DIG-2026-007");
    let before = record(&app, idea);
    app.login_as("utvecklingschef").await;
    let page = app
        .post(
            &format!("/projects/{idea}/phase"),
            &[
                ("phase", "cancelled"),
                ("decided_on", &days_ago(20)),
                ("text", "Avbryts."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("decided_on").as_deref(),
        Some("Ett beslut kan inte dateras före den dag projektet registrerades.")
    );
    assert_eq!(record(&app, idea), before, "nothing was saved");
    assert_eq!(app.phase_of(idea), "idea");
    app.logout().await;

    // Nor is a steering group meeting held, with its decisions, before it.
    let running = app.project_id("DIG-2025-002");
    let before = record(&app, running);
    app.login_as("karin.holm").await;
    let page = app
        .post(
            &format!("/projects/{running}/steering-group/meetings"),
            &[
                ("held_on", "2001-01-01"),
                ("attendees", "Karin Holm"),
                ("decision_1", "Piloten förlängs."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("held_on").as_deref(),
        Some("Ett beslut kan inte dateras före den dag projektet registrerades.")
    );
    assert_eq!(
        page.text("#decision_1").as_deref(),
        Some("Piloten förlängs.")
    );
    assert_eq!(record(&app, running), before, "nothing was saved");
}

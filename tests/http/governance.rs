//! Phase decisions on the project page, the steering group, the closing report and the audit trail.

use diesel::connection::SimpleConnection;
use reqwest::StatusCode;

use crate::helpers::*;

fn decision_count(app: &TestApp, id: i64) -> usize {
    app.with_db(|conn| {
        styr::db::decisions::for_project(conn, id)
            .expect("query")
            .len()
    })
}

fn audit_count(app: &TestApp, project: Option<i64>) -> usize {
    app.with_db(|conn| {
        styr::db::audit::entries(conn, project, 10_000)
            .expect("query")
            .len()
    })
}

async fn decide(app: &TestApp, id: i64, phase: &str, text: &str) -> Page {
    let today = today();
    app.post(
        &format!("/projects/{id}/phase"),
        &[("phase", phase), ("decided_on", &today), ("text", text)],
    )
    .await
}

#[tokio::test]
async fn the_development_manager_cancels_an_idea_and_the_decision_is_on_record() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    app.login_as("utvecklingschef").await;

    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text(".phase-track [aria-current=step]").as_deref(),
        Some("Idé")
    );
    assert!(
        page.text("#phase-decision").is_some(),
        "the form is offered"
    );

    let page = decide(
        &app,
        id,
        "cancelled",
        "Ersätts av regionens gemensamma lösning.",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.phase_of(id), "cancelled");

    let page = app.get(&format!("/projects/{id}?saved=phase")).await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Fasbeslutet är infört.")
    );
    let row = page.texts("#decisions ~ .table-wrap tbody tr").join(" | ");
    let decision = app.with_db(|conn| {
        styr::db::decisions::latest_phase_change(conn, id)
            .expect("query")
            .expect("decision")
    });
    let reference = format!("UC {}:{}", decision.year, decision.number);
    assert!(row.contains(&reference), "{row} lacks {reference}");
    // Numbers run per body and year: this is one above the development manager's previous one.
    let previous = app.with_db(|conn| {
        use diesel::prelude::*;
        use styr::db::schema::decisions::dsl as d;
        d::decisions
            .filter(d::numbering_key.eq("development_manager"))
            .filter(d::year.eq(decision.year))
            .filter(d::id.ne(decision.id))
            .select(diesel::dsl::max(d::number))
            .first::<Option<i32>>(conn)
            .expect("query")
    });
    assert_eq!(decision.number, previous.unwrap_or(0) + 1);
    assert!(row.contains("Utvecklingschefen"), "{row}");
    assert!(row.contains("Idé → Avbruten"), "{row}");
    assert!(
        row.contains("Ersätts av regionens gemensamma lösning."),
        "{row}"
    );
    assert!(row.contains("Maria Lindqvist"), "{row}");
    assert_eq!(decision_count(&app, id), 1);
    // The decision and the project's new phase are both in the audit trail.
    let entries = app.with_db(|conn| styr::db::audit::entries(conn, Some(id), 10).expect("query"));
    let kinds: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert!(kinds.contains(&("create", "decision")), "{kinds:?}");
    assert!(kinds.contains(&("update", "project")), "{kinds:?}");

    // A cancelled project changes phase no more.
    let page = decide(&app, id, "idea", "Vi ångrar oss.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(decision_count(&app, id), 1);
}

#[tokio::test]
async fn a_change_the_table_forbids_is_refused_with_what_is_missing() {
    let app = spawn_app().await;
    let idea = app.project_id("DIG-2026-007");
    let executing = app.project_id("DIG-2025-002");
    let decisions_before = decision_count(&app, idea) + decision_count(&app, executing);
    app.login_as("utvecklingschef").await;

    let page = decide(&app, idea, "pre_study", "Förstudie beslutad.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Förstudie kräver ett godkänt förstudiedirektiv.")
    );
    assert!(page.text(".error-summary").is_some());
    assert_eq!(
        page.input_value("decided_on").as_deref(),
        Some(today().as_str())
    );
    assert_eq!(page.text("#text").as_deref(), Some("Förstudie beslutad."));

    let page = decide(&app, idea, "planning", "Planering.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Fasen kräver ett godkänt projektdirektiv.")
    );

    let page = decide(&app, executing, "idea", "Tillbaka.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Ett projekt i fasen Genomförande kan inte gå till Idé.")
    );

    let page = decide(&app, executing, "closing", "Leveransen är godkänd.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Avslut kräver en utkastad slutrapport.")
    );

    assert_eq!(app.phase_of(idea), "idea");
    assert_eq!(app.phase_of(executing), "execution");
    assert_eq!(
        decision_count(&app, idea) + decision_count(&app, executing),
        decisions_before
    );
}

#[tokio::test]
async fn bad_decision_input_is_shown_beside_the_field() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    app.login_as("utvecklingschef").await;
    let path = format!("/projects/{id}/phase");
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 5] = [
        (
            &[("phase", ""), ("decided_on", "2026-01-01"), ("text", "x")],
            "phase",
            "Välj den fas projektet ska gå till.",
        ),
        (
            &[
                ("phase", "finished"),
                ("decided_on", "2026-01-01"),
                ("text", "x"),
            ],
            "phase",
            "Välj ett av alternativen i listan.",
        ),
        (
            &[
                ("phase", "cancelled"),
                ("decided_on", "1 jan"),
                ("text", "x"),
            ],
            "decided_on",
            "Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            &[
                ("phase", "cancelled"),
                ("decided_on", "2999-01-01"),
                ("text", "x"),
            ],
            "decided_on",
            "Ett beslut kan inte dateras i framtiden.",
        ),
        (
            &[
                ("phase", "cancelled"),
                ("decided_on", "2026-01-01"),
                ("text", "  "),
            ],
            "text",
            "Fyll i fältet.",
        ),
    ];
    for (fields, field, message) in cases {
        let page = app.post(&path, fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert_eq!(
            page.field_error(field).as_deref(),
            Some(message),
            "{fields:?}"
        );
    }
    assert_eq!(app.phase_of(id), "idea");
    assert_eq!(decision_count(&app, id), 0);
}

#[tokio::test]
async fn a_decision_may_not_be_dated_before_the_previous_one() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    app.login_as("utvecklingschef").await;
    // Write a closing report, close the project today, then try to cancel it with an earlier date.
    app.logout().await;
    app.login_as("projektledare").await;
    let page = app
        .post(
            &format!("/projects/{id}/closing-report"),
            &[("outcome", "Levererat"), ("lock_version", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;
    app.login_as("utvecklingschef").await;
    let page = decide(&app, id, "closing", "Leveransen är godkänd.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app
        .post(
            &format!("/projects/{id}/phase"),
            &[
                ("phase", "cancelled"),
                ("decided_on", "2020-01-01"),
                ("text", "Avbryts."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("decided_on").as_deref(),
        Some("Beslutsdatumet kan inte ligga före projektets förra fasbeslut.")
    );
    assert_eq!(app.phase_of(id), "closing");
}

#[tokio::test]
async fn a_project_passes_from_execution_through_closing_into_maintenance() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    let chair = app.user_id("karin.holm");

    // In the demo, Karin Holm chairs the project's steering group.
    let role = app.with_db(|conn| styr::db::steering::role_of(conn, id, chair).expect("query"));
    assert_eq!(role, Some(styr::domain::steering::SteeringRole::Chair));

    // The lead drafts the closing report.
    app.login_as("projektledare").await;
    let page = app.get(&format!("/projects/{id}/closing-report")).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = app
        .post(
            &format!("/projects/{id}/closing-report"),
            &[("outcome", "E-tjänsten är i drift."), ("lock_version", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // The lead is no steering group chair: no decision for them.
    let page = decide(&app, id, "closing", "Avslut.").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    app.logout().await;

    // The chair records the steering group's decision to close.
    app.login_as("karin.holm").await;
    let page = decide(&app, id, "closing", "Leveransen är godkänd av styrgruppen.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.phase_of(id), "closing");
    // Karin is also a management group member, but maintenance needs the whole closing report.
    let page = decide(&app, id, "maintenance", "Till förvaltning.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let messages = page.text("#phase-error").unwrap_or_default();
    assert!(
        messages.contains("slutrapport med utfall mot mål"),
        "{messages}"
    );
    assert!(messages.contains("förvaltningsägare"), "{messages}");
    assert!(messages.contains("uppföljning av nyttan"), "{messages}");
    app.logout().await;

    // The lead completes the report.
    app.login_as("projektledare").await;
    let page = app.get(&format!("/projects/{id}/closing-report")).await;
    let lock = page.input_value("lock_version").expect("lock version");
    let owner = app.user_id("lars.dahl").to_string();
    let page = app
        .post(
            &format!("/projects/{id}/closing-report"),
            &[
                ("outcome", "Alla ansökningar kommer digitalt."),
                ("final_cost_sek", "812 000"),
                ("lessons", "Tidig dialog med färdtjänstens handläggare."),
                ("handover", "Förvaltningsobjektet E-tjänster tar över."),
                ("maintenance_owner_id", &owner),
                ("benefit_follow_up_on", "2099-06-30"),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.logout().await;

    // The development manager may not take the management group's decision.
    app.login_as("utvecklingschef").await;
    let page = decide(&app, id, "maintenance", "Till förvaltning.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("phase").as_deref(),
        Some("Beslutet fattas av Ledningsgruppen, och du kan inte föra in det för deras räkning.")
    );
    app.logout().await;

    // A management group member records it.
    app.login_as("ledamot").await;
    let page = decide(
        &app,
        id,
        "maintenance",
        "Projektet stängs och går över i förvaltning.",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.phase_of(id), "maintenance");
    let page = app.get(&format!("/projects/{id}")).await;
    assert_eq!(
        page.text(".phase-track [aria-current=step]").as_deref(),
        Some("Förvaltning")
    );
    let rows = page.texts("#decisions ~ .table-wrap tbody tr");
    let [.., closing, maintenance] = rows.as_slice() else {
        panic!("two decisions at least: {rows:?}")
    };
    assert!(
        closing.contains("Styrgruppen") && closing.contains("Genomförande → Avslut"),
        "{rows:?}"
    );
    assert!(
        maintenance.contains("Ledningsgruppen") && maintenance.contains("Avslut → Förvaltning"),
        "{rows:?}"
    );
    // The closing report no longer changes.
    app.logout().await;
    app.login_as("projektledare").await;
    let page = app
        .post(
            &format!("/projects/{id}/closing-report"),
            &[("outcome", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_those_who_represent_a_body_may_post_decisions() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    for user in ["admin", "lasare", "projektledare", "projektledare2"] {
        app.login_as(user).await;
        let page = app.get(&format!("/projects/{id}")).await;
        assert!(
            page.text("#phase-decision").is_none(),
            "{user} sees no form"
        );
        let page = decide(&app, id, "cancelled", "Nej.").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
    assert_eq!(decision_count(&app, id), 0);
}

#[tokio::test]
async fn unknown_projects_and_bad_tokens_are_refused() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    app.login_as("utvecklingschef").await;
    for path in ["/projects/99999/phase", "/projects/x/phase"] {
        let page = app
            .post(
                path,
                &[
                    ("phase", "cancelled"),
                    ("decided_on", "2026-01-01"),
                    ("text", "x"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        "/projects/99999/steering-group",
        "/projects/99999/closing-report",
        "/audit?project=99999",
        "/audit?project=x",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let fields = [
        ("phase", "cancelled"),
        ("decided_on", "2026-01-01"),
        ("text", "x"),
    ];
    let path = format!("/projects/{id}/phase");
    assert_eq!(
        app.post_with_token(&path, &fields, None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post_with_token(&path, &fields, Some("wrong"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let path = format!("/projects/{id}/steering-group");
    let fields = [("user_id", "1"), ("role", "member")];
    assert_eq!(
        app.post_with_token(&path, &fields, None).await.status,
        StatusCode::FORBIDDEN
    );
    let path = format!("/projects/{id}/closing-report");
    assert_eq!(
        app.post_with_token(&path, &[("outcome", "x")], None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(decision_count(&app, id), 0);
    assert_eq!(app.phase_of(id), "idea");
}

#[tokio::test]
async fn decisions_and_audit_entries_never_change() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    app.login_as("utvecklingschef").await;
    assert_eq!(
        decide(&app, id, "cancelled", "Avbryts.").await.status,
        StatusCode::SEE_OTHER
    );
    app.with_db(|conn| {
        for statement in [
            "UPDATE decisions SET text = 'ändrad'",
            "DELETE FROM decisions",
            "UPDATE audit_log SET action = 'x'",
            "DELETE FROM audit_log",
        ] {
            assert!(
                conn.batch_execute(statement).is_err(),
                "{statement} was allowed"
            );
        }
    });
    assert_eq!(decision_count(&app, id), 1);
    // No route edits or deletes a decision.
    for path in ["/decisions/1", "/decisions/1/edit", "/decisions/1/delete"] {
        assert_eq!(
            app.post(path, &[("text", "x")]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_steering_group_is_appointed_by_the_commissioner_or_the_development_manager() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    let path = format!("/projects/{id}/steering-group");
    let karin = app.user_id("karin.holm").to_string();
    let lars = app.user_id("lars.dahl").to_string();

    // Sofia Ahmed commissions the project, which has no steering group yet.
    app.login_as("sofia.ahmed").await;
    let page = app
        .post(&path, &[("user_id", &karin), ("role", "chair")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app
        .post(&path, &[("user_id", &lars), ("role", "chair")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("role").as_deref(),
        Some("Styrgruppen har redan en ordförande.")
    );
    assert_eq!(
        page.attr("#user_id option[selected]", "value").as_deref(),
        Some(lars.as_str())
    );
    let page = app
        .post(&path, &[("user_id", &karin), ("role", "member")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("user_id").as_deref(),
        Some("Personen är redan med i styrgruppen.")
    );
    let page = app
        .post(&path, &[("user_id", ""), ("role", "member")])
        .await;
    assert_eq!(
        page.field_error("user_id").as_deref(),
        Some("Välj en person.")
    );
    let page = app
        .post(&path, &[("user_id", &lars), ("role", "co_opted")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    let page = app.get(&path).await;
    assert_eq!(
        page.texts("tbody tr td:nth-child(1)"),
        vec!["Karin Holm".to_string(), "Lars Dahl".to_string()]
    );
    assert_eq!(
        page.texts("tbody tr td:nth-child(2)"),
        vec!["Ordförande".to_string(), "Adjungerad".to_string()]
    );
    let members = app.with_db(|conn| styr::db::steering::members(conn, id).expect("query"));
    let lars_member = members
        .iter()
        .find(|m| m.display_name == "Lars Dahl")
        .expect("member")
        .id;
    let page = app.post(&format!("{path}/{lars_member}/remove"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.with_db(|conn| styr::db::steering::members(conn, id).expect("query"))
            .len(),
        1
    );
    assert_eq!(
        app.post(&format!("{path}/99999/remove"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    app.logout().await;

    // Others read the group but may not change it.
    for user in ["lasare", "projektledare", "ledamot"] {
        app.login_as(user).await;
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert!(
            page.text("form[action$=steering-group]").is_none(),
            "{user}"
        );
        let page = app
            .post(&path, &[("user_id", &lars), ("role", "member")])
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
    let entries = app.with_db(|conn| styr::db::audit::entries(conn, Some(id), 10).expect("query"));
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.entity == "steering_member")
            .count(),
        3
    );
}

#[tokio::test]
async fn the_closing_report_is_written_by_the_lead_while_the_project_runs() {
    let app = spawn_app().await;
    let executing = app.project_id("DIG-2025-002");
    let planning = app.project_id("DIG-2026-010");
    let path = format!("/projects/{executing}/closing-report");

    app.login_as("projektledare").await;
    // Bad input comes back beside the field, typed values kept, nothing saved.
    let page = app
        .post(
            &path,
            &[
                ("outcome", "Nästan klart"),
                ("final_cost_sek", "-5"),
                ("benefit_follow_up_on", "2001-01-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("final_cost_sek").as_deref(),
        Some("Beloppet kan inte vara negativt.")
    );
    assert_eq!(
        page.field_error("benefit_follow_up_on").as_deref(),
        Some("Uppföljningen ska ligga efter dagens datum.")
    );
    assert_eq!(page.text("#outcome").as_deref(), Some("Nästan klart"));
    assert!(
        app.with_db(|conn| styr::db::closing::find(conn, executing).expect("query"))
            .is_none()
    );

    // In planning there is no closing report to write.
    let page = app
        .post(
            &format!("/projects/{planning}/closing-report"),
            &[("outcome", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Two people save the same version: the second is refused and sees both texts.
    let page = app
        .post(
            &path,
            &[("outcome", "Första utkastet"), ("lock_version", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let lock = app
        .get(&path)
        .await
        .input_value("lock_version")
        .expect("lock");
    let page = app
        .post(
            &path,
            &[("outcome", "Lead's version"), ("lock_version", &lock)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(
            &path,
            &[
                ("outcome", "Someone else's version"),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        page.text("#outcome").as_deref(),
        Some("Someone else's version")
    );
    assert!(
        page.text("#outcome-saved")
            .unwrap_or_default()
            .contains("Lead's version")
    );
    let saved = app.with_db(|conn| {
        styr::db::closing::find(conn, executing)
            .expect("query")
            .expect("report")
    });
    assert_eq!(saved.outcome, "Lead's version");
    app.logout().await;

    // A lead of another project, a reader and a management group member may not write it.
    for user in ["projektledare2", "lasare", "ledamot", "admin"] {
        app.login_as(user).await;
        assert_eq!(app.get(&path).await.status, StatusCode::OK, "{user}");
        let page = app
            .post(&path, &[("outcome", "x"), ("lock_version", &lock)])
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
}

#[tokio::test]
async fn the_audit_trail_is_for_the_administrator_and_the_development_manager() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2026-007");
    app.login_as("utvecklingschef").await;
    let page = app.get(&format!("/projects/{id}/edit")).await;
    let lock = page.input_value("lock_version").expect("lock");
    let page = app
        .post(
            &format!("/projects/{id}/edit"),
            &[
                ("code", "DIG-2026-007"),
                ("name", "Säker kommunikation med vårdnadshavare"),
                (
                    "unit_id",
                    &page
                        .attr("#unit_id option[selected]", "value")
                        .expect("unit"),
                ),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let before = audit_count(&app, None);
    assert!(before >= 1);

    let page = app.get(&format!("/audit?project={id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let first = page.text("tbody tr").unwrap_or_default();
    assert!(
        first.contains("Ändrade") && first.contains("Projekt"),
        "{first}"
    );
    assert!(page.body.contains("Säker kommunikation med vårdnadshavare"));
    assert_eq!(app.get("/audit").await.status, StatusCode::OK);
    app.logout().await;

    app.login_as("admin").await;
    assert_eq!(app.get("/audit").await.status, StatusCode::OK);
    app.logout().await;
    for user in ["projektledare", "ledamot", "lasare"] {
        app.login_as(user).await;
        assert_eq!(
            app.get("/audit").await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            app.get(&format!("/audit?project={id}")).await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        app.logout().await;
    }
    // Reading changed nothing; logging in and out is not a change.
    assert_eq!(audit_count(&app, None), before);
}

#[tokio::test]
async fn the_demo_history_is_in_the_audit_trail() {
    // The demo seeds through the app's own db functions, so each step of a project's history has
    // its audit entry, oldest first: registered, steering group, directive drafted, submitted and
    // approved, plan drafted, saved, submitted and approved, then the phase decisions and the
    // closing report.
    let app = spawn_app().await;
    let id = app.project_id("DIG-2024-001");
    let mut entries = app.with_db(|conn| {
        styr::db::audit::entries(conn, Some(id), 10_000).expect("the audit trail loads")
    });
    entries.reverse();
    let steps: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    let phase = [("create", "decision"), ("update", "project")];
    let mut expected = vec![
        ("create", "project"),
        ("add", "steering_member"),
        ("add", "steering_member"),
        ("add", "steering_member"),
        ("create", "directive"),
        ("update", "directive"),
        ("create", "decision"),
        ("decide", "directive"),
        ("create", "plan"),
        ("update", "plan"),
        ("update", "plan"),
        ("create", "decision"),
        ("decide", "plan"),
    ];
    for _ in 0..4 {
        expected.extend(phase);
    }
    expected.push(("create", "closing_report"));
    assert_eq!(steps, expected);
    // Every entry names who took the step.
    assert!(entries.iter().all(|e| e.user_name.is_some()));
}

#[tokio::test]
async fn user_and_unit_administration_is_audited_without_secrets() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app
        .post(
            "/admin/users",
            &[
                ("username", "nina.berg"),
                ("display_name", "Nina Berg"),
                ("role", "reader"),
                ("password", "ett långt lösenord"),
                ("password_confirmation", "ett långt lösenord"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post("/admin/boards", &[("name", "Arbetsmarknadsnämnden")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // The newest two entries: the demo's own history comes before them.
    let entries = app.with_db(|conn| styr::db::audit::entries(conn, None, 2).expect("query"));
    let entities: Vec<&str> = entries.iter().map(|e| e.entity.as_str()).collect();
    assert_eq!(entities, vec!["board", "user"]);
    let user_entry = &entries[1];
    let after = user_entry.after.as_deref().unwrap_or_default();
    assert!(after.contains("nina.berg"), "{after}");
    assert!(
        !after.contains("argon2") && !after.contains("lösenord"),
        "{after}"
    );
}

#[tokio::test]
async fn the_chair_records_a_meeting_with_numbered_decisions() {
    let app = spawn_app().await;
    let id = app.project_id("DIG-2025-002");
    let path = format!("/projects/{id}/steering-group/meetings");
    let before = decision_count(&app, id);

    // Karin Holm chairs the demo project's steering group.
    app.login_as("karin.holm").await;
    let page = app.get(&format!("/projects/{id}/steering-group")).await;
    assert!(
        page.text("form[action$=meetings]").is_some(),
        "the chair gets the form"
    );
    let page = app
        .post(
            &path,
            &[
                ("held_on", &today()),
                ("attendees", "Karin Holm"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("notes").as_deref(),
        Some("Skriv anteckningar eller minst ett beslut.")
    );
    assert_eq!(page.input_value("attendees").as_deref(), Some("Karin Holm"));
    let page = app
        .post(&path, &[("held_on", "2999-01-01"), ("notes", "Genomgång")])
        .await;
    assert_eq!(
        page.field_error("held_on").as_deref(),
        Some("Ett beslut kan inte dateras i framtiden.")
    );
    assert_eq!(decision_count(&app, id), before);

    let page = app
        .post(
            &path,
            &[
                ("held_on", &today()),
                ("attendees", "Karin Holm, Maria Lindqvist, Johan Ek"),
                ("notes", "Resursläget gicks igenom."),
                ("decision_1", "Piloten förlängs två veckor."),
                ("decision_3", "Extra handläggare tas in i juni."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(decision_count(&app, id), before + 2);
    let page = app.get(&format!("/projects/{id}/steering-group")).await;
    let meeting = page.text(".meeting").unwrap_or_default();
    assert!(meeting.contains("Resursläget gicks igenom."), "{meeting}");
    assert!(
        meeting.contains("Piloten förlängs två veckor."),
        "{meeting}"
    );
    assert!(meeting.contains("SG "), "{meeting}");
    app.logout().await;

    // Members who do not chair, the lead and readers may not record meetings.
    for user in ["projektledare", "lasare", "ledamot", "admin"] {
        app.login_as(user).await;
        let page = app
            .post(&path, &[("held_on", &today()), ("notes", "x")])
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
    // The development manager may.
    app.login_as("utvecklingschef").await;
    let page = app
        .post(&path, &[("held_on", &today()), ("notes", "Avstämning.")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.post_with_token(&path, &[("notes", "x")], None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/projects/99999/steering-group/meetings", &[("notes", "x")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.with_db(|conn| {
        assert!(
            conn.batch_execute("UPDATE steering_meetings SET notes = 'x'")
                .is_err()
        );
        assert!(conn.batch_execute("DELETE FROM steering_meetings").is_err());
    });
}

#[tokio::test]
async fn the_administrator_sets_the_management_group_threshold() {
    let app = spawn_app().await;
    let threshold = |app: &TestApp| {
        app.with_db(|conn| styr::db::settings::management_group_threshold(conn).expect("query"))
    };
    assert_eq!(threshold(&app), 1_000_000);
    for user in ["utvecklingschef", "ledamot", "projektledare", "lasare"] {
        app.login_as(user).await;
        assert_eq!(
            app.get("/admin/settings").await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        let page = app.post("/admin/settings", &[("threshold_sek", "5")]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        app.logout().await;
    }
    app.login_as("admin").await;
    let page = app.get("/admin/settings").await;
    assert_eq!(
        page.input_value("threshold_sek").as_deref(),
        Some("1000000")
    );
    let page = app
        .post("/admin/settings", &[("threshold_sek", "-10")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("threshold_sek").as_deref(),
        Some("Beloppet kan inte vara negativt.")
    );
    assert_eq!(page.input_value("threshold_sek").as_deref(), Some("-10"));
    let page = app
        .post_with_token("/admin/settings", &[("threshold_sek", "5")], None)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(threshold(&app), 1_000_000);
    let page = app
        .post("/admin/settings", &[("threshold_sek", "2 000 000")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(threshold(&app), 2_000_000);
    let entries = app.with_db(|conn| styr::db::audit::entries(conn, None, 1).expect("query"));
    assert_eq!(entries[0].entity, "setting");
}

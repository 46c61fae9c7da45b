//! The rules around minutes: who sees and who minutes a meeting, adjusted minutes that never
//! change (neither through a route nor in the database), confidential decisions, corrections that
//! supersede, a closure through the lifecycle rules, and the items a planned meeting is offered.

use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::schema::{decisions, meeting_attendance, meeting_items, meetings};

use crate::helpers::*;
use crate::meetings::{add_item, decide, hold_and_lock, minutes_rows, plan, state_of};

fn decision_of(app: &TestApp, item: i64) -> i64 {
    app.with_db(|conn| {
        decisions::table
            .filter(decisions::item_id.eq(item))
            .select(diesel::dsl::max(decisions::id))
            .first::<Option<i64>>(conn)
            .expect("the query runs")
            .expect("a decision")
    })
}

#[tokio::test]
async fn only_the_management_group_minutes_and_others_see_only_locked_minutes() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let item = add_item(&app, &member, meeting, "other").await;
    let page = format!("/meetings/{meeting}");

    for (user, expected) in [
        ("admin", StatusCode::OK),
        ("utvecklingschef", StatusCode::OK),
        ("projektledare", StatusCode::NOT_FOUND),
        ("lasare", StatusCode::NOT_FOUND),
    ] {
        let browser = Browser::log_in(&app, user).await;
        assert_eq!(browser.get(&page).await.status, expected, "{user}");
        let minutes = browser.get(&format!("{page}/minutes")).await;
        assert_eq!(minutes.status, expected, "{user} minutes");
        let listed = browser.get("/meetings").await;
        assert_eq!(
            listed.attrs("table a", "href").contains(&page),
            expected == StatusCode::OK,
            "{user} list"
        );
    }
    let admin = Browser::log_in(&app, "admin").await;
    let posted = admin
        .post(
            &format!("{page}/items"),
            &[("section", "other"), ("title", "Av admin")],
        )
        .await;
    assert_eq!(
        posted.status,
        StatusCode::SEE_OTHER,
        "the administrator minutes"
    );
    let manager = Browser::log_in(&app, "utvecklingschef").await;
    let before = minutes_rows(&app, meeting);
    for path in [
        format!("{page}/items"),
        format!("{page}/attendance"),
        format!("{page}/items/{item}/decisions"),
        format!("{page}/items/{item}/actions"),
        format!("{page}/hold"),
        format!("{page}/adjust"),
    ] {
        let got = manager
            .post(&path, &[("section", "other"), ("title", "x")])
            .await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{path}");
    }
    let reader = Browser::log_in(&app, "lasare").await;
    let got = reader.post(&format!("{page}/hold"), &[]).await;
    assert_eq!(
        got.status,
        StatusCode::NOT_FOUND,
        "an unlocked meeting is not found"
    );
    let planner = reader
        .post("/meetings", &[("body", "management_group")])
        .await;
    assert_eq!(planner.status, StatusCode::FORBIDDEN);
    assert_eq!(minutes_rows(&app, meeting)[0], before[0]);
    assert_eq!(state_of(&app, meeting), "planned");

    // Unknown and malformed ids, and the CSRF token.
    for path in [
        "/meetings/999999",
        "/meetings/abc",
        "/meetings/999999/minutes",
    ] {
        assert_eq!(
            member.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let missing = member.get(&format!("{page}/items/999999/decisions")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    app.login_as("ledamot").await;
    let items = format!("{page}/items");
    let fields = [("section", "other"), ("title", "Utan token")];
    let no_token = app.post_with_token(&items, &fields, None).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong = app.post_with_token(&items, &fields, Some("wrong")).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(minutes_rows(&app, meeting)[0], before[0]);

    // Locked: everyone reads; the reader still writes nothing; only the two sign.
    hold_and_lock(&app, meeting).await;
    assert_eq!(reader.get(&page).await.status, StatusCode::OK);
    assert_eq!(
        reader.get(&format!("{page}/minutes")).await.status,
        StatusCode::OK
    );
    let got = reader
        .post(
            &format!("{page}/items"),
            &[("section", "other"), ("title", "x")],
        )
        .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    let got = admin.post(&format!("{page}/adjust"), &[]).await;
    assert_eq!(
        got.status,
        StatusCode::FORBIDDEN,
        "the administrator does not sign"
    );
}

#[tokio::test]
async fn adjusted_minutes_never_change_through_a_route_or_in_the_database() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let today = today();
    let meeting = plan(&member, &today).await;
    let item = add_item(&app, &member, meeting, "goals").await;
    let decided = decide(&member, meeting, item, &[]).await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER);
    let page = format!("/meetings/{meeting}");
    assert_eq!(
        member.post(&format!("{page}/hold"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    // A decision while held: the minutes are drafted.
    assert_eq!(
        decide(&member, meeting, item, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let chair = Browser::log_in(&app, "karin.holm").await;
    assert_eq!(
        chair.post(&format!("{page}/adjust"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(state_of(&app, meeting), "adjusting");
    let twice = chair.post(&format!("{page}/adjust"), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "the chair adjusts once");

    let writes = |app_today: &str| {
        vec![
            (
                format!("{page}/items"),
                vec![
                    ("section", "other".to_owned()),
                    ("title", "Sent".to_owned()),
                ],
            ),
            (
                format!("{page}/attendance"),
                vec![("present", "karin.holm".to_owned())],
            ),
            (
                format!("{page}/items/{item}/decisions"),
                vec![
                    ("text", "Ändrat".to_owned()),
                    ("kind", "other".to_owned()),
                    ("decided_by", "karin.holm".to_owned()),
                ],
            ),
            (
                format!("{page}/items/{item}/actions"),
                vec![
                    ("text", "Sent".to_owned()),
                    ("owners", "karin.holm".to_owned()),
                    ("due_on", app_today.to_owned()),
                ],
            ),
            (format!("{page}/hold"), vec![]),
        ]
    };
    let before = minutes_rows(&app, meeting);
    for (path, fields) in writes(&today) {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let got = member.post(&path, &fields).await;
        assert_eq!(got.status, StatusCode::CONFLICT, "adjusting: {path}");
    }
    assert_eq!(
        member
            .get(&format!("{page}/items/{item}/decisions"))
            .await
            .status,
        StatusCode::CONFLICT
    );

    let adjuster = Browser::log_in(&app, "lars.dahl").await;
    assert_eq!(
        adjuster.post(&format!("{page}/adjust"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(state_of(&app, meeting), "locked");
    for (path, fields) in writes(&today) {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let got = member.post(&path, &fields).await;
        assert_eq!(got.status, StatusCode::CONFLICT, "locked: {path}");
    }
    let again = adjuster.post(&format!("{page}/adjust"), &[]).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "locked minutes are adjusted once"
    );
    assert_eq!(minutes_rows(&app, meeting), before, "nothing changed");
    let shown = member.get(&page).await;
    assert!(
        shown.text("form[action$='/items']").is_none(),
        "no forms on locked minutes"
    );

    // The database refuses too.
    app.with_db(|conn| {
        let refused = [
            diesel::update(meetings::table.find(meeting))
                .set(meetings::place.eq("Annan plats"))
                .execute(conn),
            diesel::update(meeting_items::table.find(item))
                .set(meeting_items::notes.eq("Ändrat i efterhand"))
                .execute(conn),
            diesel::delete(meeting_items::table.find(item)).execute(conn),
            diesel::insert_into(meeting_attendance::table)
                .values((
                    meeting_attendance::meeting_id.eq(meeting),
                    meeting_attendance::user_id.eq(1_i64),
                    meeting_attendance::present.eq(true),
                ))
                .execute(conn),
            diesel::update(decisions::table.filter(decisions::item_id.eq(item)))
                .set(decisions::text.eq("Ändrat"))
                .execute(conn),
        ];
        for (n, result) in refused.into_iter().enumerate() {
            assert!(result.is_err(), "statement {n} was refused");
        }
    });
    assert_eq!(minutes_rows(&app, meeting), before);
}

#[tokio::test]
async fn a_reader_sees_the_reason_of_a_confidential_decision_not_its_text() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let item = add_item(&app, &member, meeting, "organisation").await;
    let secret = "Omplacering av en namngiven medarbetare";
    let project = app.project_id("DIG-2025-003");
    let page = decide(
        &member,
        meeting,
        item,
        &[
            ("text", secret),
            ("kind", "other"),
            ("project", &project.to_string()),
            ("confidential_reason", "Personalärende, OSL 39 kap."),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    hold_and_lock(&app, meeting).await;

    let reader = Browser::log_in(&app, "lasare").await;
    // Nowhere: not in the minutes, nor among the project's decisions.
    for path in [
        format!("/meetings/{meeting}"),
        format!("/meetings/{meeting}/minutes"),
        format!("/projects/{project}"),
    ] {
        let page = reader.get(&path).await;
        assert!(!page.body.contains(secret), "{path}");
        assert!(page.body.contains("Personalärende, OSL 39 kap."), "{path}");
    }
    let page = member.get(&format!("/meetings/{meeting}")).await;
    assert!(page.body.contains(secret));
    let page = member.get(&format!("/projects/{project}")).await;
    assert!(page.body.contains(secret));
}

#[tokio::test]
async fn a_correction_supersedes_the_old_decision_which_shows_by_what() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let first = plan(&member, &today()).await;
    let item = add_item(&app, &member, first, "strategic").await;
    assert_eq!(
        decide(&member, first, item, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let old = decision_of(&app, item);
    hold_and_lock(&app, first).await;

    let second = plan(&member, &today()).await;
    let later = add_item(&app, &member, second, "other").await;
    let page = decide(
        &member,
        second,
        later,
        &[
            ("text", "Rättelse av det tidigare beslutet."),
            ("supersedes", &old.to_string()),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let new = decision_of(&app, later);
    let shown = member.get(&format!("/meetings/{first}")).await;
    let superseded = shown.text(".superseded").expect("marked superseded");
    assert!(superseded.starts_with("Ersatt av"), "{superseded}");
    assert!(
        shown
            .attrs(".superseded a", "href")
            .contains(&format!("/decisions/{new}"))
    );
    let twice = decide(&member, second, later, &[("supersedes", &old.to_string())]).await;
    assert_eq!(
        twice.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "superseded once"
    );
    assert!(twice.field_error("supersedes").is_some());
}

#[tokio::test]
async fn a_closure_of_the_management_group_follows_the_lifecycle_rules() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let item = add_item(&app, &member, meeting, "strategic").await;
    let project = app.project_id("DIG-2026-006");
    let project_field = project.to_string();
    let closure = [
        ("kind", "closure"),
        ("text", "Projektet avslutas och går över i förvaltning."),
        ("project", project_field.as_str()),
    ];
    let refused = decide(&member, meeting, item, &closure).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the report is a draft"
    );
    assert!(refused.field_error("kind").is_some());
    assert_eq!(app.phase_of(project), "closing");

    app.with_db(|conn| {
        let before = styr::db::closing::find(conn, project)
            .expect("the query runs")
            .expect("the demo's draft closing report");
        let content = styr::domain::closing::ClosingContent {
            handover: "Överlämnat till förvaltningsobjektet.".into(),
            maintenance_owner_id: Some(1),
            benefit_follow_up_on: Some(
                chrono::NaiveDate::from_ymd_opt(2030, 1, 1).expect("a date"),
            ),
            final_cost_sek: Some(600_000),
            ..before.content()
        };
        styr::db::closing::save(
            conn,
            project,
            Some(&before),
            before.lock_version,
            &content,
            1,
        )
        .expect("saved")
        .expect("not changed meanwhile");
    });
    let closed = decide(&member, meeting, item, &closure).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(app.phase_of(project), "maintenance");
    // The closure is the project's phase decision into maintenance, so the lifecycle rules find
    // it as the project's latest.
    let (kind, phase_to): (String, Option<String>) = app.with_db(|conn| {
        decisions::table
            .find(decision_of(&app, item))
            .select((decisions::kind, decisions::phase_to))
            .first(conn)
            .expect("the decision")
    });
    assert_eq!(kind, "phase_change");
    assert_eq!(phase_to.as_deref(), Some("maintenance"));
    let latest =
        app.with_db(|conn| styr::db::decisions::latest_phase_change(conn, project).expect("read"));
    assert_eq!(latest.map(|d| d.id), Some(decision_of(&app, item)));
    let without = decide(&member, meeting, item, &[("kind", "closure")]).await;
    assert_eq!(
        without.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a closure names its project"
    );
}

#[tokio::test]
async fn a_planned_meeting_is_offered_the_rollup_and_the_overdue_action_items() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let earlier = plan(&member, "2025-01-15").await;
    let item = add_item(&app, &member, earlier, "organisation").await;
    let acted = member
        .post(
            &format!("/meetings/{earlier}/items/{item}/actions"),
            &[
                ("text", "Kartlägg arbetsmiljön i hemtjänsten"),
                ("owners", "sofia.ahmed"),
                ("due_on", "2025-02-01"),
            ],
        )
        .await;
    assert_eq!(acted.status, StatusCode::SEE_OTHER, "{}", acted.body);

    let meeting = plan(&member, &today()).await;
    let offered: Vec<(String, String, Option<i64>, Option<i64>)> = app.with_db(|conn| {
        meeting_items::table
            .filter(meeting_items::meeting_id.eq(meeting))
            .select((
                meeting_items::section,
                meeting_items::title,
                meeting_items::rollup_id,
                meeting_items::action_item_id,
            ))
            .load(conn)
            .expect("the items")
    });
    let latest = app.with_db(|conn| {
        styr::db::rollups::list(conn)
            .expect("roll-ups")
            .first()
            .map(|r| r.id)
    });
    assert!(latest.is_some(), "the demo issued a roll-up");
    assert!(
        offered
            .iter()
            .any(|(section, _, rollup, _)| section == "goals" && *rollup == latest),
        "{offered:?}"
    );
    assert!(
        offered
            .iter()
            .any(|(section, title, _, action)| section == "organisation"
                && title == "Kartlägg arbetsmiljön i hemtjänsten"
                && action.is_some()),
        "{offered:?}"
    );
    let open_to_group = app.with_db(|conn| {
        styr::db::meetings::choices::open_escalations(
            conn,
            styr::domain::status_report::EscalationTo::ManagementGroup,
        )
        .expect("escalations")
        .len()
    });
    let strategic = offered.iter().filter(|(s, ..)| s == "strategic").count();
    assert_eq!(
        strategic, open_to_group,
        "each open escalation to the group"
    );
}

#[tokio::test]
async fn a_decision_answers_an_open_escalation_to_the_management_group() {
    use styr::db::schema::{escalations, status_reports};
    let app = spawn_app().await;
    let (escalation, project) = app.with_db(|conn| {
        let (report, project): (i64, i64) = status_reports::table
            .filter(status_reports::status.eq("submitted"))
            .order(status_reports::id)
            .select((status_reports::id, status_reports::project_id))
            .first(conn)
            .expect("the demo has a submitted report");
        diesel::insert_into(escalations::table)
            .values((
                escalations::report_id.eq(report),
                escalations::project_id.eq(project),
                escalations::text.eq("Budgetramen räcker inte för införandet."),
                escalations::kind.eq("economic"),
                escalations::addressed_to.eq("management_group"),
                escalations::created_by.eq(1_i64),
                escalations::created_at.eq(styr::db::now()),
            ))
            .execute(conn)
            .expect("an escalation");
        let id: i64 = escalations::table
            .select(diesel::dsl::max(escalations::id))
            .first::<Option<i64>>(conn)
            .expect("the query runs")
            .expect("the escalation");
        (id, project)
    });
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let offered: Option<(i64, String)> = app.with_db(|conn| {
        meeting_items::table
            .filter(meeting_items::meeting_id.eq(meeting))
            .filter(meeting_items::escalation_id.eq(escalation))
            .select((meeting_items::id, meeting_items::section))
            .first(conn)
            .optional()
            .expect("the query runs")
    });
    let (item, section) = offered.expect("the escalation is offered as an item");
    assert_eq!(section, "strategic");
    let form = member
        .get(&format!("/meetings/{meeting}/items/{item}/decisions"))
        .await;
    assert!(
        form.body.contains("Budgetramen räcker inte"),
        "offered as an answer"
    );

    let project_field = project.to_string();
    let answer = escalation.to_string();
    let fields = [
        ("kind", "economic"),
        ("text", "Ramen utökas med 200 000 kronor."),
        ("project", project_field.as_str()),
        ("answers", answer.as_str()),
    ];
    let page = decide(&member, meeting, item, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let answered_by: Option<i64> = app.with_db(|conn| {
        escalations::table
            .find(escalation)
            .select(escalations::answered_by_decision_id)
            .first(conn)
            .expect("the escalation")
    });
    assert_eq!(answered_by, Some(decision_of(&app, item)));
    let again = decide(&member, meeting, item, &fields).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "answered once"
    );
    assert!(again.field_error("answers").is_some());
}

/// The statements one GET of `path` makes, nothing kept from before.
async fn statements_of(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    assert_eq!(browser.get(path).await.status, StatusCode::OK, "{path}");
    app.db.changed().expect("a new generation");
    let before = app.db.statements_run();
    assert_eq!(browser.get(path).await.status, StatusCode::OK, "{path}");
    app.db.statements_run() - before
}

#[tokio::test]
async fn the_minutes_are_read_in_as_many_statements_however_long_they_are() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let add_minuted_item = |section: &'static str| {
        let (app, member) = (&app, &member);
        async move {
            let item = add_item(app, member, meeting, section).await;
            assert_eq!(
                decide(member, meeting, item, &[]).await.status,
                StatusCode::SEE_OTHER
            );
            let page = member
                .post(
                    &format!("/meetings/{meeting}/items/{item}/actions"),
                    &[
                        ("text", "Följ upp"),
                        ("owners", "karin.holm"),
                        ("due_on", &today()),
                    ],
                )
                .await;
            assert_eq!(page.status, StatusCode::SEE_OTHER);
        }
    };
    add_minuted_item("goals").await;
    let pages = [
        format!("/meetings/{meeting}"),
        format!("/meetings/{meeting}/minutes"),
    ];
    let mut short = Vec::new();
    for path in &pages {
        short.push(statements_of(&app, &member, path).await);
    }
    for section in [
        "strategic",
        "organisation",
        "collaboration",
        "other",
        "goals",
    ] {
        add_minuted_item(section).await;
    }
    for (path, at_one) in pages.iter().zip(short) {
        assert_eq!(statements_of(&app, &member, path).await, at_one, "{path}");
    }
}

#[tokio::test]
async fn the_development_manager_plans_a_steering_group_meeting_of_its_members() {
    use styr::db::schema::users;
    let app = spawn_app().await;
    let project = app.project_id("DIG-2025-003");
    let usernames: Vec<(String, String)> = app.with_db(|conn| {
        styr::db::steering::members(conn, project)
            .expect("the members")
            .into_iter()
            .map(|m| {
                let username = users::table
                    .find(m.user_id)
                    .select(users::username)
                    .first::<String>(conn)
                    .expect("a user");
                (username, m.role)
            })
            .collect()
    });
    let chair = usernames
        .iter()
        .find(|(_, role)| role == "chair")
        .map(|(u, _)| u.clone())
        .expect("the demo project's steering group has a chair");
    let adjuster = usernames
        .iter()
        .find(|(u, _)| *u != chair)
        .map(|(u, _)| u.clone())
        .expect("and another member");
    let project_field = project.to_string();
    let fields = [
        ("body", "steering_group"),
        ("project", project_field.as_str()),
        ("held_on", "2026-03-03"),
        ("starts_at", "13:00"),
        ("place", "Projektrummet"),
        ("chair", chair.as_str()),
        ("secretary", "projektledare"),
        ("adjuster", adjuster.as_str()),
    ];
    if chair != "ledamot" {
        let member = Browser::log_in(&app, "ledamot").await;
        let refused = member.post("/meetings", &fields).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "not the group's chair"
        );
    }
    let manager = Browser::log_in(&app, "utvecklingschef").await;
    // The planning form for the project's steering group, linked from its steering group page:
    // the group's body and project, and its members to chair and adjust.
    let steering_page = manager
        .get(&format!("/projects/{project}/steering-group"))
        .await;
    assert!(
        steering_page
            .attrs("a", "href")
            .contains(&format!("/meetings?project={project}#plan_title")),
        "the steering group page links to planning its meeting"
    );
    let form = manager.get(&format!("/meetings?project={project}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.attrs("select#body option", "value"),
        ["steering_group"]
    );
    assert_eq!(
        form.attr("input[name=project]", "value"),
        Some(project_field.clone())
    );
    let chairs = form.attrs("select#chair option", "value");
    assert!(
        chairs.contains(&chair) && chairs.contains(&adjuster),
        "{chairs:?}"
    );
    assert!(
        !chairs.contains(&"karin.holm".to_owned())
            || usernames.iter().any(|(u, _)| u == "karin.holm"),
        "only the group's members chair: {chairs:?}"
    );
    // An unknown project plans nothing of its own: the management group's form.
    let plain = manager.get("/meetings?project=999999").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(
        plain.attrs("select#body option", "value").is_empty(),
        "the development manager plans no management group meeting"
    );
    let page = manager.post("/meetings", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (body, project_id, offered): (String, Option<i64>, i64) = app.with_db(|conn| {
        let (id, body, project_id): (i64, String, Option<i64>) = meetings::table
            .order(meetings::id.desc())
            .select((meetings::id, meetings::body, meetings::project_id))
            .first(conn)
            .expect("the meeting");
        let items = meeting_items::table
            .filter(meeting_items::meeting_id.eq(id))
            .count()
            .get_result(conn)
            .expect("a count");
        (body, project_id, items)
    });
    assert_eq!(
        (body.as_str(), project_id),
        ("steering_group", Some(project))
    );
    assert_eq!(offered, 0, "only the management group is offered items");
}

#[tokio::test]
async fn an_administrator_renames_and_adds_sections_of_a_bodys_minutes() {
    let app = spawn_app().await;
    let admin = Browser::log_in(&app, "admin").await;
    let page = admin.get("/admin/sections").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Strategiska verksamhetsfrågor"));

    let bad = admin
        .post(
            "/admin/sections",
            &[
                ("body", "management_group"),
                ("key", "Budget år"),
                ("label_sv", "Budget"),
                ("label_en", "Budget"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.field_error("key").is_some());
    assert_eq!(bad.input_value("label_sv").as_deref(), Some("Budget"));

    for (key, sv, en) in [
        ("other", "Övriga frågor", "Other matters"),
        ("budget", "Budget och prognos", "Budget and forecast"),
    ] {
        let saved = admin
            .post(
                "/admin/sections",
                &[
                    ("body", "management_group"),
                    ("key", key),
                    ("label_sv", sv),
                    ("label_en", en),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    let member = Browser::log_in(&app, "ledamot").await;
    let refused = member
        .post(
            "/admin/sections",
            &[
                ("body", "management_group"),
                ("key", "x"),
                ("label_sv", "X"),
                ("label_en", "X"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let meeting = plan(&member, &today()).await;
    add_item(&app, &member, meeting, "budget").await;
    let page = member.get(&format!("/meetings/{meeting}")).await;
    let headings = page.texts("section.minutes-section > h2");
    assert_eq!(
        headings,
        [
            "Strategiska verksamhetsfrågor",
            "Mål och resultatuppföljning",
            "Organisation och arbetsmiljö",
            "Samverkan och omvärldsspaning",
            "Övriga frågor",
            "Budget och prognos"
        ]
    );
    let unknown = member
        .post(
            &format!("/meetings/{meeting}/items"),
            &[("section", "x"), ("title", "Okänd avdelning")],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not the body's section"
    );
}

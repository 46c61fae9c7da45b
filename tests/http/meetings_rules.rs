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
    let page = decide(
        &member,
        meeting,
        item,
        &[
            ("text", secret),
            ("kind", "other"),
            ("confidential_reason", "Personalärende, OSL 39 kap."),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    hold_and_lock(&app, meeting).await;

    let reader = Browser::log_in(&app, "lasare").await;
    for path in [
        format!("/meetings/{meeting}"),
        format!("/meetings/{meeting}/minutes"),
    ] {
        let page = reader.get(&path).await;
        assert!(!page.body.contains(secret), "{path}");
        assert!(page.body.contains("Personalärende, OSL 39 kap."), "{path}");
    }
    let page = member.get(&format!("/meetings/{meeting}")).await;
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
    let kind: String = app.with_db(|conn| {
        decisions::table
            .find(decision_of(&app, item))
            .select(decisions::kind)
            .first(conn)
            .expect("the decision")
    });
    assert_eq!(kind, "closure");
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

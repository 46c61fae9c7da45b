//! Meetings and their minutes over HTTP: planning, attendance, items, decisions and action items,
//! holding, adjusting by the chair and the adjuster, the printed minutes, and bad input refused
//! beside its field with nothing saved. Who may do what, and locked minutes, are in
//! `meetings_rules.rs`.

use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::schema::{
    action_item_owners, action_items, decisions, meeting_attendance, meeting_items, meetings,
};

use crate::helpers::*;

/// The fields of a management group meeting on `held_on`, chaired by Karin Holm with Lars Dahl
/// adjusting.
pub fn meeting_fields(held_on: &str) -> Vec<(&'static str, String)> {
    vec![
        ("body", "management_group".into()),
        ("held_on", held_on.into()),
        ("starts_at", "09:00".into()),
        ("place", "Stadshuset, sal 2".into()),
        ("chair", "karin.holm".into()),
        ("secretary", "utvecklingschef".into()),
        ("adjuster", "lars.dahl".into()),
    ]
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The id at the end of a redirect to `/meetings/{id}…`.
fn meeting_in(location: Option<&str>) -> i64 {
    let rest = location
        .and_then(|l| l.strip_prefix("/meetings/"))
        .expect("a redirect to a meeting");
    rest.split(['?', '#', '/'])
        .next()
        .and_then(|id| id.parse().ok())
        .expect("a meeting id")
}

/// Plans a meeting as `browser` on `held_on`; returns its id.
pub async fn plan(browser: &Browser, held_on: &str) -> i64 {
    let fields = meeting_fields(held_on);
    let page = browser.post("/meetings", &as_refs(&fields)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    meeting_in(page.location.as_deref())
}

/// Adds an item to `meeting`; returns its id.
pub async fn add_item(app: &TestApp, browser: &Browser, meeting: i64, section: &str) -> i64 {
    let path = format!("/meetings/{meeting}/items");
    let page = browser
        .post(
            &path,
            &[
                ("section", section),
                ("title", "Budgetläget"),
                ("notes", "Prognosen visar ett underskott."),
                ("presenter", "utvecklingschef"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.with_db(|conn| {
        meeting_items::table
            .filter(meeting_items::meeting_id.eq(meeting))
            .select(diesel::dsl::max(meeting_items::id))
            .first::<Option<i64>>(conn)
            .expect("the query runs")
            .expect("an item")
    })
}

/// Records a decision under `item`; returns the answer.
pub async fn decide(browser: &Browser, meeting: i64, item: i64, extra: &[(&str, &str)]) -> Page {
    let mut fields = vec![
        (
            "text",
            "Ledningsgruppen beslutar att prioritera e-tjänsten.",
        ),
        ("kind", "strategic"),
        ("decided_by", "karin.holm"),
    ];
    for (name, value) in extra {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    browser
        .post(
            &format!("/meetings/{meeting}/items/{item}/decisions"),
            &fields,
        )
        .await
}

/// Holds the meeting and has the chair and the adjuster adjust it, which locks it.
pub async fn hold_and_lock(app: &TestApp, meeting: i64) {
    let secretary = Browser::log_in(app, "ledamot").await;
    let held = secretary
        .post(&format!("/meetings/{meeting}/hold"), &[])
        .await;
    assert_eq!(held.status, StatusCode::SEE_OTHER, "{}", held.body);
    for signer in ["karin.holm", "lars.dahl"] {
        let browser = Browser::log_in(app, signer).await;
        let page = browser
            .post(&format!("/meetings/{meeting}/adjust"), &[])
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{signer}: {}",
            page.body
        );
    }
    assert_eq!(state_of(app, meeting), "locked");
}

pub fn state_of(app: &TestApp, meeting: i64) -> String {
    app.with_db(|conn| {
        meetings::table
            .find(meeting)
            .select(meetings::state)
            .first(conn)
            .expect("the meeting exists")
    })
}

/// How many rows the meeting's minutes hold: items, attendance, decisions, action items, owners.
pub fn minutes_rows(app: &TestApp, meeting: i64) -> [i64; 5] {
    app.with_db(|conn| {
        let items: Vec<i64> = meeting_items::table
            .filter(meeting_items::meeting_id.eq(meeting))
            .select(meeting_items::id)
            .load(conn)
            .expect("items");
        let actions: Vec<i64> = action_items::table
            .filter(action_items::item_id.eq_any(&items))
            .select(action_items::id)
            .load(conn)
            .expect("actions");
        [
            items.len() as i64,
            meeting_attendance::table
                .filter(meeting_attendance::meeting_id.eq(meeting))
                .count()
                .get_result(conn)
                .expect("attendance"),
            decisions::table
                .filter(decisions::item_id.eq_any(&items))
                .count()
                .get_result(conn)
                .expect("decisions"),
            actions.len() as i64,
            action_item_owners::table
                .filter(action_item_owners::action_item_id.eq_any(&actions))
                .count()
                .get_result(conn)
                .expect("owners"),
        ]
    })
}

#[tokio::test]
async fn a_meeting_is_planned_minuted_adjusted_by_both_and_printed() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let today = today();
    let meeting = plan(&member, &today).await;

    let page = member.get(&format!("/meetings/{meeting}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let sections = page.texts("section.minutes-section > h2");
    assert_eq!(
        sections[..5],
        [
            "Strategiska verksamhetsfrågor",
            "Mål och resultatuppföljning",
            "Organisation och arbetsmiljö",
            "Samverkan och omvärldsspaning",
            "Övrigt"
        ]
    );
    let list = member.get("/meetings").await;
    assert!(
        list.attrs("table a", "href")
            .contains(&format!("/meetings/{meeting}"))
    );

    let path = format!("/meetings/{meeting}/attendance");
    let attended = member
        .post(
            &path,
            &[("present", "karin.holm"), ("present", "lars.dahl")],
        )
        .await;
    assert_eq!(attended.status, StatusCode::SEE_OTHER, "{}", attended.body);
    let (present, absent): (Vec<i64>, Vec<i64>) = app.with_db(|conn| {
        let rows: Vec<(i64, bool)> = meeting_attendance::table
            .filter(meeting_attendance::meeting_id.eq(meeting))
            .select((meeting_attendance::user_id, meeting_attendance::present))
            .load(conn)
            .expect("attendance");
        let here = rows.iter().filter(|r| r.1).map(|r| r.0).collect();
        let away = rows.iter().filter(|r| !r.1).map(|r| r.0).collect();
        (here, away)
    });
    assert_eq!(present.len(), 2);
    assert!(absent.contains(&app.user_id("sofia.ahmed")));
    assert!(absent.contains(&app.user_id("ledamot")));

    let item = add_item(&app, &member, meeting, "goals").await;
    let decided = decide(
        &member,
        meeting,
        item,
        &[("registry_number", "SN 2026/114")],
    )
    .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let action_path = format!("/meetings/{meeting}/items/{item}/actions");
    let form = member.get(&action_path).await;
    assert_eq!(form.status, StatusCode::OK);
    let acted = member
        .post(
            &action_path,
            &[
                ("text", "Ta fram en åtgärdsplan för underskottet"),
                ("owners", "group:management_group"),
                ("owners", "utvecklingschef"),
                ("due_on", &today),
            ],
        )
        .await;
    assert_eq!(acted.status, StatusCode::SEE_OTHER, "{}", acted.body);
    let members = app.with_db(|conn| {
        styr::db::decisions::members_of(conn, styr::domain::decision::Body::ManagementGroup, None)
            .expect("members")
            .len() as i64
    });
    assert_eq!(
        minutes_rows(&app, meeting)[4],
        members + 1,
        "the group resolved"
    );

    let page = member.get(&format!("/meetings/{meeting}")).await;
    let decision = page.text(".decision p").expect("the decision");
    let year = &today[..4];
    assert!(
        decision.starts_with(&format!("Beslut: LG {year}:")),
        "{decision}"
    );
    assert!(decision.contains("prioritera e-tjänsten"));

    hold_and_lock(&app, meeting).await;
    let minutes = member.get(&format!("/meetings/{meeting}/minutes")).await;
    assert_eq!(minutes.status, StatusCode::OK);
    let header = minutes.text("dl.minutes-header").expect("the header");
    for expected in [
        "Stadshuset, sal 2",
        "09:00",
        "Karin Holm",
        "Lars Dahl",
        "Sofia Ahmed",
    ] {
        assert!(header.contains(expected), "{expected} in {header}");
    }
    assert!(minutes.text("h3").expect("an item").starts_with("§ 1"));
    assert!(minutes.body.contains("Prognosen visar ett underskott."));
    assert!(
        minutes
            .text(".decision strong")
            .is_some_and(|s| s == "Beslut:")
    );
    let action = minutes.text("ul.actions li").expect("the action item");
    assert!(
        action.contains("Karin Holm") && action.contains(&today),
        "{action}"
    );
    let signatures = minutes.text("section.signatures").expect("signatures");
    assert_eq!(signatures.matches("justerat ").count(), 2, "{signatures}");
    assert!(!signatures.contains("inte justerat"));
    assert!(
        minutes
            .attrs("link[media=print]", "href")
            .contains(&"/static/print.css".to_owned())
    );
}

#[tokio::test]
async fn bad_plans_are_refused_beside_the_field_with_the_input_kept() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let count = || {
        app.with_db(|conn| {
            meetings::table
                .count()
                .get_result::<i64>(conn)
                .expect("a count")
        })
    };
    let before = count();
    let cases: [(&str, &str, &str); 5] = [
        ("starts_at", "kvart i nio", "starts_at"),
        ("adjuster", "karin.holm", "adjuster"),
        ("chair", "nobody.here", "chair"),
        ("adjuster", "projektledare", "adjuster"),
        ("secretary", "lasare", "secretary"),
    ];
    for (field, value, error_field) in cases {
        let mut fields = meeting_fields(&today());
        fields.retain(|(n, _)| *n != field);
        fields.push((field, value.into()));
        let page = member.post("/meetings", &as_refs(&fields)).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(page.field_error(error_field).is_some(), "{field}={value}");
        assert_eq!(
            page.input_value("place").as_deref(),
            Some("Stadshuset, sal 2")
        );
    }
    assert_eq!(count(), before, "nothing saved");
}

#[tokio::test]
async fn bad_minutes_are_refused_beside_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let held_on = today();
    let meeting = plan(&member, &held_on).await;
    let item = add_item(&app, &member, meeting, "strategic").await;
    let before = minutes_rows(&app, meeting);

    let page = member
        .post(
            &format!("/meetings/{meeting}/items"),
            &[("section", "budget"), ("title", "Nytt ärende")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("section").is_some());
    assert_eq!(page.input_value("title").as_deref(), Some("Nytt ärende"));

    let page = member
        .post(
            &format!("/meetings/{meeting}/attendance"),
            &[("present", "karin.holm"), ("present", "projektledare")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("present").is_some());

    let page = decide(&member, meeting, item, &[("text", "  ")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("text").is_some());
    let page = decide(
        &member,
        meeting,
        item,
        &[("decided_by", "projektledare"), ("registry_number", "SN 1")],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("decided_by").is_some());
    assert_eq!(page.input_value("registry_number").as_deref(), Some("SN 1"));
    let other_body = app.with_db(|conn| {
        decisions::table
            .filter(decisions::body.ne("management_group"))
            .select(decisions::id)
            .first::<i64>(conn)
            .expect("the demo has decisions of other bodies")
    });
    let page = decide(
        &member,
        meeting,
        item,
        &[("supersedes", &other_body.to_string())],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("supersedes").is_some());
    assert!(
        page.text("textarea[name=text]")
            .is_some_and(|t| t.contains("prioritera"))
    );

    let actions = format!("/meetings/{meeting}/items/{item}/actions");
    let page = member
        .post(
            &actions,
            &[
                ("text", "Följ upp"),
                ("owners", "nobody.here"),
                ("due_on", &held_on),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("owners").is_some());
    assert_eq!(
        page.input_value("due_on").as_deref(),
        Some(held_on.as_str())
    );
    let day_before = (chrono::NaiveDate::parse_from_str(&held_on, "%Y-%m-%d").expect("a date")
        - chrono::Duration::days(1))
    .to_string();
    let page = member
        .post(
            &actions,
            &[
                ("text", "Följ upp"),
                ("owners", "karin.holm"),
                ("due_on", &day_before),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("due_on").is_some());

    assert_eq!(minutes_rows(&app, meeting), before, "nothing saved");
}

#[tokio::test]
async fn an_item_links_to_its_project_and_a_month_of_the_follow_up() {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let meeting = plan(&member, &today()).await;
    let project = app.project_id("DIG-2025-003");
    let path = format!("/meetings/{meeting}/items");
    let item = |project: &'static str, month: &'static str| {
        [
            ("section", "goals"),
            ("title", "Försörjningsstödets prognos"),
            ("project", project),
            ("follow_up_period", month),
        ]
    };

    let offered_items: i64 = app.with_db(|conn| {
        meeting_items::table
            .filter(meeting_items::meeting_id.eq(meeting))
            .count()
            .get_result(conn)
            .expect("a count")
    });

    // An unknown project code, a month that is no month: beside the field, input kept, nothing.
    for (fields, field, kept) in [
        (item("DIG-1999-999", "2026-10"), "project", "DIG-1999-999"),
        (
            item("dig-2025-003", "oktober"),
            "follow_up_period",
            "oktober",
        ),
    ] {
        let page = member.post(&path, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(page.field_error(field).is_some(), "{field}");
        assert_eq!(page.input_value(field).as_deref(), Some(kept));
        assert_eq!(
            page.input_value("title").as_deref(),
            Some("Försörjningsstödets prognos")
        );
    }
    let items = |app: &TestApp| -> i64 {
        app.with_db(|conn| {
            meeting_items::table
                .filter(meeting_items::meeting_id.eq(meeting))
                .count()
                .get_result(conn)
                .expect("a count")
        })
    };
    // Planning offered its items; the refused ones added none.
    let offered = offered_items;
    assert_eq!(items(&app), offered, "nothing saved");

    // A code in any case finds its project.
    let page = member.post(&path, &item("dig-2025-003", "2026-10")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(items(&app), offered + 1);
    let page = member.get(&format!("/meetings/{meeting}")).await;
    let links = page.attrs("a", "href");
    assert!(links.contains(&format!("/projects/{project}")), "{links:?}");
    assert!(
        links.contains(&"/follow-up?period=2026-10".to_owned()),
        "{links:?}"
    );
}

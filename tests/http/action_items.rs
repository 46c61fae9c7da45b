//! Action items (åtgärder): one's own list and everyone's by owner and by meeting, closing an item
//! (an owner their own, the management group and the administrator any; once), the database's
//! own refusal to change a closed item, and the start page's action items.

use chrono::{Duration, NaiveDate};
use diesel::RunQueryDsl;
use reqwest::StatusCode;
use styr::db::action_items::{ActionItemRow, NewActionItem};

use crate::helpers::{Browser, TestApp, spawn_app};

fn today() -> NaiveDate {
    styr::web::today()
}

/// An action item on `owners`, due `days` from today (negative: overdue), from `item` if given.
pub fn create_item(
    app: &TestApp,
    text: &str,
    days: i64,
    owners: &[&str],
    item: Option<i64>,
) -> i64 {
    let owners: Vec<i64> = owners.iter().map(|o| app.user_id(o)).collect();
    let created_by = app.user_id("ledamot");
    app.with_db(|conn| {
        styr::db::action_items::create(
            conn,
            &NewActionItem {
                text,
                due_on: today() + Duration::days(days),
                owners: &owners,
                item_id: item,
                decision_id: None,
                created_by,
            },
        )
        .expect("the action item is created")
        .id
    })
}

pub fn stored(app: &TestApp, id: i64) -> ActionItemRow {
    app.with_db(|conn| {
        styr::db::action_items::find(conn, id)
            .expect("a query")
            .expect("the item exists")
            .item
    })
}

/// A management group meeting held on `held_on` with one item titled `title`: its id and the
/// item's, written as the minutes would (the minutes' own pages are another part's).
fn meeting_with_item(app: &TestApp, held_on: NaiveDate, title: &str) -> (i64, i64) {
    let (chair, adjuster) = (app.user_id("ledamot"), app.user_id("karin.holm"));
    app.with_db(|conn| {
        diesel::sql_query(format!(
            "INSERT INTO meetings (body, held_on, starts_at, place, chair_id, secretary_id, \
             adjuster_id, created_by, created_at) VALUES ('management_group', '{held_on}', \
             '09:00', 'Stadshuset', {chair}, {chair}, {adjuster}, {chair}, '2026-01-01 00:00:00')"
        ))
        .execute(conn)
        .expect("a meeting");
        let meeting: i64 = last_id(conn, "meetings");
        diesel::sql_query(format!(
            "INSERT INTO meeting_items (meeting_id, section, position, title, created_at) \
             VALUES ({meeting}, 'goals', 1, '{title}', '2026-01-01 00:00:00')"
        ))
        .execute(conn)
        .expect("an item");
        (meeting, last_id(conn, "meeting_items"))
    })
}

#[derive(diesel::QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

fn last_id(conn: &mut styr::db::DbConnection, table: &str) -> i64 {
    diesel::sql_query(format!("SELECT MAX(id) AS id FROM {table}"))
        .get_result::<Id>(conn)
        .expect("an id")
        .id
}

#[tokio::test]
async fn owners_see_their_own_open_and_overdue_first_and_the_closed_folded_away() {
    let app = spawn_app().await;
    // projektledare2 owns no action item in the demo, so every item listed is the test's own.
    let later = create_item(
        &app,
        "Sammanställ direktupphandlingar",
        10,
        &["projektledare2"],
        None,
    );
    let late = create_item(
        &app,
        "Rapportera vakanser",
        -3,
        &["projektledare2", "karin.holm"],
        None,
    );
    let others = create_item(&app, "Någon annans uppdrag", -1, &["lars.dahl"], None);
    let closed = create_item(&app, "Redan gjort", 2, &["projektledare2"], None);
    let lead = Browser::log_in(&app, "projektledare2").await;
    assert_eq!(
        lead.post(&format!("/action-items/{closed}"), &[("state", "done")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let page = lead.get("/action-items").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let open = page.texts("main > div.table-wrap table.action-items tbody tr");
    assert_eq!(open.len(), 2, "{open:?}");
    assert!(
        open[0].contains("Rapportera vakanser") && open[0].contains("Försenad"),
        "{open:?}"
    );
    assert!(
        open[0].contains("Karin Holm"),
        "both owners are named: {open:?}"
    );
    assert!(
        open[1].contains("Sammanställ direktupphandlingar") && open[1].contains("Öppen"),
        "{open:?}"
    );
    assert!(
        page.text(".overdue-count")
            .unwrap_or_default()
            .contains("En åtgärd är försenad")
    );
    let folded = page.texts("details.closed-items tbody tr");
    assert_eq!(folded.len(), 1, "{folded:?}");
    assert!(folded[0].contains("Redan gjort") && folded[0].contains("Klar"));
    assert!(!page.body.contains("Någon annans uppdrag"));
    // Each open row has its own close form, with labelled fields whose ids differ.
    let actions = page.attrs("form.row-close", "action");
    assert_eq!(
        actions,
        [
            format!("/action-items/{late}"),
            format!("/action-items/{later}")
        ]
    );
    assert!(
        page.attr(&format!("label[for=\"state-{late}\"]"), "for")
            .is_some()
    );
    // No tabs to everyone's: a project lead sees their own only.
    assert!(page.text("nav.sub-nav").is_none());
    for view in ["owner", "meeting"] {
        let page = lead.get(&format!("/action-items?by={view}")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{view}");
    }
    let reader = Browser::log_in(&app, "lasare").await;
    let page = reader.get("/action-items").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Du har inga öppna åtgärder"));
    assert_eq!(
        reader.get("/action-items?by=owner").await.status,
        StatusCode::FORBIDDEN
    );
    // One item: its owners and those who see everyone's; not others.
    assert_eq!(
        lead.get(&format!("/action-items/{late}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        lead.get(&format!("/action-items/{others}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        reader.get(&format!("/action-items/{late}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        lead.get("/action-items/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        lead.get("/action-items/abc").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_management_group_sees_everyones_by_owner_and_by_meeting() {
    let app = spawn_app().await;
    let held_on = today() - Duration::days(20);
    let (meeting, item) = meeting_with_item(&app, held_on, "Budgetläget");
    let shared = create_item(
        &app,
        "Gemensamt uppdrag",
        5,
        &["projektledare", "projektledare2"],
        Some(item),
    );
    let loose = create_item(&app, "Fristående uppdrag", -2, &["lasare"], None);

    for user in ["ledamot", "admin", "utvecklingschef"] {
        let browser = Browser::log_in(&app, user).await;
        let page = browser.get("/action-items?by=owner").await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert_eq!(
            page.text("nav.sub-nav a[aria-current=page]").as_deref(),
            Some("Alla per ägare"),
            "{user}"
        );
    }
    let member = Browser::log_in(&app, "ledamot").await;
    let page = member.get("/action-items?by=owner").await;
    let lead_name = |username: &str| {
        app.with_db(|conn| {
            styr::db::users::find_by_username(conn, username)
                .expect("a query")
                .expect("the user")
                .display_name
        })
    };
    // The item with two owners is under each of them.
    let captions = page.texts("caption");
    for owner in ["projektledare", "projektledare2"] {
        let caption = format!("Åtgärder för {}", lead_name(owner));
        assert!(captions.contains(&caption), "{caption}: {captions:?}");
    }
    let rows = page.texts("table.action-items tbody tr");
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains("Gemensamt uppdrag"))
            .count(),
        2,
        "{rows:?}"
    );
    let reader_rows: Vec<String> = page
        .texts("table.action-items")
        .into_iter()
        .filter(|t| t.contains(&format!("Åtgärder för {}", lead_name("lasare"))))
        .collect();
    assert_eq!(reader_rows.len(), 1);
    assert!(reader_rows[0].contains("Fristående uppdrag") && reader_rows[0].contains("Försenad"));
    // No two fields share an id, though the shared item is listed twice.
    let ids = page.attrs("[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids");

    let page = member.get("/action-items?by=meeting").await;
    assert_eq!(page.status, StatusCode::OK);
    let heading = format!("Möte {held_on}");
    assert!(
        page.texts("h2").contains(&heading),
        "{:?}",
        page.texts("h2")
    );
    let links = page.attrs("a", "href");
    assert!(links.contains(&format!("/meetings/{meeting}")), "{links:?}");
    let origins = page.texts("table.action-items td a[href^=\"/meetings/\"]");
    assert!(
        origins
            .iter()
            .any(|o| o.contains("Budgetläget") && o.contains(&held_on.to_string())),
        "{origins:?}"
    );
    assert!(page.texts("h2").contains(&"Inte från ett möte".to_owned()));

    // An item from a decision outside a meeting names the decision by its citation and links to it.
    let member_id = app.user_id("ledamot");
    let decision = app.with_db(|conn| {
        styr::db::decisions::record(
            conn,
            &styr::db::decisions::NewDecision {
                body: styr::domain::decision::Body::ManagementGroup,
                project_id: None,
                decided_on: today(),
                kind: styr::domain::decision::DecisionKind::Strategic,
                text: "Enheterna redovisar sina vakanser.",
                phase_from: None,
                phase_to: None,
                recorded_by: member_id,
                meeting_id: None,
                extras: Default::default(),
            },
        )
        .expect("a decision")
    });
    let from_decision = app.with_db(|conn| {
        styr::db::action_items::create(
            conn,
            &NewActionItem {
                text: "Redovisa vakanser",
                due_on: today(),
                owners: &[member_id],
                item_id: None,
                decision_id: Some(decision.id),
                created_by: member_id,
            },
        )
        .expect("an action item")
        .id
    });
    let page = member.get(&format!("/action-items/{from_decision}")).await;
    let link = page.text(&format!("a[href=\"/decisions/{}\"]", decision.id));
    assert_eq!(link, Some(format!("Beslut {}", decision.citation())));
    assert!(links.contains(&format!("/action-items/{shared}")));
    assert!(links.contains(&format!("/action-items/{loose}")));
}

#[tokio::test]
async fn an_owner_closes_their_own_once_and_a_cancellation_says_why() {
    let app = spawn_app().await;
    let id = create_item(&app, "Uppdatera rutinen", 7, &["projektledare"], None);
    let path = format!("/action-items/{id}");
    let lead = Browser::log_in(&app, "projektledare").await;

    // A cancellation without a comment: 422 beside the comment, the choice kept, nothing saved.
    let page = lead
        .post(&path, &[("state", "cancelled"), ("comment", "  ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.field_error("comment")
            .unwrap_or_default()
            .contains("varför")
    );
    assert_eq!(
        page.attr("#comment", "aria-describedby").as_deref(),
        Some("comment-hint comment-error")
    );
    assert_eq!(
        page.attr("#state option[selected]", "value").as_deref(),
        Some("cancelled")
    );
    assert_eq!(stored(&app, id).state, "open");
    // A state that is no closing: beside the state, the comment kept.
    let page = lead
        .post(&path, &[("state", "open"), ("comment", "Behåll mig")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("state").is_some());
    assert_eq!(page.text("#comment").as_deref(), Some("Behåll mig"));
    assert_eq!(stored(&app, id).state, "open");

    // Missing or wrong CSRF token: 403, nothing changes.
    let form = [("state", "done"), ("comment", "")];
    app.login_as("projektledare").await;
    let page = app.post_with_token(&path, &form, None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = app.post_with_token(&path, &form, Some("wrong")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&app, id).state, "open");

    // Someone who is not an owner, nor of the management group: 403.
    for user in ["projektledare2", "utvecklingschef", "lasare"] {
        let browser = Browser::log_in(&app, user).await;
        let page = browser.post(&path, &[("state", "done")]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
    }
    assert_eq!(stored(&app, id).state, "open");
    assert_eq!(
        lead.post("/action-items/999999", &[("state", "done")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        lead.post("/action-items/x1", &[("state", "done")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let page = lead
        .post(
            &path,
            &[("state", "cancelled"), ("comment", "Ersatt av ny rutin")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{path}?saved=closed").as_str())
    );
    let row = stored(&app, id);
    assert_eq!(
        (row.state.as_str(), row.comment.as_str()),
        ("cancelled", "Ersatt av ny rutin")
    );
    assert_eq!(row.closed_by, Some(app.user_id("projektledare")));
    assert!(row.closed_at.is_some());
    let page = lead.get(&format!("{path}?saved=closed")).await;
    assert!(
        page.text(".notice")
            .unwrap_or_default()
            .contains("avslutad")
    );
    assert!(page.text("dl").unwrap_or_default().contains("Struken"));
    assert!(
        page.attr("form.close-action", "action").is_none(),
        "no form for a closed item"
    );

    // Audited, with what it was and what it became.
    let audit: Vec<(String, Option<String>, Option<String>)> = app.with_db(|conn| {
        use diesel::prelude::*;
        use styr::db::schema::audit_log;
        audit_log::table
            .filter(audit_log::entity.eq("action_item"))
            .filter(audit_log::entity_id.eq(id))
            .order(audit_log::id)
            .select((audit_log::action, audit_log::before, audit_log::after))
            .load(conn)
            .expect("the audit trail")
    });
    assert_eq!(audit.len(), 2, "created and closed: {audit:?}");
    assert_eq!(audit[1].0, "update");
    assert!(
        audit[1]
            .1
            .as_deref()
            .unwrap_or_default()
            .contains("\"state\":\"open\"")
    );
    assert!(
        audit[1]
            .2
            .as_deref()
            .unwrap_or_default()
            .contains("\"state\":\"cancelled\"")
    );

    // Closing twice: 409, nothing changes, no new audit entry.
    let page = lead
        .post(&path, &[("state", "done"), ("comment", "Nu klar")])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("redan avslutad"));
    let again = stored(&app, id);
    assert_eq!(
        (again.state.as_str(), again.comment.as_str()),
        ("cancelled", "Ersatt av ny rutin")
    );
    let member = Browser::log_in(&app, "ledamot").await;
    assert_eq!(
        member.post(&path, &[("state", "done")]).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn the_management_group_and_the_administrator_close_anyones() {
    let app = spawn_app().await;
    let first = create_item(&app, "Första", 1, &["projektledare"], None);
    let second = create_item(&app, "Andra", 1, &["projektledare"], None);
    let member = Browser::log_in(&app, "ledamot").await;
    let page = member.get("/action-items?by=owner").await;
    assert!(
        page.attrs("form.row-close", "action")
            .contains(&format!("/action-items/{first}"))
    );
    assert_eq!(
        member
            .post(&format!("/action-items/{first}"), &[("state", "done")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&app, first).closed_by, Some(app.user_id("ledamot")));
    let admin = Browser::log_in(&app, "admin").await;
    assert_eq!(
        admin
            .post(&format!("/action-items/{second}"), &[("state", "done")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&app, second).state, "done");
    // The development manager sees everyone's but closes only their own: no forms on others'.
    let manager = Browser::log_in(&app, "utvecklingschef").await;
    let third = create_item(&app, "Tredje", 1, &["projektledare"], None);
    let page = manager.get("/action-items?by=owner").await;
    assert!(
        !page
            .attrs("form.row-close", "action")
            .contains(&format!("/action-items/{third}"))
    );
}

#[tokio::test]
async fn the_database_refuses_to_change_a_closed_action_item() {
    let app = spawn_app().await;
    let open = create_item(&app, "Öppen", 3, &["projektledare"], None);
    let closed = create_item(&app, "Stängd", 3, &["projektledare"], None);
    let lead = Browser::log_in(&app, "projektledare").await;
    lead.post(&format!("/action-items/{closed}"), &[("state", "done")])
        .await;
    assert_eq!(stored(&app, closed).state, "done");
    let run = |sql: String| app.with_db(|conn| diesel::sql_query(sql).execute(conn));
    for sql in [
        format!("UPDATE action_items SET state = 'open' WHERE id = {closed}"),
        format!("UPDATE action_items SET comment = 'ändrad' WHERE id = {closed}"),
        format!("UPDATE action_items SET state = 'cancelled', comment = 'x' WHERE id = {closed}"),
        format!("DELETE FROM action_items WHERE id = {closed}"),
        format!("UPDATE action_items SET text = 'Annan text' WHERE id = {open}"),
        format!("UPDATE action_items SET due_on = '2099-01-01' WHERE id = {open}"),
    ] {
        let error = run(sql.clone()).expect_err(&sql);
        assert!(error.to_string().contains("action item"), "{sql}: {error}");
    }
    let row = stored(&app, closed);
    assert_eq!((row.state.as_str(), row.comment.as_str()), ("done", ""));
    assert_eq!(stored(&app, open).text, "Öppen");
}

#[tokio::test]
async fn the_start_page_shows_ones_own_open_items_overdue_first_and_the_count_to_those_who_follow_all()
 {
    let app = spawn_app().await;
    let member = Browser::log_in(&app, "ledamot").await;
    let count_of =
        |page: &crate::helpers::Page| page.text(".start-all-actions").unwrap_or_default();
    let before = count_of(&member.get("/").await);
    assert!(
        before.contains("Öppna åtgärder i hela förvaltningen"),
        "{before}"
    );

    create_item(&app, "Senare", 20, &["projektledare2"], None);
    create_item(&app, "Försenad sedan länge", -30, &["projektledare2"], None);
    create_item(&app, "Försenad nyss", -1, &["projektledare2"], None);
    let done = create_item(&app, "Klar redan", -5, &["projektledare2"], None);
    create_item(&app, "Inte min", -5, &["lars.dahl"], None);
    let lead = Browser::log_in(&app, "projektledare2").await;
    lead.post(&format!("/action-items/{done}"), &[("state", "done")])
        .await;

    let page = lead.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page.texts("table.action-items tbody tr");
    let texts: Vec<&str> = ["Försenad sedan länge", "Försenad nyss", "Senare"].to_vec();
    assert_eq!(rows.len(), 3, "{rows:?}");
    for (row, text) in rows.iter().zip(texts) {
        assert!(row.contains(text), "{rows:?}");
    }
    assert!(rows[0].contains("Försenad") && rows[2].contains("Öppen"));
    assert!(
        page.text(".start-all-actions").is_none(),
        "a project lead sees no count of all"
    );
    assert!(
        page.attrs("a", "href")
            .contains(&"/action-items".to_owned())
    );
    // Someone without action items sees no such table.
    let reader = Browser::log_in(&app, "lasare").await;
    assert!(reader.get("/").await.text("table.action-items").is_none());

    // The management group's count grew by the four open ones, three of them overdue.
    let numbers = |text: &str| -> Vec<i64> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let after = count_of(&member.get("/").await);
    let (b, a) = (numbers(&before), numbers(&after));
    assert_eq!((a[0] - b[0], a[1] - b[1]), (4, 3), "{before} → {after}");
    assert!(
        member
            .get("/")
            .await
            .attrs(".start-all-actions a", "href")
            .contains(&"/action-items?by=owner".to_owned())
    );
}

#[tokio::test]
async fn the_start_page_makes_as_many_statements_for_many_action_items_as_for_one() {
    let app = spawn_app().await;
    app.login_as("ledamot").await;
    create_item(&app, "En", 1, &["ledamot"], None);
    let one = statements(&app).await;
    for i in 0..30 {
        create_item(
            &app,
            &format!("Uppdrag {i}"),
            i - 15,
            &["ledamot", "karin.holm"],
            None,
        );
    }
    assert_eq!(statements(&app).await, one);
}

/// The statements one GET of the start page makes, nothing kept from a GET before it.
async fn statements(app: &TestApp) -> u64 {
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    app.db.changed().expect("a new generation");
    let before = app.db.statements_run();
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    app.db.statements_run() - before
}

//! The demo's management group: a year of meetings with their minutes, the decisions the projects'
//! histories imply taken under their items, the development manager's decisions under
//! delegation, and action items in every state.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use styr::db::action_items::ActionItemRow;
use styr::db::decisions::DecisionRow;
use styr::db::schema::{
    action_item_owners, action_items, decisions, meeting_attendance, meeting_items, meetings, users,
};

use crate::helpers::spawn_app;

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(&crate::helpers::today(), "%Y-%m-%d").expect("a date")
}

/// The management group's meetings, oldest first: id, day, state, chair, adjuster, and whether
/// both signed.
type Meeting = (i64, NaiveDate, String, i64, i64, bool);

fn management_group_meetings(conn: &mut styr::db::DbConnection) -> Vec<Meeting> {
    meetings::table
        .filter(meetings::body.eq("management_group"))
        .order(meetings::held_on)
        .select((
            meetings::id,
            meetings::held_on,
            meetings::state,
            meetings::chair_id,
            meetings::adjuster_id,
            meetings::chair_signed_at
                .is_not_null()
                .and(meetings::adjuster_signed_at.is_not_null()),
        ))
        .load(conn)
        .expect("meetings load")
}

fn all_decisions(conn: &mut styr::db::DbConnection) -> Vec<DecisionRow> {
    decisions::table
        .order(decisions::id)
        .select(DecisionRow::as_select())
        .load(conn)
        .expect("decisions load")
}

fn user(conn: &mut styr::db::DbConnection, username: &str) -> i64 {
    users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)
        .expect("the user")
}

#[tokio::test]
async fn a_year_of_monthly_meetings_all_locked_but_the_next_which_is_planned() {
    let app = spawn_app().await;
    let today = today();
    let (all, attendance, sections, offered) = app.with_db(|conn| {
        let all = management_group_meetings(conn);
        let attendance: Vec<(i64, bool)> = meeting_attendance::table
            .select((meeting_attendance::meeting_id, meeting_attendance::present))
            .load(conn)
            .expect("attendance loads");
        let sections: Vec<(i64, String)> = meeting_items::table
            .select((meeting_items::meeting_id, meeting_items::section))
            .load(conn)
            .expect("items load");
        let offered: Vec<(i64, Option<i64>, Option<i64>)> = meeting_items::table
            .select((
                meeting_items::meeting_id,
                meeting_items::rollup_id,
                meeting_items::action_item_id,
            ))
            .load(conn)
            .expect("items load");
        (all, attendance, sections, offered)
    });
    let in_the_year = all
        .iter()
        .filter(|(_, on, ..)| *on > today - Duration::days(365) && *on <= today)
        .count();
    assert!(in_the_year >= 12, "a meeting a month: {in_the_year}");

    let (next, held) = all.split_last().expect("meetings");
    assert_eq!(next.2, "planned");
    assert!(next.1 > today, "the next meeting is ahead: {}", next.1);
    assert!(
        sections.iter().any(|(m, _)| *m == next.0),
        "the next meeting has its agenda"
    );
    // Planning offered it the development manager's roll-up and the overdue action items.
    let next_items = offered.iter().filter(|(m, ..)| *m == next.0);
    let (rollups, actions) = next_items.fold((0, 0), |(r, a), (_, rollup, action)| {
        (r + rollup.is_some() as usize, a + action.is_some() as usize)
    });
    assert_eq!(rollups, 1, "the latest roll-up");
    assert!(actions >= 2, "the overdue action items: {actions}");
    let mut absent_somewhere = false;
    for (id, on, state, chair, adjuster, signed) in held {
        assert_eq!(state, "locked", "{on}");
        assert!(*signed, "adjusted by chair and adjuster: {on}");
        assert_ne!(chair, adjuster, "{on}");
        let present = attendance.iter().filter(|(m, p)| m == id && *p).count();
        let absent = attendance.iter().filter(|(m, p)| m == id && !*p).count();
        assert!(present >= 3 && absent <= 2, "{on}: {present} present");
        absent_somewhere |= absent > 0;
        let used: std::collections::BTreeSet<&str> = sections
            .iter()
            .filter(|(m, _)| m == id)
            .map(|(_, s)| s.as_str())
            .collect();
        assert!(used.len() >= 2, "{on}: items in several sections {used:?}");
    }
    assert!(absent_somewhere, "someone is absent now and then");
}

#[tokio::test]
async fn every_management_group_decision_is_taken_under_an_item_of_its_meeting_by_its_chair() {
    let app = spawn_app().await;
    let (rows, items) = app.with_db(|conn| {
        let rows = all_decisions(conn);
        let items: BTreeMap<i64, (NaiveDate, i64)> = meeting_items::table
            .inner_join(meetings::table)
            .select((meeting_items::id, meetings::held_on, meetings::chair_id))
            .load::<(i64, NaiveDate, i64)>(conn)
            .expect("items load")
            .into_iter()
            .map(|(item, on, chair)| (item, (on, chair)))
            .collect();
        (rows, items)
    });
    let group: Vec<&DecisionRow> = rows
        .iter()
        .filter(|d| d.body == "management_group")
        .collect();
    assert!(group.len() >= 20, "{} decisions", group.len());
    for decision in &group {
        let item = decision.item_id.expect("taken under an item");
        let (on, chair) = items[&item];
        assert_eq!(decision.decided_on, on, "{}", decision.citation());
        assert_eq!(decision.decided_by, Some(chair), "{}", decision.citation());
    }
    // The projects' approvals and phase decisions are among them, the closure of DIG-2024-001
    // into maintenance too.
    let closed = app.project_id("DIG-2024-001");
    assert!(
        group
            .iter()
            .any(|d| d.project_id == Some(closed) && d.phase_to.as_deref() == Some("maintenance"))
    );
    assert!(group.iter().any(|d| d.kind == "directive_approved"));
    // Strategic and economic decisions with registry numbers; one confidential, one with an
    // overdue follow-up, one correcting an earlier one.
    for kind in ["strategic", "economic"] {
        assert!(
            group
                .iter()
                .any(|d| d.kind == kind && d.registry_number.is_some()),
            "{kind}"
        );
    }
    assert!(group.iter().any(|d| d.is_confidential()));
    assert!(
        group
            .iter()
            .any(|d| d.follow_up_by.is_some() && d.follow_up_on.is_some_and(|on| on < today()))
    );
    let correction = group
        .iter()
        .find(|d| d.supersedes.is_some())
        .expect("a correction");
    let old = rows
        .iter()
        .find(|d| Some(d.id) == correction.supersedes)
        .expect("the superseded decision");
    assert_eq!(old.numbering_key, correction.numbering_key);
    assert!(old.decided_on < correction.decided_on);
}

#[tokio::test]
async fn the_development_manager_decides_under_delegation_through_the_year() {
    let app = spawn_app().await;
    let (rows, manager) = app.with_db(|conn| (all_decisions(conn), user(conn, "utvecklingschef")));
    let delegated: Vec<&DecisionRow> = rows.iter().filter(|d| d.delegated).collect();
    assert!(delegated.len() >= 5, "{}", delegated.len());
    for decision in &delegated {
        assert_eq!(decision.body, "development_manager");
        assert_eq!(decision.decided_by, Some(manager));
        assert!(decision.item_id.is_none());
        assert!(["strategic", "economic", "other"].contains(&decision.kind.as_str()));
    }
    let first = delegated.iter().map(|d| d.decided_on).min().expect("one");
    let last = delegated.iter().map(|d| d.decided_on).max().expect("one");
    assert!((last - first).num_days() > 180, "spread over the year");
}

#[tokio::test]
async fn action_items_are_open_done_cancelled_and_some_overdue() {
    let app = spawn_app().await;
    let today = today();
    let (rows, owners, lead, member) = app.with_db(|conn| {
        let rows: Vec<ActionItemRow> = action_items::table
            .select(ActionItemRow::as_select())
            .load(conn)
            .expect("action items load");
        let owners: Vec<(i64, i64)> = action_item_owners::table
            .select((
                action_item_owners::action_item_id,
                action_item_owners::user_id,
            ))
            .load(conn)
            .expect("owners load");
        (
            rows,
            owners,
            user(conn, "projektledare"),
            user(conn, "ledamot"),
        )
    });
    assert!(rows.iter().all(|r| r.item_id.is_some()), "from the minutes");
    for state in ["open", "done", "cancelled"] {
        assert!(rows.iter().any(|r| r.state == state), "{state}");
    }
    for closed in rows.iter().filter(|r| r.state != "open") {
        assert!(!closed.comment.is_empty(), "{}", closed.text);
        assert!(closed.closed_by.is_some() && closed.closed_at.is_some());
        let owner = closed.closed_by.expect("closed by");
        assert!(owners.contains(&(closed.id, owner)), "closed by an owner");
    }
    let overdue = |r: &&ActionItemRow| r.state == "open" && r.due_on < today;
    assert!(rows.iter().filter(overdue).count() >= 2);
    assert!(rows.iter().any(|r| r.state == "open" && r.due_on >= today));
    for person in [lead, member] {
        assert!(
            rows.iter()
                .any(|r| r.state == "open" && owners.contains(&(r.id, person))),
            "{person} has an open action item"
        );
    }
}

#[tokio::test]
async fn decision_numbers_run_from_one_without_gaps_in_date_order() {
    let app = spawn_app().await;
    let rows = app.with_db(all_decisions);
    let mut series: BTreeMap<(String, i32), Vec<&DecisionRow>> = BTreeMap::new();
    for row in &rows {
        series
            .entry((row.numbering_key.clone(), row.year))
            .or_default()
            .push(row);
    }
    for ((key, year), mut numbered) in series {
        numbered.sort_by_key(|d| d.number);
        let numbers: Vec<i32> = numbered.iter().map(|d| d.number).collect();
        let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
        assert_eq!(numbers, expected, "{key} {year}");
        assert!(
            numbered
                .windows(2)
                .all(|w| w[0].decided_on <= w[1].decided_on),
            "{key} {year}: numbers follow the dates"
        );
    }
}

#[tokio::test]
async fn the_demo_minutes_print_with_their_decisions_and_a_reader_sees_no_confidential_text() {
    let app = spawn_app().await;
    let confidential = app.with_db(|conn| {
        all_decisions(conn)
            .into_iter()
            .find(|d| d.is_confidential())
            .expect("a confidential decision")
    });
    let meeting: i64 = app.with_db(|conn| {
        meeting_items::table
            .find(confidential.item_id.expect("under an item"))
            .select(meeting_items::meeting_id)
            .first(conn)
            .expect("its meeting")
    });
    let member = crate::helpers::Browser::log_in(&app, "ledamot").await;
    let list = member.get("/meetings").await;
    assert_eq!(list.status, reqwest::StatusCode::OK);
    let minutes = member.get(&format!("/meetings/{meeting}/minutes")).await;
    assert_eq!(minutes.status, reqwest::StatusCode::OK);
    let text = minutes.text("main").unwrap_or_default();
    assert!(text.contains(&confidential.citation()), "{text}");
    assert!(text.contains("lex Sarah"), "the member reads the text");

    let reader = crate::helpers::Browser::log_in(&app, "lasare").await;
    let minutes = reader.get(&format!("/meetings/{meeting}/minutes")).await;
    assert_eq!(minutes.status, reqwest::StatusCode::OK);
    let text = minutes.text("main").unwrap_or_default();
    assert!(text.contains("OSL 26 kap. 1 §"), "the reason: {text}");
    assert!(
        !text.contains("Inspektionen för vård och omsorg"),
        "not the text"
    );
}

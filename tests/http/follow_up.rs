//! The monthly budget follow-up (månadsuppföljning): recorded per month and board or unit by the
//! development manager, the management group and the administrator; recording a month again
//! replaces it (audited before and after); one month alone at `/follow-up?period=YYYY-MM`, the
//! link a meeting item carries; the chart and its table.

use reqwest::StatusCode;
use styr::db::follow_ups::FollowUpRow;
use styr::domain::status_report::Period;

use crate::helpers::{Browser, TestApp, spawn_app};

fn this_month() -> Period {
    Period::of(styr::web::today())
}

fn stored(app: &TestApp) -> Vec<FollowUpRow> {
    app.with_db(|conn| {
        use diesel::prelude::*;
        use styr::db::schema::follow_ups;
        follow_ups::table
            .order(follow_ups::id)
            .select(FollowUpRow::as_select())
            .load(conn)
            .expect("the follow-ups")
    })
}

/// A form as posted: (name, value) pairs.
type Form = Vec<(String, String)>;

/// `good` with the values of `changes` in place of its own.
fn changed(good: &[(&str, &str)], changes: &[(&str, &str)]) -> Form {
    good.iter()
        .map(|(name, value)| {
            let value = changes
                .iter()
                .find(|(changed, _)| changed == name)
                .map_or(*value, |(_, new)| *new);
            ((*name).to_owned(), value.to_owned())
        })
        .collect()
}

fn unit_and_board(app: &TestApp) -> (i64, i64) {
    // A board and unit of the test's own: the demo has a year of follow-ups for its own.
    app.with_db(|conn| {
        let board = styr::db::units::insert_board(conn, "Kulturnämnden").expect("a board");
        let unit = styr::db::units::insert_unit(conn, "Fritidsenheten", board).expect("a unit");
        (unit, board)
    })
}

#[tokio::test]
async fn a_month_is_recorded_shown_in_the_table_and_the_chart_and_replaced_when_recorded_again() {
    let app = spawn_app().await;
    let before = stored(&app).len();
    let (unit, board) = unit_and_board(&app);
    let month = this_month().to_string();
    let earlier = this_month().previous().to_string();
    let manager = Browser::log_in(&app, "utvecklingschef").await;
    let unit_id = unit.to_string();
    let board_id = board.to_string();

    let page = manager
        .post(
            "/follow-up",
            &[
                ("period", &month),
                ("unit", &unit_id),
                ("budget", "12 500 000"),
                ("forecast_deviation", "-250 000"),
                ("comment", "Vakanser inom hemtjänsten"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/follow-up?period={month}&saved=created").as_str())
    );
    let page = manager
        .post(
            "/follow-up",
            &[
                ("period", &earlier),
                ("board", &board_id),
                ("budget", "900000000"),
                ("forecast_deviation", "+1 000 000"),
                ("comment", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored(&app).len(), before + 2);

    // The month alone, as a meeting item links to it.
    let page = manager
        .get(&format!("/follow-up?period={month}&saved=created"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(".notice").unwrap_or_default().contains("sparad"));
    assert_eq!(
        page.text("h2#month").as_deref(),
        Some(format!("Uppföljning {month}").as_str())
    );
    let rows = page.texts("table.follow-up-table tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Fritidsenheten (enhet)"), "{rows:?}");
    assert!(rows[0].contains("12 500 000 kr"), "{rows:?}");
    assert!(rows[0].contains("−250 000 kr (underskott)"), "{rows:?}");
    assert!(rows[0].contains("Vakanser inom hemtjänsten"));

    // The year: both months in the table, when they are in the same year.
    let year = this_month().year();
    let page = manager.get(&format!("/follow-up?year={year}")).await;
    let rows: Vec<String> = page
        .texts("table.follow-up-table tbody tr")
        .into_iter()
        .filter(|r| r.contains("Fritidsenheten") || r.contains("Kulturnämnden"))
        .collect();
    let same_year = this_month().previous().year() == year;
    assert_eq!(rows.len(), if same_year { 2 } else { 1 }, "{rows:?}");
    // The chart: a line per board and unit, named in text, and the same numbers as a table.
    let svg = page.attr("svg.forecast", "aria-hidden");
    assert_eq!(svg.as_deref(), Some("true"));
    assert!(
        page.body.contains(">Fritidsenheten (enhet)</text>"),
        "the line is named in the drawing"
    );
    let legend = page.texts(".chart-legend li");
    assert!(
        legend.contains(&"Fritidsenheten (enhet)".to_owned()),
        "{legend:?}"
    );
    let table = page.texts("table.follow-up-chart-table tbody tr");
    let unit_line = table
        .iter()
        .find(|r| r.starts_with("Fritidsenheten (enhet)"))
        .expect("the unit's line in the table");
    assert!(unit_line.contains("−250 000 kr"), "{unit_line}");
    assert!(
        page.attr("table.follow-up-chart-table caption", "class")
            .is_none(),
        "a visible caption"
    );

    // The same month and unit again: replaced, not added; audited with before and after.
    let page = manager
        .post(
            "/follow-up",
            &[
                ("period", &month),
                ("unit", &unit_id),
                ("budget", "12 500 000"),
                ("forecast_deviation", "−400 000"),
                ("comment", "Fler vakanser"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/follow-up?period={month}&saved=replaced").as_str())
    );
    let rows = stored(&app);
    assert_eq!(rows.len(), before + 2);
    let row = rows
        .iter()
        .find(|r| r.unit_id == Some(unit) && r.period == month)
        .expect("the month's row");
    assert_eq!(
        (row.forecast_deviation, row.comment.as_str()),
        (-400_000, "Fler vakanser")
    );
    let audit: Vec<(String, Option<String>, Option<String>)> = app.with_db(|conn| {
        use diesel::prelude::*;
        use styr::db::schema::audit_log;
        audit_log::table
            .filter(audit_log::entity.eq("follow_up"))
            .filter(audit_log::entity_id.eq(row.id))
            .order(audit_log::id)
            .select((audit_log::action, audit_log::before, audit_log::after))
            .load(conn)
            .expect("the audit trail")
    });
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(
        (audit[0].0.as_str(), audit[1].0.as_str()),
        ("create", "update")
    );
    assert!(
        audit[1]
            .1
            .as_deref()
            .unwrap_or_default()
            .contains("-250000")
    );
    assert!(
        audit[1]
            .2
            .as_deref()
            .unwrap_or_default()
            .contains("-400000")
    );
    let page = manager
        .get(&format!("/follow-up?period={month}&saved=replaced"))
        .await;
    assert!(
        page.text(".notice")
            .unwrap_or_default()
            .contains("ersätter")
    );
}

#[tokio::test]
async fn bad_input_is_refused_beside_its_field_with_the_input_kept_and_nothing_saved() {
    let app = spawn_app().await;
    let before = stored(&app).len();
    let (unit, board) = unit_and_board(&app);
    let (unit, board) = (unit.to_string(), board.to_string());
    let month = this_month().to_string();
    let next = this_month().next().to_string();
    let member = Browser::log_in(&app, "ledamot").await;
    let good = [
        ("period", month.as_str()),
        ("unit", unit.as_str()),
        ("board", ""),
        ("budget", "1 000 000"),
        ("forecast_deviation", "-5 000"),
        ("comment", "Kvar i fältet"),
    ];
    let next = next.as_str();
    let board = board.as_str();
    let cases: Vec<(Form, &str, &str)> = vec![
        (
            changed(&good, &[("period", "2026-13")]),
            "period",
            "Ange perioden",
        ),
        (
            changed(&good, &[("period", "maj")]),
            "period",
            "Ange perioden",
        ),
        (changed(&good, &[("period", next)]), "period", "framtiden"),
        (changed(&good, &[("board", board)]), "unit", "inte båda"),
        (
            changed(&good, &[("unit", "")]),
            "unit",
            "Välj en enhet eller en nämnd",
        ),
        (
            changed(&good, &[("unit", "999999")]),
            "unit",
            "Välj ett av alternativen",
        ),
        (
            changed(&good, &[("unit", ""), ("board", "999999")]),
            "board",
            "Välj ett av alternativen",
        ),
        (changed(&good, &[("budget", "-1")]), "budget", "negativt"),
        (
            changed(&good, &[("budget", "mycket")]),
            "budget",
            "hela kronor",
        ),
        (changed(&good, &[("budget", "")]), "budget", "Fyll i"),
        (
            changed(&good, &[("forecast_deviation", "tio")]),
            "forecast_deviation",
            "hela kronor",
        ),
        (
            changed(&good, &[("forecast_deviation", "12,5")]),
            "forecast_deviation",
            "hela kronor",
        ),
    ];
    for (form, field, message) in cases {
        let fields: Vec<(&str, &str)> =
            form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let page = member.post("/follow-up", &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        let error = page.field_error(field).unwrap_or_default();
        assert!(error.contains(message), "{field}: {error} ({fields:?})");
        let typed = fields
            .iter()
            .find(|(n, _)| *n == field)
            .map(|(_, v)| *v)
            .unwrap_or_default();
        if ["period", "budget", "forecast_deviation"].contains(&field) {
            assert_eq!(
                page.input_value(field).as_deref(),
                Some(typed),
                "{field} kept"
            );
        }
        assert_eq!(page.text("#comment").as_deref(), Some("Kvar i fältet"));
        assert!(
            page.attr(&format!("#{field}"), "aria-describedby")
                .unwrap_or_default()
                .contains(&format!("{field}-error")),
            "{field}"
        );
    }
    assert_eq!(stored(&app).len(), before, "nothing saved");

    // Missing or wrong CSRF token.
    app.login_as("ledamot").await;
    let page = app.post_with_token("/follow-up", &good, None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = app
        .post_with_token("/follow-up", &good, Some("wrong"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&app).len(), before);
}

#[tokio::test]
async fn the_development_manager_management_group_and_administrator_record_and_everyone_reads() {
    let app = spawn_app().await;
    let before = stored(&app).len();
    let (unit, _) = unit_and_board(&app);
    let unit = unit.to_string();
    let month = this_month().to_string();
    let form = [
        ("period", month.as_str()),
        ("unit", unit.as_str()),
        ("budget", "100"),
        ("forecast_deviation", "0"),
    ];
    for user in ["projektledare", "lasare"] {
        let browser = Browser::log_in(&app, user).await;
        let page = browser.get("/follow-up").await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert!(
            page.attr("form.follow-up-form", "action").is_none(),
            "{user} sees no form"
        );
        assert_eq!(
            browser.post("/follow-up", &form).await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
    }
    assert_eq!(stored(&app).len(), before);
    for (user, expected) in [("utvecklingschef", 1), ("ledamot", 1), ("admin", 1)] {
        let browser = Browser::log_in(&app, user).await;
        let page = browser.get("/follow-up").await;
        assert_eq!(
            page.attr("form.follow-up-form", "action").as_deref(),
            Some("/follow-up"),
            "{user}"
        );
        assert_eq!(
            page.input_value("period").as_deref(),
            Some(month.as_str()),
            "{user}: this month"
        );
        let page = browser.post("/follow-up", &form).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{user}");
        assert_eq!(
            stored(&app).len(),
            before + expected,
            "{user}: the one row, replaced"
        );
    }
    // A period that is no period, or a year that is no year, shows the current year.
    let reader = Browser::log_in(&app, "lasare").await;
    for path in [
        "/follow-up?period=nej",
        "/follow-up?year=x",
        "/follow-up?period=2026-13",
    ] {
        let page = reader.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let caption = format!("Uppföljning {}", this_month().year());
        assert_eq!(
            page.text("h2#month").as_deref(),
            Some(caption.as_str()),
            "{path}"
        );
    }
    // Another year shows that year, with nothing recorded.
    let page = reader.get("/follow-up?year=2001").await;
    assert_eq!(page.text("h2#month").as_deref(), Some("Uppföljning 2001"));
    assert!(page.text("table.follow-up-table").is_none());
    assert!(page.body.contains("Ingen uppföljning"));
}

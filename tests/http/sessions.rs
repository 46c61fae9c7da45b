//! Logins end on the server: at logout, when idle too long, when open too long, and as the
//! administrator sets it.

use chrono::Duration;
use diesel::prelude::*;
use reqwest::StatusCode;
use styr::db::schema::login_sessions;

use crate::helpers::{TestApp, spawn_app};

/// A request with a copied cookie, as someone who took it from the browser would send it.
async fn replay(
    app: &TestApp,
    cookie: &str,
    path: &str,
    form: Option<&[(&str, &str)]>,
) -> (StatusCode, Option<String>) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let request = match form {
        Some(form) => client.post(app.url(path)).form(form),
        None => client.get(app.url(path)),
    };
    let response = request
        .header("Cookie", cookie)
        .send()
        .await
        .expect("answered");
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (response.status(), location)
}

fn logins(app: &TestApp) -> i64 {
    app.with_db(|conn| styr::db::login_sessions::count(conn).expect("the logins count"))
}

/// Moves every login's start and last use back by the given hours.
fn age_logins(app: &TestApp, started_hours_ago: i64, last_seen_hours_ago: i64) {
    let now = styr::db::now();
    app.with_db(|conn| {
        diesel::update(login_sessions::table)
            .set((
                login_sessions::created_at.eq(now - Duration::hours(started_hours_ago)),
                login_sessions::last_seen_at.eq(now - Duration::hours(last_seen_hours_ago)),
            ))
            .execute(conn)
            .expect("the logins are aged")
    });
}

#[tokio::test]
async fn a_cookie_copied_before_logout_is_worthless_after_it() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    assert_eq!(logins(&app), 1);
    let cookie = app.cookie_header();
    let token = app.csrf_token().await;
    assert_eq!(
        replay(&app, &cookie, "/projects", None).await.0,
        StatusCode::OK
    );

    app.logout().await;
    assert_eq!(logins(&app), 0);
    let (status, location) = replay(&app, &cookie, "/projects", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login"));
    // A form post with the copied cookie and its token changes nothing.
    let boards = app.with_db(|conn| styr::db::units::boards(conn).expect("boards").len());
    let (status, location) = replay(
        &app,
        &cookie,
        "/admin/boards",
        Some(&[("name", "Kulturnämnden"), ("csrf_token", &token)]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login"));
    assert_eq!(
        app.with_db(|conn| styr::db::units::boards(conn).expect("boards").len()),
        boards
    );
}

#[tokio::test]
async fn a_login_idle_for_eight_hours_ends() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    age_logins(&app, 7, 7);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK);
    age_logins(&app, 8, 8);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    assert_eq!(logins(&app), 0, "the login that ran out is deleted");
}

#[tokio::test]
async fn a_login_in_use_ends_after_seven_days() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    age_logins(&app, 24 * 7 - 1, 0);
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
    age_logins(&app, 24 * 7, 0);
    let page = app.get("/projects").await;
    assert_eq!(page.location.as_deref(), Some("/login"));
}

#[tokio::test]
async fn the_last_use_of_a_login_is_kept() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    age_logins(&app, 2, 2);
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
    let last_seen = app.with_db(|conn| {
        login_sessions::table
            .select(login_sessions::last_seen_at)
            .first::<chrono::NaiveDateTime>(conn)
            .expect("the login")
    });
    assert!(styr::db::now() - last_seen < Duration::minutes(1));
}

#[tokio::test]
async fn the_administrator_sets_how_long_a_login_lasts() {
    let mut app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.input_value("session_idle_hours").as_deref(), Some("8"));
    assert_eq!(
        page.input_value("session_absolute_days").as_deref(),
        Some("7")
    );

    // Bad input: the message beside the field, the input kept, nothing saved.
    let page = app
        .post(
            "/admin/settings/sessions",
            &[
                ("session_idle_hours", "0"),
                ("session_absolute_days", "sju"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("session_idle_hours").as_deref(),
        Some("Ange ett helt antal timmar från 1 till 24.")
    );
    assert_eq!(
        page.field_error("session_absolute_days").as_deref(),
        Some("Ange ett heltal, utan decimaler eller bokstäver.")
    );
    assert_eq!(page.input_value("session_idle_hours").as_deref(), Some("0"));
    assert_eq!(
        page.input_value("session_absolute_days").as_deref(),
        Some("sju")
    );
    assert_eq!(page.texts(".error-summary li").len(), 2);
    // The other form shows what is stored.
    assert_eq!(
        page.input_value("threshold_sek").as_deref(),
        Some("1000000")
    );
    let stored = app.with_db(|conn| styr::db::settings::session_lifetimes(conn).expect("settings"));
    assert_eq!(stored, Default::default());

    // Without the token: refused, nothing saved.
    let page = app
        .post_with_token(
            "/admin/settings/sessions",
            &[("session_idle_hours", "1"), ("session_absolute_days", "1")],
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    let page = app
        .post(
            "/admin/settings/sessions",
            &[("session_idle_hours", "1"), ("session_absolute_days", "30")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/settings?saved=1"));
    let page = app.get("/admin/settings?saved=1").await;
    assert_eq!(page.input_value("session_idle_hours").as_deref(), Some("1"));
    assert_eq!(
        page.input_value("session_absolute_days").as_deref(),
        Some("30")
    );

    // From now on a login idle for an hour ends.
    app.fresh_client().await;
    app.login_as("lasare").await;
    age_logins(&app, 1, 1);
    let page = app.get("/projects").await;
    assert_eq!(page.location.as_deref(), Some("/login"));

    // Nobody but the administrator sets it.
    for user in ["utvecklingschef", "ledamot", "projektledare", "lasare"] {
        app.fresh_client().await;
        app.login_as(user).await;
        let page = app
            .post(
                "/admin/settings/sessions",
                &[
                    ("session_idle_hours", "24"),
                    ("session_absolute_days", "90"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
    }
    let stored = app.with_db(|conn| styr::db::settings::session_lifetimes(conn).expect("settings"));
    assert_eq!(stored.idle_hours, 1);
}

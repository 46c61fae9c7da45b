//! Logging in and out, throttling, CSRF, anonymous redirects, language, health.

use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;
use styr::domain::role::Role;

use crate::helpers::*;

const LOGIN_FAILED_SV: &str = "Fel användarnamn eller lösenord.";

/// A client of its own, as another browser, that keeps cookies in `jar`.
fn client_with_jar(jar: Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(Policy::none())
        .build()
        .expect("a client")
}

/// The value of the session cookie the jar would send to the app.
fn session_cookie(jar: &Jar, app: &TestApp) -> Option<String> {
    let url: reqwest::Url = app.address.parse().expect("a URL");
    let header = jar.cookies(&url)?;
    header
        .to_str()
        .expect("an ASCII cookie header")
        .split("; ")
        .find_map(|cookie| cookie.strip_prefix("styr_session="))
        .map(str::to_owned)
}

/// A real CSRF token, but from another visitor's session.
async fn foreign_token(app: &TestApp) -> String {
    let other = client_with_jar(Arc::new(Jar::default()));
    let body = other
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET answered")
        .text()
        .await
        .expect("a body");
    let html = scraper::Html::parse_document(&body);
    let selector = scraper::Selector::parse("input[name=csrf_token]").expect("a selector");
    html.select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("the login page has a CSRF token")
        .to_owned()
}

async fn assert_logged_out(app: &TestApp) {
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/login"));
}

async fn assert_logged_in(app: &TestApp) {
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK, "{:?}", page.location);
    assert_eq!(page.h1(), "Projekt");
}

// ---------------------------------------------------------------------------------------------
// Logging in and out

#[tokio::test]
async fn a_demo_user_logs_in_and_out() {
    let app = spawn_app().await;
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));

    app.login_as("projektledare").await;
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Projekt");
    assert_eq!(page.text(".user-name").as_deref(), Some("Johan Ek"));

    app.logout().await;
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_login_page_has_the_form() {
    let app = spawn_app().await;
    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Logga in");
    assert_eq!(
        page.attr("form[action=\"/login\"]", "method").as_deref(),
        Some("post")
    );
    assert_eq!(page.input_value("username").as_deref(), Some(""));
    assert_eq!(page.attr("#password", "type").as_deref(), Some("password"));
    assert_eq!(
        page.text("label[for=username]").as_deref(),
        Some("Användarnamn *")
    );
    assert!(page.csrf_token().is_some_and(|t| t.len() == 43));
    assert_eq!(page.field_error("password"), None);
    assert!(page.texts(".error-summary").is_empty());
}

#[tokio::test]
async fn the_username_is_case_and_space_insensitive() {
    let app = spawn_app().await;
    let page = app.login("  ProjektLedare ", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/projects"));
    let page = app.get("/projects").await;
    assert_eq!(page.text(".user-name").as_deref(), Some("Johan Ek"));
}

#[tokio::test]
async fn a_logged_in_user_is_sent_on_from_the_login_page() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/projects"));
    // The start page is a page of its own.
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_is_refused_beside_the_password_field() {
    let app = spawn_app().await;
    let page = app.login("Projektledare", "not the password").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.h1(), "Logga in");
    assert_eq!(
        page.field_error("password").as_deref(),
        Some(LOGIN_FAILED_SV)
    );
    assert_eq!(page.field_error("username"), None);
    // The username stays as typed; the password is never sent back.
    assert_eq!(
        page.input_value("username").as_deref(),
        Some("Projektledare")
    );
    assert_eq!(page.input_value("password").as_deref(), Some(""));
    assert!(!page.body.contains("not the password"));
    assert_eq!(
        page.attr("#password", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        page.attr("#password", "aria-describedby").as_deref(),
        Some("password-error")
    );
    let summary = page.text(".error-summary").expect("an error summary");
    assert!(summary.contains(LOGIN_FAILED_SV), "{summary}");
    assert_eq!(
        page.attr(".error-summary a", "href").as_deref(),
        Some("#password")
    );
    assert_logged_out(&app).await;
}

#[tokio::test]
async fn an_unknown_username_is_refused_like_a_wrong_password() {
    let app = spawn_app().await;
    let page = app.login("ingen.alls", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("password").as_deref(),
        Some(LOGIN_FAILED_SV)
    );
    assert_eq!(page.field_error("username"), None);
    assert_eq!(page.input_value("username").as_deref(), Some("ingen.alls"));
    assert_logged_out(&app).await;
}

#[tokio::test]
async fn empty_fields_are_named() {
    let app = spawn_app().await;
    let page = app.login("", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("username").as_deref(),
        Some("Fyll i fältet.")
    );
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("Fyll i fältet.")
    );
    assert_eq!(page.texts(".error-summary li").len(), 2);

    let page = app.login("   ", "something").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("username").as_deref(),
        Some("Fyll i fältet.")
    );
    assert_eq!(page.field_error("password"), None);

    let page = app.login("projektledare", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.field_error("username"), None);
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("Fyll i fältet.")
    );
    assert_eq!(
        page.input_value("username").as_deref(),
        Some("projektledare")
    );

    // A form without the fields at all is treated as empty, not as a broken request.
    let page = app.post("/login", &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("username").as_deref(),
        Some("Fyll i fältet.")
    );

    assert_logged_out(&app).await;
}

#[tokio::test]
async fn the_session_is_renewed_at_login() {
    let mut app = spawn_app().await;
    let jar = Arc::new(Jar::default());
    app.client = client_with_jar(jar.clone());

    let token_before = app.csrf_token().await;
    let cookie_before = session_cookie(&jar, &app).expect("a session before login");

    let page = app
        .post_with_token(
            "/login",
            &[("username", "projektledare"), ("password", DEMO_PASSWORD)],
            Some(&token_before),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let cookie_after = session_cookie(&jar, &app).expect("a session after login");
    assert_ne!(cookie_before, cookie_after);
    assert_logged_in(&app).await;

    // The token of the session before login is not the logged-in session's.
    let token_after = app.csrf_token().await;
    assert_ne!(token_before, token_after);
    let page = app
        .post_with_token("/logout", &[], Some(&token_before))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_logged_in(&app).await;

    // The cookie from before the login does not carry the login.
    let bare = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("a client");
    let response = bare
        .get(app.url("/projects"))
        .header("Cookie", format!("styr_session={cookie_before}"))
        .send()
        .await
        .expect("GET answered");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/login")
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET answered");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("styr_session="))
        .expect("the login page sets the session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn a_deactivated_user_cannot_log_in_and_is_logged_out() {
    let app = spawn_app().await;
    app.login_as("projektledare").await;
    assert_logged_in(&app).await;

    let id = app.user_id("projektledare");
    app.with_db(|conn| {
        styr::db::users::update_account(conn, id, "Johan Ek", Role::ProjectLead, false)
            .expect("the account is updated")
    });
    // The running session ends at the next request.
    assert_logged_out(&app).await;

    let page = app.login("projektledare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("password").as_deref(),
        Some(LOGIN_FAILED_SV)
    );
    assert_logged_out(&app).await;

    // Active again, the same password works.
    app.with_db(|conn| {
        styr::db::users::update_account(conn, id, "Johan Ek", Role::ProjectLead, true)
            .expect("the account is updated")
    });
    app.login_as("projektledare").await;
}

#[tokio::test]
async fn after_logout_the_session_is_gone() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let page = app.post("/logout", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    assert_logged_out(&app).await;
    for path in ["/", "/account", "/admin/users"] {
        let page = app.get(path).await;
        assert_eq!(page.location.as_deref(), Some("/login"), "{path}");
    }
}

// ---------------------------------------------------------------------------------------------
// Throttling

#[tokio::test]
async fn the_sixth_attempt_for_a_username_is_throttled() {
    let mut app = spawn_app().await;
    for attempt in 1..=5 {
        // The username's case does not give more attempts.
        let username = if attempt % 2 == 0 {
            "ProjektLedare"
        } else {
            "projektledare"
        };
        let page = app.login(username, "wrong password").await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }
    let page = app.login("projektledare", "wrong password").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page.h1(), "För många försök");
    assert_eq!(page.lang().as_deref(), Some("sv"));

    // Even the right password is refused while throttled.
    let page = app.login("projektledare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_logged_out(&app).await;

    // Another browser does not get around it either: the limit is per username.
    app.client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("a client");
    let page = app.login("projektledare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_logged_out(&app).await;

    // Another username still gets in.
    app.login_as("lasare").await;
    let page = app.get("/projects").await;
    assert_eq!(page.text(".user-name").as_deref(), Some("Erik Nord"));
}

#[tokio::test]
async fn empty_login_forms_are_not_counted_as_attempts() {
    let app = spawn_app().await;
    for _ in 0..6 {
        let page = app.login("projektledare", "").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.login_as("projektledare").await;
}

// ---------------------------------------------------------------------------------------------
// CSRF

#[tokio::test]
async fn login_without_the_right_csrf_token_is_refused() {
    let app = spawn_app().await;
    let fields = [("username", "projektledare"), ("password", DEMO_PASSWORD)];
    // A session exists, with its own token.
    let _ = app.csrf_token().await;

    let page = app.post_with_token("/login", &fields, None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.h1(), "Åtkomst nekad");
    assert_logged_out(&app).await;

    let wrong = foreign_token(&app).await;
    let page = app.post_with_token("/login", &fields, Some(&wrong)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_logged_out(&app).await;

    let page = app.post_with_token("/login", &fields, Some("")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_logged_out(&app).await;

    // Refused posts never reach the login, so they do not count as attempts: after more than
    // the five the throttle allows, the password still works.
    for _ in 0..3 {
        let page = app.post_with_token("/login", &fields, Some(&wrong)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
    app.login_as("projektledare").await;
}

#[tokio::test]
async fn a_post_from_a_visitor_without_a_session_is_refused() {
    let app = spawn_app().await;
    // No page was read first, so the session has no token to match.
    let wrong = foreign_token(&app).await;
    let page = app
        .post_with_token(
            "/login",
            &[("username", "projektledare"), ("password", DEMO_PASSWORD)],
            Some(&wrong),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_logged_out(&app).await;
}

#[tokio::test]
async fn logout_without_the_right_csrf_token_is_refused() {
    let app = spawn_app().await;
    app.login_as("lasare").await;

    let page = app.post_with_token("/logout", &[], None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.h1(), "Åtkomst nekad");
    assert_logged_in(&app).await;

    let wrong = foreign_token(&app).await;
    let page = app.post_with_token("/logout", &[], Some(&wrong)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_logged_in(&app).await;

    app.logout().await;
    assert_logged_out(&app).await;
}

#[tokio::test]
async fn a_language_switch_without_the_right_csrf_token_is_refused() {
    let app = spawn_app().await;
    let fields = [("lang", "en"), ("next", "/login")];
    let _ = app.csrf_token().await;

    let page = app.post_with_token("/language", &fields, None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/login").await.lang().as_deref(), Some("sv"));

    let wrong = foreign_token(&app).await;
    let page = app
        .post_with_token("/language", &fields, Some(&wrong))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/login").await.lang().as_deref(), Some("sv"));

    // A logged-in user's account keeps its language too.
    app.login_as("lasare").await;
    let page = app
        .post_with_token("/language", &fields, Some(&wrong))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let id = app.user_id("lasare");
    let saved = app.with_db(|conn| {
        styr::db::users::find(conn, id)
            .expect("the query runs")
            .expect("the user exists")
            .language
    });
    assert_eq!(saved, None);
    assert_eq!(app.get("/projects").await.lang().as_deref(), Some("sv"));
}

// ---------------------------------------------------------------------------------------------
// Anonymous visitors and unknown paths

#[tokio::test]
async fn anonymous_visitors_are_sent_to_the_login_page() {
    let app = spawn_app().await;
    let project = app.project_id("DIG-2025-002");
    let project_path = format!("/projects/{project}");
    for path in [
        "/",
        "/projects",
        "/projects/1",
        project_path.as_str(),
        "/projects/new",
        "/admin/users",
        "/admin/units",
        "/account",
        "/account/password",
        "/nope",
        "/nope/deeper?x=1",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location.as_deref(), Some("/login"), "{path}");
    }
}

#[tokio::test]
async fn public_paths_answer_anonymous_visitors() {
    let app = spawn_app().await;

    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Logga in");

    let page = app.get("/accessibility").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Tillgänglighetsredogörelse");

    let page = app.get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok");

    let response = app
        .client
        .get(app.url("/static/styr.css"))
        .send()
        .await
        .expect("GET answered");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with("text/css"), "{content_type}");
    assert!(!response.text().await.expect("a body").is_empty());

    let page = app.get("/static/nope.css").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_logged_in_user_gets_a_404_page_for_an_unknown_path() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app.get("/nope").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.h1(), "Sidan finns inte");
    assert_eq!(page.lang().as_deref(), Some("sv"));
    // In the layout of a logged-in user, with a way back.
    assert_eq!(page.text(".user-name").as_deref(), Some("Erik Nord"));
    assert_eq!(
        page.attr("main a[href=\"/projects\"]", "href").as_deref(),
        Some("/projects")
    );

    let page = app
        .get_with_header("/nope/deeper", "Accept-Language", "en-GB,en;q=0.9")
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.h1(), "Page not found");
    assert_eq!(page.lang().as_deref(), Some("en"));
}

// ---------------------------------------------------------------------------------------------
// Health

#[tokio::test]
async fn healthz_answers_ok_while_the_database_answers() {
    let app = spawn_app().await;
    let page = app.get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok");
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_does_not() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    app.drop_tables(&["projects", "users", "units", "boards"]);
    let page = app.get("/healthz").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_ne!(page.body, "ok");
}

// ---------------------------------------------------------------------------------------------
// Language

#[tokio::test]
async fn swedish_is_the_default_language() {
    let app = spawn_app().await;
    let page = app.get("/login").await;
    assert_eq!(page.lang().as_deref(), Some("sv"));
    assert_eq!(page.h1(), "Logga in");
    assert_eq!(
        page.text("button[type=submit][lang=en]").as_deref(),
        Some("In English")
    );

    // A browser that prefers neither language gets Swedish too.
    let page = app
        .get_with_header("/login", "Accept-Language", "de-DE,fr;q=0.8")
        .await;
    assert_eq!(page.lang().as_deref(), Some("sv"));
}

#[tokio::test]
async fn the_browsers_language_is_used_before_login() {
    let app = spawn_app().await;
    let page = app
        .get_with_header("/login", "Accept-Language", "en-GB,en;q=0.9")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Log in");
    assert_eq!(
        page.text("label[for=username]").as_deref(),
        Some("Username *")
    );
    assert_eq!(
        page.text("label[for=password]").as_deref(),
        Some("Password *")
    );
    assert_eq!(
        page.text("form[action=\"/login\"] button").as_deref(),
        Some("Log in")
    );
    assert_eq!(
        page.text("button[type=submit][lang=sv]").as_deref(),
        Some("På svenska")
    );

    // Without the header the same visitor reads Swedish: nothing was chosen.
    assert_eq!(app.get("/login").await.lang().as_deref(), Some("sv"));
}

#[tokio::test]
async fn an_anonymous_visitor_switches_language() {
    let app = spawn_app().await;
    let page = app
        .post("/language", &[("lang", "en"), ("next", "/login")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));

    let page = app.get("/login").await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Log in");
    // The choice beats the browser's preference.
    let page = app
        .get_with_header("/login", "Accept-Language", "sv-SE,sv")
        .await;
    assert_eq!(page.lang().as_deref(), Some("en"));

    // A failed login answers in the chosen language.
    let page = app.login("projektledare", "wrong password").await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("Wrong username or password.")
    );

    // And it is kept when logging in.
    app.login_as("lasare").await;
    let page = app.get("/projects").await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Projects");

    let page = app
        .post("/language", &[("lang", "sv"), ("next", "/accessibility")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/accessibility"));
    assert_eq!(app.get("/projects").await.lang().as_deref(), Some("sv"));
}

#[tokio::test]
async fn the_language_switch_only_goes_back_inside_the_app() {
    let app = spawn_app().await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "",
        "/\\evil.example",
    ] {
        let page = app
            .post("/language", &[("lang", "en"), ("next", next)])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(page.location.as_deref(), Some("/"), "{next}");
    }
    let page = app
        .post("/language", &[("lang", "sv"), ("next", "/projects?q=hem")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/projects?q=hem"));
}

#[tokio::test]
async fn the_language_switch_refuses_an_unknown_language() {
    let app = spawn_app().await;
    for lang in ["fr", "", "EN", "en-GB"] {
        let page = app
            .post("/language", &[("lang", lang), ("next", "/login")])
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{lang:?}");
        assert_eq!(page.h1(), "Felaktig begäran");
    }
    assert_eq!(app.get("/login").await.lang().as_deref(), Some("sv"));
}

#[tokio::test]
async fn the_header_switch_of_a_logged_in_user_is_saved_on_the_account() {
    let mut app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    let page = app
        .post("/language", &[("lang", "en"), ("next", "/projects")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/projects"));
    let id = app.user_id("utvecklingschef");
    let saved = app.with_db(|conn| {
        styr::db::users::find(conn, id)
            .expect("the query runs")
            .expect("the user exists")
            .language
    });
    assert_eq!(saved.as_deref(), Some("en"));

    // Another browser, which prefers Swedish, shows English once this user logs in.
    app.fresh_client().await;
    let page = app
        .get_with_header("/login", "Accept-Language", "sv-SE,sv;q=0.9")
        .await;
    assert_eq!(page.lang().as_deref(), Some("sv"));
    app.login_as("utvecklingschef").await;
    let page = app
        .get_with_header("/projects", "Accept-Language", "sv-SE,sv;q=0.9")
        .await;
    assert_eq!(page.lang().as_deref(), Some("en"));
}

// ---------------------------------------------------------------------------------------------
// The accessibility statement and headers

#[tokio::test]
async fn the_accessibility_statement_is_linked_from_every_footer() {
    let app = spawn_app().await;
    let check = |page: &Page, what: &str| {
        assert_eq!(
            page.text("footer a[href=\"/accessibility\"]").as_deref(),
            Some("Tillgänglighetsredogörelse"),
            "the footer of {what}"
        );
    };
    check(&app.get("/login").await, "the login page");
    check(&app.get("/accessibility").await, "the statement itself");
    check(
        &app.login("lasare", "wrong password").await,
        "a failed login",
    );

    app.login_as("lasare").await;
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK);
    check(&page, "the project register");
    check(&app.get("/account").await, "the account page");
    check(&app.get("/nope").await, "the 404 page");

    // The statement is in English too, and logged-in users read it in the same layout.
    let page = app.get("/accessibility").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".user-name").as_deref(), Some("Erik Nord"));
    let page = app
        .post("/language", &[("lang", "en"), ("next", "/accessibility")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/accessibility"));
    let page = app.get("/accessibility").await;
    assert_eq!(page.h1(), "Accessibility statement");
    assert_eq!(
        page.text("footer a[href=\"/accessibility\"]").as_deref(),
        Some("Accessibility statement")
    );
}

#[tokio::test]
async fn responses_carry_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/login",
        "/projects",
        "/healthz",
        "/static/styr.css",
        "/nope",
    ] {
        let response = app
            .client
            .get(app.url(path))
            .send()
            .await
            .expect("GET answered");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(
            header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(header("x-frame-options").as_deref(), Some("DENY"), "{path}");
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn a_database_failure_shows_a_500_page_without_internals() {
    let app = spawn_app().await;
    app.login_as("utvecklingschef").await;
    app.drop_tables(&["audit_log", "projects"]);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.h1(), "Något gick fel");
    assert_eq!(page.lang().as_deref(), Some("sv"));
    assert!(!page.body.contains("no such table"), "{}", page.body);
    assert!(
        !page.body.to_lowercase().contains("diesel"),
        "{}",
        page.body
    );
}

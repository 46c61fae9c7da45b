//! A user's own account: the first administrator's forced password change, changing one's
//! password, the saved language, and CSRF on the account forms.

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::helpers::*;

const ADMIN_PASSWORD: &str = "a long admin password";
const NEW_PASSWORD: &str = "en helt ny lösenordsfras";

fn another_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("a client")
}

fn stored_user(app: &TestApp, username: &str) -> styr::db::users::UserRow {
    let id = app.user_id(username);
    app.with_db(|conn| {
        styr::db::users::find(conn, id)
            .expect("the query runs")
            .expect("the user exists")
    })
}

async fn change_password(app: &TestApp, current: &str, new: &str, confirmation: &str) -> Page {
    app.post(
        "/account/password",
        &[
            ("current_password", current),
            ("new_password", new),
            ("new_password_confirmation", confirmation),
        ],
    )
    .await
}

/// Every password field on the page is empty: a password is never sent back.
fn assert_no_password_echoed(page: &Page) {
    for field in [
        "current_password",
        "new_password",
        "new_password_confirmation",
    ] {
        assert_eq!(page.input_value(field).as_deref(), Some(""), "{field}");
    }
}

// ---------------------------------------------------------------------------------------------
// The first start without --demo

#[tokio::test]
async fn the_first_administrator_must_change_the_password_first() {
    let app = spawn_empty_app(ADMIN_PASSWORD).await;
    assert!(stored_user(&app, "admin").must_change_password);

    let page = app.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // Every page sends the administrator to the password form.
    for path in [
        "/",
        "/projects",
        "/projects/new",
        "/admin/users",
        "/admin/units",
        "/account",
        "/login",
        "/nope",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            page.location.as_deref(),
            Some("/account/password"),
            "{path}"
        );
    }
    // And so does a form post elsewhere.
    let page = app.post("/account/language", &[("language", "en")]).await;
    assert_eq!(page.location.as_deref(), Some("/account/password"));
    assert_eq!(stored_user(&app, "admin").language, None);

    let page = app.get("/account/password").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Byt lösenord");
    assert_eq!(
        page.text("main .notice").as_deref(),
        Some("Du behöver välja ett eget lösenord innan du kan fortsätta.")
    );

    // The public accessibility statement stays readable.
    let page = app.get("/accessibility").await;
    assert_eq!(page.status, StatusCode::OK, "{:?}", page.location);
    assert_eq!(page.h1(), "Tillgänglighetsredogörelse");

    // The current password must be right.
    let page = change_password(&app, "not the password", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("current_password").as_deref(),
        Some("Det nuvarande lösenordet stämmer inte.")
    );
    assert_eq!(page.field_error("new_password"), None);
    assert_no_password_echoed(&page);
    assert!(page.text("main .notice").is_some(), "still asked to change");

    // The new one must be long enough.
    let page = change_password(&app, ADMIN_PASSWORD, "kort", "kort").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.field_error("current_password"), None);
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("Lösenordet måste ha minst 12 tecken.")
    );
    assert_eq!(
        page.attr("#new_password", "aria-describedby").as_deref(),
        Some("new_password-hint new_password-error")
    );
    assert_no_password_echoed(&page);

    // And typed the same twice.
    let page = change_password(
        &app,
        ADMIN_PASSWORD,
        NEW_PASSWORD,
        "en helt ny lösenordsfraz",
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("Lösenorden stämmer inte överens.")
    );

    // And differ from the one given at start.
    let page = change_password(&app, ADMIN_PASSWORD, ADMIN_PASSWORD, ADMIN_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("Det nya lösenordet måste skilja sig från det nuvarande.")
    );

    // Several problems at once are all named, in the summary too.
    let page = change_password(&app, "", "kort", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("current_password").is_some());
    assert!(page.field_error("new_password").is_some());
    assert_eq!(page.texts(".error-summary li").len(), 2);

    // Nothing above changed anything.
    let stored = stored_user(&app, "admin");
    assert!(stored.must_change_password);
    let page = app.get("/projects").await;
    assert_eq!(page.location.as_deref(), Some("/account/password"));

    let page = change_password(&app, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/account?saved=password"));
    assert!(!stored_user(&app, "admin").must_change_password);

    let page = app.get("/account?saved=password").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("main .notice").as_deref(),
        Some("Lösenordet är bytt. Andra inloggningar med ditt konto är utloggade.")
    );
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Projekt");
    let page = app.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);

    // The form no longer asks to change.
    let page = app.get("/account/password").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("main .notice"), None);

    // From now on the new password is the one.
    app.logout().await;
    let page = app.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.login("admin", NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_user_who_must_change_the_password_may_log_out_and_switch_language() {
    let app = spawn_empty_app(ADMIN_PASSWORD).await;
    let page = app.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    let page = app
        .post(
            "/language",
            &[("lang", "en"), ("next", "/account/password")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account/password"));
    let page = app.get("/account/password").await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Change password");
    assert_eq!(
        page.text("main .notice").as_deref(),
        Some("You need to choose your own password before you can go on.")
    );

    app.logout().await;
    let page = app.get("/account/password").await;
    assert_eq!(page.location.as_deref(), Some("/login"));
    // Logging in again does not get around it.
    let page = app.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get("/projects").await;
    assert_eq!(page.location.as_deref(), Some("/account/password"));
}

// ---------------------------------------------------------------------------------------------
// Changing one's password

#[tokio::test]
async fn the_password_form_is_there_for_every_user() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Mitt konto");
    assert_eq!(
        page.attr("main a[href=\"/account/password\"]", "href")
            .as_deref(),
        Some("/account/password")
    );
    let page = app.get("/account/password").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Byt lösenord");
    assert_eq!(page.text("main .notice"), None);
    for field in [
        "current_password",
        "new_password",
        "new_password_confirmation",
    ] {
        assert_eq!(
            page.attr(&format!("#{field}"), "type").as_deref(),
            Some("password"),
            "{field}"
        );
    }
}

#[tokio::test]
async fn a_changed_password_replaces_the_old_and_ends_other_sessions() {
    let mut app = spawn_app().await;
    // The same user is logged in in two browsers.
    app.login_as("projektledare").await;
    let first = std::mem::replace(&mut app.client, another_browser());
    app.login_as("projektledare").await;
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
    let second = std::mem::replace(&mut app.client, first);

    let page = change_password(&app, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/account?saved=password"));
    let page = app.get("/account?saved=password").await;
    assert_eq!(
        page.text("main .notice").as_deref(),
        Some("Lösenordet är bytt. Andra inloggningar med ditt konto är utloggade.")
    );
    // This browser stays logged in.
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".user-name").as_deref(), Some("Johan Ek"));

    // The other one is logged out.
    let first = std::mem::replace(&mut app.client, second);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    let page = app.get("/account").await;
    assert_eq!(page.location.as_deref(), Some("/login"));
    app.client = first;

    // The old password no longer works; the new one does.
    app.logout().await;
    let page = app.login("projektledare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("Fel användarnamn eller lösenord.")
    );
    let page = app.login("projektledare", NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/projects"));
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);

    // Other users' passwords did not change.
    app.logout().await;
    app.login_as("lasare").await;
}

#[tokio::test]
async fn a_refused_password_change_changes_nothing() {
    let mut app = spawn_app().await;
    app.login_as("projektledare").await;
    let first = std::mem::replace(&mut app.client, another_browser());
    app.login_as("projektledare").await;
    let second = std::mem::replace(&mut app.client, first);
    let before = stored_user(&app, "projektledare");

    let page = change_password(&app, "wrong current", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.field_error("current_password").is_some());
    assert_no_password_echoed(&page);
    let page = change_password(&app, DEMO_PASSWORD, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("Lösenorden stämmer inte överens.")
    );

    let after = stored_user(&app, "projektledare");
    assert_eq!(after.password_hash, before.password_hash);
    assert_eq!(after.session_generation, before.session_generation);
    // Both browsers are still logged in.
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
    app.client = second;
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_password_form_answers_in_english() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app.post("/account/language", &[("language", "en")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = change_password(&app, DEMO_PASSWORD, "short", "short").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("The password must have at least 12 characters.")
    );
}

// ---------------------------------------------------------------------------------------------
// The account's language

#[tokio::test]
async fn the_account_language_is_saved_and_survives_a_new_login() {
    let mut app = spawn_app().await;
    app.login_as("lasare").await;
    let page = app.get("/account").await;
    assert_eq!(page.lang().as_deref(), Some("sv"));
    assert_eq!(
        page.attr("input[name=language][checked]", "value")
            .as_deref(),
        Some("sv")
    );

    let page = app.post("/account/language", &[("language", "en")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/account?saved=language"));
    assert_eq!(stored_user(&app, "lasare").language.as_deref(), Some("en"));

    let page = app.get("/account?saved=language").await;
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "My account");
    assert_eq!(
        page.text("main .notice").as_deref(),
        Some("The language is saved.")
    );
    assert_eq!(
        page.attr("input[name=language][checked]", "value")
            .as_deref(),
        Some("en")
    );

    // Logged out, then in again from a browser that prefers Swedish.
    app.logout().await;
    let swedish = ("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5");
    let page = app.get_with_header("/login", swedish.0, swedish.1).await;
    assert_eq!(
        page.lang().as_deref(),
        Some("sv"),
        "the session forgot the choice"
    );
    app.login_as("lasare").await;
    let page = app.get_with_header("/projects", swedish.0, swedish.1).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.lang().as_deref(), Some("en"));
    assert_eq!(page.h1(), "Projects");

    // And in a browser that never saw the choice.
    app.fresh_client().await;
    app.login_as("lasare").await;
    let page = app.get_with_header("/projects", swedish.0, swedish.1).await;
    assert_eq!(page.lang().as_deref(), Some("en"));

    // Back to Swedish.
    let page = app.post("/account/language", &[("language", "sv")]).await;
    assert_eq!(page.location.as_deref(), Some("/account?saved=language"));
    assert_eq!(stored_user(&app, "lasare").language.as_deref(), Some("sv"));
    let page = app
        .get_with_header("/projects", "Accept-Language", "en-GB,en;q=0.9")
        .await;
    assert_eq!(page.lang().as_deref(), Some("sv"));
    // Another user's language is untouched.
    assert_eq!(stored_user(&app, "projektledare").language, None);
}

#[tokio::test]
async fn an_unknown_account_language_is_a_bad_request() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    for language in ["fr", "", "english"] {
        let page = app
            .post("/account/language", &[("language", language)])
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{language:?}");
        assert_eq!(page.h1(), "Felaktig begäran");
    }
    let page = app.post("/account/language", &[]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(stored_user(&app, "lasare").language, None);
    assert_eq!(app.get("/account").await.lang().as_deref(), Some("sv"));
}

#[tokio::test]
async fn anonymous_visitors_cannot_post_to_the_account() {
    let app = spawn_app().await;
    let page = app.post("/account/language", &[("language", "en")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    let page = change_password(&app, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
}

// ---------------------------------------------------------------------------------------------
// CSRF on the account forms

/// A real CSRF token, but from another visitor's session.
async fn foreign_token(app: &TestApp) -> String {
    let other = another_browser();
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

#[tokio::test]
async fn a_password_change_without_the_right_csrf_token_is_refused() {
    let app = spawn_app().await;
    app.login_as("projektledare").await;
    let before = stored_user(&app, "projektledare");
    let fields = [
        ("current_password", DEMO_PASSWORD),
        ("new_password", NEW_PASSWORD),
        ("new_password_confirmation", NEW_PASSWORD),
    ];
    let wrong = foreign_token(&app).await;
    for token in [None, Some(wrong.as_str()), Some("")] {
        let page = app
            .post_with_token("/account/password", &fields, token)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
        assert_eq!(page.h1(), "Åtkomst nekad");
    }
    let after = stored_user(&app, "projektledare");
    assert_eq!(after.password_hash, before.password_hash);
    assert_eq!(after.session_generation, before.session_generation);
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);

    // The old password still works, the new one does not.
    app.logout().await;
    let page = app.login("projektledare", NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.login_as("projektledare").await;
}

#[tokio::test]
async fn an_account_language_change_without_the_right_csrf_token_is_refused() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let wrong = foreign_token(&app).await;
    for token in [None, Some(wrong.as_str())] {
        let page = app
            .post_with_token("/account/language", &[("language", "en")], token)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
        assert_eq!(page.lang().as_deref(), Some("sv"));
    }
    assert_eq!(stored_user(&app, "lasare").language, None);
    assert_eq!(app.get("/account").await.lang().as_deref(), Some("sv"));
}

//! Logging in and out, throttling, CSRF, anonymous redirects, language, health.

use reqwest::StatusCode;

use crate::helpers::*;

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

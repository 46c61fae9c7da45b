//! Administration over HTTP: users (create, change, deactivate, reset the password, and the guard
//! that keeps an administrator), boards and units, and what bad input and forged posts leave.

use reqwest::StatusCode;
use styr::db::units::{Board, Unit};
use styr::db::users::UserRow;

use crate::helpers::*;

/// A password long enough for the policy.
const NEW_PASSWORD: &str = "ett långt lösenord";

fn user(app: &TestApp, username: &str) -> Option<UserRow> {
    app.with_db(|conn| styr::db::users::find_by_username(conn, username).expect("the query runs"))
}

fn existing_user(app: &TestApp, username: &str) -> UserRow {
    user(app, username).unwrap_or_else(|| panic!("{username} exists"))
}

fn user_count(app: &TestApp) -> i64 {
    app.with_db(|conn| styr::db::users::count(conn).expect("the users count"))
}

fn boards(app: &TestApp) -> Vec<Board> {
    app.with_db(|conn| styr::db::units::boards(conn).expect("the boards load"))
}

fn units(app: &TestApp) -> Vec<Unit> {
    app.with_db(|conn| styr::db::units::units(conn).expect("the units load"))
}

fn board_id(app: &TestApp, name: &str) -> i64 {
    boards(app)
        .into_iter()
        .find(|b| b.name == name)
        .map(|b| b.id)
        .unwrap_or_else(|| panic!("the board {name} exists"))
}

fn unit(app: &TestApp, name: &str) -> Option<Unit> {
    units(app).into_iter().find(|u| u.name == name)
}

/// A project's id by code, for checking that a unit's projects stay where they are.
fn unit_of_project(app: &TestApp, code: &str) -> i64 {
    let id = app.project_id(code);
    app.with_db(|conn| {
        styr::db::projects::find(conn, id)
            .expect("the query runs")
            .expect("the project exists")
            .project
            .unit_id
    })
}

/// Logs an administrator in on a fresh client; returns the client that was in use before.
async fn as_admin(app: &mut TestApp) -> reqwest::Client {
    let previous = app.client.clone();
    app.fresh_client().await;
    app.login_as("admin").await;
    previous
}

/// The users list's rows, each as the texts of its cells: username, name, role, active, must
/// change password.
fn user_rows(page: &Page) -> Vec<Vec<String>> {
    let row = scraper::Selector::parse("table.data-table tbody tr").expect("a selector");
    let cell = scraper::Selector::parse("td").expect("a selector");
    page.html
        .select(&row)
        .map(|tr| {
            tr.select(&cell)
                .map(|td| {
                    td.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn administrators_see_every_user() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Användare");
    let rows = user_rows(&page);
    let usernames: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        usernames,
        [
            "admin",
            "karin.holm",
            "lars.dahl",
            "lasare",
            "ledamot",
            "peter.wallin",
            "projektledare",
            "projektledare2",
            "sofia.ahmed",
            "utvecklingschef",
        ]
    );
    let row = rows
        .iter()
        .find(|r| r[0] == "utvecklingschef")
        .expect("the row");
    assert_eq!(
        row[1..],
        ["Maria Lindqvist", "Utvecklingschef", "Ja", "Nej"]
    );
    let row = rows.iter().find(|r| r[0] == "lasare").expect("the row");
    assert_eq!(row[1..], ["Erik Nord", "Läsare", "Ja", "Nej"]);
    assert_eq!(
        page.attr("a.button[href=\"/admin/users/new\"]", "href")
            .as_deref(),
        Some("/admin/users/new")
    );

    // A user's page shows the account as it is.
    let id = app.user_id("projektledare");
    let page = app.get(&format!("/admin/users/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Användaren projektledare");
    assert_eq!(
        page.input_value("display_name").as_deref(),
        Some("Johan Ek")
    );
    assert_eq!(
        page.attr("select[name=role] option[selected]", "value")
            .as_deref(),
        Some("project_lead")
    );
    assert!(page.attr("input[name=active]", "checked").is_some());
}

#[tokio::test]
async fn only_administrators_see_the_user_list() {
    let mut app = spawn_app().await;
    for username in ["utvecklingschef", "ledamot", "projektledare", "lasare"] {
        app.fresh_client().await;
        app.login_as(username).await;
        let page = app.get("/admin/users").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{username}");
        assert_eq!(page.h1(), "Åtkomst nekad", "{username}");
    }
}

#[tokio::test]
async fn an_administrator_creates_a_user_who_must_choose_a_password() {
    let mut app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/users/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Ny användare");
    assert_eq!(
        page.attr("select[name=role] option[selected]", "value")
            .as_deref(),
        Some("reader"),
        "the least privileged role is preselected"
    );

    let before = user_count(&app);
    let page = app
        .post(
            "/admin/users",
            &[
                ("username", " Sara.Lind "),
                ("display_name", "Sara Lind"),
                ("role", "project_lead"),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/users?saved=1"));
    assert_eq!(user_count(&app), before + 1);
    let sara = existing_user(&app, "sara.lind");
    assert_eq!(sara.display_name, "Sara Lind");
    assert_eq!(sara.role, "project_lead");
    assert!(sara.active);
    assert!(sara.must_change_password);

    let page = app.get("/admin/users?saved=1").await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Ändringarna är sparade.")
    );
    let row = user_rows(&page)
        .into_iter()
        .find(|r| r[0] == "sara.lind")
        .expect("the new user is listed");
    assert_eq!(row[1..], ["Sara Lind", "Projektledare", "Ja", "Ja"]);

    // Sara logs in and is sent to choose her own password, whatever she asks for.
    app.fresh_client().await;
    let page = app.login("sara.lind", NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let id = app.project_id("DIG-2025-002");
    for path in [
        "/projects".to_owned(),
        format!("/projects/{id}"),
        "/account".to_owned(),
        "/admin/users".to_owned(),
        "/".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            page.location.as_deref(),
            Some("/account/password"),
            "{path}"
        );
    }
    let page = app.get("/account/password").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_new_users_are_refused_with_field_errors_and_nothing_is_saved() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let before = user_count(&app);
    let cases: &[(&str, &str, &str, &str, &str, &str)] = &[
        // (username, password, confirmation, field, message, role)
        (
            "projektledare",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "username",
            "Användarnamnet är upptaget.",
            "reader",
        ),
        (
            "ProjektLedare",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "username",
            "Användarnamnet är upptaget.",
            "reader",
        ),
        (
            "anna berg",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "username",
            "Användarnamnet ska ha 2–32 tecken: gemena bokstäver a–z, siffror, punkt, bindestreck eller understreck.",
            "reader",
        ),
        (
            "åsa",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "username",
            "Användarnamnet ska ha 2–32 tecken: gemena bokstäver a–z, siffror, punkt, bindestreck eller understreck.",
            "reader",
        ),
        (
            "",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "username",
            "Fyll i fältet.",
            "reader",
        ),
        (
            "anna.berg",
            "kort",
            "kort",
            "password",
            "Lösenordet måste ha minst 12 tecken.",
            "reader",
        ),
        (
            "anna.berg",
            NEW_PASSWORD,
            "ett annat långt lösenord",
            "password",
            "Lösenorden stämmer inte överens.",
            "reader",
        ),
        (
            "anna.berg",
            NEW_PASSWORD,
            NEW_PASSWORD,
            "role",
            "Välj ett av alternativen i listan.",
            "superuser",
        ),
    ];
    for &(username, password, confirmation, field, message, role) in cases {
        let case = format!("{username:?} {password:?}/{confirmation:?} {role}");
        let page = app
            .post(
                "/admin/users",
                &[
                    ("username", username),
                    ("display_name", "Anna Berg"),
                    ("role", role),
                    ("password", password),
                    ("password_confirmation", confirmation),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(page.h1(), "Ny användare", "{case}");
        assert_eq!(page.field_error(field).as_deref(), Some(message), "{case}");
        assert_eq!(page.texts(".field-error").len(), 1, "{case}");
        let summary = page.text(".error-summary").expect("an error summary");
        assert!(summary.contains(message), "{case}: {summary}");
        // Kept: what was typed, except the passwords, which are never sent back.
        assert_eq!(
            page.input_value("username").as_deref(),
            Some(username),
            "{case}"
        );
        assert_eq!(
            page.input_value("display_name").as_deref(),
            Some("Anna Berg"),
            "{case}"
        );
        assert_eq!(page.input_value("password").as_deref(), Some(""), "{case}");
        assert_eq!(
            page.input_value("password_confirmation").as_deref(),
            Some(""),
            "{case}"
        );
        assert!(
            !page.body.contains(password),
            "{case}: the password is echoed"
        );
        assert_eq!(user_count(&app), before, "{case}: nothing saved");
    }
    assert!(user(&app, "anna.berg").is_none());
    // The taken username still has its own account, untouched.
    let lead = existing_user(&app, "projektledare");
    assert_eq!(lead.display_name, "Johan Ek");
    assert!(!lead.must_change_password);
}

#[tokio::test]
async fn an_administrator_changes_a_users_name_and_role() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let id = app.user_id("lasare");
    let page = app
        .post(
            &format!("/admin/users/{id}"),
            &[
                ("display_name", " Erik Nordin "),
                ("role", "project_lead"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = format!("/admin/users/{id}?saved=account");
    assert_eq!(page.location.as_deref(), Some(location.as_str()));
    let row = existing_user(&app, "lasare");
    assert_eq!(row.display_name, "Erik Nordin");
    assert_eq!(row.role, "project_lead");
    assert!(row.active);

    let page = app.get(&location).await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Ändringarna är sparade.")
    );
    assert_eq!(
        page.input_value("display_name").as_deref(),
        Some("Erik Nordin")
    );
    assert_eq!(
        page.attr("select[name=role] option[selected]", "value")
            .as_deref(),
        Some("project_lead")
    );

    // Bad input: 422 beside the field, the typed name kept, nothing saved.
    let page = app
        .post(
            &format!("/admin/users/{id}"),
            &[("display_name", " "), ("role", "boss"), ("active", "on")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("display_name").as_deref(),
        Some("Fyll i fältet.")
    );
    assert_eq!(
        page.field_error("role").as_deref(),
        Some("Välj ett av alternativen i listan.")
    );
    assert!(page.text(".error-summary").is_some());
    assert_eq!(page.input_value("display_name").as_deref(), Some(" "));
    let row = existing_user(&app, "lasare");
    assert_eq!(row.display_name, "Erik Nordin");
    assert_eq!(row.role, "project_lead");
}

#[tokio::test]
async fn a_role_change_takes_effect_at_once() {
    let mut app = spawn_app().await;
    app.login_as("lasare").await;
    assert_eq!(app.get("/projects/new").await.status, StatusCode::FORBIDDEN);
    let reader = as_admin(&mut app).await;
    let id = app.user_id("lasare");
    let page = app
        .post(
            &format!("/admin/users/{id}"),
            &[
                ("display_name", "Erik Nord"),
                ("role", "development_manager"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // The changed access ends the old session; logging in again gives the new role.
    app.client = reader;
    let page = app.get("/projects").await;
    assert_eq!(page.location.as_deref(), Some("/login"));
    app.login_as("lasare").await;
    assert_eq!(app.get("/projects/new").await.status, StatusCode::OK);
}

#[tokio::test]
async fn deactivating_a_user_ends_their_session_and_their_logins() {
    let mut app = spawn_app().await;
    app.login_as("lasare").await;
    assert_eq!(app.get("/projects").await.status, StatusCode::OK);
    let reader = as_admin(&mut app).await;

    let id = app.user_id("lasare");
    // An unticked checkbox is not sent at all.
    let page = app
        .post(
            &format!("/admin/users/{id}"),
            &[("display_name", "Erik Nord"), ("role", "reader")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(!existing_user(&app, "lasare").active);
    let page = app.get("/admin/users").await;
    let row = user_rows(&page)
        .into_iter()
        .find(|r| r[0] == "lasare")
        .expect("still listed");
    assert_eq!(row[3], "Nej");
    let page = app.get(&format!("/admin/users/{id}")).await;
    assert!(page.attr("input[name=active]", "checked").is_none());

    // The reader's open session is over.
    let admin = std::mem::replace(&mut app.client, reader);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    // And the right password no longer lets them in.
    let page = app.login("lasare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/projects").await.location.as_deref(),
        Some("/login")
    );

    // Reactivated, they may log in again.
    app.client = admin;
    let page = app
        .post(
            &format!("/admin/users/{id}"),
            &[
                ("display_name", "Erik Nord"),
                ("role", "reader"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.fresh_client().await;
    app.login_as("lasare").await;
}

#[tokio::test]
async fn a_password_reset_forces_a_new_password_at_next_login() {
    let mut app = spawn_app().await;
    app.login_as("lasare").await;
    let reader = as_admin(&mut app).await;
    let id = app.user_id("lasare");
    let path = format!("/admin/users/{id}/password");
    let hash_before = existing_user(&app, "lasare").password_hash;

    // Refused resets change nothing.
    for (password, confirmation, message) in [
        ("kort", "kort", "Lösenordet måste ha minst 12 tecken."),
        ("", "", "Lösenordet måste ha minst 12 tecken."),
        (
            NEW_PASSWORD,
            "ett annat långt lösenord",
            "Lösenorden stämmer inte överens.",
        ),
    ] {
        let page = app
            .post(
                &path,
                &[
                    ("password", password),
                    ("password_confirmation", confirmation),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{password:?}"
        );
        assert_eq!(page.field_error("password").as_deref(), Some(message));
        assert!(page.text(".error-summary").is_some());
        assert_eq!(page.input_value("password").as_deref(), Some(""));
        // The account form above is shown as stored.
        assert_eq!(
            page.input_value("display_name").as_deref(),
            Some("Erik Nord")
        );
        let row = existing_user(&app, "lasare");
        assert_eq!(row.password_hash, hash_before);
        assert!(!row.must_change_password);
    }

    let page = app
        .post(
            &path,
            &[
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = format!("/admin/users/{id}?saved=password");
    assert_eq!(page.location.as_deref(), Some(location.as_str()));
    let page = app.get(&location).await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Lösenordet är återställt. Användaren måste byta det vid nästa inloggning.")
    );
    assert!(existing_user(&app, "lasare").must_change_password);

    // The reader's session has ended.
    app.client = reader;
    assert_eq!(
        app.get("/projects").await.location.as_deref(),
        Some("/login")
    );
    // The old password fails; the new one lets them in only to choose their own.
    let page = app.login("lasare", DEMO_PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.login("lasare", NEW_PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get("/projects").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/account/password"));
}

#[tokio::test]
async fn an_administrator_cannot_lock_everybody_out() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let id = app.user_id("admin");
    let path = format!("/admin/users/{id}");

    // Deactivating oneself.
    let page = app
        .post(
            &path,
            &[("display_name", "Nytt namn"), ("role", "administrator")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert_eq!(
        page.field_error("active").as_deref(),
        Some("Du kan inte inaktivera ditt eget konto.")
    );
    assert!(page.text(".error-summary").is_some());
    assert_eq!(
        page.input_value("display_name").as_deref(),
        Some("Nytt namn")
    );

    // The last active administrator giving up the role.
    let page = app
        .post(
            &path,
            &[
                ("display_name", "Nytt namn"),
                ("role", "reader"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert_eq!(
        page.field_error("role").as_deref(),
        Some("Det måste finnas minst en aktiv administratör.")
    );
    assert_eq!(
        page.attr("select[name=role] option[selected]", "value")
            .as_deref(),
        Some("reader"),
        "the choice is kept"
    );

    let row = existing_user(&app, "admin");
    assert_eq!(row.display_name, "Administratör");
    assert_eq!(row.role, "administrator");
    assert!(row.active);
    // Still an administrator, still logged in.
    assert_eq!(app.get("/admin/users").await.status, StatusCode::OK);

    // With a second administrator, the first may step down.
    let other = app.user_id("utvecklingschef");
    let page = app
        .post(
            &format!("/admin/users/{other}"),
            &[
                ("display_name", "Maria Lindqvist"),
                ("role", "administrator"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app
        .post(
            &path,
            &[
                ("display_name", "Administratör"),
                ("role", "reader"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(existing_user(&app, "admin").role, "reader");
}

#[tokio::test]
async fn the_last_administrator_cannot_be_deactivated_by_another() {
    // Two administrators; one deactivates the other, who then cannot do the same back.
    let mut app = spawn_app().await;
    app.login_as("admin").await;
    let manager = app.user_id("utvecklingschef");
    let page = app
        .post(
            &format!("/admin/users/{manager}"),
            &[
                ("display_name", "Maria Lindqvist"),
                ("role", "administrator"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.fresh_client().await;
    app.login_as("utvecklingschef").await;
    let admin = app.user_id("admin");
    let page = app
        .post(
            &format!("/admin/users/{admin}"),
            &[("display_name", "Administratör"), ("role", "administrator")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(!existing_user(&app, "admin").active);
    // Now the only active administrator may not lose the role.
    let page = app
        .post(
            &format!("/admin/users/{manager}"),
            &[
                ("display_name", "Maria Lindqvist"),
                ("role", "development_manager"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("role").as_deref(),
        Some("Det måste finnas minst en aktiv administratör.")
    );
    assert_eq!(existing_user(&app, "utvecklingschef").role, "administrator");
}

#[tokio::test]
async fn boards_and_units_are_listed_together() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/units").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Nämnder och enheter");
    let headings = page.texts("section h2");
    assert_eq!(
        headings,
        [
            "Socialnämnden Ändra Socialnämnden",
            "Äldrenämnden Ändra Äldrenämnden"
        ]
    );
    let social = board_id(&app, "Socialnämnden");
    let elder = board_id(&app, "Äldrenämnden");
    assert_eq!(
        page.texts(&format!("section[aria-labelledby=board-{social}] li")),
        [
            "Barn- och familjeenheten",
            "Myndighetsenheten (mottagning, vuxen)",
            "Stab och utveckling",
        ]
    );
    assert_eq!(
        page.texts(&format!("section[aria-labelledby=board-{elder}] li")),
        ["Omsorgsenheten", "Äldreenheten"]
    );
    let unit_id = unit(&app, "Äldreenheten").expect("the unit").id;
    assert_eq!(
        page.attr(&format!("a[href=\"/admin/units/{unit_id}\"]"), "href"),
        Some(format!("/admin/units/{unit_id}"))
    );
    assert_eq!(
        page.attr(&format!("a[href=\"/admin/boards/{elder}\"]"), "href"),
        Some(format!("/admin/boards/{elder}"))
    );
}

#[tokio::test]
async fn an_administrator_creates_and_renames_boards() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/boards/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Ny nämnd");

    let page = app
        .post("/admin/boards", &[("name", " Kulturnämnden ")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/units?saved=1"));
    let id = board_id(&app, "Kulturnämnden");
    let page = app.get("/admin/units?saved=1").await;
    assert_eq!(
        page.text(".notice").as_deref(),
        Some("Ändringarna är sparade.")
    );
    assert_eq!(
        page.text(&format!("section[aria-labelledby=board-{id}] p.muted"))
            .as_deref(),
        Some("Inga enheter ännu.")
    );

    let page = app.get(&format!("/admin/boards/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Ändra nämnd");
    assert_eq!(page.input_value("name").as_deref(), Some("Kulturnämnden"));
    let page = app
        .post(
            &format!("/admin/boards/{id}"),
            &[("name", "Kultur- och fritidsnämnden")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app.get(&format!("/admin/boards/{id}")).await;
    assert_eq!(
        page.input_value("name").as_deref(),
        Some("Kultur- och fritidsnämnden")
    );
    // Saving a board under its own name is no clash.
    let page = app
        .post(
            &format!("/admin/boards/{id}"),
            &[("name", "Kultur- och fritidsnämnden")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // Blank and taken names, on create and on rename.
    let count = boards(&app).len();
    for (path, name, message) in [
        ("/admin/boards".to_owned(), "", "Fyll i fältet."),
        ("/admin/boards".to_owned(), "   ", "Fyll i fältet."),
        (
            "/admin/boards".to_owned(),
            "Socialnämnden",
            "Namnet används redan.",
        ),
        (format!("/admin/boards/{id}"), "", "Fyll i fältet."),
        (
            format!("/admin/boards/{id}"),
            "Äldrenämnden",
            "Namnet används redan.",
        ),
    ] {
        let page = app.post(&path, &[("name", name)]).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {name:?}"
        );
        assert_eq!(
            page.field_error("name").as_deref(),
            Some(message),
            "{path} {name:?}"
        );
        assert!(page.text(".error-summary").is_some(), "{path} {name:?}");
        assert_eq!(
            page.input_value("name").as_deref(),
            Some(name),
            "{path} {name:?}"
        );
    }
    assert_eq!(boards(&app).len(), count);
    let names: Vec<String> = boards(&app).into_iter().map(|b| b.name).collect();
    assert_eq!(
        names,
        [
            "Kultur- och fritidsnämnden",
            "Socialnämnden",
            "Äldrenämnden"
        ]
    );
}

#[tokio::test]
async fn an_administrator_creates_and_changes_units() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let social = board_id(&app, "Socialnämnden").to_string();
    let elder = board_id(&app, "Äldrenämnden").to_string();
    let page = app.get("/admin/units/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Ny enhet");
    assert_eq!(
        page.texts("select[name=board_id] option"),
        ["– Välj –", "Socialnämnden", "Äldrenämnden"]
    );

    let page = app
        .post(
            "/admin/units",
            &[("name", " Vuxenenheten "), ("board_id", &social)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/units?saved=1"));
    let created = unit(&app, "Vuxenenheten").expect("the unit is saved");
    assert_eq!(created.board_name, "Socialnämnden");
    let page = app.get("/admin/units").await;
    assert!(
        page.texts(&format!("section[aria-labelledby=board-{social}] li"))
            .contains(&"Vuxenenheten".to_owned())
    );

    // Moving a unit to another board and renaming it; its projects follow.
    let elder_care = unit(&app, "Äldreenheten").expect("the unit");
    let page = app.get(&format!("/admin/units/{}", elder_care.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Ändra enhet");
    assert_eq!(page.input_value("name").as_deref(), Some("Äldreenheten"));
    assert_eq!(
        page.attr("select[name=board_id] option[selected]", "value"),
        Some(elder.clone())
    );
    let page = app
        .post(
            &format!("/admin/units/{}", elder_care.id),
            &[("name", "Äldre- och omsorgsenheten"), ("board_id", &social)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let moved = unit(&app, "Äldre- och omsorgsenheten").expect("renamed");
    assert_eq!(moved.id, elder_care.id);
    assert_eq!(moved.board_name, "Socialnämnden");
    assert!(unit(&app, "Äldreenheten").is_none());
    assert_eq!(unit_of_project(&app, "DIG-2025-002"), elder_care.id);

    // Bad input: blank or taken names, unknown or missing boards.
    let count = units(&app).len();
    let edit = format!("/admin/units/{}", moved.id);
    let cases: [(&str, &str, &str, &str, &str); 7] = [
        ("/admin/units", "", &social, "name", "Fyll i fältet."),
        (
            "/admin/units",
            "Omsorgsenheten",
            &elder,
            "name",
            "Namnet används redan.",
        ),
        (
            "/admin/units",
            "Ny enhet",
            "99999",
            "board_id",
            "Välj den nämnd enheten hör till.",
        ),
        (
            "/admin/units",
            "Ny enhet",
            "",
            "board_id",
            "Välj den nämnd enheten hör till.",
        ),
        (&edit, " ", &social, "name", "Fyll i fältet."),
        (
            &edit,
            "Vuxenenheten",
            &social,
            "name",
            "Namnet används redan.",
        ),
        (
            &edit,
            "Äldre- och omsorgsenheten",
            "99999",
            "board_id",
            "Välj den nämnd enheten hör till.",
        ),
    ];
    for (path, name, board, field, message) in cases {
        let case = format!("{path} {name:?} {board:?}");
        let page = app.post(path, &[("name", name), ("board_id", board)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(page.field_error(field).as_deref(), Some(message), "{case}");
        assert_eq!(page.texts(".field-error").len(), 1, "{case}");
        assert!(page.text(".error-summary").is_some(), "{case}");
        assert_eq!(page.input_value("name").as_deref(), Some(name), "{case}");
    }
    assert_eq!(units(&app).len(), count);
    let still = unit(&app, "Äldre- och omsorgsenheten").expect("unchanged");
    assert_eq!(still.board_name, "Socialnämnden");
}

#[tokio::test]
async fn unknown_users_boards_and_units_are_not_found() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    for path in [
        "/admin/users/99999",
        "/admin/users/abc",
        "/admin/units/99999",
        "/admin/units/abc",
        "/admin/boards/99999",
        "/admin/boards/abc",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        assert_eq!(page.h1(), "Sidan finns inte", "GET {path}");
    }
    let social = board_id(&app, "Socialnämnden").to_string();
    let posts: [(&str, Vec<(&str, &str)>); 6] = [
        (
            "/admin/users/99999",
            vec![("display_name", "X"), ("role", "reader"), ("active", "on")],
        ),
        (
            "/admin/users/abc",
            vec![("display_name", "X"), ("role", "reader"), ("active", "on")],
        ),
        (
            "/admin/users/99999/password",
            vec![
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        ),
        (
            "/admin/units/99999",
            vec![("name", "X"), ("board_id", social.as_str())],
        ),
        ("/admin/boards/99999", vec![("name", "X")]),
        ("/admin/boards/abc", vec![("name", "X")]),
    ];
    let (user_count_before, units_before, boards_before) =
        (user_count(&app), units(&app).len(), boards(&app).len());
    for (path, fields) in posts {
        let page = app.post(path, &fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(user_count(&app), user_count_before);
    assert_eq!(units(&app).len(), units_before);
    assert_eq!(boards(&app).len(), boards_before);
    assert!(unit(&app, "X").is_none());
}

#[tokio::test]
async fn admin_forms_refuse_a_missing_or_wrong_csrf_token() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let reader = app.user_id("lasare");
    let social = board_id(&app, "Socialnämnden");
    let elder_care = unit(&app, "Äldreenheten").expect("the unit").id;
    let social_str = social.to_string();
    let before_user = existing_user(&app, "lasare");
    let (users_before, units_before, boards_before) =
        (user_count(&app), units(&app).len(), boards(&app).len());

    let user_path = format!("/admin/users/{reader}");
    let password_path = format!("/admin/users/{reader}/password");
    let board_path = format!("/admin/boards/{social}");
    let unit_path = format!("/admin/units/{elder_care}");
    let posts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/admin/users",
            vec![
                ("username", "forged"),
                ("display_name", "Forged"),
                ("role", "administrator"),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        ),
        (
            user_path.as_str(),
            vec![("display_name", "Forged"), ("role", "administrator")],
        ),
        (
            password_path.as_str(),
            vec![
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        ),
        ("/admin/boards", vec![("name", "Forged board")]),
        (board_path.as_str(), vec![("name", "Forged board")]),
        (
            "/admin/units",
            vec![("name", "Forged unit"), ("board_id", social_str.as_str())],
        ),
        (
            unit_path.as_str(),
            vec![("name", "Forged unit"), ("board_id", social_str.as_str())],
        ),
    ];
    for token in [None, Some("wrong"), Some("")] {
        for (path, fields) in &posts {
            let page = app.post_with_token(path, fields, token).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {token:?}");
            assert_eq!(page.h1(), "Åtkomst nekad", "{path} with {token:?}");
        }
    }
    assert_eq!(user_count(&app), users_before);
    assert_eq!(units(&app).len(), units_before);
    assert_eq!(boards(&app).len(), boards_before);
    assert!(user(&app, "forged").is_none());
    let after_user = existing_user(&app, "lasare");
    assert_eq!(after_user.display_name, before_user.display_name);
    assert_eq!(after_user.role, before_user.role);
    assert_eq!(after_user.active, before_user.active);
    assert_eq!(after_user.password_hash, before_user.password_hash);
    assert_eq!(
        after_user.session_generation,
        before_user.session_generation
    );
    assert_eq!(
        boards(&app)
            .into_iter()
            .find(|b| b.id == social)
            .map(|b| b.name)
            .as_deref(),
        Some("Socialnämnden")
    );
    assert_eq!(unit(&app, "Äldreenheten").map(|u| u.id), Some(elder_care));
}

fn reporting(app: &TestApp) -> styr::domain::settings::Reporting {
    app.with_db(|conn| styr::db::settings::reporting(conn).expect("the settings load"))
}

/// The settings' entries in the audit trail, newest first, as (before, after).
fn setting_audit(app: &TestApp) -> Vec<(Option<String>, Option<String>)> {
    app.with_db(|conn| {
        styr::db::audit::entries(conn, None, 10_000)
            .expect("the audit trail loads")
            .into_iter()
            .filter(|e| e.entity == "setting")
            .map(|e| (e.before, e.after))
            .collect()
    })
}

#[tokio::test]
async fn the_administrator_sets_when_reports_are_due_and_what_the_roll_up_lists() {
    let mut app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.input_value("report_due_day").as_deref(), Some("5"));
    assert_eq!(
        page.input_value("rollup_deviation_percent").as_deref(),
        Some("10")
    );
    assert!(
        page.text("form[action=\"/admin/settings/reports\"] label[for=report_due_day]")
            .is_some()
    );

    // Bad input: the message beside the field, the input kept, nothing saved.
    let page = app
        .post(
            "/admin/settings/reports",
            &[
                ("report_due_day", "29"),
                ("rollup_deviation_percent", "tio"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("report_due_day").as_deref(),
        Some("Ange en dag från 1 till 28, så att varje månad har den.")
    );
    assert_eq!(
        page.field_error("rollup_deviation_percent").as_deref(),
        Some("Ange ett heltal, utan decimaler eller bokstäver.")
    );
    assert_eq!(page.input_value("report_due_day").as_deref(), Some("29"));
    assert_eq!(
        page.input_value("rollup_deviation_percent").as_deref(),
        Some("tio")
    );
    assert_eq!(page.texts(".error-summary li").len(), 2);
    // The other forms show what is stored.
    assert_eq!(
        page.input_value("threshold_sek").as_deref(),
        Some("1000000")
    );
    assert_eq!(page.input_value("session_idle_hours").as_deref(), Some("8"));
    assert_eq!(reporting(&app), Default::default());
    assert!(setting_audit(&app).is_empty());

    // Without the token, or with a wrong one: refused, nothing saved.
    for token in [None, Some("wrong"), Some("")] {
        let page = app
            .post_with_token(
                "/admin/settings/reports",
                &[("report_due_day", "1"), ("rollup_deviation_percent", "50")],
                token,
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
    }
    assert_eq!(reporting(&app), Default::default());

    let page = app
        .post(
            "/admin/settings/reports",
            &[
                ("report_due_day", " 28 "),
                ("rollup_deviation_percent", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/settings?saved=1"));
    let page = app.get("/admin/settings?saved=1").await;
    assert_eq!(page.input_value("report_due_day").as_deref(), Some("28"));
    assert_eq!(
        page.input_value("rollup_deviation_percent").as_deref(),
        Some("0")
    );
    assert_eq!(
        reporting(&app),
        styr::domain::settings::Reporting {
            due_day: 28,
            deviation_percent: 0
        }
    );
    // Audited as the other settings are: what it was and what it became.
    let audit = setting_audit(&app);
    assert_eq!(audit.len(), 1);
    let (before, after) = &audit[0];
    assert!(
        before
            .as_deref()
            .is_some_and(|b| b.contains("\"due_day\":5")),
        "{before:?}"
    );
    assert!(
        after
            .as_deref()
            .is_some_and(|a| a.contains("\"due_day\":28") && a.contains("\"deviation_percent\":0")),
        "{after:?}"
    );

    // Nobody but the administrator sets it.
    for user in ["utvecklingschef", "ledamot", "projektledare", "lasare"] {
        app.fresh_client().await;
        app.login_as(user).await;
        let page = app
            .post(
                "/admin/settings/reports",
                &[("report_due_day", "10"), ("rollup_deviation_percent", "20")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
    }
    assert_eq!(reporting(&app).due_day, 28);
}

//! Who may open what: every route for every role, in one table.

use reqwest::StatusCode;

use crate::helpers::*;

/// What a role gets from a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Served: a GET answers 200; a POST of an empty form answers 422 (or 409 for a form whose only
    /// field, the project lead's description, may be empty) and changes nothing.
    Allowed,
    /// 403.
    Forbidden,
    /// Sent to the login page.
    Login,
}

const A: Expect = Expect::Allowed;
const F: Expect = Expect::Forbidden;
const L: Expect = Expect::Login;

/// The columns of the table; "anonymous" is a visitor who has not logged in.
const ROLES: [&str; 6] = [
    "anonymous",
    "admin",
    "utvecklingschef",
    "projektledare",
    "ledamot",
    "lasare",
];

/// Every route, with placeholders: `{project}` is DIG-2025-003, which projektledare does not lead;
/// `{own_project}` is DIG-2025-002, which projektledare leads; `{user}` is lasare; `{unit}` is
/// Äldreenheten; `{board}` is Socialnämnden.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, [Expect; 6])] = &[
    //                                          anon admin utv  pl  ledamot lasare
    ("GET",  "/projects",                        [L, A, A, A, A, A]),
    ("GET",  "/projects/new",                    [L, A, A, F, F, F]),
    ("POST", "/projects",                        [L, A, A, F, F, F]),
    ("GET",  "/projects/{project}",              [L, A, A, A, A, A]),
    ("GET",  "/projects/{project}/edit",         [L, A, A, F, F, F]),
    ("POST", "/projects/{project}/edit",         [L, A, A, F, F, F]),
    ("GET",  "/projects/{own_project}/edit",     [L, A, A, A, F, F]),
    ("POST", "/projects/{own_project}/edit",     [L, A, A, A, F, F]),
    ("GET",  "/admin/users",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/users/new",                 [L, A, F, F, F, F]),
    ("POST", "/admin/users",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/users/{user}",              [L, A, F, F, F, F]),
    ("POST", "/admin/users/{user}",              [L, A, F, F, F, F]),
    ("POST", "/admin/users/{user}/password",     [L, A, F, F, F, F]),
    ("GET",  "/admin/units",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/units/new",                 [L, A, F, F, F, F]),
    ("POST", "/admin/units",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/units/{unit}",              [L, A, F, F, F, F]),
    ("POST", "/admin/units/{unit}",              [L, A, F, F, F, F]),
    ("GET",  "/admin/boards/new",                [L, A, F, F, F, F]),
    ("POST", "/admin/boards",                    [L, A, F, F, F, F]),
    ("GET",  "/admin/boards/{board}",            [L, A, F, F, F, F]),
    ("POST", "/admin/boards/{board}",            [L, A, F, F, F, F]),
    ("GET",  "/account",                         [L, A, A, A, A, A]),
    ("GET",  "/account/password",                [L, A, A, A, A, A]),
];

/// A new browser that opens a connection for every request. An anonymous post is answered with a
/// redirect before its body is read, and actix then closes the connection without saying so; a
/// pooling client may race to send the next request on it.
fn unpooled_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client")
}

/// What a response means, or a description of an answer no row expects.
fn outcome(method: &str, page: &Page) -> Result<Expect, String> {
    let allowed = match method {
        "GET" => page.status == StatusCode::OK,
        _ => [StatusCode::UNPROCESSABLE_ENTITY, StatusCode::CONFLICT].contains(&page.status),
    };
    if allowed {
        Ok(Expect::Allowed)
    } else if page.status == StatusCode::FORBIDDEN {
        Ok(Expect::Forbidden)
    } else if page.status == StatusCode::SEE_OTHER && page.location.as_deref() == Some("/login") {
        Ok(Expect::Login)
    } else {
        Err(format!(
            "{} {}",
            page.status.as_u16(),
            page.location.as_deref().unwrap_or("")
        ))
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_policy_says() {
    let mut app = spawn_app().await;
    let unit_id = app.with_db(|conn| {
        styr::db::units::units(conn)
            .expect("the units load")
            .into_iter()
            .find(|u| u.name == "Äldreenheten")
            .map(|u| u.id)
            .expect("the unit exists")
    });
    let board_id = app.with_db(|conn| {
        styr::db::units::boards(conn)
            .expect("the boards load")
            .into_iter()
            .find(|b| b.name == "Socialnämnden")
            .map(|b| b.id)
            .expect("the board exists")
    });
    let ids = [
        ("{project}", app.project_id("DIG-2025-003")),
        ("{own_project}", app.project_id("DIG-2025-002")),
        ("{user}", app.user_id("lasare")),
        ("{unit}", unit_id),
        ("{board}", board_id),
    ];
    let path_of = |template: &str| {
        ids.iter().fold(template.to_owned(), |path, (name, id)| {
            path.replace(name, &id.to_string())
        })
    };
    let projects_before = app.with_db(|conn| {
        styr::db::projects::register(conn, &Default::default())
            .expect("the register loads")
            .len()
    });
    let users_before = app.with_db(|conn| styr::db::users::count(conn).expect("a count"));

    let mut mismatches: Vec<[String; 5]> = Vec::new();
    for (column, role) in ROLES.iter().enumerate() {
        app.client = unpooled_client();
        if *role != "anonymous" {
            app.login_as(role).await;
        }
        for (method, template, expected) in ROUTES {
            let path = path_of(template);
            // An empty form with the session's token: refused as invalid wherever it is allowed,
            // so the table changes no data.
            let page = match *method {
                "GET" => app.get(&path).await,
                _ => app.post(&path, &[]).await,
            };
            let expected = expected[column];
            let got = outcome(method, &page);
            if got != Ok(expected) {
                mismatches.push([
                    (*role).to_owned(),
                    (*method).to_owned(),
                    (*template).to_owned(),
                    format!("{expected:?}"),
                    match got {
                        Ok(got) => format!("{got:?} ({})", page.status.as_u16()),
                        Err(answer) => format!("unexpected: {answer}"),
                    },
                ]);
            }
        }
    }

    if !mismatches.is_empty() {
        let header = [
            "role".to_owned(),
            "method".to_owned(),
            "route".to_owned(),
            "expected".to_owned(),
            "got".to_owned(),
        ];
        let mut widths = header.clone().map(|h| h.chars().count());
        for row in &mismatches {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |row: &[String; 5]| {
            row.iter()
                .zip(widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let mut table = vec![line(&header)];
        table.extend(mismatches.iter().map(line));
        panic!(
            "{} of {} answers differ from the policy:\n{}",
            mismatches.len(),
            ROLES.len() * ROUTES.len(),
            table.join("\n")
        );
    }

    // The allowed posts were all refused as invalid: nothing was created.
    let projects_after = app.with_db(|conn| {
        styr::db::projects::register(conn, &Default::default())
            .expect("the register loads")
            .len()
    });
    assert_eq!(projects_after, projects_before);
    assert_eq!(
        app.with_db(|conn| styr::db::users::count(conn).expect("a count")),
        users_before
    );
}

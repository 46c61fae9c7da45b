//! What a hostile or a busy user meets: HEAD, caching, oversized bodies, control characters,
//! redirects off the site, throttles, and what reaches the log.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::{captured_log, spawn_app};

#[tokio::test]
async fn head_is_answered_wherever_get_is() {
    let app = spawn_app().await;
    let response = app
        .client
        .head(app.url("/login"))
        .send()
        .await
        .expect("HEAD answered");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.expect("a body"), "");

    app.login_as("lasare").await;
    for path in ["/projects", "/", "/accessibility", "/static/styr.css"] {
        let get = app.client.get(app.url(path)).send().await.expect("GET");
        let head = app.client.head(app.url(path)).send().await.expect("HEAD");
        assert_eq!(head.status(), get.status(), "{path}");
        assert_eq!(
            head.headers().get("content-type"),
            get.headers().get("content-type"),
            "{path}"
        );
        assert_eq!(head.text().await.expect("a body"), "", "{path}");
    }
    // A path that GET does not know is no more known to HEAD.
    let head = app
        .client
        .head(app.url("/no-such-page"))
        .send()
        .await
        .expect("HEAD");
    assert_eq!(head.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_are_not_stored_and_static_files_are() {
    let app = spawn_app().await;
    let login = app.client.get(app.url("/login")).send().await.expect("GET");
    assert_eq!(login.headers()["cache-control"], "no-store");
    app.login_as("lasare").await;
    for path in ["/projects", "/account", "/no-such-page"] {
        let page = app.client.get(app.url(path)).send().await.expect("GET");
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
    }
    let css = app
        .client
        .get(app.url("/static/styr.css"))
        .send()
        .await
        .expect("GET");
    assert_eq!(css.headers()["cache-control"], "public, max-age=3600");
}

/// Sends raw HTTP/1.1 requests on one connection and returns each answer's status line and body
/// length, or `None` once the server closed the connection.
fn raw_exchange(address: &str, requests: &[Vec<u8>]) -> Vec<Option<(String, usize)>> {
    let host = address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("a connection");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let mut answers = Vec::new();
    let mut buffer = Vec::new();
    for request in requests {
        if stream.write_all(request).is_err() {
            answers.push(None);
            continue;
        }
        answers.push(read_response(&mut stream, &mut buffer));
    }
    answers
}

fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, usize)> {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            let total = end + 4 + length;
            while buffer.len() < total {
                let n = stream.read(&mut chunk).ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            let status = head.lines().next().unwrap_or_default().to_owned();
            buffer.drain(..total);
            return Some((status, length));
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::test]
async fn an_oversized_form_gets_a_413_page_and_the_connection_goes_on() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let token = app.csrf_token().await;
    let cookie = app.cookie_header();
    let boards_before = app.with_db(|conn| styr::db::units::boards(conn).expect("boards").len());

    let body = format!("csrf_token={token}&name={}", "a".repeat(300 * 1024));
    let oversized = format!(
        "POST /admin/boards HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    let next = format!("GET /projects HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\n\r\n")
        .into_bytes();
    let address = app.address.clone();
    let answers = tokio::task::spawn_blocking(move || raw_exchange(&address, &[oversized, next]))
        .await
        .expect("the exchange ran");
    let (status, length) = answers[0].clone().expect("an answer to the oversized form");
    assert!(status.contains(" 413 "), "{status}");
    assert!(length > 0, "the 413 answer is a page");
    let (status, _) = answers[1]
        .clone()
        .expect("the connection is still open after the 413");
    assert!(status.contains(" 200 "), "{status}");
    let boards_after = app.with_db(|conn| styr::db::units::boards(conn).expect("boards").len());
    assert_eq!(boards_after, boards_before);

    let page = app
        .post("/admin/boards", &[("name", &"a".repeat(300 * 1024))])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(page.h1(), "För mycket text");
}

#[tokio::test]
async fn the_language_switch_goes_back_only_to_a_path_of_this_site() {
    let app = spawn_app().await;
    for next in [
        "/\t/evil.example",
        "/projects\r\nSet-Cookie: a=b",
        "/projects\n",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
    ] {
        let page = app
            .post("/language", &[("lang", "en"), ("next", next)])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(page.location.as_deref(), Some("/"), "{next:?}");
    }
    // A NUL is taken out of every field before the path is looked at.
    let page = app
        .post("/language", &[("lang", "en"), ("next", "/projects\0")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/projects"));
    let page = app
        .post(
            "/language",
            &[("lang", "sv"), ("next", "/accessibility?x=%C3%A5")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/accessibility?x=%C3%A5"));
}

#[tokio::test]
async fn control_characters_are_taken_out_of_text_fields() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let count = app.with_db(|conn| styr::db::units::boards(conn).expect("boards").len());
    // The same name as a board that exists, but for a NUL and an escape: the same name.
    let page = app
        .post("/admin/boards", &[("name", "Social\u{0}nämnden\u{1b}")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.field_error("name").as_deref(),
        Some("Namnet används redan.")
    );
    assert!(!page.body.contains('\u{0}'));
    assert_eq!(page.input_value("name").as_deref(), Some("Socialnämnden"));
    let page = app
        .post("/admin/boards", &[("name", "Kultur\u{7}\tnämnden\r\n")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let names: Vec<String> = app.with_db(|conn| {
        styr::db::units::boards(conn)
            .expect("boards")
            .into_iter()
            .map(|b| b.name)
            .collect()
    });
    assert_eq!(names.len(), count + 1);
    assert!(names.contains(&"Kultur nämnden".to_owned()), "{names:?}");
}

#[tokio::test]
async fn wrong_current_passwords_are_throttled() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let wrong = [
        ("current_password", "not the password"),
        ("new_password", "ett nytt långt lösenord"),
        ("new_password_confirmation", "ett nytt långt lösenord"),
    ];
    for _ in 0..10 {
        let page = app.post("/account/password", &wrong).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = app.post("/account/password", &wrong).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // Throttled means throttled: the right password is not checked either.
    let right = [
        ("current_password", crate::helpers::DEMO_PASSWORD),
        ("new_password", "ett nytt långt lösenord"),
        ("new_password_confirmation", "ett nytt långt lösenord"),
    ];
    let page = app.post("/account/password", &right).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn form_posts_of_one_user_are_limited() {
    let app = spawn_app().await;
    app.login_as("lasare").await;
    let token = app.csrf_token().await;
    let mut statuses = Vec::new();
    // 120 at once, then four a second: a loop that posts faster than that is soon refused.
    for _ in 0..400 {
        let page = app
            .post_with_token("/language", &[("lang", "sv"), ("next", "/")], Some(&token))
            .await;
        statuses.push(page.status);
    }
    assert!(statuses[..120].iter().all(|s| *s == StatusCode::SEE_OTHER));
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn long_distinct_usernames_leave_the_throttle_and_the_log_bounded() {
    let app = spawn_app().await;
    let long = "x".repeat(200 * 1024);
    let token = app.csrf_token().await;
    let started = std::time::Instant::now();
    for i in 0..1_000 {
        let username = format!("{i:04}{long}");
        let page = app
            .post_with_token(
                "/login",
                &[("username", &username), ("password", "wrong")],
                Some(&token),
            )
            .await;
        assert!(
            page.status == StatusCode::UNPROCESSABLE_ENTITY
                || page.status == StatusCode::TOO_MANY_REQUESTS,
            "{}",
            page.status
        );
    }
    // One address: thirty attempts count, then one more every twenty seconds, and a refused
    // address keeps no username.
    let refilled = started.elapsed().as_secs() / 20 + 1;
    let held = app.with_db(|conn| styr::db::throttle::usernames_held(conn).expect("counted"));
    assert!(held as u64 <= 30 + refilled, "{held} usernames held");
    let log = captured_log();
    let longest = log.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 2_000, "a log line of {longest} bytes");
    assert!(!log.contains(&"x".repeat(33)));
}

#[tokio::test]
async fn a_username_cannot_write_a_line_of_its_own_into_the_log() {
    let app = spawn_app().await;
    let forged = "eve\nERROR forged";
    let token = app.csrf_token().await;
    for _ in 0..6 {
        app.post_with_token(
            "/login",
            &[("username", forged), ("password", "wrong")],
            Some(&token),
        )
        .await;
    }
    let log = captured_log();
    assert!(
        // Usernames are compared in lowercase, and logged so.
        log.contains("eve\\nerror forged"),
        "the throttled username is logged, escaped"
    );
    assert!(
        !log.lines()
            .any(|l| l.to_lowercase().starts_with("error forged"))
    );
}

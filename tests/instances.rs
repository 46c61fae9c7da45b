//! Several instances of Styr on one PostgreSQL database, as behind a load balancer: two `styr`
//! processes, requests alternating between them. A login on one holds on the other, failed logins
//! count across both, decisions recorded on both at once are numbered without a gap, and a draft
//! saved stale on one after a save on the other gets the conflict page. Then the database is
//! dumped with pg_dump, restored with pg_restore into a new database, and every record is found.
//!
//! These need a PostgreSQL server: `tests/run-all.sh` starts a throwaway one and runs them with
//! `STYR_TEST_POSTGRES` set to its URL (`cargo test --test instances -- --include-ignored
//! --test-threads=1`). `STYR_INSTANCE_LOG` sets the instances' `RUST_LOG` (default `warn`).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Datelike;
use diesel::prelude::*;
use reqwest::StatusCode;
use reqwest::cookie::Jar;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use styr::db::Db;
use styr::db::schema::decisions;

const NEEDS: &str = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES";

/// A session key both instances share, as their environment file gives it.
const SESSION_KEY: &str = "c3R5ci1pbnN0YW5jZXMtdGVzdC1rZXktc3R5ci1pbnN0YW5jZXMtdGVzdC1rZXktc3R5ci1pbnN0YW5jZXMtdGVzdC1rZXk=";

/// The server's URL, from `STYR_TEST_POSTGRES`.
fn server() -> String {
    std::env::var("STYR_TEST_POSTGRES").expect(NEEDS)
}

#[path = "support/postgres.rs"]
mod support;
use support::{drop_database, execute, url_of};

/// A new, empty database on the server, dropped at the end.
struct Database {
    server: String,
    name: String,
}

impl Database {
    fn create(purpose: &str) -> Database {
        let server = server();
        let name = format!("styr_instances_{purpose}_{}", std::process::id());
        execute(
            &server,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        );
        execute(&server, &format!("CREATE DATABASE {name}"));
        Database { server, name }
    }

    fn url(&self) -> String {
        url_of(&self.server, &self.name)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        drop_database(&self.server, &self.name);
    }
}

/// One `styr serve` process on a loopback port of its own.
struct Instance {
    child: Child,
    address: String,
}

impl Instance {
    /// Starts Styr on `database` (with the demo when `demo`) and waits until it answers.
    fn start(database: &str, demo: bool) -> Instance {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_styr"));
        command
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", database)
            .env("STYR_SESSION_KEY", SESSION_KEY)
            .env(
                "RUST_LOG",
                std::env::var("STYR_INSTANCE_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if demo {
            command.arg("--demo");
        }
        let child = command.spawn().expect("styr starts");
        let instance = Instance {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        instance.wait_until_healthy();
        instance
    }

    fn wait_until_healthy(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            if status_of(&format!("{}/healthz", self.address)) == Some(200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{} did not answer within two minutes", self.address);
    }

    /// Waits for the process to end after a SIGTERM; how it ended.
    fn terminate_wait(mut self) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the process is known") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(40),
                "Styr stopped within the 30 s it gives requests in flight"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status of a GET of `url` (`http://127.0.0.1:port/path`) over a plain TCP connection: the
/// health check waits without an async runtime of its own.
fn status_of(url: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split_whitespace().nth(1)?.parse().ok()
}

/// A person's browser: one cookie jar, whichever instance the balancer sends a request to (the
/// cookie is the host's, 127.0.0.1, whatever the port).
#[derive(Clone)]
struct Browser {
    client: reqwest::Client,
    jar: Arc<Jar>,
}

/// A page: its status, body and where it redirects.
struct Page {
    status: StatusCode,
    body: String,
}

impl Page {
    fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        let selector = Selector::parse(selector).expect("a selector");
        Html::parse_document(&self.body)
            .select(&selector)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_owned)
    }
}

impl Browser {
    fn new() -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(Arc::clone(&jar))
            .redirect(Policy::none())
            .build()
            .expect("a client");
        Browser { client, jar }
    }

    /// The cookies this browser sends to `instance`, as a `Cookie` header.
    fn cookie_header(&self, instance: &Instance) -> String {
        use reqwest::cookie::CookieStore;
        let url = instance.address.parse().expect("a URL");
        self.jar
            .cookies(&url)
            .and_then(|value| value.to_str().ok().map(str::to_owned))
            .expect("cookies")
    }

    async fn get(&self, instance: &Instance, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", instance.address))
            .send()
            .await
            .expect("answered");
        Page {
            status: response.status(),
            body: response.text().await.expect("a body"),
        }
    }

    /// The session's CSRF token, from a page of `instance`.
    async fn token(&self, instance: &Instance) -> String {
        self.get(instance, "/accessibility")
            .await
            .attr("input[name=csrf_token]", "value")
            .expect("a CSRF token")
    }

    async fn post(&self, instance: &Instance, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.token(instance).await;
        self.post_with(instance, path, fields, &token).await
    }

    async fn post_with(
        &self,
        instance: &Instance,
        path: &str,
        fields: &[(&str, &str)],
        token: &str,
    ) -> Page {
        let mut form = fields.to_vec();
        form.push(("csrf_token", token));
        let response = self
            .client
            .post(format!("{}{path}", instance.address))
            .form(&form)
            .send()
            .await
            .expect("answered");
        Page {
            status: response.status(),
            body: response.text().await.expect("a body"),
        }
    }

    async fn log_in(&self, instance: &Instance, username: &str, password: &str) -> StatusCode {
        self.post(
            instance,
            "/login",
            &[("username", username), ("password", password)],
        )
        .await
        .status
    }
}

/// Two instances on one new database with the demo: the first adds it, the second finds it.
fn two_instances(purpose: &str) -> (Database, Instance, Instance) {
    let database = Database::create(purpose);
    let a = Instance::start(&database.url(), true);
    let b = Instance::start(&database.url(), false);
    (database, a, b)
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn a_login_on_one_instance_holds_on_the_other_and_a_logout_on_both() {
    let (_database, a, b) = two_instances("login");
    let browser = Browser::new();
    assert_eq!(
        browser.log_in(&a, "utvecklingschef", "demo").await,
        StatusCode::SEE_OTHER
    );
    let account = browser.get(&b, "/account").await;
    assert_eq!(account.status, StatusCode::OK, "logged in on the other");
    assert!(account.body.contains("utvecklingschef"), "{}", account.body);
    // Logging out on the second ends the login on the first too: the login is a row in the
    // database, and a copy of the cookie taken before the logout is worth nothing on either.
    let copied = browser.cookie_header(&a);
    let logout = browser.post(&b, "/logout", &[]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    let replayed = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("a client")
        .get(format!("{}/account", a.address))
        .header(reqwest::header::COOKIE, copied)
        .send()
        .await
        .expect("answered");
    assert_eq!(replayed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        replayed
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok()),
        Some("/login")
    );
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn failed_logins_count_across_instances() {
    let (_database, a, b) = two_instances("throttle");
    let browser = Browser::new();
    // Five attempts a username may make, alternating between the instances.
    for attempt in 0..5 {
        let instance = if attempt % 2 == 0 { &a } else { &b };
        assert_eq!(
            browser.log_in(instance, "lasare", "fel lösenord").await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }
    // The sixth is refused on either, even with the right password.
    assert_eq!(
        browser.log_in(&b, "lasare", "demo").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        browser.log_in(&a, "lasare", "demo").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another user is not held up.
    assert_eq!(
        browser.log_in(&a, "ledamot", "demo").await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn decisions_recorded_on_both_at_once_are_numbered_without_a_gap() {
    let (database, a, b) = two_instances("numbers");
    let (a, b) = (Arc::new(a), Arc::new(b));
    let browser = Browser::new();
    assert_eq!(
        browser.log_in(&a, "utvecklingschef", "demo").await,
        StatusCode::SEE_OTHER
    );
    let token = browser.token(&a).await;
    let today = chrono::Local::now().date_naive();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let instance = Arc::clone(if i % 2 == 0 { &a } else { &b });
            let (browser, token) = (browser.clone(), token.clone());
            tokio::spawn(async move {
                let text = format!("Delegationsbeslut {i}, på två instanser samtidigt.");
                browser
                    .post_with(
                        &instance,
                        "/decisions",
                        &[
                            ("text", &text),
                            ("kind", "economic"),
                            ("decided_on", &today.to_string()),
                            ("decided_by", "utvecklingschef"),
                        ],
                        &token,
                    )
                    .await
                    .status
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("the task ran"), StatusCode::SEE_OTHER);
    }
    let db = Db::open(&database.url()).expect("the database opens");
    let mut conn = db.conn().expect("a connection");
    let numbers: Vec<i32> = decisions::table
        .filter(decisions::body.eq("development_manager"))
        .filter(decisions::year.eq(today.year()))
        .order(decisions::number)
        .select(decisions::number)
        .load(&mut conn)
        .expect("the numbers");
    let parallel: i64 = decisions::table
        .filter(decisions::text.like("Delegationsbeslut %, på två instanser samtidigt."))
        .count()
        .get_result(&mut conn)
        .expect("counted");
    assert_eq!(parallel, 40);
    let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
    assert_eq!(numbers, expected, "1, 2, 3, … without a gap or a repeat");
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn a_draft_saved_stale_on_one_instance_gets_the_conflict_page() {
    let (database, a, b) = two_instances("conflict");
    let project = {
        let db = Db::open(&database.url()).expect("the database opens");
        let mut conn = db.conn().expect("a connection");
        styr::db::projects::id_by_code(&mut conn, "DIG-2026-007")
            .expect("the query runs")
            .expect("the demo project")
    };
    let first = Browser::new();
    let second = Browser::new();
    for browser in [&first, &second] {
        assert_eq!(
            browser.log_in(&a, "utvecklingschef", "demo").await,
            StatusCode::SEE_OTHER
        );
    }
    let created = first
        .post(
            &a,
            &format!("/projects/{project}/directive"),
            &[("kind", "pre_study"), ("background", "Utgångsläget.")],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let edit = {
        let db = Db::open(&database.url()).expect("the database opens");
        let mut conn = db.conn().expect("a connection");
        let directive: i64 = styr::db::schema::directives::table
            .filter(styr::db::schema::directives::project_id.eq(project))
            .order(styr::db::schema::directives::id.desc())
            .select(styr::db::schema::directives::id)
            .first(&mut conn)
            .expect("the new draft");
        format!("/projects/{project}/directive/{directive}/edit")
    };
    // Both open the form; the first saves on one instance, the second then on the other.
    let lock = first
        .get(&a, &edit)
        .await
        .attr("input[name=lock_version]", "value")
        .expect("the form's version");
    let saved = first
        .post(
            &a,
            &edit,
            &[("background", "Först."), ("lock_version", &lock)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stale = second
        .post(
            &b,
            &edit,
            &[("background", "Sedan."), ("lock_version", &lock)],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("Någon annan har sparat under tiden"));
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn sigterm_lets_a_request_in_flight_finish_then_styr_stops() {
    use std::io::{Read, Write};
    let database = Database::create("sigterm");
    let instance = Instance::start(&database.url(), true);
    // A request in flight: its headers sent, half of its body still to come.
    let host = instance.address.trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(&host).expect("connected");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    // First a whole request on the same connection, answered: from then on the connection is
    // a worker's, not one still waiting to be handed to a worker (those are dropped at once).
    write!(stream, "GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n").expect("sent");
    let mut reader = std::io::BufReader::new(stream.try_clone().expect("a second handle"));
    let mut head = String::new();
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut reader, &mut line).expect("a header line");
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut ok = [0u8; 2];
    reader.read_exact(&mut ok).expect("the body");
    assert_eq!(&ok, b"ok");
    let body = "username=lasare&password=demo&csrf_token=none";
    let (first, rest) = body.split_at(20);
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{first}",
        body.len()
    )
    .expect("the first half sent");
    stream.flush().expect("sent");
    std::thread::sleep(Duration::from_millis(300));
    let pid = instance.child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(sent.is_ok_and(|s| s.success()), "SIGTERM sent");
    std::thread::sleep(Duration::from_millis(500));
    // New connections are no longer answered…
    assert_eq!(status_of(&format!("{}/healthz", instance.address)), None);
    // …but the request in flight is answered, seconds later (actix ends a worker whose
    // connections outlast the shutdown timeout, checking each second): a CSRF refusal, as for
    // any form without a session.
    std::thread::sleep(Duration::from_millis(2500));
    stream.write_all(rest.as_bytes()).expect("the rest sent");
    let mut answer = String::new();
    reader.read_to_string(&mut answer).expect("an answer");
    let status = instance.terminate_wait();
    assert!(
        answer.starts_with("HTTP/1.1 403"),
        "{answer:?}, then {status}"
    );
    assert!(status.success(), "{status}");
}

/// PostgreSQL's own programs, newest first: `/usr/lib/postgresql/N/bin/name`, else the PATH's.
fn pg_program(name: &str) -> std::path::PathBuf {
    let mut versions: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin").join(name))
        .filter(|path| path.is_file())
        .collect();
    versions.sort();
    versions.pop().unwrap_or_else(|| name.into())
}

/// Every table of the database with its rows in order, as text: what a restore must give back.
fn every_record(url: &str) -> Vec<(String, i64, String)> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    #[derive(QueryableByName)]
    struct Rows {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        count: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        digest: String,
    }
    let mut conn = PgConnection::establish(url).expect("the database answers");
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .load(&mut conn)
    .expect("the tables");
    tables
        .into_iter()
        .map(|table| {
            let rows: Rows = diesel::sql_query(format!(
                "SELECT COUNT(*) AS count, \
                 COALESCE(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest \
                 FROM {} t",
                table.name
            ))
            .get_result(&mut conn)
            .expect("the rows");
            (table.name, rows.count, rows.digest)
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs PostgreSQL: tests/run-all.sh runs it with STYR_TEST_POSTGRES"]
async fn a_pg_dump_restores_into_a_new_database_with_every_record() {
    let source = Database::create("dump");
    let instance = Instance::start(&source.url(), true);
    // A write after the demo, so that the dump is of a database in use.
    let browser = Browser::new();
    assert_eq!(
        browser.log_in(&instance, "utvecklingschef", "demo").await,
        StatusCode::SEE_OTHER
    );
    let today = chrono::Local::now().date_naive().to_string();
    let recorded = browser
        .post(
            &instance,
            "/decisions",
            &[
                ("text", "Beslut före säkerhetskopian."),
                ("kind", "economic"),
                ("decided_on", &today),
                ("decided_by", "utvecklingschef"),
            ],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let dump = dir.path().join("styr.dump");
    let dumped = Command::new(pg_program("pg_dump"))
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(source.url())
        .status()
        .expect("pg_dump runs");
    assert!(dumped.success(), "pg_dump: {dumped}");

    let target = Database::create("restore");
    let restored = Command::new(pg_program("pg_restore"))
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(target.url())
        .arg(&dump)
        .status()
        .expect("pg_restore runs");
    assert!(restored.success(), "pg_restore: {restored}");

    let before = every_record(&source.url());
    let after = every_record(&target.url());
    assert!(before.len() > 30, "{} tables", before.len());
    for table in [
        "decisions",
        "meetings",
        "status_reports",
        "audit_log",
        "users",
    ] {
        let rows = before.iter().find(|(name, ..)| name == table).map(|t| t.1);
        assert!(rows.is_some_and(|n| n > 0), "{table} has records");
    }
    assert_eq!(before, after, "every table, every row");

    // Styr serves the restored database, and it finds the decision recorded before the dump and
    // numbers the next one after it.
    drop(instance);
    let restored = Instance::start(&target.url(), false);
    let log = browser
        .get(&restored, "/decisions?q=s%C3%A4kerhetskopian")
        .await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("Beslut före säkerhetskopian."));
    let next = browser
        .post(
            &restored,
            "/decisions",
            &[
                ("text", "Beslut efter återläsningen."),
                ("kind", "economic"),
                ("decided_on", &today),
                ("decided_by", "utvecklingschef"),
            ],
        )
        .await;
    assert_eq!(next.status, StatusCode::SEE_OTHER, "{}", next.body);
}

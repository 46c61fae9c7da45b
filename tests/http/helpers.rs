//! Starting the app for a test, and a client that keeps cookies and reads pages.

use std::net::TcpListener;
use std::sync::{Arc, Mutex, Once};

use actix_web::cookie::Key;
use reqwest::StatusCode;
use reqwest::cookie::Jar;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use styr::db::Db;
use styr::web::{AppState, SessionSettings};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = styr::db::demo::DEMO_PASSWORD;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The client's cookies, for requests made by hand.
    pub cookies: Arc<Jar>,
    /// The app's database, for checking what was (not) saved.
    pub db: Db,
    _database: TestDatabase,
}

/// The app with the demo portfolio, on a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn(true).await
}

/// The app on an empty database, as a first start without `--demo` leaves it.
pub async fn spawn_empty_app(admin_password: &str) -> TestApp {
    spawn_with(false, Some(admin_password)).await
}

async fn spawn(demo: bool) -> TestApp {
    spawn_with(demo, None).await
}

async fn spawn_with(demo: bool, admin_password: Option<&str>) -> TestApp {
    capture_log();
    let (database, db) = TestDatabase::create(demo, admin_password);
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("an address").port()
    );
    let session = SessionSettings {
        key: Key::generate(),
        secure: false,
    };
    let state = actix_web::web::Data::new(AppState::new(db.clone()));
    let server = styr::server::build_server(listener, state, session).expect("the server builds");
    tokio::spawn(server);
    let (client, cookies) = new_client();
    TestApp {
        address,
        client,
        cookies,
        db,
        _database: database,
    }
}

/// The environment variable that runs the tests on PostgreSQL: the URL of a server's `postgres`
/// database, on which each test gets a database of its own (`tests/run-all.sh` starts a
/// throwaway server and sets it). Without it, each test has a SQLite file of its own.
pub const POSTGRES_VARIABLE: &str = "STYR_TEST_POSTGRES";

/// A test's own database, removed when the test ends.
pub enum TestDatabase {
    Sqlite { _dir: tempfile::TempDir },
    Postgres { server: String, name: String },
}

impl TestDatabase {
    /// A fresh database, migrated and prepared as `styr serve` prepares it (with the demo, or
    /// with a first administrator).
    pub fn create(demo: bool, admin_password: Option<&str>) -> (TestDatabase, Db) {
        match std::env::var(POSTGRES_VARIABLE) {
            Ok(server) => {
                let (name, url) = postgres::fresh_database(&server, demo);
                let db = Db::open(&url).expect("the database opens");
                if !demo {
                    styr::server::prepare_database(&db, false, admin_password)
                        .expect("the database is prepared");
                }
                (TestDatabase::Postgres { server, name }, db)
            }
            Err(_) => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let path = dir.path().join("styr.db");
                let db =
                    Db::open(path.to_str().expect("a UTF-8 path")).expect("the database opens");
                styr::server::prepare_database(&db, demo, admin_password)
                    .expect("the database is prepared");
                (TestDatabase::Sqlite { _dir: dir }, db)
            }
        }
    }

    /// Whether the tests run on PostgreSQL.
    pub fn on_postgres() -> bool {
        std::env::var_os(POSTGRES_VARIABLE).is_some()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { server, name } = self {
            postgres::drop_database(server, name);
        }
    }
}

#[path = "../support/postgres.rs"]
mod support;

/// The tests' databases on PostgreSQL: each a copy of a template that was migrated (and given the
/// demo) once per run, since a copy takes milliseconds and the demo takes seconds to insert.
mod postgres {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};

    use styr::db::Db;

    pub use super::support::{drop_database, execute, url_of};

    static TEMPLATES: Mutex<Option<HashMap<bool, String>>> = Mutex::new(None);
    static NEXT: AtomicU64 = AtomicU64::new(0);

    /// A new database copied from the template for `demo`, made first if this is the run's first.
    pub fn fresh_database(server: &str, demo: bool) -> (String, String) {
        let template = {
            let mut templates = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
            let templates = templates.get_or_insert_with(HashMap::new);
            templates
                .entry(demo)
                .or_insert_with(|| make_template(server, demo))
                .clone()
        };
        let name = format!(
            "styr_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        execute(
            server,
            &format!("CREATE DATABASE {name} TEMPLATE {template}"),
        );
        let url = url_of(server, &name);
        (name, url)
    }

    fn make_template(server: &str, demo: bool) -> String {
        let name = format!(
            "styr_template_{}_{}",
            std::process::id(),
            if demo { "demo" } else { "empty" }
        );
        execute(server, &format!("DROP DATABASE IF EXISTS {name}"));
        execute(server, &format!("CREATE DATABASE {name}"));
        let db = Db::open(&url_of(server, &name)).expect("the template opens");
        if demo {
            styr::server::prepare_database(&db, true, None).expect("the demo is added");
        } else {
            db.migrate().expect("the template is migrated");
        }
        // The template's connections close with its pool; a copy waits for them.
        drop(db);
        name
    }
}

pub fn new_client() -> (reqwest::Client, Arc<Jar>) {
    let cookies = Arc::new(Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(Arc::clone(&cookies))
        .redirect(Policy::none())
        // The app closes the connection after refusing a post whose body it did not read; a
        // pooled connection would then fail the next request.
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client");
    (client, cookies)
}

/// Today, where the server runs, as a form's date field takes it.
pub fn today() -> String {
    styr::web::today().to_string()
}

/// Everything the apps of this test binary logged, as the server writes it to standard error.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOG.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends the log of every app in this binary to [`captured_log`], formatted as `styr` formats it.
fn capture_log() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
            .with_ansi(false)
            .with_writer(|| LogWriter)
            .try_init();
    });
}

/// What the apps of this test binary have logged so far.
pub fn captured_log() -> String {
    String::from_utf8_lossy(
        &LOG.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
    .into_owned()
}

/// A page as a response: status, where it redirects, and its parsed HTML.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub html: Html,
}

impl Page {
    pub async fn from(response: reqwest::Response) -> Page {
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.expect("a body");
        let html = Html::parse_document(&body);
        Page {
            status,
            location,
            body,
            html,
        }
    }

    /// The text of every element matching `selector`, trimmed, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first element matching `selector`.
    pub fn text(&self, selector: &str) -> Option<String> {
        self.texts(selector).into_iter().next()
    }

    /// The value of an attribute of the first element matching `selector`.
    pub fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html
            .select(&selector)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_owned)
    }

    /// The value of an attribute of every element matching `selector`.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html
            .select(&selector)
            .filter_map(|e| e.value().attr(attr))
            .map(str::to_owned)
            .collect()
    }

    /// The message shown beside the field `name`, if any.
    pub fn field_error(&self, name: &str) -> Option<String> {
        self.text(&format!("#{name}-error"))
    }

    /// The value an input shows.
    pub fn input_value(&self, name: &str) -> Option<String> {
        self.attr(&format!("[name=\"{name}\"]"), "value")
    }

    /// The page's `<h1>`.
    pub fn h1(&self) -> String {
        self.text("h1").unwrap_or_default()
    }

    pub fn lang(&self) -> Option<String> {
        self.attr("html", "lang")
    }

    pub fn csrf_token(&self) -> Option<String> {
        self.attr("input[name=csrf_token]", "value")
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("GET answered");
        Page::from(response).await
    }

    pub async fn get_with_header(&self, path: &str, name: &str, value: &str) -> Page {
        let response = self
            .client
            .get(self.url(path))
            .header(name, value)
            .send()
            .await
            .expect("GET answered");
        Page::from(response).await
    }

    /// The session's CSRF token, read from a page that every visitor can open.
    pub async fn csrf_token(&self) -> String {
        let page = self.get("/accessibility").await;
        let page = if page.status == StatusCode::SEE_OTHER {
            self.get(page.location.as_deref().unwrap_or("/login")).await
        } else {
            page
        };
        page.csrf_token().expect("the page has a CSRF token")
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf_token().await;
        self.post_with_token(path, fields, Some(&token)).await
    }

    /// Posts a form with the given token, or none.
    pub async fn post_with_token(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        token: Option<&str>,
    ) -> Page {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if let Some(token) = token {
            form.push(("csrf_token", token));
        }
        let response = self
            .client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .expect("POST answered");
        Page::from(response).await
    }

    /// Logs in with a password; returns the login response.
    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.post("/login", &[("username", username), ("password", password)])
            .await
    }

    /// Logs in as a demo user and checks that it worked.
    pub async fn login_as(&self, username: &str) {
        let page = self.login(username, DEMO_PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "login as {username}: {}",
            page.body
        );
        assert_eq!(page.location.as_deref(), Some("/projects"));
    }

    /// The `Cookie` header the client would send, for requests made by hand.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.cookies
            .cookies(&self.address.parse().expect("a URL"))
            .and_then(|v| v.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Logs out and forgets the cookies, as a new browser.
    pub async fn fresh_client(&mut self) {
        (self.client, self.cookies) = new_client();
    }

    pub async fn logout(&self) {
        let page = self.post("/logout", &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }

    /// Work on the database, for checking what a request saved.
    pub fn with_db<T>(&self, work: impl FnOnce(&mut styr::db::DbConnection) -> T) -> T {
        let mut conn = self.db.conn().expect("a connection");
        work(&mut conn)
    }

    /// Drops `tables` and whatever refers to them, as a lost or broken database would.
    pub fn drop_tables(&self, tables: &[&str]) {
        use diesel::connection::SimpleConnection;
        let sql = if TestDatabase::on_postgres() {
            format!("DROP TABLE {} CASCADE", tables.join(", "))
        } else {
            let drops: Vec<String> = tables.iter().map(|t| format!("DROP TABLE {t};")).collect();
            format!("PRAGMA foreign_keys = OFF; {}", drops.join(" "))
        };
        self.with_db(|conn| conn.batch_execute(&sql).expect("the tables are dropped"));
    }

    /// The id of the demo project with `code`.
    pub fn project_id(&self, code: &str) -> i64 {
        self.with_db(|conn| {
            styr::db::projects::register(conn, &Default::default())
                .expect("the register loads")
                .into_iter()
                .find(|p| p.project.code == code)
                .map(|p| p.project.id)
                .expect("the demo project exists")
        })
    }

    /// The phase a project is in, as stored.
    pub fn phase_of(&self, id: i64) -> String {
        self.with_db(|conn| {
            styr::db::projects::row(conn, id)
                .expect("the query runs")
                .expect("the project exists")
                .phase
        })
    }

    /// The id of the user `username`.
    pub fn user_id(&self, username: &str) -> i64 {
        self.with_db(|conn| {
            styr::db::users::find_by_username(conn, username)
                .expect("the query runs")
                .expect("the user exists")
                .id
        })
    }
}

/// A browser of its own, logged in: its own cookies and CSRF token, for a test with several people
/// at once.
pub struct Browser {
    client: reqwest::Client,
    token: String,
    address: String,
}

impl Browser {
    /// A new browser, logged in as `username` with the demo password.
    pub async fn log_in(app: &TestApp, username: &str) -> Browser {
        Browser::log_in_with(app, username, DEMO_PASSWORD).await
    }

    /// A new browser, logged in as `username` with `password`.
    pub async fn log_in_with(app: &TestApp, username: &str, password: &str) -> Browser {
        let (client, _) = new_client();
        let mut browser = Browser {
            client,
            token: String::new(),
            address: app.address.clone(),
        };
        browser.token = browser.fresh_token().await;
        let page = browser
            .post("/login", &[("username", username), ("password", password)])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{username} logs in");
        browser.token = browser.fresh_token().await;
        browser
    }

    async fn fresh_token(&self) -> String {
        self.get("/accessibility")
            .await
            .csrf_token()
            .expect("a CSRF token")
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET answered");
        Page::from(response).await
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut form = fields.to_vec();
        form.push(("csrf_token", &self.token));
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .form(&form)
            .send()
            .await
            .expect("POST answered");
        Page::from(response).await
    }
}

//! HTTP: the app's routes and middleware. Handlers are thin: they parse the input, ask the
//! policy, call `db` and render a view.

pub mod account;
pub mod action_items;
pub mod admin;
pub mod auth;
pub mod closing;
pub mod context;
pub mod decisions;
pub mod directives;
pub mod documents;
pub mod escalations;
pub mod follow_up;
pub mod forms;
pub mod governance;
pub mod meetings;
pub mod pages;
pub mod plans;
pub mod portfolio;
pub mod project_access;
pub mod project_page;
pub mod projects;
pub mod reports;
pub mod rollups;

use std::time::Instant;

use actix_session::SessionMiddleware;
use actix_session::config::CookieContentSecurity;
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers};
use actix_web::web;

use crate::auth::throttle::Throttle;
use crate::db::Db;

/// What every handler shares.
pub struct AppState {
    pub db: Db,
    pub throttle: Throttle,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Every active project's status, kept per generation of the data.
    pub statuses: std::sync::Arc<crate::db::statuses::StatusCache>,
    /// The requests being answered now, which a shutdown waits for (`server::stop_on_signal`).
    pub in_flight: InFlight,
}

/// How many requests are being answered: counted from when a request's head has arrived until
/// its answer is made, so that a shutdown can wait for them.
#[derive(Clone, Default)]
pub struct InFlight(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl InFlight {
    /// Counts a request until the guard is dropped.
    pub fn enter(&self) -> InFlightGuard {
        self.0.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        InFlightGuard(self.clone())
    }

    pub fn count(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }
}

/// One request counted in [`InFlight`].
pub struct InFlightGuard(InFlight);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        (self.0).0.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            throttle: Throttle::new(),
            trusted_proxies: Vec::new(),
            statuses: std::sync::Arc::default(),
            in_flight: InFlight::default(),
        }
    }

    /// The same, trusting `proxies` to name the client.
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> AppState {
        self.trusted_proxies = proxies;
        self
    }

    /// Every active project's status for `reach` on `today`: kept from an earlier request when
    /// nothing was written since on any instance (the data's generation, read first), else read
    /// (`db::statuses`).
    pub async fn statuses(
        &self,
        today: chrono::NaiveDate,
        reach: crate::db::statuses::Reach,
    ) -> Result<std::sync::Arc<crate::db::statuses::Statuses>, crate::error::AppError> {
        let cache = std::sync::Arc::clone(&self.statuses);
        self.db
            .run(move |conn| {
                let generation = crate::db::data_generation(conn)?;
                Ok(crate::db::statuses::cached_statuses(
                    conn, &cache, generation, today, reach,
                )?)
            })
            .await
    }
}

/// How the session cookie is made.
#[derive(Clone)]
pub struct SessionSettings {
    pub key: Key,
    pub secure: bool,
}

pub const SESSION_COOKIE: &str = "styr_session";

/// An id from a request's path. One that is no number names nothing, so it is a 404 like an
/// unknown id.
pub fn path_id(raw: &str) -> Result<i64, crate::error::AppError> {
    raw.parse().map_err(|_| crate::error::AppError::NotFound)
}

/// Today, where the server runs: the default and the latest date of a decision.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Registers the routes; used by the server and the tests alike.
pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::routes(cfg);
    auth::routes(cfg);
    projects::routes(cfg);
    project_page::routes(cfg);
    governance::routes(cfg);
    closing::routes(cfg);
    directives::routes(cfg);
    plans::routes(cfg);
    reports::routes(cfg);
    portfolio::routes(cfg);
    rollups::routes(cfg);
    admin::routes(cfg);
    account::routes(cfg);
    escalations::routes(cfg);
    action_items::routes(cfg);
    follow_up::routes(cfg);
    decisions::routes(cfg);
    meetings::routes(cfg);
}

/// Builds the whole app with its middleware.
pub fn app(
    state: web::Data<AppState>,
    session: SessionSettings,
) -> actix_web::App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let session_middleware = SessionMiddleware::builder(CookieSessionStore::default(), session.key)
        .cookie_name(SESSION_COOKIE.to_owned())
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_secure(session.secure)
        .cookie_content_security(CookieContentSecurity::Private)
        .build();
    let in_flight = state.in_flight.clone();
    actix_web::App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::new(forms::FORM_LIMIT))
        .configure(configure)
        .default_service(web::to(pages::not_found))
        // Inner to the session middleware, so error pages can read and write the session.
        .wrap(ErrorHandlers::new().default_handler(pages::render_error_page))
        .wrap(session_middleware)
        .wrap(Compress::default())
        .wrap(
            DefaultHeaders::new()
                .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .add((header::X_FRAME_OPTIONS, "DENY"))
                .add((header::REFERRER_POLICY, "same-origin"))
                .add((
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'",
                )),
        )
        .wrap_fn(move |mut req, srv| {
            // One line per request. The query string is left out: it may hold search terms, and
            // the path is logged escaped (`?`), so no request can write a line of its own.
            let counted = in_flight.enter();
            let started = Instant::now();
            let method = req.method().clone();
            let path = req.path().to_owned();
            // HEAD is answered wherever GET is: the route runs as GET, and the server sends the
            // headers without the body (actix-http leaves the body out of every HEAD answer).
            if method == Method::HEAD {
                req.head_mut().method = Method::GET;
            }
            if let Some(cleaned) = forms::clean_query(req.query_string()) {
                let uri = format!("{}?{cleaned}", req.path());
                if let Ok(uri) = uri.parse::<actix_web::http::Uri>() {
                    req.match_info_mut().get_mut().update(&uri);
                    req.head_mut().uri = uri;
                }
            }
            let response = srv.call(req);
            async move {
                let _counted = counted;
                let mut response = response.await?;
                // Pages behind the login must not be kept by the browser or a proxy: after a
                // logout, the back button of a shared computer shows nothing. Static files say
                // for themselves how long they may be kept.
                let headers = response.headers_mut();
                if !headers.contains_key(header::CACHE_CONTROL) {
                    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                }
                tracing::info!(
                    %method,
                    ?path,
                    status = response.status().as_u16(),
                    duration_ms = started.elapsed().as_secs_f64() * 1000.0,
                    "request"
                );
                Ok(response)
            }
        })
}

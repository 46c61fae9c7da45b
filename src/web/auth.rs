//! Logging in and out, and choosing a language.

use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use crate::auth::session::TypedSession;
use crate::auth::throttle::loggable_username;
use crate::auth::{address, csrf, password};
use crate::db::{self, login_sessions, settings, throttle, users};
use crate::domain::lang::Lang;
use crate::domain::user::{PASSWORD_MAX_CHARS, USERNAME_MAX};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::pages;
use crate::web::AppState;
use crate::web::context::{Ctx, Visitor};
use crate::web::forms::{CsrfForm, Empty, invalid, local_path};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_page))
        .route("/login", web::post().to(login))
        .route("/logout", web::post().to(logout))
        .route("/language", web::post().to(language));
}

async fn login_page(Visitor(ctx): Visitor) -> Result<HttpResponse, AppError> {
    if ctx.user.is_some() {
        return Ok(see_other("/projects"));
    }
    Ok(html(pages::login(&ctx, "", &FieldErrors::new())))
}

fn html(page: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
}

/// The address a request came from, for throttling: behind a trusted reverse proxy, the one it
/// forwarded for (`auth::address`).
fn client_address(req: &HttpRequest, state: &AppState) -> String {
    let forwarded_for = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    address::client_address(
        req.peer_addr().map(|addr| addr.ip()),
        forwarded_for,
        &state.trusted_proxies,
    )
}

enum LoginOutcome {
    LoggedIn { user_id: i64, generation: i64 },
    Refused,
}

async fn login(
    req: HttpRequest,
    Visitor(ctx): Visitor,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let username = form.username.trim().to_lowercase();
    let mut errors = FieldErrors::new();
    if username.is_empty() {
        errors.add("username", "error-required");
    }
    if form.password.is_empty() {
        errors.add("password", "error-required");
    }
    if !errors.is_empty() {
        return Ok(invalid(pages::login(&ctx, &form.username, &errors)));
    }
    let address = client_address(&req, &state);
    let admitted = {
        let (username, address) = (username.clone(), address.clone());
        state
            .db
            .write(move |conn| {
                Ok(throttle::attempt_login(
                    conn,
                    &username,
                    &address,
                    db::now(),
                )?)
            })
            .await?
    };
    if !admitted {
        tracing::warn!(username = ?loggable_username(&username), %address, "login throttled");
        return Err(AppError::TooManyRequests);
    }
    // No account has a longer name or password; hashing a long one would only cost time.
    if username.chars().count() > USERNAME_MAX || form.password.chars().count() > PASSWORD_MAX_CHARS
    {
        errors.add("password", "login-failed");
        return Ok(invalid(pages::login(&ctx, &form.username, &errors)));
    }
    let password = form.password;
    let outcome = state
        .db
        .run(move |conn| {
            let user = users::find_by_username(conn, &username)?;
            Ok(match user {
                Some(user) if password::verify(&password, &user.password_hash) && user.active => {
                    LoginOutcome::LoggedIn {
                        user_id: user.id,
                        generation: user.session_generation,
                    }
                }
                Some(_) => LoginOutcome::Refused,
                None => {
                    password::verify_dummy(&password);
                    LoginOutcome::Refused
                }
            })
        })
        .await?;
    match outcome {
        LoginOutcome::LoggedIn {
            user_id,
            generation,
        } => {
            let token = csrf::new_token();
            let stored = token.clone();
            state
                .db
                .write(move |conn| {
                    let lifetimes = settings::session_lifetimes(conn)?;
                    login_sessions::start(conn, &stored, user_id, &lifetimes, db::now())?;
                    Ok(())
                })
                .await?;
            TypedSession::of(&req).log_in(user_id, generation, &token);
            Ok(see_other("/projects"))
        }
        LoginOutcome::Refused => {
            errors.add("password", "login-failed");
            Ok(invalid(pages::login(&ctx, &form.username, &errors)))
        }
    }
}

/// Ends the login on the server, so that a copy of the cookie is worthless, then in the browser.
async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let session = TypedSession::of(&req);
    if let Some(token) = session.login_token() {
        state
            .db
            .write(move |conn| Ok(login_sessions::end(conn, &token)?))
            .await?;
    }
    session.log_out();
    Ok(see_other("/login"))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    lang: String,
    next: String,
}

/// Switches the language: kept on the account when logged in, in the session otherwise.
async fn language(
    req: HttpRequest,
    Visitor(ctx): Visitor,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.lang).ok_or(AppError::BadRequest)?;
    TypedSession::of(&req).set_lang(lang);
    save_user_language(&ctx, &state, lang).await?;
    Ok(see_other(local_path(&form.next)))
}

pub async fn save_user_language(ctx: &Ctx, state: &AppState, lang: Lang) -> Result<(), AppError> {
    if let Some(user) = &ctx.user {
        let id = user.id;
        state
            .db
            .write(move |conn| {
                let before = users::snapshot(conn, id)?;
                users::set_language(conn, id, lang)?;
                users::audit_change(conn, id, id, before.as_ref())?;
                Ok(())
            })
            .await?;
    }
    Ok(())
}

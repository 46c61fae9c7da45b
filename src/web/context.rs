//! Who is asking and in which language: the request context every page is rendered with, and the
//! extractors that build it.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use fluent_bundle::FluentValue;

use crate::auth::session::TypedSession;
use crate::db::{self, login_sessions, settings, users};
use crate::domain::lang::Lang;
use crate::domain::policy::{self, Action};
use crate::domain::role::Role;
use crate::domain::session::{SessionLifetimes, needs_touch};
use crate::error::AppError;
use crate::i18n;
use crate::web::AppState;

/// The logged-in user.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn may(&self, action: Action) -> bool {
        policy::allows(self.role, action)
    }

    /// `Ok` when the role allows `action`, `Forbidden` otherwise.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.may(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// What a page needs to know about the request it answers.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf_token: String,
    /// The path and query of the request, for the language switch to come back to.
    pub here: String,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, FluentValue)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    pub fn sek(&self, amount: i64) -> String {
        i18n::format_sek(self.lang, amount)
    }

    pub fn may(&self, action: Action) -> bool {
        self.user.as_ref().is_some_and(|u| u.may(action))
    }
}

fn here(req: &HttpRequest) -> String {
    match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    }
}

/// The language of a visitor who is not logged in, or whose account has no choice yet: the one
/// chosen in this session, or else the one the browser prefers.
pub fn visitor_lang(req: &HttpRequest, session: &TypedSession) -> Lang {
    session.lang().unwrap_or_else(|| {
        req.headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    })
}

/// The context of a visitor who is not (known to be) logged in. Used by error pages.
pub fn anonymous_ctx(req: &HttpRequest) -> Ctx {
    let session = TypedSession::of(req);
    Ctx {
        lang: visitor_lang(req, &session),
        user: None,
        csrf_token: session.csrf_token(),
        here: here(req),
    }
}

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("the app state is not registered"))
}

/// Pages a user who must change their password may still reach. The accessibility statement is
/// among them: it is public by law, and the footer of the password page links to it.
const ALLOWED_BEFORE_PASSWORD_CHANGE: &[&str] = &[
    "/account/password",
    "/logout",
    "/language",
    "/accessibility",
];

/// What the database says about the login a session cookie names.
struct Login {
    token: String,
    row: Option<login_sessions::LoginSessionRow>,
    user: Option<users::UserRow>,
    lifetimes: SessionLifetimes,
}

/// The user of the session's login, if the login still holds: it exists on the server (logging
/// out deletes it), belongs to this user, is neither idle nor open too long, and the user is active
/// and has not changed password or access since. A login that has run out is deleted.
async fn logged_in_user(
    state: &AppState,
    session: &TypedSession,
    user_id: i64,
    generation: i64,
) -> Result<Option<users::UserRow>, AppError> {
    let Some(token) = session.login_token() else {
        return Ok(None);
    };
    let login = state
        .db
        .run(move |conn| {
            Ok(Login {
                row: login_sessions::find(conn, &token)?,
                user: users::find(conn, user_id)?,
                lifetimes: settings::session_lifetimes(conn)?,
                token,
            })
        })
        .await?;
    let (Some(row), Some(user)) = (login.row, login.user) else {
        return Ok(None);
    };
    if row.user_id != user.id || !user.active || user.session_generation != generation {
        return Ok(None);
    }
    let now = db::now();
    let token = login.token;
    if login
        .lifetimes
        .check(row.created_at, row.last_seen_at, now)
        .is_err()
    {
        state
            .db
            .write(move |conn| Ok(login_sessions::end(conn, &token)?))
            .await?;
        return Ok(None);
    }
    if needs_touch(row.last_seen_at, now) {
        state
            .db
            .write(move |conn| Ok(login_sessions::touch(conn, &token, now)?))
            .await?;
    }
    Ok(Some(user))
}

/// Builds the context, with the user if the session holds a valid login.
async fn load_ctx(req: HttpRequest) -> Result<Ctx, AppError> {
    let session = TypedSession::of(&req);
    let mut user = None;
    let mut lang = None;
    if let Some((user_id, generation)) = session.user() {
        let state = state(&req)?;
        match logged_in_user(&state, &session, user_id, generation).await? {
            Some(row) => {
                if row.must_change_password && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(&req.path())
                {
                    return Err(AppError::PasswordChangeRequired);
                }
                lang = row.language();
                user = Some(CurrentUser {
                    id: row.id,
                    role: row.role(),
                    username: row.username,
                    display_name: row.display_name,
                });
            }
            // Logged out, run out, deactivated, or the password or access changed since this
            // session began.
            None => session.log_out(),
        }
    }
    let ctx = Ctx {
        lang: lang.unwrap_or_else(|| visitor_lang(&req, &session)),
        user,
        csrf_token: session.csrf_token(),
        here: here(&req),
    };
    req.extensions_mut().insert(ctx.clone());
    Ok(ctx)
}

type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, AppError>>>>;

/// Any visitor, logged in or not.
pub struct Visitor(pub Ctx);

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = Extracting<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { load_ctx(req).await.map(Visitor) })
    }
}

/// A logged-in user; anybody else is sent to the login page.
pub struct Auth {
    pub ctx: Ctx,
    pub user: CurrentUser,
}

impl FromRequest for Auth {
    type Error = AppError;
    type Future = Extracting<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let ctx = load_ctx(req).await?;
            let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
            Ok(Auth { ctx, user })
        })
    }
}

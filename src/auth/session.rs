//! What Styr keeps in the (signed, encrypted) session cookie, behind typed accessors.

use actix_session::{Session, SessionExt};
use actix_web::HttpRequest;

use crate::domain::lang::Lang;

const USER_ID: &str = "user_id";
const GENERATION: &str = "generation";
const CSRF: &str = "csrf";
const LANG: &str = "lang";
/// The token of the login's row in the database (`db::login_sessions`).
const LOGIN: &str = "login";

/// The session of one request.
pub struct TypedSession(Session);

impl TypedSession {
    pub fn of(req: &HttpRequest) -> TypedSession {
        TypedSession(req.get_session())
    }

    /// The logged-in user's id and the session generation it was issued under.
    pub fn user(&self) -> Option<(i64, i64)> {
        let id = self.0.get::<i64>(USER_ID).ok().flatten()?;
        let generation = self.0.get::<i64>(GENERATION).ok().flatten()?;
        Some((id, generation))
    }

    /// The token of the login this session belongs to.
    pub fn login_token(&self) -> Option<String> {
        self.0.get::<String>(LOGIN).ok().flatten()
    }

    /// Logs a user in under the login `token`: a new session id (against session fixation) and a
    /// new CSRF token.
    pub fn log_in(&self, user_id: i64, generation: i64, token: &str) {
        let lang = self.lang();
        // `clear` and not `purge`: after a purge, actix-session ignores every insert.
        self.0.clear();
        self.0.renew();
        let _ = self.0.insert(USER_ID, user_id);
        let _ = self.0.insert(GENERATION, generation);
        let _ = self.0.insert(LOGIN, token);
        if let Some(lang) = lang {
            self.set_lang(lang);
        }
        self.new_csrf_token();
    }

    /// Keeps a logged-in user logged in after their own password change raised the generation.
    pub fn set_generation(&self, generation: i64) {
        let _ = self.0.insert(GENERATION, generation);
    }

    pub fn log_out(&self) {
        self.0.purge();
    }

    /// The session's CSRF token, made on first use.
    pub fn csrf_token(&self) -> String {
        match self.0.get::<String>(CSRF).ok().flatten() {
            Some(token) => token,
            None => self.new_csrf_token(),
        }
    }

    /// The token if the session has one; never makes one.
    pub fn existing_csrf_token(&self) -> Option<String> {
        self.0.get::<String>(CSRF).ok().flatten()
    }

    fn new_csrf_token(&self) -> String {
        let token = super::csrf::new_token();
        let _ = self.0.insert(CSRF, &token);
        token
    }

    /// The language chosen before logging in.
    pub fn lang(&self) -> Option<Lang> {
        self.0
            .get::<String>(LANG)
            .ok()
            .flatten()
            .and_then(|code| Lang::parse(&code))
    }

    pub fn set_lang(&self, lang: Lang) {
        let _ = self.0.insert(LANG, lang.code());
    }
}

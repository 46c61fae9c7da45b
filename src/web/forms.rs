//! Form posts: the CSRF check every state-changing request passes, and the 422 answer to bad input.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use maud::Markup;
use serde::de::DeserializeOwned;

use crate::auth::csrf;
use crate::auth::session::TypedSession;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::web::AppState;

/// The largest form body accepted; the longest field (a description) is 10 000 characters.
pub const FORM_LIMIT: usize = 256 * 1024;

/// How much of a body past [`FORM_LIMIT`] is read and thrown away, so that the 413 answer goes
/// back on a connection the browser can keep using. A larger body ends the connection.
const DRAIN_LIMIT: usize = 8 * 1024 * 1024;

/// A url-encoded form whose `csrf_token` matched the session's. A missing or wrong token is
/// refused with 403 before the handler runs, so nothing changes. Control characters other than
/// line breaks and tabs are taken out of every value: no form of Styr asks for one, and a NUL
/// would make two names that look the same.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct Token {
    #[serde(default)]
    csrf_token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let body = read_body(&req, payload).await?;
            let token: Token =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::Forbidden)?;
            let session = TypedSession::of(&req);
            if !csrf::matches(session.existing_csrf_token().as_deref(), &token.csrf_token) {
                return Err(AppError::Forbidden);
            }
            if let (Some((user_id, _)), Some(state)) =
                (session.user(), req.app_data::<web::Data<AppState>>())
            {
                if !state.throttle.post(user_id) {
                    return Err(AppError::TooManyRequests);
                }
            }
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
            let cleaned: Vec<(String, String)> = pairs
                .into_iter()
                .map(|(name, value)| (name, without_control_characters(value)))
                .collect();
            let encoded =
                serde_urlencoded::to_string(&cleaned).map_err(|_| AppError::BadRequest)?;
            let form = serde_urlencoded::from_str(&encoded).map_err(|_| AppError::BadRequest)?;
            Ok(CsrfForm(form))
        })
    }
}

/// The body of a form post, at most [`FORM_LIMIT`] bytes: 413 beyond that.
async fn read_body(req: &HttpRequest, mut payload: Payload) -> Result<web::Bytes, AppError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT) {
        return Err(AppError::PayloadTooLarge);
    }
    let mut body = web::BytesMut::new();
    let mut received = 0usize;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest)?;
        received = received.saturating_add(chunk.len());
        if received > DRAIN_LIMIT {
            return Err(AppError::PayloadTooLarge);
        }
        if received <= FORM_LIMIT {
            body.extend_from_slice(&chunk);
        }
    }
    if received > FORM_LIMIT {
        return Err(AppError::PayloadTooLarge);
    }
    Ok(body.freeze())
}

/// `value` without control characters, except the line breaks and tabs of a text area.
pub fn without_control_characters(value: String) -> String {
    if value
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
    {
        return value;
    }
    value
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// The query string `query` with control characters taken out of its values, as from a form's
/// (`without_control_characters`); `None` when it has none (or is no url-encoded query, which its
/// extractor then refuses). No query of Styr asks for one, and PostgreSQL refuses a NUL in text.
pub fn clean_query(query: &str) -> Option<String> {
    if !query.contains('%') {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    let has_control = |text: &str| text.chars().any(char::is_control);
    if !pairs
        .iter()
        .any(|(name, value)| has_control(name) || has_control(value))
    {
        return None;
    }
    let cleaned: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(name, value)| {
            let strip = |text: String| text.chars().filter(|c| !c.is_control()).collect::<String>();
            (strip(name), strip(value))
        })
        .collect();
    serde_urlencoded::to_string(cleaned).ok()
}

/// A form with nothing but its CSRF token: a button that does one thing.
#[derive(serde::Deserialize)]
pub struct Empty {}

/// `?saved=…` after a redirect: which notice the page shows.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

/// `?from=…&to=…` of a comparison of two versions.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CompareQuery {
    pub from: String,
    pub to: String,
}

impl CompareQuery {
    /// The two version ids chosen, or `None` when no choice was made; a half or malformed choice
    /// names no version: 404.
    pub fn chosen(&self) -> Result<Option<(i64, i64)>, AppError> {
        if self.from.is_empty() && self.to.is_empty() {
            return Ok(None);
        }
        Ok(Some((
            super::path_id(&self.from)?,
            super::path_id(&self.to)?,
        )))
    }
}

/// How a change that a form asked for ended, decided inside its transaction; every handler that
/// writes answers with one. `P` is what the page needs when it is shown again.
#[derive(Debug)]
pub enum Outcome<T, P> {
    /// Saved: what the answer (a redirect) needs.
    Saved(T),
    /// The input has errors: the page again with a message beside each field (422).
    Invalid(P, FieldErrors),
    /// A rule of the model refuses the change: the page again with the reason (422).
    Refused(P, &'static str),
    /// Someone changed it first: the page again with what is stored now beside what the user
    /// typed, or, when the version's status moved on, with the reason (409).
    Conflict(P, Option<&'static str>),
}

/// The page shown again with the user's input and the messages: status 422.
pub fn invalid(page: Markup) -> HttpResponse {
    HttpResponse::UnprocessableEntity()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// The form shown again because someone else saved first: status 409.
pub fn conflict(page: Markup) -> HttpResponse {
    HttpResponse::Conflict()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// Whether an HTML checkbox was ticked.
pub fn checked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.is_empty())
}

/// A path inside the app to go back to, never another site: a path as Styr's own pages write
/// it (visible ASCII, percent-encoded otherwise), not `//host` nor `/\\host`, which browsers
/// read as another site, and nothing a `Location` header cannot carry.
pub fn local_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !matches!(next.as_bytes().get(1), Some(b'/' | b'\\'))
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if local { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_taken_out_of_a_query() {
        assert_eq!(
            clean_query("project=%00%FF").as_deref(),
            Some("project=%EF%BF%BD")
        );
        assert_eq!(
            clean_query("q=a%00b&page=2").as_deref(),
            Some("q=ab&page=2")
        );
        assert_eq!(clean_query("q=%C3%A5r&page=2"), None);
        assert_eq!(clean_query("q=plain"), None);
        assert_eq!(clean_query(""), None);
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/projects?q=x"), "/projects?q=x");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path("/\t/evil.example"), "/");
        assert_eq!(local_path("/projects\r\nSet-Cookie: x=y"), "/");
        assert_eq!(local_path("/projects\0"), "/");
        assert_eq!(local_path("/ projects"), "/");
        assert_eq!(local_path(""), "/");
        assert_eq!(local_path("/"), "/");
        assert_eq!(local_path("/projects/3?q=%C3%A5"), "/projects/3?q=%C3%A5");
    }

    #[test]
    fn control_characters_are_taken_out_but_line_breaks_and_tabs_stay() {
        assert_eq!(
            without_control_characters("Social\u{0}nämnden".into()),
            "Socialnämnden"
        );
        assert_eq!(
            without_control_characters("a\u{7f}b\u{9b}c\u{1b}d".into()),
            "abcd"
        );
        assert_eq!(
            without_control_characters("rad 1\r\nrad\t2".into()),
            "rad 1\r\nrad\t2"
        );
    }
}

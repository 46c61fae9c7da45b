//! Form posts: the CSRF check every state-changing request passes, and the 422 answer to bad input.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::de::DeserializeOwned;

use crate::auth::csrf;
use crate::auth::session::TypedSession;
use crate::error::AppError;

/// The largest form body accepted; the longest field (a description) is 10 000 characters.
pub const FORM_LIMIT: usize = 256 * 1024;

/// A url-encoded form whose `csrf_token` matched the session's. A missing or wrong token is
/// refused with 403 before the handler runs, so nothing changes.
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
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|_| AppError::BadRequest)?;
            let token: Token =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::Forbidden)?;
            let expected = TypedSession::of(&req).existing_csrf_token();
            if !csrf::matches(expected.as_deref(), &token.csrf_token) {
                return Err(AppError::Forbidden);
            }
            let form = serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
            Ok(CsrfForm(form))
        })
    }
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

/// A path inside the app to go back to, never another site.
pub fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/projects?q=x"), "/projects?q=x");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
    }
}

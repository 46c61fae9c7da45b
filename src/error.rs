//! The application's one error type.
//!
//! Queries return `diesel::QueryResult`; handlers return `Result<_, AppError>`. An `AppError`
//! becomes a response with the right status; [`crate::web::pages::render_error_page`] then renders the page for it in
//! the user's language. Form validation errors are not `AppError`s: the handler renders the form
//! again itself with status 422.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The visitor is not logged in: send them to the login page.
    #[error("not logged in")]
    Unauthenticated,
    /// The user must set a new password before anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    /// Logged in, but not allowed (also a missing or wrong CSRF token).
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Too many failed logins.
    #[error("too many attempts")]
    TooManyRequests,
    /// A form body larger than any form of Styr makes.
    #[error("payload too large")]
    PayloadTooLarge,
    /// A malformed request that no form could produce.
    #[error("bad request")]
    BadRequest,
    /// Anything that is our fault; the cause goes to the log, never to the page.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(error: impl std::fmt::Display) -> AppError {
        AppError::Internal(error.to_string())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        match error {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

/// Marks a response whose body is to be replaced by the error page for its status.
#[derive(Debug, Clone, Copy)]
pub struct RenderErrorPage;

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::PasswordChangeRequired => StatusCode::SEE_OTHER,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Unauthenticated => see_other("/login"),
            AppError::PasswordChangeRequired => see_other("/account/password"),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                error_page(self.status_code())
            }
            _ => error_page(self.status_code()),
        }
    }
}

fn error_page(status: StatusCode) -> HttpResponse {
    let mut response = HttpResponse::new(status);
    response.extensions_mut().insert(RenderErrorPage);
    response
}

/// A redirect after a successful form post, or to the login page.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}

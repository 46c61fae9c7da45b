//! The table tests' vocabulary: what a user gets from a route, and how an answer is read. The
//! tables themselves are in `roles.rs` (every route, every governance route), `directives.rs` and
//! `plans.rs` (their versions in every status).

use reqwest::StatusCode;

use crate::helpers::Page;

/// What a role gets from a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Served: a GET answers 200; a POST of an empty form answers 422 (or 409 for a form whose only
    /// field, the project lead's description, may be empty) and changes nothing.
    Allowed,
    /// 403.
    Forbidden,
    /// Sent to the login page.
    Login,
}

pub const A: Expect = Expect::Allowed;
pub const F: Expect = Expect::Forbidden;
pub const L: Expect = Expect::Login;

/// What a response means, or a description of an answer no row expects.
pub fn outcome(method: &str, page: &Page) -> Result<Expect, String> {
    let allowed = match method {
        "GET" => page.status == StatusCode::OK,
        _ => [StatusCode::UNPROCESSABLE_ENTITY, StatusCode::CONFLICT].contains(&page.status),
    };
    classify(allowed, page)
}

/// What a response means, given whether it is the answer an allowed user gets.
pub fn classify(allowed: bool, page: &Page) -> Result<Expect, String> {
    if allowed {
        Ok(Expect::Allowed)
    } else if page.status == StatusCode::FORBIDDEN {
        Ok(Expect::Forbidden)
    } else if page.status == StatusCode::SEE_OTHER && page.location.as_deref() == Some("/login") {
        Ok(Expect::Login)
    } else {
        Err(format!(
            "{} {}",
            page.status.as_u16(),
            page.location.as_deref().unwrap_or("")
        ))
    }
}

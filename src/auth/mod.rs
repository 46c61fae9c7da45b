//! Authentication: password hashing, the session's contents, CSRF tokens and login throttling.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;

//! Authentication: password hashing, the session's contents, CSRF tokens, login throttling and
//! the client's address it counts by.

pub mod address;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;

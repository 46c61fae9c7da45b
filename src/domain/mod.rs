//! The governance model as pure code: names, phases, roles, permissions and the parsing of
//! everything a user types. Nothing here knows about HTTP or SQL, so every rule is tested on its own.

pub mod lang;
pub mod phase;
pub mod policy;
pub mod project;
pub mod role;
pub mod unit;
pub mod user;
pub mod validation;

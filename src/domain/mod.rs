//! The governance model as pure code: names, phases, roles, permissions and the parsing of
//! everything a user types. Nothing here knows about HTTP or SQL, so every rule is tested on its own.

pub mod action_item;
pub mod closing;
pub mod decision;
pub mod directive;
pub mod document;
pub mod follow_up;
pub mod lang;
pub mod meeting;
pub mod phase;
pub mod plan;
pub mod policy;
pub mod portfolio;
pub mod project;
pub mod report_workflow;
pub mod role;
pub mod session;
pub mod settings;
pub mod status_report;
pub mod steering;
pub mod unit;
pub mod user;
pub mod validation;

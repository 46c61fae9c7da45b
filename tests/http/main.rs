//! Integration tests: each test starts the whole app on a free port with a fresh SQLite database
//! and drives it over HTTP, as a browser would.

mod access;
mod account;
mod action_items;
mod admin;
mod auth;
mod builders;
mod concurrency;
mod demo_reports;
mod directives;
mod escalations;
mod follow_up;
mod governance;
mod hardening;
mod helpers;
mod lifecycle;
mod meetings;
mod meetings_rules;
mod plans;
mod portfolio;
mod projects;
mod reports;
mod roles;
mod rollups;
mod rules;
mod sessions;
mod start;
mod statements;

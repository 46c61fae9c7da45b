//! HTML, written with maud: one layout, small components, and one module per group of pages.
//! Views take already-loaded data and the request context; they never query or decide.

pub mod account;
pub mod action_items;
pub mod admin;
pub mod closing;
pub mod components;
pub mod csv;
pub mod directives;
pub mod documents;
pub mod escalations;
pub mod follow_up;
pub mod governance;
pub mod layout;
pub mod meetings;
pub mod pages;
pub mod plans;
pub mod portfolio;
pub mod project_page;
pub mod projects;
pub mod reports;
pub mod rollups;
pub mod start;

//! Styr: the governance model of a social services administration's digitalisation projects, as
//! a web application. `main.rs` only parses the command line; everything else is here, so the
//! tests can build the same app.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod server;
pub mod views;
pub mod web;

pub use server::serve;

/// Logs to stderr, at `info` unless `RUST_LOG` says otherwise; in colour only on a terminal, so
/// that journald and log files get plain lines.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

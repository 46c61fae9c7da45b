//! Settings from flags and the environment, and the session key.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use actix_web::cookie::Key;
use base64::Engine;
use rand::TryRngCore;

use crate::cli::ServeArgs;
use crate::db::Backend;

/// Everything `styr serve` needs.
#[derive(Clone)]
pub struct ServeConfig {
    pub bind: String,
    pub database: String,
    pub demo: bool,
    pub secure_cookies: bool,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub session_key: Key,
    /// The first administrator's password, from `STYR_ADMIN_PASSWORD`.
    pub admin_password: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "STYR_SESSION_KEY must be at least 64 bytes, base64-encoded (for example `openssl rand -base64 64`)"
    )]
    BadSessionKey,
    #[error(
        "STYR_SESSION_KEY is required with PostgreSQL: every instance must sign sessions with the same key, and there is no database file to keep one beside (make one with `openssl rand -base64 64`)"
    )]
    SessionKeyRequired,
    #[error("could not keep the session key in {path}: {source}")]
    KeyFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ServeConfig {
    pub fn from_args(database: &str, args: &ServeArgs) -> Result<ServeConfig, ConfigError> {
        let session_key = session_key(database, std::env::var("STYR_SESSION_KEY").ok())?;
        Ok(ServeConfig {
            bind: args.bind.clone(),
            database: database.to_owned(),
            demo: args.demo,
            secure_cookies: args.secure_cookies,
            trusted_proxies: args.trusted_proxies.clone(),
            session_key,
            admin_password: std::env::var("STYR_ADMIN_PASSWORD").ok(),
        })
    }
}

/// The key sessions are signed and encrypted with: `STYR_SESSION_KEY` when given; else, on SQLite,
/// the one kept beside the database file. On PostgreSQL the variable is required.
fn session_key(database: &str, given: Option<String>) -> Result<Key, ConfigError> {
    match (given, Backend::of(database)) {
        (Some(encoded), _) => parse_key(&encoded),
        (None, Backend::Sqlite) => key_beside(database),
        (None, Backend::Postgres) => Err(ConfigError::SessionKeyRequired),
    }
}

fn parse_key(encoded: &str) -> Result<Key, ConfigError> {
    // `openssl rand -base64 64` wraps its output: line breaks are not part of the key.
    let encoded: String = encoded.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| ConfigError::BadSessionKey)?;
    Key::try_from(bytes.as_slice()).map_err(|_| ConfigError::BadSessionKey)
}

/// The file the generated session key is kept in: beside the database, so sessions survive a restart.
pub fn key_path(database: &str) -> PathBuf {
    let database = database.strip_prefix("sqlite://").unwrap_or(database);
    PathBuf::from(format!("{database}.session-key"))
}

/// Reads the key kept beside the database, or makes one and keeps it there, readable by the owner only.
fn key_beside(database: &str) -> Result<Key, ConfigError> {
    let path = key_path(database);
    let failed = |source| ConfigError::KeyFile {
        path: path.clone(),
        source,
    };
    if Path::new(&path).exists() {
        let encoded = std::fs::read_to_string(&path).map_err(failed)?;
        return parse_key(&encoded);
    }
    let mut bytes = [0u8; 64];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source works");
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(failed)?;
    file.write_all(encoded.as_bytes()).map_err(failed)?;
    Ok(Key::from(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_generated_key_is_kept_private_and_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let database = dir.path().join("styr.db");
        let database = database.to_str().expect("utf-8 path");
        let first = key_beside(database).expect("made");
        let mode = std::fs::metadata(key_path(database))
            .expect("kept")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let second = key_beside(database).expect("read");
        assert_eq!(first.master(), second.master());
    }

    #[test]
    fn postgresql_needs_the_key_from_the_environment() {
        let url = "postgres://styr@127.0.0.1:5432/styr";
        assert!(matches!(
            session_key(url, None),
            Err(ConfigError::SessionKeyRequired)
        ));
        let given = base64::engine::general_purpose::STANDARD.encode([9u8; 64]);
        let key = session_key(url, Some(given)).expect("the given key");
        assert_eq!(key.master(), Key::from(&[9u8; 64]).master());
    }

    #[test]
    fn a_short_key_is_refused() {
        assert!(parse_key("c2hvcnQ=").is_err());
        assert!(parse_key("not base64!").is_err());
        let long = base64::engine::general_purpose::STANDARD.encode([7u8; 64]);
        assert!(parse_key(&long).is_ok());
        let wrapped = format!("{}\n{}\n", &long[..76], &long[76..]);
        assert!(parse_key(&wrapped).is_ok());
    }
}

//! Password hashing with argon2id. Callers in request handlers run these on the blocking pool
//! (inside `Db::run`), since a hash takes tens of milliseconds by design.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::TryRngCore;

fn argon2() -> Argon2<'static> {
    // OWASP's first recommended argon2id setting: 19 MiB, 2 passes, 1 lane.
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn salt() -> SaltString {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source works");
    SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt")
}

/// The PHC string of `password`.
pub fn hash(password: &str) -> String {
    argon2()
        .hash_password(password.as_bytes(), &salt())
        .expect("argon2 with default parameters hashes any input")
        .to_string()
}

/// Checks `password` against a stored PHC string; a malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash that matches no password anybody types, verified against when the username is unknown so
/// that refusing an unknown user takes as long as refusing a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash(&random_password()));

pub fn verify_dummy(password: &str) -> bool {
    verify(password, &DUMMY_HASH);
    false
}

/// A random password of 20 characters that are easy to read aloud and type.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source works");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("rätt lösenord 123");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("rätt lösenord 123", &stored));
        assert!(!verify("fel lösenord 123", &stored));
        assert!(!verify("rätt lösenord 123", "not a hash"));
        assert!(!verify_dummy("anything"));
    }

    #[test]
    fn random_passwords_are_long_and_differ() {
        let (a, b) = (random_password(), random_password());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }
}

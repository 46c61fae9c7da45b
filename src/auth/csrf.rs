//! Tokens against cross-site request forgery: one random token per session, sent back in every
//! form as `csrf_token` and compared in constant time.

use base64::Engine;
use rand::TryRngCore;
use subtle::ConstantTimeEq;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source works");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a submitted token matches the session's. No session token means no match.
pub fn matches(expected: Option<&str>, submitted: &str) -> bool {
    match expected {
        Some(expected) if !expected.is_empty() => {
            expected.as_bytes().ct_eq(submitted.as_bytes()).into()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_matches() {
        let token = new_token();
        assert_eq!(token.len(), 43);
        assert!(matches(Some(&token), &token));
        assert!(!matches(Some(&token), &new_token()));
        assert!(!matches(Some(&token), ""));
        assert!(!matches(None, ""));
        assert!(!matches(Some(""), ""));
    }
}

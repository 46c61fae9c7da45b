//! Throttling of login attempts, per username and per client address, with `governor`.
//!
//! Every attempt counts (a correct password is rarely typed many times in a row), so a throttled
//! username is refused even with the right password until the quota refills.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct LoginThrottle {
    per_username: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<String>,
}

/// `burst` attempts at once, then one more every `refill`.
fn quota(burst: u32, refill: Duration) -> Quota {
    Quota::with_period(refill)
        .expect("the refill period is not zero")
        .allow_burst(NonZeroU32::new(burst).expect("the burst is not zero"))
}

impl LoginThrottle {
    /// Five attempts per username and thirty per address, then one more per username every three
    /// minutes and per address every twenty seconds.
    pub fn new() -> LoginThrottle {
        LoginThrottle {
            per_username: RateLimiter::keyed(quota(5, Duration::from_secs(180))),
            per_address: RateLimiter::keyed(quota(30, Duration::from_secs(20))),
        }
    }

    /// Counts an attempt; `false` when the username or the address has attempted too often.
    pub fn attempt(&self, username: &str, address: &str) -> bool {
        let user_ok = self
            .per_username
            .check_key(&username.to_lowercase())
            .is_ok();
        let address_ok = self.per_address.check_key(&address.to_owned()).is_ok();
        user_ok && address_ok
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_for_a_username_is_refused() {
        let throttle = LoginThrottle::new();
        for _ in 0..5 {
            assert!(throttle.attempt("Admin", "10.0.0.1"));
        }
        assert!(!throttle.attempt("admin", "10.0.0.2"));
        // Another username from the same address is still let through.
        assert!(throttle.attempt("lasare", "10.0.0.1"));
    }

    #[test]
    fn one_address_is_refused_after_thirty_attempts() {
        let throttle = LoginThrottle::new();
        for i in 0..30 {
            assert!(throttle.attempt(&format!("user{i}"), "10.0.0.1"));
        }
        assert!(!throttle.attempt("someone", "10.0.0.1"));
        assert!(throttle.attempt("someone", "10.0.0.2"));
    }
}

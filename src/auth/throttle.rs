//! Limits on how often one can try: logins per username and per client address, password checks
//! per user, and form posts per user, with `governor`.
//!
//! Every login attempt counts (a correct password is rarely typed many times in a row), so a
//! throttled username is refused even with the right password until the quota refills.
//!
//! The limiters are kept in memory, keyed by what a stranger may send, so their memory is bounded:
//! a username longer than any username can be is cut to that length before it becomes a key, keys
//! whose quota has refilled are dropped once the limiter holds many, and a limiter that is full of
//! keys still counting refuses every attempt rather than grow (see [`Limiter`]).

use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::domain::user::USERNAME_MAX;

/// Keys a limiter holds before it drops those whose quota has refilled.
const TIDY_AT: usize = 10_000;
/// Keys a limiter never holds more of: about 10 MB for usernames of 32 bytes.
const MAX_KEYS: usize = 100_000;

/// `burst` at once, then one more every `refill`.
fn quota(burst: u32, refill: Duration) -> Quota {
    Quota::with_period(refill)
        .expect("the refill period is not zero")
        .allow_burst(NonZeroU32::new(burst).expect("the burst is not zero"))
}

/// A keyed rate limiter whose number of keys is bounded.
pub struct Limiter<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    last_tidy: Mutex<Instant>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    fn new(quota: Quota) -> Self {
        Limiter {
            limiter: RateLimiter::keyed(quota),
            last_tidy: Mutex::new(Instant::now()),
        }
    }

    /// Counts one attempt for `key`; `false` when `key` has used its quota, or when the limiter is
    /// full of keys that are all still counting. Only an attack makes that many distinct keys at
    /// once; refusing everybody for the few minutes until they refill is what keeps memory
    /// bounded, and the per-address limit makes such an attack need thousands of addresses.
    fn check(&self, key: &K) -> bool {
        if self.limiter.len() >= TIDY_AT {
            self.tidy();
            if self.limiter.len() >= MAX_KEYS {
                tracing::warn!(
                    keys = self.limiter.len(),
                    "throttle full; refusing attempts until keys refill"
                );
                return false;
            }
        }
        self.limiter.check_key(key).is_ok()
    }

    /// Drops the keys whose quota has refilled, at most once a second.
    fn tidy(&self) {
        let mut last = self
            .last_tidy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.elapsed() >= Duration::from_secs(1) || self.limiter.len() >= MAX_KEYS {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
            *last = Instant::now();
        }
    }

    /// How many keys are held.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

/// Every limit Styr keeps, shared by all requests.
pub struct Throttle {
    logins_per_username: Limiter<String>,
    logins_per_address: Limiter<String>,
    password_checks_per_user: Limiter<i64>,
    posts_per_user: Limiter<i64>,
}

impl Throttle {
    /// Five login attempts per username and thirty per address, then one more per username every
    /// three minutes and per address every twenty seconds. Ten checks of a user's current
    /// password (a person who mistypes the new one twice checks it again), then one a minute. 120 form posts per user, then four a second: more
    /// than anybody types, fewer than a script with a stolen session sends.
    pub fn new() -> Throttle {
        Throttle {
            logins_per_username: Limiter::new(quota(5, Duration::from_secs(180))),
            logins_per_address: Limiter::new(quota(30, Duration::from_secs(20))),
            password_checks_per_user: Limiter::new(quota(10, Duration::from_secs(60))),
            posts_per_user: Limiter::new(quota(120, Duration::from_millis(250))),
        }
    }

    /// Counts a login attempt; `false` when the address or the username has attempted too often.
    /// An address that is refused counts no username, so one client cannot fill the username
    /// limiter with keys.
    pub fn login(&self, username: &str, address: &str) -> bool {
        self.logins_per_address.check(&address.to_owned())
            && self.logins_per_username.check(&username_key(username))
    }

    /// Counts a check of a logged-in user's password; `false` after too many.
    pub fn password_check(&self, user_id: i64) -> bool {
        self.password_checks_per_user.check(&user_id)
    }

    /// Counts a form post of a logged-in user; `false` after too many.
    pub fn post(&self, user_id: i64) -> bool {
        self.posts_per_user.check(&user_id)
    }

    /// How many usernames the login limit holds, for tests and monitoring.
    pub fn login_usernames_held(&self) -> usize {
        self.logins_per_username.len()
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new()
    }
}

/// The key of a username: lowercase and no longer than a username can be, so a stranger's long
/// "usernames" neither cost memory nor count apart from each other's first characters.
fn username_key(username: &str) -> String {
    username
        .chars()
        .take(USERNAME_MAX)
        .collect::<String>()
        .to_lowercase()
}

/// A username as it may be written to the log: no longer than a username can be. Log it as a
/// structured field with `?`, which escapes line breaks, so a username cannot forge a log line.
pub fn loggable_username(username: &str) -> String {
    username.chars().take(USERNAME_MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_for_a_username_is_refused() {
        let throttle = Throttle::new();
        for _ in 0..5 {
            assert!(throttle.login("Admin", "10.0.0.1"));
        }
        assert!(!throttle.login("admin", "10.0.0.2"));
        // Another username from the same address is still let through.
        assert!(throttle.login("lasare", "10.0.0.1"));
    }

    #[test]
    fn one_address_is_refused_after_thirty_attempts() {
        let throttle = Throttle::new();
        for i in 0..30 {
            assert!(throttle.login(&format!("user{i}"), "10.0.0.1"));
        }
        assert!(!throttle.login("someone", "10.0.0.1"));
        assert!(throttle.login("someone", "10.0.0.2"));
    }

    #[test]
    fn long_usernames_are_cut_to_the_length_of_a_username() {
        let long = "a".repeat(200_000);
        assert_eq!(username_key(&long).len(), USERNAME_MAX);
        assert_eq!(loggable_username(&long).len(), USERNAME_MAX);
        assert_eq!(username_key("ÅSA.Berg"), "åsa.berg");
    }

    #[test]
    fn usernames_that_differ_only_past_the_longest_username_count_together() {
        let throttle = Throttle::new();
        let stem = "x".repeat(USERNAME_MAX);
        for i in 0..5 {
            assert!(throttle.login(&format!("{stem}{i}"), &format!("10.0.0.{i}")));
        }
        assert!(!throttle.login(&format!("{stem}z"), "10.0.1.1"));
        assert_eq!(throttle.login_usernames_held(), 1);
    }

    #[test]
    fn a_limiter_never_holds_more_than_its_bound_of_keys() {
        // Every key here is still counting (one attempt of five used), so none may be dropped:
        // past the bound, new keys are refused instead.
        let limiter = Limiter::new(quota(5, Duration::from_secs(180)));
        for key in 0..MAX_KEYS as i64 {
            assert!(limiter.check(&key));
        }
        assert_eq!(limiter.len(), MAX_KEYS);
        assert!(!limiter.check(&-1));
        assert_eq!(limiter.len(), MAX_KEYS);
    }

    #[test]
    fn keys_whose_quota_refilled_are_dropped() {
        let limiter = Limiter::new(quota(1, Duration::from_millis(1)));
        for key in 0..TIDY_AT as i64 {
            assert!(limiter.check(&key));
        }
        std::thread::sleep(Duration::from_millis(5));
        *limiter.last_tidy.lock().expect("not poisoned") -= Duration::from_secs(2);
        assert!(limiter.check(&-1));
        assert!(limiter.len() <= 1, "{} keys held", limiter.len());
    }

    #[test]
    fn password_checks_and_posts_are_limited_per_user() {
        let throttle = Throttle::new();
        for _ in 0..10 {
            assert!(throttle.password_check(7));
        }
        assert!(!throttle.password_check(7));
        assert!(throttle.password_check(8));
        for _ in 0..120 {
            assert!(throttle.post(7));
        }
        assert!(!throttle.post(7));
        assert!(throttle.post(8));
    }
}

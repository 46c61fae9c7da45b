//! Limits on how often one can try: logins per username and per client address, and password
//! checks per user, counted in the database so that they hold across every instance of Styr
//! (`db::throttle`, with the rule [`admit`] here); and form posts per user, counted in memory with
//! `governor` (a limit per instance is enough for a limit on how fast a session may post).
//!
//! Every login attempt counts (a correct password is rarely typed many times in a row), so a
//! throttled username is refused even with the right password until the quota refills.
//!
//! Keys are made of what a stranger may send, so they are bounded: a username longer than any
//! username can be is cut to that length before it becomes a key. In memory, keys whose quota has
//! refilled are dropped once the limiter holds many, and a limiter that is full of keys still
//! counting refuses every attempt rather than grow (see [`Limiter`]); in the database, a key
//! whose quota has refilled is deleted.

use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
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
    /// bounded. (The one limiter left in memory is keyed by logged-in users, whose number is
    /// bounded anyway; the bound stays as a guard.)
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

/// `burst` attempts at once, then one more every `refill`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub refill: Duration,
}

/// Five login attempts per username, then one more every three minutes.
pub const LOGINS_PER_USERNAME: Rate = Rate {
    burst: 5,
    refill: Duration::from_secs(180),
};
/// Thirty login attempts per client address, then one more every twenty seconds.
pub const LOGINS_PER_ADDRESS: Rate = Rate {
    burst: 30,
    refill: Duration::from_secs(20),
};
/// Ten checks of a user's current password (a person who mistypes the new one twice checks it
/// again), then one a minute.
pub const PASSWORD_CHECKS_PER_USER: Rate = Rate {
    burst: 10,
    refill: Duration::from_secs(60),
};

/// Whether one more attempt is admitted for a key whose quota is whole again at `refilled_at`
/// (`None`: a key not seen, or seen long ago): `Some` with the key's new `refilled_at` when it is,
/// `None` when the quota is used up. A refused attempt changes nothing. This is the generic cell
/// rate algorithm that `governor` also uses, with the moment the quota is whole as its state.
pub fn admit(
    refilled_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
    rate: Rate,
) -> Option<NaiveDateTime> {
    let refill = chrono::Duration::from_std(rate.refill).ok()?;
    let from = refilled_at.map_or(now, |at| at.max(now));
    let next = from + refill;
    (next - now <= refill * rate.burst.try_into().ok()?).then_some(next)
}

/// The database keys of a login attempt: its client address and its username.
pub fn login_keys(username: &str, address: &str) -> (String, String) {
    (
        format!("address:{address}"),
        format!("username:{}", username_key(username)),
    )
}

/// The database key of the checks of a user's current password.
pub fn password_key(user_id: i64) -> String {
    format!("password:{user_id}")
}

/// The limit Styr keeps in memory, shared by all requests of this instance.
pub struct Throttle {
    posts_per_user: Limiter<i64>,
}

impl Throttle {
    /// 120 form posts per user, then four a second: more than anybody types, fewer than a script
    /// with a stolen session sends.
    pub fn new() -> Throttle {
        Throttle {
            posts_per_user: Limiter::new(quota(120, Duration::from_millis(250))),
        }
    }

    /// Counts a form post of a logged-in user; `false` after too many.
    pub fn post(&self, user_id: i64) -> bool {
        self.posts_per_user.check(&user_id)
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

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + seconds, 0)
            .expect("a time")
            .naive_utc()
    }

    /// Attempts at `times` (seconds) for one key: which were admitted.
    fn attempts(rate: Rate, times: &[i64]) -> Vec<bool> {
        let mut refilled_at = None;
        times
            .iter()
            .map(|t| match admit(refilled_at, at(*t), rate) {
                Some(next) => {
                    refilled_at = Some(next);
                    true
                }
                None => false,
            })
            .collect()
    }

    #[test]
    fn five_logins_for_a_username_then_one_every_three_minutes() {
        let admitted = attempts(LOGINS_PER_USERNAME, &[0, 1, 2, 3, 4, 5, 100, 180, 181, 360]);
        assert_eq!(
            admitted,
            [
                true, true, true, true, true, false, false, true, false, true
            ]
        );
    }

    #[test]
    fn a_refused_attempt_does_not_push_the_refill_back() {
        let rate = Rate {
            burst: 1,
            refill: Duration::from_secs(60),
        };
        assert_eq!(
            attempts(rate, &[0, 10, 20, 30, 60]),
            [true, false, false, false, true]
        );
    }

    #[test]
    fn a_key_whose_quota_refilled_long_ago_is_as_new() {
        let long_ago = Some(at(0));
        let now = at(10_000);
        assert_eq!(
            admit(long_ago, now, LOGINS_PER_ADDRESS),
            admit(None, now, LOGINS_PER_ADDRESS)
        );
        assert_eq!(admit(None, now, LOGINS_PER_ADDRESS), Some(at(10_020)));
    }

    #[test]
    fn thirty_logins_from_an_address_then_one_every_twenty_seconds() {
        let mut times = vec![0; 31];
        times.push(20);
        let admitted = attempts(LOGINS_PER_ADDRESS, &times);
        assert!(admitted[..30].iter().all(|a| *a));
        assert!(!admitted[30]);
        assert!(admitted[31]);
    }

    #[test]
    fn the_keys_of_a_login_name_its_address_and_its_cut_lowercase_username() {
        let long = format!("{}tail", "X".repeat(USERNAME_MAX));
        let (address, username) = login_keys(&long, "10.0.0.1");
        assert_eq!(address, "address:10.0.0.1");
        assert_eq!(username, format!("username:{}", "x".repeat(USERNAME_MAX)));
        assert_eq!(password_key(7), "password:7");
    }

    #[test]
    fn long_usernames_are_cut_to_the_length_of_a_username() {
        let long = "a".repeat(200_000);
        assert_eq!(username_key(&long).len(), USERNAME_MAX);
        assert_eq!(loggable_username(&long).len(), USERNAME_MAX);
        assert_eq!(username_key("ÅSA.Berg"), "åsa.berg");
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
    fn posts_are_limited_per_user() {
        let throttle = Throttle::new();
        for _ in 0..120 {
            assert!(throttle.post(7));
        }
        assert!(!throttle.post(7));
        assert!(throttle.post(8));
    }
}

//! Per-member rate limiting: a token bucket per member (the `governor` crate) that allows a
//! short burst of questions, then one every `[discord] cooldown_seconds`. Different commands
//! share a member's bucket; other members are not affected.

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

/// Members remembered before idle buckets (full again) are forgotten.
const FORGET_AFTER: usize = 10_000;

/// One token bucket per member; `None` when the cooldown is off.
pub struct Cooldown {
    limiter: Option<DefaultKeyedRateLimiter<u64>>,
}

impl Cooldown {
    /// Buckets of `burst` questions, one more every `every` (zero turns limiting off).
    pub fn new(every: Duration, burst: u32) -> Cooldown {
        let limiter = Quota::with_period(every).map(|quota| {
            RateLimiter::keyed(quota.allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN)))
        });
        Cooldown { limiter }
    }

    /// Takes one question from `member`'s bucket, or says how long until the next one.
    pub fn check(&self, member: u64) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        if limiter.len() > FORGET_AFTER {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter
            .check_key(&member)
            .map_err(|not_until| not_until.wait_time_from(limiter.clock().now()))
    }
}

/// Whole seconds to tell a member to wait (rounded up, at least 1).
pub fn seconds(wait: Duration) -> u64 {
    u64::try_from(wait.as_millis().div_ceil(1000))
        .unwrap_or(u64::MAX)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_gets_a_burst_then_waits_alone() {
        let cooldown = Cooldown::new(Duration::from_secs(60), 3);
        for n in 1..=3 {
            assert_eq!(cooldown.check(7), Ok(()), "question {n} of the burst");
        }
        let wait = cooldown.check(7).expect_err("the fourth question waits");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        assert_eq!(cooldown.check(8), Ok(()), "another member is not slowed");
    }

    #[test]
    fn zero_seconds_turns_limiting_off() {
        let cooldown = Cooldown::new(Duration::ZERO, 3);
        for _ in 0..100 {
            assert_eq!(cooldown.check(7), Ok(()));
        }
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(seconds(Duration::from_millis(1)), 1);
        assert_eq!(seconds(Duration::from_millis(1500)), 2);
        assert_eq!(seconds(Duration::from_secs(3)), 3);
        assert_eq!(seconds(Duration::ZERO), 1);
    }
}

//! What the HTTP server allows a client: how long it may take to send a request's headers
//! and body, how many connections may be open at once, and (for signed interactions) that
//! each interaction id is accepted once within the signature window.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Timeouts and bounds for client connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From a connection's start (or its previous response) until a request's headers are
    /// complete; idle keep-alive connections are closed after it too.
    pub header_timeout: Duration,
    /// From the headers until the body is complete (408 otherwise).
    pub body_timeout: Duration,
    /// Connections open at once; more wait in the listen backlog.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(5),
            max_connections: 512,
        }
    }
}

/// The ids remembered, and when each was first seen, oldest first.
type Seen = (HashSet<u64>, VecDeque<(Instant, u64)>);

/// The interaction ids accepted within the signature window, so a signed request replayed
/// inside the window is refused. Memory is bounded: at most `capacity` ids are remembered
/// (the oldest are forgotten first, and every id older than the window is).
#[derive(Debug)]
pub struct Replays {
    window: Duration,
    capacity: usize,
    seen: Mutex<Seen>,
}

impl Replays {
    /// Remembers ids for `window`, at most `capacity` of them.
    pub fn new(window: Duration, capacity: usize) -> Replays {
        Replays {
            window,
            capacity: capacity.max(1),
            seen: Mutex::new((HashSet::new(), VecDeque::new())),
        }
    }

    /// True the first time `id` is seen within the window; false for a repeat.
    pub fn first_time(&self, id: u64) -> bool {
        let now = Instant::now();
        let mut guard = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let (ids, order) = &mut *guard;
        while let Some(&(at, old)) = order.front() {
            if now.duration_since(at) <= self.window && order.len() < self.capacity {
                break;
            }
            order.pop_front();
            ids.remove(&old);
        }
        if !ids.insert(id) {
            return false;
        }
        order.push_back((now, id));
        true
    }

    /// Ids remembered now.
    pub fn len(&self) -> usize {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).0.len()
    }

    /// True when no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeat_within_the_window_is_refused() {
        let replays = Replays::new(Duration::from_secs(60), 100);
        assert!(replays.first_time(1));
        assert!(!replays.first_time(1), "the same id again");
        assert!(replays.first_time(2));
    }

    #[test]
    fn memory_is_bounded() {
        let replays = Replays::new(Duration::from_secs(60), 3);
        for id in 0..10 {
            assert!(replays.first_time(id));
        }
        assert!(replays.len() <= 3, "{}", replays.len());
        assert!(!replays.first_time(9), "recent ids are still remembered");
    }

    #[test]
    fn ids_older_than_the_window_are_forgotten() {
        let replays = Replays::new(Duration::ZERO, 100);
        assert!(replays.first_time(1));
        std::thread::sleep(Duration::from_millis(5));
        assert!(replays.first_time(2));
        assert_eq!(replays.len(), 1, "id 1 was forgotten");
    }
}

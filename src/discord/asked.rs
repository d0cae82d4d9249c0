//! The questions behind the buttons whose ids cannot hold them: a small bounded cache from
//! [`key`](super::buttons::key) to question, filled when a card is built and read when its
//! button is clicked. The oldest question is forgotten first; a button whose question was
//! forgotten (or asked before a restart) says it has expired.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Questions kept at most (each at most a few hundred bytes).
pub const CAPACITY: usize = 4096;

/// Key to question, at most `capacity` of them.
#[derive(Debug)]
pub struct Asked {
    capacity: usize,
    inner: Mutex<(HashMap<String, String>, VecDeque<String>)>,
}

impl Default for Asked {
    fn default() -> Self {
        Asked::new(CAPACITY)
    }
}

impl Asked {
    /// An empty cache of at most `capacity` questions.
    pub fn new(capacity: usize) -> Asked {
        Asked {
            capacity: capacity.max(1),
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    /// Keeps `question` under its key, forgetting the oldest question when full.
    pub fn remember(&self, question: &str) {
        let key = super::buttons::key(question);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *guard;
        if map.contains_key(&key) {
            return;
        }
        while map.len() >= self.capacity {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        map.insert(key.clone(), question.to_string());
        order.push_back(key);
    }

    /// The question kept under `key`, if it still is.
    pub fn recall(&self, key: &str) -> Option<String> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.0.get(key).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discord::buttons::key;

    #[test]
    fn keeps_at_most_its_capacity_and_forgets_the_oldest() {
        let asked = Asked::new(2);
        asked.remember("one");
        asked.remember("two");
        asked.remember("one");
        asked.remember("three");
        assert_eq!(asked.recall(&key("one")), None);
        assert_eq!(asked.recall(&key("two")).as_deref(), Some("two"));
        assert_eq!(asked.recall(&key("three")).as_deref(), Some("three"));
    }
}

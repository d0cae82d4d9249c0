//! The Discord front end: slash commands, autocomplete, answer cards and buttons over the
//! story engine. [`Bot::handle`] turns an interaction into a response value; the gateway
//! ([`gateway`]) and, later, the HTTP endpoint only deliver it.

mod autocomplete;
pub mod buttons;
pub mod card;
pub mod commands;
pub mod gateway;
mod handler;
pub mod text;

use crate::config::Config;
use crate::StoryIndex;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Everything the handlers need: the story, the configuration, per-member cooldowns.
pub struct Bot {
    /// The story index.
    pub index: StoryIndex,
    /// The checked configuration.
    pub config: Config,
    suggestions: Vec<String>,
    cooldowns: Mutex<HashMap<u64, Instant>>,
}

impl Bot {
    /// A bot over `index` with `config`.
    pub fn new(index: StoryIndex, config: Config) -> Bot {
        let suggestions = autocomplete::candidates(&config, &index);
        Bot {
            index,
            config,
            suggestions,
            cooldowns: Mutex::new(HashMap::new()),
        }
    }
}

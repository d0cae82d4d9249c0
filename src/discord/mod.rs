//! The Discord front end: slash commands, autocomplete, answer cards and buttons over the
//! story engine. [`Bot::respond`] turns an interaction into a response value and
//! [`Bot::handler`] makes it the function the transports call; the gateway ([`gateway`]) and
//! the HTTP endpoint ([`crate::http`]) only deliver it and know no `Bot`.

pub mod asked;
mod autocomplete;
pub mod buttons;
pub mod card;
pub mod commands;
pub mod cooldown;
pub mod gateway;
mod handler;
mod pinning;
pub mod rest;
pub mod story_cards;
pub mod text;

use crate::config::Config;
use crate::StoryIndex;

/// Everything the handlers need: the story, the configuration, per-member cooldowns.
pub struct Bot {
    /// The story index.
    pub index: StoryIndex,
    /// The checked configuration.
    pub config: Config,
    suggestions: Vec<String>,
    cooldown: cooldown::Cooldown,
    pins: Option<crate::pins::PinStore>,
    rest: Option<rest::Rest>,
    /// The questions of cards whose buttons cannot hold them.
    asked: asked::Asked,
}

impl Bot {
    /// A bot over `index` with `config`.
    pub fn new(index: StoryIndex, config: Config) -> Bot {
        let suggestions = autocomplete::candidates(&config, &index);
        let cooldown = cooldown::Cooldown::new(
            std::time::Duration::from_secs(config.discord.cooldown_seconds),
            config.discord.burst,
        );
        Bot {
            index,
            config,
            suggestions,
            cooldown,
            pins: None,
            rest: None,
            asked: asked::Asked::default(),
        }
    }

    /// Keeps moderators' pins in `store`, pinning through `rest`.
    pub fn with_pins(mut self, store: crate::pins::PinStore, rest: rest::Rest) -> Bot {
        self.pins = Some(store);
        self.rest = Some(rest);
        self
    }

    /// The bot as the function the transports call: each interaction answered with
    /// [`Bot::respond`].
    pub fn handler(self: std::sync::Arc<Self>) -> crate::interaction::Handler {
        crate::interaction::handler(move |interaction| {
            let bot = self.clone();
            async move { bot.respond(&interaction).await }
        })
    }

    /// The pin store, when pinning is set up.
    pub fn pins(&self) -> Option<&crate::pins::PinStore> {
        self.pins.as_ref()
    }
}

//! storybot's front ends over the story engine (`storybot-core`): the configuration, the
//! Discord bot (gateway and HTTP interactions endpoint), operations (health, metrics,
//! serving) and the moderators' pin store. The engine's modules and types are re-exported,
//! so `storybot::StoryIndex` and `storybot::article::Library` name the core's.

pub mod config;
pub mod discord;
mod error;
pub mod http;
pub mod interaction;
pub mod ops;
pub mod pins;
pub mod settings;

pub use storybot_core::{
    answer, article, attribution, dispute, embed, eval, index, rank, story, Answer, AskOptions,
    Confidence, Passage, Rebuttal, StoryIndex,
};

pub use error::{Error, Result};

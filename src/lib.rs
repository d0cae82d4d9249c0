//! storybot's story engine: articles in, attributed passages out, a tantivy index over them,
//! and ranked answers to members' questions. Nothing here knows about Discord; every front
//! end (the CLI, the gateway bot, the HTTP endpoint) renders the [`Answer`] this core returns.

mod answer;
pub mod article;
pub mod attribution;
pub mod config;
pub mod discord;
pub mod dispute;
pub mod embed;
mod error;
pub mod eval;
pub mod http;
pub mod index;
pub mod ops;
pub mod pins;
pub mod rank;
pub mod story;

pub use answer::{Answer, Confidence, Passage, Rebuttal};
pub use index::StoryIndex;
pub use rank::{answer, AskOptions};

pub use error::{Error, Result};

//! storybot's story engine: articles in, attributed passages out, a tantivy index over them,
//! and ranked answers to members' questions. Nothing here knows about Discord; every front
//! end (the CLI, the gateway bot, the HTTP endpoint) renders the [`Answer`] this core returns.

pub mod article;
pub mod attribution;
mod error;

pub use error::{Error, Result};

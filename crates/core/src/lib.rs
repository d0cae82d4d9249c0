//! storybot's story engine: articles in, attributed passages out, a tantivy index with
//! sentence-embedding vectors over them, and ranked, self-contained answers to members'
//! questions. Text in, answers out: this crate knows nothing of Discord, HTTP, SQLite,
//! networks or async runtimes (its dependencies say so), and every front end renders the
//! [`Answer`] it returns.

pub mod analyzer;
mod answer;
pub mod article;
pub mod attribution;
pub mod dispute;
pub mod embed;
mod error;
pub mod eval;
pub mod index;
pub mod places;
pub mod rank;
pub mod story;

pub use answer::{Answer, Confidence, Passage, Rebuttal};
pub use index::StoryIndex;
pub use rank::{answer, AskOptions};

pub use error::{Error, Result};

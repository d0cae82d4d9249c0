//! The one function both transports call: an interaction in, its response out (or `None`
//! for kinds storybot does not answer). The serenity gateway ([`crate::discord::gateway`])
//! and the HTTP interactions endpoint ([`crate::http::interactions`]) take a [`Handler`]
//! and know nothing of what is behind it; the bot ([`crate::discord::Bot::handler`]) makes
//! one, and metrics ([`crate::ops::Metrics::around`]) wrap one from outside, in the wiring
//! of `storybot serve` ([`crate::ops::run`]).

use serenity::all::{CreateInteractionResponse, Interaction};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A response to send, or `None` when the interaction is not one storybot answers.
pub type Reply = Option<CreateInteractionResponse>;

/// The future a [`Handler`] returns.
pub type ReplyFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// An interaction to its response, shared by the tasks of a transport.
pub type Handler = Arc<dyn Fn(Interaction) -> ReplyFuture + Send + Sync>;

/// A [`Handler`] from an async function or closure.
pub fn handler<F, Fut>(f: F) -> Handler
where
    F: Fn(Interaction) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
{
    Arc::new(move |interaction| Box::pin(f(interaction)))
}

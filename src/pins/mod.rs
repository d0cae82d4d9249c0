//! Moderators' pins: which answers a guild endorsed, kept durably, leading later answers to
//! the same question, and flagged when a redeploy changed the passage they endorse.

mod store;

pub use store::{question_key, text_hash, NewPin, Pin, PinStore};

/// The default pin store path (`STORYBOT_PIN_STORE` overrides it).
pub const DEFAULT_PATH: &str = "data/storybot.sqlite";

/// The pin that should lead an answer in `guild`: a current (not stale) pin of the same
/// question, else one endorsing the answer's top passage.
pub fn leading(pins: &[Pin], question: &str, top: Option<(&str, u32)>) -> Option<Pin> {
    let key = question_key(question);
    let current = pins.iter().filter(|p| !p.stale);
    current
        .clone()
        .find(|p| p.question_key == key)
        .or_else(|| {
            let (article, paragraph) = top?;
            current
                .clone()
                .find(|p| p.article == article && p.paragraphs.first() == Some(&paragraph))
        })
        .cloned()
}

#[cfg(test)]
mod tests;

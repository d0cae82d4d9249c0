//! Stateless button ids: each `custom_id` carries what its click needs (a page, or an
//! article and paragraph), and the question is read back from the card the button sits on.
//! Ids are parsed strictly when clicked; anything else is stale or forged.

/// Discord's limit on a `custom_id`.
pub const MAX_CUSTOM_ID: usize = 100;
const PREFIX: &str = "sb1";

/// What a button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// The next page of passages for the card's question.
    More {
        /// Page to show (0 = first).
        page: usize,
    },
    /// The paragraphs before and after one passage.
    Context {
        /// Article slug.
        article: String,
        /// Paragraph number.
        paragraph: u32,
    },
    /// Pin the card (moderators).
    Pin {
        /// Article slug of the lead passage.
        article: String,
        /// Its paragraph.
        paragraph: u32,
    },
    /// Unpin the card (moderators).
    Unpin {
        /// Article slug of the lead passage.
        article: String,
        /// Its paragraph.
        paragraph: u32,
    },
    /// A page of `/pins`.
    Pins {
        /// Page (0 = first).
        page: usize,
    },
    /// Post a private answer publicly.
    Public {
        /// The page the private card showed.
        page: usize,
    },
}

/// The most pages "More answers" goes to.
pub const MAX_PAGE: usize = 20;

impl Button {
    /// The button's `custom_id`.
    pub fn custom_id(&self) -> String {
        match self {
            Button::More { page } => format!("{PREFIX}:more:{page}"),
            Button::Context { article, paragraph } => format!("{PREFIX}:ctx:{paragraph}:{article}"),
            Button::Public { page } => format!("{PREFIX}:pub:{page}"),
            Button::Pin { article, paragraph } => format!("{PREFIX}:pin:{paragraph}:{article}"),
            Button::Unpin { article, paragraph } => format!("{PREFIX}:unpin:{paragraph}:{article}"),
            Button::Pins { page } => format!("{PREFIX}:pins:{page}"),
        }
    }

    /// Parses a clicked `custom_id`; `None` when it is not one of ours or is malformed.
    pub fn parse(id: &str) -> Option<Button> {
        if id.len() > MAX_CUSTOM_ID {
            return None;
        }
        let mut parts = id.splitn(4, ':');
        if parts.next()? != PREFIX {
            return None;
        }
        let page = |s: Option<&str>| {
            s.and_then(|p| p.parse::<usize>().ok())
                .filter(|p| *p <= MAX_PAGE)
        };
        let button = match parts.next()? {
            "more" => Button::More {
                page: page(parts.next())?,
            },
            "pub" => Button::Public {
                page: page(parts.next())?,
            },
            "pins" => Button::Pins {
                page: page(parts.next())?,
            },
            kind @ ("ctx" | "pin" | "unpin") => {
                let paragraph = parts.next()?.parse::<u32>().ok().filter(|n| *n > 0)?;
                let article = parts.next()?.to_string();
                if article.is_empty() {
                    return None;
                }
                return Some(match kind {
                    "ctx" => Button::Context { article, paragraph },
                    "pin" => Button::Pin { article, paragraph },
                    _ => Button::Unpin { article, paragraph },
                });
            }
            _ => return None,
        };
        parts.next().is_none().then_some(button)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_fit() {
        for b in [
            Button::Pin {
                article: "isf-gaza-denial".into(),
                paragraph: 9,
            },
            Button::Unpin {
                article: "isf-gaza-denial".into(),
                paragraph: 9,
            },
            Button::Pins { page: 1 },
            Button::More { page: 2 },
            Button::Public { page: 0 },
            Button::Context {
                article: "isf-gaza-denial".into(),
                paragraph: 9,
            },
        ] {
            let id = b.custom_id();
            assert!(id.len() <= MAX_CUSTOM_ID);
            assert_eq!(Button::parse(&id), Some(b));
        }
    }

    #[test]
    fn forged_ids_are_refused() {
        for id in [
            "",
            "sb1",
            "sb1:more",
            "sb1:more:x",
            "sb1:more:999",
            "sb1:ctx:0:a",
            "sb1:ctx:3:",
            "sb2:more:1",
            "other",
            "sb1:more:1:extra",
            "sb1:nope:1",
        ] {
            assert_eq!(Button::parse(id), None, "{id}");
        }
    }
}

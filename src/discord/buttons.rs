//! Button ids: each `custom_id` carries what its click needs (a page, or an article and
//! paragraph, and for the buttons that answer again, the question). Nothing is ever read back
//! from the card's rendered text. A question that fits in the id travels in it verbatim
//! ([`QuestionRef::Text`]); a longer one travels as a key into the bot's small bounded cache
//! of questions ([`QuestionRef::Key`], see [`super::asked`]). Ids are parsed strictly when
//! clicked; anything else is stale or forged.

/// Discord's limit on a `custom_id`.
pub const MAX_CUSTOM_ID: usize = 100;
const PREFIX: &str = "sb1";

/// The question a button answers again: in the id itself, or a key into the question cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionRef {
    /// The question, verbatim (written after a `"`).
    Text(String),
    /// [`key`] of the question (written after a `#`), looked up in the bot's cache.
    Key(String),
}

/// The cache key of `question`: 16 hex digits of its sha256.
pub fn key(question: &str) -> String {
    use sha2::{Digest, Sha256};
    crate::embed::hex(&Sha256::digest(question.as_bytes())[..8])
}

impl QuestionRef {
    /// `question` inline when an id of `used` bytes plus it fits in [`MAX_CUSTOM_ID`], else
    /// its key.
    pub fn fitting(question: &str, used: usize) -> QuestionRef {
        if used + 1 + question.len() <= MAX_CUSTOM_ID {
            QuestionRef::Text(question.to_string())
        } else {
            QuestionRef::Key(key(question))
        }
    }

    fn write(&self) -> String {
        match self {
            QuestionRef::Text(q) => format!("\"{q}"),
            QuestionRef::Key(k) => format!("#{k}"),
        }
    }

    fn read(s: &str) -> Option<QuestionRef> {
        if let Some(q) = s.strip_prefix('"') {
            return (!q.trim().is_empty()).then(|| QuestionRef::Text(q.to_string()));
        }
        let k = s.strip_prefix('#')?;
        (k.len() == 16 && k.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| QuestionRef::Key(k.to_string()))
    }
}

/// What a button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// The next page of passages for the card's question.
    More {
        /// Page to show (0 = first).
        page: usize,
        /// The card's question.
        question: QuestionRef,
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
        /// The card's question.
        question: QuestionRef,
    },
    /// Unpin the card (moderators).
    Unpin {
        /// Article slug of the lead passage.
        article: String,
        /// Its paragraph.
        paragraph: u32,
        /// The card's question.
        question: QuestionRef,
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
        /// The card's question.
        question: QuestionRef,
    },
}

/// The most pages "More answers" goes to.
pub const MAX_PAGE: usize = 20;

impl Button {
    /// The `More answers` button for page `page` of `question`.
    pub fn more(page: usize, question: &str) -> Button {
        let used = format!("{PREFIX}:more:{page}:").len();
        Button::More {
            page,
            question: QuestionRef::fitting(question, used),
        }
    }

    /// The `Show publicly` button for page `page` of `question`.
    pub fn public(page: usize, question: &str) -> Button {
        let used = format!("{PREFIX}:pub:{page}:").len();
        Button::Public {
            page,
            question: QuestionRef::fitting(question, used),
        }
    }

    /// The 📌 Pin button (`pin`) or the Unpin button for a card on `question`.
    pub fn pinning(pin: bool, article: &str, paragraph: u32, question: &str) -> Button {
        let kind = if pin { "pin" } else { "unpin" };
        let used = format!("{PREFIX}:{kind}:{paragraph}:{article}:").len();
        let question = QuestionRef::fitting(question, used);
        Button::pin_or_unpin(pin, article.to_string(), paragraph, question)
    }

    fn pin_or_unpin(pin: bool, article: String, paragraph: u32, question: QuestionRef) -> Button {
        if pin {
            Button::Pin {
                article,
                paragraph,
                question,
            }
        } else {
            Button::Unpin {
                article,
                paragraph,
                question,
            }
        }
    }

    /// The question the button answers again, for the buttons that have one.
    pub fn question(&self) -> Option<&QuestionRef> {
        match self {
            Button::More { question, .. }
            | Button::Public { question, .. }
            | Button::Pin { question, .. }
            | Button::Unpin { question, .. } => Some(question),
            Button::Context { .. } | Button::Pins { .. } => None,
        }
    }

    /// The button's `custom_id`.
    pub fn custom_id(&self) -> String {
        match self {
            Button::More { page, question } => format!("{PREFIX}:more:{page}:{}", question.write()),
            Button::Context { article, paragraph } => format!("{PREFIX}:ctx:{paragraph}:{article}"),
            Button::Public { page, question } => {
                format!("{PREFIX}:pub:{page}:{}", question.write())
            }
            Button::Pin {
                article,
                paragraph,
                question,
            } => format!("{PREFIX}:pin:{paragraph}:{article}:{}", question.write()),
            Button::Unpin {
                article,
                paragraph,
                question,
            } => format!("{PREFIX}:unpin:{paragraph}:{article}:{}", question.write()),
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
            kind @ ("more" | "pub") => {
                let page = page(parts.next())?;
                let question = QuestionRef::read(parts.next()?)?;
                return Some(if kind == "more" {
                    Button::More { page, question }
                } else {
                    Button::Public { page, question }
                });
            }
            "pins" => Button::Pins {
                page: page(parts.next())?,
            },
            "ctx" => {
                let paragraph = parts.next()?.parse::<u32>().ok().filter(|n| *n > 0)?;
                let article = parts.next()?.to_string();
                if article.is_empty() {
                    return None;
                }
                return Some(Button::Context { article, paragraph });
            }
            kind @ ("pin" | "unpin") => {
                let paragraph = parts.next()?.parse::<u32>().ok().filter(|n| *n > 0)?;
                // The slug never holds a `:` (the card leaves such buttons out); the question
                // after it may.
                let (article, question) = parts.next()?.split_once(':')?;
                if article.is_empty() {
                    return None;
                }
                let question = QuestionRef::read(question)?;
                return Some(Button::pin_or_unpin(
                    kind == "pin",
                    article.to_string(),
                    paragraph,
                    question,
                ));
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
        let q = "Who denied the report?";
        for b in [
            Button::pinning(true, "isf-gaza-denial", 9, q),
            Button::pinning(false, "isf-gaza-denial", 9, q),
            Button::Pins { page: 1 },
            Button::more(2, q),
            Button::public(0, q),
            Button::more(3, &"a long question: ".repeat(10)),
            Button::pinning(true, "isf-gaza-denial", 9, &"long: ".repeat(30)),
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
            "sb1:more:1",
            "sb1:more:1:\"",
            "sb1:more:1:#abc",
            "sb1:more:1:#zzzzzzzzzzzzzzzz",
            "sb1:pin:9:isf-gaza-denial",
            "sb1:pin:9:isf-gaza-denial:x",
            "sb1:nope:1",
        ] {
            assert_eq!(Button::parse(id), None, "{id}");
        }
    }

    #[test]
    fn a_question_with_markdown_mentions_and_quotes_survives_exactly() {
        let q = "Who said the \"story\" was *fake*? @everyone: <@123> `x` ~~y~~ _z_";
        for b in [
            Button::more(1, q),
            Button::public(0, q),
            Button::pinning(true, "isf-gaza-denial", 9, q),
            Button::pinning(false, "isf-gaza-denial", 9, q),
        ] {
            let id = b.custom_id();
            assert!(id.len() <= MAX_CUSTOM_ID, "{id}");
            let parsed = Button::parse(&id).unwrap();
            assert_eq!(parsed, b);
            match parsed.question() {
                Some(QuestionRef::Text(t)) => assert_eq!(t, q),
                Some(QuestionRef::Key(k)) => assert_eq!(*k, key(q)),
                None => panic!("{id} lost its question"),
            }
        }
        // Too long for an id: the key of the question travels instead.
        let long = q.repeat(3);
        let b = Button::more(1, &long);
        assert_eq!(b.question(), Some(&QuestionRef::Key(key(&long))));
        assert_eq!(Button::parse(&b.custom_id()), Some(b));
    }
}

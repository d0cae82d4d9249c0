//! The answer every front end renders: the question, the passages that answer it (best
//! first, each naming its article, paragraph and speaker), and, when the article doesn't
//! say, no answers but perhaps a nearest passage marked as a suggestion. An [`Answer`] is
//! self-contained: each passage carries its article's title, address and date and its
//! [`Attribution`], so front ends render from the answer alone, with no index look-ups.

use crate::article::{Article, Paragraph};
use crate::attribution::Attribution;
use crate::dispute::Stance;
use serde::Serialize;
use std::ops::Range;

/// One paragraph offered as (part of) an answer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Passage {
    /// The article's slug.
    pub article: String,
    /// The article's title (not in the JSON, which names the article by slug).
    #[serde(skip)]
    pub title: String,
    /// Where the article was published, when its metadata says (not in the JSON).
    #[serde(skip)]
    pub url: Option<String>,
    /// When the article was published, as its metadata writes it (not in the JSON).
    #[serde(skip)]
    pub published: Option<String>,
    /// Paragraph number, from 1.
    pub paragraph: u32,
    /// Relevance; comparable within one answer only.
    pub score: f32,
    /// Who speaks (`speaker`, `null` for the article's own voice), citing whom (`cited`,
    /// outermost first) and how (`how`: reporting verb or channel); flattened in the JSON.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// The paragraph, verbatim.
    pub text: String,
    /// Byte ranges of `text` that matched the question.
    pub highlights: Vec<Range<usize>>,
    /// Byte range of the sentence of `text` that best answers the question (semantic
    /// ranking only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Range<usize>>,
    /// Claim, denial, position or background.
    pub stance: Stance,
    /// For a claim: the passages that rebut it, strongest first (empty when undisputed).
    pub disputed_by: Vec<Rebuttal>,
}

/// A passage that rebuts a claim.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rebuttal {
    /// The article's slug.
    pub article: String,
    /// Paragraph number.
    pub paragraph: u32,
    /// Who rebuts.
    pub speaker: Option<String>,
    /// The rebutting paragraph, verbatim.
    pub text: String,
}

impl Rebuttal {
    /// The words that do the rebutting, clipped: "…is a deliberate fabrication aimed at…".
    pub fn snippet(&self, max: usize) -> String {
        crate::dispute::rebuttal_snippet(&self.text, max)
    }
}

impl Passage {
    /// A passage for `paragraph` of `article`.
    pub fn new(
        article: &Article,
        paragraph: &Paragraph,
        score: f32,
        highlights: Vec<Range<usize>>,
    ) -> Passage {
        Passage {
            article: article.slug.clone(),
            title: article.title.clone(),
            url: article.meta.url.clone(),
            published: article.meta.published.clone(),
            paragraph: paragraph.number,
            score,
            attribution: paragraph.attribution.clone(),
            text: paragraph.text.clone(),
            highlights,
            sentence: None,
            stance: paragraph.stance,
            disputed_by: Vec::new(),
        }
    }

    /// A claim the article reports without any response.
    pub fn unanswered_claim(&self) -> bool {
        self.stance == Stance::Claim && self.disputed_by.is_empty()
    }

    /// "Information ministry, in a post on X" — or `None` for the article's own voice.
    pub fn credit(&self) -> Option<String> {
        self.attribution.credit()
    }

    /// Who speaks, `None` for the article's own voice.
    pub fn speaker(&self) -> Option<&str> {
        self.attribution.speaker.as_deref()
    }

    /// The text with the answering sentence wrapped in `sentence_open`/`sentence_close`, each
    /// highlight in `open`/`close`, and everything else passed through `escape`.
    pub fn marked_with_sentence(
        &self,
        (sentence_open, sentence_close): (&str, &str),
        (open, close): (&str, &str),
        escape: impl Fn(&str) -> String,
    ) -> String {
        let Some(s) = self
            .sentence
            .clone()
            .filter(|s| s.start <= s.end && s.end <= self.text.len())
            .filter(|s| self.text.is_char_boundary(s.start) && self.text.is_char_boundary(s.end))
        else {
            return self.marked(open, close, escape);
        };
        // Highlights inside the sentence keep their marks; the sentence is wrapped whole.
        let part = |r: Range<usize>| -> String {
            let mut out = String::new();
            let mut at = r.start;
            for h in &self.highlights {
                if h.start < at || h.end > r.end || h.start < r.start {
                    continue;
                }
                out.push_str(&escape(&self.text[at..h.start]));
                out.push_str(open);
                out.push_str(&escape(&self.text[h.clone()]));
                out.push_str(close);
                at = h.end;
            }
            out.push_str(&escape(&self.text[at..r.end]));
            out
        };
        format!(
            "{}{sentence_open}{}{sentence_close}{}",
            part(0..s.start),
            part(s.clone()),
            part(s.end..self.text.len())
        )
    }

    /// The text with each highlight wrapped in `open` and `close`, and every other piece of
    /// text passed through `escape` (for Discord markdown, terminal colours, HTML…).
    pub fn marked(&self, open: &str, close: &str, escape: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for r in &self.highlights {
            if r.start < at || r.end > self.text.len() {
                continue;
            }
            out.push_str(&escape(&self.text[at..r.start]));
            out.push_str(open);
            out.push_str(&escape(&self.text[r.clone()]));
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

/// How sure the engine is that its passages answer the question.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The passages answer the question.
    #[default]
    High,
    /// Not sure: the passages are the closest the article has, shown as such.
    Low,
}

/// The engine's reply to one question.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Answer {
    /// The question as asked.
    pub query: String,
    /// Passages that answer it, best first; empty when the article doesn't say.
    pub answers: Vec<Passage>,
    /// `high`, or `low` when the passages are only the closest the article has.
    pub confidence: Confidence,
    /// When `answers` is empty: the nearest passage, offered only as a suggestion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Passage>,
    /// Why nothing was searched, when the question had no words to search for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The titles of the articles searched, in library order (for "I couldn't find an answer
    /// to that in …"; not in the JSON).
    #[serde(skip)]
    pub searched: Vec<String>,
}

impl Answer {
    /// True when the article doesn't say.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// True when the passages are only the closest the article has.
    pub fn is_unsure(&self) -> bool {
        !self.answers.is_empty() && self.confidence == Confidence::Low
    }
}

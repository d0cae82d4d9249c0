//! What kind of answer a question wants, read from its opening words, and the paragraph
//! features each kind favours: a speaker for "who", a number for "how many", a date for
//! "when", a reason for "why".

use crate::article::Paragraph;
use regex::Regex;
use std::sync::LazyLock;

/// The kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "Who denied…", "Which officials…": someone who said or did it.
    Who,
    /// "How many", "How much": a quantity.
    Quantity,
    /// "When", "What year": a time.
    Time,
    /// "Why": a reason.
    Reason,
    /// Anything else.
    Other,
}

/// Openings that ask for a quantity: "how" with an adjective of measure, "what" with a noun
/// of amount (closed-class English, from the grammar of degree and measure questions, not
/// from any article's questions).
const MEASURE_OPENERS: &[&str] = &[
    "how many",
    "how much",
    "how big",
    "how large",
    "how small",
    "how long",
    "how high",
    "how low",
    "how far",
    "how old",
    "how often",
    "how tall",
    "how wide",
    "how deep",
    "how heavy",
    "how fast",
    "what number",
    "what percentage",
    "what proportion",
    "what share",
    "what fraction",
    "what amount",
    "what sum",
    "what price",
    "what rate",
    "what figure",
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|half|percent|per cent)\b")
        .expect("number pattern compiles")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow|tonight|ago|earlier|later|last\s+(?:week|month|year)|next\s+(?:week|month|year)|since|until|(?:19|20)\d\d|this\s+(?:week|month|year)|soon)\b")
        .expect("time pattern compiles")
});

/// Marks of a cause or purpose, for "why" questions: the explicit connectives the Penn
/// Discourse Treebank 2.0 annotates with the senses Contingency.Cause (reason, result) and
/// purpose (its manual's connective list: "because", "since", "as a result", "consequently",
/// "therefore", "thus", "hence", "accordingly", "thereby", "so that", "in order to"; the
/// ambiguous one-word "so", "as" and "for" left out), the causal prepositions of English
/// grammar ("because of", "due to", "owing to", "on account of", "thanks to"), and the
/// nouns that name a cause ("reason", "motive", "purpose"). Closed-class English, not the
/// words of any article.
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:because|since|as\s+a\s+result|consequently|therefore|thus|hence|accordingly|thereby|so\s+that|in\s+order\s+(?:to|that)|due\s+to|owing\s+to|on\s+account\s+of|thanks\s+to|reasons?|motives?|motivat\w*|purposes?)\b")
        .expect("reason pattern compiles")
});

/// The thing a quantity question counts: the word after "how many", "how much", "how big a",
/// "what number of" or "what percentage of" ("How many troops…" → "troops"), unless that
/// word is a function word ("How much did…").
pub fn quantity_focus(question: &str) -> Option<String> {
    let words: Vec<String> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let openers: [&[&str]; 6] = [
        &["how", "many"],
        &["how", "much"],
        &["how", "big", "a"],
        &["how", "large", "a"],
        &["what", "number", "of"],
        &["what", "percentage", "of"],
    ];
    for i in 0..words.len() {
        for o in openers {
            if words.len() > i + o.len() && words[i..i + o.len()] == *o {
                let next = &words[i + o.len()];
                return (!crate::analyzer::STOPWORDS.contains(&next.as_str()))
                    .then(|| next.clone());
            }
        }
    }
    None
}

/// Opening auxiliaries of a polar question about a past or completed event ("Did…", "Has…").
const POLAR_PAST: &[&str] = &["did", "has", "have", "had", "was", "were"];

/// Adverbials of eventual outcome: the event's upshot, later than its report ("Did the
/// board end up accepting?"). Closed-class English aspect and time adverbials, not words of
/// any article or question set.
static EVENTUALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:end(?:ed|s)?\s+up|eventually|in\s+the\s+end|ultimately|afterwards?)\b")
        .expect("outcome pattern compiles")
});

/// Whether a question asks whether something eventually happened: a polar question about a
/// past event with an adverbial of outcome ("So did the ban end up passing?"). A news story
/// reports up to its own day, so such questions often ask past it.
pub fn asks_outcome(question: &str) -> bool {
    let words: Vec<String> = question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let first = match words.first().map(String::as_str) {
        Some("so" | "and" | "but") => words.get(1),
        _ => words.first(),
    };
    first.is_some_and(|w| POLAR_PAST.contains(&w.as_str())) && EVENTUALLY.is_match(question)
}

/// Byte ranges of the figures in `text` ("20,000", "three", "40 percent").
pub fn figures(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    NUMBER.find_iter(text).map(|m| m.range())
}

impl Kind {
    /// Reads the kind from the question's wording.
    pub fn of(question: &str) -> Kind {
        let q = question.trim().to_lowercase();
        let starts = |p: &str| q.starts_with(p) || q.contains(&format!(" {p}"));
        if q.starts_with("when")
            || starts("what year")
            || starts("what date")
            || starts("what time")
            || starts("how long ago")
            || starts("how soon")
        {
            Kind::Time
        } else if MEASURE_OPENERS.iter().any(|o| starts(o)) {
            Kind::Quantity
        } else if q.starts_with("why") || starts("what reason") || starts("for what reason") {
            Kind::Reason
        } else if q.starts_with("who")
            || q.starts_with("whom")
            || q.starts_with("which official")
            || q.starts_with("which outlet")
            || starts("who ")
        {
            Kind::Who
        } else {
            Kind::Other
        }
    }

    /// How much a paragraph's form suits this kind of question (1.0 = neutral).
    pub fn fit(self, paragraph: &Paragraph) -> f32 {
        let text = &paragraph.text;
        match self {
            // The answer to "who" names them: a speaker carried over from an earlier
            // paragraph ("He added…") is not named here.
            Kind::Who if paragraph.attribution.carried => 1.0,
            Kind::Who if paragraph.attribution.speaker.is_some() => 1.25,
            Kind::Who => 0.85,
            Kind::Quantity if NUMBER.is_match(text) => 1.3,
            Kind::Quantity => 0.8,
            Kind::Time if TIME.is_match(text) => 1.25,
            Kind::Time => 0.85,
            Kind::Reason if REASON.is_match(text) => 1.25,
            Kind::Reason => 0.9,
            Kind::Other => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_wording() {
        assert_eq!(Kind::of("Who denied the report?"), Kind::Who);
        assert_eq!(Kind::of("How many troops?"), Kind::Quantity);
        assert_eq!(Kind::of("When did it start?"), Kind::Time);
        assert_eq!(Kind::of("Why would Islamabad take part?"), Kind::Reason);
        assert_eq!(Kind::of("isf mandate"), Kind::Other);
        assert_eq!(Kind::of("How big is the shortfall?"), Kind::Quantity);
        assert_eq!(Kind::of("At what price was it sold?"), Kind::Quantity);
        assert_eq!(Kind::of("How long ago did it start?"), Kind::Time);
        assert_eq!(Kind::of("How soon will they vote?"), Kind::Time);
    }

    #[test]
    fn quantity_questions_count_something() {
        assert_eq!(
            quantity_focus("How many troops will go?").as_deref(),
            Some("troops")
        );
        assert_eq!(
            quantity_focus("How big a loan is planned?").as_deref(),
            Some("loan")
        );
        assert_eq!(quantity_focus("How much did Tokyo pledge?"), None);
        assert_eq!(quantity_focus("Who denied it?"), None);
    }

    #[test]
    fn outcome_questions_ask_what_happened_in_the_end() {
        assert!(asks_outcome("Did the council end up approving the bridge?"));
        assert!(asks_outcome("so has the mayor eventually resigned?"));
        assert!(asks_outcome("Was the vote held in the end?"));
        assert!(!asks_outcome("Could the valve maker end up paying?"));
        assert!(!asks_outcome("Did the council approve the bridge?"));
        assert!(!asks_outcome("How did the emails end up public?"));
    }
}

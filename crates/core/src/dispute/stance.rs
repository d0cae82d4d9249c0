//! Stance of a paragraph: a `claim` (an allegation reported from another outlet or source),
//! a `denial` (rejects or rebuts a claim), a `position` (someone's own stated view), or
//! `background` (the article's own voice). General rules over the text and attribution.

use crate::attribution::Attribution;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What a paragraph does in the story's argument.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// An allegation reported from another outlet or source.
    Claim,
    /// Rejects or rebuts a claim.
    Denial,
    /// Someone's own stated position or argument.
    Position,
    /// The article's own voice.
    #[default]
    Background,
}

impl Stance {
    /// The lowercase name used in JSON and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Claim => "claim",
            Stance::Denial => "denial",
            Stance::Position => "position",
            Stance::Background => "background",
        }
    }
}

/// Words that reject or rebut, wherever they stand.
static DENIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:den(?:y|ies|ied|ials?)|reject(?:s|ed|ion)?|rubbish(?:es|ed)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|rebut(?:s|ted|tal)?|repudiat\w*|fabricat(?:ed|ion|ions)|baseless|unfounded|untrue|false(?:hood)?s?|bogus|hoax|(?:pure|mere)\s+speculation|propaganda|disinformation|misinformation|no\s+truth|categorically|never\s+(?:happened|took\s+place|held|met)|no\s+such)(?-u:\b)",
    )
    .expect("denial pattern compiles")
});

/// Negations that rebut when the speaker is already rebutting ("It added that Pakistan had not…").
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:not|never|neither|nor|no)(?-u:\b)|n[’']t(?-u:\b)")
        .expect("negation pattern compiles")
});

/// Marks of reported, unconfirmed allegation.
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:allegedly|reportedly|purportedly|alleg(?:ed|es|ing)\s+(?:in|that|on)|claim(?:ed|s)\s+that|accus(?:ed|es)|is\s+said\s+to|according\s+to\s+(?:sources|people|officials|a\s+person|two|three|several)|sources\s+(?:said|say|told|claimed))(?-u:\b)")
        .expect("reported pattern compiles")
});

/// Speakers who are unnamed sources.
static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:sources?|familiar\s+with|close\s+to|briefed|anonymity|person|people|insiders?|unnamed|who\s+asked\s+not|banker|one\s+of\s+the)(?-u:\b)")
        .expect("anonymous pattern compiles")
});

/// Stems (as the index's analyzer makes them) of the verbs of denial.
pub const DENIAL_STEMS: &[&str] = &[
    "deni",
    "deny",
    "reject",
    "rubbish",
    "dismiss",
    "refut",
    "rebut",
    "repudi",
    "disown",
    "contradict",
];

/// True when the text rejects or rebuts something.
pub fn denies(text: &str) -> bool {
    DENIAL.is_match(text)
}

/// Byte offset of the first rebutting word.
pub fn denial_at(text: &str) -> Option<usize> {
    DENIAL.find(text).map(|m| m.start())
}

/// Heads of speaker phrases that stand for unnamed people.
const UNNAMED: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "person",
    "people",
    "insider",
    "insiders",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "banker",
    "bankers",
    "executive",
    "executives",
    "employee",
    "employees",
    "member",
    "members",
    "adviser",
    "advisers",
    "someone",
    "one",
    "two",
    "three",
    "several",
];

/// True when a speaker is an unnamed source ("Officials familiar with the deliberations",
/// "Another official", "One of the people"): an anonymous head with no person's name.
pub fn is_anonymous(speaker: &str) -> bool {
    let name = speaker.split(',').next().unwrap_or(speaker);
    let head = crate::attribution::head_noun(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let personal_name = words.windows(2).any(|w| {
        w.iter().all(|x| x.starts_with(char::is_uppercase))
            && !UNNAMED.contains(&w[0].to_lowercase().as_str())
    });
    (UNNAMED.contains(&head.as_str()) || ANONYMOUS.is_match(name)) && !personal_name
}

/// Sources the article cannot name ("people familiar with", "sources close to"): what they
/// say is reported, not stated.
fn unnamed_source(speaker: &str) -> bool {
    let named = speaker
        .split(',')
        .next()
        .unwrap_or(speaker)
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase));
    ANONYMOUS.is_match(speaker) && !named
}

const REPORT_HOWS: &[&str] = &[
    "reported",
    "according to",
    "per",
    "citing",
    "claimed",
    "alleged",
    "claims",
    "reports",
    "alleges",
];

/// Classifies one paragraph. `previous` is the stance of the paragraph before it (a carried
/// continuation of a denial stays a denial when it negates).
pub fn classify(text: &str, a: &Attribution, previous: Option<Stance>) -> Stance {
    let Some(speaker) = a.speaker.as_deref() else {
        return if DENIAL.is_match(text) && text.contains(['\u{201C}', '"']) {
            Stance::Denial
        } else {
            Stance::Background
        };
    };
    let how = a.how.as_deref().unwrap_or_default();
    let how_denies = DENIAL.is_match(how) || crate::attribution::is_denial_cue(how);
    if how_denies || DENIAL.is_match(text) {
        return Stance::Denial;
    }
    if a.carried && previous == Some(Stance::Denial) && NEGATION.is_match(text) {
        return Stance::Denial;
    }
    let reported = REPORT_HOWS.contains(&how)
        || !a.cited.is_empty()
        || REPORTED.is_match(text)
        || unnamed_source(speaker);
    if reported {
        Stance::Claim
    } else {
        Stance::Position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(speaker: &str, how: &str, cited: &[&str], carried: bool) -> Attribution {
        Attribution {
            speaker: Some(speaker.into()),
            cited: cited.iter().map(|s| s.to_string()).collect(),
            how: Some(how.into()),
            carried,
            ..Default::default()
        }
    }

    #[test]
    fn stances_by_rule() {
        let outlet = said("First Post", "reported", &["CNN-News 18"], false);
        assert_eq!(
            classify(
                "Pakistan is preparing to deploy 20,000 troops.",
                &outlet,
                None
            ),
            Stance::Claim
        );
        let ministry = said("Information ministry", "said", &[], false);
        assert_eq!(
            classify("The news item is completely fabricated.", &ministry, None),
            Stance::Denial
        );
        let carried = said("Information ministry", "added", &[], true);
        assert_eq!(
            classify(
                "It added that Pakistan had not proposed any deployment.",
                &carried,
                Some(Stance::Denial)
            ),
            Stance::Denial
        );
        let officials = said("Officials in Islamabad", "argue", &[], false);
        assert_eq!(
            classify(
                "Participation stems from moral responsibility.",
                &officials,
                None
            ),
            Stance::Position
        );
        let anon = said(
            "Officials familiar with the deliberations",
            "said",
            &[],
            false,
        );
        assert_eq!(
            classify("Discussions were at an advanced stage.", &anon, None),
            Stance::Claim
        );
        assert_eq!(
            classify(
                "The ISF would maintain security.",
                &Attribution::default(),
                None
            ),
            Stance::Background
        );
    }

    #[test]
    fn anonymity_is_about_names() {
        assert!(is_anonymous("Officials familiar with the deliberations"));
        assert!(is_anonymous("top intelligence sources"));
        assert!(!is_anonymous(
            "Rana Sanaullah, Adviser to the Prime Minister"
        ));
        assert!(!is_anonymous("Information ministry"));
        assert!(is_anonymous("Another official"));
        assert!(is_anonymous("Officials in Islamabad"));
        assert!(is_anonymous("One of the people"));
        assert!(!is_anonymous("Analysts at Banco Andino"));
    }
}

//! How the article itself writes each word, for telling a name from a capital that only
//! opens a sentence (document-level truecasing): "Rates of around 2.90 marks…" or "In
//! response to market rumours…" is not a speaker, because the article writes "rates" and
//! "in" in lowercase elsewhere; "Citicorp" is, because it never does. A common noun can
//! still head a speaker when it names who or what can say something ("Deputies from three
//! provinces said"): WordNet's persons, groups and messages (`nouns.rs`).

use super::lexicon::SPEAKER_NOUNS;
use super::names::head;
use super::nouns::is_agent_noun;
use std::collections::HashSet;

/// The words an article writes in lowercase, and the capitalised ones it writes mid-sentence.
#[derive(Debug, Default)]
pub struct Casing {
    lower: HashSet<String>,
    capital_mid_sentence: HashSet<String>,
}

impl Casing {
    /// Reads every paragraph of one article.
    pub fn of(paragraphs: &[&str]) -> Casing {
        let mut casing = Casing::default();
        for text in paragraphs {
            let mut opens = true;
            for raw in text.split_whitespace() {
                let word = core(raw);
                // A quotation's first word opens a sentence too.
                let quoted = raw.starts_with(|c: char| !c.is_alphanumeric());
                if let Some(first) = word.chars().next() {
                    if first.is_lowercase() {
                        casing.lower.insert(word.to_string());
                    } else if first.is_uppercase() && !opens && !quoted {
                        casing.capital_mid_sentence.insert(word.to_lowercase());
                    }
                }
                // After a full stop (or a colon, or a dash standing alone) a sentence opens.
                let end = raw.trim_end_matches(['"', '\'', '’', '”', ')']);
                opens = end.ends_with(['.', '!', '?', ':']) || word.is_empty();
            }
        }
        casing
    }

    /// Whether `word` (as written) is written as a name: capitals after its first letter
    /// ("CNN-News", "McCain", "US"), or a capital the article also gives it mid-sentence, or
    /// a word the article never writes in lowercase.
    pub fn is_name(&self, word: &str) -> bool {
        let w = core(word);
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        if chars.any(char::is_uppercase) {
            return true;
        }
        let lower = w.to_lowercase();
        self.capital_mid_sentence.contains(&lower) || !self.lower.contains(&lower)
    }

    /// Whether a subject the rules read before or after a reporting verb can name a speaker
    /// in this article: a speaking noun heads it ("officials", "a Citicorp spokesman"), or
    /// one of its words is written as a name ([`Casing::is_name`]).
    pub fn names_someone(&self, np: &str) -> bool {
        let h = head(np);
        SPEAKER_NOUNS.contains(&h.as_str())
            || is_agent_noun(&h)
            || np.split_whitespace().any(|w| self.is_name(w))
    }
}

/// A word without the punctuation around it, and without a possessive.
fn core(raw: &str) -> &str {
    let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_opening_capital_is_not_a_name() {
        let c = Casing::of(&[
            "Rates of around 2.90 marks were seen. Interest rates rose, Citicorp said.",
            "In response, the group said it would wait. Group profits fell in the year.",
        ]);
        assert!(!c.is_name("Rates"));
        assert!(!c.is_name("In"));
        assert!(!c.is_name("Group"));
        assert!(c.is_name("Citicorp"));
        assert!(c.is_name("Citicorp's"));
        assert!(!c.is_name("rates"));
    }

    #[test]
    fn a_capital_mid_sentence_or_inside_a_word_is_a_name() {
        let c = Casing::of(&[
            "Prices rose sharply. Analyst John Rose said so, and the U.S. agreed.",
            "The us and them of it. Rose added more.",
        ]);
        assert!(c.is_name("Rose"));
        assert!(c.is_name("U.S."));
        assert!(c.is_name("McCain"));
    }

    #[test]
    fn a_common_noun_for_a_person_group_or_message_can_speak() {
        let c =
            Casing::of(&["Deputies met. The deputies, rates and filings were many, but we knew."]);
        assert!(c.names_someone("Deputies from three provinces"));
        assert!(c.names_someone("Women"));
        assert!(c.names_someone("officials"));
        assert!(!c.names_someone("Rates of around 2.90 marks"));
        assert!(!c.names_someone("But we"));
    }
}

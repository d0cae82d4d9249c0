//! Whom a question asks about as a speaker: "What did the ministry say…", "How did Kuwait
//! deny…", "Did Iran explain…" (an auxiliary, a subject, then a verb of speech from the
//! attribution lexicon). An article whose attributions never name that subject cannot
//! answer what the subject said; a paragraph whose speaker is that subject answers it best.

use crate::analyzer::STOPWORDS;
use crate::attribution::{is_speech_verb, is_title_word};

/// Auxiliaries that open a question about what someone said (closed-class English).
const AUXILIARIES: &[&str] = &[
    "did", "does", "do", "has", "have", "had", "will", "would", "is", "are", "was", "were", "can",
    "could", "should", "might",
];
/// The forms of "be" among them.
const BE: &[&str] = &["is", "are", "was", "were"];
/// The longest subject read, in words.
const MAX_SUBJECT: usize = 7;

/// The subject a question asks about as a speaker, as lowercase key words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    keys: Vec<String>,
}

impl Asked {
    /// Reads the subject from `question`, when it asks what someone said.
    pub fn of(question: &str) -> Option<Asked> {
        let question = undotted(question);
        let words: Vec<&str> = question
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        let aux = words
            .iter()
            .take(3)
            .position(|w| AUXILIARIES.contains(&w.to_lowercase().as_str()))?;
        // After a form of "be" only a present participle ("is London demanding"), never a
        // passive ("was Pakistan promised").
        let be = BE.contains(&words[aux].to_lowercase().as_str());
        let subject_end = (aux + 2..words.len().min(aux + 2 + MAX_SUBJECT)).find(|&j| {
            // A capitalised word mid-question is a name ("the State Department"), not a verb.
            let verb = words[j];
            verb.chars().next().is_some_and(char::is_lowercase)
                && is_speech_verb(verb)
                && (!be || verb.ends_with("ing"))
        })?;
        let subject: Vec<String> = words[aux + 1..subject_end]
            .iter()
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .trim_end_matches(['\'', '’'])
            })
            .filter(|w| {
                !w.is_empty() && (is_acronym(w) || !STOPWORDS.contains(&w.to_lowercase().as_str()))
            })
            .map(str::to_string)
            .collect();
        // Only a named subject can be looked for: "the company" or "the minister" is whoever
        // the article calls so, which attribution has already resolved to a name.
        let pool: Vec<&String> = subject
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        // Titles only when nothing else names the subject.
        let untitled: Vec<&String> = pool
            .iter()
            .copied()
            .filter(|w| !is_title_word(&w.to_lowercase()))
            .collect();
        let keys: Vec<String> = if untitled.is_empty() { pool } else { untitled }
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        (!keys.is_empty()).then_some(Asked { keys })
    }

    /// Whether `who` (a speaker or a cited source) names the asked subject: each of its key
    /// words is a word of `who`, names the same country, or shares most of its letters with
    /// one ("Kuwait", "Kuwaiti").
    pub fn named_in(&self, who: &str) -> bool {
        let who = undotted(who).to_lowercase();
        let words: Vec<&str> = who
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        self.keys
            .iter()
            .all(|k| words.iter().any(|w| same_word(k, w)))
    }
}

/// "U.S." as "US": dots between capitals dropped, so an acronym is one word however written.
fn undotted(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == '.'
                && i > 0
                && chars[i - 1].is_uppercase()
                && (i < 2 || !chars[i - 2].is_alphanumeric() || chars[i - 2] == '.'))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// "US", "UN": capitals that are a name even where the lowercase word is a stopword.
fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// The same word, the same country ("Tokyo"/"Japanese", from [`crate::places`]), or one of
/// a pair of forms sharing a stem of at least four letters and two thirds of the shorter
/// ("Kuwait"/"Kuwaiti", "Turkey"/"Turkish", "China"/"Chinese").
fn same_word(a: &str, b: &str) -> bool {
    if a == b || crate::places::same_country(a, b) {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 4 && 3 * common >= 2 * shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(q: &str) -> Option<Vec<String>> {
        Asked::of(q).map(|a| a.keys)
    }

    #[test]
    fn reads_the_subject_of_a_saying_question() {
        assert_eq!(
            keys("What did the State Department say about it?"),
            Some(vec!["department".into()])
        );
        assert_eq!(
            keys("How did Kuwait's government reply?"),
            Some(vec!["kuwait".into()])
        );
        assert_eq!(
            keys("Did Iran deny it received the gear?"),
            Some(vec!["iran".into()])
        );
        assert_eq!(
            keys("What did Prime Minister Mulroney say?"),
            Some(vec!["mulroney".into()])
        );
        assert_eq!(keys("What is London saying?"), Some(vec!["london".into()]));
        assert_eq!(
            keys("What did the U.S. trade panel say?"),
            Some(vec!["us".into()])
        );
    }

    #[test]
    fn other_questions_ask_about_no_speaker() {
        assert_eq!(keys("Who denied the report?"), None);
        assert_eq!(keys("How many troops will Pakistan send?"), None);
        assert_eq!(keys("What did he say?"), None);
        assert_eq!(keys("What did the ministry say?"), None);
        assert_eq!(keys("What was Pakistan promised?"), None);
        assert_eq!(keys("What supplies did Beijing promise?"), None);
        assert_eq!(keys("What will the force do in Gaza?"), None);
    }

    #[test]
    fn names_match_their_forms() {
        let a = Asked::of("How did Kuwait reply?").unwrap();
        assert!(a.named_in("Kuwaiti officials"));
        assert!(!a.named_in("the Reagan administration"));
        let s = Asked::of("What did Japan's opposition Socialists say?").unwrap();
        assert!(!s.named_in("Japanese officials"));
        assert!(s.named_in("the Japan Socialist Party"));
        let t = Asked::of("What did Turkey's prime minister say?").unwrap();
        assert!(t.named_in("Turkish Prime Minister Turgut Ozal"));
        let j = Asked::of("What did Tokyo announce?").unwrap();
        assert!(j.named_in("a Japanese official"));
        let u = Asked::of("What did the US say?").unwrap();
        assert!(u.named_in("US officials"));
        assert!(!u.named_in("USSR officials"));
        assert!(u.named_in("the U.S. International Trade Commission"));
    }
}

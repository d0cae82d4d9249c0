//! Common nouns by what they name, drawn from WordNet 3.0 by `scripts/make-agent-nouns.py`
//! rather than from any article: who or what can say something ("deputies", "report"), and
//! which of them are organisations ("company", "bank", "utility"); and the verb forms read
//! more often as nouns ("gas", `scripts/make-noun-first-verbs.py`).

use std::collections::HashSet;
use std::sync::LazyLock;

/// Plural endings and their singulars, as WordNet's morphology reads them (morphy(7WN)).
const PLURALS: [(&str, &str); 8] = [
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];

/// WordNet 3.0's nouns whose first sense is a person, a group or a communication
/// (`scripts/make-agent-nouns.py`).
static AGENT_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| words(include_str!("agent-nouns.txt")));

/// Whether lowercase `word`, or its singular ([`PLURALS`]), is an agent noun.
pub fn is_agent_noun(word: &str) -> bool {
    in_list(&AGENT_NOUNS, word)
}

/// WordNet 3.0's nouns with a sense under organization.n.01 (`scripts/make-agent-nouns.py
/// --organisations`): "the company said" names an organisation.
static ORGANISATION_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| words(include_str!("organisation-nouns.txt")));

/// Whether lowercase `word`, or its singular, is an organisation noun.
pub fn is_organisation_noun(word: &str) -> bool {
    in_list(&ORGANISATION_NOUNS, word)
}

/// Verb forms WordNet 3.0's concordance tags more often as nouns ("gas", "figures",
/// "comment"; `scripts/make-noun-first-verbs.py`).
static NOUN_FIRST_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| words(include_str!("noun-first-verbs.txt")));

/// Whether lowercase `word` is a verb form read more often as a noun: as a reporting verb it
/// must show it is one.
pub fn is_noun_first_verb(word: &str) -> bool {
    NOUN_FIRST_VERBS.contains(word)
}

/// A generated list's words, one a line, after its `#` header.
fn words(list: &'static str) -> HashSet<&'static str> {
    list.lines().filter(|l| !l.starts_with('#')).collect()
}

/// Whether `word`, or its singular ([`PLURALS`]), is in `list`.
fn in_list(list: &HashSet<&str>, word: &str) -> bool {
    list.contains(word)
        || PLURALS.iter().any(|(plural, singular)| {
            word.strip_suffix(plural)
                .is_some_and(|stem| list.contains(format!("{stem}{singular}").as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_that_are_mostly_nouns_are_known() {
        assert!(is_noun_first_verb("gas") && is_noun_first_verb("figures"));
        assert!(!is_noun_first_verb("said") && !is_noun_first_verb("warns"));
    }

    #[test]
    fn nouns_are_read_with_their_plurals() {
        assert!(is_agent_noun("deputies"));
        assert!(is_agent_noun("women"));
        assert!(!is_agent_noun("rates"));
        assert!(is_organisation_noun("company"));
        assert!(is_organisation_noun("banks"));
        assert!(!is_organisation_noun("analyst"));
    }
}

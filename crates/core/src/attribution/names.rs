//! Speaker names: tidying a subject noun phrase into a display name ("Adviser to the Prime
//! Minister Rana Sanaullah" → "Rana Sanaullah, Adviser to the Prime Minister"), head nouns,
//! and resolving "the ministry" or a bare surname to the fuller name used earlier.

use super::lexicon::{HONORIFICS, SPEAKER_NOUNS, TITLE_WORDS};

const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "from", "for", "with", "to", "on", "close", "familiar", "near", "across",
    "inside", "within", "who", "which", "by", "under", "over", "among", "behind",
];

/// Lower-case particles inside names ("Jornal do Tejo", "Ursula von der Leyen").
pub const PARTICLES: &[&str] = &[
    "de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "van", "von", "der", "den",
    "la", "le", "al", "bin", "ibn", "y", "e",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those"];

/// Lowercased word without surrounding punctuation.
pub fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_capitalised(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The head noun of a noun phrase: the last word before its first preposition or relative word.
pub fn head(np: &str) -> String {
    let mut words: Vec<&str> = np.split_whitespace().collect();
    // "one of the people", "some of the residents": the head is what they are part of.
    const PARTS: &[&str] = &[
        "one", "some", "many", "two", "three", "several", "most", "none", "each", "both", "all",
        "another", "few",
    ];
    if words.len() > 2 && PARTS.contains(&bare(words[0]).as_str()) && bare(words[1]) == "of" {
        words.drain(..2);
        if words
            .first()
            .is_some_and(|w| ["the", "its", "their", "his", "her"].contains(&bare(w).as_str()))
        {
            words.remove(0);
        }
    }
    let cut = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&bare(w).as_str()) || w.ends_with(','))
        .map(|i| if words[i].ends_with(',') { i + 1 } else { i })
        .unwrap_or(words.len());
    words[..cut.max(1).min(words.len())]
        .last()
        .map(|w| bare(w))
        .unwrap_or_default()
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s')
        .filter(|w| w.len() > 2)
        .unwrap_or(word)
}

/// True when two generic speakers share a head noun ("sources", "top intelligence sources").
pub fn same_head(a: &str, b: &str) -> bool {
    let (ha, hb) = (head(a), head(b));
    !ha.is_empty()
        && singular(&ha) == singular(&hb)
        && (SPEAKER_NOUNS.contains(&ha.as_str()) || SPEAKER_NOUNS.contains(&hb.as_str()))
}

/// Words a noun phrase cannot end on: what joins it to more words (conjunctions,
/// prepositions, articles; closed-class English).
const JOINING_WORDS: &[&str] = &[
    "and", "or", "nor", "but", "of", "to", "for", "from", "with", "by", "at", "in", "on", "the",
    "a", "an",
];

/// A piece of a clause rather than a noun phrase: it ends on a word that joins it to more
/// ("… from the U.S. and"). (Opening with a preposition is no sign: "In January Secretary
/// of State George Shultz told…".)
fn is_fragment(words: &[String]) -> bool {
    words
        .last()
        .is_some_and(|w| JOINING_WORDS.contains(&w.as_str()))
}

/// Whether a subject the rules read can name a speaker: what [`names_source`] accepts, or a
/// noun whose first WordNet sense is a person, group or message (`agent-nouns.txt`) heading
/// a phrase of at most three words ("parliamentarians said"), or ending one of at most five
/// ("the meat and poultry industries have said", not "the tone of internal consultations");
/// a longer one is more likely a clause than a speaker.
pub fn can_speak(np: &str) -> bool {
    let words: Vec<String> = np.split_whitespace().map(bare).collect();
    if is_fragment(&words) {
        return false;
    }
    let h = head(np);
    let short = words.len() <= 3 || (words.len() <= 5 && words.last() == Some(&h));
    names_source(np) || (short && super::nouns::is_agent_noun(&h))
}

/// Whether the noun phrase can be a source, in a citation chain too: a speaking noun
/// (`lexicon::SPEAKER_NOUNS`) heads it, or it names someone.
fn names_source(np: &str) -> bool {
    let words: Vec<&str> = np.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    let h = head(np);
    if SPEAKER_NOUNS.contains(&h.as_str()) {
        return true;
    }
    // "The utility said": an organisation described by its kind (WordNet), which attribution
    // then resolves to the organisation named before.
    if words.len() <= 3 && bare(words[0]) == "the" && super::nouns::is_organisation_noun(&h) {
        return true;
    }
    // A proper name: a capitalised word that is not just the sentence's opening determiner.
    words.iter().enumerate().any(|(i, w)| {
        is_capitalised(w)
            && !(i == 0 && DETERMINERS.contains(&bare(w).as_str()))
            && ![
                "many", "some", "most", "all", "such", "its", "his", "her", "their", "our",
            ]
            .contains(&bare(w).as_str())
    })
}

/// Whether a cited entry reads as a source (a person, organisation, publication, document or
/// "sources") rather than a clause fragment: short, no verb of its own, no figures, not
/// ending on a conjunction or article, and a name or a speaking noun at its head. (The
/// number words are general English, for figures written out.)
pub fn is_source(np: &str) -> bool {
    const CLAUSE_MARKS: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should",
        "did", "does", "not", "that", "it", "there",
    ];
    let words: Vec<String> = np.split_whitespace().map(bare).collect();
    let Some(last) = words.last() else {
        return false;
    };
    words.len() <= 8
        // Figures ("2.6 billion", "40%"), not a name's number ("CNN-News 18").
        && !np.split_whitespace().any(|w| {
            w.chars().any(|c| c.is_ascii_digit()) && w.contains(['.', ',', '%', '$'])
        })
        && !words.iter().any(|w| ["billion", "million", "percent", "pct"].contains(&w.as_str()))
        && !words.iter().any(|w| CLAUSE_MARKS.contains(&w.as_str()))
        && !["and", "or", "the", "a", "an", "of", "in", "for"].contains(&last.as_str())
        && names_source(np)
}

/// The display form of a speaking noun phrase.
pub fn display(np: &str) -> String {
    let mut words: Vec<&str> = np.split_whitespace().collect();
    if words.first().is_some_and(|w| bare(w) == "the") && words.len() > 1 {
        words.remove(0);
    }
    let text = reorder_title(&words).unwrap_or_else(|| words.join(" "));
    let text = text.trim_end_matches([',', ';', ':']).to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// "Health Minister Jane Okafor" → "Jane Okafor, Health Minister"; "Indian news outlet First
/// Post" → "First Post". `None` when the phrase does not end in a name after a description.
fn reorder_title(words: &[&str]) -> Option<String> {
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let b = bare(w);
        let particle = PARTICLES.contains(&w)
            && start < words.len()
            && start >= 2
            && is_capitalised(words[start - 2]);
        if !particle
            && (!is_capitalised(w)
                || TITLE_WORDS.contains(&b.as_str())
                || SPEAKER_NOUNS.contains(&b.as_str()))
        {
            break;
        }
        start -= 1;
    }
    if start > 0 && HONORIFICS.contains(&bare(words[start - 1]).as_str()) {
        start -= 1;
    }
    let name = &words[start..];
    let prefix = &words[..start];
    let name_is_real = name.len() >= 2
        || name
            .first()
            .is_some_and(|w| w.chars().any(|c| c.is_lowercase()));
    if name.is_empty() || prefix.is_empty() || !name_is_real {
        return None;
    }
    let last = bare(prefix.last()?);
    if PREPOSITIONS.contains(&last.as_str())
        || DETERMINERS.contains(&last.as_str())
        || last.ends_with("'s")
    {
        return None;
    }
    // "Daily Courier", "New York Times": a capitalised prefix with no title is part of the name.
    let proper_prefix = prefix.iter().all(|w| is_capitalised(w));
    if proper_prefix
        && !prefix
            .iter()
            .any(|w| TITLE_WORDS.contains(&bare(w).as_str()))
    {
        return None;
    }
    let has_title = prefix
        .iter()
        .any(|w| TITLE_WORDS.contains(&bare(w).as_str()) && bare(w) != "information");
    if has_title {
        Some(format!("{}, {}", name.join(" "), prefix.join(" ")))
    } else {
        Some(name.join(" "))
    }
}

/// Company legal forms as English-language news writes them after a name (ISO 20275's
/// entity legal forms for the US, UK, Germany, France, Italy and the Netherlands):
/// "Northwind Shipping Ltd" is an organisation; "an expert from the RAND Corp" need not be.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "plc",
    "llc",
    "ag",
    "gmbh",
    "sa",
    "spa",
    "nv",
    "bv",
];

/// Nouns for organisations, which are "it" and "they" but never "he" or "she".
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "office",
    "government",
    "department",
    "agency",
    "company",
    "firm",
    "bank",
    "council",
    "committee",
    "board",
    "union",
    "party",
    "group",
    "organisation",
    "organization",
    "commission",
    "association",
    "federation",
    "network",
    "newspaper",
    "outlet",
    "channel",
    "broadcaster",
    "daily",
    "paper",
    "website",
    "institute",
    "university",
    "hospital",
    "charity",
    "court",
    "police",
    "army",
    "military",
    "administration",
    "embassy",
    "report",
    "statement",
    "study",
    "survey",
    "poll",
    "media",
    "cabinet",
    "coalition",
    "alliance",
    "authority",
    "bureau",
    "service",
    "station",
    "radio",
    "magazine",
    "weekly",
];

/// Singular nouns for people.
const PERSON_NOUNS: &[&str] = &[
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "analyst",
    "adviser",
    "advisor",
    "mayor",
    "president",
    "secretary",
    "chief",
    "director",
    "executive",
    "banker",
    "researcher",
    "person",
    "source",
    "expert",
    "lawyer",
    "judge",
    "governor",
    "senator",
    "economist",
    "scientist",
    "doctor",
    "resident",
    "witness",
    "diplomat",
    "aide",
    "leader",
    "head",
    "chairman",
    "chairwoman",
    "ceo",
    "founder",
    "professor",
    "consultant",
    "obstetrician",
    "mother",
    "father",
    "woman",
    "man",
    "teacher",
    "student",
    "worker",
    "employee",
    "manager",
    "owner",
    "officer",
    "commander",
    "envoy",
    "ambassador",
    "editor",
    "reporter",
    "journalist",
    "activist",
    "campaigner",
    "councillor",
    "midwife",
    "nurse",
    "banker",
    "investor",
    "engineer",
    "historian",
    "planner",
];

/// What kind of speaker a name stands for, so pronouns find the right one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Entity {
    /// One person: "he", "she".
    Person,
    /// People: "they".
    Group,
    /// An organisation or publication: "it", "they".
    Organisation,
    /// Not known.
    #[default]
    Unknown,
}

/// Classifies a speaking noun phrase as written, descriptions included
/// ("Business daily El Diario", "Dr Helen Marsh, a consultant").
pub fn classify(raw: &str) -> Entity {
    let name = raw.split(',').next().unwrap_or(raw);
    let words: Vec<String> = raw.split_whitespace().map(bare).collect();
    let h = head(name);
    let titled = |w: &String| {
        HONORIFICS.contains(&w.as_str())
            || (TITLE_WORDS.contains(&w.as_str()) && PERSON_NOUNS.contains(&w.as_str()))
            || [
                "minister",
                "president",
                "secretary",
                "commander",
                "adviser",
                "advisor",
                "mayor",
                "governor",
                "senator",
                "chancellor",
                "premier",
            ]
            .contains(&w.as_str())
    };
    // "John Krieger, a union official": the description's head says what the name is.
    let described = raw.split_once(',').map(|(_, d)| head(d.trim()));
    if described.is_some_and(|d| PERSON_NOUNS.contains(&d.as_str())) {
        Entity::Person
    } else if INSTITUTIONS.contains(&h.as_str()) || LEGAL_FORMS.contains(&h.as_str()) {
        Entity::Organisation
    } else if PERSON_NOUNS.contains(&h.as_str()) {
        Entity::Person
    } else if is_plural(name) {
        Entity::Group
    } else if words.iter().any(titled)
        || words.iter().any(|w| PERSON_NOUNS.contains(&w.as_str()))
            && !words.iter().any(|w| INSTITUTIONS.contains(&w.as_str()))
    {
        Entity::Person
    } else if words.iter().any(|w| INSTITUTIONS.contains(&w.as_str())) {
        Entity::Organisation
    } else {
        Entity::Unknown
    }
}

/// True when a speaker is a group of people ("Officials in Islamabad", "Analysts at X").
pub fn is_plural(speaker: &str) -> bool {
    let h = head(speaker.split(',').next().unwrap_or(speaker));
    h.ends_with('s') && !h.ends_with("ss") && SPEAKER_NOUNS.contains(&h.as_str())
        || h == "police"
        || h == "people"
}

/// Resolves a short reference ("Ministry" from "the ministry", or a bare surname) to the most
/// recent fuller speaker name it points to.
pub fn corefer(name: &str, known: &[String], definite: bool) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let target = match words.as_slice() {
        [one] if !SPEAKER_NOUNS.contains(&bare(one).as_str()) => bare(one),
        [..] if definite && words.len() <= 2 && SPEAKER_NOUNS.contains(&head(name).as_str()) => {
            head(name)
        }
        _ => return name.to_string(),
    };
    known
        .iter()
        .rev()
        .find(|k| {
            // The name itself, not what a preposition attaches to it: "NBC" is not "A
            // spokeswoman for NBC".
            let name_part = k.split(',').next().unwrap_or(k);
            k.len() > name.len()
                && name_part
                    .split_whitespace()
                    .take_while(|w| !PREPOSITIONS.contains(w))
                    .any(|w| bare(w) == target || singular(&bare(w)) == singular(&target))
        })
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_ending_on_a_joining_word_cannot_speak() {
        assert!(!can_speak("from the Commission and"));
        assert!(!can_speak("ministers of the"));
        assert!(can_speak("the Commission"));
        assert!(can_speak("Smith and Co"));
    }

    #[test]
    fn titles_move_after_names_and_descriptions_drop() {
        assert_eq!(
            display("Adviser to the Prime Minister on Political Affairs Rana Sanaullah"),
            "Rana Sanaullah, Adviser to the Prime Minister on Political Affairs"
        );
        assert_eq!(display("Indian news outlet First Post"), "First Post");
        assert_eq!(
            display("Health Minister Jane Okafor"),
            "Jane Okafor, Health Minister"
        );
        assert_eq!(display("the information ministry"), "Information ministry");
        assert_eq!(display("Officials in Islamabad"), "Officials in Islamabad");
        assert_eq!(display("The Foreign Office"), "Foreign Office");
        assert_eq!(display("CNN-News 18"), "CNN-News 18");
        assert_eq!(display("Dr Samuel Reyes"), "Dr Samuel Reyes");
        assert_eq!(display("The Daily Courier"), "Daily Courier");
        assert_eq!(
            display("US President Donald Trump"),
            "Donald Trump, US President"
        );
    }

    #[test]
    fn heads_and_speakers() {
        assert_eq!(head("officials close to the discussions"), "officials");
        assert!(same_head("sources", "top intelligence sources"));
        assert!(!same_head("CNN-News 18", "First Post"));
        assert!(can_speak("Officials familiar with the deliberations"));
        assert!(can_speak("First Post"));
        assert!(!can_speak("the tone of internal consultations"));
        assert!(!can_speak("the"));
    }

    #[test]
    fn short_references_resolve_to_earlier_names() {
        let known = vec![
            "Information ministry".to_string(),
            "Rana Sanaullah, Adviser".to_string(),
        ];
        assert_eq!(corefer("Ministry", &known, true), "Information ministry");
        assert_eq!(
            corefer("Sanaullah", &known, false),
            "Rana Sanaullah, Adviser"
        );
        assert_eq!(corefer("Officials", &known, false), "Officials");
    }
}

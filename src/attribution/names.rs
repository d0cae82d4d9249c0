//! Speaker names: tidying a subject noun phrase into a display name ("Adviser to the Prime
//! Minister Rana Sanaullah" → "Rana Sanaullah, Adviser to the Prime Minister"), head nouns,
//! and resolving "the ministry" or a bare surname to the fuller name used earlier.

use super::lexicon::{HONORIFICS, SPEAKER_NOUNS, TITLE_WORDS};

const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "from", "for", "with", "to", "on", "close", "familiar", "near", "across",
    "inside", "within", "who", "which", "by", "under", "over", "among", "behind",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those"];

/// Lowercased word without surrounding punctuation.
pub fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_capitalised(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The head noun of a noun phrase: the last word before its first preposition or relative word.
pub fn head(np: &str) -> String {
    let words: Vec<&str> = np.split_whitespace().collect();
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
    word.strip_suffix('s').filter(|w| w.len() > 2).unwrap_or(word)
}

/// True when two generic speakers share a head noun ("sources", "top intelligence sources").
pub fn same_head(a: &str, b: &str) -> bool {
    let (ha, hb) = (head(a), head(b));
    !ha.is_empty()
        && singular(&ha) == singular(&hb)
        && (SPEAKER_NOUNS.contains(&ha.as_str()) || SPEAKER_NOUNS.contains(&hb.as_str()))
}

/// True when the noun phrase can be a speaker: a speaking noun heads it, or it names someone.
pub fn can_speak(np: &str) -> bool {
    let words: Vec<&str> = np.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    if SPEAKER_NOUNS.contains(&head(np).as_str()) {
        return true;
    }
    // A proper name: a capitalised word that is not just the sentence's opening determiner.
    words.iter().enumerate().any(|(i, w)| {
        is_capitalised(w)
            && !(i == 0 && DETERMINERS.contains(&bare(w).as_str()))
            && !["many", "some", "most", "all", "such", "its", "his", "her", "their", "our"]
                .contains(&bare(w).as_str())
    })
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
        if !is_capitalised(w) || TITLE_WORDS.contains(&b.as_str()) || SPEAKER_NOUNS.contains(&b.as_str()) {
            break;
        }
        start -= 1;
    }
    if start > 0 && HONORIFICS.contains(&bare(words[start - 1]).as_str()) {
        start -= 1;
    }
    let name = &words[start..];
    let prefix = &words[..start];
    let name_is_real = name.len() >= 2 || name.first().is_some_and(|w| w.chars().any(|c| c.is_lowercase()));
    if name.is_empty() || prefix.is_empty() || !name_is_real {
        return None;
    }
    let last = bare(prefix.last()?);
    if PREPOSITIONS.contains(&last.as_str()) || DETERMINERS.contains(&last.as_str()) || last.ends_with("'s") {
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

/// Resolves a short reference ("Ministry" from "the ministry", or a bare surname) to the most
/// recent fuller speaker name it points to.
pub fn corefer(name: &str, known: &[String], definite: bool) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let target = match words.as_slice() {
        [one] if !SPEAKER_NOUNS.contains(&bare(one).as_str()) => bare(one),
        [..] if definite && words.len() <= 2 && SPEAKER_NOUNS.contains(&head(name).as_str()) => head(name),
        _ => return name.to_string(),
    };
    known
        .iter()
        .rev()
        .find(|k| {
            k.len() > name.len()
                && k.split_whitespace().any(|w| bare(w) == target || singular(&bare(w)) == singular(&target))
        })
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_move_after_names_and_descriptions_drop() {
        assert_eq!(
            display("Adviser to the Prime Minister on Political Affairs Rana Sanaullah"),
            "Rana Sanaullah, Adviser to the Prime Minister on Political Affairs"
        );
        assert_eq!(display("Indian news outlet First Post"), "First Post");
        assert_eq!(display("Health Minister Jane Okafor"), "Jane Okafor, Health Minister");
        assert_eq!(display("the information ministry"), "Information ministry");
        assert_eq!(display("Officials in Islamabad"), "Officials in Islamabad");
        assert_eq!(display("The Foreign Office"), "Foreign Office");
        assert_eq!(display("CNN-News 18"), "CNN-News 18");
        assert_eq!(display("Dr Samuel Reyes"), "Dr Samuel Reyes");
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
        let known = vec!["Information ministry".to_string(), "Rana Sanaullah, Adviser".to_string()];
        assert_eq!(corefer("Ministry", &known, true), "Information ministry");
        assert_eq!(corefer("Sanaullah", &known, false), "Rana Sanaullah, Adviser");
        assert_eq!(corefer("Officials", &known, false), "Officials");
    }
}

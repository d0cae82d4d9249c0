//! What stands right after a reporting verb: the speaker of an inverted verb ("said Maria
//! Lopez, a spokeswoman for…"), a person named after "said" whatever clause came before it,
//! and the listener of "told" ("told Reuters").

use super::super::lexicon::{PRONOUNS, TELL_VERBS, TIME_WORDS};
use super::super::names::{bare, can_speak, classify, display, Entity};
use super::subject::trim_between;
use super::{named, noun_like, sentences::abbreviates, Subject, FINITE};

/// The raw text after `end` up to punctuation or a quotation.
pub(super) fn phrase_after(
    text: &str,
    masked: &str,
    end: usize,
    sentence_end: usize,
) -> Option<String> {
    let rest = &masked[end..sentence_end];
    let stop = rest
        .find([
            '.', ';', ':', '!', '?', '\u{201C}', '"', '\u{201D}', '(', ',',
        ])
        .unwrap_or(rest.len());
    let raw = text[end..end + stop].trim();
    (!raw.is_empty()).then(|| raw.to_string())
}

/// A phrase cut before a clause or a time/place adjunct: "two people briefed on the matter"
/// stays whole, "officials that the talks…" loses its clause.
pub(super) fn cut_phrase(raw: &str) -> String {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let cut = words
        .iter()
        .position(|w| {
            [
                "that", "as", "after", "before", "when", "while", "if", "whether",
            ]
            .contains(&bare(w).as_str())
        })
        .unwrap_or(words.len());
    let mut words = words[..cut].to_vec();
    trim_between(&mut words);
    words.join(" ")
}

/// A person named right after a saying verb is its subject, whatever stands before the verb:
/// "Incidents like this happen, said Mr Thiemann, because…", "There are other pressures …
/// said Dominic Hirsch, managing director of …". The name must be capitalised words only, and
/// a person by its title or description, or else end the sentence ("…, said Jane Roe."); a
/// listener is never inverted ("told Reuters"), nor a time ("said Monday").
pub(super) fn person_after(
    text: &str,
    masked: &str,
    end: usize,
    sentence_end: usize,
    verb: &str,
) -> Option<Subject> {
    if TELL_VERBS.contains(&verb) || noun_like(verb) {
        return None;
    }
    let rest = &masked[end..sentence_end];
    if !rest.starts_with(' ') {
        return None;
    }
    let stop = name_end(rest, true);
    let words: Vec<&str> = text[end..end + stop].split_whitespace().collect();
    let capitalised = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !TIME_WORDS.contains(&bare(words[0]).as_str());
    if !capitalised {
        return None;
    }
    let closes = rest[stop..]
        .trim_start_matches(['.', ' '])
        .trim_start_matches(['\u{201D}', '"', '(', ')'])
        .is_empty();
    let subject = inverted_speaker(text, masked, end, sentence_end)?;
    let person = match &subject {
        Subject::Named { name, entity, .. } => {
            *entity == Entity::Person
                || classify(&text[end..sentence_end]) == Entity::Person
                || (closes && words.len() >= 2 && *entity == Entity::Unknown && can_speak(name))
        }
        _ => false,
    };
    person.then_some(subject)
}

/// Where a name after a verb ends in `rest`: at punctuation or a quotation (at a comma too,
/// with `at_comma`), but not at a title's full stop ("said Rep. James Olin").
pub(super) fn name_end(rest: &str, at_comma: bool) -> usize {
    rest.match_indices([
        '.', ',', ';', ':', '!', '?', '\u{201C}', '"', '\u{201D}', '(',
    ])
    .find(|&(i, c)| (c != "," || at_comma) && (c != "." || !abbreviates(rest, i)))
    .map_or(rest.len(), |(i, _)| i)
}

/// The speaker named after an inverted verb: "said Maria Lopez, a spokeswoman for the firm".
pub(super) fn inverted_speaker(
    text: &str,
    masked: &str,
    end: usize,
    sentence_end: usize,
) -> Option<Subject> {
    let rest = &masked[end..sentence_end];
    let stop = name_end(rest, false);
    let raw = text[end..end + stop].trim();
    let (name, appositive) = match raw.split_once(',') {
        Some((n, a)) => (n.trim(), Some(a.trim())),
        None => (raw, None),
    };
    let name = cut_phrase(name);
    if name.is_empty() || !can_speak(&name) || PRONOUNS.contains(&bare(&name).as_str()) {
        return None;
    }
    let appositive = appositive.filter(|a| {
        a.split_whitespace()
            .next()
            .is_some_and(|w| ["a", "an", "the"].contains(&bare(w).as_str()))
            && a.split_whitespace().count() <= 14
    });
    Some(match appositive {
        Some(a) => Subject::Named {
            name: format!("{}, {a}", display(&name)),
            definite: false,
            lower: false,
            entity: classify(raw),
        },
        None => named(&name),
    })
}

/// The listener of "told": "sources told CNN-News 18 that…" → "CNN-News 18".
pub(super) fn listener_after(
    text: &str,
    masked: &str,
    end: usize,
    sentence_end: usize,
) -> Option<String> {
    let np = cut_phrase(&phrase_after(text, masked, end, sentence_end)?);
    let mut np: Vec<&str> = np
        .split_whitespace()
        .take_while(|w| !["on", "in", "at", "last", "this", "earlier"].contains(&bare(w).as_str()))
        .collect();
    // The listener is the capitalised name right after "told"; what follows it without
    // "that" is the content's own clause ("told Reuters Finance Secretary Jaime Ongpin had
    // decided…" → "Reuters").
    let run = np
        .iter()
        .take_while(|w| w.starts_with(char::is_uppercase) || w.chars().all(|c| c.is_ascii_digit()))
        .count();
    if run < np.len() {
        let clause_follows = FINITE.contains(&bare(np[run]).as_str());
        np.truncate(if clause_follows { 1 } else { run.max(1) });
    }
    let np = np.join(" ");
    let proper = np
        .split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    (proper && can_speak(&np)).then(|| display(&np))
}

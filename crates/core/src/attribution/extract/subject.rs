//! The subject of a reporting verb, read back from the verb: parentheticals (a list of names
//! inside one too) and appositives ("Dr Helen Marsh, a consultant…, said"), relative clauses,
//! adverbs and time phrases set aside, clause words cut (not the "and" or the comma of a
//! firm's name, "Goldman, Sachs and Co"), coordinated verbs traced to their first subject.

use super::channel::CHANNEL;
use super::*;

/// Conjunctions and sentence adverbs that open a clause before its subject ("But Parry…",
/// "Meanwhile the ministry…"; closed-class English).
pub(super) const OPENERS: &[&str] = &[
    "meanwhile",
    "however",
    "still",
    "separately",
    "but",
    "and",
    "yet",
    "now",
    "earlier",
    "later",
];

/// The subject of a verb, from the text between the clause start and the verb.
pub(super) fn subject_before(text: &str, masked: &str, verb: &str) -> Option<Subject> {
    // Only the part after the last quotation mark can be the subject.
    let cut = masked
        .rfind(|c: char| QUOTES_CLOSE.contains(&c) || QUOTES_OPEN.contains(&c))
        .map_or(0, |i| {
            i + masked[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut segments: Vec<&str> = split_commas(&text[cut..]);
    // "Ann Price of Marlow, Hurst and Co said": the comma lists a firm's partners.
    if let [.., before, last] = segments.as_slice() {
        let words: Vec<&str> = last.split_whitespace().collect();
        let partners = words.len() >= 3
            && firm_suffix(words.last())
            && bare(words[words.len() - 2]) == "and"
            && words[..words.len() - 2]
                .iter()
                .all(|w| w.starts_with(char::is_uppercase))
            && before
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
        if partners {
            let from = before.as_ptr() as usize - text.as_ptr() as usize;
            let to = last.as_ptr() as usize + last.len() - text.as_ptr() as usize;
            let n = segments.len();
            segments.truncate(n - 2);
            segments.push(&text[from..to]);
        }
    }
    let verb_after_comma = segments.len() > 1 && segments.last().is_some_and(|s| s.is_empty());
    // "…the mentality which he said led to…", "The temporary ban, which Bryen said has
    // been…": a pronoun or a name after a relative pronoun is the verb's subject (the relative
    // pronoun its object).
    let words: Vec<&str> = segments
        .last()
        .map_or(Vec::new(), |l| l.split_whitespace().collect());
    if let Some(r) = words
        .iter()
        .rposition(|w| ["which", "that", "who", "whom"].contains(&bare(w).as_str()))
    {
        let name = &words[r + 1..];
        if let [p] = name {
            if PRONOUNS.contains(&bare(p).as_str()) {
                return Some(Subject::Pronoun(bare(p)));
            }
        }
        if (1..=3).contains(&name.len()) && name.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return Some(named(&name.join(" ")));
        }
    }
    // "Another critic was Citicorp chairman John Reed, who said…": a subject relative pronoun
    // speaks for the name closing the phrase before it.
    if let [.., before, rel] = segments.as_slice() {
        if ["who", "whom"].contains(&bare(rel).as_str()) && !rel.contains(' ') {
            if let Some(name) = closing_name(before) {
                return Some(named(&name));
            }
        }
    }
    // "…," Lena Holt, strategist at Marsh Field said: an appositive whose closing comma is
    // missing still names the person before the description (a singular person's role).
    if !verb_after_comma {
        if let [first, second] = segments.as_slice() {
            // The description's head is a person's (WordNet's agent nouns, not its
            // organisations), one person's: "strategist at…", not "bankers" or "the company".
            let head = crate::attribution::head_noun(second);
            let role = second.starts_with(char::is_lowercase)
                && is_description(second)
                && !crate::attribution::names::is_plural(second)
                && crate::attribution::nouns::is_agent_noun(&head)
                && !crate::attribution::nouns::is_organisation_noun(&head);
            // A full name ("Lena Holt"), not an opening adverbial ("Today, a UAL executive
            // told…", "In London, a banker said…").
            let adverbial =
                PREPOSITIONS.contains(&first_word(first).as_str()) || is_time_phrase(first);
            let full_name = |n: &String| n.split_whitespace().count() >= 2;
            if let Some(name) = name_of(first).filter(|n| role && !adverbial && full_name(n)) {
                if classify(&name) != Entity::Organisation {
                    return Some(named(&name));
                }
            }
        }
    }
    // Drop trailing parentheticals: ", who requested anonymity,", ", in a statement,". A
    // short phrase right before the verb is its subject even when it opens like a participle
    // ("…, banking sources said", "…, leading economists said").
    if verb_after_comma {
        drop_list_tail(&mut segments);
        join_place_and_region(text, &mut segments);
    }
    let adjoining_subject = |s: &str| !verb_after_comma && s.split_whitespace().count() <= 3;
    while segments.len() > 1
        && segments.last().is_some_and(|s| {
            s.is_empty() || (is_parenthetical(s) && !(adjoining_subject(s) && participial(s)))
        })
    {
        segments.pop();
    }
    // "Dr Helen Marsh, a consultant obstetrician at …," / "Its head of news, Javier Morales,".
    // Only when the verb follows a comma: otherwise the last segment is the subject itself
    // ("…, spokeswoman Robyn Radomski said").
    if verb_after_comma {
        if let Some(subject) = appositive_subject(&segments) {
            return Some(subject);
        }
    }
    let last = segments.last()?;
    // "A banker who has worked on deals, speaking…, said": the relative clause is not the subject.
    let last = [" who ", " which ", " whose "]
        .iter()
        .filter_map(|r| last.find(r))
        .min()
        .map_or(*last, |i| &last[..i]);
    if verb_after_comma && last.split_whitespace().count() > 6 {
        // "…seek supply outside China, said Laura Brennan": a clause, then an inverted verb.
        return None;
    }
    let mut words: Vec<&str> = last.split_whitespace().collect();
    trim_between(&mut words);
    // "The Boeing statement after the crash said": a report noun's phrase ends at the
    // preposition after it.
    if let Some(i) = words
        .iter()
        .take(4)
        .position(|w| REPORT_NOUNS.contains(&bare(w).as_str()))
    {
        let after = words.get(i + 1).map(|w| bare(w)).unwrap_or_default();
        if i > 0 && PREPOSITIONS.contains(&after.as_str()) {
            words.truncate(i + 1);
        }
    }
    // Cut at the last clause word: "It added that Pakistan" → "Pakistan"; but the "and" of
    // a firm's name ("Goldman, Sachs and Co") joins no clauses. An "and" right before the
    // verb joins it to an earlier verb ("Axworthy branded the ruling … from the U.S. and
    // criticized…"), whose subject says this too.
    let ends_clause = |(i, w): (usize, &&str)| {
        let b = bare(w);
        (CLAUSE_WORDS.contains(&b.as_str()) && !(b == "and" && firm_suffix(words.get(i + 1))))
            || (b == "and" && i + 1 == words.len())
            || (is_reporting_verb(&b) && !noun_like(&b))
    };
    if let Some(i) = words.iter().enumerate().rposition(ends_clause) {
        let coordinated = ["but", "and"].contains(&bare(words[i]).as_str()) && i + 1 == words.len();
        let before: Vec<&str> = words[..i].to_vec();
        words.drain(..=i);
        // "Dr Marsh welcomed the commitment but said…": the first verb's subject says it too,
        // read from the sentence's start even when a quotation stands between.
        if coordinated {
            let whole: Vec<&str> = text.split_whitespace().collect();
            return clause_subject(&whole).or_else(|| leading_subject(&before));
        }
    }
    while words
        .first()
        .is_some_and(|w| OPENERS.contains(&bare(w).as_str()))
    {
        words.remove(0);
    }
    // A subject holds no auxiliary: "Pakistan had not proposed, agreed" has no speaker.
    let auxiliary = words.iter().enumerate().any(|(i, w)| {
        let between_names = i > 0
            && words
                .get(i + 1)
                .is_some_and(|n| n.starts_with(char::is_uppercase))
            && words[i - 1].starts_with(char::is_uppercase);
        AUXILIARIES.contains(&bare(w).as_str()) && !between_names
    });
    if auxiliary {
        return None;
    }
    if words.is_empty() {
        return None;
    }
    if words.len() == 1 && PRONOUNS.contains(&bare(words[0]).as_str()) {
        return Some(Subject::Pronoun(bare(words[0])));
    }
    // "others said": more of the group just named, resolved like "they".
    if words.len() == 1 && bare(words[0]) == "others" {
        return Some(Subject::Pronoun("they".into()));
    }
    let last = bare(words.last()?);
    if DETERMINERS.contains(&last.as_str()) {
        return None;
    }
    // "Boeing issued an official statement saying…": the issuer speaks through it.
    if let Some(issuer) = issuer_of_statement(&words, verb) {
        return Some(issuer);
    }
    let np = words.join(" ");
    if words.len() <= 3
        && ["the", "this"].contains(&bare(words[0]).as_str())
        && REPORT_NOUNS.contains(&last.as_str())
    {
        // "The NBC report said": the report's owner speaks; "The report added": its source.
        let owner: Vec<&str> = words[1..words.len() - 1]
            .iter()
            .copied()
            .filter(|w| w.starts_with(char::is_uppercase))
            .collect();
        if owner.is_empty() {
            return Some(Subject::Anaphoric);
        }
        return Some(named(&owner.join(" ")));
    }
    if !can_speak(&np) {
        return None;
    }
    // A base-form verb ("argue") needs a plural subject ("officials argue").
    let base_form =
        !verb.ends_with('s') && !verb.ends_with("ed") && !["told", "wrote", "said"].contains(&verb);
    if base_form {
        let h = crate::attribution::names::head(&np);
        if !(h.ends_with('s')
            || ["police", "people", "we", "they", "i", "you"].contains(&h.as_str()))
        {
            return None;
        }
    }
    // A noun-like verb ("reports", "claims") needs more than a bare common noun before it.
    if noun_like(verb) && words.len() == 1 && words[0].starts_with(char::is_lowercase) {
        return None;
    }
    Some(named(&np))
}

/// The word closing a firm's name after "and" ("… and Co", "… and Sons"; English company
/// naming), capitalised as a name's part ("the union and company said" is two subjects).
fn firm_suffix(word: Option<&&str>) -> bool {
    word.is_some_and(|w| {
        w.starts_with(char::is_uppercase) && ["co", "company", "sons"].contains(&bare(w).as_str())
    })
}

/// Splits at commas, except inside numbers ("2,300").
fn split_commas(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let in_number = i > 0
            && i + 1 < bytes.len()
            && bytes[i - 1].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit();
        if c == ',' && !in_number {
            out.push(text[start..i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out
}

/// The name or pronoun opening a clause ("Dr Marsh welcomed…" → "Dr Marsh").
fn leading_subject(words: &[&str]) -> Option<Subject> {
    let first = bare(words.first()?);
    if PRONOUNS.contains(&first.as_str()) {
        return Some(Subject::Pronoun(first));
    }
    let name: Vec<&str> = words
        .iter()
        .take_while(|w| {
            w.starts_with(char::is_uppercase) || crate::attribution::names::PARTICLES.contains(w)
        })
        .copied()
        .collect();
    let np = name.join(" ");
    (!name.is_empty()
        && name.len() <= 6
        && can_speak(&np)
        && !["The", "A", "An"].contains(&np.as_str()))
    .then(|| named(&np))
}

/// Prepositions that open a phrase after a noun (closed-class English).
const PREPOSITIONS: &[&str] = &[
    "after", "before", "on", "in", "at", "from", "of", "by", "about", "during", "since", "over",
];

/// Verbs of putting out a text (general English): their subject speaks through it.
const ISSUING: &[&str] = &[
    "issued",
    "released",
    "published",
    "put",
    "sent",
    "circulated",
];

/// "Boeing issued an official statement saying…", "The ministry released a report
/// stating…": for a participle of saying after a report noun object, the subject of the verb
/// that put the text out.
fn issuer_of_statement(words: &[&str], verb: &str) -> Option<Subject> {
    if !verb.ends_with("ing") {
        return None;
    }
    let last = bare(words.last()?);
    if !REPORT_NOUNS.contains(&last.as_str()) {
        return None;
    }
    let v = words
        .iter()
        .position(|w| ISSUING.contains(&bare(w).as_str()))?;
    if v == 0 || words.len() - v > 5 {
        return None;
    }
    clause_subject(&words[..v])
}

const AUXILIARIES: &[&str] = &[
    "had", "has", "have", "was", "were", "is", "are", "be", "been", "would", "will", "could",
    "should", "not", "did", "does", "do", "can", "may", "might", "must",
];

/// A name and its descriptions set off by commas, either way round, just before the verb:
/// "Rei Shiratori, director of the Institute for Political Studies, said", "General Guven
/// Ergenc, Secretary General of the Turkish General Staff, told", "Another expert, Bong
/// Young-shik from the Asan Institute, doubts".
fn appositive_subject(segments: &[&str]) -> Option<Subject> {
    let [.., first, second] = segments else {
        return None;
    };
    // Several descriptions in a row: "Rong Yiren, chairman of CITIC, who also represents…,".
    if segments.len() >= 3 && is_description(second) && is_description(first) {
        if let Some(subject) = appositive_subject(&segments[..segments.len() - 1]) {
            return Some(subject);
        }
    }
    let last_word = |s: &str| s.split_whitespace().last().map(bare).unwrap_or_default();
    if let Some(name) = name_of(first) {
        if is_description(second) && !CLAUSE_WORDS.contains(&last_word(first).as_str()) {
            let description = second.split(" who ").next().unwrap_or(second).trim();
            let plain = ["a", "an", "the"].contains(&first_word(second).as_str());
            return Some(Subject::Named {
                name: if plain {
                    format!("{name}, {description}")
                } else {
                    name.clone()
                },
                definite: false,
                lower: false,
                entity: classify(&format!("{name}, {second}")),
            });
        }
    }
    if is_description(first) {
        if let Some(name) = name_of(second) {
            return Some(Subject::Named {
                name: format!("{name}, {}", lower_first(first)),
                definite: false,
                lower: false,
                entity: classify(&format!("{name}, {first}")),
            });
        }
    }
    None
}

/// The capitalised name closing a phrase ("Another critic was Citicorp chairman John Reed" →
/// "John Reed"): two to five capitalised words, or one a person's title stands before.
fn closing_name(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let run = words
        .iter()
        .rev()
        .take_while(|w| w.starts_with(char::is_uppercase))
        .count();
    let start = words.len() - run;
    let titled = start > 0 && crate::attribution::is_title_word(&bare(words[start - 1]));
    if run == 0 || run > 5 || (run == 1 && !titled) || start == 0 {
        return None;
    }
    let name = words[start..].join(" ");
    (can_speak(&name) && classify(&name) != Entity::Organisation).then(|| display(&name))
}

/// The name a segment holds: its capitalised words ("Dr Helen Marsh"), optionally after a
/// lowercase title ("Deputy foreign trade minister Janusz Kaczurba") or before a
/// prepositional phrase ("Bong Young-shik from the Asan Institute").
fn name_of(segment: &str) -> Option<String> {
    let words: Vec<&str> = segment
        .split_whitespace()
        .skip_while(|w| ["Meanwhile", "However", "But", "And", "Nevertheless"].contains(w))
        .collect();
    let capital = |w: &&&str| {
        w.starts_with(char::is_uppercase) || crate::attribution::names::PARTICLES.contains(w)
    };
    let run = words.iter().take_while(capital).count();
    let name: &[&str] = if run == words.len() {
        &words
    } else if run >= 1
        && ["from", "of", "at", "with", "in"].contains(&bare(words[run]).as_str())
        && words[run].starts_with(char::is_lowercase)
    {
        &words[..run]
    } else {
        return None;
    };
    let ok = !name.is_empty()
        && name.len() <= 5
        && !name.iter().any(|w| AUXILIARIES.contains(&bare(w).as_str()))
        && !["The", "A", "An"].contains(&name[0]);
    ok.then(|| display(&name.join(" ")))
}

/// A description set off by commas: "a spokesman", "director of the institute", "Secretary
/// General of the Turkish General Staff", "described as a person…", "who also represents…",
/// "in talks in Washington last week with the IMF". Never a clause of its own.
fn is_description(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(first) = words.first().map(|w| bare(w)) else {
        return false;
    };
    if words.len() > 18
        || words
            .iter()
            .any(|w| AUXILIARIES.contains(&bare(w).as_str()))
    {
        return false;
    }
    [
        "a", "an", "the", "another", "one", "its", "their", "his", "her", "who", "whose",
    ]
    .contains(&first.as_str())
        || first.ends_with("'s")
        || first.ends_with('\u{2019}')
        || words[0].starts_with(char::is_lowercase)
        || words.iter().any(|w| ["of", "at", "for"].contains(w))
}

fn is_parenthetical(segment: &str) -> bool {
    let first = first_word(segment);
    [
        "who",
        "which",
        "whose",
        "speaking",
        "citing",
        "responding",
        "writing",
        "adding",
    ]
    .contains(&first.as_str())
        // A participial phrase: "noting that the articles were written…", "described as…".
        || participial(segment)
        || CHANNEL.find(segment).is_some_and(|m| m.start() == 0)
        || is_time_phrase(segment)
}

/// A segment's first word, bare and lowercased ("" when it has none).
fn first_word(segment: &str) -> String {
    segment
        .split_whitespace()
        .next()
        .map(bare)
        .unwrap_or_default()
}

/// Whether a segment opens with a lowercase word shaped like a participle ("noting…",
/// "described as…").
fn participial(segment: &str) -> bool {
    let first = first_word(segment);
    (first.ends_with("ing") && first.len() > 5 || first.ends_with("ed") && first.len() > 4)
        && segment.starts_with(char::is_lowercase)
}

fn is_time_phrase(segment: &str) -> bool {
    let words: Vec<String> = segment.split_whitespace().map(bare).collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| TIME_WORDS.contains(&w.as_str()))
        && words.iter().all(|w| {
            TIME_WORDS.contains(&w.as_str())
                || [
                    "on", "last", "this", "earlier", "late", "early", "a", "in", "next", "the",
                    "previous",
                ]
                .contains(&w.as_str())
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// "Lady Hale, sitting with Lords Bingham, Steyn, Hope and Carswell, said": the names after a
/// parenthetical continue its list ("…, Hope and Carswell"), so they go with it.
fn drop_list_tail(segments: &mut Vec<&str>) {
    let end = segments.len() - usize::from(segments.last().is_some_and(|s| s.is_empty()));
    let item = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || ["and", "or"].contains(w))
    };
    let mut i = end;
    while i > 0 && item(segments[i - 1]) {
        i -= 1;
    }
    let closes_list = end > 0
        && segments[end - 1]
            .split_whitespace()
            .any(|w| ["and", "or"].contains(&w));
    if i < end && i >= 2 && closes_list && is_parenthetical(segments[i - 1]) {
        segments.drain(i..end);
    }
}

/// "…, reached at its offices in Seattle, Washington, told": a place and its region set off
/// by a comma after "in", "at", "from" or "near" are one phrase, so the parenthetical holding
/// them goes whole.
fn join_place_and_region<'a>(text: &'a str, segments: &mut Vec<&'a str>) {
    let [.., prev, region, last] = segments.as_slice() else {
        return;
    };
    let words: Vec<&str> = prev.split_whitespace().collect();
    let after_in = matches!(words.as_slice(), [.., p, place]
        if ["in", "at", "from", "near"].contains(p) && place.starts_with(char::is_uppercase));
    let region_words: Vec<&str> = region.split_whitespace().collect();
    let is_region = (1..=2).contains(&region_words.len())
        && region_words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase));
    if last.is_empty() && after_in && is_region {
        let from = prev.as_ptr() as usize - text.as_ptr() as usize;
        let to = region.as_ptr() as usize + region.len() - text.as_ptr() as usize;
        let n = segments.len();
        segments.truncate(n - 3);
        segments.push(&text[from..to]);
        segments.push("");
    }
}

/// Whether a comma-ended word opening a clause is a name ("Abshire,") rather than a sentence
/// adverb or a time ("Meanwhile,", "Yesterday,", "Separately,").
fn name_before_comma(word: &str) -> bool {
    let b = bare(word);
    word.starts_with(char::is_uppercase)
        && !OPENERS.contains(&b.as_str())
        && !TIME_WORDS.contains(&b.as_str())
        && !b.ends_with("ly")
        // Conjunctive adverbs (closed-class English).
        && !["nevertheless", "moreover", "furthermore", "instead", "indeed", "therefore", "thus"]
            .contains(&b.as_str())
}

/// Removes adverbs, auxiliaries and time phrases between a subject and its verb.
pub(super) fn trim_between(words: &mut Vec<&str>) {
    loop {
        let Some(last) = words.last().map(|w| bare(w)) else {
            return;
        };
        if BETWEEN_WORDS.contains(&last.as_str())
            || (last.ends_with("ly") && last.len() > 4 && !last.ends_with("ally")
                || last == "formally"
                || last == "officially")
                && !["family", "italy", "ally"].contains(&last.as_str())
        {
            words.pop();
            continue;
        }
        // "on Tuesday", "last week", "earlier this month"
        let tail = (2..=4).filter(|n| *n <= words.len()).find(|n| {
            is_time_phrase(&words[words.len() - n..].join(" "))
                && [
                    "on", "last", "this", "earlier", "late", "early", "in", "next",
                ]
                .contains(&bare(words[words.len() - n]).as_str())
        });
        match tail {
            Some(n) => words.truncate(words.len() - n),
            None => return,
        }
    }
}

/// The noun phrase opening a clause, titles and all, up to its first lowercase word that is
/// not a particle of a title ("Assistant Secretary of the Air Force for Acquisition Marvin
/// Sambur defended…" → the whole title and name).
pub(super) fn clause_subject(words: &[&str]) -> Option<Subject> {
    const TITLE_PARTICLES: &[&str] = &["of", "the", "for", "and", "to", "on", "at", "in"];
    // Sentence adverbs and openers set off by a comma ("Meanwhile,", "Yesterday,"), not a
    // name set off before its parenthetical ("Abshire, on the CBS show…, said").
    let words: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| {
            ["Meanwhile,", "However,", "But", "And", "Nevertheless,"].contains(w)
                || (w.ends_with(',') && !name_before_comma(w))
        })
        .collect();
    // A leading prepositional phrase set off by a comma: "In the Commons, Liberal member…".
    let words: Vec<&str> = match words.iter().position(|w| w.ends_with(',')) {
        Some(i)
            if i < 6
                && [
                    "In", "At", "On", "During", "After", "Before", "From", "Under", "With",
                ]
                .contains(&words[0]) =>
        {
            words[i + 1..].to_vec()
        }
        _ => words,
    };
    let first = bare(words.first()?);
    if PRONOUNS.contains(&first.as_str()) {
        return Some(Subject::Pronoun(first));
    }
    // Lowercase words stay while a capitalised name follows ("Liberal member Lloyd Axworthy"),
    // but a past form right after a name is the name's verb ("… Marvin Sambur defended the Air
    // Force's choice, saying …").
    let n = (0..words.len())
        .find(|&i| {
            let w = words[i];
            let verb_after_name = i > 0
                && w.starts_with(char::is_lowercase)
                && w.ends_with("ed")
                && words[i - 1].starts_with(char::is_uppercase)
                && !TITLE_PARTICLES.contains(&words[i - 1]);
            verb_after_name
                || !(w.starts_with(char::is_uppercase)
                    || TITLE_PARTICLES.contains(&w)
                    || words[i + 1..]
                        .iter()
                        .take(3)
                        .any(|n| n.starts_with(char::is_uppercase)))
        })
        .unwrap_or(words.len());
    let mut np: Vec<&str> = words[..n].to_vec();
    // A name's phrase ends at its comma: what follows is set off ("Abshire, on the CBS…").
    if let Some(i) = np.iter().position(|w| w.ends_with(',')) {
        np.truncate(i + 1);
    }
    while np.last().is_some_and(|w| TITLE_PARTICLES.contains(w)) {
        np.pop();
    }
    if np.is_empty() || np.len() > 14 || ["The", "A", "An"].contains(&np.join(" ").as_str()) {
        return None;
    }
    let np = np.join(" ");
    can_speak(&np).then(|| named(&np))
}

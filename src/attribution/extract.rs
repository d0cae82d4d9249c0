//! Finding reporting events in a paragraph: a reporting verb with its subject (or, inverted,
//! the name after it), "according to"/"per"/"citing" phrases, the listener of "told", and
//! the channel ("in a post on X"). Quoted speech is masked first, so that words inside a
//! quotation are never taken for the paragraph's own attribution.

use super::lexicon::{
    BETWEEN_WORDS, CLAUSE_WORDS, PRONOUNS, REPORTING_VERBS, REPORT_NOUNS, TELL_VERBS, TIME_WORDS,
};
use super::names::{bare, can_speak, classify, display, Entity};
use regex::Regex;
use std::sync::LazyLock;

/// Who the subject of a reporting event is.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A named or described speaker, ready for display; `definite` for "the ministry";
    /// `lower` when the text wrote it in lower case ("top intelligence sources").
    Named {
        name: String,
        definite: bool,
        lower: bool,
        entity: Entity,
    },
    /// "He", "It", "They": an earlier speaker; holds the pronoun, lowercased.
    Pronoun(String),
    /// "The report added": the source of the report being discussed.
    Anaphoric,
}

/// One reporting event found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Byte offset of the verb or phrase.
    pub start: usize,
    /// Byte offset after the verb or phrase.
    pub end: usize,
    /// Which sentence of the paragraph it stands in.
    pub sentence: usize,
    /// Who speaks.
    pub subject: Subject,
    /// The verb as written, or the channel.
    pub how: String,
    /// For "X told Y", the listener Y, who relays X's words.
    pub listener: Option<String>,
}

impl Event {
    /// The speaker's name, when it is named.
    pub fn named(&self) -> Option<&str> {
        match &self.subject {
            Subject::Named { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The names this event adds to a citation chain, outermost first.
    pub fn chain_names(&self) -> Vec<String> {
        let mut out: Vec<String> = self.listener.iter().cloned().collect();
        if let Subject::Named { name, lower, .. } = &self.subject {
            out.push(if *lower {
                lower_first(name)
            } else {
                name.clone()
            });
        }
        out
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = REPORTING_VERBS.join("|");
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<phrase>[Aa]ccording\s+to|[Pp]er|[Cc]iting)\s|(?P<verb>{verbs})(?-u:\b))"
    ))
    .expect("trigger pattern compiles")
});

static CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:in|during|via|through)\s+(?:a|an|the|his|her|its|their)\s+(?:[\p{L}-]+\s+){0,2}?
        (?:post|statement|interview|tweet|press\s+conference|news\s+conference|briefing|speech|letter|
           e-?mail|message|video|column|op-ed|press\s+release|blog|broadcast|podcast|address|hearing|
           testimony|filing|memo|note|appearance|remarks|report|study|analysis|lawsuit|complaint)s?(?-u:\b)",
    )
    .expect("channel pattern compiles")
});

static AFTER_VERB_CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?P<ch>(?:on|via)\s+(?:X|Twitter|Facebook|Instagram|TikTok|Telegram|LinkedIn|YouTube|Threads|social\s+media|state\s+television|television|TV|radio|(?:its|his|her|their)\s+(?:website|blog|account|channel)))(?-u:\b)",
    )
    .expect("platform pattern compiles")
});

/// Verb forms that are also common nouns or adjectives ("the report", "claims of…").
const NOUN_LIKE: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "state",
    "states",
    "calls",
    "call",
    "estimate",
    "estimates",
    "counter",
    "reply",
    "vows",
    "pledge",
    "remark",
    "blame",
    "blames",
    "stress",
    "posted",
    "alleged",
    "reported",
    "estimated",
    "called",
    "described",
    "refused",
    "accused",
    "agreed",
    "disputed",
    "contested",
    "dubbed",
    "branded",
];

/// Words after a noun-like verb form that show it is used as a verb.
const VERB_FOLLOWERS: &[&str] = &[
    "that", "the", "a", "an", "its", "his", "her", "their", "it", "he", "she", "they", "this",
    "on", "in", "to", "earlier", "late", "last",
];

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "his",
    "her",
    "their",
    "our",
    "such",
    "any",
    "no",
    "every",
    "each",
    "these",
    "those",
    "of",
    "so",
    "allegedly",
    "being",
    "been",
    "be",
    "was",
    "were",
    "is",
    "are",
];

const QUOTES_OPEN: [char; 3] = ['\u{201C}', '"', '\u{00AB}'];
const QUOTES_CLOSE: [char; 3] = ['\u{201D}', '"', '\u{00BB}'];

/// The text with everything inside double quotation marks blanked to spaces (byte for byte,
/// so offsets match the original). An unclosed quotation runs to the end of the paragraph.
pub fn mask_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        let opening = !inside && (c == '\u{201C}' || c == '\u{00AB}' || c == '"');
        let closing = inside && (c == '\u{201D}' || c == '\u{00BB}' || c == '"');
        if opening || closing {
            inside = opening;
            out.push(c);
        } else if inside {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Sentence start offsets of a (masked) paragraph.
fn sentence_starts(masked: &str) -> Vec<usize> {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "no", "inc",
        "corp", "ltd", "jr", "sr", "vs", "etc", "prof", "capt", "sgt", "u.s", "u.k", "u.n", "e.g",
        "i.e", "a.m", "p.m", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    ];
    let mut starts = vec![0];
    let bytes = masked.as_bytes();
    for (i, c) in masked.char_indices() {
        let next = i + c.len_utf8();
        let boundary = match c {
            '.' | '!' | '?' => {
                let word = masked[..i]
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or_default();
                let word = word
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                c != '.' || !(ABBREVIATIONS.contains(&word.as_str()) || single_initial)
            }
            c if QUOTES_CLOSE.contains(&c) && c != '"' => true,
            _ => false,
        };
        if !boundary || next >= bytes.len() {
            continue;
        }
        let rest = &masked[next..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            continue; // no space after: "U.S." or "3.5"
        }
        let opens_sentence = trimmed
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || QUOTES_OPEN.contains(&n));
        if opens_sentence {
            starts.push(next + (rest.len() - trimmed.len()));
        }
    }
    starts
}

/// Every reporting event in the paragraph, in order. `masked` is `text` with quotes masked.
pub fn events(text: &str, masked: &str) -> Vec<Event> {
    let starts = sentence_starts(masked);
    let sentence_of = |pos: usize| starts.iter().rposition(|&s| s <= pos).unwrap_or(0);
    let mut found: Vec<Event> = Vec::new();
    for caps in TRIGGER.captures_iter(masked) {
        let m = caps.get(0).expect("whole match");
        let sentence = sentence_of(m.start());
        let sentence_end = starts.get(sentence + 1).copied().unwrap_or(masked.len());
        let last_end = found
            .iter()
            .rev()
            .find(|e| e.sentence == sentence)
            .map_or(starts[sentence], |e| e.end);
        let event = if let Some(phrase) = caps.name("phrase") {
            let kind = phrase.as_str().to_lowercase();
            let kind = kind.split_whitespace().collect::<Vec<_>>().join(" ");
            phrase_event(text, masked, m.start(), m.end(), sentence_end, &kind)
        } else {
            let verb = caps.name("verb").expect("verb group").as_str();
            verb_event(
                text,
                masked,
                m.start(),
                m.end(),
                last_end.max(starts[sentence]),
                sentence_end,
                verb,
            )
        };
        if let Some(mut event) = event {
            event.sentence = sentence;
            found.push(event);
        }
    }
    found
}

/// "According to X", "per X", "citing X".
fn phrase_event(
    text: &str,
    masked: &str,
    start: usize,
    end: usize,
    sentence_end: usize,
    kind: &str,
) -> Option<Event> {
    let raw = phrase_after(text, masked, end, sentence_end)?;
    let np = cut_phrase(strip_report_of(&raw));
    if np.is_empty() || PRONOUNS.contains(&bare(&np).as_str()) && kind != "according to" {
        return None;
    }
    // "According to X" and "citing X" always introduce a source; "per" also means "each".
    if kind == "per" && !can_speak(&np) {
        return None;
    }
    let subject = if PRONOUNS.contains(&bare(&np).as_str()) {
        Subject::Pronoun(bare(&np))
    } else {
        named(&np)
    };
    Some(Event {
        start,
        end,
        sentence: 0,
        subject,
        how: kind.to_string(),
        listener: None,
    })
}

/// A reporting verb: its subject before it, or its speaker after it when inverted.
fn verb_event(
    text: &str,
    masked: &str,
    start: usize,
    end: usize,
    region_start: usize,
    sentence_end: usize,
    verb: &str,
) -> Option<Event> {
    let after = &masked[end..sentence_end];
    if NOUN_LIKE.contains(&verb) {
        let mut following = after.split_whitespace();
        let next = following.next().unwrap_or_default();
        let then = following.next().map(bare).unwrap_or_default();
        let prepositional = ["on", "in"].contains(&bare(next).as_str());
        let channel_follows = CHANNEL
            .find(after.trim_start())
            .is_some_and(|m| m.start() == 0);
        let next_ok = channel_follows
            || (VERB_FOLLOWERS.contains(&bare(next).as_str())
                && (!prepositional || TIME_WORDS.contains(&then.as_str())))
            || next.starts_with([':', ',', '\u{201C}', '"'])
            || after.starts_with([':', ','])
            || next.is_empty();
        if !next_ok {
            return None;
        }
    }
    let before_text = &text[region_start..start];
    let before_masked = &masked[region_start..start];
    let how = channel(masked, text, region_start, sentence_end).unwrap_or_else(|| verb.to_string());
    let subject = subject_before(before_text, before_masked, verb);
    let subject = match subject {
        Some(s) => s,
        None => {
            // Inversion: "…,” said another official." / "…, said Maria Lopez, a spokeswoman."
            let lead = before_masked.trim_end();
            if !(lead.ends_with(QUOTES_CLOSE) || lead.ends_with(',')) {
                return None;
            }
            inverted_speaker(text, masked, end, sentence_end)?
        }
    };
    let listener = if TELL_VERBS.contains(&verb) {
        listener_after(text, masked, end, sentence_end)
    } else {
        None
    };
    Some(Event {
        start,
        end,
        sentence: 0,
        subject,
        how,
        listener,
    })
}

fn named(np: &str) -> Subject {
    let first = np.split_whitespace().next().unwrap_or_default();
    Subject::Named {
        name: display(np),
        definite: bare(first) == "the",
        lower: first.starts_with(char::is_lowercase) && bare(first) != "the",
        entity: classify(np),
    }
}

/// The raw text after `end` up to punctuation or a quotation.
fn phrase_after(text: &str, masked: &str, end: usize, sentence_end: usize) -> Option<String> {
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
fn cut_phrase(raw: &str) -> String {
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

/// The speaker named after an inverted verb: "said Maria Lopez, a spokeswoman for the firm".
fn inverted_speaker(text: &str, masked: &str, end: usize, sentence_end: usize) -> Option<Subject> {
    let rest = &masked[end..sentence_end];
    let stop = rest
        .find(['.', ';', ':', '!', '?', '\u{201C}', '"', '\u{201D}', '('])
        .unwrap_or(rest.len());
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
fn listener_after(text: &str, masked: &str, end: usize, sentence_end: usize) -> Option<String> {
    let np = cut_phrase(&phrase_after(text, masked, end, sentence_end)?);
    let np: Vec<&str> = np
        .split_whitespace()
        .take_while(|w| !["on", "in", "at", "last", "this", "earlier"].contains(&bare(w).as_str()))
        .collect();
    let np = np.join(" ");
    let proper = np
        .split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    (proper && can_speak(&np)).then(|| display(&np))
}

fn strip_report_of(np: &str) -> &str {
    let lower = np.to_lowercase();
    for prefix in [
        "a report in ",
        "a report by ",
        "a report from ",
        "reports in ",
        "reports by ",
        "a statement from ",
        "a statement by ",
        "the ",
    ] {
        if lower.starts_with(prefix) && prefix != "the " {
            return &np[prefix.len()..];
        }
    }
    np
}

/// The subject of a verb, from the text between the clause start and the verb.
fn subject_before(text: &str, masked: &str, verb: &str) -> Option<Subject> {
    // Only the part after the last quotation mark can be the subject.
    let cut = masked
        .rfind(|c: char| QUOTES_CLOSE.contains(&c) || QUOTES_OPEN.contains(&c))
        .map_or(0, |i| {
            i + masked[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut segments: Vec<&str> = split_commas(&text[cut..]);
    let verb_after_comma = segments.len() > 1 && segments.last().is_some_and(|s| s.is_empty());
    // Drop trailing parentheticals: ", who requested anonymity,", ", in a statement,".
    while segments.len() > 1
        && segments
            .last()
            .is_some_and(|s| s.is_empty() || is_parenthetical(s))
    {
        segments.pop();
    }
    // "Dr Helen Marsh, a consultant obstetrician at …," / "Its head of news, Javier Morales,".
    if let Some(subject) = appositive_subject(&segments) {
        return Some(subject);
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
    // Cut at the last clause word: "It added that Pakistan" → "Pakistan".
    let ends_clause = |w: &&str| {
        let b = bare(w);
        CLAUSE_WORDS.contains(&b.as_str())
            || (REPORTING_VERBS.contains(&b.as_str()) && !NOUN_LIKE.contains(&b.as_str()))
    };
    if let Some(i) = words.iter().rposition(ends_clause) {
        let coordinated = ["but", "and"].contains(&bare(words[i]).as_str()) && i + 1 == words.len();
        let before: Vec<&str> = words[..i].to_vec();
        words.drain(..=i);
        // "Dr Marsh welcomed the commitment but said…": the first verb's subject says it too.
        if coordinated {
            return leading_subject(&before);
        }
    }
    while words.first().is_some_and(|w| {
        [
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
        ]
        .contains(&bare(w).as_str())
    }) {
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
    let last = bare(words.last()?);
    if DETERMINERS.contains(&last.as_str()) {
        return None;
    }
    let np = words.join(" ");
    if words.len() <= 3
        && ["the", "this"].contains(&bare(words[0]).as_str())
        && REPORT_NOUNS.contains(&last.as_str())
    {
        return Some(Subject::Anaphoric);
    }
    if !can_speak(&np) {
        return None;
    }
    // A base-form verb ("argue") needs a plural subject ("officials argue").
    let base_form =
        !verb.ends_with('s') && !verb.ends_with("ed") && !["told", "wrote", "said"].contains(&verb);
    if base_form {
        let h = super::names::head(&np);
        if !(h.ends_with('s')
            || ["police", "people", "we", "they", "i", "you"].contains(&h.as_str()))
        {
            return None;
        }
    }
    // A noun-like verb ("reports", "claims") needs more than a bare common noun before it.
    if NOUN_LIKE.contains(&verb) && words.len() == 1 && words[0].starts_with(char::is_lowercase) {
        return None;
    }
    Some(named(&np))
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
        .take_while(|w| w.starts_with(char::is_uppercase) || super::names::PARTICLES.contains(w))
        .copied()
        .collect();
    let np = name.join(" ");
    (!name.is_empty()
        && name.len() <= 6
        && can_speak(&np)
        && !["The", "A", "An"].contains(&np.as_str()))
    .then(|| named(&np))
}

const AUXILIARIES: &[&str] = &[
    "had", "has", "have", "was", "were", "is", "are", "be", "been", "would", "will", "could",
    "should", "not", "did", "does", "do", "can", "may", "might", "must",
];

/// A name and its description set off by commas, either way round, just before the verb.
fn appositive_subject(segments: &[&str]) -> Option<Subject> {
    let [.., first, second] = segments else {
        return None;
    };
    let is_name = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 5
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || super::names::PARTICLES.contains(w))
            && !words
                .iter()
                .any(|w| AUXILIARIES.contains(&bare(w).as_str()))
    };
    let is_description = |s: &str| {
        let first = s.split_whitespace().next().map(bare).unwrap_or_default();
        (["a", "an", "the"].contains(&first.as_str())
            || first.ends_with("'s")
            || first.ends_with("\u{2019}s")
            || first == "its"
            || first == "their")
            && s.split_whitespace().count() <= 16
    };
    let last_word = |s: &str| s.split_whitespace().last().map(bare).unwrap_or_default();
    if is_name(first)
        && is_description(second)
        && !CLAUSE_WORDS.contains(&last_word(first).as_str())
    {
        let name = display(
            first
                .split_whitespace()
                .skip_while(|w| ["Meanwhile", "However", "But", "And"].contains(w))
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        );
        let description = second.split(" who ").next().unwrap_or(second).trim();
        return Some(Subject::Named {
            name: format!("{name}, {description}"),
            definite: false,
            lower: false,
            entity: classify(&format!("{first}, {second}")),
        });
    }
    if is_description(first) && is_name(second) && can_speak(first) {
        return Some(Subject::Named {
            name: format!("{}, {}", display(second), lower_first(first)),
            definite: false,
            lower: false,
            entity: classify(&format!("{second}, {first}")),
        });
    }
    None
}

fn is_parenthetical(segment: &str) -> bool {
    let first = segment
        .split_whitespace()
        .next()
        .map(bare)
        .unwrap_or_default();
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
        || CHANNEL.find(segment).is_some_and(|m| m.start() == 0)
        || is_time_phrase(segment)
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

/// Removes adverbs, auxiliaries and time phrases between a subject and its verb.
fn trim_between(words: &mut Vec<&str>) {
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

/// The channel of a statement in this sentence: "in a post on X", "in an interview on ARY
/// News show ‘11th Hour’", or a platform after the verb ("wrote on X").
fn channel(masked: &str, text: &str, sentence_start: usize, sentence_end: usize) -> Option<String> {
    let sentence = &masked[sentence_start..sentence_end];
    if let Some(m) = CHANNEL.find(sentence) {
        let start = sentence_start + m.start();
        let end = sentence_start + m.end();
        let end = end + extension(&text[end..sentence_end]);
        let mut words: Vec<&str> = text[start..end].split_whitespace().collect();
        while words.last().is_some_and(|w| {
            [
                "a", "an", "the", "in", "on", "at", "with", "to", "by", "for",
            ]
            .contains(&bare(w).as_str())
        }) {
            words.pop();
        }
        return Some(words.join(" "));
    }
    TRIGGER.captures_iter(sentence).find_map(|caps| {
        let verb = caps.name("verb")?;
        let ch = AFTER_VERB_CHANNEL.captures(&sentence[verb.end()..])?;
        Some(format!("{} {}", verb.as_str(), &ch["ch"]))
    })
}

/// How many bytes of `rest` continue a channel phrase: " on ARY News show ‘11th Hour’".
fn extension(rest: &str) -> usize {
    let mut len = 0;
    let mut count = 0;
    for piece in rest.split_inclusive(' ') {
        let word = piece.trim();
        if word.is_empty() {
            len += piece.len();
            continue;
        }
        let b = bare(word);
        if count == 0 {
            if !["on", "with", "to", "at", "by", "for"].contains(&b.as_str()) {
                return 0;
            }
        } else if count >= 10
            || [
                "that",
                "yesterday",
                "today",
                "last",
                "earlier",
                "late",
                "ago",
            ]
            .contains(&b.as_str())
            || REPORTING_VERBS.contains(&b.as_str())
            || TIME_WORDS.contains(&b.as_str())
        {
            break;
        }
        let lead = piece.len() - piece.trim_start().len();
        if let Some(p) = word.find([',', '.', ';', ':', '\u{201C}', '"', '(']) {
            len += lead + p;
            count += 1;
            break;
        }
        len += piece.len();
        count += 1;
    }
    if count < 2 {
        0
    } else {
        len
    }
}

//! Finding reporting events in a paragraph: a reporting verb with its subject (or, inverted,
//! the name after it), "according to"/"per"/"citing" phrases, the listener of "told", and
//! the channel ("in a post on X"). Quoted speech is masked first, so that words inside a
//! quotation are never taken for the paragraph's own attribution.

use super::lexicon::{
    is_reporting_verb, BETWEEN_WORDS, CLAUSE_WORDS, PRONOUNS, REPORTING_VERBS, REPORT_NOUNS,
    SPEAKER_NOUNS, TELL_VERBS, TIME_WORDS,
};
use super::names::{bare, can_speak, classify, display, Entity};
use regex::Regex;

mod after;
mod channel;
mod sentences;
mod subject;

use after::{cut_phrase, inverted_speaker, listener_after, person_after, phrase_after};
use channel::{channel, CHANNEL};
pub use sentences::{mask_quotes, sentence_starts};
use sentences::{QUOTES_CLOSE, QUOTES_OPEN};
use std::sync::LazyLock;
use subject::subject_before;

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
    /// Inside a subordinate clause ("The row began when the government said…"): narration's
    /// background, not the paragraph's main content.
    pub subordinate: bool,
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

pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = REPORTING_VERBS.join("|");
    // Nominal denials: "despite denials by Finance Minister John Roe that…".
    let nouns = super::wordnet::DENIAL_NOUNS.join("|");
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<phrase>[Aa]ccording\s+to|[Pp]er|[Cc]iting|(?:{nouns})\s+(?:by|from))\s|(?P<verb>{verbs})(?-u:\b))"
    ))
    .expect("trigger pattern compiles")
});

/// Verb forms that are also common nouns or adjectives ("the report", "claims of…") though
/// WordNet's concordance tags them more often as verbs; those it tags more often as nouns
/// ("gas", "state") are generated (`nouns::is_noun_first_verb`).
const NOUN_LIKE: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "calls",
    "call",
    "estimate",
    "estimates",
    "reply",
    "vows",
    "pledge",
    "remark",
    "blame",
    "blames",
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

/// Whether a reporting verb form is also a common noun or adjective: [`NOUN_LIKE`], or a
/// form WordNet's concordance tags more often as a noun ("natural gas pipeline operator").
fn noun_like(verb: &str) -> bool {
    NOUN_LIKE.contains(&verb) || super::nouns::is_noun_first_verb(verb)
}

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

/// How far either side of a reporting verb its source and content are looked for.
const WINDOW: usize = 1_500;

/// The largest char boundary of `s` at or below `i`.
fn char_floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every reporting event in the paragraph, in order. `masked` is `text` with quotes masked.
pub fn events(text: &str, masked: &str) -> Vec<Event> {
    let starts = sentence_starts(masked);
    let sentence_of = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);
    let mut found: Vec<Event> = Vec::new();
    // `find_iter`, not captures: a phrase match ends in its trailing space, a verb does not.
    for m in TRIGGER.find_iter(masked) {
        let sentence = sentence_of(m.start());
        // Each verb reads at most WINDOW bytes either side, so time stays linear in the
        // paragraph's length however long its sentences run.
        let sentence_end = starts
            .get(sentence + 1)
            .copied()
            .unwrap_or(masked.len())
            .min(char_floor(masked, m.end() + WINDOW));
        let sentence_start =
            starts[sentence].max(char_floor(masked, m.start().saturating_sub(WINDOW)));
        let last_end = found
            .last()
            .filter(|e| e.sentence == sentence)
            .map_or(sentence_start, |e| e.end.max(sentence_start));
        let event = if m.as_str().ends_with(char::is_whitespace) {
            let kind = m.as_str().trim_end().to_lowercase();
            let mut kind = kind.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(noun) = kind
                .strip_suffix(" by")
                .or_else(|| kind.strip_suffix(" from"))
            {
                kind = noun.to_string();
            }
            phrase_event(text, masked, m.start(), m.end(), sentence_end, &kind)
        } else {
            let verb = m.as_str();
            verb_event(
                text,
                masked,
                m.start(),
                m.end(),
                last_end,
                sentence_end,
                verb,
            )
        };
        if let Some(mut event) = event {
            event.sentence = sentence;
            // "Hartley told Reuters he expected…": the listener just told ends the telling,
            // and the pronoun after it opens the content clause as its subject.
            if let (Some(told), Subject::Named { name, .. }) = (found.last(), &event.subject) {
                let pronoun = told
                    .listener
                    .as_deref()
                    .filter(|_| told.sentence == sentence)
                    .and_then(|l| name.strip_prefix(l))
                    .map(bare)
                    .filter(|p| PRONOUNS.contains(&p.as_str()));
                if let Some(p) = pronoun {
                    event.subject = Subject::Pronoun(p);
                }
            }
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
    // "According to X" and "citing X" always introduce a source; "per" also means "each",
    // and capitalised inside a sentence it is a name ("spokesman Per Paust").
    let mid_sentence = text[..start]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    if kind == "per" && (!can_speak(&np) || (text[start..].starts_with('P') && mid_sentence)) {
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
        subordinate: false,
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
    // A word after a possessive is a noun: "reporting Poehl's remarks at a symposium" (not
    // "he's said", where "'s" is "has").
    let owner = masked[region_start..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if let Some(who) = owner
        .strip_suffix("'s")
        .or_else(|| owner.strip_suffix("\u{2019}s"))
    {
        let contraction = [
            "it", "he", "she", "that", "there", "what", "who", "here", "let", "where", "one",
        ]
        .contains(&bare(who).as_str());
        if !who.is_empty() && !contraction {
            return None;
        }
    }
    let after = &masked[end..sentence_end];
    if noun_like(verb) {
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
    // "…defended the choice of Boeing, saying, “…”": a participle after a comma reports the
    // words of its clause's subject.
    let participle = verb.ends_with("ing") && before_masked.trim_end().ends_with(',');
    // …and only with content of its own: "speaking on condition of anonymity," is an aside.
    if participle {
        let after = masked[end..sentence_end].trim_start();
        let quote_next = after
            .trim_start_matches([',', ':', ' '])
            .starts_with(QUOTES_OPEN);
        let own = after.split(',').next().unwrap_or_default();
        let clause = own
            .split_whitespace()
            .map(bare)
            .any(|w| w == "that" || FINITE.contains(&w.as_str()));
        if !(quote_next || clause || own.contains(QUOTES_OPEN)) {
            return None;
        }
    }
    let subject = if participle {
        let sentence_words: Vec<&str> = text[region_start..start].split_whitespace().collect();
        subject::clause_subject(&sentence_words)
    } else {
        // A person named after the verb wins over a long phrase before it, which is then a
        // clause ("There are other pressures … said Dominic Hirsch"), or over a phrase of
        // three words or more with no name set off by a comma ("Incidents like this happen,
        // said Mr Thiemann"); not over a name ("Parry also admits Gerrard, who…").
        let before = subject_before(before_text, before_masked, verb);
        let comma = before_masked.trim_end().ends_with(',');
        let clause_before = match &before {
            None => true,
            Some(Subject::Named { name, .. }) => {
                let words: Vec<&str> = name.split_whitespace().collect();
                let unnamed = !words[1.min(words.len())..]
                    .iter()
                    .any(|w| w.starts_with(char::is_uppercase));
                words.len() > 4 || (comma && words.len() >= 3 && unnamed)
            }
            Some(_) => false,
        };
        clause_before
            .then(|| person_after(text, masked, end, sentence_end, verb))
            .flatten()
            .or(before)
            .or_else(|| controller_subject(before_text))
    };
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
    // Without content (a quotation, a that-clause, a clause of its own) a verb reports an
    // act, not words: "The United Nations placed sanctions" is narration, while a person's
    // "doubts the commitment" is still their position.
    // A verb in a restrictive relative clause ("Homeowners who volunteer are…") has no
    // subject here; after a comma the clause's antecedent speaks ("John Reed, who said…"),
    // unless a comma closes the clause, a parenthetical whose verb is not the sentence's ("The
    // official, who asked not to be named, told Reuters").
    let closed = masked[end..sentence_end].contains(',');
    let mut back = before_masked.split_whitespace().rev();
    let relative = back.next().is_some_and(|w| {
        let w = bare(w);
        w == "which"
            || (["who", "whom"].contains(&w.as_str())
                && (closed || !back.next().is_some_and(|w| w.ends_with(','))))
    });
    if relative {
        return None;
    }
    // A passive ("is expected to publish", "are widely believed to have agreed": adverbs in
    // "-ly", negation and the adverbs that stand between a subject and its verb may come
    // between) reports no speaker of its own.
    const BE: &[&str] = &["is", "was", "are", "were", "be", "been", "being"];
    let passive = before_masked
        .split_whitespace()
        .rev()
        .map(bare)
        .find(|w| {
            BE.contains(&w.as_str())
                || !(w.ends_with("ly")
                    || ["not", "never"].contains(&w.as_str())
                    || BETWEEN_WORDS.contains(&w.as_str()))
        })
        .is_some_and(|w| BE.contains(&w.as_str()));
    // …except "was quoted as saying", whose subject is the speaker.
    let quoted_as = after
        .split_whitespace()
        .take(8)
        .map(bare)
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == "as" && w[1].ends_with("ing"));
    if passive && !quoted_as {
        return None;
    }
    let person = match &subject {
        Subject::Named { entity, .. } => *entity == Entity::Person,
        Subject::Pronoun(p) => p == "he" || p == "she",
        Subject::Anaphoric => true,
    };
    let lower_verb = verb.to_lowercase();
    let denying = super::wordnet::DENYING_VERBS
        .binary_search(&lower_verb.as_str())
        .is_ok();
    let speech = super::wordnet::SPEECH_VERBS
        .binary_search(&lower_verb.as_str())
        .is_ok();
    // Denying needs no clause: the object is what is denied ("rejected those claims").
    if !person
        && !speech
        && !denying
        && !has_content(masked, region_start, (start, end), sentence_end, denying)
    {
        return None;
    }
    // A common noun only WordNet knows as a person or group ("politicians") speaks only with
    // content, and verb last only with nothing but a time after the verb: "politicians
    // expressed concern" is narration, "…, parliamentarians said" is not.
    let unlisted = match &subject {
        Subject::Named { name, lower, .. } => {
            *lower
                && !super::lexicon::SPEAKER_NOUNS
                    .contains(&super::names::head(name).to_lowercase().as_str())
        }
        _ => false,
    };
    if unlisted {
        let after: Vec<String> = masked[end..sentence_end]
            .split_whitespace()
            .map(bare)
            .filter(|w| !w.is_empty())
            .collect();
        let bare_verb_last = after.iter().all(|w| TIME_WORDS.contains(&w.as_str()));
        let object_after = !bare_verb_last
            && !masked[region_start..sentence_end].contains(QUOTES_OPEN)
            && !after
                .iter()
                .take(14)
                .any(|w| w == "that" || FINITE.contains(&w.as_str()));
        if object_after || !has_content(masked, region_start, (start, end), sentence_end, denying) {
            return None;
        }
    }
    let listener = if TELL_VERBS.contains(&verb) {
        listener_after(text, masked, end, sentence_end)
    } else {
        None
    };
    // A subordinator before the subject with no comma between: "…erupted when the Greek
    // government said…", "Although another member was quoted as saying…".
    // After a report noun the word is a preposition ("The Boeing statement after the crash
    // said").
    let clause: Vec<String> = before_masked
        .rsplit(',')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .map(bare)
        .collect();
    let subordinate = clause.iter().enumerate().any(|(i, w)| {
        SUBORDINATORS.contains(&w.as_str())
            && !(i > 0 && REPORT_NOUNS.contains(&clause[i - 1].as_str()))
    });
    Some(Event {
        start,
        end,
        sentence: 0,
        subject,
        how,
        listener,
        subordinate,
    })
}

/// Subordinating conjunctions of time, cause and concession (general English grammar; "as"
/// and "that" left out, being mostly something else in news copy).
const SUBORDINATORS: &[&str] = &[
    "when", "after", "before", "since", "until", "because", "although", "though", "while",
    "whereas", "unless", "once", "whenever",
];

fn named(np: &str) -> Subject {
    let first = np.split_whitespace().next().unwrap_or_default();
    Subject::Named {
        name: affiliated_person(np).unwrap_or_else(|| display(np)),
        definite: bare(first) == "the",
        lower: first.starts_with(char::is_lowercase) && bare(first) != "the",
        entity: classify(np),
    }
}

/// A person's name followed by an affiliation ("Tom Murtha of brokerage James Capel and Co",
/// "Ann Price from Marlow Hurst"): the name is the person's, not the firm's at the end. Two to
/// four capitalised words with no title or institution among them.
fn affiliated_person(np: &str) -> Option<String> {
    let words: Vec<&str> = np.split_whitespace().collect();
    let run = words
        .iter()
        .take_while(|w| w.starts_with(char::is_uppercase))
        .count();
    let linked = words
        .get(run)
        .is_some_and(|w| ["of", "from", "at", "with"].contains(w));
    if !(2..=4).contains(&run) || !linked {
        return None;
    }
    let name = words[..run].join(" ");
    // Not a body's name ("The Directorate of Criminal Investigations", "Bank of England").
    let titled = words[..run].iter().any(|w| {
        let b = bare(w);
        crate::attribution::is_title_word(&b)
            || SPEAKER_NOUNS.contains(&b.as_str())
            || DETERMINERS.contains(&b.as_str())
            || crate::attribution::nouns::is_organisation_noun(&b)
    });
    (!titled && classify(&name) != Entity::Organisation).then(|| display(&name))
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

/// Finite-clause words: after a reporting verb they open its content without "that"
/// ("said people were worried"). General English auxiliaries and modals.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "had", "has", "have", "could", "should", "may",
    "might", "must", "can", "did", "does", "do", "shall",
];

/// Whether a reporting verb at `start..end` has content: a quotation in its sentence, a
/// colon or "that" soon after it, a finite clause of its own, or an "as" complement
/// for a denial ("dismissed the report as baseless"), or a reporting participle.
fn has_content(
    masked: &str,
    sentence_start: usize,
    (start, end): (usize, usize),
    sentence_end: usize,
    denying: bool,
) -> bool {
    let sentence = &masked[sentence_start..sentence_end];
    if sentence.contains(QUOTES_OPEN) || sentence.contains(QUOTES_CLOSE) {
        return true;
    }
    let after = &masked[end..sentence_end];
    // Verb last, content first: "…may have been dealt a fatal blow, political analysts said."
    let before = masked[sentence_start..start].split_whitespace().count();
    if before >= 5 && after.split_whitespace().count() <= 4 {
        return true;
    }
    if after.trim_start().starts_with(':') {
        return true;
    }
    // A clause after "but" is the sentence's next clause, not the verb's content ("discussed
    // the offer but after three hours they had not come to any decision").
    after
        .split_whitespace()
        .take(14)
        .map(bare)
        .take_while(|w| w != "but")
        .any(|w| {
            w == "that"
                || (denying && w == "as")
                || FINITE.contains(&w.as_str())
                // "…, saying an environmental review found no harm".
                || (w.ends_with("ing") && is_reporting_verb(&w))
        })
}

/// The subject of an infinitive's controlling clause: "Officials at the ministry were at
/// pains to deny that…", "The bank refused to confirm…" → the clause's opening noun phrase.
fn controller_subject(before: &str) -> Option<Subject> {
    let words: Vec<&str> = before.split_whitespace().collect();
    if words.last().map(|w| bare(w)) != Some("to".to_string()) {
        return None;
    }
    let words = &words[..words.len() - 1];
    let verb_at = words.iter().position(|w| {
        let b = bare(w);
        FINITE.contains(&b.as_str()) || (b.ends_with("ed") && b.len() > 4)
    })?;
    // The controlling predicate is short: "were at pains", "refused", "moved quickly".
    if verb_at == 0 || words.len() - verb_at > 5 {
        return None;
    }
    let np = words[..verb_at].join(" ");
    if PRONOUNS.contains(&bare(&np).as_str()) {
        return Some(Subject::Pronoun(bare(&np)));
    }
    (can_speak(&np) && verb_at <= 8).then(|| named(&np))
}

/// A speaker named before a colon at the start of a paragraph, transcript or list style:
/// "Secretary of the Air Force James Roche: “No, Sir…”", "- Tim Dams, Screen International:
/// Film - The Aviator…". The lead must read as a name: two to ten words, each capitalised
/// (or a particle such as "of", "the"), at most one comma, not all capitals (a dateline), no
/// digits (a time or a score). Titles may run long ("Civilian Deputy Undersecretary of the
/// Air Force for Acquisition Darleen Druyun"). Returns the colon's offset and the speaker (the part before
/// any comma, where the rest names the organisation).
pub fn colon_lead(text: &str) -> Option<(usize, String)> {
    let body = text.trim_start_matches(['-', '\u{2022}', '*', ' ']);
    let offset = text.len() - body.len();
    let colon = body.char_indices().take(120).find(|(_, c)| *c == ':')?.0;
    let lead = &body[..colon];
    // Figures only in what follows a name ("Jonathan Ross, Film 2005:"), never in the name
    // itself or alone ("At 10:30").
    let person = lead.split(',').next().unwrap_or(lead).trim();
    if person.contains(|c: char| c.is_ascii_digit())
        || lead.contains(QUOTES_OPEN)
        || lead.matches(',').count() > 1
        || !lead.chars().any(char::is_lowercase)
    {
        return None;
    }
    let words: Vec<&str> = lead.split_whitespace().collect();
    let particles = [
        "of", "the", "for", "and", "to", "on", "at", "in", "de", "van", "von", "al", "bin",
    ];
    let name_like = (2..=16).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || particles.contains(w)
                || w.chars().all(|c| c.is_ascii_digit())
        })
        && !words.iter().any(|w| is_reporting_verb(&bare(w)));
    if !name_like {
        return None;
    }
    Some((offset + colon, display(person)))
}

/// The named person a paragraph's last sentence is about, when that sentence opens with one:
/// "Nevertheless, Polish National Bank head Wladyslaw Baka, in talks…, made it clear…" →
/// "Wladyslaw Baka, Polish National Bank head". Only a person: a title or a personal
/// noun with a name of two or more capitalised words.
///
/// `masked` is the text with its quotations masked ([`mask_quotes`]). `loose` also takes a
/// name of unknown kind, for when a "he" or "she" already says it is a person.
pub fn subject_person(masked: &str, loose: bool) -> Option<String> {
    let starts = sentence_starts(masked);
    let last = *starts.last()?;
    let sentence = &masked[last..char_floor(masked, last + WINDOW)];
    let segment = sentence
        .split(',')
        .map(str::trim)
        .find(|s| s.split_whitespace().count() > 1)?;
    if segment.contains(QUOTES_OPEN) || segment.contains(QUOTES_CLOSE) {
        return None;
    }
    let mut words: Vec<&str> = segment.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| subject::OPENERS.contains(&bare(w).as_str()))
    {
        words.remove(0);
    }
    // The name: the last run of two or more capitalised words in the opening segment,
    // reached before any verb-like lowercase word beyond a title.
    let (mut start, mut end) = (0, 0);
    let (mut run_start, mut run_end) = (0, 0);
    for (i, w) in words.iter().enumerate() {
        if w.starts_with(char::is_uppercase) {
            if run_end != i {
                run_start = i;
            }
            run_end = i + 1;
            if run_end - run_start >= 2 {
                (start, end) = (run_start, run_end);
            }
        } else if FINITE.contains(&bare(w).as_str()) || is_reporting_verb(&bare(w)) {
            break;
        }
    }
    if end - start < 2 {
        return None;
    }
    let np = words[..end].join(" ");
    let kind = classify(&np);
    (kind == Entity::Person || loose && kind == Entity::Unknown).then(|| display(&np))
}

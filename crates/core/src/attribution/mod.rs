//! Attribution: who says each paragraph, citing whom, and how. Rules for English news
//! copy in general — reporting verbs and their subjects, "said X" inversion, "according
//! to", "per" and "citing" chains, channels ("in a post on X"), and carry-over of the
//! previous speaker for pronoun openings and continuing quotations.

mod casing;
mod extract;
mod lexicon;
mod names;
mod nouns;
mod wordnet;

use extract::{events, mask_quotes, Event, Subject};
pub use names::Entity;

/// Whether a lowercase word is a form of a verb whose first sense is saying words (WordNet,
/// see `wordnet.rs`) or of a verb of denial: what "What did X say…" or "Did X deny…" asks
/// about. Verbs that also name deeds ("promise", "decide", "respond") are left out: an
/// article can narrate those without quoting anyone.
pub fn is_speech_verb(word: &str) -> bool {
    wordnet::SPEECH_VERBS.binary_search(&word).is_ok()
        || wordnet::DENYING_VERBS.binary_search(&word).is_ok()
}

/// Whether a lowercase word stands in a title before a name ("minister", "president").
pub fn is_title_word(word: &str) -> bool {
    lexicon::TITLE_WORDS.contains(&word)
}

/// Whether a reporting cue (a verb form or a noun, as written) denies: WordNet's verbs and
/// nouns of denial (see `wordnet.rs`), and the news senses of `lexicon::NEWS_DENYING_VERBS`.
pub fn is_denial_cue(how: &str) -> bool {
    let how = how.to_lowercase();
    wordnet::DENYING_VERBS.binary_search(&how.as_str()).is_ok()
        || wordnet::DENIAL_NOUNS.binary_search(&how.as_str()).is_ok()
        || lexicon::NEWS_DENYING_VERBS.contains(&how.as_str())
}

/// The head noun of a speaking noun phrase ("officials close to the talks" → "officials").
pub fn head_noun(np: &str) -> String {
    names::head(np)
}
use serde::Serialize;

/// How every front end credits a paragraph no one is quoted in (the article's own voice):
/// `ask`, `passages`, `who-said` and the Discord cards all use this one wording.
pub const OWN_VOICE: &str = "the article's own reporting";

/// Who makes the statement in a paragraph.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker; `None` when the paragraph is the article's own voice.
    pub speaker: Option<String>,
    /// The chain the speaker relies on, outermost first.
    pub cited: Vec<String>,
    /// The reporting verb or channel ("said", "in a post on X").
    pub how: Option<String>,
    /// True when the speaker was carried over from an earlier paragraph.
    #[serde(skip)]
    pub carried: bool,
    /// What kind of speaker this is (for pronouns in later paragraphs).
    #[serde(skip)]
    pub entity: Entity,
}

impl Attribution {
    /// Everyone it names: the speaker, then each cited source.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.speaker.iter().chain(&self.cited)
    }

    /// A one-line credit: "Information ministry, in a post on X", "First Post, citing CNN-News 18".
    pub fn credit(&self) -> Option<String> {
        let speaker = self.speaker.as_deref()?;
        let mut line = match self.how.as_deref() {
            Some("according to") => format!("According to {}", lower_first(speaker)),
            Some(how) if is_channel(how) => format!("{speaker}, {how}"),
            Some(how) => format!("{speaker} ({how})"),
            None => speaker.to_string(),
        };
        for source in &self.cited {
            line.push_str(", citing ");
            line.push_str(source);
        }
        Some(line)
    }
}

fn is_channel(how: &str) -> bool {
    ["in ", "on ", "via ", "during ", "through ", "at ", "per "]
        .iter()
        .any(|p| how.starts_with(p))
}

fn lower_first(s: &str) -> String {
    // Keep proper names ("First Post") capitalised; lower a common-noun opening ("Officials").
    let second_upper = s
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    let first_word_acronym = s
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase()));
    if second_upper || first_word_acronym {
        return s.to_string();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Subjects that are one of a group named before ("Deputies from three provinces said… One
/// said…").
const ONE_OF: [&str; 2] = ["One", "Another"];
/// How far back a pronoun may reach for its speaker.
const PRONOUN_BACK: usize = 6;
/// How many distinct earlier speakers a short reference ("Roe", "the ministry") may match.
const KNOWN_BACK: usize = 256;
/// How many earlier paragraphs attribution looks at, at most.
const MENTION_BACK: usize = 64;
/// How far back a continuing quotation or "the report" may reach.
const CARRY_BACK: usize = 3;

/// Attributes every paragraph of one article, in order (carry-over needs the previous ones).
pub fn attribute_all(paragraphs: &[&str]) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::with_capacity(paragraphs.len());
    let casing = casing::Casing::of(paragraphs);
    // Distinct speakers named so far, the latest KNOWN_BACK of them searched: short
    // references resolve to recent names, and time stays linear in the article's length.
    let mut speakers_so_far: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // What later pronouns and continuing quotations may point back to: each paragraph's
    // speaker, or, where the article speaks, the person its last sentence is about
    // ("Nevertheless, bank head Wladyslaw Baka, in talks…, made it clear…" → "He was quoted").
    let mut mentions: Vec<Attribution> = Vec::with_capacity(paragraphs.len());
    for text in paragraphs {
        let recent_known = &speakers_so_far[speakers_so_far.len().saturating_sub(KNOWN_BACK)..];
        let back = &mentions[mentions.len().saturating_sub(MENTION_BACK)..];
        let masked = mask_quotes(text);
        let attribution = attribute(text, &masked, back, recent_known, &casing);
        let about = match attribution.speaker {
            None => extract::subject_person(&masked, false),
            Some(_) => None,
        };
        let mention = match about {
            Some(name) => Attribution {
                speaker: Some(names::corefer(&name, recent_known, false)),
                entity: Entity::Person,
                carried: true,
                ..Attribution::default()
            },
            None => attribution.clone(),
        };
        if let Some(s) = &attribution.speaker {
            if !attribution.carried && seen.insert(s.clone()) {
                speakers_so_far.push(s.clone());
            }
        }
        mentions.push(mention);
        out.push(attribution);
    }
    out
}

/// The latest earlier attribution, within `back` paragraphs, whose speaker fits `fits`.
fn recent(
    earlier: &[Attribution],
    back: usize,
    fits: impl Fn(&str) -> bool,
) -> Option<&Attribution> {
    earlier
        .iter()
        .rev()
        .take(back)
        .find(|a| a.speaker.as_deref().is_some_and(&fits))
}

/// The earlier speaker a pronoun points to: "he"/"she" a person, "it" an institution,
/// "they" a group or institution; the latest speaker when none fits.
fn antecedent<'a>(
    pronoun: &str,
    earlier: &'a [Attribution],
    lead: &str,
) -> Option<&'a Attribution> {
    let wanted: &[Entity] = match pronoun {
        "he" | "she" => &[Entity::Person],
        "it" => &[Entity::Organisation],
        "they" => &[Entity::Group, Entity::Organisation],
        _ => &[Entity::Person, Entity::Group, Entity::Organisation],
    };
    // A person named earlier in the same paragraph: "the minister struck a tone … she said".
    if matches!(pronoun, "he" | "she") {
        let lead_words: Vec<String> = lead.split_whitespace().map(names::bare).collect();
        let mentioned = earlier.iter().rev().find(|a| {
            a.entity == Entity::Person
                && a.speaker.as_deref().is_some_and(|s| {
                    s.split_whitespace()
                        .filter(|w| w.starts_with(char::is_uppercase) && w.len() > 3)
                        .any(|w| lead_words.contains(&names::bare(w)))
                })
        });
        if mentioned.is_some() {
            return mentioned;
        }
        // "the minister struck a tone … she said": a title named earlier in the paragraph.
        let titled = earlier.iter().rev().find(|a| {
            a.entity == Entity::Person
                && a.speaker.as_deref().is_some_and(|s| {
                    s.split_whitespace()
                        .map(names::bare)
                        .filter(|w| lexicon::TITLE_WORDS.contains(&w.as_str()))
                        .any(|w| lead_words.windows(2).any(|p| p[0] == "the" && p[1] == w))
                })
        });
        if titled.is_some() {
            return titled;
        }
    }
    let of_kind = |kinds: &[Entity]| {
        earlier
            .iter()
            .rev()
            .take(PRONOUN_BACK)
            .find(|a| a.speaker.is_some() && kinds.contains(&a.entity))
    };
    // The nearest compatible mention: of the wanted kind, or of a kind not known.
    let mut compatible = wanted.to_vec();
    compatible.push(Entity::Unknown);
    of_kind(&compatible).or_else(|| recent(earlier, CARRY_BACK, |_| true))
}

/// Attributes one paragraph, given the attributions before it and every speaker named so far.
/// `masked` is `text` with its quotations masked.
fn attribute(
    text: &str,
    masked: &str,
    earlier: &[Attribution],
    known: &[String],
    casing: &casing::Casing,
) -> Attribution {
    let mut found = events(text, masked);
    // Only main clauses speak for the paragraph: a cue in a subordinate clause is background
    // ("The row began when the government said last month…" is the article's own account).
    // A subject whose only capital opens the sentence, and which no speaking noun heads,
    // names no one ("Rates of around 2.90 marks… said"; `casing.rs`); "One said" is one of
    // a group named before (below).
    found.retain(|e| {
        !e.subordinate
            && e.named()
                .is_none_or(|n| ONE_OF.contains(&n) || casing.names_someone(n))
    });
    // "Citing the filing, Citicorp said…": a participle's subject is its main clause's, so the
    // source it cites comes after that clause's speaker.
    if found.len() > 1 && found[0].how == "citing" && found[1].sentence == found[0].sentence {
        let citing = found.remove(0);
        found.insert(1, citing);
    }
    // Transcript and list form: "Secretary of the Air Force James Roche: “No, Sir…”".
    if let Some((colon, name)) = extract::colon_lead(text) {
        if found.first().is_none_or(|e| e.start > colon) {
            let speaker = names::corefer(&name, known, false);
            return Attribution {
                entity: names::classify(&name),
                speaker: Some(speaker),
                cited: Vec::new(),
                how: None,
                carried: false,
            };
        }
    }
    // The paragraph's speaker is the source of its main content: the first event, unless a
    // later sentence carries a long quotation the first event's sentence does not.
    let starts = extract::sentence_starts(masked);
    let quoted = |e: &Event| quoted_chars(text, masked, &starts, e.sentence);
    let main = found.iter().skip(1).find(|e| {
        let (q, first_q) = (quoted(e), found.first().map_or(0, &quoted));
        q > 60 && q > 2 * first_q && e.sentence != found[0].sentence
    });
    let all = found.clone();
    let mut found: Vec<Event> = match main {
        Some(m) => found
            .iter()
            .filter(|e| e.sentence >= m.sentence)
            .cloned()
            .collect(),
        None => found,
    };
    // "A team believes that faulty repairs caused the crash, one of the team said.": a
    // reporting clause closing the sentence after a comma frames all that stands before it,
    // other reporting verbs included; those become the sources it relays.
    if let Some(i) = trailing_frame(&found, masked, &starts) {
        let frame = found.remove(i);
        found.insert(0, frame);
    }
    let Some(first) = found.first() else {
        // A continuing quotation takes the previous speaker, and any source quoted inside it.
        if opens_with_quote(text) {
            if let Some(prev) = recent(earlier, 2, |_| true) {
                // Inside the quotation only a relaying source counts, verb last: "…, sources
                // said." (not "Israel and the United States have promised…").
                let inner: Vec<String> = events(text, text)
                    .into_iter()
                    .filter(|e| {
                        text[e.end..]
                            .split(['.', '!', '?', ';'])
                            .next()
                            .is_some_and(|rest| rest.split_whitespace().count() <= 3)
                    })
                    .filter_map(|e| e.named().map(str::to_string))
                    .collect();
                return carry(prev, &inner, prev.how.clone());
            }
        }
        return Attribution::default();
    };
    let chain: Vec<String> = found
        .iter()
        .skip(1)
        .filter(|e| e.sentence == first.sentence)
        .flat_map(Event::chain_names)
        .collect();
    // "One said": one of the group just named ("Deputies from three provinces said…").
    let one_of = |name: &str, before: usize| -> Option<Subject> {
        if !ONE_OF.contains(&name) {
            return None;
        }
        nearest_before(&all, before, |e| match &e.subject {
            Subject::Named {
                name: group,
                entity,
                ..
            } if *entity == Entity::Group
                || (*entity == Entity::Unknown && names::head(group).ends_with('s')) =>
            {
                Some(Subject::Named {
                    name: format!("{name} of the {}", extract::lower_first(group)),
                    definite: false,
                    lower: false,
                    entity: Entity::Person,
                })
            }
            _ => None,
        })
    };
    // "He"/"she" first looks inside the paragraph: the nearest person speaking before it
    // ("One said … “…,” he said"), then the person its opening is about ("Rong Yiren,
    // chairman of …, attacked the mentality which he said led to…").
    let local = match &first.subject {
        Subject::Pronoun(p) if p == "he" || p == "she" => {
            nearest_before(&all, first.start, |e| match &e.subject {
                Subject::Named {
                    name,
                    entity: Entity::Person | Entity::Unknown,
                    ..
                } => Some(one_of(name, e.start).unwrap_or_else(|| e.subject.clone())),
                _ => None,
            })
            .or_else(|| {
                // Without the pronoun itself: "Mark Oaten backed it. He said…" reads the
                // sentence before when the pronoun opens its own.
                let before = masked[..first.start].trim_end();
                let before = match before.rsplit_once(char::is_whitespace) {
                    Some((rest, last)) if names::bare(last) == *p => rest.trim_end(),
                    None if names::bare(before) == *p => "",
                    _ => before,
                };
                extract::subject_person(before, true).map(|name| Subject::Named {
                    name,
                    definite: false,
                    lower: false,
                    entity: Entity::Person,
                })
            })
        }
        Subject::Named { name, .. } => {
            one_of(name, first.start).or_else(|| spokesperson_of(name, &all, first.start))
        }
        _ => None,
    };
    let subject = local.as_ref().unwrap_or(&first.subject);
    let previous = match subject {
        Subject::Pronoun(p) => antecedent(p, earlier, &text[..first.start]),
        Subject::Anaphoric => earlier
            .iter()
            .rev()
            .take(CARRY_BACK)
            .find(|a| a.speaker.is_some() && a.entity == Entity::Organisation)
            .or_else(|| recent(earlier, CARRY_BACK, |_| true)),
        Subject::Named { .. } => None,
    };
    match subject {
        Subject::Pronoun(_) | Subject::Anaphoric => match previous {
            Some(prev) => carry(prev, &chain, Some(first.how.clone())),
            None => Attribution::default(),
        },
        Subject::Named {
            name,
            definite,
            entity,
            ..
        } => {
            let speaker = names::corefer(name, known, *definite);
            let speaker = if speaker == *name && *definite {
                described_organisation(name, earlier).unwrap_or(speaker)
            } else {
                speaker
            };
            // The main event's listener is how the speaker spoke, not a source between the
            // speaker and the article ("Bryen told Reuters"); a later event's listener is
            // ("It said sources told CNN-News 18").
            let cited = dedupe(&speaker, chain);
            let how = match &first.listener {
                Some(listener) if lexicon::TELL_VERBS.contains(&first.how.as_str()) => {
                    format!("{} {listener}", first.how)
                }
                _ => first.how.clone(),
            };
            // A short reference ("the ministry") takes the kind of the name it resolved to.
            let entity = if speaker != *name {
                earlier
                    .iter()
                    .rev()
                    .find(|a| a.speaker.as_deref() == Some(speaker.as_str()))
                    .map_or(*entity, |a| a.entity)
            } else {
                *entity
            };
            Attribution {
                speaker: Some(speaker),
                cited,
                how: Some(how),
                carried: false,
                entity,
            }
        }
    }
}

/// "The company said", "the utility added": a definite organisation noun (WordNet,
/// [`nouns::is_organisation_noun`], or one [`names::classify`] knows: "the group") that
/// names no fuller speaker of its own kind stands for the organisation heard most often
/// within `earlier`, or else for the speaker of a kind not known ("Swissair") heard most
/// often.
fn described_organisation(name: &str, earlier: &[Attribution]) -> Option<String> {
    let bare_noun = |s: &str| {
        !s.contains(char::is_whitespace)
            && (nouns::is_organisation_noun(&s.to_lowercase())
                || names::classify(s) == Entity::Organisation)
    };
    if !bare_noun(name) {
        return None;
    }
    // The organisation that speaks most often before (a story's own company speaks again and
    // again), the latest of equals; organisations first, then names of a kind not known.
    let most_heard = |kinds: &[Entity]| {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for a in earlier
            .iter()
            .filter(|a| !a.carried && kinds.contains(&a.entity))
        {
            let Some(s) = a.speaker.as_deref().filter(|s| !bare_noun(s)) else {
                continue;
            };
            match counts.iter_mut().find(|(n, _)| *n == s) {
                Some((_, c)) => *c += 1,
                None => counts.push((s, 1)),
            }
        }
        counts
            .iter()
            .rev()
            .max_by_key(|(_, c)| *c)
            .map(|(s, _)| s.to_string())
    };
    most_heard(&[Entity::Organisation]).or_else(|| most_heard(&[Entity::Unknown]))
}

fn carry(prev: &Attribution, more: &[String], how: Option<String>) -> Attribution {
    let speaker = prev.speaker.clone().unwrap_or_default();
    let mut cited = prev.cited.clone();
    cited.extend(more.iter().cloned());
    Attribution {
        cited: dedupe(&speaker, cited),
        speaker: Some(speaker),
        how,
        carried: true,
        entity: prev.entity,
    }
}

/// Drops repeats from a citation chain: the speaker itself, and names with the same head
/// noun as one already in the chain ("sources" after "top intelligence sources").
fn dedupe(speaker: &str, chain: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in chain {
        if !names::is_source(&name) {
            continue;
        }
        let same =
            |other: &str| other.eq_ignore_ascii_case(&name) || names::same_head(other, &name);
        if same(speaker) || out.iter().any(|o| same(o)) {
            continue;
        }
        out.push(name);
    }
    out
}

/// "AOL backed the cuts but said…. “…,” a spokesman said.": an unnamed spokesperson speaks
/// for the body that spoke before it in the paragraph ("A spokesman for AOL", "A spokesman
/// for the ministry"); not for a person or a group, nor for a speaker written in lowercase.
fn spokesperson_of(name: &str, all: &[Event], before: usize) -> Option<Subject> {
    let lower = name.to_lowercase();
    let role = ["a ", "an "]
        .iter()
        .find_map(|a| lower.strip_prefix(a))
        .filter(|r| ["spokesman", "spokeswoman", "spokesperson"].contains(r))?;
    nearest_before(all, before, |e| match &e.subject {
        Subject::Named {
            name: body,
            entity,
            definite,
            lower,
        } if *entity != Entity::Person && *entity != Entity::Group && !*lower => {
            let body = if *definite {
                format!("the {}", extract::lower_first(body))
            } else {
                body.clone()
            };
            Some(Subject::Named {
                name: format!("A {role} for {body}"),
                definite: false,
                lower: false,
                entity: Entity::Person,
            })
        }
        _ => None,
    })
}

/// The nearest event before byte `before` of the paragraph that `f` makes something of: the
/// speaker a "one", "he" or "a spokesman" stands for.
fn nearest_before<T>(
    all: &[Event],
    before: usize,
    f: impl FnMut(&Event) -> Option<T>,
) -> Option<T> {
    all.iter().rev().filter(|e| e.start < before).find_map(f)
}

/// Words a closing reporting clause may hold after its verb ("said on Tuesday").
const FRAME_TAIL: usize = 3;
/// Words its subject may hold ("one of the team", "a senior defence official").
const FRAME_SUBJECT: usize = 8;

/// The position in `found` of a reporting clause that closes the first event's sentence
/// after a comma, its subject standing between the comma and the verb ("…, the officials
/// said.") or after "according to" ("…, according to the Washington Post."), when another
/// event stands before it in that sentence. A person's own speech keeps its speaker, the
/// closing clause then being the source that relays it ("Poehl told a symposium that…,
/// banking sources said").
fn trailing_frame(found: &[Event], masked: &str, starts: &[usize]) -> Option<usize> {
    let first = found.first()?;
    let person_speaks = matches!(
        &first.subject,
        Subject::Named {
            entity: Entity::Person,
            ..
        }
    ) && is_speech_verb(&first.how.to_lowercase());
    if person_speaks {
        return None;
    }
    let end = starts
        .get(first.sentence + 1)
        .copied()
        .unwrap_or(masked.len());
    found.iter().position(|e| {
        if e.sentence != first.sentence || e.start <= first.end {
            return false;
        }
        let between = &masked[first.end..e.start];
        let Some(comma) = between.rfind(',') else {
            return false;
        };
        // "…might be challenged, according to the Washington Post.": the source closes the
        // sentence right after the comma, framing what is no one's speech before it (a
        // belief inside a reported denial); "The report added that…, according to sources"
        // stays the report's, relaying its sources.
        if e.how == "according to" && between[comma + 1..].trim().is_empty() {
            if first.subject == Subject::Anaphoric || is_speech_verb(&first.how.to_lowercase()) {
                return false;
            }
            let tail = &masked[e.end.min(end)..end];
            return tail.split_whitespace().count() <= FRAME_SUBJECT + FRAME_TAIL
                && !tail.contains([',', ':', '\u{201C}', '"', '\u{00AB}']);
        }
        let subject = between[comma + 1..].trim().to_lowercase();
        let words = subject.split_whitespace().count();
        let tail = &masked[e.end.min(end)..end];
        let subject_adjoins = match &e.subject {
            Subject::Named { name, .. } => name
                .split_whitespace()
                .last()
                .is_some_and(|w| subject.ends_with(&w.to_lowercase())),
            Subject::Pronoun(p) => subject == *p,
            Subject::Anaphoric => true,
        };
        (1..=FRAME_SUBJECT).contains(&words)
            && subject_adjoins
            && tail.split_whitespace().count() <= FRAME_TAIL
            && !tail.contains([',', ':', '\u{201C}', '"', '\u{00AB}'])
    })
}

/// Bytes inside quotation marks in one sentence of a paragraph (by sentence index).
fn quoted_chars(text: &str, masked: &str, starts: &[usize], sentence: usize) -> usize {
    let from = starts.get(sentence).copied().unwrap_or(0);
    let to = starts.get(sentence + 1).copied().unwrap_or(text.len());
    // Byte for byte: masking keeps offsets, and a masked character is all spaces.
    text.as_bytes()[from..to]
        .iter()
        .zip(&masked.as_bytes()[from..to])
        .filter(|(t, m)| t != m)
        .count()
}

fn opens_with_quote(text: &str) -> bool {
    text.trim_start()
        .starts_with(['\u{201C}', '"', '\u{2018}', '\u{00AB}'])
}

#[cfg(test)]
mod tests;

//! From question to query: the question's stems (filler dropped, a multi-word verb
//! bringing its one-word verb, role and cause questions widened), each widened into its
//! WordNet synonyms (`wordnet-synonyms.txt`, made by `scripts/make-synonyms.py`: the other
//! words of its two most frequent senses and the words derived from it in them) and
//! spelling variants found in the index, and weighted by how rare it is.

use super::{EXACT, MAX_CONCEPTS, MORPH, SYNONYM, UNSEEN_WEIGHT};
use crate::analyzer;
use crate::index::StoryIndex;
use crate::Result;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// One word of the question with every stem that can stand for it.
#[derive(Debug, Clone)]
pub(super) struct Concept {
    pub(super) variants: Vec<(String, f32)>,
    pub(super) idf: f32,
    /// Neither the word nor a spelling variant occurs in any article.
    pub(super) absent: bool,
}

/// WordNet 3.0 synonyms (`scripts/make-synonyms.py`): a word and the words it may stand for.
const WORDNET_SYNONYMS: &str = include_str!("wordnet-synonyms.txt");

static THESAURUS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut a = analyzer::analyzer();
    let mut map: HashMap<String, HashSet<String>> = HashMap::new();
    for line in WORDNET_SYNONYMS.lines().filter(|l| !is_phrasal(l)) {
        let (word, others) = line.split_once('\t').unwrap_or((line, ""));
        let others: Vec<String> = others
            .split(' ')
            .flat_map(|w| analyzer::stems(&mut a, w))
            .collect();
        for s in analyzer::stems(&mut a, word) {
            map.entry(s.clone())
                .or_default()
                .extend(others.iter().filter(|o| **o != s).cloned());
        }
    }
    // Sorted, so that the same question always builds the same query.
    map.into_iter()
        .map(|(k, v)| {
            let mut v: Vec<String> = v.into_iter().collect();
            v.sort();
            (k, v)
        })
        .collect()
});

/// Whether a thesaurus line is a multi-word verb's ("set up\testablish launch found").
fn is_phrasal(line: &str) -> bool {
    line.split('\t')
        .next()
        .is_some_and(|head| head.contains(' '))
}

/// Multi-word verbs, each inflection padded with spaces (" set up "), and the most frequent
/// one-word verb of the same sense ("establish"), from the WordNet thesaurus.
static PHRASAL: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    WORDNET_SYNONYMS
        .lines()
        .filter(|l| is_phrasal(l))
        .filter_map(|l| {
            let (phrase, verbs) = l.split_once('\t')?;
            Some((format!(" {phrase} "), verbs.split(' ').next()?))
        })
        .collect()
});

/// "What will/would/does X do (in Y)?": a question about someone's role or task.
static DOING: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^\s*what\s+(?:will|would|does|do|did|is|are|should|could|can)\b.*\bdo(?:ing)?\b",
    )
    .expect("role pattern compiles")
});

/// "What started/caused/triggered/sparked X?": a question about a cause.
static CAUSING: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^\s*(?:what|who)\s+(?:started|caused|causes|triggered|sparked|led\s+to|prompted)\b",
    )
    .expect("cause pattern compiles")
});

/// Words that only shape a question ("how many", "did anyone") and carry no topic.
const QUESTION_FILLER: &[&str] = &[
    "many",
    "much",
    "anybody",
    "anyone",
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "get",
    "gets",
    "got",
    "getting",
    "go",
    "goes",
    "going",
    "want",
    "wants",
    "kind",
    "sort",
    "type",
    "exactly",
    "really",
    "actually",
    "happening",
    "going",
    "like",
    "let",
    "need",
    "needs",
    "way",
    "ways",
    "long",
    "often",
    "else",
    "mean",
    "means",
    "meant",
    "article",
    "story's",
    "whom",
];

/// The question's distinct stems, a multi-word verb's one-word verb among them.
pub(super) fn question_stems(
    a: &mut tantivy::tokenizer::TextAnalyzer,
    question: &str,
) -> Vec<String> {
    let q = format!(
        " {} ",
        question
            .to_lowercase()
            .replace(['\u{2019}', '\u{2018}'], "'")
    );
    // A multi-word verb brings the one-word verb of its sense ("set up" → "establish").
    let words: String = q
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = format!(
        " {} ",
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let phrasal: Vec<&str> = PHRASAL
        .iter()
        .filter(|(phrase, _)| words.contains(phrase.as_str()))
        .map(|(_, verb)| *verb)
        .collect();
    let mut q: String = q
        .split_whitespace()
        .filter(|w| !QUESTION_FILLER.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect::<Vec<_>>()
        .join(" ");
    for verb in phrasal {
        q.push(' ');
        q.push_str(verb);
    }
    // "What will the force do?" asks for a role: the words for one join the question.
    if DOING.is_match(&q) {
        q.push_str(" role");
    }
    // "What started the fire?", "What caused the delay?": a question about a cause.
    if CAUSING.is_match(&q) {
        q.push_str(" cause");
    }
    let mut seen = HashSet::new();
    analyzer::stems(a, &q)
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .take(MAX_CONCEPTS)
        .collect()
}

pub(super) fn fields(index: &StoryIndex) -> [Field; 4] {
    let f = &index.fields;
    [f.text, f.speaker, f.cited, f.context]
}

fn doc_freq(searcher: &Searcher, index: &StoryIndex, stem: &str) -> Result<u64> {
    let mut most = 0;
    for &f in fields(index).iter().take(3) {
        most = most.max(searcher.doc_freq(&Term::from_field_text(f, stem))?);
    }
    Ok(most)
}

/// The question's stems as weighted concepts; an error when the index cannot be read.
pub(super) fn concepts(
    searcher: &Searcher,
    index: &StoryIndex,
    stems: &[String],
) -> Result<Vec<Concept>> {
    let n = searcher.num_docs().max(1) as f32;
    let idf = |df: u64| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    // A word the story never uses weighs like a rare one, not infinitely: members paraphrase.
    let unseen = idf(1) * UNSEEN_WEIGHT;
    stems
        .iter()
        .map(|stem| {
            let mut variants: Vec<(String, f32)> = vec![(stem.clone(), EXACT)];
            let mut add = |s: &str, w: f32| {
                if !variants.iter().any(|(v, _)| v == s) {
                    variants.push((s.to_string(), w));
                }
            };
            for s in morph_variants(searcher, index, stem)? {
                add(&s, MORPH);
            }
            if let Some(syns) = THESAURUS.get(stem) {
                for s in syns {
                    add(s, SYNONYM);
                }
            }
            let df = doc_freq(searcher, index, stem)?;
            let mut absent = df == 0;
            for (v, _) in variants.iter().filter(|(_, w)| *w >= MORPH) {
                if !absent {
                    break;
                }
                absent = doc_freq(searcher, index, v)? == 0;
            }
            Ok(Concept {
                variants,
                idf: if df == 0 { unseen } else { idf(df) },
                absent,
            })
        })
        .collect()
}

/// Indexed words sharing all but the last letter or two with `stem` ("recognit" and
/// "recognis"; "stabiliz" and "stabilis"): spelling and derivation the stemmer misses.
fn morph_variants(searcher: &Searcher, index: &StoryIndex, stem: &str) -> Result<Vec<String>> {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() < 6 || !chars.iter().all(|c| c.is_alphabetic()) {
        return Ok(Vec::new());
    }
    let prefix: String = chars[..chars.len() - 2].iter().collect();
    let mut upper = prefix.clone().into_bytes();
    if let Some(last) = upper.last_mut() {
        *last += 1;
    }
    let mut out = HashSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(index.fields.text)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&upper)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                let len = term.chars().count();
                if term != stem && len + 2 >= chars.len() && len <= chars.len() + 3 {
                    out.insert(term.to_string());
                }
            }
            if out.len() >= 8 {
                break;
            }
        }
    }
    let mut out: Vec<String> = out.into_iter().collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(a: &mut tantivy::tokenizer::TextAnalyzer, word: &str) -> String {
        analyzer::stems(a, word).remove(0)
    }

    #[test]
    fn the_wordnet_thesaurus_reads_a_words_two_most_frequent_senses() {
        for line in WORDNET_SYNONYMS.lines() {
            let (head, others) = line.split_once('\t').expect("a tab after the word");
            assert!(!head.is_empty() && !others.is_empty(), "{line:?}");
        }
        let mut a = analyzer::analyzer();
        let mut brings = |word: &str, other: &str| {
            let (word, other) = (stem(&mut a, word), stem(&mut a, other));
            THESAURUS.get(&word).is_some_and(|s| s.contains(&other))
        };
        assert!(brings("purchase", "buy") && brings("buy", "purchase"));
        // A derived word of the same sense.
        assert!(brings("deny", "denial"));
        // "say" in its second sense is "allege"; its third, "suppose", is too rare.
        assert!(brings("say", "allege"));
        assert!(!brings("say", "suppose"));
    }

    #[test]
    fn a_multi_word_verb_brings_its_one_word_verb_and_keeps_its_own() {
        let mut a = analyzer::analyzer();
        let stems = question_stems(&mut a, "Who set up the company?");
        assert!(stems.contains(&stem(&mut a, "establish")), "{stems:?}");
        assert!(stems.contains(&stem(&mut a, "company")), "{stems:?}");
        let stems = question_stems(&mut a, "When did the rebels pull back?");
        assert!(stems.contains(&stem(&mut a, "withdraw")), "{stems:?}");
        let stems = question_stems(&mut a, "Who set the agenda?");
        assert!(!stems.contains(&stem(&mut a, "establish")), "{stems:?}");
    }
}

//! Ranking: turns a member's question into a weighted term query (never tantivy's query
//! syntax, so no user text can break it), retrieves candidates with BM25 over paragraph text,
//! speaker, cited names and context, then re-ranks them by how much of the question each
//! covers, phrase adjacency, and the kind of answer asked for. When no candidate covers
//! enough of the question, the answer is empty: the article doesn't say.

pub mod question;
pub mod synonyms;

use crate::answer::{Answer, Passage, Rebuttal};
use crate::index::analyzer::{self, Word};
use crate::index::StoryIndex;
use question::Kind;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// Options for one question.
#[derive(Debug, Clone)]
pub struct AskOptions {
    /// How many passages at most.
    pub limit: usize,
    /// Only passages whose speaker contains this (case-insensitive).
    pub speaker: Option<String>,
    /// Only passages of this article.
    pub article: Option<String>,
}

impl Default for AskOptions {
    fn default() -> Self {
        AskOptions {
            limit: 3,
            speaker: None,
            article: None,
        }
    }
}

/// The share of a question's weight a passage must cover to count as an answer.
pub const MIN_COVERAGE: f32 = 0.5;
/// Further passages must score at least this share of the best one.
const FOLLOWER_SHARE: f32 = 0.3;
/// Stems of the verbs of denial (what a denial paragraph does, in any words).
const DENIAL_STEMS: &[&str] = &[
    "deni",
    "deny",
    "reject",
    "rubbish",
    "dismiss",
    "refut",
    "rebut",
    "repudi",
    "disown",
    "contradict",
];
/// How much a denial is favoured when the question asks who denied, rejected or rebutted.
const DENIAL_FIT: f32 = 1.3;
/// A claim takes its denial's place when it covers at least this share of what the denial covers.
const CLAIM_COVERAGE_SHARE: f32 = 0.85;
/// Candidates fetched from tantivy before re-ranking.
const CANDIDATES: usize = 60;
/// Questions longer than this many distinct words are cut (pasted text).
const MAX_CONCEPTS: usize = 32;
/// Weights of the ways a question word can match.
const EXACT: f32 = 1.0;
const MORPH: f32 = 0.8;
const SYNONYM: f32 = 0.6;
/// How much a synonym counts toward covering the question (more than its retrieval weight:
/// a paraphrase answers the question as well as the same word does, it is just less certain).
const SYNONYM_COVERAGE: f32 = 0.75;
/// How much a question word absent from every article weighs, relative to the rarest word.
const UNSEEN_WEIGHT: f32 = 0.8;
/// Field boosts: a word in the paragraph counts most, in its context least.
const FIELD_BOOSTS: [(usize, f32); 4] = [(0, 1.0), (1, 0.9), (2, 0.6), (3, 0.35)];
/// A match only in the context field counts this much toward coverage.
const CONTEXT_COVERAGE: f32 = 0.5;

/// One word of the question with every stem that can stand for it.
#[derive(Debug, Clone)]
struct Concept {
    variants: Vec<(String, f32)>,
    idf: f32,
}

static THESAURUS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut a = analyzer::analyzer();
    let mut map: HashMap<String, HashSet<String>> = HashMap::new();
    for group in synonyms::GROUPS {
        let stems: Vec<String> = group
            .iter()
            .flat_map(|w| analyzer::stems(&mut a, w))
            .collect();
        for s in &stems {
            map.entry(s.clone())
                .or_default()
                .extend(stems.iter().filter(|o| *o != s).cloned());
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

/// Answers `question` from the index.
pub fn answer(question: &str, index: &StoryIndex, opts: &AskOptions) -> Answer {
    let mut reply = Answer {
        query: question.to_string(),
        answers: Vec::new(),
        suggestion: None,
        note: None,
    };
    let mut a = analyzer::analyzer();
    let stems = question_stems(&mut a, question);
    if stems.is_empty() {
        reply.note = Some(
            "the question has no words to search for: name who or what you want to know about"
                .into(),
        );
        return reply;
    }
    let searcher = index.reader.searcher();
    let concepts = concepts(&searcher, index, &stems);
    tracing::debug!(?concepts, "question concepts");
    let kind = Kind::of(question);
    let wants_denial = crate::dispute::denies(question) || asks_about_falsehood(question);
    let mut ranked = rerank(
        &searcher,
        index,
        &concepts,
        kind,
        wants_denial,
        opts,
        &mut a,
    );
    ranked.sort_by(|x, y| y.score.total_cmp(&x.score));
    // The best passage that covers enough of the question; none: the article doesn't say.
    let Some(best) = ranked.iter().find(|c| c.coverage >= MIN_COVERAGE) else {
        reply.suggestion = ranked
            .into_iter()
            .next()
            .filter(|c| c.coverage > 0.0)
            .map(|c| with_rebuttals(c.passage, index));
        return reply;
    };
    let top = best.score;
    let mut chosen: Vec<usize> = (0..ranked.len())
        .filter(|&i| ranked[i].coverage >= MIN_COVERAGE && ranked[i].score >= top * FOLLOWER_SHARE)
        .take(opts.limit.max(1))
        .collect();
    if !crate::dispute::denies(question) && !asks_about_falsehood(question) {
        lead_with_claims(&ranked, &mut chosen, index);
    }
    let mut ranked: Vec<Option<Candidate>> = ranked.into_iter().map(Some).collect();
    reply.answers = chosen
        .into_iter()
        .filter_map(|i| ranked[i].take())
        .map(|c| with_rebuttals(c.passage, index))
        .collect();
    reply
}

fn asks_about_falsehood(question: &str) -> bool {
    let q = question.to_lowercase();
    [
        "fake", "false", "lie", "lying", "untrue", "fabricat", "deny", "denied", "denies",
        "reject", "rebut", "respond", "response", "react",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// Where a denial answers a question about the claim it rebuts (and the claim answers it
/// about as well), the claim takes the denial's place: the answer is the claim, shown with
/// its rebuttal attached, rather than a rebuttal of something not shown.
fn lead_with_claims(ranked: &[Candidate], chosen: &mut [usize], index: &StoryIndex) {
    for slot in 0..chosen.len() {
        let denial = &ranked[chosen[slot]];
        if denial.passage.stance != crate::dispute::Stance::Denial {
            continue;
        }
        let Some(p) = index
            .library
            .article(&denial.passage.article)
            .and_then(|a| a.paragraph(denial.passage.paragraph))
        else {
            continue;
        };
        let claim = ranked.iter().position(|c| {
            c.passage.article == denial.passage.article
                && p.disputes.contains(&c.passage.paragraph)
                && c.coverage >= MIN_COVERAGE.max(denial.coverage * CLAIM_COVERAGE_SHARE)
        });
        if let Some(ci) = claim.filter(|ci| !chosen.contains(ci)) {
            chosen[slot] = ci;
        }
    }
}

/// Paragraph `n` of article `slug` as a passage (with its rebuttals), outside any ranking.
pub fn passage(index: &StoryIndex, slug: &str, n: u32) -> Option<Passage> {
    let article = index.library.article(slug)?;
    let p = article.paragraph(n)?;
    Some(with_rebuttals(
        Passage::new(slug, &article.title, p, 0.0, Vec::new()),
        index,
    ))
}

/// Attaches to a claim every passage that rebuts it, strongest first: a claim is never
/// shown without its denial.
fn with_rebuttals(mut passage: Passage, index: &StoryIndex) -> Passage {
    let Some(article) = index.library.article(&passage.article) else {
        return passage;
    };
    let Some(p) = article.paragraph(passage.paragraph) else {
        return passage;
    };
    passage.disputed_by = p
        .disputed_by
        .iter()
        .filter_map(|n| article.paragraph(*n))
        .map(|r| Rebuttal {
            article: article.slug.clone(),
            paragraph: r.number,
            speaker: r.attribution.speaker.clone(),
            text: r.text.clone(),
        })
        .collect();
    passage
}

/// The question's distinct stems, with multi-word verbs folded first.
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

fn question_stems(a: &mut tantivy::tokenizer::TextAnalyzer, question: &str) -> Vec<String> {
    let mut q = format!(
        " {} ",
        question
            .to_lowercase()
            .replace(['\u{2019}', '\u{2018}'], "'")
    );
    for (from, to) in synonyms::IDIOMS {
        q = q.replace(&format!(" {from} "), &format!(" {to} "));
    }
    let mut q: String = q
        .split_whitespace()
        .filter(|w| !QUESTION_FILLER.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect::<Vec<_>>()
        .join(" ");
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

fn fields(index: &StoryIndex) -> [Field; 4] {
    let f = &index.fields;
    [f.text, f.speaker, f.cited, f.context]
}

fn doc_freq(searcher: &Searcher, index: &StoryIndex, stem: &str) -> u64 {
    fields(index)
        .iter()
        .take(3)
        .map(|&f| {
            searcher
                .doc_freq(&Term::from_field_text(f, stem))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

fn concepts(searcher: &Searcher, index: &StoryIndex, stems: &[String]) -> Vec<Concept> {
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
            for s in morph_variants(searcher, index, stem) {
                add(&s, MORPH);
            }
            if let Some(syns) = THESAURUS.get(stem) {
                for s in syns {
                    add(s, SYNONYM);
                }
            }
            let df = doc_freq(searcher, index, stem);
            Concept {
                variants,
                idf: if df == 0 { unseen } else { idf(df) },
            }
        })
        .collect()
}

/// Indexed words sharing all but the last letter or two with `stem` ("recognit" and
/// "recognis"; "stabiliz" and "stabilis"): spelling and derivation the stemmer misses.
fn morph_variants(searcher: &Searcher, index: &StoryIndex, stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() < 6 || !chars.iter().all(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let prefix: String = chars[..chars.len() - 2].iter().collect();
    let mut upper = prefix.clone().into_bytes();
    if let Some(last) = upper.last_mut() {
        *last += 1;
    }
    let mut out = HashSet::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(index.fields.text) else {
            continue;
        };
        let Ok(mut stream) = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&upper)
            .into_stream()
        else {
            continue;
        };
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
    out
}

struct Candidate {
    passage: Passage,
    coverage: f32,
    score: f32,
}

fn rerank(
    searcher: &Searcher,
    index: &StoryIndex,
    concepts: &[Concept],
    kind: Kind,
    wants_denial: bool,
    opts: &AskOptions,
    a: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<Candidate> {
    let fields = fields(index);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for c in concepts {
        for (v, w) in &c.variants {
            for (fi, boost) in FIELD_BOOSTS {
                let term = Term::from_field_text(fields[fi], v);
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                clauses.push((Occur::Should, Box::new(BoostQuery::new(q, w * boost))));
            }
        }
    }
    let mut query = BooleanQuery::new(clauses);
    if let Some(slug) = &opts.article {
        let filter: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(index.fields.slug, slug),
            IndexRecordOption::Basic,
        ));
        query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(query) as Box<dyn Query>),
            (Occur::Must, filter),
        ]);
    }
    let limit = if opts.speaker.is_some() {
        CANDIDATES * 4
    } else {
        CANDIDATES
    };
    let Ok(hits) = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()) else {
        return Vec::new();
    };
    let total_idf: f32 = concepts
        .iter()
        .map(|c| c.idf)
        .sum::<f32>()
        .max(f32::EPSILON);
    let speaker_filter = opts.speaker.as_ref().map(|s| s.to_lowercase());
    let mut out = Vec::new();
    for (bm25, addr) in hits {
        let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
            continue;
        };
        let ai = doc
            .get_first(index.fields.article)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize;
        let n = doc
            .get_first(index.fields.number)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as u32;
        let Some(article) = index.library.articles.get(ai) else {
            continue;
        };
        let Some(p) = article.paragraph(n) else {
            continue;
        };
        if let Some(want) = &speaker_filter {
            if !p
                .attribution
                .speaker
                .as_ref()
                .is_some_and(|s| s.to_lowercase().contains(want))
            {
                continue;
            }
        }
        let words = analyzer::words(a, &p.text);
        let text_stems: HashSet<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        let who = format!(
            "{} {}",
            p.attribution.speaker.clone().unwrap_or_default(),
            p.attribution.cited.join(" ")
        );
        let who_stems: HashSet<String> = analyzer::stems(a, &who).into_iter().collect();
        let ctx_stems: HashSet<String> = analyzer::stems(a, index.context(ai, n))
            .into_iter()
            .collect();
        let mut covered = 0.0;
        let mut matched: HashSet<&str> = HashSet::new();
        for c in concepts {
            let mut best: f32 = 0.0;
            for (v, w) in &c.variants {
                if text_stems.contains(v.as_str()) {
                    matched.insert(v.as_str());
                    best = best.max(coverage_weight(*w));
                } else if who_stems.contains(v) {
                    best = best.max(coverage_weight(*w));
                } else if ctx_stems.contains(v) {
                    best = best.max(w * CONTEXT_COVERAGE);
                }
            }
            // A denial does what "deny", "reject" or "dismiss" ask about, whatever its words
            // ("The news item is completely fabricated").
            if p.stance == crate::dispute::Stance::Denial
                && c.variants
                    .iter()
                    .any(|(v, _)| DENIAL_STEMS.contains(&v.as_str()))
            {
                best = best.max(SYNONYM_COVERAGE);
            }
            covered += c.idf * best;
        }
        let coverage = covered / total_idf;
        let adjacency = adjacency_bonus(concepts, &words);
        let stance_fit = if wants_denial && p.stance == crate::dispute::Stance::Denial {
            DENIAL_FIT
        } else {
            1.0
        };
        let score = bm25 * (0.25 + coverage).powi(2) * adjacency * kind.fit(p) * stance_fit;
        tracing::debug!(article = %article.slug, paragraph = n, bm25, coverage, adjacency, score, "candidate");
        let highlights = words
            .iter()
            .filter(|w| matched.contains(w.stem.as_str()))
            .map(|w: &Word| w.from..w.to)
            .collect();
        out.push(Candidate {
            passage: Passage::new(&article.slug, &article.title, p, score, highlights),
            coverage,
            score,
        });
    }
    out
}

fn coverage_weight(w: f32) -> f32 {
    if w <= SYNONYM {
        SYNONYM_COVERAGE
    } else {
        w
    }
}

/// Rewards a passage where consecutive question words stand next to each other.
fn adjacency_bonus(concepts: &[Concept], words: &[Word]) -> f32 {
    let mut bonus = 1.0;
    for pair in concepts.windows(2) {
        let is = |c: &Concept, stem: &str| c.variants.iter().any(|(v, w)| v == stem && *w >= MORPH);
        let adjacent = words
            .windows(2)
            .any(|w| is(&pair[0], &w[0].stem) && is(&pair[1], &w[1].stem));
        if adjacent {
            bonus *= 1.15;
        }
    }
    bonus
}

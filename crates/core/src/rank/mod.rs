//! Ranking: turns a member's question into a weighted term query (never tantivy's query
//! syntax, so no user text can break it), retrieves candidates with BM25 over paragraph text,
//! speaker, cited names and context, then re-ranks them by how much of the question each
//! covers, phrase adjacency, and the kind of answer asked for. When no candidate covers
//! enough of the question, the answer is empty: the article doesn't say.

mod align;
mod asked;
pub mod hybrid;
mod query;
pub mod question;
mod score;
#[cfg(test)]
mod tests;

use crate::analyzer;
use crate::answer::{Answer, Confidence, Passage, Rebuttal};
use crate::index::StoryIndex;
use crate::{Error, Result};
use asked::Asked;
use query::{concepts, question_stems};
use question::Kind;
use score::{rerank, Candidate, Judge, Reading};

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

/// Answers `question` from the index. An error when the index cannot be searched
/// ([`Error::SearchFailed`]): an empty answer always means the article was searched and
/// does not say.
pub fn answer(question: &str, index: &StoryIndex, opts: &AskOptions) -> Result<Answer> {
    answer_or_fail(question, index, opts).map_err(|e| match e {
        Error::Index(cause) => Error::SearchFailed {
            cause: cause.to_string(),
        },
        other => other,
    })
}

fn answer_or_fail(question: &str, index: &StoryIndex, opts: &AskOptions) -> Result<Answer> {
    let mut reply = Answer {
        query: question.to_string(),
        answers: Vec::new(),
        confidence: Confidence::High,
        suggestion: None,
        note: None,
        searched: index
            .library
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect(),
    };
    let mut a = analyzer::analyzer();
    let stems = question_stems(&mut a, question);
    if stems.is_empty() {
        reply.note = Some(
            "the question has no words to search for: name who or what you want to know about"
                .into(),
        );
        return Ok(reply);
    }
    let searcher = index.reader.searcher();
    let concepts = concepts(&searcher, index, &stems)?;
    tracing::debug!(?concepts, "question concepts");
    let judge = Judge::new(index, &concepts, Reading::of(question), opts, &mut a);
    // The question's vector and the lexical candidates at once (on two cores the embedding
    // and the search overlap); without a vector the words alone answer.
    let (semantic, ranked) = rayon::join(
        || embed_question(index, question),
        || rerank(&searcher, index, &concepts, &judge, opts, &mut a),
    );
    let mut ranked = ranked?;
    if let Some((semantic, (q, words))) = semantic {
        let scored = hybrid::rank(semantic, &q, &words, ranked, &judge, &mut a);
        return Ok(answer_hybrid(reply, scored, question, index, opts));
    }
    ranked.sort_by(|x, y| y.score.total_cmp(&x.score));
    // The best passage that covers enough of the question; none: the article doesn't say.
    let Some(best) = ranked.iter().find(|c| c.coverage >= MIN_COVERAGE) else {
        reply.suggestion = ranked
            .into_iter()
            .next()
            .filter(|c| c.coverage > 0.0)
            .map(|c| with_rebuttals(c.passage, index));
        return Ok(reply);
    };
    let top = best.score;
    let chosen: Vec<usize> = (0..ranked.len())
        .filter(|&i| ranked[i].coverage >= MIN_COVERAGE && ranked[i].score >= top * FOLLOWER_SHARE)
        .take(opts.limit.max(1))
        .collect();
    reply.answers = passages(ranked, chosen, question, index);
    Ok(reply)
}

/// The chosen candidates as passages with their rebuttals, a claim taking its denial's place
/// unless the question asks about the denial.
fn passages(
    ranked: Vec<Candidate>,
    mut chosen: Vec<usize>,
    question: &str,
    index: &StoryIndex,
) -> Vec<Passage> {
    if !crate::dispute::denies(question) && !asks_about_falsehood(question) {
        lead_with_claims(&ranked, &mut chosen, index);
    }
    let mut ranked: Vec<Option<Candidate>> = ranked.into_iter().map(Some).collect();
    chosen
        .into_iter()
        .filter_map(|i| ranked[i].take())
        .map(|c| with_rebuttals(c.passage, index))
        .collect()
}

/// The hybrid ranking's reply: an answer when the best passage is likely enough, the closest
/// passages marked as unsure below that, and nothing (the article doesn't say) below the
/// lower bar or when nothing is related in meaning.
fn answer_hybrid(
    mut reply: Answer,
    scored: Vec<hybrid::Scored>,
    question: &str,
    index: &StoryIndex,
    opts: &AskOptions,
) -> Answer {
    let top = scored.first().map_or(0.0, |s| s.probability);
    let related = scored.first().is_some_and(|s| hybrid::related(&s.features));
    tracing::debug!(top, related, "hybrid ranking");
    if top < hybrid::UNSURE || !related {
        return reply;
    }
    reply.confidence = if top >= hybrid::SURE {
        Confidence::High
    } else {
        Confidence::Low
    };
    let chosen = hybrid::chosen(&scored, opts.limit);
    let candidates: Vec<Candidate> = scored.into_iter().map(|s| s.candidate).collect();
    reply.answers = passages(candidates, chosen, question, index);
    reply
}

/// A candidate the hybrid ranking weighed: (article slug, paragraph, features, probability).
pub type FeatureRow = (String, u32, [f32; hybrid::FEATURES], f32);

/// One row per candidate the hybrid ranking weighed for `question`: (article slug,
/// paragraph, features, probability). For fitting [`hybrid::RANK_WEIGHTS`]; empty without a
/// model; an error when the index cannot be searched.
pub fn features(question: &str, index: &StoryIndex, opts: &AskOptions) -> Result<Vec<FeatureRow>> {
    if index.semantic().is_none() {
        return Ok(Vec::new());
    }
    let mut a = analyzer::analyzer();
    let stems = question_stems(&mut a, question);
    let searcher = index.reader.searcher();
    let concepts = concepts(&searcher, index, &stems)?;
    let judge = Judge::new(index, &concepts, Reading::of(question), opts, &mut a);
    let (q, ranked) = rayon::join(
        || embed_question(index, question),
        || rerank(&searcher, index, &concepts, &judge, opts, &mut a),
    );
    let ranked = ranked?;
    let Some((semantic, (q, words))) = q else {
        return Ok(Vec::new());
    };
    Ok(hybrid::rank(semantic, &q, &words, ranked, &judge, &mut a)
        .into_iter()
        .map(|s| {
            (
                s.candidate.passage.article,
                s.candidate.passage.paragraph,
                s.features,
                s.probability,
            )
        })
        .collect())
}

/// The question's unit vector and its content words' token vectors (one forward pass), with
/// the model that made them; `None` without a model or when the embedding fails (logged: the
/// words alone then answer).
fn embed_question<'i>(
    index: &'i StoryIndex,
    question: &str,
) -> Option<(&'i crate::index::Semantic, (Vec<f32>, align::Question))> {
    let semantic = index.semantic()?;
    match semantic.embedder.embed_with_words(&[question], |_| {}) {
        Ok((mut q, mut words)) => Some((
            semantic,
            (q.remove(0), align::Question::of(question, words.remove(0))),
        )),
        Err(e) => {
            tracing::warn!(error = %e, "cannot embed the question; answering by words alone");
            None
        }
    }
}

fn asks_about_falsehood(question: &str) -> bool {
    // Whole words only ("lie" is not in "believe"): WordNet's denial verbs and nouns (see
    // `attribution::is_denial_cue`), and general English words for untruth and reply.
    const UNTRUTH_OR_REPLY: &[&str] = &[
        "fake",
        "false",
        "lie",
        "lies",
        "lying",
        "untrue",
        "respond",
        "responded",
        "response",
        "react",
        "reacted",
        "reaction",
    ];
    question
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            crate::attribution::is_denial_cue(&w)
                || UNTRUTH_OR_REPLY.contains(&w.as_str())
                || w.starts_with("fabricat")
        })
}

impl Reading {
    fn of(question: &str) -> Reading {
        Reading {
            kind: Kind::of(question),
            wants_denial: crate::dispute::denies(question) || asks_about_falsehood(question),
            asked: Asked::of(question),
            focus: question::quantity_focus(question),
            outcome: question::asks_outcome(question),
        }
    }
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
        let disputed = |c: &Candidate| {
            c.passage.article == denial.passage.article && p.disputes.contains(&c.passage.paragraph)
        };
        // A claim chosen further down moves up to lead, the denial taking its place, so that
        // the first passages are the same whatever the number asked for: the ranking has
        // already judged it related.
        if let Some(later) = (slot + 1..chosen.len()).find(|&l| disputed(&ranked[chosen[l]])) {
            chosen.swap(slot, later);
            continue;
        }
        // A claim not chosen takes the denial's place if it covers the question about as well.
        let claim = ranked.iter().position(|c| {
            disputed(c) && c.coverage >= MIN_COVERAGE.max(denial.coverage * CLAIM_COVERAGE_SHARE)
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
        Passage::new(article, p, 0.0, Vec::new()),
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

//! Hybrid ranking: the lexical candidates (BM25 over text, speaker, cited and context) and
//! the nearest paragraphs by sentence embedding, each described by a handful of features
//! (paragraph and best-sentence cosine, lexical coverage and score, question-kind fit,
//! denial fit, whether the speaker is the one the question asks about, whether a quantity
//! question finds a figure (beside what it counts, when it names that), and how well the
//! passage's tokens match the question's content words, the weakest and on average, over
//! all of them and over those no article uses, a word naming the passage's speaker or a
//! source it cites counting as matched: `align.rs`) and ranked by weights fitted on
//! data (`scripts/fit-ranking.py`, see [`RANK_WEIGHTS`]). A second small model, on the best
//! passage's absolute evidence (the alignment included) and on whether the question asks
//! how things eventually turned out (past the story's day), decides how sure the answer is: an
//! answer, "not sure — the closest passages are…", or "the article doesn't say"; and a
//! passage much less near in meaning than any answerable training question's ([`RELATED`])
//! is never shown, whatever words it shares with the question.

use super::align::{summary, Question};
use super::score::{Candidate, Judge};
use crate::index::Semantic;
use std::collections::HashMap;

/// Paragraphs the dense search adds to the lexical candidates.
const DENSE_CANDIDATES: usize = 40;
/// Number of features.
pub const FEATURES: usize = 19;
/// Feature names, in order (the fitting script's columns).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "cos_paragraph",
    "cos_sentence",
    "exact_coverage",
    "bm25_share",
    "kind_fit",
    "denial",
    "cos_paragraph_gap",
    "cos_sentence_gap",
    "cos_attributed",
    "cos_attributed_gap",
    "absent_share",
    "asked_absent",
    "speaker_asked",
    "uncounted",
    "align_min",
    "align_mean",
    "absent_align_min",
    "absent_align_mean",
    "asks_outcome",
];

/// Ranking weights per feature: a conditional-logit (softmax over each question's
/// candidates) model fitted by `python3 scripts/fit-ranking.py target/features.jsonl` on
/// features dumped by `storybot eval --features` over the seed dev set and the fixture sets
/// (tests/fixtures/eval), never on `shared/eval/unseen`.
pub const RANK_WEIGHTS: [f32; FEATURES] = [
    2.543, 2.34, 1.451, 1.476, 2.028, 0.1283, 2.543, 2.34, 0.8728, 0.8728, 0.0, 0.0, 1.984,
    -0.5045, 1.465, 3.701, 1.387, 3.769, 0.0,
];
/// The probability that the article answers, from the best candidate's absolute evidence
/// ([`CONFIDENCE_FEATURES`]): logistic weights then bias, fitted by the same script.
#[allow(clippy::approx_constant)] // fitted weights: a 0.318 here is not 1/π
pub const CONFIDENCE: [f32; 12] = [
    -0.8086, 1.033, 1.017, 0.004486, 1.647, -2.116, -1.344, 2.592, -1.166, 0.6297, -2.471, -1.441,
];
/// The features [`CONFIDENCE`] reads: paragraph (read under its article's headline, which
/// every paragraph of the story shares: its weight came out negative), sentence and
/// attributed cosines, exact coverage, the share of the question in words no article uses, whether the question asks
/// what someone said whom no paragraph attributes, whether a quantity question finds no
/// figure (beside what it counts, when it names that), the passage's word alignment with
/// the question (weakest word and mean), its mean alignment with the question's words no
/// article uses, and whether the question asks whether something eventually happened
/// ([`super::question::asks_outcome`]: a story reports up to its own day).
pub const CONFIDENCE_FEATURES: [usize; 11] = [0, 1, 8, 2, 10, 11, 13, 14, 15, 17, 18];
/// At or above this probability the best passage is an answer (fitted: at most 13 % of the
/// training questions the article answers fall below it).
pub const SURE: f32 = 0.4508;
/// Between this and [`SURE`]: "not sure — the closest passages are…"; below: doesn't say
/// (fitted: at most 1 % of answerable training questions fall below it).
pub const UNSURE: f32 = 0.1351;
/// Below this cosine (the best candidate's paragraph, sentence or attributed one, whichever
/// is highest) nothing in the article is related to the question, whatever words they share:
/// the article doesn't say. Fitted by the same script: nine tenths of the lowest of any
/// answerable training question's best candidate.
pub const RELATED: f32 = 0.172;
/// Further passages must be at least this likely, relative to the best one, under the
/// ranking's softmax: `exp(score - best score)`.
const FOLLOWER_SHARE: f32 = 0.03;

/// One candidate with its features and probability.
pub(super) struct Scored {
    pub(super) candidate: Candidate,
    pub(super) features: [f32; FEATURES],
    /// The ranking score (`RANK_WEIGHTS . features`).
    pub(super) score: f32,
    /// The probability that the article answers, were this the best candidate.
    pub(super) probability: f32,
}

/// Every candidate for `q` (the question's unit vector), scored, best first.
pub(super) fn rank(
    semantic: &Semantic,
    q: &[f32],
    words: &Question,
    lexical: Vec<Candidate>,
    judge: &Judge,
    a: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<Scored> {
    let vectors = &semantic.vectors;
    // The nearest paragraphs by the paragraph vectors; the attributed ones are read only for
    // the candidates. Four times as many are looked at as are added, for when a speaker or
    // article filter turns paragraphs away.
    let mut by_key: HashMap<(usize, u32), Candidate> = lexical
        .into_iter()
        .map(|c| ((c.article, c.passage.paragraph), c))
        .collect();
    let mut added = 0;
    for g in vectors.nearest_paragraphs(q, DENSE_CANDIDATES * 4) {
        if added >= DENSE_CANDIDATES {
            break;
        }
        let Some((ai, n)) = vectors.locate(g) else {
            continue;
        };
        if by_key.contains_key(&(ai, n)) {
            added += 1;
            continue;
        }
        if let Some(c) = judge.judge(ai, n, 0.0, a) {
            by_key.insert((ai, n), c);
            added += 1;
        }
    }
    // The share of the question's weight in words no article uses: names and things the
    // story never mentions make an answer unlikely.
    let absent_share = judge.absent_share();
    // Each content word's stem, and which of them no article uses (how well a passage covers
    // those in meaning is two more features).
    let word_stems: Vec<Option<String>> = words
        .texts()
        .iter()
        .map(|w| crate::analyzer::stems(a, w).into_iter().next())
        .collect();
    let absent_words: Vec<bool> = word_stems
        .iter()
        .map(|s| s.as_ref().is_some_and(|s| judge.absent_stem(s)))
        .collect();
    let max_bm25 = by_key
        .values()
        .map(|c| c.bm25)
        .fold(0.0f32, f32::max)
        .max(f32::EPSILON);
    let mut scored: Vec<Scored> = by_key
        .into_values()
        .filter_map(|mut c| {
            let g = vectors.global(c.article, c.passage.paragraph)?;
            let cos_p = vectors.paragraph_score(g, q);
            let cos_a = vectors.attributed_score(g, q);
            let (cos_s, span) = vectors
                .best_sentence(g, q)
                .map_or((cos_p, None), |(s, r)| (s, Some(r)));
            c.passage.sentence = span;
            // A word naming the passage's speaker or a source it cites is matched, whether
            // or not the paragraph's own text repeats the name ("He said …").
            let mut matches = words.matches(vectors.tokens(), g);
            for (m, stem) in matches.iter_mut().zip(&word_stems) {
                if stem.as_ref().is_some_and(|s| c.who_stems.contains(s)) {
                    *m = 1.0;
                }
            }
            let (align_min, align_mean) = summary(&matches, |_| true);
            let (absent_min, absent_mean) = summary(&matches, |i| absent_words[i]);
            let features = [
                cos_p,
                cos_s,
                c.exact_coverage,
                c.bm25 / max_bm25,
                c.kind_fit.ln(),
                f32::from(u8::from(c.denial)),
                0.0,
                0.0,
                cos_a,
                0.0,
                absent_share,
                f32::from(u8::from(judge.asked_absent())),
                f32::from(u8::from(c.speaker_asked)),
                f32::from(u8::from(c.uncounted)),
                align_min,
                align_mean,
                absent_min,
                absent_mean,
                f32::from(u8::from(judge.asks_outcome())),
            ];
            Some(Scored {
                candidate: c,
                features,
                score: 0.0,
                probability: 0.0,
            })
        })
        .collect();
    let best = |j: usize| {
        scored
            .iter()
            .map(|s| s.features[j])
            .fold(f32::MIN, f32::max)
    };
    let (best_p, best_s, best_a) = (best(0), best(1), best(8));
    for s in &mut scored {
        s.features[9] = s.features[8] - best_a;
        s.features[6] = s.features[0] - best_p;
        s.features[7] = s.features[1] - best_s;
        s.score = score(&s.features);
        s.probability = probability(&s.features);
        s.candidate.score = s.score;
        s.candidate.passage.score = s.score;
    }
    scored.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.candidate.article.cmp(&y.candidate.article))
            .then(
                x.candidate
                    .passage
                    .paragraph
                    .cmp(&y.candidate.passage.paragraph),
            )
    });
    scored
}

/// The ranking score of a candidate with features `x`.
pub fn score(x: &[f32; FEATURES]) -> f32 {
    x.iter().zip(&RANK_WEIGHTS).map(|(x, w)| x * w).sum()
}

/// The probability that the article answers, when a candidate with features `x` is the best.
pub fn probability(x: &[f32; FEATURES]) -> f32 {
    let z: f32 = CONFIDENCE_FEATURES
        .iter()
        .zip(&CONFIDENCE)
        .map(|(&j, w)| x[j] * w)
        .sum::<f32>()
        + CONFIDENCE[CONFIDENCE_FEATURES.len()];
    1.0 / (1.0 + (-z).exp())
}

/// Whether a candidate with features `x` is related to the question at all ([`RELATED`]).
pub fn related(x: &[f32; FEATURES]) -> bool {
    x[0].max(x[1]).max(x[8]) >= RELATED
}

/// Which of the scored candidates to show: the best, then followers whose score is close.
pub(super) fn chosen(scored: &[Scored], limit: usize) -> Vec<usize> {
    let Some(top) = scored.first().map(|s| s.score) else {
        return Vec::new();
    };
    let floor = top + FOLLOWER_SHARE.ln();
    (0..scored.len())
        .filter(|&i| scored[i].score >= floor)
        .take(limit.max(1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cosines(paragraph: f32, sentence: f32, attributed: f32) -> [f32; FEATURES] {
        let mut x = [0.0; FEATURES];
        (x[0], x[1], x[8]) = (paragraph, sentence, attributed);
        x
    }

    #[test]
    fn a_passage_is_related_by_its_nearest_vector() {
        assert!(!related(&with_cosines(0.05, 0.1, 0.08)));
        assert!(related(&with_cosines(0.05, 0.1, RELATED)));
        assert!(related(&with_cosines(0.05, 0.6, 0.1)));
    }
}

//! Hybrid ranking: the lexical candidates (BM25 over text, speaker, cited and context) and
//! the nearest paragraphs by sentence embedding, each described by a handful of features
//! (paragraph and best-sentence cosine, lexical coverage and score, question-kind fit,
//! denial fit) and combined by a logistic model whose weights were fitted on data
//! (`scripts/fit-ranking.py`, see [`RANK_WEIGHTS`]). Its probability also decides how sure the
//! answer is: an answer, "not sure — the closest passages are…", or "the article doesn't say".

use super::score::{Candidate, Judge};
use crate::index::Semantic;
use crate::StoryIndex;
use std::collections::HashMap;

/// Paragraphs the dense search adds to the lexical candidates.
const DENSE_CANDIDATES: usize = 40;
/// Number of features.
pub const FEATURES: usize = 10;
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
];

/// Ranking weights per feature: a conditional-logit (softmax over each question's
/// candidates) model fitted by `python3 scripts/fit-ranking.py target/features.jsonl` on
/// features dumped by `storybot eval --features` over the seed dev set and the fixture sets
/// (tests/fixtures/eval), never on `shared/eval/unseen`.
pub const RANK_WEIGHTS: [f32; FEATURES] = [3.049, 1.351, 0.4583, 4.411, 4.756, 0.478, 3.049, 1.351, 0.0, 0.0];
/// The score's map to a probability that the best passage answers: `sigmoid(scale * score +
/// bias)`, fitted by the same script on each training question's best candidate.
pub const CONFIDENCE: (f32, f32) = (1.302, -7.371);
/// At or above this probability the best passage is an answer (fitted: at most 10 % of the
/// training questions the article answers fall below it).
pub const SURE: f32 = 0.4494;
/// Between this and [`SURE`]: "not sure — the closest passages are…"; below: doesn't say
/// (fitted: at most 2 % of answerable training questions fall below it).
pub const UNSURE: f32 = 0.1767;
/// Further passages must reach this share of the best one's probability.
const FOLLOWER_SHARE: f32 = 0.5;

/// One candidate with its features and probability.
pub(super) struct Scored {
    pub(super) candidate: Candidate,
    pub(super) features: [f32; FEATURES],
    pub(super) probability: f32,
}

/// Every candidate for `q` (the question's unit vector), scored, best first.
pub(super) fn rank(
    index: &StoryIndex,
    semantic: &Semantic,
    q: &[f32],
    lexical: Vec<Candidate>,
    judge: &Judge,
    a: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<Scored> {
    let vectors = &semantic.vectors;
    let plain = vectors.paragraph_scores(q);
    let attributed = vectors.attributed_scores(q);
    // Nearest paragraphs by either vector.
    let dense: Vec<f32> = plain.iter().zip(&attributed).map(|(a, b)| a.max(*b)).collect();
    let mut by_key: HashMap<(usize, u32), Candidate> = lexical
        .into_iter()
        .map(|c| ((c.article, c.passage.paragraph), c))
        .collect();
    let mut order: Vec<usize> = (0..dense.len()).collect();
    let k = DENSE_CANDIDATES.min(order.len());
    if k > 0 && k < order.len() {
        order.select_nth_unstable_by(k - 1, |x, y| dense[*y].total_cmp(&dense[*x]));
    }
    let mut added = 0;
    for &g in &order {
        if added >= k {
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
    let max_bm25 = by_key
        .values()
        .map(|c| c.bm25)
        .fold(0.0f32, f32::max)
        .max(f32::EPSILON);
    let mut scored: Vec<Scored> = by_key
        .into_values()
        .filter_map(|mut c| {
            let g = vectors.global(c.article, c.passage.paragraph)?;
            let cos_p = plain[g];
            let cos_a = attributed[g];
            let (cos_s, span) = vectors
                .best_sentence(g, q)
                .map_or((cos_p, None), |(s, r)| (s, Some(r)));
            c.passage.sentence = span;
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
            ];
            Some(Scored {
                candidate: c,
                features,
                probability: 0.0,
            })
        })
        .collect();
    let best = |j: usize| scored.iter().map(|s| s.features[j]).fold(f32::MIN, f32::max);
    let (best_p, best_s, best_a) = (best(0), best(1), best(8));
    for s in &mut scored {
        s.features[9] = s.features[8] - best_a;
        s.features[6] = s.features[0] - best_p;
        s.features[7] = s.features[1] - best_s;
        s.probability = probability(&s.features);
        s.candidate.score = s.probability;
        s.candidate.passage.score = s.probability;
    }
    scored.sort_by(|x, y| {
        y.probability
            .total_cmp(&x.probability)
            .then(x.candidate.article.cmp(&y.candidate.article))
            .then(x.candidate.passage.paragraph.cmp(&y.candidate.passage.paragraph))
    });
    let _ = index;
    scored
}

/// The probability that a candidate with features `x` answers the question.
pub fn probability(x: &[f32; FEATURES]) -> f32 {
    let score: f32 = x.iter().zip(&RANK_WEIGHTS).map(|(x, w)| x * w).sum();
    let z = CONFIDENCE.0 * score + CONFIDENCE.1;
    1.0 / (1.0 + (-z).exp())
}

/// Which of the scored candidates to show: the best, then followers close to it.
pub(super) fn chosen(scored: &[Scored], limit: usize) -> Vec<usize> {
    let Some(top) = scored.first().map(|s| s.probability) else {
        return Vec::new();
    };
    let floor = (top * FOLLOWER_SHARE).max(UNSURE.min(top));
    (0..scored.len())
        .filter(|&i| scored[i].probability >= floor)
        .take(limit.max(1))
        .collect()
}

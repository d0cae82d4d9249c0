//! Word alignment between a question and a passage, from the embedding model's token
//! vectors (its last hidden state, before pooling), in the manner of BERTScore's recall
//! (Zhang et al., 2020): each content word of the question is matched to its nearest token
//! in the passage. The weakest match says whether the passage speaks of everything the
//! question asks about, and the mean how closely; a passage that shares the question's topic
//! but not the person, body or thing it names leaves that word unmatched, however near the
//! passage is as a whole. Both are ranking features, and the confidence model reads them
//! too; so is the same pair over only the question's words that no article uses (a member's
//! paraphrase the passage covers in meaning, or something the story never mentions). Their
//! weights are fitted on data (`scripts/fit-ranking.py`).

use crate::analyzer::is_content_word;
use crate::embed::WordVectors;
use crate::index::tokens::{QueryTokens, Tokens};
use std::ops::Range;

/// The question's content words as token vectors.
#[derive(Debug, Clone, Default)]
pub struct Question {
    tokens: QueryTokens,
    /// For each content word, its tokens' positions in `tokens`.
    words: Vec<Range<usize>>,
    /// Each content word as written.
    texts: Vec<String>,
}

impl Question {
    /// The content words of `question` ([`is_content_word`]) from its word vectors.
    pub fn of(question: &str, words: Vec<WordVectors>) -> Question {
        let mut kept: Vec<Vec<f32>> = Vec::new();
        let mut ranges = Vec::new();
        let mut texts = Vec::new();
        for w in words {
            let Some(text) = question.get(w.span.clone()) else {
                continue;
            };
            if !is_content_word(text) {
                continue;
            }
            let from = kept.len();
            kept.extend(w.tokens);
            ranges.push(from..kept.len());
            texts.push(text.to_string());
        }
        Question {
            tokens: QueryTokens::of(&kept),
            words: ranges,
            texts,
        }
    }

    /// The content words as written, in order.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// Each content word's match with global paragraph `g`: the mean over the word's tokens
    /// of their best cosine with any of the paragraph's tokens.
    pub fn matches(&self, tokens: &Tokens, g: usize) -> Vec<f32> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let best = tokens.best_matches(g, &self.tokens);
        self.words
            .iter()
            .map(|r| best[r.clone()].iter().sum::<f32>() / r.len().max(1) as f32)
            .collect()
    }
}

/// (weakest, mean) of the `matches` whose word `keep` accepts (by position); (1, 1) when it
/// accepts none, as for a question without content words: there is nothing to miss.
pub fn summary(matches: &[f32], keep: impl Fn(usize) -> bool) -> (f32, f32) {
    let (lo, sum, n) = matches
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .fold((f32::MAX, 0.0, 0usize), |(lo, sum, n), (_, &m)| {
            (lo.min(m), sum + m, n + 1)
        });
    if n == 0 {
        (1.0, 1.0)
    } else {
        (lo, sum / n as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(span: Range<usize>, tokens: &[[f32; 2]]) -> WordVectors {
        WordVectors {
            span,
            tokens: tokens.iter().map(|t| t.to_vec()).collect(),
        }
    }

    #[test]
    fn stopwords_and_punctuation_are_not_asked_about() {
        // "Who denied it?": only "denied" is a content word.
        let q = Question::of(
            "Who denied it?",
            vec![
                word(0..3, &[[1.0, 0.0]]),
                word(4..10, &[[0.0, 1.0]]),
                word(11..13, &[[1.0, 0.0]]),
                word(13..14, &[[1.0, 0.0]]),
            ],
        );
        assert_eq!(q.words, vec![0..1]);
    }

    #[test]
    fn the_weakest_word_is_the_one_the_passage_lacks() {
        let q = Question::of(
            "ministry troops",
            vec![word(0..8, &[[1.0, 0.0]]), word(9..15, &[[0.0, 1.0]])],
        );
        let paragraphs = Tokens::from_words(
            2,
            &[
                vec![word(0..1, &[[1.0, 0.0]]), word(2..3, &[[0.0, 1.0]])],
                vec![word(0..1, &[[1.0, 0.0]])],
            ],
        );
        let (lo, mean) = summary(&q.matches(&paragraphs, 0), |_| true);
        assert!(lo > 0.99 && mean > 0.99, "{lo} {mean}");
        let (lo, mean) = summary(&q.matches(&paragraphs, 1), |_| true);
        assert!(lo.abs() < 0.01, "{lo}");
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn alignment_over_some_words_reads_only_those() {
        let q = Question::of(
            "ministry troops",
            vec![word(0..8, &[[1.0, 0.0]]), word(9..15, &[[0.0, 1.0]])],
        );
        assert_eq!(q.texts(), ["ministry", "troops"]);
        // The paragraph names the ministry only: over "troops" alone nothing matches.
        let paragraphs = Tokens::from_words(2, &[vec![word(0..1, &[[1.0, 0.0]])]]);
        let matches = q.matches(&paragraphs, 0);
        let (lo, mean) = summary(&matches, |i| i == 1);
        assert!(lo.abs() < 0.01 && mean.abs() < 0.01, "{lo} {mean}");
        let (lo, _) = summary(&matches, |i| i == 0);
        assert!(lo > 0.99, "{lo}");
        // No word kept: nothing to miss.
        assert_eq!(summary(&matches, |_| false), (1.0, 1.0));
    }

    #[test]
    fn a_question_of_stopwords_alone_misses_nothing() {
        let q = Question::of("Who is it?", vec![word(0..3, &[[1.0, 0.0]])]);
        assert_eq!(
            summary(&q.matches(&Tokens::default(), 0), |_| true),
            (1.0, 1.0)
        );
    }
}

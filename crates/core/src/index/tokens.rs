//! Each paragraph's token vectors (the model's last hidden state for every token of the
//! paragraph led by its speaker, L2-normalised; only the tokens of content words, the only
//! ones a question's words are matched against), kept in 8 bits with one scale per token, as
//! the sketch keeps paragraph vectors: what the ranking's word alignment matches a
//! question's words against. Made in the same forward pass as the attributed paragraph
//! vectors, so building them costs no extra model time; stored in `vectors.bin`.

use super::sketch::{dot_i8, quantise};
use super::vectors::{le_f32s, le_u32s};
use crate::embed::WordVectors;

/// Every paragraph's token vectors, in library order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    dim: usize,
    /// Token rows, `dim` each.
    rows: Vec<i8>,
    /// Per token row: the factor that turns its integer dot products back into cosines.
    scales: Vec<f32>,
    /// For global paragraph `g`: its token rows are `first[g]..first[g+1]`.
    first: Vec<usize>,
}

/// A question's token vectors in 8 bits, ready to be matched against [`Tokens`].
#[derive(Debug, Clone, Default)]
pub struct QueryTokens {
    rows: Vec<i8>,
    scales: Vec<f32>,
}

impl QueryTokens {
    /// The unit vectors `tokens` (each `dim` long) in 8 bits.
    pub fn of(tokens: &[Vec<f32>]) -> QueryTokens {
        let mut q = QueryTokens::default();
        for t in tokens {
            let s = quantise(t, &mut q.rows);
            q.scales.push(s);
        }
        q
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.scales.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.scales.is_empty()
    }
}

impl Tokens {
    /// No paragraphs yet, of vectors `dim` long.
    pub fn new(dim: usize) -> Tokens {
        Tokens {
            dim,
            first: vec![0],
            ..Tokens::default()
        }
    }

    /// The token vectors of each paragraph's words, in order.
    pub fn from_words(dim: usize, paragraphs: &[Vec<WordVectors>]) -> Tokens {
        let mut t = Tokens::new(dim);
        for words in paragraphs {
            t.push(
                words
                    .iter()
                    .flat_map(|w| w.tokens.iter().map(Vec::as_slice)),
            );
        }
        t
    }

    /// Adds the next paragraph's token vectors (unit vectors, `dim` long each).
    pub fn push<'v>(&mut self, tokens: impl IntoIterator<Item = &'v [f32]>) {
        for v in tokens {
            let s = quantise(v, &mut self.rows);
            self.scales.push(s);
        }
        self.first.push(self.scales.len());
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    /// Number of token rows in all.
    pub fn token_count(&self) -> usize {
        self.scales.len()
    }

    /// For each token of `query`, its best cosine with any token of global paragraph `g`
    /// (-1 when the paragraph has none).
    pub fn best_matches(&self, g: usize, query: &QueryTokens) -> Vec<f32> {
        let dim = self.dim.max(1);
        let (Some(&from), Some(&to)) = (self.first.get(g), self.first.get(g + 1)) else {
            return vec![-1.0; query.len()];
        };
        (0..query.len())
            .map(|i| {
                let q = &query.rows[i * dim..(i + 1) * dim];
                (from..to)
                    .map(|r| {
                        self.scales[r]
                            * query.scales[i]
                            * dot_i8(&self.rows[r * dim..(r + 1) * dim], q) as f32
                    })
                    .fold(-1.0f32, f32::max)
            })
            .collect()
    }

    /// Appends the stored form: `first` (u32 each), then the scales (f32), then the rows.
    pub(super) fn write(&self, body: &mut Vec<u8>) {
        for x in &self.first {
            body.extend_from_slice(&(*x as u32).to_le_bytes());
        }
        for s in &self.scales {
            body.extend_from_slice(&s.to_le_bytes());
        }
        body.extend(self.rows.iter().map(|&b| b as u8));
    }

    /// The stored length of `paragraphs` paragraphs with `tokens` token rows of `dim`.
    pub(super) fn stored_len(paragraphs: usize, tokens: usize, dim: usize) -> usize {
        (paragraphs + 1) * 4 + tokens * 4 + tokens * dim
    }

    /// Reads what [`Tokens::write`] wrote; `None` when it does not hold together.
    pub(super) fn read(raw: &[u8], paragraphs: usize, tokens: usize, dim: usize) -> Option<Self> {
        if raw.len() != Tokens::stored_len(paragraphs, tokens, dim) {
            return None;
        }
        let (first_raw, rest) = raw.split_at((paragraphs + 1) * 4);
        let (scales_raw, rows_raw) = rest.split_at(tokens * 4);
        let first = le_u32s(first_raw);
        let ordered = first.first() == Some(&0)
            && first.last() == Some(&tokens)
            && first.windows(2).all(|w| w[0] <= w[1]);
        ordered.then(|| Tokens {
            dim,
            first,
            scales: le_f32s(scales_raw),
            rows: rows_raw.iter().map(|&b| b as i8).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    fn word(tokens: &[&[f32]]) -> WordVectors {
        WordVectors {
            span: 0..1,
            tokens: tokens.iter().map(|t| unit(t)).collect(),
        }
    }

    #[test]
    fn best_matches_find_each_query_tokens_nearest_in_its_paragraph_only() {
        let t = Tokens::from_words(
            3,
            &[
                vec![word(&[&[1.0, 0.0, 0.0]]), word(&[&[0.0, 1.0, 0.0]])],
                vec![word(&[&[0.0, 0.0, 1.0]])],
            ],
        );
        assert_eq!(t.paragraph_count(), 2);
        assert_eq!(t.token_count(), 3);
        let q = QueryTokens::of(&[unit(&[1.0, 0.1, 0.0]), unit(&[0.0, 0.0, 1.0])]);
        let first = t.best_matches(0, &q);
        assert!((first[0] - 0.995).abs() < 0.01, "{first:?}");
        assert!(first[1].abs() < 0.01, "{first:?}");
        let second = t.best_matches(1, &q);
        assert!((second[1] - 1.0).abs() < 0.01, "{second:?}");
        assert_eq!(t.best_matches(2, &q), vec![-1.0, -1.0]);
    }

    #[test]
    fn the_stored_form_reads_back_and_damage_is_refused() {
        let t = Tokens::from_words(
            2,
            &[
                vec![word(&[&[1.0, 2.0], &[3.0, -1.0]])],
                vec![],
                vec![word(&[&[0.5, 0.5]])],
            ],
        );
        let mut body = Vec::new();
        t.write(&mut body);
        assert_eq!(body.len(), Tokens::stored_len(3, 3, 2));
        assert_eq!(Tokens::read(&body, 3, 3, 2), Some(t));
        assert_eq!(Tokens::read(&body[1..], 3, 3, 2), None);
        let mut swapped = body.clone();
        swapped[4..8].copy_from_slice(&9u32.to_le_bytes());
        assert_eq!(Tokens::read(&swapped, 3, 3, 2), None);
    }
}

//! Sentence embeddings in-process: any sentence-transformers BERT-family folder
//! (`config.json`, `tokenizer.json`, `model.safetensors`, `1_Pooling/config.json`, optionally
//! `sentence_bert_config.json`) loaded with candle, pooled and L2-normalised the way
//! sentence-transformers does, so that a dot product of two vectors is their cosine.

mod pooling;
mod threads;

pub use threads::settle_thread_count;

use crate::{Error, Result};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use pooling::Pooling;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Texts embedded in one forward pass.
const BATCH: usize = 32;

/// One word of a text and its tokens' unit vectors (see [`Embedder::embed_with_words`]).
#[derive(Debug, Clone)]
pub struct WordVectors {
    /// Byte range of the word in the text.
    pub span: std::ops::Range<usize>,
    /// One unit vector per token of the word.
    pub tokens: Vec<Vec<f32>>,
}

/// One unit vector per text and, when asked for, each text's word vectors.
pub type Embedded = (Vec<Vec<f32>>, Vec<Vec<WordVectors>>);

/// A loaded sentence-embedding model.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    pooling: Pooling,
    dim: usize,
    id: String,
    dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("id", &self.id)
            .field("dim", &self.dim)
            .field("dir", &self.dir)
            .finish()
    }
}

fn model_error(dir: &Path, reason: impl std::fmt::Display) -> Error {
    Error::Model {
        path: dir.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| model_error(dir, format!("cannot read {name}: {e}")))
}

#[derive(serde::Deserialize)]
struct SentenceBertConfig {
    max_seq_length: Option<usize>,
    #[serde(default)]
    do_lower_case: bool,
}

impl Embedder {
    /// Loads the sentence-transformers folder `dir`.
    pub fn load(dir: &Path) -> Result<Embedder> {
        let config_raw = read(dir, "config.json")?;
        let config: BertConfig = serde_json::from_slice(&config_raw)
            .map_err(|e| model_error(dir, format!("config.json is not a BERT config: {e}")))?;
        let pooling_raw = read(dir, "1_Pooling/config.json")?;
        let pooling = Pooling::from_json(&pooling_raw).map_err(|e| model_error(dir, e))?;
        let st_raw = read(dir, "sentence_bert_config.json").unwrap_or_default();
        let st: SentenceBertConfig = if st_raw.is_empty() {
            SentenceBertConfig {
                max_seq_length: None,
                do_lower_case: false,
            }
        } else {
            serde_json::from_slice(&st_raw)
                .map_err(|e| model_error(dir, format!("sentence_bert_config.json: {e}")))?
        };
        if st.do_lower_case {
            tracing::debug!("model asks for lower-cased input; its tokenizer lower-cases");
        }
        let max_len = st
            .max_seq_length
            .unwrap_or(config.max_position_embeddings)
            .min(config.max_position_embeddings);
        let tokenizer_raw = read(dir, "tokenizer.json")?;
        let mut tokenizer = Tokenizer::from_bytes(&tokenizer_raw)
            .map_err(|e| model_error(dir, format!("tokenizer.json: {e}")))?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_len,
                ..Default::default()
            }))
            .map_err(|e| model_error(dir, format!("tokenizer truncation: {e}")))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id: config.pad_token_id as u32,
            ..Default::default()
        }));
        let weights = read(dir, "model.safetensors")?;
        let mut hash = Sha256::new();
        hash.update(&config_raw);
        hash.update(&pooling_raw);
        hash.update(&st_raw);
        hash.update(&tokenizer_raw);
        hash.update(&weights);
        let id = hex(&hash.finalize()[..8]);
        let device = Device::Cpu;
        let tensors = candle_core::safetensors::load_buffer(&weights, &device)
            .map_err(|e| model_error(dir, format!("model.safetensors: {e}")))?;
        let tensors = tensors
            .into_iter()
            .map(|(name, t)| Ok((name.clone(), transposed_for_matmul(&name, t)?)))
            .collect::<candle_core::Result<_>>()
            .map_err(|e| model_error(dir, format!("model.safetensors: {e}")))?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = BertModel::load(vb, &config).map_err(|e| {
            model_error(
                dir,
                format!("model.safetensors does not fit config.json: {e}"),
            )
        })?;
        let name = dir
            .file_name()
            .map_or_else(|| "model".into(), |n| n.to_string_lossy().into_owned());
        Ok(Embedder {
            model,
            tokenizer,
            pooling,
            dim: config.hidden_size,
            id: format!("{name}@{id}"),
            dir: dir.to_path_buf(),
        })
    }

    /// The model's identity: folder name and a hash of its files. Vectors built with another
    /// identity are rebuilt.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Vector length.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// One unit-length vector per text, in order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed_with_progress(texts, |_| {})
    }

    /// As [`Embedder::embed`], calling `progress(done)` after each batch.
    pub fn embed_with_progress(
        &self,
        texts: &[&str],
        progress: impl FnMut(usize),
    ) -> Result<Vec<Vec<f32>>> {
        Ok(self.run(texts, false, progress)?.0)
    }

    /// One unit-length vector per text and each text's word vectors (see [`WordVectors`]),
    /// from the same forward pass, calling `progress(done)` after each batch.
    pub fn embed_with_words(
        &self,
        texts: &[&str],
        progress: impl FnMut(usize),
    ) -> Result<Embedded> {
        self.run(texts, true, progress)
    }

    fn run(
        &self,
        texts: &[&str],
        words: bool,
        mut progress: impl FnMut(usize),
    ) -> Result<Embedded> {
        // Similar lengths batched together: less padding, same vectors.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out = vec![Vec::new(); texts.len()];
        let mut out_words = vec![Vec::new(); if words { texts.len() } else { 0 }];
        let mut done = 0;
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            // Inside rayon's pool: candle's parallel operations called from outside it hand
            // each operation to a worker and sleep until it is done, two context switches for
            // each of a forward pass's hundred-odd operations (measured with `perf`). Inline
            // when already on a worker.
            let (vecs, ws) = rayon::scope(|_| self.embed_batch_in_pool(&batch, words))?;
            for (k, v) in vecs.into_iter().enumerate() {
                out[chunk[k]] = v;
            }
            for (k, w) in ws.into_iter().enumerate() {
                out_words[chunk[k]] = w;
            }
            done += chunk.len();
            progress(done);
        }
        Ok((out, out_words))
    }

    fn embed_batch_in_pool(&self, texts: &[&str], words: bool) -> Result<Embedded> {
        let fail =
            |e: &dyn std::fmt::Display| model_error(&self.dir, format!("embedding failed: {e}"));
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| fail(&e))?;
        let rows = encodings.len();
        let cols = encodings.first().map_or(0, |e| e.get_ids().len());
        if rows == 0 || cols == 0 {
            let w = if words {
                vec![Vec::new(); rows]
            } else {
                Vec::new()
            };
            return Ok((vec![vec![0.0; self.dim]; rows], w));
        }
        let flat = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> Vec<u32> {
            encodings
                .iter()
                .flat_map(|e| f(e).iter().copied())
                .collect()
        };
        let device = &self.model.device;
        let ids =
            Tensor::from_vec(flat(&|e| e.get_ids()), (rows, cols), device).map_err(|e| fail(&e))?;
        let types = Tensor::from_vec(flat(&|e| e.get_type_ids()), (rows, cols), device)
            .map_err(|e| fail(&e))?;
        let mask = Tensor::from_vec(flat(&|e| e.get_attention_mask()), (rows, cols), device)
            .map_err(|e| fail(&e))?;
        let hidden = self
            .model
            .forward(&ids, &types, Some(&mask))
            .map_err(|e| fail(&e))?;
        let pooled = self.pooling.pool(&hidden, &mask).map_err(|e| fail(&e))?;
        let vecs = unit_rows(&pooled)
            .and_then(|n| n.to_vec2::<f32>())
            .map_err(|e| fail(&e))?;
        if !words {
            return Ok((vecs, Vec::new()));
        }
        let states = unit_rows(
            &hidden
                .reshape((rows * cols, self.dim))
                .map_err(|e| fail(&e))?,
        )
        .and_then(|n| n.to_vec2::<f32>())
        .map_err(|e| fail(&e))?;
        let mut states = states.into_iter();
        let words = encodings
            .iter()
            .map(|enc| group_words(enc, states.by_ref().take(cols)))
            .collect();
        Ok((vecs, words))
    }
}

/// Each row of `t` (`[rows, dim]`) divided by its length.
fn unit_rows(t: &Tensor) -> candle_core::Result<Tensor> {
    let n = t.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
    t.broadcast_div(&n)
}

/// The token states of one encoding grouped by word; special and padding tokens left out.
fn group_words(
    enc: &tokenizers::Encoding,
    states: impl Iterator<Item = Vec<f32>>,
) -> Vec<WordVectors> {
    let mut out: Vec<WordVectors> = Vec::new();
    let mut last_word = None;
    for (t, v) in states.enumerate() {
        let (Some(word), Some(0), Some(1)) = (
            enc.get_word_ids().get(t).copied().flatten(),
            enc.get_special_tokens_mask().get(t).copied(),
            enc.get_attention_mask().get(t).copied(),
        ) else {
            continue;
        };
        let (from, to) = enc.get_offsets()[t];
        match out.last_mut() {
            Some(w) if last_word == Some(word) => {
                w.span.end = w.span.end.max(to);
                w.tokens.push(v);
            }
            _ => out.push(WordVectors {
                span: from..to,
                tokens: vec![v],
            }),
        }
        last_word = Some(word);
    }
    out
}

/// A linear layer's weight (`[out, in]`, as stored) laid out so that the transpose the layer
/// multiplies by is contiguous: the matrix multiplication then reads it in place instead of
/// repacking all of it for every text (a third of a short query's time, measured with
/// `perf`). The values are unchanged. Embedding tables are looked up by row and stay as
/// they are.
fn transposed_for_matmul(name: &str, t: Tensor) -> candle_core::Result<Tensor> {
    if t.rank() == 2 && name.ends_with(".weight") && !name.contains("embeddings") {
        t.t()?.contiguous()?.t()
    } else {
        Ok(t)
    }
}

/// The dot product of two vectors (of two unit vectors: their cosine). Thirty-two running
/// sums, so that the compiler's vector code keeps several multiply-adds in flight instead of
/// waiting on one accumulator: a dense scan is bound by that wait, not by memory.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    const LANES: usize = 32;
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; LANES];
    let chunks = n / LANES * LANES;
    for (x, y) in a[..chunks]
        .chunks_exact(LANES)
        .zip(b[..chunks].chunks_exact(LANES))
    {
        for i in 0..LANES {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = a[chunks..]
        .iter()
        .zip(&b[chunks..])
        .map(|(x, y)| x * y)
        .sum();
    acc.iter().sum::<f32>() + tail
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod dot_tests {
    #[test]
    fn dot_matches_the_plain_sum_at_every_length() {
        for n in [0, 1, 7, 8, 9, 16, 31, 32, 33, 65, 383, 384] {
            let a: Vec<f32> = (0..n).map(|i| (i as f32 * 0.37).sin()).collect();
            let b: Vec<f32> = (0..n).map(|i| (i as f32 * 0.11).cos()).collect();
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((super::dot(&a, &b) - plain).abs() < 1e-4, "length {n}");
        }
    }
}

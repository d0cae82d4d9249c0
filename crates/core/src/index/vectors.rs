//! Sentence-embedding vectors beside the tantivy index: one per paragraph (read under its
//! article's headline, so that "the union" deep in a story is read as the headline's union)
//! and one per sentence, in library order, and each paragraph's token
//! vectors ([`Tokens`]). Kept in
//! `<data>/vectors.bin` (a JSON header line, then little-endian `f32`s, sentence spans and
//! the token vectors), written to a temporary file and renamed, and rebuilt when the format,
//! the articles' content hash, the model's identity or the body's checksum differs: a
//! damaged file is never served.

use super::sketch::Sketch;
use super::tokens::Tokens;
use crate::article::Library;
use crate::embed::{self, Embedder, WordVectors};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Bump when what is embedded or the file layout changes.
const FORMAT: u32 = 5;
/// Sentence pieces shorter than this many bytes join the next one ("Mr.", "(Reuters) -").
const MIN_SENTENCE: usize = 24;

/// A paragraph as its own vector reads it: under its article's headline ("Port strike halts
/// grain exports. The union's demands include …"); alone when there is none.
fn headed(headline: &str, text: &str) -> String {
    let headline = headline.trim().trim_end_matches(['.', ':', ';', ',']);
    if headline.is_empty() {
        text.to_string()
    } else {
        format!("{headline}. {text}")
    }
}

/// One sentence: its paragraph (global position) and byte range in the paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Position of the paragraph in library order.
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub span: Range<usize>,
}

/// Every paragraph's and sentence's vector.
#[derive(Debug, Clone)]
pub struct Vectors {
    /// The model that made them.
    pub model_id: String,
    /// Vector length.
    pub dim: usize,
    paragraphs: Vec<f32>,
    /// Each paragraph led by its speaker ("Monsod: He said the banks…"), so that a question
    /// naming who spoke finds paragraphs that only say "he".
    attributed: Vec<f32>,
    sentences: Vec<f32>,
    /// Sentences in order; each paragraph's are contiguous.
    pub spans: Vec<Sentence>,
    /// For global paragraph `g`: its sentences are `first_sentence[g]..first_sentence[g+1]`.
    first_sentence: Vec<usize>,
    /// For article `a`: its first paragraph's global position.
    first_paragraph: Vec<usize>,
    /// The paragraph vectors in 8 bits, for large libraries (derived, not stored).
    sketch: Sketch,
    /// Each attributed paragraph's token vectors, for word alignment.
    tokens: Tokens,
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Header {
    format: u32,
    content_hash: String,
    model_id: String,
    dim: usize,
    paragraphs: usize,
    sentences: usize,
    /// Token rows (absent before format 3, whose files are then rebuilt as out of date).
    #[serde(default)]
    tokens: usize,
    checksum: String,
}

/// The sentences of `text` as byte ranges (Unicode sentence boundaries, short pieces joined
/// to the next, surrounding spaces trimmed).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start: Option<usize> = None;
    for (at, s) in text.split_sentence_bound_indices() {
        let from = start.unwrap_or(at);
        let to = at + s.len();
        if text[from..to].trim().len() < MIN_SENTENCE {
            start = Some(from);
            continue;
        }
        out.push(from..to);
        start = None;
    }
    if let Some(from) = start {
        match out.last_mut() {
            Some(last) if text[from..].trim().len() < MIN_SENTENCE => last.end = text.len(),
            _ => out.push(from..text.len()),
        }
    }
    out.into_iter()
        .filter_map(|r| {
            let piece = &text[r.clone()];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (r.start + lead < r.end - trail).then(|| r.start + lead..r.end - trail)
        })
        .collect()
}

/// Each text's content words ([`crate::analyzer::is_content_word`]): the only ones word
/// alignment matches a question's words against, so the others are not kept.
pub fn content_words(words: Vec<Vec<WordVectors>>, texts: &[&str]) -> Vec<Vec<WordVectors>> {
    words
        .into_iter()
        .zip(texts)
        .map(|(ws, text)| {
            ws.into_iter()
                .filter(|w| {
                    text.get(w.span.clone())
                        .is_some_and(crate::analyzer::is_content_word)
                })
                .collect()
        })
        .collect()
}

impl Vectors {
    /// Embeds every paragraph and sentence of `library`, reporting progress as `(done, total)`.
    pub fn build(
        library: &Library,
        embedder: &Embedder,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Vectors> {
        let mut texts: Vec<&str> = Vec::new();
        let mut spans = Vec::new();
        let mut first_sentence = Vec::new();
        let mut first_paragraph = Vec::new();
        for article in &library.articles {
            first_paragraph.push(texts.len());
            for p in &article.paragraphs {
                texts.push(p.text.as_str());
            }
        }
        let n_par = texts.len();
        // Each paragraph's own vector reads it under its article's headline: a paragraph
        // deep in a story names its subject by a pronoun, a short form or an acronym that the
        // headline spells out ("The union's demands include…" under "Port strike halts grain
        // exports"). Sentences, and the attributed paragraphs whose tokens word alignment
        // reads, stay as written.
        let headed: Vec<String> = library
            .articles
            .iter()
            .flat_map(|a| {
                a.paragraphs
                    .iter()
                    .map(move |p| headed(&a.headline, &p.text))
            })
            .collect();
        let attributed_texts: Vec<String> = library
            .articles
            .iter()
            .flat_map(|a| a.paragraphs.iter())
            .map(|p| match p.attribution.credit() {
                Some(credit) => format!("{credit}: {}", p.text),
                None => p.text.clone(),
            })
            .collect();
        let mut g = 0;
        for article in &library.articles {
            for p in &article.paragraphs {
                first_sentence.push(spans.len());
                for span in sentences(&p.text) {
                    spans.push(Sentence { paragraph: g, span });
                }
                g += 1;
            }
        }
        first_sentence.push(spans.len());
        let mut all: Vec<&str> = headed.iter().map(String::as_str).collect();
        for s in &spans {
            all.push(&texts[s.paragraph][s.span.clone()]);
        }
        let total = all.len() + attributed_texts.len();
        let mut vecs = embedder.embed_with_progress(&all, |done| progress(done, total))?;
        // The attributed paragraphs with their token vectors, from the same forward pass.
        let attributed_refs: Vec<&str> = attributed_texts.iter().map(String::as_str).collect();
        let before = all.len();
        let (attributed_vecs, words) =
            embedder.embed_with_words(&attributed_refs, |done| progress(before + done, total))?;
        vecs.extend(attributed_vecs);
        let dim = embedder.dim();
        let mut paragraphs = Vec::with_capacity(n_par * dim);
        let mut sents = Vec::with_capacity(spans.len() * dim);
        let mut attributed = Vec::with_capacity(n_par * dim);
        let n_sent = spans.len();
        for (i, v) in vecs.into_iter().enumerate() {
            if i < n_par {
                paragraphs.extend(v);
            } else if i < n_par + n_sent {
                sents.extend(v);
            } else {
                attributed.extend(v);
            }
        }
        Ok(Vectors {
            model_id: embedder.id().to_string(),
            dim,
            tokens: Tokens::from_words(dim, &content_words(words, &attributed_refs)),
            sketch: Sketch::when_needed(&paragraphs, dim),
            paragraphs,
            attributed,
            sentences: sents,
            spans,
            first_sentence,
            first_paragraph,
        })
    }

    /// Vectors made elsewhere (the benchmarks compose a large corpus's vectors from embedded
    /// sentences): for each paragraph of `library`, in order, its vector, its attributed
    /// vector, and its sentences (byte ranges) with theirs; and every paragraph's token
    /// vectors.
    #[allow(clippy::type_complexity)]
    pub fn from_parts(
        library: &Library,
        model_id: &str,
        dim: usize,
        parts: Vec<(Vec<f32>, Vec<f32>, Vec<(Range<usize>, Vec<f32>)>)>,
        tokens: Tokens,
    ) -> Result<Vectors> {
        let mut v = Vectors {
            model_id: model_id.to_string(),
            dim,
            paragraphs: Vec::new(),
            attributed: Vec::new(),
            sentences: Vec::new(),
            spans: Vec::new(),
            first_sentence: Vec::new(),
            first_paragraph: Vec::new(),
            sketch: Sketch::default(),
            tokens,
        };
        for (g, (p, a, sents)) in parts.into_iter().enumerate() {
            v.first_sentence.push(v.spans.len());
            v.paragraphs.extend(p);
            v.attributed.extend(a);
            for (span, s) in sents {
                v.spans.push(Sentence { paragraph: g, span });
                v.sentences.extend(s);
            }
        }
        v.first_sentence.push(v.spans.len());
        let n = v.paragraph_count();
        if v.paragraphs.len() != n * dim
            || v.attributed.len() != n * dim
            || v.sentences.len() != v.spans.len() * dim
        {
            return Err(damaged(Path::new("vectors"), "parts of the wrong length"));
        }
        v.with_library(library, Path::new("vectors"))
    }

    /// Paragraph vectors in library order.
    pub fn paragraph_count(&self) -> usize {
        self.first_sentence.len().saturating_sub(1)
    }

    /// The global position of paragraph `number` (from 1) of the `article`-th article.
    pub fn global(&self, article: usize, number: u32) -> Option<usize> {
        let g = self.first_paragraph.get(article)? + (number as usize).checked_sub(1)?;
        let end = self
            .first_paragraph
            .get(article + 1)
            .copied()
            .unwrap_or(self.paragraph_count());
        (g < end).then_some(g)
    }

    /// (article position, paragraph number) of global paragraph `g`.
    pub fn locate(&self, g: usize) -> Option<(usize, u32)> {
        if g >= self.paragraph_count() {
            return None;
        }
        let ai = self
            .first_paragraph
            .partition_point(|&start| start <= g)
            .checked_sub(1)?;
        Some((ai, (g - self.first_paragraph[ai] + 1) as u32))
    }

    /// The vector of global paragraph `g`.
    pub fn paragraph(&self, g: usize) -> &[f32] {
        &self.paragraphs[g * self.dim..(g + 1) * self.dim]
    }

    /// Every attributed paragraph's token vectors.
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// Cosine of `query` with global paragraph `g` led by its speaker.
    pub fn attributed_score(&self, g: usize, query: &[f32]) -> f32 {
        embed::dot(&self.attributed[g * self.dim..(g + 1) * self.dim], query)
    }

    /// Cosine of `query` with global paragraph `g`.
    pub fn paragraph_score(&self, g: usize, query: &[f32]) -> f32 {
        embed::dot(self.paragraph(g), query)
    }

    /// The `k` paragraphs nearest `query` (global positions), nearest first, ties by
    /// position (exact cosines; see [`Sketch::nearest`] for how a large library is searched).
    pub fn nearest_paragraphs(&self, query: &[f32], k: usize) -> Vec<usize> {
        self.sketch.nearest(&self.paragraphs, self.dim, query, k)
    }

    /// The best-matching sentence of global paragraph `g`: (cosine, byte range).
    pub fn best_sentence(&self, g: usize, query: &[f32]) -> Option<(f32, Range<usize>)> {
        let (from, to) = (
            *self.first_sentence.get(g)?,
            *self.first_sentence.get(g + 1)?,
        );
        (from..to)
            .map(|i| {
                let v = &self.sentences[i * self.dim..(i + 1) * self.dim];
                (embed::dot(v, query), self.spans[i].span.clone())
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
    }

    /// The vector file for a data folder.
    pub fn path_for(data_dir: &Path) -> PathBuf {
        data_dir.join("vectors.bin")
    }

    /// Reads `path` if it was built from `library`'s articles with `model_id` and is undamaged.
    pub fn load(path: &Path, library: &Library, model_id: &str) -> Result<Option<Vectors>> {
        let content_hash = library.content_hash.as_str();
        let raw = match std::fs::read(path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("cannot read vectors", path, e)),
        };
        let Some(nl) = raw.iter().position(|&b| b == b'\n') else {
            return Err(damaged(path, "no header"));
        };
        let header: Header = serde_json::from_slice(&raw[..nl]).map_err(|e| damaged(path, e))?;
        if header.format != FORMAT
            || header.content_hash != content_hash
            || header.model_id != model_id
        {
            return Ok(None);
        }
        let body = &raw[nl + 1..];
        if embed::hex(&Sha256::digest(body)) != header.checksum {
            return Err(damaged(path, "checksum mismatch"));
        }
        let floats = (2 * header.paragraphs + header.sentences) * header.dim;
        let plain = floats * 4 + header.sentences * 12 + (header.paragraphs + 1) * 4;
        let want = plain + Tokens::stored_len(header.paragraphs, header.tokens, header.dim);
        if body.len() != want {
            return Err(damaged(path, "wrong length"));
        }
        let tokens = Tokens::read(&body[plain..], header.paragraphs, header.tokens, header.dim)
            .ok_or_else(|| damaged(path, "token vectors out of order"))?;
        let body = &body[..plain];
        let f32s = le_f32s(&body[..floats * 4]);
        let u32s = le_u32s(&body[floats * 4..]);
        let (span_words, rest) = u32s.split_at(header.sentences * 3);
        let spans = span_words
            .chunks_exact(3)
            .map(|c| Sentence {
                paragraph: c[0],
                span: c[1]..c[2],
            })
            .collect();
        let split = header.paragraphs * header.dim;
        let split2 = split + header.sentences * header.dim;
        Vectors {
            model_id: header.model_id,
            dim: header.dim,
            paragraphs: f32s[..split].to_vec(),
            sentences: f32s[split..split2].to_vec(),
            attributed: f32s[split2..].to_vec(),
            spans,
            first_sentence: rest.to_vec(),
            first_paragraph: Vec::new(),
            sketch: Sketch::default(),
            tokens,
        }
        .with_library(library, path)
        .map(Some)
    }

    /// Re-derives the per-article starts (not stored: they follow from the library) and the
    /// sketch.
    fn with_library(mut self, library: &Library, path: &Path) -> Result<Vectors> {
        let lens: Vec<usize> = library
            .articles
            .iter()
            .flat_map(|a| a.paragraphs.iter().map(|p| p.text.len()))
            .collect();
        let mut at = 0;
        self.first_paragraph = library
            .articles
            .iter()
            .map(|a| {
                let start = at;
                at += a.paragraphs.len();
                start
            })
            .collect();
        let bad = at != self.paragraph_count()
            || self.tokens.paragraph_count() != at
            || self.first_sentence.last() != Some(&self.spans.len())
            || self.first_sentence.windows(2).any(|w| w[0] > w[1])
            || self.spans.iter().any(|s| {
                s.paragraph >= at
                    || s.span.start > s.span.end
                    || lens.get(s.paragraph).is_none_or(|&l| s.span.end > l)
            });
        if bad {
            return Err(damaged(path, "does not match the articles"));
        }
        self.sketch = Sketch::when_needed(&self.paragraphs, self.dim);
        Ok(self)
    }

    /// Writes the vectors for `content_hash` to `path` (temporary file, then rename).
    pub fn save(&self, path: &Path, content_hash: &str) -> Result<()> {
        let mut body = Vec::with_capacity((self.paragraphs.len() + self.sentences.len()) * 4);
        for f in self
            .paragraphs
            .iter()
            .chain(&self.sentences)
            .chain(&self.attributed)
        {
            body.extend_from_slice(&f.to_le_bytes());
        }
        for s in &self.spans {
            for x in [s.paragraph, s.span.start, s.span.end] {
                body.extend_from_slice(&(x as u32).to_le_bytes());
            }
        }
        for x in &self.first_sentence {
            body.extend_from_slice(&(*x as u32).to_le_bytes());
        }
        self.tokens.write(&mut body);
        let header = Header {
            format: FORMAT,
            content_hash: content_hash.to_string(),
            model_id: self.model_id.clone(),
            dim: self.dim,
            paragraphs: self.paragraph_count(),
            sentences: self.spans.len(),
            tokens: self.tokens.token_count(),
            checksum: embed::hex(&Sha256::digest(&body)),
        };
        let tmp = path.with_extension(format!("bin.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            serde_json::to_writer(&mut f, &header)?;
            f.write_all(b"\n")?;
            f.write_all(&body)?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io("cannot write vectors", path, e)
        })
    }
}

/// Little-endian `f32`s, four bytes each.
pub(super) fn le_f32s(raw: &[u8]) -> Vec<f32> {
    raw.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Little-endian `u32`s, four bytes each, as positions.
pub(super) fn le_u32s(raw: &[u8]) -> Vec<usize> {
    raw.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect()
}

fn damaged(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::io(
        "damaged vector file (it will be rebuilt)",
        path,
        std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleMeta};

    fn library(dir: &Path) -> Library {
        let text = "A headline\n\nThe ministry said the report was denied. Troops said nothing.\n\nGaza troops were denied.";
        let a = Article::from_text("one", text, ArticleMeta::default()).unwrap();
        Library::from_articles(dir, vec![a])
    }

    #[test]
    fn only_content_words_keep_their_tokens() {
        let word = |span: Range<usize>| WordVectors {
            span,
            tokens: vec![vec![1.0, 0.0]],
        };
        let text = "The ministry said it, \u{2014} twice.";
        let words = vec![vec![
            word(0..3),
            word(4..12),
            word(13..17),
            word(18..20),
            word(20..21),
            word(22..25),
            word(26..31),
        ]];
        let kept = content_words(words, &[text]);
        let kept: Vec<&str> = kept[0].iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(kept, ["ministry", "said", "twice"]);
    }

    #[test]
    fn saved_vectors_load_only_for_the_same_articles_model_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        crate::embed::tests::tiny_model(&dir.path().join("m"), "mean");
        let e = Embedder::load(&dir.path().join("m")).unwrap();
        let lib = library(dir.path());
        let v = Vectors::build(&lib, &e, |_, _| {}).unwrap();
        assert_eq!(v.paragraph_count(), 2);
        let path = dir.path().join("vectors.bin");
        v.save(&path, &lib.content_hash).unwrap();
        let back = Vectors::load(&path, &lib, e.id())
            .unwrap()
            .expect("current");
        assert_eq!(back.spans, v.spans);
        assert_eq!(back.paragraph(1), v.paragraph(1));
        assert_eq!(back.locate(1), Some((0, 2)));
        assert!(v.tokens().token_count() > 0);
        assert_eq!(back.tokens(), v.tokens());
        // Another model: not current, rebuilt by the caller.
        assert!(Vectors::load(&path, &lib, "other@1").unwrap().is_none());
        // Garbled bytes: an error, never vectors.
        let mut raw = std::fs::read(&path).unwrap();
        let last = raw.len() - 9;
        raw[last] ^= 0xff;
        std::fs::write(&path, &raw).unwrap();
        let err = Vectors::load(&path, &lib, e.id()).unwrap_err().to_string();
        assert!(err.contains("checksum"), "{err}");
        // Truncated: an error too.
        std::fs::write(&path, &raw[..raw.len() / 2]).unwrap();
        assert!(Vectors::load(&path, &lib, e.id()).is_err());
    }

    #[test]
    fn a_file_of_an_older_format_is_out_of_date_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let lib = library(dir.path());
        let path = dir.path().join("vectors.bin");
        // Format 2's header had no token count.
        let header = serde_json::json!({
            "format": 2, "content_hash": lib.content_hash, "model_id": "m@1", "dim": 16,
            "paragraphs": 2, "sentences": 2, "checksum": "00",
        });
        std::fs::write(&path, format!("{header}\n")).unwrap();
        assert!(Vectors::load(&path, &lib, "m@1").unwrap().is_none());
    }

    #[test]
    fn a_damaged_vector_file_is_rebuilt_when_the_index_opens() {
        let dir = tempfile::tempdir().unwrap();
        crate::embed::tests::tiny_model(&dir.path().join("m"), "mean");
        let e = std::sync::Arc::new(Embedder::load(&dir.path().join("m")).unwrap());
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let open = || {
            crate::StoryIndex::in_ram(library(&data))
                .unwrap()
                .with_embedder(e.clone(), Some(&data), &mut |_, _| {})
                .unwrap()
                .1
        };
        assert_eq!(open(), crate::index::VectorOutcome::Built);
        assert_eq!(open(), crate::index::VectorOutcome::Current);
        std::fs::write(Vectors::path_for(&data), b"{\"format\": 2}\ngarbage").unwrap();
        assert!(matches!(open(), crate::index::VectorOutcome::Rebuilt(_)));
        assert_eq!(open(), crate::index::VectorOutcome::Current);
    }

    #[test]
    fn a_paragraph_is_read_under_its_headline() {
        assert_eq!(
            headed("PAKISTAN DENIES REPORT.", "The ministry said so."),
            "PAKISTAN DENIES REPORT. The ministry said so."
        );
        assert_eq!(
            headed("Force to deploy", "It will."),
            "Force to deploy. It will."
        );
        assert_eq!(headed("  ", "Alone."), "Alone.");
    }

    #[test]
    fn sentences_cover_the_text_and_join_short_pieces() {
        let t = "Mr. Roe said the plan was sound. \"We will see,\" he added. Yes. The end came at dawn on Monday.";
        let s = sentences(t);
        let pieces: Vec<&str> = s.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            pieces,
            vec![
                "Mr. Roe said the plan was sound.",
                "\"We will see,\" he added.",
                "Yes. The end came at dawn on Monday."
            ]
        );
        assert_eq!(sentences(""), Vec::<Range<usize>>::new());
        assert_eq!(sentences("Short."), vec![0..6]);
    }
}

//! Benchmarks of semantic ranking with the default model (all-MiniLM-L6-v2, from the cache
//! `storybot model fetch` fills): query-embedding time; answer latency p50/p99 per question
//! with the model on the seed index and on a generated 100,000-paragraph corpus, beside raw
//! tantivy top-5 on the same index; embedding throughput when an index is built.
//!
//! The corpus's vectors are composed, not embedded one by one (500,000 texts would take most
//! of an hour here): every pool sentence is embedded for real, and each generated paragraph's
//! vectors are the normalised mean of its sentences' vectors. Search cost depends on how many
//! vectors there are, not on their values.
//!
//! `cargo bench --bench semantic`; figures go to docs/BENCHMARKS.md.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use storybot::article::{Article, ArticleMeta, Library};
use storybot::embed::Embedder;
use storybot::index::tokens::Tokens;
use storybot::index::vectors::{content_words, sentences, Vectors};
use storybot::{answer, AskOptions, StoryIndex};

/// The allocator `storybot` itself runs with (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUESTIONS: &[&str] = &[
    "Who denied the report?",
    "What will the peace force do in Gaza?",
    "How many troops is Pakistan sending?",
    "Who is the best footballer in the world?",
];

fn model_dir() -> PathBuf {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let Some(dir) = env("STORYBOT_MODEL") {
        return PathBuf::from(dir);
    }
    let cache = env("STORYBOT_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(&env("HOME").expect("HOME")).join(".cache/storybot/models"));
    cache.join("all-MiniLM-L6-v2")
}

fn pool() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root)
        .expect("fixture articles")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(f).expect("article text");
        for s in text
            .split(". ")
            .map(str::trim)
            .filter(|s| s.split_whitespace().count() > 5)
        {
            out.push(s.replace('\n', " "));
        }
    }
    out
}

/// 2,000 articles of 50 paragraphs, each paragraph two or three pool sentences; returns the
/// library and, per paragraph, which pool sentences it is made of.
fn corpus(pool: &[String]) -> (Library, Vec<Vec<usize>>) {
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut list = Vec::new();
    let mut made_of = Vec::new();
    for a in 0..2_000 {
        let mut text = format!("Generated story number {a}\n\n");
        let mut paras = Vec::new();
        for _ in 0..50 {
            let n = 2 + (next() % 2) as usize;
            let ids: Vec<usize> = (0..n)
                .map(|_| (next() % pool.len() as u64) as usize)
                .collect();
            let para: Vec<&str> = ids.iter().map(|&i| pool[i].as_str()).collect();
            text.push_str(&format!("{}.\n\n", para.join(". ")));
            paras.push(ids);
        }
        let article = Article::from_text(&format!("gen-{a:05}"), &text, ArticleMeta::default())
            .expect("generated article parses");
        // Paragraphs the parser kept, in order (it drops none of these).
        assert_eq!(article.paragraphs.len(), paras.len());
        made_of.extend(paras);
        list.push(article);
    }
    (
        Library::from_articles(Path::new("generated"), list),
        made_of,
    )
}

fn mean(vs: &[&[f32]]) -> Vec<f32> {
    let mut m = vec![0.0; vs[0].len()];
    for v in vs {
        for (a, b) in m.iter_mut().zip(v.iter()) {
            *a += b;
        }
    }
    let n = m.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    m.iter().map(|x| x / n).collect()
}

fn percentiles(mut d: Vec<Duration>) -> (f64, f64) {
    d.sort();
    let ms = |x: Duration| x.as_secs_f64() * 1000.0;
    (ms(d[d.len() / 2]), ms(d[(d.len() * 99) / 100]))
}

fn latency(name: &str, index: &StoryIndex, rounds: usize) {
    let opts = AskOptions::default();
    let mut ours = Vec::new();
    let mut raw = Vec::new();
    for _ in 0..rounds {
        for q in QUESTIONS {
            let t = Instant::now();
            black_box(answer(q, index, &opts).expect("the index can be searched"));
            ours.push(t.elapsed());
            let t = Instant::now();
            black_box(index.raw_top(q, 5).expect("raw query"));
            raw.push(t.elapsed());
        }
    }
    let (p50, p99) = percentiles(ours);
    let (r50, r99) = percentiles(raw);
    println!(
        "answer {name}: storybot p50 {p50:.2} ms, p99 {p99:.2} ms; raw tantivy top-5 p50 {r50:.3} ms, p99 {r99:.3} ms ({} questions)",
        rounds * QUESTIONS.len()
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // As `storybot` itself does at start (see the function's doc).
    storybot::embed::settle_thread_count();
    let dir = model_dir();
    let Ok(e) = Embedder::load(&dir) else {
        eprintln!(
            "no model at {}: run `cargo run --release -- model fetch` first",
            dir.display()
        );
        std::process::exit(1);
    };
    let e = Arc::new(e);
    println!(
        "model {} ({} threads available)",
        e.id(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Query embedding.
    let mut times = Vec::new();
    for i in 0..200 {
        let q = QUESTIONS[i % QUESTIONS.len()];
        let t = Instant::now();
        black_box(e.embed(&[q]).expect("embeds"));
        times.push(t.elapsed());
    }
    let (p50, p99) = percentiles(times);
    println!("query embedding: p50 {p50:.2} ms, p99 {p99:.2} ms (200 questions)");

    // Build throughput with embeddings: the seed's paragraphs, attributed paragraphs and
    // sentences, embedded for real.
    // The seed article's copy in the fixtures: benchmarks never read the runtime data folder.
    let seed_dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(seed_dir.path().join("articles")).expect("articles dir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles/isf-gaza-denial.txt"),
        seed_dir.path().join("articles/isf-gaza-denial.txt"),
    )
    .expect("copy the seed");
    let library = Library::load(seed_dir.path()).expect("seed library");
    let t = Instant::now();
    let mut texts = 0;
    let vectors = Vectors::build(&library, &e, |_, total| texts = total).expect("vectors");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "embedding at build: {texts} texts (paragraphs, attributed paragraphs, sentences) in {secs:.2} s = {:.0} texts/s",
        texts as f64 / secs
    );
    let pool = pool();
    let refs: Vec<&str> = pool.iter().map(String::as_str).collect();
    let t = Instant::now();
    let (pool_vecs, pool_words) = e.embed_with_words(&refs, |_| {}).expect("pool embeds");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "embedding throughput: {} fixture sentences in {secs:.2} s = {:.0} texts/s",
        refs.len(),
        refs.len() as f64 / secs
    );

    // The same index without vectors: what the words alone cost, beside the model.
    let lexical = StoryIndex::in_ram(Library::load(seed_dir.path()).expect("seed library"))
        .expect("seed index");
    latency("seed, lexical ranking", &lexical, 100);
    let seed = StoryIndex::in_ram(library)
        .expect("seed index")
        .with_vectors(e.clone(), vectors);
    latency("seed", &seed, 100);

    // Only content words' tokens are kept, as the index build keeps them.
    let pool_words = content_words(pool_words, &refs);
    let (big_library, made_of) = corpus(&pool);
    let dim = e.dim();
    let mut parts = Vec::with_capacity(made_of.len());
    // A paragraph's token vectors: its sentences' tokens in turn (each embedded alone).
    let mut tokens = Tokens::new(dim);
    let texts: Vec<&str> = big_library
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    let by_text: HashMap<&str, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    for (text, ids) in texts.iter().zip(&made_of) {
        let vs: Vec<&[f32]> = ids.iter().map(|&i| pool_vecs[i].as_slice()).collect();
        let p = mean(&vs);
        let sents = sentences(text)
            .into_iter()
            .map(|r| {
                let piece = text[r.clone()].trim_end_matches('.');
                let v = by_text
                    .get(piece)
                    .map_or_else(|| p.clone(), |&i| pool_vecs[i].clone());
                (r, v)
            })
            .collect();
        parts.push((p.clone(), p, sents));
        tokens.push(
            ids.iter()
                .flat_map(|&i| pool_words[i].iter().flat_map(|w| w.tokens.iter()))
                .map(Vec::as_slice),
        );
    }
    drop(pool_words);
    let vectors =
        Vectors::from_parts(&big_library, e.id(), dim, parts, tokens).expect("composed vectors");
    let big = StoryIndex::in_ram(big_library)
        .expect("corpus index")
        .with_vectors(e.clone(), vectors);
    assert!(big.library.paragraph_count() >= 100_000);
    latency("generated-100k", &big, 100);
}

//! Benchmarks: answer latency on the seed article and on a generated corpus of 100,000
//! paragraphs (made at bench time from the fixture articles' sentences, not committed),
//! beside a raw tantivy top-5 query on the same index; and index build throughput.
//!
//! `cargo bench --bench answer`; figures go to docs/BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use storybot::article::{Article, ArticleMeta, Library};
use storybot::{answer, AskOptions, StoryIndex};

const QUESTIONS: &[&str] = &[
    "Who denied the report?",
    "What will the peace force do in Gaza?",
    "How many troops is Pakistan sending?",
    "Who is the best footballer in the world?",
];

fn sentences() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The fixtures hold the seed article too; benchmarks never read the runtime data folder.
    let mut dirs = vec![root.join("tests/fixtures/articles")];
    let mut out = Vec::new();
    for dir in dirs.drain(..) {
        for entry in std::fs::read_dir(dir).expect("articles folder") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("article text");
            for s in text
                .split(". ")
                .map(str::trim)
                .filter(|s| s.split_whitespace().count() > 5)
            {
                out.push(s.replace('\n', " "));
            }
        }
    }
    out
}

/// A deterministic corpus: `articles` articles of `per` paragraphs, each two or three
/// sentences from the pool with a made-up name mixed in, so the vocabulary grows as a real
/// archive's does.
fn corpus(articles: usize, per: usize) -> Library {
    let pool = sentences();
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut list = Vec::with_capacity(articles);
    for a in 0..articles {
        let mut text = format!("Generated story number {a}\n\n");
        for _ in 0..per {
            let n = 2 + (next() % 2) as usize;
            let para: Vec<String> = (0..n)
                .map(|_| pool[(next() % pool.len() as u64) as usize].clone())
                .collect();
            text.push_str(&format!(
                "{}, said Name{} Surname{}.\n\n",
                para.join(". "),
                next() % 5000,
                next() % 5000
            ));
        }
        list.push(
            Article::from_text(&format!("gen-{a:05}"), &text, ArticleMeta::default())
                .expect("generated article parses"),
        );
    }
    Library::from_articles(Path::new("generated"), list)
}

/// The seed article (its copy in `tests/fixtures/articles`), indexed in memory.
fn seed_index() -> StoryIndex {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles/isf-gaza-denial.txt");
    let text = std::fs::read_to_string(&path).expect("seed article");
    let seed = Article::from_text("isf-gaza-denial", &text, ArticleMeta::default())
        .expect("seed article parses");
    StoryIndex::in_ram(Library::from_articles(Path::new("seed"), vec![seed])).expect("seed index")
}

fn bench_answer(c: &mut Criterion) {
    let seed = seed_index();
    let big = StoryIndex::in_ram(corpus(2_000, 50)).expect("corpus index");
    assert!(big.library.paragraph_count() >= 100_000);
    let opts = AskOptions::default();
    let mut group = c.benchmark_group("answer");
    for (name, index) in [("seed-26", &seed), ("generated-100k", &big)] {
        group.bench_with_input(BenchmarkId::new("storybot", name), index, |b, index| {
            b.iter(|| {
                for q in QUESTIONS {
                    black_box(answer(q, index, &opts).expect("the index can be searched"));
                }
            })
        });
        group.bench_with_input(
            BenchmarkId::new("raw-tantivy-top5", name),
            index,
            |b, index| {
                b.iter(|| {
                    for q in QUESTIONS {
                        black_box(index.raw_top(q, 5).expect("raw query"));
                    }
                })
            },
        );
    }
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    let library = corpus(200, 50);
    let mut group = c.benchmark_group("index-build");
    group.sample_size(10);
    group.throughput(Throughput::Elements(library.paragraph_count() as u64));
    group.bench_function("in-ram-10k-paragraphs", |b| {
        b.iter(|| black_box(StoryIndex::in_ram(library.clone()).expect("build")))
    });
    group.bench_function("parse-and-attribute-10k-paragraphs", |b| {
        b.iter(|| black_box(corpus(200, 50)))
    });
    group.finish();
}

criterion_group!(benches, bench_answer, bench_build);
criterion_main!(benches);

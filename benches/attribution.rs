//! Attribution time against article size: single paragraphs of 1 to 20 MB (time must grow
//! linearly) and archives of 1,000 to 100,000 ordinary paragraphs (paragraphs per second).
//! `cargo bench --bench attribution`; figures go in docs/BENCHMARKS.md.

use std::time::Instant;
use storybot::article::{Article, ArticleMeta};

/// Sentences in the shapes attribution reads: quote-first with an appositive, a pronoun
/// opening, verb-last, and narration. Written for this benchmark.
const SENTENCES: &[&str] = &[
    "The minister said the plan would work.",
    "\u{201C}We are ready,\u{201D} Admiral Jane Doe, chief of the naval staff, told a news conference.",
    "He said the ship would sail at dawn, officials said.",
    "Prices rose sharply in the capital on Tuesday after the central bank denied a report.",
];

fn text_of(bytes: usize, paragraph_break: Option<usize>) -> String {
    let mut out = String::from("Benchmark headline\n\n");
    let mut i = 0;
    let mut in_paragraph = 0;
    while out.len() < bytes {
        out.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
        in_paragraph += 1;
        match paragraph_break {
            Some(n) if in_paragraph == n => {
                out.push_str("\n\n");
                in_paragraph = 0;
            }
            _ => out.push(' '),
        }
    }
    out
}

fn main() {
    println!("single paragraph (bytes → seconds, seconds per MB)");
    for mb in [1usize, 5, 10, 20] {
        let text = text_of(mb * 1_000_000, None);
        let started = Instant::now();
        let article = Article::from_text("big", &text, ArticleMeta::default()).expect("parses");
        let secs = started.elapsed().as_secs_f64();
        assert_eq!(article.paragraphs.len(), 1);
        println!("  {mb:>3} MB: {secs:.2} s ({:.2} s/MB)", secs / mb as f64);
    }
    println!("archive (paragraphs → seconds, paragraphs per second)");
    for paragraphs in [1_000usize, 10_000, 100_000] {
        // Three sentences a paragraph, about 230 bytes.
        let text = text_of(paragraphs * 232, Some(3));
        let started = Instant::now();
        let article = Article::from_text("archive", &text, ArticleMeta::default()).expect("parses");
        let secs = started.elapsed().as_secs_f64();
        println!(
            "  {:>7} paragraphs: {secs:.2} s ({:.0} paragraphs/s)",
            article.paragraphs.len(),
            article.paragraphs.len() as f64 / secs
        );
    }
}

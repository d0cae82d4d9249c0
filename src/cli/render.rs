//! Terminal rendering of answers and passages: ¶ numbers, an attribution line per passage,
//! matched words in bold on a terminal (between `**` when piped).

use serde_json::{json, Value};
use std::fmt::Write;
use std::io::IsTerminal;
use storybot::article::Library;
use storybot::{Answer, Passage, StoryIndex};

fn marks() -> (&'static str, &'static str) {
    if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    }
}

fn passage(out: &mut String, p: &Passage) {
    let (open, close) = marks();
    let credit = p
        .credit()
        .unwrap_or_else(|| "the article's own reporting".into());
    let _ = writeln!(out, "¶{} · {credit}", p.paragraph);
    let _ = writeln!(out, "  {}", p.marked(open, close, str::to_string));
    if let Some(line) = storybot::dispute::dispute_line(p) {
        let _ = writeln!(out, "  \u{26A0} {line}");
    }
    let _ = writeln!(out);
}

/// An answer as text.
pub fn answer(a: &Answer, index: &StoryIndex) -> String {
    let mut out = String::new();
    if let Some(note) = &a.note {
        let _ = writeln!(out, "Sorry, {note}.");
        return out;
    }
    if a.answers.is_empty() {
        let _ = writeln!(out, "The article doesn't say.\n");
        if let Some(s) = &a.suggestion {
            let _ = writeln!(
                out,
                "Nearest passage, offered only as a suggestion ({}):",
                title(index, &s.article)
            );
            passage(&mut out, s);
        }
        return out;
    }
    let mut last_article = "";
    for p in &a.answers {
        if p.article != last_article {
            let _ = writeln!(out, "{} [{}]\n", title(index, &p.article), p.article);
            last_article = &p.article;
        }
        passage(&mut out, p);
    }
    out
}

fn title(index: &StoryIndex, slug: &str) -> String {
    index
        .library
        .article(slug)
        .map_or_else(|| slug.to_string(), |a| a.title.clone())
}

/// Every paragraph as text.
pub fn passages(library: &Library) -> String {
    let mut out = String::new();
    for a in &library.articles {
        let _ = writeln!(out, "{} [{}]\n", a.title, a.slug);
        for p in &a.paragraphs {
            let credit = p
                .attribution
                .credit()
                .unwrap_or_else(|| "(the article's own voice)".into());
            let _ = writeln!(out, "¶{} · {credit}\n  {}\n", p.number, p.text);
        }
    }
    out
}

/// Every paragraph as JSON: `{"passages": [{article, paragraph, speaker, cited, how, text}]}`.
pub fn passages_json(library: &Library) -> Value {
    let passages: Vec<Value> = library
        .articles
        .iter()
        .flat_map(|a| {
            a.paragraphs.iter().map(move |p| {
                json!({
                    "article": a.slug,
                    "paragraph": p.number,
                    "speaker": p.attribution.speaker,
                    "cited": p.attribution.cited,
                    "how": p.attribution.how,
                    "stance": p.stance,
                    "disputed_by": p.disputed_by,
                    "disputes": p.disputes,
                    "text": p.text,
                })
            })
        })
        .collect();
    json!({ "passages": passages })
}

//! Terminal rendering of answers and passages: ¶ numbers, an attribution line per passage,
//! matched words in bold on a terminal (between `**` when piped).

use serde_json::{json, Value};
use std::fmt::Write;
use std::io::IsTerminal;
use storybot::article::Library;
use storybot::{story, Answer, Passage};

fn marks() -> (&'static str, &'static str) {
    if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    }
}

/// Underline on a terminal (`__` when piped): the matched words when a sentence is in bold.
fn underline() -> (&'static str, &'static str) {
    if std::io::stdout().is_terminal() {
        ("\x1b[4m", "\x1b[24m")
    } else {
        ("__", "__")
    }
}

fn passage(out: &mut String, p: &Passage) {
    let (open, close) = marks();
    let text = if p.sentence.is_some() {
        // The answering sentence in bold, the matched words underlined.
        p.marked_with_sentence((open, close), underline(), str::to_string)
    } else {
        p.marked(open, close, str::to_string)
    };
    let credit = p
        .credit()
        .unwrap_or_else(|| storybot::attribution::OWN_VOICE.into());
    let _ = writeln!(out, "¶{} · {credit}", p.paragraph);
    let _ = writeln!(out, "  {text}");
    if let Some(line) = storybot::dispute::dispute_line(p) {
        let _ = writeln!(out, "  \u{26A0} {line}");
    }
    let _ = writeln!(out);
}

/// One passage as text (¶, credit, text, dispute line).
pub fn passage_text(p: &Passage) -> String {
    let mut out = String::new();
    passage(&mut out, p);
    out
}

/// `storybot about`.
pub fn about(a: &story::About) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "storybot {} knows {} article(s), {} paragraphs.",
        a.version,
        a.articles.len(),
        a.paragraphs
    );
    for art in &a.articles {
        let _ = writeln!(out, "\n{} [{}]", art.title, art.slug);
        let meta: Vec<String> = [art.outlet.clone(), art.published.clone(), art.url.clone()]
            .into_iter()
            .flatten()
            .collect();
        if !meta.is_empty() {
            let _ = writeln!(out, "  {}", meta.join(" \u{00B7} "));
        }
        let _ = writeln!(
            out,
            "  {} paragraphs, {} claims ({} answered by a denial)",
            art.paragraphs, art.claims, art.disputed
        );
    }
    let _ = writeln!(
        out,
        "\nindex built {} \u{00B7} content hash {} \u{00B7} schema v{}\nranking: {}",
        story::utc(a.built_at),
        &a.content_hash[..12.min(a.content_hash.len())],
        a.schema_version,
        a.ranking
    );
    out
}

/// `storybot claims`.
pub fn claims(claims: &[story::ClaimView]) -> String {
    let mut out = String::new();
    if claims.is_empty() {
        let _ = writeln!(
            out,
            "The story reports no claims from other outlets or unnamed sources."
        );
    }
    for c in claims {
        let who = c.speaker.as_deref().unwrap_or("the article");
        let cited: String = c.cited.iter().map(|s| format!(", citing {s}")).collect();
        let _ = writeln!(
            out,
            "\u{00B6}{} \u{00B7} {who}{cited} [{}]",
            c.paragraph, c.article
        );
        let _ = writeln!(out, "  {}", c.text);
        let _ = writeln!(out, "  \u{2192} {}\n", c.status());
    }
    out
}

/// `storybot sources`.
pub fn sources(sources: &[story::Source]) -> String {
    let mut out = String::new();
    for s in sources {
        let paras = s.paragraph_list();
        let flag = if s.anonymous { " (anonymous)" } else { "" };
        let _ = writeln!(
            out,
            "{}{flag}: {} paragraph(s): {}",
            s.name,
            s.paragraphs.len(),
            paras
        );
    }
    out
}

/// An answer as text, from the answer alone.
pub fn answer(a: &Answer) -> String {
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
                s.title
            );
            passage(&mut out, s);
        }
        return out;
    }
    if a.is_unsure() {
        let _ = writeln!(
            out,
            "Not sure \u{2014} the article may not answer this; the closest passages are:\n"
        );
    }
    let mut last_article = "";
    for p in &a.answers {
        if p.article != last_article {
            let _ = writeln!(out, "{} [{}]\n", p.title, p.article);
            last_article = &p.article;
        }
        passage(&mut out, p);
    }
    out
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
                .unwrap_or_else(|| storybot::attribution::OWN_VOICE.into());
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

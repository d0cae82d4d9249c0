//! Dispute awareness: each paragraph's stance (claim, denial, position, background) and the
//! links between claims and the denials that answer them, so that no claim is shown without
//! its rebuttal — or without saying the article reports no response.

mod links;
mod stance;

pub use links::{link, shared_features, Item, LINK_MIN};
pub use stance::{classify, denies, is_anonymous, Stance, DENIAL_STEMS};

/// The sentence of a rebuttal that does the rebutting, clipped to about `max` characters:
/// "…is a deliberate fabrication aimed at misrepresenting…".
pub fn rebuttal_snippet(text: &str, max: usize) -> String {
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let best = sentences
        .iter()
        .find(|s| stance::denies(s))
        .or_else(|| sentences.first())
        .copied()
        .unwrap_or(text);
    let best = best.trim_matches(|c: char| {
        c == '\u{201C}' || c == '\u{201D}' || c == '"' || c.is_whitespace()
    });
    if best.chars().count() <= max {
        return best.to_string();
    }
    // Centre the clip on the denying words, cutting only between words.
    let at = stance::denial_at(best).unwrap_or(0);
    let words: Vec<(usize, &str)> = best
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - best.as_ptr() as usize, w))
        .collect();
    let centre = words.iter().rposition(|(i, _)| *i <= at).unwrap_or(0);
    let (mut start, mut end) = (centre, centre + 1);
    let len = |s: usize, e: usize| {
        words[s..e]
            .iter()
            .map(|(_, w)| w.chars().count() + 1)
            .sum::<usize>()
    };
    while start > 0 && len(start - 1, end) <= max / 3 + words[centre].1.chars().count() {
        start -= 1;
    }
    while end < words.len() && len(start, end + 1) <= max {
        end += 1;
    }
    let piece: Vec<&str> = words[start..end].iter().map(|(_, w)| *w).collect();
    format!(
        "{}{}{}",
        if start > 0 { "\u{2026}" } else { "" },
        piece
            .join(" ")
            .trim_matches(|c: char| c == '\u{201C}' || c == '\u{201D}' || c == '"'),
        if end < words.len() { "\u{2026}" } else { "" }
    )
}

/// One line on a passage's dispute, for any front end: "Disputed — Information ministry:
/// “…a deliberate fabrication…” (¶14)", or "A claim; no response in the article." `None`
/// for passages that are not claims.
pub fn dispute_line(p: &crate::Passage) -> Option<String> {
    if p.stance != Stance::Claim {
        return None;
    }
    let Some(r) = p.disputed_by.first() else {
        return Some("A claim; no response in the article.".to_string());
    };
    let who = r.speaker.as_deref().unwrap_or("The article");
    let more = match p.disputed_by.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some(format!(
        "Disputed \u{2014} {who}: \u{201C}{}\u{201D} (\u{00B6}{}{more})",
        r.snippet(160),
        r.paragraph
    ))
}

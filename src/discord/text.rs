//! Text for Discord: markdown escaping (so a stray `*` or `_` in an article cannot break a
//! card, and nothing typed can become a mention), and clipping to Discord's limits at a
//! sentence or word boundary with "…".

/// Escapes Discord markdown and defuses mentions in plain text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '>' | '#' | '-' if line_start => {
                out.push('\\');
                out.push(c);
            }
            // "@everyone", "<@123>": a zero-width space after '@' keeps them from rendering as
            // mentions; allowed_mentions (always empty) keeps them from pinging in any case.
            '@' => out.push_str("@\u{200B}"),
            _ => out.push(c),
        }
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

/// Clips `text` to at most `max` characters, preferring the end of a sentence, then of a
/// word, and marking the cut with "…". Text that fits is returned unchanged.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max <= 1 {
        return "…".chars().take(max).collect();
    }
    let budget: String = text.chars().take(max - 1).collect();
    let floor = budget.len() * 6 / 10;
    let sentence = budget
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && i >= floor
                && budget[i + 1..].starts_with(char::is_whitespace)
        })
        .map(|(i, _)| i + 1);
    let cut = sentence
        .or_else(|| budget.rfind(char::is_whitespace).filter(|&i| i > 0))
        .unwrap_or(budget.len());
    format!("{}…", budget[..cut].trim_end())
}

/// The longest prefix of `text` (at a char boundary) of at most `max` characters, no marker.
pub fn prefix(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_mentions() {
        assert_eq!(escape("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape("> quote"), "\\> quote");
        assert_eq!(escape("hi @everyone"), "hi @\u{200B}everyone");
        assert_eq!(escape("x > y"), "x > y");
    }

    #[test]
    fn clips_at_sentences_then_words() {
        let text = "First sentence here. Second sentence is much longer than the first one.";
        assert_eq!(clip(text, 100), text);
        assert_eq!(clip(text, 40), "First sentence here. Second sentence…");
        assert_eq!(
            clip("One two three four five six. Seven eight.", 35),
            "One two three four five six.…"
        );
        let words = "alpha beta gamma delta epsilon";
        assert_eq!(clip(words, 15), "alpha beta…");
        assert!(clip(&"x".repeat(50), 10).chars().count() <= 10);
    }
}

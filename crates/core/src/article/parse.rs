//! Splitting a scraped article into its headline and numbered body paragraphs:
//! blank-line-separated blocks, page furniture dropped, bylines and wire datelines
//! recognised, every kept paragraph's text verbatim.

use super::boilerplate::{is_boilerplate, reads_as_prose};
use regex::Regex;
use std::sync::LazyLock;

/// An article split into its parts, before attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The first block, as written.
    pub headline: String,
    /// A byline block ("By Jane Doe, Reuters"), when the article has one.
    pub byline: Option<String>,
    /// The wire dateline opening the first paragraph ("LONDON, April 3 (Reuters) -").
    pub dateline: Option<String>,
    /// Body paragraphs in order, verbatim; paragraph n is `paragraphs[n - 1]`.
    pub paragraphs: Vec<String>,
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al|bin))*\s*(?:[,|/–—-].{0,60})?$")
        .expect("byline pattern compiles")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<dateline>
          \p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+){0,3}          # LONDON, NEW YORK, ST. LOUIS
          (?:,\s*\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?)?               # , Pakistan
          (?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?
          \s*(?:\([^)]{1,30}\))?                                       # (Reuters)
        )
        \s*(?:-|–|—|:)\s+",
    )
    .expect("dateline pattern compiles")
});

/// Splits raw article text into headline, byline, dateline and body paragraphs.
///
/// Returns `None` when the text has no headline and body paragraph at all.
pub fn parse(raw: &str) -> Option<Parsed> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = split_blocks(&text).into_iter();
    let headline = blocks.next()?;
    let mut byline = None;
    let mut paragraphs = Vec::new();
    for block in blocks {
        if paragraphs.is_empty() && byline.is_none() && is_byline(&block) {
            byline = Some(block);
            continue;
        }
        if is_boilerplate(&block) {
            continue;
        }
        paragraphs.push(block);
    }
    // Page furniture after the story ("Related coverage", "Most read") that no rule named:
    // short trailing blocks that do not read as prose.
    while paragraphs
        .last()
        .is_some_and(|p| !reads_as_prose(p) && p.split_whitespace().count() <= 8)
        && paragraphs.len() > 1
    {
        paragraphs.pop();
    }
    if paragraphs.is_empty() {
        return None;
    }
    let dateline = dateline_of(&paragraphs[0]).map(|(d, _)| d.to_string());
    Some(Parsed {
        headline,
        byline,
        dateline,
        paragraphs,
    })
}

/// The dateline at the start of `paragraph` and the byte offset where the sentence begins.
pub fn dateline_of(paragraph: &str) -> Option<(&str, usize)> {
    let caps = DATELINE.captures(paragraph)?;
    let dateline = caps.name("dateline")?.as_str().trim();
    // The dateline's place must be a real all-caps word, not a sentence's opening "A".
    let first = dateline.split([',', ' ', '(']).next().unwrap_or_default();
    if first.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some((dateline, caps.get(0)?.end()))
}

/// A headline as it should be shown: all-caps headlines are put in title case.
pub fn display_title(headline: &str) -> String {
    let one_line = headline.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().any(|c| c.is_lowercase()) {
        return one_line;
    }
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to",
        "with", "from", "over",
    ];
    one_line
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            // Keep short acronyms (US, UN, EU) as they are.
            if word.chars().filter(|c| c.is_alphabetic()).count() <= 2 && i > 0 {
                return word.to_string();
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn split_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n").trim().to_string());
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current.join("\n").trim().to_string());
    }
    blocks
}

fn is_byline(block: &str) -> bool {
    block.chars().count() <= 100 && !block.contains('\n') && BYLINE.is_match(block.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_paragraphs_after_the_headline_and_drops_junk() {
        let raw = "Big news\n\nFirst paragraph.\n\nSecond paragraph.\n\nPost a Comment\n\nPrevious Post Next Post  56";
        let parsed = parse(raw).unwrap();
        assert_eq!(parsed.headline, "Big news");
        assert_eq!(parsed.paragraphs, ["First paragraph.", "Second paragraph."]);
    }

    #[test]
    fn recognises_bylines_and_datelines() {
        let raw = "HEADLINE HERE\n\nBy Jane Doe, Reuters\n\nLONDON, April 3 (Reuters) - Britain's finance minister said on Tuesday that taxes would rise.\n\nShe added nothing.";
        let parsed = parse(raw).unwrap();
        assert_eq!(parsed.byline.as_deref(), Some("By Jane Doe, Reuters"));
        assert_eq!(
            parsed.dateline.as_deref(),
            Some("LONDON, April 3 (Reuters)")
        );
        assert_eq!(parsed.paragraphs.len(), 2);
        assert!(
            parsed.paragraphs[0].starts_with("LONDON"),
            "text stays verbatim"
        );
    }

    #[test]
    fn datelines_in_several_styles() {
        for (text, want) in [
            ("NAIROBI: Floods displaced thousands.", "NAIROBI"),
            ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP)"),
            (
                "BRUSSELS, March 12 - EU ministers met.",
                "BRUSSELS, March 12",
            ),
            (
                "ISLAMABAD, Pakistan (AP) — Officials said.",
                "ISLAMABAD, Pakistan (AP)",
            ),
        ] {
            assert_eq!(dateline_of(text).map(|d| d.0), Some(want), "{text}");
        }
        assert_eq!(
            dateline_of("A cornerstone of the plan - the force - is new."),
            None
        );
        assert_eq!(dateline_of("The ministry said: it was false."), None);
    }

    #[test]
    fn all_caps_headlines_are_shown_in_title_case() {
        assert_eq!(
            display_title("FLOODS FORCE THOUSANDS FROM HOMES IN KENYA"),
            "Floods Force Thousands from Homes in Kenya"
        );
        assert_eq!(
            display_title("Info ministry rubbishes report"),
            "Info ministry rubbishes report"
        );
    }

    #[test]
    fn short_real_paragraphs_survive_and_mid_article_ads_go() {
        let raw =
            "Headline\n\nOne.\n\nAdvertisement\n\nNo one was injured.\n\nThe end came quickly.";
        let parsed = parse(raw).unwrap();
        assert_eq!(
            parsed.paragraphs,
            ["One.", "No one was injured.", "The end came quickly."]
        );
    }
}

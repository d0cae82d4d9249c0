//! Web boilerplate detection: the share buttons, comment prompts, cookie notices and
//! related-link lines that scrapers pick up around an article, recognised by general
//! rules so that a real paragraph, however short, is kept.

use regex::Regex;
use std::sync::LazyLock;

/// Whole-block patterns of page furniture (matched on the lowercased, space-folded block).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:post|leave|add|write)\s+a\s+comment.* | \d*\s*comments? | comments?\s*\(\d+\) | no\s+comments?.*
          | (?:previous|next|older|newer)\s+(?:post|article|story|page)s?.*
          | share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|link))?(?:\s+on\s+\S+)?:?
          | share\s+on\s+.* | share\s+via\s+.* | (?:tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit|pinterest|telegram)
          | subscribe\b.* | sign\s+up\b.* | (?:get|receive)\s+(?:our|the)\s+.*newsletter.* | newsletter\b.*
          | advertisements? | sponsored(?:\s+content)? | (?:paid\s+)?partner\s+content | promoted.*
          | tags?\s*:.* | topics?\s*:.* | filed\s+under\b.* | categor(?:y|ies)\s*:.*
          | follow\s+us\b.* | click\s+here\b.* | skip\s+to\b.* | back\s+to\s+top | loading\.*
          | (?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.* | accept(?:\s+all)?(?:\s+cookies)? | cookie\s+(?:policy|settings|preferences)\b.*
          | privacy\s+policy\b.* | terms\s+(?:of|and)\s+(?:use|service|conditions)\b.*
          | .*all\s+rights\s+reserved.* | ©.* | copyright\b.*
          | (?:photo|image|video|graphic)(?:\s+credits?)?\s*:.* | (?:watch|listen)\s*:.* | (?:download|get)\s+(?:the|our)\s+app\b.*
          | join\s+(?:our|us\s+on)\b.*(?:whatsapp|telegram|channel|community).*
          | (?:reporting|writing|editing|additional\s+reporting)\s+by\b.* | our\s+standards\s*:.*
        )$",
    )
    .expect("furniture pattern compiles")
});

/// Furniture that could also open a sentence ("More in Common said…"), so it is dropped
/// only from blocks that do not end as a sentence does.
static LINK_LINES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            related(?:\s+(?:articles?|stories|posts|news|content|coverage|topics|reading))?\b.*
          | (?:read|see)\s+(?:more|also|next|full)\b.* | also\s+read\b.* | more\s+(?:from|on|in|stories|news)\b.*
          | recommended\b.* | trending\b.* | most\s+(?:read|popular|viewed)\b.* | popular\s+(?:now|stories|posts)\b.*
          | you\s+may\s+(?:also\s+)?like.* | (?:updated|published|posted)\b.*
        )$",
    )
    .expect("link-line pattern compiles")
});

/// Words that make up navigation bars and share rows when they stand alone.
const UI_WORDS: &[&str] = &[
    "previous",
    "next",
    "post",
    "posts",
    "share",
    "shares",
    "comment",
    "comments",
    "reply",
    "like",
    "likes",
    "home",
    "menu",
    "search",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "print",
    "copy",
    "link",
    "subscribe",
    "newer",
    "older",
    "article",
    "articles",
    "views",
    "view",
    "page",
    "top",
    "back",
    "login",
    "log",
    "in",
    "register",
    "more",
    "save",
    "follow",
];

/// Longest block (in characters) that furniture rules may drop; a longer block is prose.
const MAX_FURNITURE_CHARS: usize = 240;

/// True when `block` is page furniture rather than article text.
pub fn is_boilerplate(block: &str) -> bool {
    let folded = fold(block);
    if folded.is_empty() {
        return true;
    }
    if folded.chars().count() <= MAX_FURNITURE_CHARS {
        if FURNITURE.is_match(&folded) {
            return true;
        }
        if !folded.ends_with('.') && LINK_LINES.is_match(&folded) {
            return true;
        }
    }
    only_ui_words(&folded)
}

/// True when a block reads like a sentence: it ends as sentences do, or is long enough
/// to be prose whatever its punctuation.
pub fn reads_as_prose(block: &str) -> bool {
    let trimmed = block.trim_end();
    let ends_like_sentence = trimmed.chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '\u{201D}' | '\u{2019}' | ')' | ':'
        )
    });
    ends_like_sentence || trimmed.split_whitespace().count() >= 16
}

fn fold(block: &str) -> String {
    block
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn only_ui_words(folded: &str) -> bool {
    let mut words = 0;
    for token in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let numeric = token.chars().all(|c| c.is_ascii_digit());
        if !numeric && !UI_WORDS.contains(&token) {
            return false;
        }
        words += 1;
    }
    words > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_page_furniture() {
        for junk in [
            "Post a Comment",
            "Previous Post Next Post  56",
            "Share this article",
            "Share on Facebook",
            "Subscribe to our newsletter",
            "We use cookies to improve your experience. Accept",
            "Related Articles",
            "Read more: Floods hit the coast again",
            "Advertisement",
            "© 2026 Some Daily. All rights reserved.",
            "Tags: floods, Kenya",
            "Reporting by Jane Doe; Editing by John Smith",
            "(Reporting by Jane Doe in London; Editing by Mark Potter)",
            "Our Standards: The Thomson Reuters Trust Principles.",
            "12 Comments",
        ] {
            assert!(is_boilerplate(junk), "{junk:?} should be boilerplate");
        }
    }

    #[test]
    fn keeps_real_paragraphs_however_short() {
        for prose in [
            "The company declined to comment.",
            "No one was injured.",
            "He said the above was his personal opinion.",
            "Share prices fell 4% on Monday after the announcement.",
            "More in Common, a think tank, said the plan was doomed.",
            "Updated figures showed that exports rose.",
            "Subscribers to the service will see their bills rise by a third, the regulator said, in what it called an unavoidable correction.",
        ] {
            assert!(!is_boilerplate(prose), "{prose:?} should be kept");
        }
    }

    #[test]
    fn prose_is_told_from_headings() {
        assert!(reads_as_prose("No one was injured."));
        assert!(!reads_as_prose("Related coverage"));
    }
}

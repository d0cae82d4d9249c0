//! The channel of a statement: "in a post on X", "in an interview on ARY News show ‘11th
//! Hour’", "in a statement", or a platform after the verb ("wrote on X").

use super::*;

pub(super) static CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:in|during|via|through)\s+(?:a|an|the|his|her|its|their)\s+(?:[\p{L}-]+\s+){0,2}?
        (?:post|statement|interview|tweet|press\s+conference|news\s+conference|briefing|speech|letter|
           e-?mail|message|video|column|op-ed|press\s+release|blog|broadcast|podcast|address|hearing|
           testimony|filing|memo|note|appearance|remarks|report|study|analysis|lawsuit|complaint)s?(?-u:\b)",
    )
    .expect("channel pattern compiles")
});

static AFTER_VERB_CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?P<ch>(?:on|via)\s+(?:X|Twitter|Facebook|Instagram|TikTok|Telegram|LinkedIn|YouTube|Threads|social\s+media|state\s+television|television|TV|radio|(?:its|his|her|their)\s+(?:website|blog|account|channel)))(?-u:\b)",
    )
    .expect("platform pattern compiles")
});

/// The channel of a statement in this sentence: "in a post on X", "in an interview on ARY
/// News show ‘11th Hour’", or a platform after the verb ("wrote on X").
pub(super) fn channel(
    masked: &str,
    text: &str,
    sentence_start: usize,
    sentence_end: usize,
) -> Option<String> {
    let sentence = &masked[sentence_start..sentence_end];
    if let Some(m) = CHANNEL.find(sentence) {
        let start = sentence_start + m.start();
        let end = sentence_start + m.end();
        let end = end + extension(&text[end..sentence_end]);
        let mut words: Vec<&str> = text[start..end].split_whitespace().collect();
        while words.last().is_some_and(|w| {
            [
                "a", "an", "the", "in", "on", "at", "with", "to", "by", "for",
            ]
            .contains(&bare(w).as_str())
        }) {
            words.pop();
        }
        return Some(words.join(" "));
    }
    TRIGGER.captures_iter(sentence).find_map(|caps| {
        let verb = caps.name("verb")?;
        let ch = AFTER_VERB_CHANNEL.captures(&sentence[verb.end()..])?;
        Some(format!("{} {}", verb.as_str(), &ch["ch"]))
    })
}

/// How many bytes of `rest` continue a channel phrase: " on ARY News show ‘11th Hour’".
fn extension(rest: &str) -> usize {
    let mut len = 0;
    let mut count = 0;
    let mut previous_capitalised = false;
    for piece in rest.split_inclusive(' ') {
        let word = piece.trim();
        if word.is_empty() {
            len += piece.len();
            continue;
        }
        let b = bare(word);
        // "on ARY News show": a verb form right after a name is a noun of the channel.
        let after_name = std::mem::replace(
            &mut previous_capitalised,
            word.starts_with(char::is_uppercase),
        );
        if count == 0 {
            if !["on", "with", "to", "at", "by", "for"].contains(&b.as_str()) {
                return 0;
            }
        } else if count >= 10
            || [
                "that",
                "yesterday",
                "today",
                "last",
                "earlier",
                "late",
                "ago",
            ]
            .contains(&b.as_str())
            || (is_reporting_verb(&b) && !after_name)
            || TIME_WORDS.contains(&b.as_str())
        {
            break;
        }
        let lead = piece.len() - piece.trim_start().len();
        if let Some(p) = word.find([',', '.', ';', ':', '\u{201C}', '"', '(']) {
            len += lead + p;
            count += 1;
            break;
        }
        len += piece.len();
        count += 1;
    }
    if count < 2 {
        0
    } else {
        len
    }
}

//! Autocomplete for `/ask question`: up to 25 suggestions as the member types, drawn from the
//! topic commands' questions and the story's own speakers, filtered by the words typed so far.
//! Pure in-memory work, far inside Discord's 3-second deadline.

use crate::config::Config;
use crate::StoryIndex;
use std::collections::BTreeSet;

/// Discord's most choices and choice length.
pub const MAX_CHOICES: usize = 25;
/// Longest choice name and value.
pub const MAX_CHOICE_LEN: usize = 100;

/// Suggestion candidates, built once at start.
pub fn candidates(config: &Config, index: &StoryIndex) -> Vec<String> {
    let mut out: Vec<String> = config.commands.iter().map(|c| c.question.clone()).collect();
    let mut speakers = BTreeSet::new();
    for a in &index.library.articles {
        for p in &a.paragraphs {
            if let Some(s) = &p.attribution.speaker {
                let name = s.split(',').next().unwrap_or(s).trim().to_string();
                if speakers.insert(name.clone()) {
                    out.push(format!("What did {} say?", lower_common(&name)));
                }
            }
        }
        out.push(format!("What is the story \"{}\" about?", a.title));
    }
    out.retain(|c| (1..=MAX_CHOICE_LEN).contains(&c.chars().count()));
    let mut seen = BTreeSet::new();
    out.retain(|c| seen.insert(c.to_lowercase()));
    out
}

/// "Officials in Islamabad" reads better mid-sentence as "officials in Islamabad".
fn lower_common(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let proper = first.chars().skip(1).any(char::is_uppercase)
        || rest
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    let first = if proper {
        first.to_string()
    } else {
        first.to_lowercase()
    };
    std::iter::once(first.as_str())
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The choices for what the member has typed so far.
pub fn suggest(candidates: &[String], typed: &str) -> Vec<String> {
    let typed_clean = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<String> = typed_clean
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut out: Vec<String> = Vec::new();
    if !typed_clean.is_empty() {
        out.push(super::text::prefix(&typed_clean, MAX_CHOICE_LEN));
    }
    let matches = |c: &String| {
        let lower = c.to_lowercase();
        words.iter().enumerate().all(|(i, w)| {
            if i + 1 == words.len() {
                lower
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|cw| cw.starts_with(w.trim_matches(|ch: char| !ch.is_alphanumeric())))
            } else {
                lower.contains(w.as_str())
            }
        })
    };
    for c in candidates.iter().filter(|c| matches(c)) {
        if out.len() >= MAX_CHOICES {
            break;
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(c)) {
            out.push(c.clone());
        }
    }
    out
}

/// Speaker choices for `/who-said`: the story's speakers whose name contains what was typed.
pub fn speakers(index: &StoryIndex, typed: &str) -> Vec<String> {
    let want = typed.trim().to_lowercase();
    crate::story::sources(index)
        .into_iter()
        .map(|s| {
            s.name
                .split(',')
                .next()
                .unwrap_or(&s.name)
                .trim()
                .to_string()
        })
        .filter(|n| n.to_lowercase().contains(&want))
        .map(|n| super::text::clip(&n, MAX_CHOICE_LEN))
        .fold(Vec::new(), |mut acc, n| {
            if !acc.contains(&n) {
                acc.push(n);
            }
            acc
        })
        .into_iter()
        .take(MAX_CHOICES)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_filter_by_typed_words_and_fit_discord() {
        let candidates: Vec<String> = vec![
            "Who denied the report?".into(),
            "What is the ISF's mandate?".into(),
            "What did officials say?".into(),
        ];
        assert_eq!(
            suggest(&candidates, "who den"),
            ["who den", "Who denied the report?"]
        );
        assert_eq!(suggest(&candidates, "").len(), 3);
        let long = "x".repeat(300);
        assert!(suggest(&candidates, &long)
            .iter()
            .all(|c| (1..=MAX_CHOICE_LEN).contains(&c.chars().count())));
        assert!(suggest(&candidates, "   ").len() <= MAX_CHOICES);
    }
}

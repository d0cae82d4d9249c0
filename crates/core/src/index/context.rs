//! Context indexed beside each paragraph, at a low weight: the paragraph before it (a news
//! paragraph continues the one before: its subject, its speaker for "He said…" and
//! continuing quotes), and the long form of any acronym the article defines
//! ("International Stabilisation Force (ISF)") where a paragraph uses only one of the forms.

use crate::article::Article;
use regex::Regex;
use std::sync::LazyLock;

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:\p{Lu}[\p{L}’'-]*\s+(?:(?:of|the|and|for|on)\s+)*){1,7})\((\p{Lu}{2,7})\)")
        .expect("acronym pattern compiles")
});

/// Acronyms the article defines, with their long forms.
pub fn acronyms(article: &Article) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in &article.paragraphs {
        for caps in DEFINITION.captures_iter(&p.text) {
            let acronym = caps[2].to_string();
            let words: Vec<&str> = caps[1]
                .split_whitespace()
                .filter(|w| !["of", "the", "and", "for", "on"].contains(w))
                .collect();
            let n = acronym.chars().count();
            if words.len() < n {
                continue;
            }
            let long = &words[words.len() - n..];
            let initials_match = long
                .iter()
                .zip(acronym.chars())
                .all(|(w, c)| w.starts_with(c));
            if initials_match && !out.iter().any(|(a, _)| *a == acronym) {
                out.push((acronym, long.join(" ")));
            }
        }
    }
    out
}

/// The context text for each paragraph of `article`, in order.
pub fn contexts(article: &Article) -> Vec<String> {
    let acronyms = acronyms(article);
    article
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut ctx = Vec::new();
            if i > 0 {
                ctx.push(article.paragraphs[i - 1].text.clone());
            }
            for (acronym, long) in &acronyms {
                let has_short = p
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == acronym);
                let has_long = p.text.contains(long.as_str());
                if has_short && !has_long {
                    ctx.push(long.clone());
                } else if has_long && !has_short {
                    ctx.push(acronym.clone());
                }
            }
            ctx.join("\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleMeta;

    #[test]
    fn acronyms_defined_in_the_article_expand() {
        let article = Article::from_text(
            "t",
            "Head\n\nThe plan sets up the International Stabilisation Force (ISF), made of troops.\n\nThe ISF\u{2019}s mandate would include security.",
            ArticleMeta::default(),
        )
        .unwrap();
        assert_eq!(
            acronyms(&article),
            [(
                "ISF".to_string(),
                "International Stabilisation Force".to_string()
            )]
        );
        let ctx = contexts(&article);
        assert!(
            ctx[0].is_empty(),
            "the first paragraph has no paragraph before it"
        );
        assert!(
            ctx[1].starts_with("The plan sets up"),
            "the paragraph before: {:?}",
            ctx[1]
        );
        assert!(
            ctx[1].ends_with("\nInternational Stabilisation Force"),
            "{:?}",
            ctx[1]
        );
    }
}

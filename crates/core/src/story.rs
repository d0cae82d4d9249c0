//! Walking the story by who said what: its claims beside their responses, everyone quoted
//! (anonymous sources flagged), one speaker's words in order, and what the bot knows
//! (articles, counts, index build). Plain data; every front end renders it.

use crate::dispute::{is_anonymous, Stance};
use crate::{Passage, StoryIndex};
use serde::Serialize;

/// A response to a claim.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Response {
    /// Paragraph number of the response.
    pub paragraph: u32,
    /// Who responded.
    pub speaker: Option<String>,
}

/// One claim and what the article reports in response.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimView {
    /// Article slug.
    pub article: String,
    /// Paragraph number of the claim.
    pub paragraph: u32,
    /// Who made or relayed the claim.
    pub speaker: Option<String>,
    /// The chain the claimant cites.
    pub cited: Vec<String>,
    /// The claim, verbatim.
    pub text: String,
    /// Responses, strongest first; empty when the article reports none.
    pub responses: Vec<Response>,
}

impl ClaimView {
    /// "denied by Information ministry in ¶14", or "no response in the article".
    pub fn status(&self) -> String {
        match self.responses.first() {
            None => "no response in the article".into(),
            Some(r) => {
                let who = r.speaker.as_deref().unwrap_or("the article");
                let others: Vec<String> = self
                    .responses
                    .iter()
                    .skip(1)
                    .map(|r| format!("\u{00B6}{}", r.paragraph))
                    .collect();
                let also = if others.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", others.join(", "))
                };
                format!("denied by {who} in \u{00B6}{}{also}", r.paragraph)
            }
        }
    }
}

/// Every claim of every article, in order.
pub fn claims(index: &StoryIndex) -> Vec<ClaimView> {
    let mut out = Vec::new();
    for a in &index.library.articles {
        for p in a.paragraphs.iter().filter(|p| p.stance == Stance::Claim) {
            out.push(ClaimView {
                article: a.slug.clone(),
                paragraph: p.number,
                speaker: p.attribution.speaker.clone(),
                cited: p.attribution.cited.clone(),
                text: p.text.clone(),
                responses: p
                    .disputed_by
                    .iter()
                    .filter_map(|n| a.paragraph(*n))
                    .map(|r| Response {
                        paragraph: r.number,
                        speaker: r.attribution.speaker.clone(),
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Someone quoted in the story.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    /// The speaker as attributed.
    pub name: String,
    /// True for unnamed sources ("officials familiar with the deliberations").
    pub anonymous: bool,
    /// (article, paragraph) of every paragraph attributed to them, in order.
    pub paragraphs: Vec<(String, u32)>,
}

impl Source {
    /// "¶1 ¶9 ¶10": the paragraphs attributed to them.
    pub fn paragraph_list(&self) -> String {
        self.paragraphs
            .iter()
            .map(|(_, n)| format!("\u{00B6}{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Everyone quoted, most paragraphs first (ties in order of first appearance).
pub fn sources(index: &StoryIndex) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    for a in &index.library.articles {
        for p in &a.paragraphs {
            let Some(name) = &p.attribution.speaker else {
                continue;
            };
            match out.iter_mut().find(|s| &s.name == name) {
                Some(s) => s.paragraphs.push((a.slug.clone(), p.number)),
                None => out.push(Source {
                    name: name.clone(),
                    anonymous: is_anonymous(name),
                    paragraphs: vec![(a.slug.clone(), p.number)],
                }),
            }
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.paragraphs.len()));
    out
}

/// What `speaker` said, in order: paragraphs whose speaker contains it (case-insensitive).
pub fn said_by(index: &StoryIndex, speaker: &str) -> Vec<Passage> {
    let want = speaker.trim().to_lowercase();
    if want.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for a in &index.library.articles {
        for p in &a.paragraphs {
            if p.attribution
                .speaker
                .as_ref()
                .is_some_and(|s| s.to_lowercase().contains(&want))
            {
                out.push(Passage::new(a, p, 0.0, Vec::new()));
            }
        }
    }
    out
}

/// One article as `/about` shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleInfo {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Outlet, when the metadata gives it.
    pub outlet: Option<String>,
    /// Published date, when given.
    pub published: Option<String>,
    /// Url, when given.
    pub url: Option<String>,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// Claims, and how many of them a denial answers.
    pub claims: usize,
    /// Claims answered by a denial in the article.
    pub disputed: usize,
}

/// What the bot knows: articles, index build, version.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct About {
    /// storybot's version.
    pub version: String,
    /// Articles indexed.
    pub articles: Vec<ArticleInfo>,
    /// Total paragraphs.
    pub paragraphs: usize,
    /// Content hash of the articles (what a redeploy changes).
    pub content_hash: String,
    /// When the index was built, seconds since the Unix epoch.
    pub built_at: u64,
    /// The index schema version.
    pub schema_version: u32,
    /// Which ranking answers questions: hybrid (with the embedding model) or lexical.
    pub ranking: String,
}

/// What the bot knows.
pub fn about(index: &StoryIndex) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        articles: index
            .library
            .articles
            .iter()
            .map(|a| ArticleInfo {
                slug: a.slug.clone(),
                title: a.title.clone(),
                outlet: a.meta.outlet.clone(),
                published: a.meta.published.clone(),
                url: a.meta.url.clone(),
                paragraphs: a.paragraphs.len(),
                claims: a
                    .paragraphs
                    .iter()
                    .filter(|p| p.stance == Stance::Claim)
                    .count(),
                disputed: a
                    .paragraphs
                    .iter()
                    .filter(|p| p.stance == Stance::Claim && !p.disputed_by.is_empty())
                    .count(),
            })
            .collect(),
        paragraphs: index.library.paragraph_count(),
        content_hash: index.library.content_hash.clone(),
        built_at: index.info.built_at,
        schema_version: index.info.version,
        ranking: index.ranking(),
    }
}

/// A Unix time as "2026-11-24 04:31 UTC".
pub fn utc(secs: u64) -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    i64::try_from(secs)
        .ok()
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| t.format(FORMAT).ok())
        .unwrap_or_else(|| format!("{secs} s after 1970 UTC"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_795_493_037), "2026-11-24 04:03 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
    }
}

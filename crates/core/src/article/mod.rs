//! Articles in, paragraphs out: loads every `<slug>.txt` under `<data>/articles`, drops web
//! boilerplate, numbers the body paragraphs from 1, attributes each one, and hashes the
//! whole collection so the index knows when it is stale.

mod boilerplate;
mod meta;
mod parse;

pub use boilerplate::is_boilerplate;
pub use meta::{ArticleMeta, ParagraphOverride};
pub use parse::{dateline_of, display_title, parse, Parsed};

use crate::attribution::{attribute_all, Attribution};
use crate::dispute::{self, Stance};
use crate::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One body paragraph with its attribution.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paragraph {
    /// Number from 1, headline excluded.
    pub number: u32,
    /// The paragraph exactly as the article has it.
    pub text: String,
    /// Who says it, citing whom, and how.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// Claim, denial, position or background.
    pub stance: Stance,
    /// For a claim: the denials that answer it, strongest first.
    pub disputed_by: Vec<u32>,
    /// For a denial: the claims it answers.
    pub disputes: Vec<u32>,
}

/// A parsed, attributed article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    /// The file stem, which names the article in every answer.
    pub slug: String,
    /// The title to show: the metadata's override, else the headline (title-cased if all caps).
    pub title: String,
    /// The headline as written.
    pub headline: String,
    /// The byline, when the article has one.
    pub byline: Option<String>,
    /// The wire dateline of the first paragraph, when there is one.
    pub dateline: Option<String>,
    /// Editor-supplied metadata.
    pub meta: ArticleMeta,
    /// Body paragraphs; paragraph n is `paragraphs[n - 1]`.
    pub paragraphs: Vec<Paragraph>,
}

impl Article {
    /// Builds an article from its raw text and optional metadata.
    pub fn from_text(slug: &str, raw: &str, meta: ArticleMeta) -> Option<Article> {
        let parsed = parse(raw)?;
        let bodies: Vec<&str> = parsed
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| match (i, dateline_of(p)) {
                (0, Some((_, start))) => &p[start..],
                _ => p.as_str(),
            })
            .collect();
        let mut attributions = attribute_all(&bodies);
        for o in &meta.paragraphs {
            if let Some(a) = attributions.get_mut(o.n as usize - 1) {
                o.apply_to(a);
            }
        }
        let mut stances: Vec<Stance> = Vec::with_capacity(attributions.len());
        for (text, a) in parsed.paragraphs.iter().zip(&attributions) {
            stances.push(dispute::classify(text, a, stances.last().copied()));
        }
        for o in &meta.paragraphs {
            if let (Some(s), Some(slot)) = (o.stance, stances.get_mut(o.n as usize - 1)) {
                *slot = s;
            }
        }
        let items: Vec<dispute::Item> = parsed
            .paragraphs
            .iter()
            .zip(&attributions)
            .zip(&stances)
            .map(|((text, attribution), stance)| dispute::Item {
                text,
                attribution,
                stance: *stance,
            })
            .collect();
        let mut links = dispute::link(&items);
        for o in &meta.paragraphs {
            if let Some(by) = &o.disputed_by {
                set_disputed_by(&mut links, o.n, by);
            }
        }
        let paragraphs = parsed
            .paragraphs
            .into_iter()
            .zip(attributions)
            .zip(stances)
            .zip(links)
            .enumerate()
            .map(
                |(i, (((text, attribution), stance), (disputed_by, disputes)))| Paragraph {
                    number: i as u32 + 1,
                    text,
                    attribution,
                    stance,
                    disputed_by,
                    disputes,
                },
            )
            .collect();
        Some(Article {
            slug: slug.to_string(),
            title: meta
                .title
                .clone()
                .unwrap_or_else(|| display_title(&parsed.headline)),
            headline: parsed.headline,
            byline: parsed.byline,
            dateline: parsed.dateline,
            meta,
            paragraphs,
        })
    }

    /// Paragraph `n` (from 1), if the article has it.
    pub fn paragraph(&self, n: u32) -> Option<&Paragraph> {
        self.paragraphs.get((n as usize).checked_sub(1)?)
    }
}

/// Every article of a data folder, with a hash of their content.
#[derive(Debug, Clone)]
pub struct Library {
    /// The data folder (holding `articles/`).
    pub data_dir: PathBuf,
    /// Articles sorted by slug.
    pub articles: Vec<Article>,
    /// SHA-256 over every article and metadata file, hex.
    pub content_hash: String,
}

impl Library {
    /// Loads every article under `<data_dir>/articles`.
    pub fn load(data_dir: &Path) -> Result<Library> {
        let dir = data_dir.join("articles");
        if !dir.is_dir() {
            return Err(Error::MissingArticles { path: dir });
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io("cannot list articles in", &dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::NoArticles { path: dir });
        }
        let mut hasher = Sha256::new();
        let mut articles = Vec::with_capacity(files.len());
        for path in files {
            let slug = path
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or_else(|| bad(&path, "the file name is not valid UTF-8; rename it"))?
                .to_string();
            let bytes =
                std::fs::read(&path).map_err(|e| Error::io("cannot read article", &path, e))?;
            let raw = article_text(&path, &bytes)?;
            let meta_path = path.with_extension("toml");
            let (meta, meta_raw) = ArticleMeta::load(&meta_path)?.unwrap_or_default();
            let article = Article::from_text(&slug, raw, meta).ok_or_else(|| {
                bad(
                    &path,
                    "has a headline but no body paragraph: separate paragraphs with blank lines",
                )
            })?;
            article.meta.check(&meta_path, article.paragraphs.len())?;
            for part in [slug.as_bytes(), &bytes, meta_raw.as_bytes()] {
                hasher.update((part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
            articles.push(article);
        }
        Ok(Library {
            data_dir: data_dir.to_path_buf(),
            articles,
            content_hash: crate::embed::hex(&hasher.finalize()),
        })
    }

    /// A library of articles built in memory (generated corpora, tests); the hash covers
    /// every paragraph's text.
    pub fn from_articles(data_dir: &Path, mut articles: Vec<Article>) -> Library {
        articles.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut hasher = Sha256::new();
        for a in &articles {
            hasher.update(a.slug.as_bytes());
            for p in &a.paragraphs {
                hasher.update(p.text.as_bytes());
            }
        }
        Library {
            data_dir: data_dir.to_path_buf(),
            articles,
            content_hash: crate::embed::hex(&hasher.finalize()),
        }
    }

    /// The article named `slug`.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// Total number of body paragraphs across all articles.
    pub fn paragraph_count(&self) -> usize {
        self.articles.iter().map(|a| a.paragraphs.len()).sum()
    }
}

/// Replaces the rules' rebuttals of claim `n` with an editor's list, keeping both directions.
fn set_disputed_by(links: &mut [(Vec<u32>, Vec<u32>)], n: u32, by: &[u32]) {
    let Some(i) = (n as usize).checked_sub(1).filter(|i| *i < links.len()) else {
        return;
    };
    for old in std::mem::take(&mut links[i].0) {
        if let Some(d) = links.get_mut(old as usize - 1) {
            d.1.retain(|c| *c != n);
        }
    }
    links[i].0 = by.to_vec();
    for d in by {
        if let Some(slot) = links.get_mut(*d as usize - 1) {
            if !slot.1.contains(&n) {
                slot.1.push(n);
            }
        }
    }
}

fn article_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.contains(&0) {
        return Err(bad(
            path,
            "looks binary (it has NUL bytes): articles must be UTF-8 text",
        ));
    }
    let raw = std::str::from_utf8(bytes)
        .map_err(|e| bad(path, &format!("is not UTF-8 text ({e}): save it as UTF-8")))?;
    if raw.trim().is_empty() {
        return Err(bad(
            path,
            "is empty: put the headline, a blank line, then the paragraphs",
        ));
    }
    Ok(raw.strip_prefix('\u{feff}').unwrap_or(raw))
}

fn bad(path: &Path, reason: &str) -> Error {
    Error::BadArticle {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The denial forms (sentences written for this test, gold decided before the
    /// rules): nominal, infinitival and "dismissed … as", each a denial with its speaker.
    #[test]
    fn nominal_infinitival_and_dismissive_denials() {
        let raw = "Ministry denies fund report\n\n\
            The Daily Ledger reported on Monday that the finance ministry would cut the pension fund by 10 billion dollars.\n\n\
            The report came despite denials by Finance Minister John Roe that any cut was planned.\n\n\
            Officials at the ministry were at pains to deny that the fund would shrink.\n\n\
            A spokeswoman for the ministry dismissed the report as speculation.\n";
        let a = Article::from_text("d", raw, Default::default()).unwrap();
        let p = |n: u32| a.paragraph(n).unwrap();
        assert_eq!(p(1).stance, crate::dispute::Stance::Claim);
        let expected = [
            (2, "John Roe"),
            (3, "Officials at the ministry"),
            (4, "A spokeswoman for the ministry"),
        ];
        for (n, who) in expected {
            let speaker = p(n).attribution.speaker.clone().unwrap_or_default();
            assert!(speaker.contains(who), "¶{n}: {speaker:?} is not {who:?}");
            assert_eq!(p(n).stance, crate::dispute::Stance::Denial, "¶{n}");
        }
    }
}

//! Optional per-article metadata, read from `<slug>.toml` beside the article: outlet, url,
//! published date, a title override, and per-paragraph attribution overrides.
//! Nothing is invented when the file is absent.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Metadata an editor may give for an article.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The publication ("Dawn", "Reuters").
    pub outlet: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// When it was published, as written ("2025-10-28").
    pub published: Option<String>,
    /// A title to show instead of the headline.
    pub title: Option<String>,
    /// Attribution overrides for single paragraphs.
    #[serde(default, rename = "paragraph")]
    pub paragraphs: Vec<ParagraphOverride>,
}

/// An editor's correction of one paragraph's attribution; unset fields keep the rules' result.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ParagraphOverride {
    /// The paragraph number, from 1.
    pub n: u32,
    /// Who speaks; an empty string means the article's own voice.
    pub speaker: Option<String>,
    /// The chain of sources the speaker relies on, outermost first.
    pub cited: Option<Vec<String>>,
    /// The reporting verb or channel.
    pub how: Option<String>,
    /// The paragraph's stance: claim, denial, position or background.
    pub stance: Option<crate::dispute::Stance>,
    /// For a claim: the paragraphs that rebut it, strongest first (replaces the rules' links).
    pub disputed_by: Option<Vec<u32>>,
}

impl ParagraphOverride {
    /// Applies this correction to the rules' attribution of its paragraph (here, in
    /// `article`, so that attribution takes plain data and knows nothing of metadata).
    pub fn apply_to(&self, a: &mut crate::attribution::Attribution) {
        if let Some(speaker) = &self.speaker {
            a.speaker = (!speaker.trim().is_empty()).then(|| speaker.trim().to_string());
            a.carried = false;
        }
        if let Some(cited) = &self.cited {
            a.cited = cited.clone();
        }
        if let Some(how) = &self.how {
            a.how = (!how.trim().is_empty()).then(|| how.trim().to_string());
        }
    }
}

impl ArticleMeta {
    /// Reads `path` when it exists; an absent file means no metadata.
    pub fn load(path: &Path) -> Result<Option<(Self, String)>> {
        let raw = match std::fs::read_to_string(path) {
            Ok(raw) => raw,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(Error::io("cannot read article metadata", path, err)),
        };
        let meta: ArticleMeta = toml::from_str(&raw).map_err(|err| Error::BadMetadata {
            path: path.to_path_buf(),
            reason: format!(
                "{}: fix the TOML (keys: outlet, url, published, title, [[paragraph]] with n, speaker, cited, how, stance, disputed_by)",
                err.message()
            ),
        })?;
        Ok(Some((meta, raw)))
    }

    /// Checks that every override names a paragraph the article has.
    pub fn check(&self, path: &Path, paragraph_count: usize) -> Result<()> {
        for o in &self.paragraphs {
            let out_of_range = |n: u32| n == 0 || n as usize > paragraph_count;
            if let Some(bad) = o.disputed_by.iter().flatten().find(|n| out_of_range(**n)) {
                return Err(Error::BadMetadata {
                    path: path.to_path_buf(),
                    reason: format!(
                        "paragraph.disputed_by of paragraph {} names paragraph {bad}: the article has paragraphs 1 to {paragraph_count}",
                        o.n
                    ),
                });
            }
            if out_of_range(o.n) {
                return Err(Error::BadMetadata {
                    path: path.to_path_buf(),
                    reason: format!(
                        "paragraph.n = {}: the article has paragraphs 1 to {paragraph_count}; fix or remove this override",
                        o.n
                    ),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_overrides_and_rejects_unknown_keys() {
        let meta: ArticleMeta = toml::from_str(
            "outlet = \"Dawn\"\n[[paragraph]]\nn = 4\nspeaker = \"First Post\"\ncited = [\"CNN-News 18\"]\n",
        )
        .unwrap();
        assert_eq!(meta.outlet.as_deref(), Some("Dawn"));
        assert_eq!(
            meta.paragraphs[0].cited.as_deref(),
            Some(&["CNN-News 18".to_string()][..])
        );
        assert!(toml::from_str::<ArticleMeta>("outlett = \"x\"").is_err());
    }
}

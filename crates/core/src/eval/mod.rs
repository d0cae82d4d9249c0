//! Measuring ranking against a question set: JSON lines of `{"q": question, "gold": [paragraph
//! numbers]}` where `gold: []` means the article cannot answer. Reports top-1 and top-3
//! accuracy on answerable questions, how many of them were refused or marked unsure, and
//! how out-of-story questions were handled (refused, or answered only as unsure); speaker
//! accuracy against gold attribution; and stance against a reader's gold (`stances.rs`).

mod stances;

pub use stances::{score_stances, stance_sets, GoldStance, StanceGold, StanceReport, Tally};

use crate::{answer, AskOptions, Error, Result, StoryIndex};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One question with the paragraphs that answer it.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The question.
    pub q: String,
    /// Paragraphs that answer it; empty when the article cannot.
    pub gold: Vec<u32>,
    /// The article the gold paragraphs belong to; any article when absent.
    #[serde(default)]
    pub article: Option<String>,
}

/// How one question fared.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The question.
    pub q: String,
    /// The gold paragraphs.
    pub gold: Vec<u32>,
    /// The paragraphs answered, best first.
    pub got: Vec<u32>,
    /// Right for this question: gold first (answerable), or no answer (unanswerable).
    pub top1: bool,
    /// A gold paragraph in the first three (answerable), or no answer (unanswerable).
    pub top3: bool,
    /// Answered, but marked "not sure".
    pub unsure: bool,
}

/// Scores over a question set.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    /// Answerable questions.
    pub answerable: usize,
    /// Answerable questions with a gold paragraph first.
    pub top1: usize,
    /// Answerable questions with a gold paragraph in the first three.
    pub top3: usize,
    /// Unanswerable questions.
    pub unanswerable: usize,
    /// Unanswerable questions that got no answer.
    pub abstained: usize,
    /// Answerable questions wrongly given no answer.
    pub wrongly_abstained: usize,
    /// Answerable questions answered but marked "not sure".
    pub answerable_unsure: usize,
    /// Unanswerable questions answered but marked "not sure".
    pub unanswerable_unsure: usize,
    /// Every question's outcome.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// Top-1 accuracy on answerable questions.
    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.answerable)
    }
    /// Top-3 accuracy on answerable questions.
    pub fn top3_rate(&self) -> f64 {
        ratio(self.top3, self.answerable)
    }
    /// Share of unanswerable questions answered with "the article doesn't say".
    pub fn abstention_rate(&self) -> f64 {
        ratio(self.abstained, self.unanswerable)
    }

    /// Adds another report's counts (and outcomes) to this one.
    pub fn add(&mut self, other: Report) {
        self.answerable += other.answerable;
        self.top1 += other.top1;
        self.top3 += other.top3;
        self.unanswerable += other.unanswerable;
        self.abstained += other.abstained;
        self.wrongly_abstained += other.wrongly_abstained;
        self.answerable_unsure += other.answerable_unsure;
        self.unanswerable_unsure += other.unanswerable_unsure;
        self.outcomes.extend(other.outcomes);
    }

    /// One line: top-1, top-3, answerable refused and unsure, out-of-story handling.
    pub fn summary(&self) -> String {
        let pct = |a: usize, b: usize| ratio(a, b) * 100.0;
        format!(
            "top-1 {}/{} ({:.0}%), top-3 {}/{} ({:.0}%), answerable refused {} ({:.0}%) and unsure {} ({:.0}%), out-of-story refused {}/{} and unsure {} ({:.0}% refused or unsure)",
            self.top1,
            self.answerable,
            pct(self.top1, self.answerable),
            self.top3,
            self.answerable,
            pct(self.top3, self.answerable),
            self.wrongly_abstained,
            pct(self.wrongly_abstained, self.answerable),
            self.answerable_unsure,
            pct(self.answerable_unsure, self.answerable),
            self.abstained,
            self.unanswerable,
            self.unanswerable_unsure,
            pct(self.abstained + self.unanswerable_unsure, self.unanswerable),
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Reads a JSON-lines question set.
pub fn load_cases(path: &Path) -> Result<Vec<Case>> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| Error::io("cannot read question set", path, e))?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::BadArticle {
                path: path.to_path_buf(),
                reason: format!(
                    "line {}: {e}: each line must be {{\"q\": \"…\", \"gold\": [numbers]}}",
                    i + 1
                ),
            })
        })
        .collect()
}

/// Runs every case against the index; an error when the index cannot be searched.
pub fn run(index: &StoryIndex, cases: &[Case]) -> Result<Report> {
    let mut r = Report::default();
    for case in cases {
        let opts = AskOptions {
            limit: 3,
            speaker: None,
            article: case.article.clone(),
        };
        let a = answer(&case.q, index, &opts)?;
        let got: Vec<u32> = a.answers.iter().map(|p| p.paragraph).collect();
        let unsure = a.is_unsure();
        let (top1, top3) = if case.gold.is_empty() {
            r.unanswerable += 1;
            r.unanswerable_unsure += usize::from(unsure);
            let ok = got.is_empty();
            r.abstained += usize::from(ok);
            (ok, ok)
        } else {
            r.answerable += 1;
            let t1 = got.first().is_some_and(|g| case.gold.contains(g));
            let t3 = got.iter().take(3).any(|g| case.gold.contains(g));
            r.top1 += usize::from(t1);
            r.top3 += usize::from(t3);
            r.wrongly_abstained += usize::from(got.is_empty());
            r.answerable_unsure += usize::from(unsure);
            (t1, t3)
        };
        r.outcomes.push(Outcome {
            q: case.q.clone(),
            gold: case.gold.clone(),
            got,
            top1,
            top3,
            unsure,
        });
    }
    Ok(r)
}

/// The article/question-set pairs in a folder like `shared/eval/unseen` (every `<slug>.txt`
/// with a `<slug>.qa.jsonl` beside it) or like `tests/fixtures` (`eval/<slug>.jsonl` with
/// `articles/<slug>.txt`), as (slug, article text, questions), sorted by slug.
pub fn unseen_sets(dir: &Path) -> Result<Vec<(String, String, Vec<Case>)>> {
    beside_articles(dir, "eval", ".jsonl", ".qa.jsonl")?
        .into_iter()
        .map(|(slug, text, path)| Ok((slug, text, load_cases(&path)?)))
        .collect()
}

/// Every companion file of an article in `dir`, as (slug, article text, companion path)
/// sorted by slug: `<folder>/<slug><suffix>` with `articles/<slug>.txt` when `dir` holds both
/// folders (the `tests/fixtures` layout), else `<slug><flat_suffix>` beside `<slug>.txt`.
fn beside_articles(
    dir: &Path,
    folder: &str,
    suffix: &str,
    flat_suffix: &str,
) -> Result<Vec<(String, String, std::path::PathBuf)>> {
    let (companions, articles, suffix) =
        if dir.join(folder).is_dir() && dir.join("articles").is_dir() {
            (dir.join(folder), dir.join("articles"), suffix)
        } else {
            (dir.to_path_buf(), dir.to_path_buf(), flat_suffix)
        };
    let entries = std::fs::read_dir(&companions)
        .map_err(|e| Error::io("cannot read evaluation folder", &companions, e))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(slug) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(suffix))
        else {
            continue;
        };
        let article = articles.join(format!("{slug}.txt"));
        let text = std::fs::read_to_string(&article)
            .map_err(|e| Error::io("cannot read article", &article, e))?;
        out.push((slug.to_string(), text, path));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Writes one JSON line per (question, candidate) with the hybrid ranking's features and
/// whether the candidate is a gold paragraph, for `scripts/fit-ranking.py`.
pub fn write_features(
    out: &mut impl std::io::Write,
    set: &str,
    index: &StoryIndex,
    cases: &[Case],
) -> Result<()> {
    for (qi, case) in cases.iter().enumerate() {
        let opts = AskOptions {
            limit: 3,
            speaker: None,
            article: case.article.clone(),
        };
        for (slug, n, x, p) in crate::rank::features(&case.q, index, &opts)? {
            let gold = case.gold.contains(&n) && case.article.as_ref().is_none_or(|a| *a == slug);
            let line = serde_json::json!({
                "set": set, "q": qi, "answerable": !case.gold.is_empty(),
                "paragraph": n, "gold": gold, "x": x, "p": p,
            });
            writeln!(out, "{line}")
                .map_err(|e| Error::io("cannot write features", "features", e))?;
        }
    }
    Ok(())
}

/// Gold attribution for one article: `{"paragraphs": [{n, speaker, speaker_keys, cited}]}`,
/// the format of `shared/eval/unseen/*.gold.json` and `tests/fixtures/expected/*.gold.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct SpeakerGold {
    /// One entry per body paragraph.
    pub paragraphs: Vec<GoldParagraph>,
}

/// Who a careful reader says makes the statement in one paragraph.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldParagraph {
    /// The paragraph number, from 1.
    pub n: u32,
    /// The speaker as the reader wrote it; `None` for the article's own voice.
    pub speaker: Option<String>,
    /// Lowercase pieces any acceptable speaker string contains; empty for the own voice.
    #[serde(default)]
    pub speaker_keys: Vec<String>,
    /// The chain of sources the speaker relies on.
    #[serde(default)]
    pub cited: Vec<String>,
}

/// Speaker accuracy on one article (or, added up, on several).
#[derive(Debug, Clone, Serialize, Default)]
pub struct SpeakerReport {
    /// Paragraphs with gold.
    pub paragraphs: usize,
    /// Paragraphs whose speaker matches the gold (own voice for own voice).
    pub right: usize,
    /// Cited entries the engine gave that match no gold source of that paragraph.
    pub cited_extra: usize,
    /// Gold cited sources the engine did not give.
    pub cited_missing: usize,
    /// One line per wrong paragraph.
    pub misses: Vec<String>,
}

impl SpeakerReport {
    /// Share of paragraphs with the right speaker.
    pub fn rate(&self) -> f64 {
        ratio(self.right, self.paragraphs)
    }

    /// Adds another report's counts (and misses) to this one.
    pub fn add(&mut self, other: SpeakerReport) {
        self.paragraphs += other.paragraphs;
        self.right += other.right;
        self.cited_extra += other.cited_extra;
        self.cited_missing += other.cited_missing;
        self.misses.extend(other.misses);
    }

    /// "speaker 17/18 (94%), cited: 0 extra, 1 missing".
    pub fn summary(&self) -> String {
        format!(
            "speaker {}/{} ({:.0}%), cited: {} extra, {} missing",
            self.right,
            self.paragraphs,
            100.0 * self.rate(),
            self.cited_extra,
            self.cited_missing
        )
    }
}

/// Scores an article's attribution against gold.
pub fn score_speakers(article: &crate::article::Article, gold: &SpeakerGold) -> SpeakerReport {
    let mut report = SpeakerReport::default();
    let same = |a: &str, b: &str| {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a.contains(&b) || b.contains(&a)
    };
    for g in &gold.paragraphs {
        report.paragraphs += 1;
        let got = article.paragraph(g.n).map(|p| &p.attribution);
        let speaker = got.and_then(|a| a.speaker.as_deref());
        let right = match (g.speaker_keys.is_empty(), speaker) {
            (true, None) => true,
            (false, Some(s)) => {
                let s = s.to_lowercase();
                g.speaker_keys.iter().any(|k| s.contains(k.as_str()))
            }
            _ => false,
        };
        let cited: &[String] = got.map_or(&[], |a| a.cited.as_slice());
        let extra = cited
            .iter()
            .filter(|c| !g.cited.iter().any(|w| same(c, w)))
            .count();
        let missing = g
            .cited
            .iter()
            .filter(|w| !cited.iter().any(|c| same(c, w)))
            .count();
        report.cited_extra += extra;
        report.cited_missing += missing;
        if right {
            report.right += 1;
        }
        if !right || extra > 0 || missing > 0 {
            report.misses.push(format!(
                "{}¶{}: want {:?} citing {:?}, got {:?} citing {:?}",
                if right { "(cited) " } else { "" },
                g.n,
                g.speaker,
                g.cited,
                speaker,
                cited
            ));
        }
    }
    report
}

/// The articles with gold attribution in a folder, as (slug, article text, gold), sorted by
/// slug: `<slug>.txt` beside `<slug>.gold.json`, or `articles/<slug>.txt` with
/// `expected/<slug>.gold.json`.
pub fn speaker_sets(dir: &Path) -> Result<GoldSets<SpeakerGold>> {
    gold_sets(
        dir,
        "expected",
        ".gold.json",
        "gold attribution is not {\"paragraphs\": [{n, speaker, speaker_keys, cited}]}",
    )
}

/// Articles with their gold, as (slug, article text, gold), sorted by slug.
pub type GoldSets<G> = Vec<(String, String, G)>;

/// Every article in `dir` with its gold of type `G`, read from `<folder>/<slug><suffix>` (or
/// `<slug><suffix>` beside `<slug>.txt`); `shape` says what a file that does not parse should
/// hold.
fn gold_sets<G: serde::de::DeserializeOwned>(
    dir: &Path,
    folder: &str,
    suffix: &str,
    shape: &str,
) -> Result<GoldSets<G>> {
    beside_articles(dir, folder, suffix, suffix)?
        .into_iter()
        .map(|(slug, text, path)| {
            let raw = std::fs::read_to_string(&path)
                .map_err(|e| Error::io("cannot read gold", &path, e))?;
            let gold: G = serde_json::from_str(&raw).map_err(|e| Error::BadArticle {
                path: path.clone(),
                reason: format!("{shape}: {e}"),
            })?;
            Ok((slug, text, gold))
        })
        .collect()
}

/// A per-article report against gold that adds up over articles (`eval --speakers`,
/// `eval --stances`).
pub trait GoldReport: Default {
    /// Adds another article's report to this one.
    fn add(&mut self, other: Self);
    /// One line of figures.
    fn summary(&self) -> String;
    /// One line per disagreement.
    fn misses(&self) -> &[String];
}

impl GoldReport for SpeakerReport {
    fn add(&mut self, other: Self) {
        SpeakerReport::add(self, other);
    }
    fn summary(&self) -> String {
        SpeakerReport::summary(self)
    }
    fn misses(&self) -> &[String] {
        &self.misses
    }
}

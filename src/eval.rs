//! Measuring ranking against a question set: JSON lines of `{"q": question, "gold": [paragraph
//! numbers]}` where `gold: []` means the article cannot answer. Reports top-1 and top-3
//! accuracy on answerable questions and abstention on unanswerable ones.

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
}

/// Scores over a question set.
#[derive(Debug, Clone, Serialize)]
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

/// Runs every case against the index.
pub fn run(index: &StoryIndex, cases: &[Case]) -> Report {
    let mut r = Report {
        answerable: 0,
        top1: 0,
        top3: 0,
        unanswerable: 0,
        abstained: 0,
        wrongly_abstained: 0,
        outcomes: Vec::new(),
    };
    for case in cases {
        let opts = AskOptions {
            limit: 3,
            speaker: None,
            article: case.article.clone(),
        };
        let a = answer(&case.q, index, &opts);
        let got: Vec<u32> = a.answers.iter().map(|p| p.paragraph).collect();
        let (top1, top3) = if case.gold.is_empty() {
            r.unanswerable += 1;
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
            (t1, t3)
        };
        r.outcomes.push(Outcome {
            q: case.q.clone(),
            gold: case.gold.clone(),
            got,
            top1,
            top3,
        });
    }
    r
}

//! Measuring stance against gold a careful reader wrote: `stance/<slug>.stance.json` beside
//! `articles/<slug>.txt` (or `<slug>.stance.json` beside `<slug>.txt`), one entry per
//! paragraph, `{n, stance: "denial" | "claim" | "other", rebuts: [paragraphs]}`. Reports how
//! many gold denials and claims the rules find, how many they tag that the reader did not,
//! and for how many denials that rebut another paragraph the rules link at least one of them
//! (a claim stated inside the denial's own paragraph links nothing).

use super::{gold_sets, GoldReport, GoldSets};
use crate::article::Article;
use crate::dispute::Stance;
use crate::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A reader's stance gold for one article.
#[derive(Debug, Clone, Deserialize)]
pub struct StanceGold {
    /// Every paragraph's stance, in order.
    pub paragraphs: Vec<GoldStance>,
}

/// One paragraph's stance as the reader saw it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldStance {
    /// The paragraph number, from 1.
    pub n: u32,
    /// "denial", "claim" or "other".
    pub stance: String,
    /// For a denial: the paragraphs stating what it rebuts.
    #[serde(default)]
    pub rebuts: Vec<u32>,
}

/// How one kind of stance fared: paragraphs the reader gave it, the rules gave it, and both.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Tally {
    /// Paragraphs the reader gave this stance.
    pub gold: usize,
    /// Paragraphs the rules gave it.
    pub tagged: usize,
    /// Paragraphs both gave it.
    pub right: usize,
}

impl Tally {
    fn count(&mut self, want: bool, got: bool) {
        self.gold += usize::from(want);
        self.tagged += usize::from(got);
        self.right += usize::from(want && got);
    }

    fn add(&mut self, other: Tally) {
        self.gold += other.gold;
        self.tagged += other.tagged;
        self.right += other.right;
    }

    /// "found 5/6, 5 of 7 tagged right".
    fn summary(&self) -> String {
        format!(
            "found {}/{}, {} of {} tagged right",
            self.right, self.gold, self.right, self.tagged
        )
    }
}

/// Stance agreement on one article (or, added up, on several).
#[derive(Debug, Clone, Serialize, Default)]
pub struct StanceReport {
    /// Denials.
    pub denials: Tally,
    /// Claims.
    pub claims: Tally,
    /// Gold denials that rebut another paragraph of the article.
    pub to_link: usize,
    /// Of those, the ones the rules tag a denial and link to one of the rebutted paragraphs.
    pub linked: usize,
    /// One line per disagreement.
    pub misses: Vec<String>,
}

impl StanceReport {
    /// Adds another report's counts (and misses) to this one.
    pub fn add(&mut self, other: StanceReport) {
        self.denials.add(other.denials);
        self.claims.add(other.claims);
        self.to_link += other.to_link;
        self.linked += other.linked;
        self.misses.extend(other.misses);
    }

    /// "denials: found 5/6, 5 of 7 tagged right; claims: …; denials linked … 3/4".
    pub fn summary(&self) -> String {
        format!(
            "denials: {}; claims: {}; denials linked to what they rebut {}/{}",
            self.denials.summary(),
            self.claims.summary(),
            self.linked,
            self.to_link
        )
    }
}

/// Scores an article's stances and dispute links against gold.
pub fn score_stances(article: &Article, gold: &StanceGold) -> StanceReport {
    let mut report = StanceReport::default();
    for g in &gold.paragraphs {
        let Some(p) = article.paragraph(g.n) else {
            report.misses.push(format!("¶{}: not in the article", g.n));
            continue;
        };
        let (want_denial, got_denial) = (g.stance == "denial", p.stance == Stance::Denial);
        let (want_claim, got_claim) = (g.stance == "claim", p.stance == Stance::Claim);
        report.denials.count(want_denial, got_denial);
        report.claims.count(want_claim, got_claim);
        // Links join paragraphs: a claim the denial itself states is not counted.
        let rebuts: Vec<u32> = g.rebuts.iter().copied().filter(|&r| r != g.n).collect();
        if want_denial && !rebuts.is_empty() {
            report.to_link += 1;
            let linked = got_denial && p.disputes.iter().any(|d| rebuts.contains(d));
            report.linked += usize::from(linked);
            if !linked {
                report.misses.push(format!(
                    "¶{}: rebuts {:?}, linked to {:?}",
                    g.n, rebuts, p.disputes
                ));
            }
        }
        if want_denial != got_denial || want_claim != got_claim {
            report.misses.push(format!(
                "¶{}: want {}, got {}",
                g.n,
                g.stance,
                p.stance.as_str()
            ));
        }
    }
    report
}

/// The articles with stance gold in a folder, as (slug, article text, gold), sorted by slug.
pub fn stance_sets(dir: &Path) -> Result<GoldSets<StanceGold>> {
    gold_sets(
        dir,
        "stance",
        ".stance.json",
        "stance gold is not {\"paragraphs\": [{n, stance, rebuts}]}",
    )
}

impl GoldReport for StanceReport {
    fn add(&mut self, other: Self) {
        StanceReport::add(self, other);
    }
    fn summary(&self) -> String {
        StanceReport::summary(self)
    }
    fn misses(&self) -> &[String] {
        &self.misses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_is_found_and_linked_to_the_claim_it_rebuts() {
        let text = "Harbour deal denied\n\nThe Courier reported that the port would be sold to a foreign buyer, citing people familiar with the talks.\n\nThe harbour board denied the report, calling it \u{201C}baseless.\u{201D}\n\nThe board meets again in May.\n";
        let article = Article::from_text("t", text, Default::default()).unwrap();
        let gold: StanceGold = serde_json::from_str(
            r#"{"paragraphs": [{"n": 1, "stance": "claim"}, {"n": 2, "stance": "denial", "rebuts": [1]}, {"n": 3, "stance": "other"}]}"#,
        )
        .unwrap();
        let r = score_stances(&article, &gold);
        let one = Tally {
            gold: 1,
            tagged: 1,
            right: 1,
        };
        assert_eq!(r.denials, one, "{:?}", r.misses);
        assert_eq!((r.to_link, r.linked), (1, 1), "{:?}", r.misses);
        assert_eq!(r.claims.gold, 1);
        let wrong: StanceGold = serde_json::from_str(
            r#"{"paragraphs": [{"n": 1, "stance": "other"}, {"n": 2, "stance": "other"}, {"n": 3, "stance": "denial", "rebuts": [1]}]}"#,
        )
        .unwrap();
        let r = score_stances(&article, &wrong);
        assert_eq!(
            (r.denials.gold, r.denials.tagged, r.denials.right),
            (1, 1, 0)
        );
        assert_eq!((r.to_link, r.linked), (1, 0));
        assert!(!r.misses.is_empty());
    }
}

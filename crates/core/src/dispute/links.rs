//! Links between claims and the denials that answer them, by what they share — numbers
//! ("20,000"), names and acronyms ("CIA", "Munir"), rare content words — and by the denial
//! naming the claim's source ("slammed CNN-News 18"), not by paragraph distance.

use super::Stance;
use crate::analyzer;
use crate::attribution::Attribution;
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// The least shared weight that links a claim and a denial.
pub const LINK_MIN: f32 = 4.0;
/// How many paragraphs back "those claims" may reach.
const NEAR: usize = 3;
/// A shared weight that links on its own, however common the shared words.
const STRONG: f32 = 12.0;
/// The weight of one shared feature that makes a link specific.
const SPECIFIC: f32 = 2.5;

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,.]*\d|\d").expect("number pattern compiles"));
static PROPER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\p{Lu}[\p{L}\d]*(?:[-\u{2010}\u{2013}]\p{Lu}[\p{L}\d]*)*")
        .expect("proper-noun pattern compiles")
});
static GENERIC_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the|this|that|these|those|such|media|news)\s+(?:entire\s+|whole\s+|original\s+|latest\s+)?(?:news\s+item|reports?|story|stories|claims?|allegations?|article|piece|item|news)(?-u:\b)")
        .expect("reference pattern compiles")
});

/// Words that mark a denial, not what it is about; they never count as shared content.
const DENIAL_WORDS: &[&str] = &[
    "fabric",
    "fabricat",
    "baseless",
    "fals",
    "untru",
    "propaganda",
    "disinform",
    "misinform",
    "claim",
    "report",
    "said",
    "say",
    "news",
    "item",
    "stori",
    "complet",
    "deliber",
    "pure",
    "specul",
];

/// A paragraph as the linker sees it.
pub struct Item<'a> {
    /// Paragraph text.
    pub text: &'a str,
    /// Its attribution.
    pub attribution: &'a Attribution,
    /// Its stance.
    pub stance: Stance,
}

/// Salient features of one paragraph, each with a kind weight.
fn features(item: &Item, a: &mut tantivy::tokenizer::TextAnalyzer) -> BTreeMap<String, f32> {
    let mut out = BTreeMap::new();
    for m in NUMBER.find_iter(item.text) {
        let n: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        if n.len() >= 2 {
            out.insert(format!("#{n}"), 2.0);
        }
    }
    for m in PROPER.find_iter(item.text) {
        for part in m.as_str().split(['-', '\u{2010}', '\u{2013}']) {
            let lower = part.to_lowercase();
            if lower.len() >= 3 && !analyzer::STOPWORDS.contains(&lower.as_str()) {
                out.entry(format!("@{lower}")).or_insert(1.5);
            }
        }
    }
    for stem in analyzer::stems(a, item.text) {
        if stem.len() >= 4
            && !DENIAL_WORDS
                .iter()
                .chain(super::DENIAL_STEMS)
                .any(|d| stem.starts_with(d))
            && !stem.chars().all(|c| c.is_ascii_digit())
        {
            out.entry(stem).or_insert(1.0);
        }
    }
    out
}

/// Per paragraph: (denials with link scores; claims disputed).
type Scored = (Vec<(f32, u32)>, Vec<u32>);

/// For each paragraph: (denials disputing it, strongest first; claims it disputes).
pub fn link(items: &[Item]) -> Vec<(Vec<u32>, Vec<u32>)> {
    let mut a = analyzer::analyzer();
    let feats: Vec<BTreeMap<String, f32>> = items.iter().map(|i| features(i, &mut a)).collect();
    let n = items.len().max(1) as f32;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for f in &feats {
        for k in f.keys() {
            *df.entry(k.as_str()).or_default() += 1;
        }
    }
    // Rare features say more: weight by inverse document frequency within the article.
    let idf = |k: &str| (n / *df.get(k).unwrap_or(&1) as f32).ln().max(0.0);
    let mut out: Vec<Scored> = vec![(Vec::new(), Vec::new()); items.len()];
    for (ci, claim) in items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.stance == Stance::Claim)
    {
        let sources: Vec<String> = claim
            .attribution
            .speaker
            .iter()
            .chain(claim.attribution.cited.iter())
            .map(|s| s.split(',').next().unwrap_or(s).to_lowercase())
            .filter(|s| s.len() >= 3)
            .collect();
        for (di, denial) in items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.stance == Stance::Denial)
        {
            if denial.attribution.speaker.is_some()
                && denial.attribution.speaker == claim.attribution.speaker
            {
                continue;
            }
            let weights: Vec<f32> = feats[ci]
                .iter()
                .filter(|(k, _)| feats[di].contains_key(*k))
                .map(|(k, w)| w * idf(k))
                .collect();
            let shared: f32 = weights.iter().sum();
            // At least two specific things in common: rare names, numbers or words.
            let specific = weights.iter().filter(|w| **w >= SPECIFIC).count() >= 2;
            let text = denial.text.to_lowercase();
            let names_source = sources
                .iter()
                .any(|s| text.contains(s.as_str()) && !GENERIC_SOURCE.contains(&s.as_str()));
            let generic =
                GENERIC_REFERENCE.is_match(denial.text) && is_outlet_claim(claim.attribution);
            let score =
                shared + if names_source { 3.0 } else { 0.0 } + if generic { 2.0 } else { 0.0 };
            tracing::debug!(claim = ci + 1, denial = di + 1, score, specific, names_source, generic, shared = ?feats[ci].keys().filter(|k| feats[di].contains_key(*k)).collect::<Vec<_>>(), "dispute link");
            if score >= LINK_MIN && (specific || names_source || generic || score >= STRONG) {
                out[ci].0.push((score, di as u32 + 1));
                out[di].1.push(ci as u32 + 1);
            }
        }
    }
    // "X rubbished the report", "rejected those claims", sharing nothing specific with any
    // claim: the claim just before it, else the one the story is about (its first claim
    // relayed from an outlet).
    let first_outlet = items
        .iter()
        .position(|i| i.stance == Stance::Claim && is_outlet_claim(i.attribution));
    for (di, denial) in items.iter().enumerate() {
        if denial.stance != Stance::Denial
            || !out[di].1.is_empty()
            || !GENERIC_REFERENCE.is_match(denial.text)
        {
            continue;
        }
        let just_before = (di.saturating_sub(NEAR)..di)
            .rev()
            .find(|&ci| items[ci].stance == Stance::Claim);
        if let Some(ci) = just_before.or(first_outlet.filter(|&f| f < di)) {
            out[ci].0.push((LINK_MIN, di as u32 + 1));
            out[di].1.push(ci as u32 + 1);
        }
    }
    out.into_iter()
        .map(|(mut by, disputes)| {
            by.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            (by.into_iter().map(|(_, n)| n).collect(), disputes)
        })
        .collect()
}

/// Sources too generic to identify a claim by name.
const GENERIC_SOURCE: &[&str] = &[
    "sources",
    "officials",
    "media",
    "reports",
    "people",
    "analysts",
    "a report",
];

fn is_outlet_claim(a: &Attribution) -> bool {
    !a.cited.is_empty() || matches!(a.how.as_deref(), Some("reported" | "claimed" | "alleged"))
}

/// The salient features two paragraphs share (to explain or test a link).
pub fn shared_features(x: &Item, y: &Item) -> HashSet<String> {
    let mut a = analyzer::analyzer();
    let fx = features(x, &mut a);
    let fy = features(y, &mut a);
    fx.into_keys().filter(|k| fy.contains_key(k)).collect()
}

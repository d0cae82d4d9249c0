//! Re-ranking: candidates from a weighted term query, scored by BM25 times how much of the
//! question each covers (idf-weighted; synonyms, speaker and context count less), phrase
//! adjacency, the kind of answer asked for, and stance.

use super::asked::Asked;
use super::query::{fields, Concept};
use super::question::Kind;
use super::*;
use crate::analyzer::{self, Word};
use crate::Result;
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

pub(super) struct Candidate {
    pub(super) passage: Passage,
    /// Position of the article in the library.
    pub(super) article: usize,
    /// Share of the question's weight the paragraph covers (0..1).
    pub(super) coverage: f32,
    /// The lexical score (BM25 times coverage, adjacency, kind and stance fit).
    pub(super) score: f32,
    /// Coverage by the question's own words and their spelling variants only (no thesaurus).
    pub(super) exact_coverage: f32,
    /// tantivy's BM25 score; 0 when only the dense search found it.
    pub(super) bm25: f32,
    /// How well the paragraph's form suits the question's kind (1 = neutral).
    pub(super) kind_fit: f32,
    /// A denial, for a question that asks who denied.
    pub(super) denial: bool,
    /// Its speaker (or a source it cites) is the one the question asks about.
    pub(super) speaker_asked: bool,
    /// The question asks for a quantity, and no figure stands here (near what it counts,
    /// when it names that).
    pub(super) uncounted: bool,
    /// The stems of its speaker's name and the sources it cites.
    pub(super) who_stems: HashSet<String>,
}

pub(super) fn rerank(
    searcher: &Searcher,
    index: &StoryIndex,
    concepts: &[Concept],
    ctx: &Judge,
    opts: &AskOptions,
    a: &mut tantivy::tokenizer::TextAnalyzer,
) -> Result<Vec<Candidate>> {
    let fields = fields(index);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for c in concepts {
        for (v, w) in &c.variants {
            for (fi, boost) in FIELD_BOOSTS {
                let term = Term::from_field_text(fields[fi], v);
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                clauses.push((Occur::Should, Box::new(BoostQuery::new(q, w * boost))));
            }
        }
    }
    let mut query = BooleanQuery::new(clauses);
    if let Some(slug) = &opts.article {
        let filter: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(index.fields.slug, slug),
            IndexRecordOption::Basic,
        ));
        query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(query) as Box<dyn Query>),
            (Occur::Must, filter),
        ]);
    }
    let limit = if opts.speaker.is_some() {
        CANDIDATES * 4
    } else {
        CANDIDATES
    };
    // A failed search is an error, never an empty result: "the article doesn't say" must
    // mean the article was searched.
    let hits = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
    let mut out = Vec::new();
    for (bm25, addr) in hits {
        let doc = searcher.doc::<TantivyDocument>(addr)?;
        let ai = doc
            .get_first(index.fields.article)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize;
        let n = doc
            .get_first(index.fields.number)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as u32;
        if let Some(c) = ctx.judge(ai, n, bm25, a) {
            out.push(c);
        }
    }
    Ok(out)
}

/// What the question's wording asks for, read once.
pub(super) struct Reading {
    pub(super) kind: Kind,
    /// It asks who denied, or about a falsehood or a response.
    pub(super) wants_denial: bool,
    /// Whom it asks about as a speaker.
    pub(super) asked: Option<Asked>,
    /// What a quantity question counts.
    pub(super) focus: Option<String>,
    /// It asks whether something eventually happened ([`super::question::asks_outcome`]).
    pub(super) outcome: bool,
}

/// What scoring one paragraph against a question needs.
pub(super) struct Judge<'a> {
    index: &'a StoryIndex,
    concepts: &'a [Concept],
    kind: Kind,
    wants_denial: bool,
    total_idf: f32,
    speaker_filter: Option<String>,
    article_filter: Option<&'a str>,
    /// Whom the question asks about as a speaker.
    asked: Option<Asked>,
    /// The question asks what someone said, and no searched paragraph's speaker or cited
    /// source names them.
    asked_absent: bool,
    /// For a quantity question, the stems that can stand for what it counts.
    focus: Option<Vec<String>>,
    /// The question asks whether something eventually happened.
    outcome: bool,
}

impl<'a> Judge<'a> {
    pub(super) fn new(
        index: &'a StoryIndex,
        concepts: &'a [Concept],
        reading: Reading,
        opts: &'a AskOptions,
        a: &mut tantivy::tokenizer::TextAnalyzer,
    ) -> Judge<'a> {
        let Reading {
            kind,
            wants_denial,
            asked,
            focus,
            outcome,
        } = reading;
        let focus = focus.and_then(|word| {
            let stem = analyzer::stems(a, &word).into_iter().next()?;
            let variants = concepts
                .iter()
                .find(|c| c.variants.iter().any(|(v, _)| *v == stem))
                .map(|c| c.variants.iter().map(|(v, _)| v.clone()).collect())
                .unwrap_or_else(|| vec![stem]);
            Some(variants)
        });
        let asked_absent = asked.as_ref().is_some_and(|asked| {
            !index.attributed.iter().any(|(ai, who)| {
                opts.article
                    .as_ref()
                    .is_none_or(|slug| index.library.articles[*ai].slug == *slug)
                    && asked.named_in(who)
            })
        });
        Judge {
            index,
            concepts,
            kind,
            wants_denial,
            total_idf: concepts
                .iter()
                .map(|c| c.idf)
                .sum::<f32>()
                .max(f32::EPSILON),
            speaker_filter: opts.speaker.as_ref().map(|s| s.to_lowercase()),
            article_filter: opts.article.as_deref(),
            asked,
            asked_absent,
            focus,
            outcome,
        }
    }

    /// Whether the question asks whether something eventually happened.
    pub(super) fn asks_outcome(&self) -> bool {
        self.outcome
    }

    /// Whether the question asks what someone said whom no searched paragraph attributes.
    pub(super) fn asked_absent(&self) -> bool {
        self.asked_absent
    }

    /// Whether `stem`, a stem of the question, is one that no article uses.
    pub(super) fn absent_stem(&self, stem: &str) -> bool {
        self.concepts
            .iter()
            .any(|c| c.absent && c.variants.first().is_some_and(|(v, _)| v == stem))
    }

    /// The share of the question's weight in words that no article uses.
    pub(super) fn absent_share(&self) -> f32 {
        self.concepts
            .iter()
            .filter(|c| c.absent)
            .map(|c| c.idf)
            .sum::<f32>()
            / self.total_idf
    }

    /// Paragraph `n` of the `ai`-th article scored against the question, with its BM25 score
    /// (0 when tantivy did not retrieve it); `None` when it does not exist or a filter
    /// excludes it.
    pub(super) fn judge(
        &self,
        ai: usize,
        n: u32,
        bm25: f32,
        a: &mut tantivy::tokenizer::TextAnalyzer,
    ) -> Option<Candidate> {
        let index = self.index;
        let article = index.library.articles.get(ai)?;
        let p = article.paragraph(n)?;
        if self.article_filter.is_some_and(|slug| slug != article.slug) {
            return None;
        }
        if let Some(want) = &self.speaker_filter {
            if !p
                .attribution
                .speaker
                .as_ref()
                .is_some_and(|s| s.to_lowercase().contains(want))
            {
                return None;
            }
        }
        let words = analyzer::words(a, &p.text);
        let text_stems: HashSet<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        let who = format!(
            "{} {}",
            p.attribution.speaker.clone().unwrap_or_default(),
            p.attribution.cited.join(" ")
        );
        let who_stems: HashSet<String> = analyzer::stems(a, &who).into_iter().collect();
        let ctx_stems: HashSet<String> = analyzer::stems(a, index.context(ai, n))
            .into_iter()
            .collect();
        let mut covered = 0.0;
        let mut exact_covered = 0.0;
        let mut matched: HashSet<&str> = HashSet::new();
        for c in self.concepts {
            let mut best: f32 = 0.0;
            let mut exact: f32 = 0.0;
            for (v, w) in &c.variants {
                let own = *w >= MORPH;
                if text_stems.contains(v.as_str()) {
                    matched.insert(v.as_str());
                    best = best.max(coverage_weight(*w));
                    if own {
                        exact = exact.max(*w);
                    }
                } else if who_stems.contains(v) {
                    best = best.max(coverage_weight(*w));
                    if own {
                        exact = exact.max(*w);
                    }
                } else if ctx_stems.contains(v) {
                    best = best.max(w * CONTEXT_COVERAGE);
                    if own {
                        exact = exact.max(w * CONTEXT_COVERAGE);
                    }
                }
            }
            exact_covered += c.idf * exact;
            // A denial does what "deny", "reject" or "dismiss" ask about, whatever its words
            // ("The news item is completely fabricated").
            if p.stance == crate::dispute::Stance::Denial
                && c.variants
                    .iter()
                    .any(|(v, _)| crate::dispute::DENIAL_STEMS.contains(&v.as_str()))
            {
                best = best.max(SYNONYM_COVERAGE);
            }
            covered += c.idf * best;
        }
        let coverage = covered / self.total_idf;
        let exact_coverage = exact_covered / self.total_idf;
        let adjacency = adjacency_bonus(self.concepts, &words);
        let kind_fit = self.kind.fit(p);
        let denial = self.wants_denial && p.stance == crate::dispute::Stance::Denial;
        let stance_fit = if denial { DENIAL_FIT } else { 1.0 };
        let score = bm25 * (0.25 + coverage).powi(2) * adjacency * kind_fit * stance_fit;
        tracing::debug!(article = %article.slug, paragraph = n, bm25, coverage, adjacency, score, "candidate");
        // A quantity question wants a figure: beside what it counts when it names it, else
        // anywhere in the paragraph.
        let uncounted = match &self.focus {
            Some(focus) => !counted(&p.text, &words, focus),
            None => {
                self.kind == Kind::Quantity && super::question::figures(&p.text).next().is_none()
            }
        };
        let highlights = words
            .iter()
            .filter(|w| matched.contains(w.stem.as_str()))
            .map(|w: &Word| w.from..w.to)
            .collect();
        Some(Candidate {
            passage: Passage::new(article, p, score, highlights),
            article: ai,
            coverage,
            score,
            exact_coverage,
            bm25,
            kind_fit,
            denial,
            speaker_asked: self
                .asked
                .as_ref()
                .is_some_and(|asked| names_asked(asked, p)),
            uncounted,
            who_stems,
        })
    }
}

/// How near a figure must stand to the counted word, in bytes ("20,000 troops", "troops
/// numbering 20,000").
const FIGURE_REACH: usize = 40;

/// Whether a figure stands near a word of `focus` in `text` (analysed into `words`).
fn counted(text: &str, words: &[Word], focus: &[String]) -> bool {
    let figures: Vec<std::ops::Range<usize>> = super::question::figures(text).collect();
    words.iter().filter(|w| focus.contains(&w.stem)).any(|w| {
        figures
            .iter()
            .any(|f| f.end + FIGURE_REACH >= w.from && w.to + FIGURE_REACH >= f.start)
    })
}

/// Whether paragraph `p`'s speaker or one of its cited sources is the asked subject.
fn names_asked(asked: &Asked, p: &crate::article::Paragraph) -> bool {
    p.attribution.names().any(|who| asked.named_in(who))
}

fn coverage_weight(w: f32) -> f32 {
    if w <= SYNONYM {
        SYNONYM_COVERAGE
    } else {
        w
    }
}

/// Rewards a passage where consecutive question words stand next to each other.
fn adjacency_bonus(concepts: &[Concept], words: &[Word]) -> f32 {
    let mut bonus = 1.0;
    for pair in concepts.windows(2) {
        let is = |c: &Concept, stem: &str| c.variants.iter().any(|(v, w)| v == stem && *w >= MORPH);
        let adjacent = words
            .windows(2)
            .any(|w| is(&pair[0], &w[0].stem) && is(&pair[1], &w[1].stem));
        if adjacent {
            bonus *= 1.15;
        }
    }
    bonus
}

//! Attribution on articles the rules were not written from: five hand-written fixtures in
//! other styles (wire copy with datelines, quote-heavy features, citation chains, narrative
//! explainers, junk-laden scrapes), each with a careful reader's expected attribution.

use crate::util::{article, fixture, FIXTURE_SLUGS, SEED};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    title: String,
    paragraph_count: usize,
    paragraphs: Vec<ExpectedParagraph>,
}

#[derive(Deserialize)]
struct ExpectedParagraph {
    n: u32,
    first_words: String,
    speaker: Option<String>,
    cited: Vec<String>,
}

fn contains(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// (paragraphs, speakers right, cited chains right, mismatches) for one fixture.
fn score(slug: &str) -> (usize, usize, usize, Vec<String>) {
    let raw = std::fs::read_to_string(fixture(&format!("expected/{slug}.json"))).unwrap();
    let expected: Expected = serde_json::from_str(&raw).unwrap();
    let a = article(slug);
    assert_eq!(
        a.paragraphs.len(),
        expected.paragraph_count,
        "{slug}: paragraph count (junk kept or text dropped?)"
    );
    assert_eq!(
        a.headline.split_whitespace().collect::<Vec<_>>().join(" "),
        expected.title,
        "{slug}: headline"
    );
    let (mut speakers, mut chains, mut misses) = (0, 0, Vec::new());
    for e in &expected.paragraphs {
        let p = a.paragraph(e.n).unwrap();
        let words: Vec<&str> = p.text.split_whitespace().take(6).collect();
        assert_eq!(
            words.join(" "),
            e.first_words,
            "{slug} ¶{}: paragraph boundaries",
            e.n
        );
        let got = &p.attribution;
        let speaker_ok = match (&e.speaker, &got.speaker) {
            (None, None) => true,
            (Some(want), Some(have)) => contains(have, want),
            _ => false,
        };
        let mut rest = got.cited.iter();
        let chain_ok = e
            .cited
            .iter()
            .all(|want| rest.any(|have| contains(have, want)));
        speakers += usize::from(speaker_ok);
        chains += usize::from(chain_ok);
        if !speaker_ok || !chain_ok {
            misses.push(format!(
                "{slug} ¶{}: want {:?} citing {:?}, got {:?} citing {:?}",
                e.n, e.speaker, e.cited, got.speaker, got.cited
            ));
        }
    }
    (expected.paragraphs.len(), speakers, chains, misses)
}

#[test]
fn fixtures_are_attributed_as_a_careful_reader_would() {
    let (mut total, mut speakers, mut chains, mut misses) = (0, 0, 0, Vec::new());
    for slug in FIXTURE_SLUGS {
        let (t, s, c, m) = score(slug);
        total += t;
        speakers += s;
        chains += c;
        misses.extend(m);
    }
    let speaker_rate = speakers as f64 / total as f64;
    let chain_rate = chains as f64 / total as f64;
    eprintln!(
        "attribution on fixtures: speakers {speakers}/{total}, cited chains {chains}/{total}"
    );
    for m in &misses {
        eprintln!("  {m}");
    }
    // The floor is what the rules reached when this test was written; raise it as they improve.
    assert!(
        speaker_rate >= SPEAKER_FLOOR,
        "speaker accuracy {speaker_rate:.3} fell below {SPEAKER_FLOOR}"
    );
    assert!(
        chain_rate >= CHAIN_FLOOR,
        "cited-chain accuracy {chain_rate:.3} fell below {CHAIN_FLOOR}"
    );
}

const SPEAKER_FLOOR: f64 = 0.95;
const CHAIN_FLOOR: f64 = 0.95;

#[test]
fn the_seed_article_reads_as_a_careful_reader_would() {
    let a = article(SEED);
    assert_eq!(a.paragraphs.len(), 26, "the web junk at the end is dropped");
    let who = |n: u32| {
        a.paragraph(n)
            .unwrap()
            .attribution
            .speaker
            .clone()
            .unwrap_or_default()
    };
    let cited = |n: u32| a.paragraph(n).unwrap().attribution.cited.clone();
    let how = |n: u32| {
        a.paragraph(n)
            .unwrap()
            .attribution
            .how
            .clone()
            .unwrap_or_default()
    };
    assert_eq!(who(1), "Information ministry");
    assert_eq!(who(3), "Officials familiar with the deliberations");
    assert_eq!(who(4), "First Post");
    assert_eq!(cited(4), ["CNN-News 18", "top intelligence sources"]);
    for n in [5, 6, 7] {
        assert_eq!(who(n), "First Post", "¶{n} carries the report's source");
        assert_eq!(cited(n)[0], "CNN-News 18", "¶{n}");
    }
    assert_eq!(a.paragraph(8).unwrap().attribution.speaker, None);
    assert_eq!(who(9), "Information ministry");
    assert_eq!(how(9), "in a post on X");
    for n in 10..=14 {
        assert_eq!(who(n), "Information ministry", "¶{n}");
    }
    assert_eq!(a.paragraph(15).unwrap().attribution.speaker, None);
    assert_eq!(who(16), "Officials in Islamabad");
    assert_eq!(how(22), "cautioned");
    assert_eq!(who(24), "Another official");
    assert_eq!(
        who(25),
        "Rana Sanaullah, Adviser to the Prime Minister on Political Affairs"
    );
    assert_eq!(
        how(25),
        "in an interview on ARY News show \u{2018}11th Hour\u{2019}"
    );
    assert_eq!(who(26), who(25), "\"He said\" carries over");
}

/// Speaker accuracy over every article with gold in `dir`, each parsed alone.
fn speakers_in(dir: &std::path::Path) -> Vec<(String, storybot::eval::SpeakerReport)> {
    storybot::eval::speaker_sets(dir)
        .unwrap()
        .into_iter()
        .map(|(slug, text, gold)| {
            let a = storybot::article::Article::from_text(&slug, &text, Default::default())
                .expect("article parses");
            let report = storybot::eval::score_speakers(&a, &gold);
            (slug, report)
        })
        .collect()
}

fn check_speakers(what: &str, dir: &std::path::Path, overall_floor: f64, article_floor: f64) {
    let reports = speakers_in(dir);
    assert!(
        !reports.is_empty(),
        "no gold attribution in {}",
        dir.display()
    );
    let mut all = storybot::eval::SpeakerReport::default();
    for (slug, r) in reports {
        eprintln!("{what} {slug}: {}", r.summary());
        for m in &r.misses {
            eprintln!("  {m}");
        }
        assert!(
            r.rate() >= article_floor,
            "{slug}: speaker accuracy {:.3} below {article_floor}",
            r.rate()
        );
        all.add(r);
    }
    eprintln!("{what} overall: {}", all.summary());
    assert!(
        all.rate() >= overall_floor,
        "{what}: speaker accuracy {:.3} below {overall_floor}",
        all.rate()
    );
}

/// Floors on the fifty-nine real fixture stories with gold (thirty-two Reuters-21578,
/// twenty-three BBC, four Wikinews; gold written before any rule changed for them; first measured
/// 70/86 and 44/82, then the seven added on 2026-12-07 at 78/96 and the eight after them at
/// 89/110, the four company stories of the next session at 34/45 under the first version of
/// the rule for "the company said", the four after them at 37/41, and the last eight at
/// 77/102, the eight after them at 75/99, and the last eight at 75/88): what the rules
/// reached, to be raised as they improve (all fixtures with gold:
/// 311/374 on 2026-12-07; 359/419 after the next session's casing, pronoun, list-entry and
/// organisation-description rules; 402/460 after the noun-first verb forms, the clause after
/// "but" and names not taken from a preposition's object; 493/562 with the last eight stories
/// and the rules for a person named after "said", "Per" as a first name, the word after a
/// possessive, WordNet's person nouns as speakers and a name after "which"; 579/661 with the
/// eight after them and the rules for a closing reporting clause, "who said" after a comma and
/// statements speaking for their issuer; 663/749 with the last eight and the rules for a name
/// before a description missing its closing comma, a name before an affiliation, a firm's
/// "and Co", a closing "according to" framing a reported denial, a name set off before its
/// parenthetical, and a parenthetical's list of names; 665/749 after a place and its region
/// kept inside a parenthetical and an unnamed spokesperson speaking for the body that spoke
/// before it). The per-story floor is below the BT story's 6/9, where "the group is to set
/// up…" (no reporting verb) stays unresolved, and the Spanish press review's 5/9, where
/// newspapers speak through "the paper beams" and a quotation whose attribution the source
/// lost.
const REAL_FIXTURES_OVERALL: f64 = 0.88;
const REAL_FIXTURES_EACH: f64 = 0.55;

#[test]
fn real_fixture_stories_keep_their_speakers() {
    check_speakers(
        "fixtures",
        &crate::util::fixture(""),
        REAL_FIXTURES_OVERALL,
        REAL_FIXTURES_EACH,
    );
}

/// Floors on `shared/eval/unseen` (first measured 92/106, 87 %): what the rules reached.
const UNSEEN_OVERALL: f64 = 0.95;
const UNSEEN_EACH: f64 = 0.90;

#[test]
fn unseen_articles_keep_their_speakers() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/unseen");
    if !dir.is_dir() {
        eprintln!("skipped: no {}", dir.display());
        return;
    }
    check_speakers("unseen", &dir, UNSEEN_OVERALL, UNSEEN_EACH);
}

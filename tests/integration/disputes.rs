//! Dispute awareness on the seed article and on fixture articles in other styles: stances,
//! claim–denial links, rebuttals attached to answers, a claim left unanswered, and story
//! navigation (claims, sources, who said what, about) from the command line.

use crate::util::{answer, data_dir_with, index_of, stderr, stdout, storybot, SEED};
use serde_json::Value;
use storybot::dispute::Stance;
use storybot::{story, AskOptions};

fn json(args: &[&str]) -> Value {
    let out = storybot(args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

#[test]
fn the_troop_claim_comes_with_the_ministrys_rebuttal() {
    let dir = data_dir_with(SEED);
    let v = json(&[
        "ask",
        "--json",
        "--data",
        dir.path().to_str().unwrap(),
        "How many troops is Pakistan deploying to Gaza?",
    ]);
    let first = &v["answers"][0];
    assert_eq!(first["paragraph"], 4, "{v}");
    assert_eq!(first["stance"], "claim");
    let rebuttal = &first["disputed_by"][0];
    assert_eq!(rebuttal["paragraph"], 14);
    assert_eq!(rebuttal["speaker"], "Information ministry");
    assert_eq!(rebuttal["article"], SEED);
    assert!(rebuttal["text"]
        .as_str()
        .unwrap()
        .contains("deliberate fabrication"));
    // Undisputed passages carry an empty list.
    let bg = json(&[
        "ask",
        "--json",
        "--data",
        dir.path().to_str().unwrap(),
        "ISF mandate",
    ]);
    assert_eq!(bg["answers"][0]["disputed_by"], Value::Array(vec![]));
    // The text output says it too.
    let out = storybot(&[
        "ask",
        "--data",
        dir.path().to_str().unwrap(),
        "How many troops is Pakistan deploying to Gaza?",
    ]);
    assert!(
        stdout(&out).contains("Disputed \u{2014} Information ministry"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn passages_json_links_claims_and_denials_both_ways() {
    let dir = data_dir_with(SEED);
    let v = json(&["passages", "--json", "--data", dir.path().to_str().unwrap()]);
    let p = |n: usize| v["passages"][n - 1].clone();
    assert_eq!(p(4)["stance"], "claim");
    assert!(p(4)["disputed_by"]
        .as_array()
        .unwrap()
        .contains(&Value::from(14)));
    assert!(p(14)["disputes"]
        .as_array()
        .unwrap()
        .contains(&Value::from(4)));
    assert_eq!(p(14)["stance"], "denial");
    assert_eq!(p(15)["stance"], "background");
    assert_eq!(p(16)["stance"], "position");
    for n in 1..=26 {
        assert!(p(n)["disputed_by"].is_array() && p(n)["disputes"].is_array());
    }
}

#[test]
fn links_hold_on_articles_in_other_styles() {
    let (_d, chain) = index_of("chain-citation");
    let a = &chain.library.articles[0];
    let para = |n: u32| a.paragraph(n).unwrap();
    assert_eq!(
        para(2).stance,
        Stance::Claim,
        "an outlet's report citing another outlet"
    );
    assert!(
        para(2).disputed_by.contains(&1),
        "the ministry dismissed the media reports: {:?}",
        para(2).disputed_by
    );
    assert_eq!(para(15).stance, Stance::Claim);
    assert!(
        para(15).disputed_by.contains(&16),
        "Portugal rejected that report: {:?}",
        para(15).disputed_by
    );
    assert_eq!(para(16).stance, Stance::Denial);

    let (_q, quotes) = index_of("quotes-heavy");
    let q = &quotes.library.articles[0];
    let shelved = q.paragraph(8).unwrap();
    assert_eq!(
        shelved.stance,
        Stance::Claim,
        "the association claimed a review was shelved"
    );
    assert!(shelved.disputed_by.is_empty(), "no one answers it");
    let a = answer(
        "Was a safety review shelved by the department?",
        &quotes,
        &AskOptions::default(),
    );
    let claim = a
        .answers
        .iter()
        .find(|p| p.paragraph == 8)
        .expect("the shelved-review claim answers");
    assert!(claim.unanswered_claim());
    assert_eq!(
        storybot::dispute::dispute_line(claim).as_deref(),
        Some("A claim; no response in the article.")
    );
}

#[test]
fn navigation_claims_sources_who_said_and_about() {
    let (_d, index) = index_of(SEED);
    let claims = story::claims(&index);
    let troops = claims.iter().find(|c| c.paragraph == 4).unwrap();
    assert!(
        troops
            .status()
            .starts_with("denied by Information ministry in \u{00B6}14"),
        "{}",
        troops.status()
    );
    assert!(claims
        .iter()
        .any(|c| c.status() == "no response in the article"));
    let sources = story::sources(&index);
    assert_eq!(sources[0].name, "Information ministry");
    assert_eq!(sources[0].paragraphs.len(), 7);
    assert!(sources
        .iter()
        .any(|s| s.name.starts_with("Officials familiar") && s.anonymous));
    assert!(sources
        .iter()
        .any(|s| s.name.starts_with("Rana Sanaullah") && !s.anonymous));
    let said: Vec<u32> = story::said_by(&index, "sanaullah")
        .iter()
        .map(|p| p.paragraph)
        .collect();
    assert_eq!(said, [25, 26]);
    let about = story::about(&index);
    assert_eq!(about.paragraphs, 26);
    assert_eq!(about.content_hash, index.library.content_hash);

    let dir = data_dir_with(SEED);
    let data = dir.path().to_str().unwrap();
    let text = stdout(&storybot(&["about", "--data", data]));
    assert!(
        text.contains("26 paragraphs") && text.contains("content hash"),
        "{text}"
    );
    let claims = json(&["claims", "--json", "--data", data]);
    assert!(claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["paragraph"] == 4));
    let sources = stdout(&storybot(&["sources", "--data", data]));
    assert!(sources.contains("(anonymous)"), "{sources}");
    let who = stdout(&storybot(&[
        "who-said",
        "--data",
        data,
        "Rana",
        "Sanaullah",
    ]));
    assert!(
        who.contains("\u{00B6}25") && who.contains("\u{00B6}26"),
        "{who}"
    );
}

#[test]
fn a_local_news_story_pairs_claims_with_answers() {
    let (_d, index) = crate::util::index_of("council-bridge");
    let a = &index.library.articles[0];
    let p = |n: u32| a.paragraph(n).unwrap();
    assert_eq!(
        a.paragraphs.len(),
        9,
        "byline and share buttons are not paragraphs"
    );
    assert_eq!(
        p(2).attribution.speaker.as_deref(),
        Some("Ellen Park, Mayor")
    );
    assert_eq!(p(8).attribution.speaker.as_deref(), Some("Daily Courier"));
    assert_eq!(p(8).attribution.cited, ["two council members"]);
    assert_eq!(p(4).stance, Stance::Claim);
    assert_eq!(
        p(4).disputed_by,
        [6],
        "\"The council rejected those claims\" answers the claim before it"
    );
    assert_eq!(
        p(8).disputed_by,
        [9],
        "the spokeswoman dismissed the Courier's report"
    );
    assert_eq!(p(7).stance, Stance::Background);
}

/// Floors on the 59 real fixture stories' stance gold (`tests/fixtures/stance/`, written
/// blind by helpers on 2026-12-08, after the rules): what the rules reached when the gold was
/// written, far below what a reader finds (README, "Stance, measured"). A change that finds
/// fewer denials, tags more wrongly, or links fewer fails here.
const DENIALS_FOUND: usize = 13;
const DENIALS_TAGGED_WRONG: usize = 8;
const DENIALS_LINKED: usize = 1;

#[test]
fn real_fixture_stories_keep_their_stances() {
    let mut all = storybot::eval::StanceReport::default();
    let sets = storybot::eval::stance_sets(&crate::util::fixture("")).unwrap();
    assert_eq!(sets.len(), 59, "one stance gold per real fixture story");
    for (slug, text, gold) in sets {
        let article = storybot::article::Article::from_text(&slug, &text, Default::default())
            .unwrap_or_else(|| panic!("{slug}: no paragraphs"));
        all.add(storybot::eval::score_stances(&article, &gold));
    }
    eprintln!("stance: {}", all.summary());
    let d = all.denials;
    assert!(d.right >= DENIALS_FOUND, "{}", all.summary());
    assert!(
        d.tagged - d.right <= DENIALS_TAGGED_WRONG,
        "{}",
        all.summary()
    );
    assert!(all.linked >= DENIALS_LINKED, "{}", all.summary());
}

#[test]
fn eval_stances_prints_each_story_and_the_total() {
    let dir = crate::util::fixture("");
    let out = storybot(&["eval", "--stances", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |prefix: &str| text.lines().any(|l| l.starts_with(prefix));
    assert!(
        line("reuters-white-house-iran-arms-denial: denials: found "),
        "{text}"
    );
    assert!(line("overall: denials: found "), "{text}");
    let both = storybot(&["eval", "--stances", "--speakers", dir.to_str().unwrap()]);
    assert!(!both.status.success(), "--stances and --speakers together");
}

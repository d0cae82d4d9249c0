//! Ranking quality and robustness: dev-set floors on the seed article, floors on the
//! hand-written fixture articles (phrasings the ranking was not written from), hostile
//! query text, and several articles in one index.

use crate::util::{answer, data_dir, fixture, index_of, run, FIXTURE_SLUGS, SEED};
use storybot::article::Library;
use storybot::eval::load_cases;
use storybot::{AskOptions, StoryIndex};

/// Top-1 / top-3 floors: what the ranking reached when these tests were written. A change
/// that drops below fails here; raise them as ranking improves. Lowered (seed top-3 from
/// 0.96, fixtures from 0.65 and 0.73) when the hand thesaurus, written with these articles'
/// words, gave way to WordNet's: on unseen articles lexical ranking held (top-1 37 → 35/90,
/// top-3 40 → 41/90).
const SEED_TOP1: f64 = 0.90;
const SEED_TOP3: f64 = 0.93;
const FIXTURES_TOP1: f64 = 0.48;
const FIXTURES_TOP3: f64 = 0.50;

#[test]
fn seed_dev_set_quality_holds() {
    let (_dir, index) = index_of(SEED);
    let cases = load_cases(&fixture(&format!("eval/{SEED}.jsonl"))).unwrap();
    let r = run(&index, &cases);
    eprintln!(
        "seed: top-1 {}/{} top-3 {}/{} abstained {}/{}",
        r.top1, r.answerable, r.top3, r.answerable, r.abstained, r.unanswerable
    );
    assert!(
        r.top1_rate() >= SEED_TOP1,
        "seed top-1 {:.3} < {SEED_TOP1}",
        r.top1_rate()
    );
    assert!(
        r.top3_rate() >= SEED_TOP3,
        "seed top-3 {:.3} < {SEED_TOP3}",
        r.top3_rate()
    );
    assert_eq!(
        r.abstained, r.unanswerable,
        "out-of-story questions must get \"the article doesn't say\""
    );
}

#[test]
fn fixture_articles_quality_holds() {
    let (mut answerable, mut top1, mut top3, mut unanswerable, mut abstained) = (0, 0, 0, 0, 0);
    for slug in FIXTURE_SLUGS {
        let (_dir, index) = index_of(slug);
        let r = run(
            &index,
            &load_cases(&fixture(&format!("eval/{slug}.jsonl"))).unwrap(),
        );
        eprintln!(
            "{slug}: top-1 {}/{} top-3 {}/{} abstained {}/{}",
            r.top1, r.answerable, r.top3, r.answerable, r.abstained, r.unanswerable
        );
        answerable += r.answerable;
        top1 += r.top1;
        top3 += r.top3;
        unanswerable += r.unanswerable;
        abstained += r.abstained;
    }
    let (t1, t3) = (
        top1 as f64 / answerable as f64,
        top3 as f64 / answerable as f64,
    );
    assert!(
        t1 >= FIXTURES_TOP1,
        "fixtures top-1 {t1:.3} < {FIXTURES_TOP1}"
    );
    assert!(
        t3 >= FIXTURES_TOP3,
        "fixtures top-3 {t3:.3} < {FIXTURES_TOP3}"
    );
    assert!(
        abstained * 10 >= unanswerable * 8,
        "fixtures abstention {abstained}/{unanswerable} below 80%"
    );
}

#[test]
fn hostile_query_text_never_breaks_or_matches_everything() {
    let (_dir, index) = index_of(SEED);
    let opts = AskOptions::default();
    for q in [
        "AND (",
        "\"",
        "*",
        "-qqq",
        "title:foo",
        "a:b:c",
        "((((",
        "the of and",
        "",
        "   ",
        "🙂🙂",
        "NOT OR AND",
        "?",
        "\\",
        "~2",
        "[1 TO 5]",
    ] {
        let a = answer(q, &index, &opts);
        assert!(
            a.answers.is_empty(),
            "{q:?} should find nothing, got {:?}",
            a.answers.iter().map(|p| p.paragraph).collect::<Vec<_>>()
        );
    }
    // Query syntax around real words is just text.
    let a = answer("ministry AND (fabricated* \"post\" -x", &index, &opts);
    assert!(!a.answers.is_empty());
    assert!(a.answers.len() <= opts.limit);
    // A stopword-only question says why nothing was searched.
    assert!(answer("what is the", &index, &opts).note.is_some());
    // Pasted walls of text are cut, not refused.
    let long = "Who denied the report about troops? ".repeat(400);
    assert!(!answer(&long, &index, &opts).answers.is_empty());
}

#[test]
fn speaker_names_find_carried_over_paragraphs() {
    let (_dir, index) = index_of(SEED);
    let a = answer(
        "What did Rana Sanaullah say?",
        &index,
        &AskOptions::default(),
    );
    let got: Vec<u32> = a.answers.iter().map(|p| p.paragraph).collect();
    assert!(got.contains(&25) && got.contains(&26), "{got:?}");
    let filtered = answer(
        "Gaza",
        &index,
        &AskOptions {
            speaker: Some("ministry".into()),
            ..AskOptions::default()
        },
    );
    assert!(filtered
        .answers
        .iter()
        .all(|p| p.speaker().is_some_and(|s| s.contains("ministry"))));
}

#[test]
fn answers_highlight_matched_words() {
    let (_dir, index) = index_of(SEED);
    let a = answer("Who denied the report?", &index, &AskOptions::default());
    let best = &a.answers[0];
    assert!(!best.highlights.is_empty());
    let marked = best.marked("[", "]", str::to_string);
    assert!(marked.contains('['), "{marked}");
    for r in &best.highlights {
        assert!(best.text.is_char_boundary(r.start) && best.text.is_char_boundary(r.end));
    }
}

#[test]
fn several_articles_answer_with_their_names() {
    let texts: Vec<(String, String)> = [SEED, "allcaps-junk", "chain-citation"]
        .iter()
        .map(|s| {
            (
                s.to_string(),
                std::fs::read_to_string(crate::util::article_path(s)).unwrap(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = data_dir(&refs);
    let index = StoryIndex::in_ram(Library::load(dir.path()).unwrap()).unwrap();
    let a = answer(
        "Who denied the report about Pakistani troops?",
        &index,
        &AskOptions::default(),
    );
    assert_eq!(a.answers[0].article, SEED);
    let b = answer(
        "What caused the bus depot fire?",
        &index,
        &AskOptions::default(),
    );
    assert_eq!(b.answers[0].article, "allcaps-junk");
    let only = answer(
        "denied",
        &index,
        &AskOptions {
            article: Some("chain-citation".into()),
            ..AskOptions::default()
        },
    );
    assert!(!only.answers.is_empty() && only.answers.iter().all(|p| p.article == "chain-citation"));
}

/// Scrambled articles and questions (quotes, commas in numbers, unicode, stray markup) must
/// parse, attribute, index and answer without a panic.
#[test]
fn scrambled_input_never_panics() {
    const PIECES: &[&str] = &[
        "said",
        "told",
        "according to",
        "per",
        "citing",
        "\u{201C}",
        "\u{201D}",
        "\"",
        "\u{2019}",
        ",",
        ".",
        ":",
        "?",
        "The ministry",
        "officials",
        "He",
        "It",
        "2,300",
        "(Reuters)",
        "-",
        "\u{2014}",
        "LONDON,",
        "Dr",
        "Ms",
        "é",
        "\u{1F600}",
        "*",
        "_",
        "@everyone",
        "<@1>",
        "who",
        "rejected",
        "the report",
        "\n",
        "\n\n",
        "  ",
        "in a post on X",
        "Share this",
        "Advertisement",
        "a",
        "by",
        "By Jane Doe",
        "ALL CAPS",
        "…",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for round in 0..60 {
        let text: String = (0..(20 + next(300)))
            .map(|_| format!("{} ", PIECES[next(PIECES.len())]))
            .collect();
        let text = format!("Headline {round}\n\n{text}\n\nA closing paragraph.");
        let dir = data_dir(&[("scrambled", &text)]);
        let Ok(library) = Library::load(dir.path()) else {
            continue;
        };
        let index = StoryIndex::in_ram(library).expect("index builds");
        for _ in 0..5 {
            let q: String = (0..(1 + next(12)))
                .map(|_| format!("{} ", PIECES[next(PIECES.len())]))
                .collect();
            let a = answer(&q, &index, &AskOptions::default());
            assert!(a.answers.len() <= 3);
            // The card for it stays inside Discord's limits.
            let view = storybot::discord::card::View {
                per_page: 3,
                ..Default::default()
            };
            let card = storybot::discord::card::answer_card(&q, &a, view);
            let v = serde_json::to_value(&card).unwrap();
            let chars = |v: &serde_json::Value| v.as_str().map_or(0, |s| s.chars().count());
            assert!(chars(&v["content"]) <= 2000);
            for e in v["embeds"].as_array().into_iter().flatten() {
                assert!(
                    chars(&e["description"]) <= 4096
                        && chars(&e["title"]) <= 256
                        && chars(&e["author"]["name"]) <= 256
                );
                for f in e["fields"].as_array().into_iter().flatten() {
                    assert!(
                        chars(&f["name"]) <= 256
                            && chars(&f["value"]) <= 1024
                            && chars(&f["value"]) > 0
                    );
                }
            }
        }
    }
}

#[test]
fn an_answer_carries_its_articles_title_url_date_and_attribution() {
    let text = std::fs::read_to_string(fixture(&format!("articles/{SEED}.txt"))).unwrap();
    let dir = data_dir(&[(SEED, &text)]);
    std::fs::write(
        dir.path().join(format!("articles/{SEED}.toml")),
        "title = \"The ISF report\"\nurl = \"https://example.com/isf\"\npublished = \"2025-10-28\"\n",
    )
    .unwrap();
    let index = StoryIndex::in_ram(Library::load(dir.path()).unwrap()).unwrap();
    let a = answer("Who denied the report?", &index, &AskOptions::default());
    // Everything a front end shows comes with the answer: the index can go.
    drop(index);
    let best = a.answers.first().expect("an answer");
    assert_eq!(best.title, "The ISF report");
    assert_eq!(best.url.as_deref(), Some("https://example.com/isf"));
    assert_eq!(best.published.as_deref(), Some("2025-10-28"));
    assert!(
        best.credit().is_some_and(|c| c.contains("ministry")),
        "{best:?}"
    );
    assert_eq!(a.searched, ["The ISF report"]);
    let card = storybot::discord::card::answer_card(
        "Who denied the report?",
        &a,
        storybot::discord::card::View::default(),
    );
    let card = serde_json::to_value(&card).unwrap();
    assert_eq!(card["embeds"][0]["title"], "The ISF report", "{card}");
    assert_eq!(
        card["embeds"][0]["url"], "https://example.com/isf",
        "{card}"
    );
    // The JSON keeps its shape: the attribution flattened, no title, url or date.
    let json = serde_json::to_value(best).unwrap();
    for key in [
        "article",
        "paragraph",
        "score",
        "speaker",
        "cited",
        "how",
        "text",
    ] {
        assert!(json.get(key).is_some(), "{key} missing: {json}");
    }
    for key in [
        "title",
        "url",
        "published",
        "attribution",
        "carried",
        "entity",
    ] {
        assert!(json.get(key).is_none(), "{key} present: {json}");
    }
}

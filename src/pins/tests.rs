use super::*;
use crate::article::{Article, ArticleMeta, Library};
use std::path::Path;

fn new_pin(message: u64, question: &str, paragraph: u32, hash: &str) -> NewPin {
    NewPin {
        guild: 1,
        channel: 2,
        message,
        question: question.into(),
        article: "a".into(),
        paragraphs: vec![paragraph],
        text_hash: hash.into(),
        pinned_by: 7,
        pinned_by_name: "Mod".into(),
    }
}

fn library(second: &str) -> Library {
    let text = format!("Head\n\nFirst paragraph here.\n\n{second}");
    let a = Article::from_text("a", &text, ArticleMeta::default()).unwrap();
    Library::from_articles(Path::new("."), vec![a])
}

#[test]
fn pins_round_trip_and_replace_by_message() {
    let s = PinStore::in_memory().unwrap();
    let p = s
        .add(&new_pin(10, "Who denied the report?", 2, "h"))
        .unwrap();
    assert_eq!(p.question_key, "who denied the report");
    assert_eq!(p.paragraphs, [2]);
    s.add(&new_pin(10, "Who denied it?", 3, "h")).unwrap();
    let all = s.for_guild(1).unwrap();
    assert_eq!(all.len(), 1, "one pin per message");
    assert_eq!(all[0].paragraphs, [3]);
    assert!(s.remove(1, 10).unwrap());
    assert!(!s.remove(1, 10).unwrap());
    assert!(s.for_guild(1).unwrap().is_empty());
}

#[test]
fn same_question_or_same_top_passage_leads_unless_stale() {
    let s = PinStore::in_memory().unwrap();
    let lib = library("Second paragraph.");
    let hash = text_hash(&["Second paragraph."]);
    s.add(&new_pin(10, "Who denied the report?", 2, &hash))
        .unwrap();
    let pins = s.for_guild(1).unwrap();
    assert!(
        leading(&pins, "who  DENIED the report", None).is_some(),
        "normalised question"
    );
    assert!(
        leading(&pins, "something else", Some(("a", 2))).is_some(),
        "same top passage"
    );
    assert!(leading(&pins, "something else", Some(("a", 1))).is_none());
    assert_eq!(s.recheck(&lib).unwrap(), (1, 0));
    assert_eq!(
        s.recheck(&library("Second paragraph, edited.")).unwrap(),
        (1, 1)
    );
    let pins = s.for_guild(1).unwrap();
    assert!(pins[0].stale);
    assert!(
        leading(&pins, "Who denied the report?", None).is_none(),
        "stale pins do not lead"
    );
}

#[test]
fn migrations_run_once_and_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/pins.sqlite");
    {
        let s = PinStore::open(&path).unwrap();
        s.add(&new_pin(1, "q", 1, "h")).unwrap();
    }
    let s = PinStore::open(&path).unwrap();
    assert_eq!(s.for_guild(1).unwrap().len(), 1);
    assert_eq!(s.integrity().unwrap(), "ok");
}

//! Shared helpers: fixture paths, temporary data folders, and running the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use storybot::article::{Article, ArticleMeta, Library};
use storybot::StoryIndex;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The slugs of the hand-written fixture articles.
pub const FIXTURE_SLUGS: &[&str] = &[
    "wire-dateline",
    "quotes-heavy",
    "allcaps-junk",
    "chain-citation",
    "narrative-background",
];

/// The seed article's slug.
pub const SEED: &str = "isf-gaza-denial";

/// Where the seed article or a fixture article lives.
pub fn article_path(slug: &str) -> PathBuf {
    if slug == SEED {
        root()
            .join("index_data/articles")
            .join(format!("{slug}.txt"))
    } else {
        fixture(&format!("articles/{slug}.txt"))
    }
}

/// Reads and parses a fixture article (or the seed article).
pub fn article(slug: &str) -> Article {
    let path = article_path(slug);
    let raw =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    Article::from_text(slug, &raw, ArticleMeta::default()).expect("article parses")
}

/// A temporary data folder holding copies of the given articles (slug → text).
pub fn data_dir(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("articles")).expect("articles dir");
    for (slug, text) in articles {
        std::fs::write(
            dir.path().join("articles").join(format!("{slug}.txt")),
            text,
        )
        .expect("write article");
    }
    dir
}

/// A temporary data folder with one fixture article (or the seed).
pub fn data_dir_with(slug: &str) -> tempfile::TempDir {
    let path = article_path(slug);
    let text = std::fs::read_to_string(path).expect("read article");
    data_dir(&[(slug, &text)])
}

/// An in-memory index over one article.
pub fn index_of(slug: &str) -> (tempfile::TempDir, StoryIndex) {
    let dir = data_dir_with(slug);
    let library = Library::load(dir.path()).expect("library loads");
    (dir, StoryIndex::in_ram(library).expect("index builds"))
}

/// Runs the storybot binary with `args` in the repository root.
pub fn storybot(args: &[&str]) -> Output {
    storybot_in(&root(), args)
}

/// Runs the storybot binary with `args` in `cwd`.
pub fn storybot_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storybot"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .env_remove("STORYBOT_DATA")
        .env_remove("STORYBOT_CONFIG")
        .output()
        .expect("storybot runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Sends SIGTERM to a child process (what `docker stop` and systemd send).
pub fn sigterm(child: &std::process::Child) {
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
}

/// The child's exit status once it exits, or `None` if it is still running after `within`.
pub async fn wait_exit(
    child: &mut std::process::Child,
    within: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if started.elapsed() > within {
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

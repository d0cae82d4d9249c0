//! Shared helpers: fixture paths, temporary data folders, and running the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use storybot::article::{Article, ArticleMeta, Library};
use storybot::{Answer, AskOptions, StoryIndex};

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
    fixture(&format!("articles/{slug}.txt"))
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

/// The storybot binary, ranking by words alone (`STORYBOT_MODEL=lexical`): front-end tests
/// are about the front ends, and no test may fetch the model. Tests of semantic ranking
/// say so with [`model_dir`]. Its data folder is [`NO_DATA`] unless the test passes one
/// (`--data` or `STORYBOT_DATA`): no test reads the runtime `index_data/` folder.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storybot"));
    c.env("STORYBOT_MODEL", "lexical")
        .env("STORYBOT_MODEL_FETCH", "never")
        .env("STORYBOT_DATA", no_data());
    c
}

/// A data folder that does not exist: what the binary sees when a test gives it none, so a
/// test that forgets `--data` fails ("no articles folder") instead of quietly reading the
/// runtime `index_data/` folder.
pub const NO_DATA: &str = "tests/fixtures/no-data-given";

/// [`NO_DATA`] as an absolute path.
pub fn no_data() -> PathBuf {
    root().join(NO_DATA)
}

/// The default embedding model's folder when `storybot model fetch` (or `.ci/run`) has put
/// it in the cache; `None` otherwise, which fails the test under CI (`CI=true`), where the
/// model must be there.
pub fn model_dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let cache = env("STORYBOT_MODEL_DIR")
        .map(PathBuf::from)
        .or_else(|| env("XDG_CACHE_HOME").map(|d| Path::new(&d).join("storybot/models")))
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".cache/storybot/models")))?;
    let dir = cache.join("all-MiniLM-L6-v2");
    if dir.join(".storybot-wheel-sha256").exists() {
        return Some(dir);
    }
    assert!(
        env("CI").is_none_or(|v| v != "true"),
        "CI=true but the embedding model is not in {}: .ci/run must run `storybot model fetch` first",
        cache.display()
    );
    eprintln!(
        "skipped: no embedding model in {} (run `cargo run --release -- model fetch`)",
        cache.display()
    );
    None
}

/// The default embedding model, loaded once for the whole test binary.
pub fn embedder() -> Option<std::sync::Arc<storybot::embed::Embedder>> {
    static MODEL: std::sync::OnceLock<Option<std::sync::Arc<storybot::embed::Embedder>>> =
        std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            model_dir().map(|d| {
                std::sync::Arc::new(storybot::embed::Embedder::load(&d).expect("model loads"))
            })
        })
        .clone()
}

/// An in-memory index over one article, with semantic ranking when the model is there.
pub fn hybrid_index_of(slug: &str) -> Option<(tempfile::TempDir, StoryIndex)> {
    let e = embedder()?;
    let (dir, index) = index_of(slug);
    let (index, _) = index
        .with_embedder(e, None, &mut |_, _| {})
        .expect("vectors build");
    Some((dir, index))
}

/// Runs the storybot binary with `args` in `cwd`.
pub fn storybot_in(cwd: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
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

/// The core's answer, which must not fail on a sound index.
pub fn answer(question: &str, index: &StoryIndex, opts: &AskOptions) -> Answer {
    storybot::answer(question, index, opts).expect("a sound index can be searched")
}

/// The evaluation report, which must not fail on a sound index.
pub fn run(index: &StoryIndex, cases: &[storybot::eval::Case]) -> storybot::eval::Report {
    storybot::eval::run(index, cases).expect("a sound index can be searched")
}

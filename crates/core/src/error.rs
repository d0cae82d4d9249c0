//! The core's one error type: every fallible core operation returns [`Result`], and each
//! variant says what failed and what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong in the story engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder or its `articles/` subfolder is missing.
    #[error("no articles folder at {path}: create it and put one `<slug>.txt` article in it, or pass --data DIR")]
    MissingArticles { path: PathBuf },

    /// The articles folder exists but holds no `.txt` article.
    #[error("no articles in {path}: add a `<slug>.txt` file (headline, blank line, paragraphs)")]
    NoArticles { path: PathBuf },

    /// An article file could not be used.
    #[error("article {path}: {reason}")]
    BadArticle { path: PathBuf, reason: String },

    /// An article's metadata file is malformed.
    #[error("{path}: {reason}")]
    BadMetadata { path: PathBuf, reason: String },

    /// Reading or writing a file failed.
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The search index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),

    /// The sentence-embedding model could not be loaded or run.
    #[error("embedding model {path}: {reason}")]
    Model { path: PathBuf, reason: String },
    /// The model's `1_Pooling/config.json` is malformed or asks for a pooling storybot
    /// does not do.
    #[error("1_Pooling/config.json: {reason}")]
    BadPooling { reason: String },

    /// A file of the on-disk index is missing, truncated or fails its checksum.
    #[error("{} {problem}", file.display())]
    DamagedIndex { file: PathBuf, problem: String },

    /// A search of the index failed (an unreadable segment, a broken reader): the question
    /// was not answered, which is not the same as the article not saying.
    #[error("the search for the question failed ({cause}): try again; if it keeps failing, rebuild the index with `storybot index`")]
    SearchFailed { cause: String },

    /// The index must be built or rebuilt, but its data folder cannot be written.
    #[error("the index at {} must be built ({why}) but {} is not writable ({cause}): build it where the folder is writable (`storybot index --data {}`, e.g. when building the image) and ship it with the articles, or pass --data (STORYBOT_DATA) a writable copy of the folder", dir.display(), data.display(), data.display())]
    IndexNotWritable {
        dir: PathBuf,
        data: PathBuf,
        why: String,
        cause: std::io::Error,
    },
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with what was being done and to which path.
    pub fn io(what: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            what,
            path: path.into(),
            source,
        }
    }
}

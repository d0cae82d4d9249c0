//! The front ends' error type: the core's errors, and what only the front ends can get
//! wrong (the configuration, the pin store, topic commands). Each variant says what failed
//! and what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong outside the story engine, and the engine's own errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The story engine failed.
    #[error(transparent)]
    Core(#[from] storybot_core::Error),

    /// The configuration file is malformed or breaks a rule.
    #[error("{path}: {key}: {reason}")]
    Config {
        path: PathBuf,
        key: String,
        reason: String,
    },

    /// The configuration breaks several rules: every one, one per line.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nstorybot: "))]
    Problems(Vec<Error>),

    /// Reading or writing a file failed.
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The pin store failed.
    #[error("pin store {path}: {reason}")]
    PinStore { path: PathBuf, reason: String },

    /// A topic command was asked for that the configuration does not define.
    #[error("no topic command named `{name}`: run `storybot check-config` to list the commands")]
    UnknownCommand { name: String },
}

/// The front ends' result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// `Ok` when there are no problems, the one problem, or all of them together.
    pub fn from_problems(mut problems: Vec<Error>) -> Result<()> {
        match problems.len() {
            0 => Ok(()),
            1 => Err(problems.remove(0)),
            _ => Err(Error::Problems(problems)),
        }
    }

    /// Wraps an I/O error with what was being done and to which path.
    pub fn io(what: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            what,
            path: path.into(),
            source,
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Core(e.into())
    }
}

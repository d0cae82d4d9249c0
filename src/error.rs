//! The front ends' error type: the core's errors, and what only the front ends can get
//! wrong (the configuration, the environment, the pin store, topic commands, Discord, the
//! servers, the model download, the output). Each variant says what failed and what to do
//! about it.

use std::net::SocketAddr;
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

    /// Topic commands name articles, but the articles cannot be loaded to check them.
    #[error("{}: topic commands name articles, but {source}", path.display())]
    CommandArticles {
        path: PathBuf,
        #[source]
        source: storybot_core::Error,
    },

    /// A required environment variable is not set.
    #[error("{key} is not set: {fix}")]
    MissingSetting {
        key: &'static str,
        fix: &'static str,
    },

    /// An environment variable's value cannot be used.
    #[error("{key} is `{value}`: {fix}")]
    BadSetting {
        key: &'static str,
        value: String,
        fix: &'static str,
    },

    /// The text given as the application's public key is not one.
    #[error("the public key {reason}")]
    BadPublicKey { reason: String },

    /// The pin store could not be opened.
    #[error("cannot open the pin store: check STORYBOT_PIN_STORE ({path}) points to a writable file: {source}")]
    PinStoreOpen {
        path: String,
        #[source]
        source: Box<Error>,
    },

    /// The question given on the command line is empty.
    #[error("the question is empty: ask something, e.g. storybot ask \"Who denied the report?\"")]
    EmptyQuestion,

    /// The story (articles and index) in a data folder could not be opened.
    #[error("cannot open the story in {}: {source}", path.display())]
    OpenStory {
        path: PathBuf,
        #[source]
        source: storybot_core::Error,
    },

    /// The articles could not be embedded with the model.
    #[error("cannot embed the articles: {0}")]
    Embed(#[source] storybot_core::Error),

    /// The embedding model could not be fetched or installed; `cause`, when there is one,
    /// says why.
    #[error("{what}{}", .cause.as_ref().map(|c| format!(": {c}")).unwrap_or_default())]
    ModelFetch { what: String, cause: Option<String> },

    /// The model in a folder does not load.
    #[error("the model in {} does not load: {source}", dir.display())]
    ModelLoad {
        dir: PathBuf,
        #[source]
        source: storybot_core::Error,
    },

    /// Standard output could not be written. A closed pipe (`storybot passages | head`) is
    /// not a failure: see [`Error::is_closed_pipe`].
    #[error("cannot write the output ({0}): check the disk or the file or pipe it goes to")]
    Output(#[source] std::io::Error),

    /// A value could not be written as JSON.
    #[error("cannot write the output as json ({0}): this is a bug, please report it")]
    Json(#[from] serde_json::Error),

    /// The async runtime could not start.
    #[error("cannot start the async runtime ({0}): check the process's thread and file limits")]
    Runtime(#[source] std::io::Error),

    /// The server cannot listen on its address.
    #[error("cannot listen on {addr} (STORYBOT_LISTEN): free the port or set STORYBOT_LISTEN to another address: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },

    /// The HTTP server failed while serving.
    #[error("the http server failed ({0}): check the log above and restart storybot")]
    Serve(#[source] std::io::Error),

    /// Discord refused the bot token.
    #[error("discord refused the bot token ({how}): check DISCORD_TOKEN")]
    TokenRefused { how: String },

    /// The gateway's address could not be had from Discord (or the REST proxy).
    #[error("cannot get the gateway address from {url} ({cause}): {fix}")]
    GatewayAddress {
        url: String,
        cause: String,
        fix: &'static str,
    },

    /// Registering the slash commands failed.
    #[error("registering commands with discord failed ({0}): check DISCORD_TOKEN")]
    Register(#[source] Box<serenity::Error>),

    /// The gateway connection failed.
    #[error("the discord gateway failed ({0}): check the network and DISCORD_TOKEN")]
    Gateway(#[source] Box<serenity::Error>),

    /// The gateway's task ended abnormally.
    #[error("the gateway task stopped unexpectedly ({0}): restart storybot")]
    GatewayTask(#[source] tokio::task::JoinError),

    /// A health probe failed.
    #[error("{url}: {reason}")]
    Unhealthy { url: String, reason: String },
}

/// The front ends' result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// `Ok` when there are no problems, the one problem, or all of them together.
    pub fn from_problems(problems: Vec<Error>) -> Result<()> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::all(problems))
        }
    }

    /// The one problem, or all of them together.
    pub fn all(mut problems: Vec<Error>) -> Error {
        if problems.len() == 1 {
            problems.remove(0)
        } else {
            Error::Problems(problems)
        }
    }

    /// A problem with environment variable `key` (reported as `environment: KEY: reason`).
    pub fn environment(key: &str, reason: String) -> Error {
        Error::Config {
            path: PathBuf::from("environment"),
            key: key.into(),
            reason,
        }
    }

    /// Every problem this error holds: its list for [`Error::Problems`], else itself.
    pub fn into_problems(self) -> Vec<Error> {
        match self {
            Error::Problems(problems) => problems,
            other => vec![other],
        }
    }

    /// True for an output error whose reader went away (a closed pipe), which is not a
    /// failure.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
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

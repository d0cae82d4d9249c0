//! Settings from `config/storybot.toml`, checked once at load: answer defaults and the topic
//! commands (`/who-denied`, `/isf-mandate`, …) that admins define without recompiling. Every
//! error names the file, the key and the fix.

mod commands;

pub use commands::{Builtin, TopicCommand, MAX_COMMANDS};

use crate::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The default configuration file, relative to the working directory.
pub const DEFAULT_PATH: &str = "config/storybot.toml";

/// Answer defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AnswerSettings {
    /// Passages per answer.
    pub limit: usize,
}

impl Default for AnswerSettings {
    fn default() -> Self {
        AnswerSettings { limit: 3 }
    }
}

/// Discord front-end settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordSettings {
    /// Seconds until a member may ask one more question once their burst is used up (0
    /// turns the cooldown off).
    pub cooldown_seconds: u64,
    /// Questions a member may ask in a row before the cooldown applies.
    pub burst: u32,
}

impl Default for DiscordSettings {
    fn default() -> Self {
        DiscordSettings {
            cooldown_seconds: 3,
            burst: 3,
        }
    }
}

/// Service settings; each has an environment variable that overrides it (named in the
/// comments), checked with the environment at start.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    /// `STORYBOT_LISTEN`: the ops (and HTTP interactions) server's address.
    pub listen: Option<String>,
    /// `STORYBOT_SIGNATURE_WINDOW_SECONDS`: the replay window for signed requests.
    pub signature_window_seconds: Option<u64>,
    /// `STORYBOT_SHARDS`: total gateway shards.
    pub shards: Option<u32>,
    /// `STORYBOT_SHARD_RANGE`: this process's shards, `first-last`, inclusive.
    pub shard_range: Option<String>,
}

impl ServerSettings {
    /// The value this file gives for an environment variable's setting, as text.
    pub fn lookup(&self, env_key: &str) -> Option<String> {
        match env_key {
            "STORYBOT_LISTEN" => self.listen.clone(),
            "STORYBOT_SIGNATURE_WINDOW_SECONDS" => {
                self.signature_window_seconds.map(|n| n.to_string())
            }
            "STORYBOT_SHARDS" => self.shards.map(|n| n.to_string()),
            "STORYBOT_SHARD_RANGE" => self.shard_range.clone(),
            _ => None,
        }
    }
}

/// The checked configuration.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Answer defaults.
    #[serde(default)]
    pub answer: AnswerSettings,
    /// Discord front-end settings.
    #[serde(default)]
    pub discord: DiscordSettings,
    /// Service settings (environment variables override them).
    #[serde(default)]
    pub server: ServerSettings,
    /// Topic commands, in the order they are listed.
    #[serde(default, rename = "command")]
    pub commands: Vec<TopicCommand>,
    /// Where the configuration was read from (none for built-in defaults).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Config {
    /// Reads and checks `path`; every problem is reported, not only the first.
    pub fn load(path: &Path) -> Result<Config> {
        let config = Self::read(path)?;
        Error::from_problems(config.problems())?;
        Ok(config)
    }

    /// Reads `path` when it exists, else the built-in defaults (no topic commands).
    pub fn load_or_default(path: &Path) -> Result<Config> {
        if path.exists() {
            Self::load(path)
        } else {
            Ok(Config::default())
        }
    }

    /// Reads and parses `path` without checking the rules (see [`Config::problems`]).
    pub fn read(path: &Path) -> Result<Config> {
        let bytes = std::fs::read(path).map_err(|e| {
            let fix = if e.kind() == std::io::ErrorKind::NotFound {
                "create it (see README, topic commands) or pass --config PATH"
            } else {
                "check it is a readable file, or pass --config PATH"
            };
            Error::Config {
                path: path.to_path_buf(),
                key: "(file)".into(),
                reason: format!("cannot read it ({e}): {fix}"),
            }
        })?;
        let raw = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Error::Config {
                path: path.to_path_buf(),
                key: format!("line {line}"),
                reason: format!(
                    "is not UTF-8 text (an invalid byte at offset {at}): save the file as UTF-8"
                ),
            }
        })?;
        Self::parse_unchecked(path, &raw)
    }

    /// Parses and checks configuration text that came from `path`.
    pub fn parse(path: &Path, raw: &str) -> Result<Config> {
        let config = Self::parse_unchecked(path, raw)?;
        Error::from_problems(config.problems())?;
        Ok(config)
    }

    fn parse_unchecked(path: &Path, raw: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(raw).map_err(|e| {
            let line = e.span().map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 1);
            Error::Config {
                path: path.to_path_buf(),
                key: line.map_or_else(|| "(toml)".into(), |l| format!("line {l}")),
                reason: format!(
                    "{}: fix the TOML (sections: [answer] limit; [discord] cooldown_seconds, burst; [server] listen, signature_window_seconds, shards, shard_range; [[command]] name, description, question, speaker, article, limit)",
                    e.message().trim_end_matches('.')
                ),
            }
        })?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    fn error(&self, key: String, reason: String) -> Error {
        Error::Config {
            path: self.path.clone().unwrap_or_else(|| DEFAULT_PATH.into()),
            key,
            reason,
        }
    }

    /// Every rule the configuration breaks, each naming the file, the key and the fix.
    pub fn problems(&self) -> Vec<Error> {
        let mut problems = Vec::new();
        let mut err = |key: String, reason: String| problems.push(self.error(key, reason));
        if !(1..=10).contains(&self.answer.limit) {
            err(
                "answer.limit".into(),
                format!("is {}: use a number from 1 to 10", self.answer.limit),
            );
        }
        if self.discord.cooldown_seconds > 3600 {
            err(
                "discord.cooldown_seconds".into(),
                format!(
                    "is {}: use 0 (off) to 3600 seconds",
                    self.discord.cooldown_seconds
                ),
            );
        }
        if !(1..=20).contains(&self.discord.burst) {
            err(
                "discord.burst".into(),
                format!("is {}: use 1 to 20 questions in a row", self.discord.burst),
            );
        }
        if self.commands.len() + Builtin::ALL.len() > MAX_COMMANDS {
            err(
                "command".into(),
                format!(
                    "{} topic commands plus {} built-in ones exceed Discord's {MAX_COMMANDS}: remove some",
                    self.commands.len(),
                    Builtin::ALL.len()
                ),
            );
        }
        for (i, c) in self.commands.iter().enumerate() {
            for (field, reason) in c.problems() {
                err(format!("command[{i}].{field}"), reason);
            }
            if let Some(j) = self.commands[..i].iter().position(|o| o.name == c.name) {
                err(
                    format!("command[{i}].name"),
                    format!(
                        "`{}` is already used by command[{j}]: give each command its own name",
                        c.name
                    ),
                );
            }
        }
        problems
    }

    /// A problem for every topic command whose `article` is not in `library`.
    pub fn article_problems(&self, library: &crate::article::Library) -> Vec<Error> {
        let known: Vec<&str> = library.articles.iter().map(|a| a.slug.as_str()).collect();
        self.commands
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let slug = c.article.as_deref()?;
                (!known.contains(&slug)).then(|| {
                    self.error(
                        format!("command[{i}].article"),
                        format!(
                            "`{slug}` is not an article in {}: use one of {} (the file name without .txt), or remove the key",
                            library.data_dir.join("articles").display(),
                            known
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })
            })
            .collect()
    }

    /// The topic command named `name`.
    pub fn command(&self, name: &str) -> Result<&TopicCommand> {
        self.commands
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| Error::UnknownCommand {
                name: name.to_string(),
            })
    }
}

#[cfg(test)]
mod tests;

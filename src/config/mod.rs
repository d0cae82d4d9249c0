//! Settings from `config/storybot.toml`, checked once at load: answer defaults and the topic
//! commands (`/who-denied`, `/isf-mandate`, …) that admins define without recompiling. Every
//! error names the file, the key and the fix.

mod commands;

pub use commands::{TopicCommand, BUILTIN_COMMANDS, MAX_COMMANDS};

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
    /// Seconds a member waits between questions (0 turns the cooldown off).
    pub cooldown_seconds: u64,
}

impl Default for DiscordSettings {
    fn default() -> Self {
        DiscordSettings {
            cooldown_seconds: 3,
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
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let raw = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            key: "(file)".into(),
            reason: format!("cannot read it ({e}): create it or pass --config PATH"),
        })?;
        Self::parse(path, &raw)
    }

    /// Reads `path` when it exists, else the built-in defaults (no topic commands).
    pub fn load_or_default(path: &Path) -> Result<Config> {
        if path.exists() {
            Self::load(path)
        } else {
            Ok(Config::default())
        }
    }

    /// Parses and checks configuration text that came from `path`.
    pub fn parse(path: &Path, raw: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(raw).map_err(|e| {
            let line = e.span().map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 1);
            Error::Config {
                path: path.to_path_buf(),
                key: line.map_or_else(|| "(toml)".into(), |l| format!("line {l}")),
                reason: format!(
                    "{}: fix the TOML (sections: [answer] limit; [discord] cooldown_seconds; [server] listen, signature_window_seconds, shards, shard_range; [[command]] name, description, question, speaker, article, limit)",
                    e.message().trim_end_matches('.')
                ),
            }
        })?;
        config.path = Some(path.to_path_buf());
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> Result<()> {
        let err = |key: String, reason: String| Error::Config {
            path: path.to_path_buf(),
            key,
            reason,
        };
        if !(1..=10).contains(&self.answer.limit) {
            return Err(err(
                "answer.limit".into(),
                format!("is {}: use a number from 1 to 10", self.answer.limit),
            ));
        }
        if self.discord.cooldown_seconds > 3600 {
            return Err(err(
                "discord.cooldown_seconds".into(),
                format!(
                    "is {}: use 0 (off) to 3600 seconds",
                    self.discord.cooldown_seconds
                ),
            ));
        }
        if self.commands.len() + BUILTIN_COMMANDS.len() > MAX_COMMANDS {
            return Err(err(
                "command".into(),
                format!(
                    "{} topic commands plus {} built-in ones exceed Discord's {MAX_COMMANDS}: remove some",
                    self.commands.len(),
                    BUILTIN_COMMANDS.len()
                ),
            ));
        }
        for (i, c) in self.commands.iter().enumerate() {
            c.check()
                .map_err(|(field, reason)| err(format!("command[{i}].{field}"), reason))?;
            if let Some(j) = self.commands[..i].iter().position(|o| o.name == c.name) {
                return Err(err(
                    format!("command[{i}].name"),
                    format!(
                        "`{}` is already used by command[{j}]: give each command its own name",
                        c.name
                    ),
                ));
            }
        }
        Ok(())
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

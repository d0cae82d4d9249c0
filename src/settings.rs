//! Every setting storybot reads, loaded once in `main` (after `.env` is applied): the
//! process environment is snapshotted into an [`Env`] by [`Env::capture`], the only place
//! that reads it, and [`Settings::load`] builds one [`Settings`] in layers — built-in
//! defaults, then the config file's `[server]` section, then the environment, which wins.
//! Every consumer (the tracing setup, the commands, the services, the model) takes its values
//! from that struct.
//!
//! Command-line flags stay with clap and win over everything; clap reads no environment
//! variables itself. `STORYBOT_DATA` and `STORYBOT_CONFIG` (once clap `env` attributes) are
//! read here and used when `--data` / `--config` are not given.
//!
//! Problems are collected, not stopped at: the service settings ([`Settings::service`]) hold
//! every bad value at once, each naming the variable (or the file's `server.<field>` key when
//! the value came from the file) and the fix, and are checked only by the commands that need
//! them (`serve`, `healthcheck`, `check-config`). Settings only some commands need
//! (`DISCORD_TOKEN`, `DISCORD_GUILD_ID`, `DISCORD_API_BASE`) are kept as given and checked
//! where they are used ([`Discord::connection`]). Empty values count as unset.

use crate::config::{Config, DEFAULT_PATH};
use crate::discord::gateway;
use crate::{ops, Error, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A snapshot of the process environment (variables whose names and values are UTF-8).
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    /// The process environment now: the one place storybot reads it.
    pub fn capture() -> Env {
        Env {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    /// An environment holding just `pairs` (for tests).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Env {
        Env {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// `key`'s value as set, unless it is unset or blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.raw(key).filter(|v| !v.trim().is_empty())
    }

    /// `key`'s value as set, blank or not.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str)
    }
}

/// The Discord connection's settings, as given; checked by [`Discord::connection`].
#[derive(Debug, Clone, Default)]
pub struct Discord {
    /// `DISCORD_TOKEN`: the bot token (needed by `serve` and `register`).
    pub token: Option<String>,
    /// `DISCORD_GUILD_ID`: register commands to this server only.
    pub guild_id: Option<String>,
    /// `DISCORD_API_BASE`: send every REST call here.
    pub api_base: Option<String>,
}

impl Discord {
    /// The connection these settings describe, or the first problem with them.
    pub fn connection(&self) -> Result<gateway::Connection> {
        let Some(token) = self.token.as_deref().map(str::trim) else {
            return Err(Error::MissingSetting {
                key: "DISCORD_TOKEN",
                fix: "put the bot token in the environment or in .env (see README, Discord setup)",
            });
        };
        let guild_id = match &self.guild_id {
            Some(v) => Some(v.trim().parse::<u64>().map_err(|_| Error::BadSetting {
                key: "DISCORD_GUILD_ID",
                value: v.clone(),
                fix: "it must be a server id (digits only), or unset for global commands",
            })?),
            None => None,
        };
        let api_base = match &self.api_base {
            Some(v) => {
                let v = v.trim().trim_end_matches('/').to_string();
                if !(v.starts_with("http://") || v.starts_with("https://")) {
                    return Err(Error::BadSetting {
                        key: "DISCORD_API_BASE",
                        value: v,
                        fix: "it must start with http:// or https:// (default https://discord.com)",
                    });
                }
                (v != "https://discord.com").then_some(v)
            }
            None => None,
        };
        Ok(gateway::Connection {
            token: gateway::Token::new(token),
            guild_id,
            api_base,
            shards: None,
        })
    }
}

/// The embedding model's settings (see the `model` module of the command).
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// `STORYBOT_MODEL`: a model folder, or `lexical` for none.
    pub model: Option<String>,
    /// `STORYBOT_MODEL_DIR`: the model cache.
    pub dir: Option<String>,
    /// `STORYBOT_MODEL_FETCH`: `never` turns fetching off.
    pub fetch: Option<String>,
    /// `STORYBOT_PYPI_URL`: the registry's JSON API.
    pub pypi_url: Option<String>,
    /// `XDG_CACHE_HOME`, for the default cache.
    pub xdg_cache_home: Option<String>,
    /// `HOME`, for the default cache.
    pub home: Option<String>,
}

/// Every setting, in layers: defaults, the config file's `[server]` section, the environment.
#[derive(Debug)]
pub struct Settings {
    /// `STORYBOT_DATA` (default `index_data`): the data folder when `--data` is not given.
    pub data: PathBuf,
    /// `STORYBOT_CONFIG` (default [`DEFAULT_PATH`]): the config file when `--config` is not
    /// given.
    pub config: PathBuf,
    /// `RUST_LOG`, as set: the log filter (default `warn`).
    pub log_filter: Option<String>,
    /// `LOG_FORMAT=json`: one JSON object per log line. Other values are reported with the
    /// service settings.
    pub log_json: bool,
    /// `STORYBOT_PIN_STORE` (default `data/storybot.sqlite`): the pin store.
    pub pin_store: String,
    /// `DISCORD_TOKEN`, `DISCORD_GUILD_ID`, `DISCORD_API_BASE`.
    pub discord: Discord,
    /// `STORYBOT_MODEL`, `STORYBOT_MODEL_DIR`, `STORYBOT_MODEL_FETCH`, `STORYBOT_PYPI_URL`.
    pub model: Model,
    /// The service settings (`STORYBOT_LISTEN`, `DISCORD_PUBLIC_KEY`,
    /// `STORYBOT_SIGNATURE_WINDOW_SECONDS`, `STORYBOT_SHARDS`, `STORYBOT_SHARD_RANGE`,
    /// `LOG_FORMAT`), or every problem with them.
    pub service: std::result::Result<ops::Settings, Vec<Error>>,
}

impl Settings {
    /// The config file to read when `--config` is not given: `STORYBOT_CONFIG`, else
    /// [`DEFAULT_PATH`].
    pub fn config_path(env: &Env) -> PathBuf {
        PathBuf::from(env.get("STORYBOT_CONFIG").unwrap_or(DEFAULT_PATH))
    }

    /// Every setting from `env` over `file` (the config file, when one applies) over the
    /// defaults. Never fails: problems are kept in [`Settings::service`].
    pub fn load(env: &Env, file: Option<&Config>) -> Settings {
        let owned = |k: &str| env.get(k).map(str::to_string);
        Settings {
            data: PathBuf::from(env.get("STORYBOT_DATA").unwrap_or("index_data")),
            config: Settings::config_path(env),
            log_filter: env.raw("RUST_LOG").map(str::to_string),
            log_json: env.get("LOG_FORMAT").is_some_and(|v| v.trim() == "json"),
            pin_store: owned("STORYBOT_PIN_STORE")
                .unwrap_or_else(|| crate::pins::DEFAULT_PATH.to_string()),
            discord: Discord {
                token: owned("DISCORD_TOKEN"),
                guild_id: owned("DISCORD_GUILD_ID"),
                api_base: owned("DISCORD_API_BASE"),
            },
            model: Model {
                model: owned("STORYBOT_MODEL"),
                dir: owned("STORYBOT_MODEL_DIR"),
                fetch: owned("STORYBOT_MODEL_FETCH"),
                pypi_url: owned("STORYBOT_PYPI_URL"),
                xdg_cache_home: owned("XDG_CACHE_HOME"),
                home: owned("HOME"),
            },
            service: service(env, file).map_err(Error::into_problems),
        }
    }

    /// The service settings, or every problem with them.
    pub fn service(&self) -> std::result::Result<&ops::Settings, Vec<String>> {
        self.service
            .as_ref()
            .map_err(|problems| problems.iter().map(ToString::to_string).collect())
    }
}

/// The service settings: the environment over the file's `[server]` section over the
/// defaults; every problem at once, a bad value from the file named by its key.
fn service(env: &Env, file: Option<&Config>) -> Result<ops::Settings> {
    let from_file = |k: &str| file.and_then(|c| c.server.lookup(k));
    ops::Settings::from_lookup(|k| env.get(k).map(str::to_string).or_else(|| from_file(k))).map_err(
        |err| {
            let problems = err
                .into_problems()
                .into_iter()
                .map(|p| match p {
                    // A bad value that came from the file is reported as the file's key.
                    Error::Config { key, reason, .. }
                        if env.get(&key).is_none() && from_file(&key).is_some() =>
                    {
                        let path = file
                            .and_then(|c| c.path.clone())
                            .unwrap_or_else(|| DEFAULT_PATH.into());
                        let field = key.trim_start_matches("STORYBOT_").to_lowercase();
                        Error::Config {
                            path,
                            key: format!("server.{field}"),
                            reason: format!("{reason} (or set {key})"),
                        }
                    }
                    other => other,
                })
                .collect();
            Error::all(problems)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(server: &str) -> Config {
        Config::parse(Path::new("storybot.toml"), &format!("[server]\n{server}")).unwrap()
    }

    #[test]
    fn layers_apply_in_order_default_file_environment() {
        let listen = |env: &[(&str, &str)], file: Option<&Config>| {
            let s = Settings::load(&Env::from_pairs(env.iter().copied()), file);
            s.service.unwrap().listen.to_string()
        };
        let config = file("listen = \"127.0.0.1:9000\"\nsignature_window_seconds = 30");
        assert_eq!(listen(&[], None), ops::DEFAULT_LISTEN);
        assert_eq!(listen(&[], Some(&config)), "127.0.0.1:9000");
        assert_eq!(
            listen(&[("STORYBOT_LISTEN", "127.0.0.1:9100")], Some(&config)),
            "127.0.0.1:9100"
        );
        // A blank variable is unset: the file's value stands.
        assert_eq!(
            listen(&[("STORYBOT_LISTEN", "  ")], Some(&config)),
            "127.0.0.1:9000"
        );
        // The layers apply per key: the environment's listen, the file's window.
        let s = Settings::load(
            &Env::from_pairs([("STORYBOT_LISTEN", "127.0.0.1:9100")]),
            Some(&config),
        );
        assert_eq!(
            s.service.unwrap().signature_window,
            std::time::Duration::from_secs(30)
        );
        // Paths and the rest: defaults, then the environment.
        let s = Settings::load(&Env::default(), None);
        assert_eq!(s.data, Path::new("index_data"));
        assert_eq!(s.config, Path::new(DEFAULT_PATH));
        assert_eq!(s.pin_store, crate::pins::DEFAULT_PATH);
        let s = Settings::load(
            &Env::from_pairs([("STORYBOT_DATA", "d"), ("STORYBOT_PIN_STORE", "p.sqlite")]),
            None,
        );
        assert_eq!(s.data, Path::new("d"));
        assert_eq!(s.pin_store, "p.sqlite");
    }

    #[test]
    fn several_bad_values_are_reported_together() {
        let config = file("shards = 0\nlisten = \"nowhere\"");
        let s = Settings::load(
            &Env::from_pairs([
                ("STORYBOT_LISTEN", "localhost"),
                ("DISCORD_PUBLIC_KEY", "zz"),
                ("LOG_FORMAT", "yaml"),
            ]),
            Some(&config),
        );
        let problems = s.service().unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        for want in [
            // The environment's value wins over the file's, and is named as the variable.
            "environment: STORYBOT_LISTEN: is `localhost`",
            "environment: DISCORD_PUBLIC_KEY: is not 64 hex digits",
            "environment: LOG_FORMAT: is `yaml`",
            // A bad value from the file is named by the file's key.
            "storybot.toml: server.shards:",
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(want)),
                "{want}: {problems:#?}"
            );
        }
        assert!(problems
            .iter()
            .any(|p| p.contains("server.shards") && p.ends_with("(or set STORYBOT_SHARDS)")));
        // Settings the service does not need load regardless.
        assert!(!s.log_json);
        assert_eq!(s.data, Path::new("index_data"));
    }

    #[test]
    fn discord_settings_are_checked_where_needed() {
        let s = Settings::load(&Env::default(), None);
        let err = s.discord.connection().unwrap_err().to_string();
        assert!(err.starts_with("DISCORD_TOKEN is not set"), "{err}");
        let s = Settings::load(
            &Env::from_pairs([
                ("DISCORD_TOKEN", " t "),
                ("DISCORD_GUILD_ID", "42"),
                ("DISCORD_API_BASE", "http://localhost:1/"),
            ]),
            None,
        );
        let c = s.discord.connection().unwrap();
        assert_eq!(c.guild_id, Some(42));
        assert_eq!(c.api_base.as_deref(), Some("http://localhost:1"));
        let s = Settings::load(
            &Env::from_pairs([("DISCORD_TOKEN", "t"), ("DISCORD_GUILD_ID", "x")]),
            None,
        );
        assert!(s
            .discord
            .connection()
            .unwrap_err()
            .to_string()
            .starts_with("DISCORD_GUILD_ID is `x`"));
    }
}

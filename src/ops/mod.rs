//! Running storybot as a service: the settings that come from the environment
//! (`STORYBOT_LISTEN`, `DISCORD_PUBLIC_KEY`, `STORYBOT_SIGNATURE_WINDOW_SECONDS`,
//! `STORYBOT_SHARDS`, `STORYBOT_SHARD_RANGE`, `LOG_FORMAT`), checked once at start (layered
//! over the config file by [`crate::settings`]), and the [`Metrics`] both front ends keep.
//! Every problem names the variable and the fix.

pub mod metrics;
pub mod run;

pub use metrics::{Metrics, Outcome};

use crate::discord::gateway::Shards;
use crate::http::signature::PublicKey;
use crate::{Error, Result};
use std::net::SocketAddr;
use std::time::Duration;

/// Where the ops server (and, in HTTP mode, `/interactions`) listens by default.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:8080";
/// How far a request's `X-Signature-Timestamp` may be from now, by default.
pub const DEFAULT_SIGNATURE_WINDOW: Duration = Duration::from_secs(60);

/// Service settings: built-in defaults, overridden by the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `STORYBOT_LISTEN`: the ops server's address.
    pub listen: SocketAddr,
    /// `DISCORD_PUBLIC_KEY`: the application's public key (needed by `serve --http`).
    pub public_key: Option<PublicKey>,
    /// `STORYBOT_SIGNATURE_WINDOW_SECONDS`: the replay window for signed requests.
    pub signature_window: Duration,
    /// `STORYBOT_SHARDS` and `STORYBOT_SHARD_RANGE`: this process's gateway shards (one shard
    /// when unset).
    pub shards: Option<Shards>,
    /// `LOG_FORMAT=json`: one JSON object per log line.
    pub log_json: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: DEFAULT_LISTEN.parse().expect("the default address parses"),
            public_key: None,
            signature_window: DEFAULT_SIGNATURE_WINDOW,
            shards: None,
            log_json: false,
        }
    }
}

fn problem(key: &str, reason: String) -> Error {
    Error::environment(key, reason)
}

impl Settings {
    /// The settings from `get` (a variable's value, if set); every problem found, if any.
    /// Empty values count as unset. Several problems come as [`Error::Problems`].
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut s = Settings::default();
        let mut problems = Vec::new();
        if let Some(v) = get("STORYBOT_LISTEN") {
            match v.parse() {
                Ok(addr) => s.listen = addr,
                Err(_) => problems.push(problem(
                    "STORYBOT_LISTEN",
                    format!("is `{v}`: use an IP address and port, e.g. {DEFAULT_LISTEN} (all interfaces) or 127.0.0.1:8080"),
                )),
            }
        }
        if let Some(v) = get("DISCORD_PUBLIC_KEY") {
            match PublicKey::from_hex(&v) {
                Ok(key) => s.public_key = Some(key),
                Err(err) => {
                    let why = match err {
                        Error::BadPublicKey { reason } => reason,
                        other => other.to_string(),
                    };
                    problems.push(problem(
                        "DISCORD_PUBLIC_KEY",
                        format!("{why}: copy the 64 hex digits of Public Key from the developer portal's General Information tab"),
                    ))
                }
            }
        }
        if let Some(v) = get("STORYBOT_SIGNATURE_WINDOW_SECONDS") {
            match v.parse::<u64>() {
                Ok(n) if (1..=3600).contains(&n) => s.signature_window = Duration::from_secs(n),
                _ => problems.push(problem(
                    "STORYBOT_SIGNATURE_WINDOW_SECONDS",
                    format!(
                        "is `{v}`: use whole seconds from 1 to 3600 (default {})",
                        DEFAULT_SIGNATURE_WINDOW.as_secs()
                    ),
                )),
            }
        }
        match (get("STORYBOT_SHARDS"), get("STORYBOT_SHARD_RANGE")) {
            (None, None) => {}
            (None, Some(_)) => problems.push(problem(
                "STORYBOT_SHARD_RANGE",
                "is set without STORYBOT_SHARDS: set STORYBOT_SHARDS to the total number of shards across all processes".into(),
            )),
            (Some(total), range) => match Shards::parse(&total, range.as_deref()) {
                Ok(shards) => s.shards = Some(shards),
                Err(err) => problems.push(err),
            },
        }
        match get("LOG_FORMAT").as_deref() {
            None | Some("text") => {}
            Some("json") => s.log_json = true,
            Some(other) => problems.push(problem(
                "LOG_FORMAT",
                format!(
                    "is `{other}`: use `json` (one JSON object per line) or `text` (the default)"
                ),
            )),
        }
        Error::from_problems(problems)?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The settings from `vars`, or every problem's message.
    fn settings(vars: &[(&str, &str)]) -> Result<Settings, Vec<Error>> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned()).map_err(Error::into_problems)
    }

    #[test]
    fn defaults_without_environment() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.listen.to_string(), DEFAULT_LISTEN);
        assert!(s.public_key.is_none() && s.shards.is_none() && !s.log_json);
        assert_eq!(s.signature_window, DEFAULT_SIGNATURE_WINDOW);
    }

    #[test]
    fn every_problem_names_its_variable() {
        let errs = settings(&[
            ("STORYBOT_LISTEN", "localhost"),
            ("DISCORD_PUBLIC_KEY", "zz"),
            ("STORYBOT_SIGNATURE_WINDOW_SECONDS", "0"),
            ("STORYBOT_SHARDS", "2"),
            ("STORYBOT_SHARD_RANGE", "1-2"),
            ("LOG_FORMAT", "yaml"),
        ])
        .unwrap_err();
        assert_eq!(errs.len(), 5, "{errs:#?}");
        let errs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        for key in [
            "environment: STORYBOT_LISTEN: is `localhost`",
            "environment: DISCORD_PUBLIC_KEY:",
            "environment: STORYBOT_SIGNATURE_WINDOW_SECONDS: is `0`",
            "environment: STORYBOT_SHARD_RANGE:",
            "environment: LOG_FORMAT: is `yaml`",
        ] {
            assert!(errs.iter().any(|e| e.starts_with(key)), "{key}: {errs:#?}");
        }
    }

    #[test]
    fn shard_settings() {
        let s = settings(&[("STORYBOT_SHARDS", "4"), ("STORYBOT_SHARD_RANGE", "2-3")]).unwrap();
        assert_eq!(
            s.shards,
            Some(Shards {
                total: 4,
                first: 2,
                last: 3
            })
        );
        let all = settings(&[("STORYBOT_SHARDS", "3")]).unwrap();
        assert_eq!(
            all.shards,
            Some(Shards {
                total: 3,
                first: 0,
                last: 2
            })
        );
        assert!(settings(&[("STORYBOT_SHARD_RANGE", "0-1")]).is_err());
        assert!(settings(&[("STORYBOT_SHARDS", "0")]).is_err());
        assert!(settings(&[("STORYBOT_SHARDS", "2"), ("STORYBOT_SHARD_RANGE", "1-0")]).is_err());
    }
}

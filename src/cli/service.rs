//! Setting up the long-running services from the environment and the config: the bot
//! with its pin store, the Discord connection, the layered service settings, and the
//! shutdown signal.

use super::open;
use std::path::Path;
use storybot::config::{Config, DEFAULT_PATH};
use storybot::discord::{gateway, Bot};
use storybot::ops;
use storybot::{Error, Result};

/// The bot and its Discord connection, from the data folder, the config and the environment
/// (`DISCORD_TOKEN`, `DISCORD_GUILD_ID`, `DISCORD_API_BASE`).
pub(super) fn discord_setup(data: &Path, config: &Path) -> Result<(Bot, gateway::Connection)> {
    let connection = connection_from_env()?;
    let bot = with_pins(bot_setup(data, config)?, &connection)?;
    Ok((bot, connection))
}

/// Opens the pin store (`STORYBOT_PIN_STORE`, default `data/storybot.sqlite`), flags pins whose
/// source changed since they were pinned, and lets the bot pin through `connection`.
pub(super) fn with_pins(bot: Bot, connection: &gateway::Connection) -> Result<Bot> {
    let path = std::env::var("STORYBOT_PIN_STORE")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| storybot::pins::DEFAULT_PATH.to_string());
    let store =
        storybot::pins::PinStore::open(Path::new(&path)).map_err(|e| Error::PinStoreOpen {
            path: path.clone(),
            source: Box::new(e),
        })?;
    let (checked, stale) = store.recheck(&bot.index.library)?;
    tracing::info!(path = %path, pins = checked, source_changed = stale, "pin store ready");
    Ok(bot.with_pins(store, storybot::discord::rest::Rest::new(connection)))
}

/// The bot from the data folder and the config, with the start-up log line.
pub(super) fn bot_setup(data: &Path, config: &Path) -> Result<Bot> {
    let config = Config::load_or_default(config)?;
    let index = open(data)?;
    storybot::Error::from_problems(config.article_problems(&index.library))?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        articles = index.info.articles,
        paragraphs = index.info.paragraphs,
        index_hash = &index.info.content_hash[..12],
        "storybot starting"
    );
    Ok(Bot::new(index, config))
}

/// The service settings in layers: built-in defaults, then the config file's `[server]`
/// section, then the environment (`STORYBOT_*`, `DISCORD_*`); every problem at once.
pub(super) fn service_settings(config: &Config) -> Result<ops::Settings> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    ops::Settings::from_lookup(|k| env(k).or_else(|| config.server.lookup(k))).map_err(|err| {
        let problems = err
            .into_problems()
            .into_iter()
            .map(|p| match p {
                // A bad value that came from the file is reported as the file's key.
                Error::Config { key, reason, .. }
                    if env(&key).is_none() && config.server.lookup(&key).is_some() =>
                {
                    let file = config.path.clone().unwrap_or_else(|| DEFAULT_PATH.into());
                    let field = key.trim_start_matches("STORYBOT_").to_lowercase();
                    Error::Config {
                        path: file,
                        key: format!("server.{field}"),
                        reason: format!("{reason} (or set {key})"),
                    }
                }
                other => other,
            })
            .collect();
        Error::all(problems)
    })
}

pub(super) fn connection_from_env() -> Result<gateway::Connection> {
    let token = std::env::var("DISCORD_TOKEN").unwrap_or_default();
    if token.trim().is_empty() {
        return Err(Error::MissingSetting {
            key: "DISCORD_TOKEN",
            fix: "put the bot token in the environment or in .env (see README, Discord setup)",
        });
    }
    let guild_id = match std::env::var("DISCORD_GUILD_ID") {
        Ok(v) if !v.trim().is_empty() => {
            Some(v.trim().parse::<u64>().map_err(|_| Error::BadSetting {
                key: "DISCORD_GUILD_ID",
                value: v.clone(),
                fix: "it must be a server id (digits only), or unset for global commands",
            })?)
        }
        _ => None,
    };
    let api_base = match std::env::var("DISCORD_API_BASE") {
        Ok(v) if !v.trim().is_empty() => {
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
        _ => None,
    };
    Ok(gateway::Connection {
        token: gateway::Token::new(token.trim()),
        guild_id,
        api_base,
        shards: None,
    })
}

/// Completes on SIGTERM or Ctrl-C.
pub(super) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

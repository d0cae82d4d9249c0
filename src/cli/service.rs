//! Setting up the long-running services from the settings and the config: the bot with its
//! pin store, and the shutdown signal.

use super::open;
use std::path::Path;
use storybot::config::Config;
use storybot::discord::{gateway, Bot};
use storybot::settings::Model;
use storybot::{Error, Result};

/// Opens the pin store at `path` (`STORYBOT_PIN_STORE`, default `data/storybot.sqlite`), flags
/// pins whose source changed since they were pinned, and lets the bot pin through
/// `connection`.
pub(super) fn with_pins(bot: Bot, connection: &gateway::Connection, path: &str) -> Result<Bot> {
    let store =
        storybot::pins::PinStore::open(Path::new(path)).map_err(|e| Error::PinStoreOpen {
            path: path.to_string(),
            source: Box::new(e),
        })?;
    let (checked, stale) = store.recheck(&bot.index.library)?;
    tracing::info!(path = %path, pins = checked, source_changed = stale, "pin store ready");
    Ok(bot.with_pins(store, storybot::discord::rest::Rest::new(connection)))
}

/// The bot from the data folder and the config, with the start-up log line.
pub(super) fn bot_setup(data: &Path, config: Config, model: &Model) -> Result<Bot> {
    let index = open(data, model)?;
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

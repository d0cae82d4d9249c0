//! The long-running modes behind `storybot serve`: HTTP mode (`/interactions` plus the ops
//! endpoints on one server) and gateway mode (the serenity gateway plus the ops server), both
//! stopping cleanly when the shutdown future completes; and the `healthcheck` probe.

use super::Metrics;
use super::Settings;
use crate::discord::gateway::{self, Connection, Status};
use crate::discord::{commands, Bot};
use crate::http::signature::PublicKey;
use crate::http::{self, AppState, Mode};
use crate::interaction::Handler;
use crate::{Error, Result};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tracing::info;

/// How long shutdown waits for HTTP requests under way.
pub const DRAIN: Duration = Duration::from_secs(8);

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener> {
    let listen = |source| Error::Listen { addr, source };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(listen)?;
    let local = listener.local_addr().map_err(listen)?;
    info!(address = %local, "listening");
    Ok(listener)
}

/// The wiring both modes share: the bot as the transports' handler function, with metrics
/// (sized from the bot's story) wrapped around it. The transports know neither.
pub fn wire(bot: Arc<Bot>) -> (Handler, Arc<Metrics>) {
    let metrics = Arc::new(Metrics::new(
        bot.index.info.articles,
        bot.index.info.paragraphs,
    ));
    (metrics.around(bot.handler()), metrics)
}

/// HTTP mode: serves `POST /interactions` (verified with `key`) and the ops endpoints on
/// `settings.listen` until `shutdown`, then finishes the requests under way.
pub async fn serve_http(
    bot: Arc<Bot>,
    key: PublicKey,
    settings: &Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let (handler, metrics) = wire(bot);
    let state = AppState::new(
        handler,
        metrics,
        Mode::Interactions {
            key,
            window: settings.signature_window,
        },
    );
    let listener = bind(settings.listen).await?;
    info!(
        mode = "http",
        "ready for interactions at POST /interactions"
    );
    http::serve(listener, state, shutdown, DRAIN)
        .await
        .map_err(Error::Serve)?;
    info!("stopped");
    Ok(())
}

/// Gateway mode: runs the gateway (see [`gateway::serve`]) and the ops server side by side;
/// `shutdown` stops both.
pub async fn serve_gateway(
    bot: Arc<Bot>,
    connection: Connection,
    settings: &Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let status = Arc::new(Status::default());
    let commands = commands::all(&bot.config);
    let (handler, metrics) = wire(bot);
    let state = AppState::new(handler.clone(), metrics, Mode::Gateway(status.clone()));
    let listener = bind(settings.listen).await?;
    if let Some(s) = connection.shards {
        info!(
            total = s.total,
            first = s.first,
            last = s.last,
            "running shards first..=last"
        );
    }
    let stop = CancellationToken::new();
    let server = tokio::spawn(http::serve(
        listener,
        state,
        stop.clone().cancelled_owned(),
        DRAIN,
    ));
    let trigger = stop.clone();
    let result = gateway::serve(handler, commands, connection, status, async move {
        tokio::select! {
            () = shutdown => {}
            () = trigger.cancelled() => {}
        }
        trigger.cancel();
    })
    .await;
    stop.cancel();
    match tokio::time::timeout(DRAIN, server).await {
        Ok(Ok(Err(err))) => tracing::warn!(%err, "the ops server failed"),
        Ok(Err(err)) => tracing::warn!(%err, "the ops server panicked"),
        Err(_) => tracing::warn!("the ops server did not stop in time"),
        Ok(Ok(Ok(()))) => {}
    }
    result
}

/// The URL `storybot healthcheck` probes by default: `/healthz` on the listen address, reached
/// over loopback when it listens on every interface.
pub fn default_health_url(listen: SocketAddr) -> String {
    let host = match listen.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V4(ip) => ip.to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{}/healthz", listen.port())
}

/// GETs an `http://` URL and succeeds on status 200 (for Docker's HEALTHCHECK: a slim image has
/// no curl). The error ([`Error::Unhealthy`]) says what failed.
pub fn healthcheck(url: &str, timeout: Duration) -> Result<()> {
    let fail = |reason: String| Error::Unhealthy {
        url: url.to_string(),
        reason,
    };
    if !url.starts_with("http://") {
        return Err(fail("only http:// URLs are supported".into()));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(async {
        // The probe goes to this container's own port: never through a proxy.
        let client = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout)
            .no_proxy()
            .build()
            .map_err(|e| fail(format!("cannot set up the http client: {}", chain(&e))))?;
        let response = client.get(url).send().await.map_err(|e| {
            fail(if e.is_connect() {
                format!("cannot connect: {}", chain(&e))
            } else if e.is_timeout() {
                format!("no answer within {} s: {}", timeout.as_secs(), chain(&e))
            } else {
                format!("cannot send the request: {}", chain(&e))
            })
        })?;
        let status = response.status();
        if status == reqwest::StatusCode::OK {
            Ok(())
        } else {
            Err(fail(format!("answered {status}")))
        }
    })
}

/// An error and its causes, one after another.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_url_reaches_unspecified_addresses_over_loopback() {
        assert_eq!(
            default_health_url("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080/healthz"
        );
        assert_eq!(
            default_health_url("[::]:9000".parse().unwrap()),
            "http://[::1]:9000/healthz"
        );
        assert_eq!(
            default_health_url("10.1.2.3:80".parse().unwrap()),
            "http://10.1.2.3:80/healthz"
        );
    }

    #[test]
    fn healthcheck_reports_what_failed() {
        let err = healthcheck("https://x/healthz", Duration::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("only http://"));
        // A port nothing listens on (bound, then released).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = healthcheck(
            &format!("http://127.0.0.1:{port}/healthz"),
            Duration::from_secs(1),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("cannot connect"), "{err}");
    }
}

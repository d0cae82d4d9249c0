//! The long-running modes behind `storybot serve`: HTTP mode (`/interactions` plus the ops
//! endpoints on one server) and gateway mode (the serenity gateway plus the ops server), both
//! stopping cleanly when the shutdown future completes; and the `healthcheck` probe.

use super::Settings;
use crate::discord::gateway::{self, Connection, Status};
use crate::discord::Bot;
use crate::http::signature::PublicKey;
use crate::http::{self, AppState, Mode};
use anyhow::Context as _;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tracing::info;

/// How long shutdown waits for HTTP requests under way.
pub const DRAIN: Duration = Duration::from_secs(8);

async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("cannot listen on {addr} (STORYBOT_LISTEN): free the port or set STORYBOT_LISTEN to another address")
    })?;
    let local = listener.local_addr()?;
    info!(address = %local, "listening");
    Ok(listener)
}

/// HTTP mode: serves `POST /interactions` (verified with `key`) and the ops endpoints on
/// `settings.listen` until `shutdown`, then finishes the requests under way.
pub async fn serve_http(
    bot: Arc<Bot>,
    key: PublicKey,
    settings: &Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = AppState::new(
        bot,
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
    http::serve(listener, state, shutdown, DRAIN).await?;
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
) -> anyhow::Result<()> {
    let status = Arc::new(Status::default());
    let state = AppState::new(bot.clone(), Mode::Gateway(status.clone()));
    let metrics = state.metrics.clone();
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
    let result = gateway::serve(bot, connection, status, metrics, async move {
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
/// no curl). The error says what failed.
pub fn healthcheck(url: &str, timeout: Duration) -> Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs are supported"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = authority
        .to_socket_addrs()
        .map_err(|e| format!("{url}: cannot resolve {authority}: {e}"))?
        .next()
        .ok_or_else(|| format!("{url}: {authority} has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout)
        .map_err(|e| format!("{url}: cannot connect: {e}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| format!("{url}: {e}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("{url}: cannot send the request: {e}"))?;
    let mut head = [0u8; 64];
    let mut got = 0;
    while got < 12 {
        match stream.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(format!("{url}: no answer: {e}")),
        }
    }
    let line = String::from_utf8_lossy(&head[..got]);
    let status = line.split_whitespace().nth(1).unwrap_or("");
    if status == "200" {
        Ok(())
    } else {
        Err(format!(
            "{url}: answered {:?}",
            line.lines().next().unwrap_or("nothing")
        ))
    }
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
        let err = healthcheck("https://x/healthz", Duration::from_secs(1)).unwrap_err();
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
        .unwrap_err();
        assert!(err.contains("cannot connect"), "{err}");
    }
}

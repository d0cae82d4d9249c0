//! storybot's HTTP server (axum): the operations endpoints in both modes — `/healthz`
//! (alive), `/readyz` (ready for traffic), `/metrics` (Prometheus text) — and, in HTTP mode,
//! Discord's interactions endpoint `POST /interactions` (see [`interactions`]), which answers
//! with the same [`Handler`] function the gateway calls. The server knows no `Bot`.

pub mod interactions;
pub mod limits;
pub mod signature;

use crate::discord::gateway::Status;
use crate::interaction::Handler;
use crate::ops::Metrics;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use limits::{Limits, Replays};
use signature::PublicKey;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How the process talks to Discord, which decides what the server serves.
#[derive(Clone)]
pub enum Mode {
    /// The gateway delivers interactions; the server has the ops endpoints only, and is ready
    /// once the gateway is connected and the commands are registered.
    Gateway(Arc<Status>),
    /// Discord posts interactions to `/interactions`, signed with the application's key.
    Interactions {
        /// `DISCORD_PUBLIC_KEY`.
        key: PublicKey,
        /// How far `X-Signature-Timestamp` may be from now.
        window: Duration,
    },
}

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Interaction to response (in HTTP mode, what `POST /interactions` answers with).
    pub handler: Handler,
    /// What `/metrics` reports; the server counts the requests it refuses in it.
    pub metrics: Arc<Metrics>,
    /// Gateway or HTTP mode.
    pub mode: Mode,
    /// Set at shutdown: `/readyz` then answers 503 so load balancers stop sending traffic.
    pub draining: Arc<AtomicBool>,
    /// Client timeouts and the connection bound.
    pub limits: Limits,
    /// Interaction ids accepted within the signature window (replays are refused).
    pub replays: Arc<Replays>,
}

/// Interaction ids remembered at most (about 40 bytes each).
pub const MAX_REMEMBERED_IDS: usize = 200_000;

impl AppState {
    /// State answering with `handler` in `mode`, reporting `metrics`.
    pub fn new(handler: Handler, metrics: Arc<Metrics>, mode: Mode) -> AppState {
        let window = match &mode {
            Mode::Interactions { window, .. } => *window,
            Mode::Gateway(_) => Duration::ZERO,
        };
        AppState {
            handler,
            metrics,
            mode,
            draining: Arc::new(AtomicBool::new(false)),
            limits: Limits::default(),
            // A timestamp may be up to `window` either side of now, so an id must be
            // remembered for twice the window.
            replays: Arc::new(Replays::new(window * 2, MAX_REMEMBERED_IDS)),
        }
    }

    /// The gateway's state in gateway mode, `None` in HTTP mode.
    fn gateway_ready(&self) -> Option<bool> {
        match &self.mode {
            Mode::Gateway(status) => Some(status.ready.load(Ordering::SeqCst)),
            Mode::Interactions { .. } => None,
        }
    }

    /// `Err(why)` unless the process should get traffic.
    fn readiness(&self) -> Result<(), &'static str> {
        if self.draining.load(Ordering::SeqCst) {
            return Err("shutting down");
        }
        if self.gateway_ready() == Some(false) {
            return Err("the gateway is not connected yet");
        }
        Ok(())
    }
}

/// The server's routes: `/healthz`, `/readyz`, `/metrics`, and `POST /interactions` in HTTP mode.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics));
    if matches!(state.mode, Mode::Interactions { .. }) {
        router = router.route("/interactions", post(interactions::handle));
    }
    router.with_state(state)
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.readiness() {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {why}\n"),
        ),
    }
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let text = state
        .metrics
        .render(state.readiness().is_ok(), state.gateway_ready());
    (
        [(header::CONTENT_TYPE, crate::ops::metrics::CONTENT_TYPE)],
        text,
    )
}

/// Serves `state` on `listener` until `shutdown` completes; then `/readyz` turns 503, new
/// connections are refused, idle ones are closed and requests under way are finished (at most
/// `drain`). Each connection must send a request's headers within
/// `state.limits.header_timeout` (idle keep-alive connections are closed after it too), and at
/// most `state.limits.max_connections` are open at once.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    drain: Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let limits = state.limits;
    let draining = state.draining.clone();
    let app = router(state);
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!(%err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%err, "a connection ended with an error");
            }
            drop(permit);
        });
    }
    draining.store(true, Ordering::SeqCst);
    drop(listener);
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some HTTP requests were still under way at shutdown");
    }
    Ok(())
}

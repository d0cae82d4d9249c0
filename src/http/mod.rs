//! storybot's HTTP server (axum): the operations endpoints in both modes — `/healthz`
//! (alive), `/readyz` (ready for traffic), `/metrics` (Prometheus text) — and, in HTTP mode,
//! Discord's interactions endpoint `POST /interactions` (see [`interactions`]), which answers
//! with the same [`Bot::handle`] the gateway uses.

pub mod interactions;
pub mod signature;

use crate::discord::gateway::Status;
use crate::discord::Bot;
use crate::ops::Metrics;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use signature::PublicKey;
use std::future::{Future, IntoFuture};
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
    /// The bot (its index is loaded: a bot exists only with one).
    pub bot: Arc<Bot>,
    /// Interaction counters and latencies.
    pub metrics: Arc<Metrics>,
    /// Gateway or HTTP mode.
    pub mode: Mode,
    /// Set at shutdown: `/readyz` then answers 503 so load balancers stop sending traffic.
    pub draining: Arc<AtomicBool>,
}

impl AppState {
    /// State for `bot` in `mode`, with fresh metrics.
    pub fn new(bot: Arc<Bot>, mode: Mode) -> AppState {
        let metrics = Arc::new(Metrics::for_bot(&bot));
        AppState {
            bot,
            metrics,
            mode,
            draining: Arc::new(AtomicBool::new(false)),
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
        router = router.route(
            "/interactions",
            post(interactions::handle)
                .layer(axum::extract::DefaultBodyLimit::max(interactions::MAX_BODY)),
        );
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
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}

/// Serves `state` on `listener` until `shutdown` completes; then `/readyz` turns 503, new
/// connections are refused, and requests under way are finished (at most `drain`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    drain: Duration,
) -> std::io::Result<()> {
    let draining = state.draining.clone();
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, router(state)).with_graceful_shutdown(async move {
        shutdown.await;
        draining.store(true, Ordering::SeqCst);
        let _ = stopping_tx.send(());
    });
    let mut server = std::pin::pin!(server.into_future());
    tokio::select! {
        result = &mut server => return result,
        _ = stopping_rx => {}
    }
    match tokio::time::timeout(drain, server).await {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!("some HTTP requests were still under way at shutdown");
            Ok(())
        }
    }
}

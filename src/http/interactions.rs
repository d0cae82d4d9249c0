//! `POST /interactions`: Discord's HTTP interactions endpoint. Reads the body within the body
//! timeout (408) and size limit (413), checks the signature and its timestamp (401 otherwise),
//! the content type (415), the JSON (400) and that the interaction id was not already
//! accepted within the signature window (a replay: 401), then
//! answers with the response of the state's [`Handler`](crate::interaction::Handler) as the
//! body — the value the gateway would post.
//!
//! No deferral: answers and every other button make no network call and take milliseconds (see
//! `docs/BENCHMARKS.md`), far inside Discord's 3 seconds, so they are answered inline;
//! `storybot_answer_seconds` in `/metrics` watches that this stays true. The one exception is
//! a 📌 Pin/Unpin click, which makes one Discord REST call before answering: it is answered
//! inline too, so a pin call slower than about 2.5 s makes Discord show "interaction failed"
//! (the call's own timeout is in `src/discord/rest.rs`).

use super::AppState;
use crate::ops::Outcome;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use serenity::all::Interaction;
use std::time::SystemTime;
use tracing::debug;

/// The largest request body accepted (413 above it). Discord's interactions are a few KiB; a
/// button click carries its message, whose embeds are capped at 6,000 characters.
pub const MAX_BODY: usize = 256 * 1024;

fn refuse(state: &AppState, status: StatusCode, why: &'static str) -> Response {
    debug!(
        status = status.as_u16(),
        why, "refused an interactions request"
    );
    state.metrics.count("unverified".into(), Outcome::Rejected);
    state.metrics.refused(status.as_u16());
    (status, why).into_response()
}

/// The handler.
pub async fn handle(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let super::Mode::Interactions { key, window } = &state.mode else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let body = match tokio::time::timeout(
        state.limits.body_timeout,
        axum::body::to_bytes(body, MAX_BODY),
    )
    .await
    {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            return refuse(
                &state,
                StatusCode::PAYLOAD_TOO_LARGE,
                "the body is larger than 256 KiB",
            )
        }
        Err(_) => {
            let mut response = refuse(
                &state,
                StatusCode::REQUEST_TIMEOUT,
                "the body did not arrive in time",
            );
            response.headers_mut().insert(
                header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            return response;
        }
    };
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Err(why) = key.verify(
        text("x-signature-ed25519"),
        text("x-signature-timestamp"),
        &body,
        *window,
        SystemTime::now(),
    ) {
        return refuse(&state, StatusCode::UNAUTHORIZED, why.label());
    }
    let json = text(header::CONTENT_TYPE.as_str()).is_some_and(|ct| {
        ct.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return refuse(
            &state,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content type must be application/json",
        );
    }
    let interaction: Interaction = match serde_json::from_slice(&body) {
        Ok(i) => i,
        Err(err) => {
            debug!(%err, "an interaction could not be read");
            return refuse(&state, StatusCode::BAD_REQUEST, "not an interaction");
        }
    };
    // A repeated PING only gets PONG again; anything else is answered once per id.
    let ping = matches!(interaction, Interaction::Ping(_));
    if !ping && !state.replays.first_time(interaction.id().get()) {
        return refuse(
            &state,
            StatusCode::UNAUTHORIZED,
            "this interaction was already received",
        );
    }
    let Some(response) = (state.handler)(interaction).await else {
        return (StatusCode::BAD_REQUEST, "interaction type not supported").into_response();
    };
    match serde_json::to_value(&response) {
        Ok(mut value) => {
            // serenity writes PONG as {"type":1,"data":null}; Discord documents {"type":1}.
            if value.get("data").is_some_and(Value::is_null) {
                if let Some(map) = value.as_object_mut() {
                    map.remove("data");
                }
            }
            Json(value).into_response()
        }
        Err(err) => {
            tracing::error!(%err, "could not serialize a response");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

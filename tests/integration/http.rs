//! Discord's HTTP interactions endpoint, through the router without a socket (tower's
//! `oneshot`) and once over a real socket: signed requests with a test key are answered with
//! bodies valid against Discord's schema; tampered, forged, stale and unsigned ones get 401;
//! PING gets PONG; the ops endpoints answer in both modes.

use crate::discord_fake::{
    autocomplete, bot_message, button, opt_str, slash, validate_with_discord_schema, Recorded,
};
use crate::util::{index_of, root, SEED};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use storybot::config::Config;
use storybot::discord::gateway::Status;
use storybot::discord::Bot;
use storybot::http::signature::{hex, PublicKey};
use storybot::http::{router, AppState, Mode};
use tower::ServiceExt;

/// The test application's signing key (Discord holds the real one).
pub const TEST_SEED: [u8; 32] = [42; 32];

/// The test key's public half, as `DISCORD_PUBLIC_KEY` holds it.
pub fn test_public_key_hex() -> String {
    hex(SigningKey::from_bytes(&TEST_SEED)
        .verifying_key()
        .as_bytes())
}

/// Now, in Unix seconds.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// `X-Signature-Ed25519` for `body` at `timestamp`, by `seed`'s key.
pub fn sign_with(seed: &[u8; 32], timestamp: &str, body: &[u8]) -> String {
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(body);
    hex(&SigningKey::from_bytes(seed).sign(&message).to_bytes())
}

/// A PING as Discord sends it.
pub fn ping() -> Value {
    json!({"id": "1600000000000000001", "application_id": crate::discord_fake::APP_ID,
           "type": 1, "token": "tok-ping", "version": 1})
}

/// The seed story's bot with the shipped config (cooldown off) and its data folder.
pub fn test_bot() -> (tempfile::TempDir, Arc<Bot>) {
    paged_bot(None)
}

/// The seed's bot, showing `per_page` answers a page when given (else the shipped setting).
fn paged_bot(per_page: Option<usize>) -> (tempfile::TempDir, Arc<Bot>) {
    let (dir, index) = index_of(SEED);
    let mut config = Config::load(&root().join("config/storybot.toml")).expect("shipped config");
    config.discord.cooldown_seconds = 0;
    if let Some(n) = per_page {
        config.answer.limit = n;
    }
    (dir, Arc::new(Bot::new(index, config)))
}

fn http_state(bot: Arc<Bot>) -> AppState {
    let key = PublicKey::from_hex(&test_public_key_hex()).unwrap();
    let (handler, metrics) = storybot::ops::run::wire(bot);
    AppState::new(
        handler,
        metrics,
        Mode::Interactions {
            key,
            window: Duration::from_secs(60),
        },
    )
}

fn signed(body: &Value, timestamp: u64) -> Request<Body> {
    let body = body.to_string();
    let ts = timestamp.to_string();
    Request::post("/interactions")
        .header("content-type", "application/json")
        .header(
            "x-signature-ed25519",
            sign_with(&TEST_SEED, &ts, body.as_bytes()),
        )
        .header("x-signature-timestamp", ts)
        .body(Body::from(body))
        .unwrap()
}

async fn send(state: &AppState, request: Request<Body>) -> (StatusCode, String) {
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(state: &AppState, path: &str) -> (StatusCode, String) {
    send(state, Request::get(path).body(Body::empty()).unwrap()).await
}

/// A reply as if Discord had received it at the callback route, for schema validation.
fn as_callback(id: u64, body: &str) -> Recorded {
    Recorded {
        method: "POST".into(),
        path: format!("/api/v10/interactions/{id}/tok-{id}/callback"),
        body: Some(serde_json::from_str(body).expect("the reply is JSON")),
        status: 200,
    }
}

#[tokio::test]
async fn signed_interactions_get_schema_valid_replies() {
    let (_dir, bot) = test_bot();
    let state = http_state(bot);
    let mut replies = Vec::new();

    let (status, body) = send(&state, signed(&ping(), now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"type": 1})
    );
    replies.push(as_callback(1_600_000_000_000_000_001, &body));

    let ask = slash(
        2,
        "ask",
        vec![opt_str("question", "Who denied the report?")],
    );
    let (status, body) = send(&state, signed(&ask, now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(card["type"], 4);
    assert!(card["data"]["embeds"]
        .to_string()
        .contains("Information ministry"));
    replies.push(as_callback(2, &body));

    let (status, body) = send(&state, signed(&slash(3, "who-denied", vec![]), now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    replies.push(as_callback(3, &body));

    let (status, body) = send(&state, signed(&slash(4, "help", vec![]), now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    replies.push(as_callback(4, &body));

    let typed = autocomplete(5, "ask", "question", "who");
    let (status, body) = send(&state, signed(&typed, now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["type"], 8);
    replies.push(as_callback(5, &body));

    // A click on the first card's "More answers" button.
    let more = card["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .find(|id| id.contains(":more:"));
    if let Some(more) = more {
        let data = &card["data"];
        let shown = bot_message(
            2,
            data["content"].as_str().unwrap_or(""),
            data["embeds"].clone(),
            data["components"].clone(),
            data["flags"].as_u64().unwrap_or(0),
        );
        let (status, body) = send(&state, signed(&button(6, &more, shown), now())).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        replies.push(as_callback(6, &body));
    }

    validate_with_discord_schema(&replies)
        .unwrap_or_else(|e| panic!("a reply broke Discord's schema:\n{e}"));

    let (_, metrics) = get(&state, "/metrics").await;
    assert!(
        metrics.contains("storybot_interactions_total{command=\"ask\",outcome=\"card\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("storybot_interactions_total{command=\"ping\",outcome=\"pong\"} 1"));
    assert!(metrics.contains("storybot_answer_seconds_count "));
}

#[tokio::test]
async fn tampered_forged_stale_and_unsigned_requests_get_401() {
    let (_dir, bot) = test_bot();
    let state = http_state(bot);
    let body = slash(7, "who-denied", vec![]).to_string();
    let ts = now().to_string();
    let good = sign_with(&TEST_SEED, &ts, body.as_bytes());
    let request = |sig: Option<&str>, ts: Option<&str>, body: &str| {
        let mut r = Request::post("/interactions").header("content-type", "application/json");
        if let Some(sig) = sig {
            r = r.header("x-signature-ed25519", sig);
        }
        if let Some(ts) = ts {
            r = r.header("x-signature-timestamp", ts);
        }
        r.body(Body::from(body.to_string())).unwrap()
    };

    let tampered = body.replace("who-denied", "who-denies");
    let forged = sign_with(&[9; 32], &ts, body.as_bytes());
    let old = (now() - 600).to_string();
    let future = (now() + 600).to_string();
    let cases = [
        ("tampered body", request(Some(&good), Some(&ts), &tampered)),
        ("other key", request(Some(&forged), Some(&ts), &body)),
        (
            "timestamp changed",
            request(Some(&good), Some(&(now() + 1).to_string()), &body),
        ),
        (
            "old timestamp (replay)",
            request(
                Some(&sign_with(&TEST_SEED, &old, body.as_bytes())),
                Some(&old),
                &body,
            ),
        ),
        (
            "future timestamp",
            request(
                Some(&sign_with(&TEST_SEED, &future, body.as_bytes())),
                Some(&future),
                &body,
            ),
        ),
        ("no signature", request(None, Some(&ts), &body)),
        ("no timestamp", request(Some(&good), None, &body)),
        ("not hex", request(Some("xyz"), Some(&ts), &body)),
    ];
    for (what, r) in cases {
        let (status, text) = send(&state, r).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {text}");
    }
    // The untouched request still passes.
    let (status, _) = send(&state, request(Some(&good), Some(&ts), &body)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, metrics) = get(&state, "/metrics").await;
    assert!(
        metrics
            .contains("storybot_interactions_total{command=\"unverified\",outcome=\"rejected\"} 8"),
        "{metrics}"
    );
}

#[tokio::test]
async fn wrong_content_type_oversized_and_unreadable_bodies_are_refused() {
    let (_dir, bot) = test_bot();
    let state = http_state(bot);
    let ts = now().to_string();
    let body = ping().to_string();
    let text_plain = Request::post("/interactions")
        .header("content-type", "text/plain")
        .header(
            "x-signature-ed25519",
            sign_with(&TEST_SEED, &ts, body.as_bytes()),
        )
        .header("x-signature-timestamp", &ts)
        .body(Body::from(body))
        .unwrap();
    assert_eq!(
        send(&state, text_plain).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );

    let huge = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(storybot::http::interactions::MAX_BODY)
    );
    let big = Request::post("/interactions")
        .header("content-type", "application/json")
        .header(
            "x-signature-ed25519",
            sign_with(&TEST_SEED, &ts, huge.as_bytes()),
        )
        .header("x-signature-timestamp", &ts)
        .body(Body::from(huge))
        .unwrap();
    assert_eq!(send(&state, big).await.0, StatusCode::PAYLOAD_TOO_LARGE);

    let (status, _) = send(&state, signed(&json!({"type": 99}), now())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, _) = send(
        &state,
        Request::get("/interactions").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn ops_endpoints_in_http_mode() {
    let (_dir, bot) = test_bot();
    let paragraphs = bot.index.info.paragraphs;
    let state = http_state(bot);
    assert_eq!(
        get(&state, "/healthz").await,
        (StatusCode::OK, "ok\n".into())
    );
    assert_eq!(get(&state, "/readyz").await.0, StatusCode::OK);
    let (status, metrics) = get(&state, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    for line in [
        "storybot_ready 1",
        "storybot_articles 1",
        "# TYPE storybot_answer_seconds histogram",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
    assert!(!metrics.contains("storybot_gateway_connected"));
    assert!(metrics.contains(&format!("storybot_paragraphs {paragraphs}")));
    state.draining.store(true, Ordering::SeqCst);
    assert_eq!(
        get(&state, "/readyz").await.0,
        StatusCode::SERVICE_UNAVAILABLE,
        "not ready while draining"
    );
}

#[tokio::test]
async fn ops_endpoints_in_gateway_mode_follow_the_gateway() {
    let (_dir, bot) = test_bot();
    let status = Arc::new(Status::default());
    let (handler, metrics) = storybot::ops::run::wire(bot);
    let state = AppState::new(handler, metrics, Mode::Gateway(status.clone()));
    assert_eq!(get(&state, "/healthz").await.0, StatusCode::OK);
    let (code, text) = get(&state, "/readyz").await;
    assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
    assert!(text.contains("gateway"), "{text}");
    assert!(get(&state, "/metrics")
        .await
        .1
        .contains("storybot_gateway_connected 0"));
    status.ready.store(true, Ordering::SeqCst);
    assert_eq!(get(&state, "/readyz").await.0, StatusCode::OK);
    assert!(get(&state, "/metrics")
        .await
        .1
        .contains("storybot_gateway_connected 1"));
    let (code, _) = send(&state, signed(&ping(), now())).await;
    assert_eq!(
        code,
        StatusCode::NOT_FOUND,
        "no /interactions in gateway mode"
    );
}

/// A minimal HTTP/1.1 client over loopback: `(status, body)`.
pub async fn raw_request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &str,
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    parse_response(&out)
}

/// `(status, body)` of a raw HTTP/1.1 response (no chunked encoding expected).
pub fn parse_response(raw: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(raw);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The headers of a signed JSON request for `body`.
pub fn signed_headers(body: &str) -> Vec<(&'static str, String)> {
    let ts = now().to_string();
    vec![
        ("Content-Type", "application/json".into()),
        (
            "X-Signature-Ed25519",
            sign_with(&TEST_SEED, &ts, body.as_bytes()),
        ),
        ("X-Signature-Timestamp", ts),
    ]
}

#[tokio::test]
async fn real_socket_round_trip_and_graceful_stop() {
    let (_dir, bot) = test_bot();
    let state = http_state(bot);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(storybot::http::serve(
        listener,
        state,
        async move {
            let _ = stopped.await;
        },
        Duration::from_secs(5),
    ));
    let body = ping().to_string();
    let (status, reply) =
        raw_request(addr, "POST", "/interactions", &signed_headers(&body), &body).await;
    assert_eq!((status, reply.as_str()), (200, "{\"type\":1}"));
    let (status, _) = raw_request(addr, "POST", "/interactions", &[], &body).await;
    assert_eq!(status, 401);
    assert_eq!(raw_request(addr, "GET", "/healthz", &[], "").await.0, 200);
    stop.send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap();
    assert!(result.is_ok(), "{result:?}");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections after the stop"
    );
}

#[tokio::test]
async fn replayed_interactions_are_refused_and_refusals_are_counted() {
    let (_dir, bot) = test_bot();
    let state = http_state(bot);
    let ask = slash(
        700,
        "ask",
        vec![opt_str("question", "Who denied the report?")],
    );
    assert_eq!(send(&state, signed(&ask, now())).await.0, StatusCode::OK);
    // The same signed interaction again, inside the signature window: a replay.
    let (status, text) = send(&state, signed(&ask, now())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
    let other = slash(
        701,
        "ask",
        vec![opt_str("question", "Who denied the report?")],
    );
    assert_eq!(send(&state, signed(&other, now())).await.0, StatusCode::OK);

    let huge = "x".repeat(storybot::http::interactions::MAX_BODY + 1);
    let big = Request::post("/interactions")
        .header("content-type", "application/json")
        .body(Body::from(huge))
        .unwrap();
    assert_eq!(send(&state, big).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let body = ping().to_string();
    let ts = now().to_string();
    let text_plain = Request::post("/interactions")
        .header("content-type", "text/plain")
        .header(
            "x-signature-ed25519",
            sign_with(&TEST_SEED, &ts, body.as_bytes()),
        )
        .header("x-signature-timestamp", &ts)
        .body(Body::from(body))
        .unwrap();
    assert_eq!(
        send(&state, text_plain).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let (_, metrics) = get(&state, "/metrics").await;
    for line in [
        "storybot_http_refused_total{status=\"401\"} 1",
        "storybot_http_refused_total{status=\"413\"} 1",
        "storybot_http_refused_total{status=\"415\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
}

/// Reads until the server closes the connection; `None` if it is still open after a long
/// guard (the server keeps stalled connections).
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> Option<Vec<u8>> {
    use tokio::io::AsyncReadExt;
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut out))
        .await
        .ok()
        // A reset (an `Err` read) also means the server closed it.
        .map(|_read| out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_and_idle_connections_are_closed() {
    use tokio::io::AsyncWriteExt;
    let (_dir, bot) = test_bot();
    let mut state = http_state(bot);
    state.limits = storybot::http::limits::Limits {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        max_connections: 4,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(storybot::http::serve(
        listener,
        state,
        async move {
            let _ = stopped.await;
        },
        Duration::from_secs(5),
    ));
    let connect = || tokio::net::TcpStream::connect(addr);

    // Part of the headers, then nothing.
    let mut partial = connect().await.unwrap();
    partial
        .write_all(b"POST /interactions HTTP/1.1\r\nHost: storybot\r\nContent-Type: appli")
        .await
        .unwrap();
    assert!(
        read_until_closed(&mut partial).await.is_some(),
        "a connection that never finished its headers was kept open"
    );

    // Connected, then silent.
    let mut idle = connect().await.unwrap();
    assert!(
        read_until_closed(&mut idle).await.is_some(),
        "an idle connection was kept open"
    );

    // Headers promising a large body, then one byte of it.
    let mut slow = connect().await.unwrap();
    slow.write_all(
        b"POST /interactions HTTP/1.1\r\nHost: storybot\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{",
    )
    .await
    .unwrap();
    let reply = read_until_closed(&mut slow)
        .await
        .expect("a connection whose body stalled was kept open");
    assert_eq!(
        parse_response(&reply).0,
        408,
        "{}",
        String::from_utf8_lossy(&reply)
    );

    // More stalled connections than the bound: once they are closed the server answers.
    let mut stalled = Vec::new();
    for _ in 0..8 {
        let mut s = connect().await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
        stalled.push(s);
    }
    assert_eq!(raw_request(addr, "GET", "/healthz", &[], "").await.0, 200);

    stop.send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap();
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn the_endpoint_answers_with_any_handler_function_and_metrics_wrap_it() {
    // No Bot at all: the transport takes a plain function from interaction to response.
    let plain =
        storybot::interaction::handler(|interaction: serenity::all::Interaction| async move {
            let text = format!(
                "seen {}",
                storybot::ops::metrics::command_label(&interaction)
            );
            Some(serenity::all::CreateInteractionResponse::Message(
                serenity::all::CreateInteractionResponseMessage::new().content(text),
            ))
        });
    let metrics = Arc::new(storybot::ops::Metrics::new(0, 0));
    let key = PublicKey::from_hex(&test_public_key_hex()).unwrap();
    let state = AppState::new(
        metrics.around(plain),
        metrics.clone(),
        Mode::Interactions {
            key,
            window: Duration::from_secs(60),
        },
    );
    let ask = slash(7, "ask", vec![opt_str("question", "Anything?")]);
    let (status, body) = send(&state, signed(&ask, now())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let reply: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(reply["data"]["content"], "seen ask", "{body}");
    let (_, text) = get(&state, "/metrics").await;
    assert!(
        text.contains("storybot_interactions_total{command=\"ask\",outcome=\"text\"} 1"),
        "{text}"
    );
}

/// The custom ids of a reply's buttons.
fn button_ids(reply: &Value) -> Vec<String> {
    reply["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_question_with_markdown_mentions_and_quotes_survives_more_answers_exactly() {
    // One answer a page, so that the question has a second page.
    let (_dir, bot) = paged_bot(Some(1));
    let state = http_state(bot);
    // Short enough to travel in the button's id, and too long for it (a key into the cache).
    let short = "Who said the \"story\" was *fabricated*? @everyone _really_ `x`";
    let long = format!(
        "{short} Who said the story was fake and who denied the report, what did the ministry \
         say about the fake story and the report, was the news fabricated, who rejected it?"
    );
    for (n, question) in [(0u64, short.to_string()), (1, long)] {
        let ask = slash(100 + n, "ask", vec![opt_str("question", &question)]);
        let (status, body) = send(&state, signed(&ask, now())).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let first: Value = serde_json::from_str(&body).unwrap();
        let author = first["data"]["embeds"][0]["author"]["name"].clone();
        assert!(author.as_str().is_some(), "{first}");
        let more = button_ids(&first)
            .into_iter()
            .find(|i| i.starts_with("sb1:more:"))
            .unwrap_or_else(|| panic!("a More answers button: {first}"));
        assert!(more.len() <= 100, "{more}");
        let inline = more.contains('"');
        assert_eq!(inline, n == 0, "short inline, long as a cache key: {more}");
        // The clicked message carries no embeds: nothing can be read back from the card.
        let bare = bot_message(900 + n, "", json!([]), json!([]), 0);
        let (status, body) = send(&state, signed(&button(200 + n, &more, bare), now())).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page2: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            page2["data"]["embeds"][0]["author"]["name"], author,
            "page 2 answers the same question: {page2}"
        );
        // And page 2's own button carries the question on, unchanged.
        let again = button_ids(&page2);
        let pub_id = again.iter().find(|i| i.starts_with("sb1:pub:")).unwrap();
        let stated = storybot::discord::buttons::Button::parse(pub_id).unwrap();
        let first_more = storybot::discord::buttons::Button::parse(&more).unwrap();
        assert_eq!(
            stated.question(),
            first_more.question(),
            "{pub_id} vs {more}"
        );
    }
}

/// "More answers" is offered only when there is a next page: at every page size, a card's
/// button leads to a card with an answer, never to "No more answers".
#[tokio::test]
async fn more_answers_is_offered_only_when_a_next_page_exists() {
    let mut offered = 0;
    let mut withheld = 0;
    for per_page in 1..=4 {
        let (_dir, bot) = paged_bot(Some(per_page));
        let state = http_state(bot);
        for (n, question) in ["Who denied the report?", "What did CNN-News 18 report?"]
            .iter()
            .enumerate()
        {
            let id = 300 + 10 * per_page as u64 + n as u64;
            let ask = slash(id, "ask", vec![opt_str("question", question)]);
            let (status, body) = send(&state, signed(&ask, now())).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let card: Value = serde_json::from_str(&body).unwrap();
            let Some(more) = button_ids(&card)
                .into_iter()
                .find(|i| i.starts_with("sb1:more:"))
            else {
                withheld += 1;
                continue;
            };
            offered += 1;
            let bare = bot_message(id + 1000, "", json!([]), json!([]), 0);
            let (status, body) = send(&state, signed(&button(id + 2000, &more, bare), now())).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let page2: Value = serde_json::from_str(&body).unwrap();
            assert!(
                page2["data"]["embeds"][0]["author"]["name"].is_string(),
                "{question} at {per_page} a page: a More button led to no answer: {page2}"
            );
        }
    }
    // Both cases occur: small pages have a next one, large pages hold every answer.
    assert!(
        offered > 0 && withheld > 0,
        "offered {offered}, withheld {withheld}"
    );
}

//! A fake Discord on loopback for end-to-end tests of the real bot binary: the REST routes the bot
//! uses (under `/api/v10`) and a gateway WebSocket (`/ws`), in one axum server on `127.0.0.1:0`.
//!
//! The fake behaves like Discord where a bot bug would show:
//! - REST calls that need the bot token (`/gateway/bot`, `/applications/…`, `/channels/…`) get
//!   `401` without `Authorization: Bot <token>`; interaction callbacks and webhooks need none.
//! - The application, guild and channel ids must be [`APP_ID`], [`GUILD_ID`] and [`CHANNEL_ID`].
//! - An interaction callback must name an interaction sent by [`FakeDiscord::send_interaction`]
//!   with its token (else `404 Unknown interaction`), may be sent only once (else
//!   `400 … already been acknowledged`), and its `type` must suit the interaction (autocomplete
//!   → 8; command → 4, 5, 9; button → 4–7, 9; else `400 Invalid Form Body`).
//! - Followups and edits of `@original` need an acknowledged interaction (else `404 Unknown Webhook`).
//! - Pins need a message the fake knows (one it created, or the `message` of a sent button click)
//!   that is not ephemeral (else `404 Unknown Message`).
//! - Anything else is `404 {"message":"404: Not Found","code":0}`.
//!
//! Every REST request is recorded ([`FakeDiscord::requests`]); every one answered with a 4xx is
//! also in [`FakeDiscord::unexpected`], so `assert!(fake.unexpected().is_empty())` catches them all.
//!
//! [`validate_with_discord_schema`] checks the recorded bodies against Discord's OpenAPI-derived
//! schemas and documented limits (`tests/schema/`; its pinned npm packages are installed on
//! first use, which needs Node.js and npm).

#![allow(dead_code)] // a toolbox: each test module uses a different part of it

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot, watch};

/// The bot's application id (also its user id), announced in READY.
pub const APP_ID: &str = "1100000000000000001";
/// The test guild: the only guild the fake knows.
pub const GUILD_ID: &str = "1200000000000000001";
/// The channel every interaction comes from: the only channel the fake knows.
pub const CHANNEL_ID: &str = "1300000000000000001";
/// The member [`slash`], [`autocomplete`] and [`button`] act as.
pub const DEFAULT_USER_ID: &str = "1400000000000000001";
/// The bot token [`FakeDiscord::start`] expects.
pub const DEFAULT_TOKEN: &str = "fake-token";
/// An ordinary member's computed permissions (view, send, embed, attach, history, reactions,
/// external emojis, voice basics, threads, application commands): no management rights.
pub const MEMBER_PERMISSIONS: &str = "448928271937";
/// What Discord sends for an administrator: every permission bit.
pub const ADMIN_PERMISSIONS: &str = "2251799813685247";
/// The heartbeat interval announced in HELLO (Discord's usual value).
pub const HEARTBEAT_INTERVAL_MS: u64 = 41_250;

/// The session id announced in READY and expected in RESUME.
const SESSION_ID: &str = "fake-session-1";
const TIMESTAMP: &str = "2024-01-01T00:00:00.000000+00:00";

/// One REST request the fake answered.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path without the query string, e.g. `/api/v10/interactions/1/tok-1/callback`.
    pub path: String,
    /// The JSON body, if any (a body that is not JSON is kept as a JSON string).
    pub body: Option<Value>,
    /// The status the fake answered.
    pub status: u16,
}

/// What the fake knows of one interaction it dispatched.
#[derive(Debug)]
struct Interaction {
    token: String,
    kind: u64,
    acknowledged: bool,
    /// The message `@original` stands for, once there is one.
    original: Option<String>,
}

enum Outgoing {
    Dispatch {
        t: String,
        d: Value,
        sent: oneshot::Sender<u64>,
    },
    Close(u16),
}

#[derive(Default)]
struct World {
    requests: Vec<Recorded>,
    unexpected: Vec<Recorded>,
    identified: Option<Value>,
    gateway_frames: Vec<Value>,
    readies: u64,
    resumes: u64,
    auth_failures: u64,
    disconnects: u64,
    close_codes: Vec<Option<u16>>,
    /// The session interactions go to: (session number, its outbox), once READY or RESUMED is sent.
    session: Option<(u64, mpsc::UnboundedSender<Outgoing>)>,
    interactions: HashMap<String, Interaction>,
    messages: HashMap<String, Value>,
    pinned: BTreeSet<String>,
    callbacks_started: BTreeSet<String>,
    callback_delay: Duration,
    next_message: u64,
    next_session: u64,
}

struct Shared {
    token: String,
    port: u16,
    seq: AtomicU64,
    world: Mutex<World>,
    /// Bumped on every change of `world`, for the `wait_*` methods.
    changed: watch::Sender<u64>,
}

impl Shared {
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }

    /// Waits until `cond` gives `Some`, or `timeout` passes.
    async fn wait_for<T>(
        &self,
        timeout: Duration,
        cond: impl Fn(&World) -> Option<T>,
    ) -> Option<T> {
        let mut rx = self.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(t) = cond(&self.world()) {
                return Some(t);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => return cond(&self.world()),
            }
        }
    }
}

/// A fake Discord (REST + gateway) on `127.0.0.1`; stops when dropped.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Starts a fake that expects the bot token [`DEFAULT_TOKEN`] (`"fake-token"`).
    pub async fn start() -> FakeDiscord {
        Self::start_with_token(DEFAULT_TOKEN).await
    }

    /// Starts a fake that expects `Bot <token>` (IDENTIFY with another token is closed with 4004).
    pub async fn start_with_token(token: &str) -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let (changed, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            token: token.to_string(),
            port,
            seq: AtomicU64::new(0),
            world: Mutex::new(World {
                next_message: 1_800_000_000_000_000_001,
                ..World::default()
            }),
            changed,
        });
        let app = Router::new()
            .route("/ws", get(ws_upgrade))
            .fallback(rest)
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord { shared, server }
    }

    /// `http://127.0.0.1:PORT`: what the bot gets as `DISCORD_API_BASE`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.shared.port)
    }

    /// `ws://127.0.0.1:PORT/ws`: the gateway URL `GET /api/v10/gateway` hands out.
    pub fn gateway_url(&self) -> String {
        self.shared.ws_url()
    }

    pub fn port(&self) -> u16 {
        self.shared.port
    }

    /// True once an IDENTIFY with the right token was received and READY sent.
    pub async fn wait_ready(&self, timeout: Duration) -> bool {
        self.shared
            .wait_for(timeout, |w| (w.readies > 0).then_some(()))
            .await
            .is_some()
    }

    /// Dispatches `INTERACTION_CREATE` with this `d` (op 0, the next `s`) to the connected bot
    /// and returns once it is written to the socket. The interaction (its id and token, and the
    /// `message` of a component click) becomes known to the REST routes first.
    /// Panics if no bot session is ready (call [`FakeDiscord::wait_ready`] first).
    pub async fn send_interaction(&self, d: Value) {
        let id = d["id"]
            .as_str()
            .expect("interaction d.id (a string)")
            .to_string();
        let token = d["token"]
            .as_str()
            .expect("interaction d.token")
            .to_string();
        let kind = d["type"].as_u64().expect("interaction d.type");
        {
            let mut w = self.shared.world();
            let original = d["message"]["id"].as_str().map(str::to_string);
            if let Some(message_id) = &original {
                // The click's view of the message is what Discord would show now.
                w.messages.insert(message_id.clone(), d["message"].clone());
            }
            w.interactions.insert(
                id.clone(),
                Interaction {
                    token,
                    kind,
                    acknowledged: false,
                    original,
                },
            );
        }
        self.send_dispatch("INTERACTION_CREATE", d).await;
    }

    /// Dispatches any event (op 0, the next `s`); returns the sequence number used.
    /// Panics if no bot session is ready.
    pub async fn send_dispatch(&self, t: &str, d: Value) -> u64 {
        let outbox = self.outbox();
        let (sent, done) = oneshot::channel();
        outbox
            .send(Outgoing::Dispatch {
                t: t.to_string(),
                d,
                sent,
            })
            .unwrap_or_else(|_| panic!("the bot's gateway session ended before {t} was sent"));
        match tokio::time::timeout(Duration::from_secs(10), done).await {
            Ok(Ok(seq)) => seq,
            _ => panic!("{t} was not written to the bot's gateway socket"),
        }
    }

    /// Closes the bot's gateway socket from the server side with `code` (1000–4999): a bot should
    /// resume after e.g. 1001 or 4000, and give up after 4004.
    pub async fn close_gateway(&self, code: u16) {
        let _ = self.outbox().send(Outgoing::Close(code));
    }

    fn outbox(&self) -> mpsc::UnboundedSender<Outgoing> {
        self.shared
            .world()
            .session
            .as_ref()
            .map(|(_, tx)| tx.clone())
            .expect("no bot gateway session is ready: call wait_ready first")
    }

    /// The first recorded request (so far or within `timeout`) that satisfies `pred`.
    pub async fn wait_request(
        &self,
        pred: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Option<Recorded> {
        self.shared
            .wait_for(timeout, |w| w.requests.iter().find(|r| pred(r)).cloned())
            .await
    }

    /// Every REST request so far, in the order the fake answered them.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.world().requests.clone()
    }

    /// Requests the fake answered with an error (4xx): unknown routes (404 `code 0`), wrong ids
    /// or tokens, double acknowledgements, unsuitable callback types, pins of unknown messages.
    pub fn unexpected(&self) -> Vec<Recorded> {
        self.shared.world().unexpected.clone()
    }

    /// The last IDENTIFY payload `d` received (token included), if any.
    pub fn identified(&self) -> Option<Value> {
        self.shared.world().identified.clone()
    }

    /// True once a bot gateway socket has ended (the bot closed it or went away).
    pub async fn wait_disconnect(&self, timeout: Duration) -> bool {
        self.shared
            .wait_for(timeout, |w| (w.disconnects > 0).then_some(()))
            .await
            .is_some()
    }

    /// How many READY the fake has sent (more than one means the bot re-identified).
    pub fn ready_count(&self) -> u64 {
        self.shared.world().readies
    }

    /// How many RESUME the fake has answered with RESUMED.
    pub fn resume_count(&self) -> u64 {
        self.shared.world().resumes
    }

    /// True once `count` RESUME in all have been answered with RESUMED (e.g. after
    /// [`FakeDiscord::close_gateway`]); dispatches then go to the resumed session.
    pub async fn wait_resumed(&self, count: u64, timeout: Duration) -> bool {
        self.shared
            .wait_for(timeout, |w| {
                (w.resumes >= count && w.session.is_some()).then_some(())
            })
            .await
            .is_some()
    }

    /// How many IDENTIFY/RESUME carried the wrong token (answered with close 4004).
    pub fn auth_failures(&self) -> u64 {
        self.shared.world().auth_failures
    }

    /// The close codes of the Close frames the bot sent (`None`: a Close frame without code).
    pub fn close_codes(&self) -> Vec<Option<u16>> {
        self.shared.world().close_codes.clone()
    }

    /// Every JSON frame the bot sent on the gateway (IDENTIFY, heartbeats, RESUME, …).
    pub fn gateway_frames(&self) -> Vec<Value> {
        self.shared.world().gateway_frames.clone()
    }

    /// The ids of the messages pinned now.
    pub fn pinned(&self) -> Vec<String> {
        self.shared.world().pinned.iter().cloned().collect()
    }

    /// A message the fake knows (created through REST, or carried by a dispatched button click).
    pub fn message(&self, id: &str) -> Option<Value> {
        self.shared.world().messages.get(id).cloned()
    }

    /// From now on, hold every interaction callback for `delay` before answering it (the request
    /// is recorded when answered); [`FakeDiscord::callback_started`] tells when one arrived.
    pub fn delay_callbacks(&self, delay: Duration) {
        self.shared.world().callback_delay = delay;
    }

    /// True once a callback for interaction `id` has arrived (even if not answered yet).
    pub fn callback_started(&self, id: u64) -> bool {
        self.shared
            .world()
            .callbacks_started
            .contains(&id.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Gateway
// ---------------------------------------------------------------------------------------------

async fn ws_upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| ws_session(socket, shared))
}

fn text(v: &Value) -> WsMessage {
    WsMessage::Text(v.to_string().into())
}

fn dispatch_frame(shared: &Shared, t: &str, d: Value) -> (u64, Value) {
    let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
    (s, json!({"op": 0, "s": s, "t": t, "d": d}))
}

/// One gateway connection: HELLO, then IDENTIFY → READY or RESUME → RESUMED, heartbeat ACKs,
/// and the dispatches queued by [`FakeDiscord::send_dispatch`].
async fn ws_session(mut socket: WebSocket, shared: Arc<Shared>) {
    let hello =
        json!({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": null, "t": null});
    if socket.send(text(&hello)).await.is_err() {
        return;
    }
    let session_no = {
        let mut w = shared.world();
        w.next_session += 1;
        w.next_session
    };
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    let mut closing = false;
    loop {
        let sent_ok = tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(WsMessage::Text(t))) if !closing => {
                    let frame = serde_json::from_str(t.as_str())
                        .unwrap_or_else(|_| Value::String(t.to_string()));
                    shared.world().gateway_frames.push(frame.clone());
                    answer_frame(&mut socket, &shared, &frame, session_no, &tx, &mut closing).await
                }
                Some(Ok(WsMessage::Close(c))) => {
                    // Keep reading: the close reply gets flushed, then recv() ends.
                    shared.world().close_codes.push(c.map(|c| c.code));
                    shared.bump();
                    closing = true;
                    true
                }
                Some(Ok(_)) => true,
                Some(Err(_)) | None => false,
            },
            Some(out) = rx.recv() => match out {
                Outgoing::Dispatch { t, d, sent } => {
                    let (s, frame) = dispatch_frame(&shared, &t, d);
                    let ok = socket.send(text(&frame)).await.is_ok();
                    if ok {
                        let _ = sent.send(s);
                    }
                    ok
                }
                Outgoing::Close(code) => {
                    end_session(&shared, session_no);
                    closing = true;
                    close(&mut socket, code, "closed by the fake").await
                }
            },
        };
        if !sent_ok {
            break;
        }
    }
    end_session(&shared, session_no);
    shared.world().disconnects += 1;
    shared.bump();
}

/// Answers one JSON frame from the bot; false when the socket is gone.
async fn answer_frame(
    socket: &mut WebSocket,
    shared: &Shared,
    frame: &Value,
    session_no: u64,
    tx: &mpsc::UnboundedSender<Outgoing>,
    closing: &mut bool,
) -> bool {
    let op = frame["op"].as_u64();
    let token_ok = frame["d"]["token"].as_str() == Some(format!("Bot {}", shared.token).as_str());
    if op == Some(2) {
        shared.world().identified = Some(frame["d"].clone());
    }
    let reply = match op {
        Some(1) => json!({"op": 11}),
        Some(2 | 6) if !token_ok => {
            shared.world().auth_failures += 1;
            shared.bump();
            *closing = true;
            return close(socket, 4004, "Authentication failed.").await;
        }
        Some(2) => {
            let mut d = ready_payload(SESSION_ID, &shared.ws_url());
            if frame["d"]["shard"].is_array() {
                d["shard"] = frame["d"]["shard"].clone();
            }
            dispatch_frame(shared, "READY", d).1
        }
        Some(6) => dispatch_frame(shared, "RESUMED", json!({})).1,
        _ => return true, // presence updates, member requests, …: ignored
    };
    if socket.send(text(&reply)).await.is_err() {
        return false;
    }
    if matches!(op, Some(2 | 6)) {
        let mut w = shared.world();
        if op == Some(2) {
            w.readies += 1;
        } else {
            w.resumes += 1;
        }
        w.session = Some((session_no, tx.clone()));
        drop(w);
        shared.bump();
    }
    true
}

async fn close(socket: &mut WebSocket, code: u16, reason: &str) -> bool {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    socket.send(WsMessage::Close(Some(frame))).await.is_ok()
}

/// Stops routing dispatches to session `session_no` (if it is the current one).
fn end_session(shared: &Shared, session_no: u64) {
    let mut w = shared.world();
    if w.session.as_ref().is_some_and(|(n, _)| *n == session_no) {
        w.session = None;
    }
}

/// The `d` of READY, with every field serenity 0.12.5 requires (application.id = [`APP_ID`]).
pub fn ready_payload(session_id: &str, resume_gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": {
            "id": APP_ID, "username": "storybot-test", "discriminator": "0", "global_name": null,
            "avatar": null, "bot": true, "mfa_enabled": false, "verified": true, "flags": 0
        },
        "guilds": [],
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "shard": [0, 1],
        "application": {"id": APP_ID, "flags": 0}
    })
}

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------

fn error(status: StatusCode, code: u64, message: &str) -> (StatusCode, Value) {
    (status, json!({"message": message, "code": code}))
}

fn not_found() -> (StatusCode, Value) {
    error(StatusCode::NOT_FOUND, 0, "404: Not Found")
}

fn invalid_form(field: &str, code: &str, message: &str) -> (StatusCode, Value) {
    (
        StatusCode::BAD_REQUEST,
        json!({"message": "Invalid Form Body", "code": 50035,
               "errors": {field: {"_errors": [{"code": code, "message": message}]}}}),
    )
}

async fn rest(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let body: Option<Value> = if body.is_empty() {
        None
    } else {
        Some(
            serde_json::from_slice(&body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned())),
        )
    };
    let segs: Vec<String> = path
        .strip_prefix("/api/v10/")
        .map(|p| p.split('/').map(str::to_string).collect())
        .unwrap_or_default();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();

    let is_callback = matches!(
        (method.as_str(), segs.as_slice()),
        ("POST", ["interactions", _, _, "callback"])
    );
    if is_callback {
        let delay = {
            let mut w = shared.world();
            w.callbacks_started.insert(segs[1].to_string());
            w.callback_delay
        };
        shared.bump();
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }

    let authorized = headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some(format!("Bot {}", shared.token).as_str());
    let needs_auth = matches!(
        segs.first(),
        Some(&"applications") | Some(&"channels") | Some(&"oauth2")
    ) || segs == ["gateway", "bot"];

    let mut w = shared.world();
    let (status, reply) = if needs_auth && !authorized {
        error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
    } else {
        route(&shared, &mut w, method.as_str(), &segs, body.as_ref())
    };
    let recorded = Recorded {
        method: method.to_string(),
        path,
        body,
        status: status.as_u16(),
    };
    if status.is_client_error() {
        w.unexpected.push(recorded.clone());
    }
    w.requests.push(recorded);
    drop(w);
    shared.bump();
    if status == StatusCode::NO_CONTENT {
        status.into_response()
    } else {
        (status, Json(reply)).into_response()
    }
}

fn route(
    shared: &Shared,
    w: &mut World,
    method: &str,
    segs: &[&str],
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let ok = |v: Value| (StatusCode::OK, v);
    match (method, segs) {
        ("GET", ["gateway"]) => ok(json!({"url": shared.ws_url()})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": shared.ws_url(), "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        })),
        // `storybot register` asks who it is before registering commands.
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APP_ID, "name": "storybot-test", "icon": null, "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "0".repeat(64), "flags": 0, "team": null,
            "owner": {"id": DEFAULT_USER_ID, "username": "owner", "discriminator": "0", "global_name": null, "avatar": null, "public_flags": 0}
        })),
        ("PUT", ["applications", app, "commands"]) => put_commands(app, None, body),
        ("PUT", ["applications", app, "guilds", guild, "commands"]) => {
            put_commands(app, Some(guild), body)
        }
        ("POST", ["interactions", id, token, "callback"]) => callback(w, id, token, body),
        ("GET" | "PATCH", ["webhooks", app, token, "messages", message]) => {
            webhook_message(w, method, app, token, message, body)
        }
        ("POST", ["webhooks", app, token]) => followup(w, app, token, body),
        ("PUT" | "DELETE", ["channels", channel, "messages", "pins", message])
        | ("PUT" | "DELETE", ["channels", channel, "pins", message]) => {
            pin(w, method, channel, message)
        }
        _ => not_found(),
    }
}

fn put_commands(app: &str, guild: Option<&str>, body: Option<&Value>) -> (StatusCode, Value) {
    if app != APP_ID {
        return error(StatusCode::NOT_FOUND, 10002, "Unknown Application");
    }
    if guild.is_some_and(|g| g != GUILD_ID) {
        return error(StatusCode::NOT_FOUND, 10004, "Unknown Guild");
    }
    match body.and_then(Value::as_array) {
        Some(commands) => (StatusCode::OK, commands_reply(commands, guild)),
        None => invalid_form("_root", "ARRAY_TYPE_CONVERT", "Must be an array."),
    }
}

/// Full Command objects echoing a bulk overwrite: each element plus `id` ([`command_id`]),
/// `application_id`, `version`, `type` (default 1), `description` (default "") and `guild_id`.
pub fn commands_reply(commands: &[Value], guild: Option<&str>) -> Value {
    let out: Vec<Value> = commands
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some(o) = c.as_object_mut() {
                let name = o
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                o.insert("id".into(), json!(command_id(&name)));
                o.insert("application_id".into(), json!(APP_ID));
                o.insert("version".into(), json!("1500000000000000101"));
                o.entry("type").or_insert(json!(1));
                o.entry("description").or_insert(json!(""));
                if let Some(g) = guild {
                    o.insert("guild_id".into(), json!(g));
                }
            }
            c
        })
        .collect();
    Value::Array(out)
}

/// Callback types Discord accepts for each interaction type.
fn callback_allowed(interaction: u64, callback: u64) -> bool {
    match interaction {
        2 => matches!(callback, 4 | 5 | 9),
        3 => matches!(callback, 4..=7 | 9),
        4 => callback == 8,
        5 => matches!(callback, 4..=7),
        _ => false,
    }
}

fn callback(w: &mut World, id: &str, token: &str, body: Option<&Value>) -> (StatusCode, Value) {
    let Some(interaction) = w.interactions.get(id).filter(|i| i.token == token) else {
        return error(StatusCode::NOT_FOUND, 10062, "Unknown interaction");
    };
    if interaction.acknowledged {
        return error(
            StatusCode::BAD_REQUEST,
            40060,
            "Interaction has already been acknowledged.",
        );
    }
    let Some(kind) = body.and_then(|b| b["type"].as_u64()) else {
        return invalid_form("type", "BASE_TYPE_REQUIRED", "This field is required");
    };
    if !callback_allowed(interaction.kind, kind) {
        return invalid_form(
            "type",
            "INTERACTION_CALLBACK_TYPE_INVALID",
            "Invalid interaction callback type.",
        );
    }
    let data = body.map(|b| b["data"].clone()).unwrap_or(Value::Null);
    let new_message = matches!(kind, 4 | 5).then(|| {
        let id = w.next_message.to_string();
        w.next_message += 1;
        id
    });
    if let Some(message_id) = &new_message {
        let content = if kind == 4 {
            data["content"].as_str().unwrap_or("")
        } else {
            ""
        };
        let m = bot_message_str(
            message_id,
            content,
            data["embeds"].clone(),
            data["components"].clone(),
            data["flags"].as_u64().unwrap_or(0),
        );
        w.messages.insert(message_id.clone(), m);
    }
    let interaction = w.interactions.get_mut(id).expect("checked above");
    interaction.acknowledged = true;
    if new_message.is_some() {
        interaction.original = new_message;
    }
    if kind == 7 {
        if let Some(original) = interaction.original.clone() {
            edit_stored(w, &original, &data);
        }
    }
    (StatusCode::NO_CONTENT, Value::Null)
}

fn acknowledged_original(
    w: &World,
    app: &str,
    token: &str,
) -> Result<Option<String>, (StatusCode, Value)> {
    if app != APP_ID {
        return Err(error(StatusCode::NOT_FOUND, 10015, "Unknown Webhook"));
    }
    match w.interactions.values().find(|i| i.token == token) {
        Some(i) if i.acknowledged => Ok(i.original.clone()),
        _ => Err(error(StatusCode::NOT_FOUND, 10015, "Unknown Webhook")),
    }
}

fn edit_stored(w: &mut World, message_id: &str, edit: &Value) {
    if let Some(m) = w.messages.get_mut(message_id) {
        for key in ["content", "embeds", "components", "flags"] {
            if let Some(v) = edit.get(key).filter(|v| !v.is_null()) {
                m[key] = v.clone();
            }
        }
        m["edited_timestamp"] = json!(TIMESTAMP);
    }
}

fn webhook_message(
    w: &mut World,
    method: &str,
    app: &str,
    token: &str,
    message: &str,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let original = match acknowledged_original(w, app, token) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let target = if message == "@original" {
        original
    } else {
        Some(message.to_string())
    };
    let Some(target) = target.filter(|t| w.messages.contains_key(t)) else {
        return error(StatusCode::NOT_FOUND, 10008, "Unknown Message");
    };
    if method == "PATCH" {
        edit_stored(w, &target, body.unwrap_or(&Value::Null));
    }
    (StatusCode::OK, w.messages[&target].clone())
}

fn followup(w: &mut World, app: &str, token: &str, body: Option<&Value>) -> (StatusCode, Value) {
    if let Err(e) = acknowledged_original(w, app, token) {
        return e;
    }
    let b = body.cloned().unwrap_or(Value::Null);
    let id = w.next_message.to_string();
    w.next_message += 1;
    let m = bot_message_str(
        &id,
        b["content"].as_str().unwrap_or(""),
        b["embeds"].clone(),
        b["components"].clone(),
        b["flags"].as_u64().unwrap_or(0),
    );
    w.messages.insert(id, m.clone());
    (StatusCode::OK, m)
}

fn pin(w: &mut World, method: &str, channel: &str, message: &str) -> (StatusCode, Value) {
    if channel != CHANNEL_ID {
        return error(StatusCode::NOT_FOUND, 10003, "Unknown Channel");
    }
    let pinnable = w
        .messages
        .get(message)
        .is_some_and(|m| m["flags"].as_u64().unwrap_or(0) & 64 == 0);
    if !pinnable {
        return error(StatusCode::NOT_FOUND, 10008, "Unknown Message");
    }
    if method == "PUT" {
        w.pinned.insert(message.to_string());
        if let Some(m) = w.messages.get_mut(message) {
            m["pinned"] = json!(true);
        }
    } else {
        w.pinned.remove(message);
        if let Some(m) = w.messages.get_mut(message) {
            m["pinned"] = json!(false);
        }
    }
    (StatusCode::NO_CONTENT, Value::Null)
}

// ---------------------------------------------------------------------------------------------
// Payload builders: complete interaction objects (the `d` of INTERACTION_CREATE) that serenity
// 0.12.5 deserializes (attachment_size_limit, entitlements, locale, version, member.flags are
// required: without one, serenity silently turns the event into Event::Unknown).
// ---------------------------------------------------------------------------------------------

/// The interaction token the builders use for interaction `id`.
pub fn token_for(id: u64) -> String {
    format!("tok-{id}")
}

/// A stable command id for a command name (the fake's PUT replies and the builders agree).
pub fn command_id(name: &str) -> String {
    // FNV-1a, folded into the snowflake range 1500000000000000000..1500000001000000000.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (1_500_000_000_000_000_000 + h % 1_000_000_000).to_string()
}

/// A string option (`type` 3).
pub fn opt_str(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

/// A boolean option (`type` 5).
pub fn opt_bool(name: &str, value: bool) -> Value {
    json!({"name": name, "type": 5, "value": value})
}

/// An integer option (`type` 4).
pub fn opt_int(name: &str, value: i64) -> Value {
    json!({"name": name, "type": 4, "value": value})
}

fn member(user_id: &str, permissions: &str) -> Value {
    let tail = &user_id[user_id.len().saturating_sub(4)..];
    json!({
        "user": {"id": user_id, "username": format!("member{tail}"), "discriminator": "0",
                 "global_name": format!("Member {tail}"), "avatar": null, "public_flags": 0},
        "nick": null, "avatar": null, "banner": null, "roles": [],
        "joined_at": TIMESTAMP, "premium_since": null, "deaf": false, "mute": false,
        "flags": 0, "pending": false, "permissions": permissions,
        "communication_disabled_until": null
    })
}

/// The envelope every guild interaction shares.
fn interaction(id: u64, kind: u64, data: Value, user_id: &str, permissions: &str) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": APP_ID,
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID,
        "channel_id": CHANNEL_ID,
        "channel": {"id": CHANNEL_ID, "type": 0, "name": "general", "guild_id": GUILD_ID,
                    "permissions": permissions, "parent_id": null, "nsfw": false, "position": 0,
                    "flags": 0, "last_message_id": null, "rate_limit_per_user": 0, "topic": null},
        "member": member(user_id, permissions),
        "token": token_for(id),
        "version": 1,
        "app_permissions": MEMBER_PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID},
        "context": 0,
        "attachment_size_limit": 10_485_760
    })
}

/// A slash command (`type` 2) in [`GUILD_ID`] by [`DEFAULT_USER_ID`] with [`MEMBER_PERMISSIONS`].
pub fn slash(id: u64, command: &str, options: Vec<Value>) -> Value {
    slash_as(id, command, options, DEFAULT_USER_ID, MEMBER_PERMISSIONS)
}

/// A slash command by `user_id`, whose computed permissions are `permissions` (a decimal string).
pub fn slash_as(
    id: u64,
    command: &str,
    options: Vec<Value>,
    user_id: &str,
    permissions: &str,
) -> Value {
    let data = json!({"id": command_id(command), "name": command, "type": 1, "options": options});
    interaction(id, 2, data, user_id, permissions)
}

/// An autocomplete request (`type` 4) with `option` focused, holding `partial`.
pub fn autocomplete(id: u64, command: &str, option: &str, partial: &str) -> Value {
    let data = json!({"id": command_id(command), "name": command, "type": 1,
                      "options": [{"name": option, "type": 3, "value": partial, "focused": true}]});
    interaction(id, 4, data, DEFAULT_USER_ID, MEMBER_PERMISSIONS)
}

/// A button click (`type` 3, `component_type` 2) on `message` (see [`bot_message`]).
pub fn button(id: u64, custom_id: &str, message: Value) -> Value {
    button_as(id, custom_id, message, DEFAULT_USER_ID, MEMBER_PERMISSIONS)
}

/// A button click by `user_id` with `permissions`.
pub fn button_as(
    id: u64,
    custom_id: &str,
    message: Value,
    user_id: &str,
    permissions: &str,
) -> Value {
    let data = json!({"custom_id": custom_id, "component_type": 2});
    let mut d = interaction(id, 3, data, user_id, permissions);
    d["message"] = message;
    d
}

/// A Message authored by the bot in [`CHANNEL_ID`] (an interaction reply, `type` 20), with every
/// field serenity requires. `embeds`/`components` may be `null` (taken as `[]`); `flags` 64 is
/// ephemeral.
pub fn bot_message(id: u64, content: &str, embeds: Value, components: Value, flags: u64) -> Value {
    bot_message_str(&id.to_string(), content, embeds, components, flags)
}

fn bot_message_str(id: &str, content: &str, embeds: Value, components: Value, flags: u64) -> Value {
    let or_empty = |v: Value| if v.is_array() { v } else { json!([]) };
    json!({
        "id": id,
        "channel_id": CHANNEL_ID,
        "guild_id": GUILD_ID,
        "author": {"id": APP_ID, "username": "storybot-test", "discriminator": "0", "global_name": null,
                   "avatar": null, "bot": true, "public_flags": 0},
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": or_empty(embeds),
        "pinned": false,
        "type": 20,
        "flags": flags,
        "application_id": APP_ID,
        "webhook_id": APP_ID,
        "components": or_empty(components)
    })
}

// ---------------------------------------------------------------------------------------------
// Schema validation (tests/schema/validate.mjs)
// ---------------------------------------------------------------------------------------------

/// The validator's folder, `tests/schema`.
fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema")
}

/// Installs the validator's pinned packages (`npm ci --prefix DIR`) when `DIR/node_modules`
/// lacks them. Parallel tests and concurrent `cargo test` runs install once: an OS lock on
/// `DIR/.install.lock` is held while checking and installing. A missing node or npm is a setup
/// error that says what to install.
pub fn install_schema_packages(dir: &std::path::Path, npm: &str) -> Result<(), String> {
    let installed = || {
        ["discord-api-spec", "zod"].iter().all(|p| {
            dir.join("node_modules")
                .join(p)
                .join("package.json")
                .is_file()
        })
    };
    if installed() {
        return Ok(());
    }
    let lock_path = dir.join(".install.lock");
    let lock = std::fs::File::create(&lock_path)
        .map_err(|e| format!("test setup: cannot create {} ({e})", lock_path.display()))?;
    lock.lock()
        .map_err(|e| format!("test setup: cannot lock {} ({e})", lock_path.display()))?;
    if installed() {
        return Ok(());
    }
    let setup = |why: String| {
        format!(
            "test setup: the Discord schema check needs Node.js (>= 18) and npm: {why}; install them (e.g. apt-get install nodejs npm) or run `npm ci --prefix {}` by hand, then run the tests again",
            dir.display()
        )
    };
    for tool in ["node", npm] {
        match std::process::Command::new(tool).arg("--version").output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => return Err(setup(format!("`{tool} --version` failed ({})", out.status))),
            Err(e) => return Err(setup(format!("cannot run `{tool}` ({e})"))),
        }
    }
    let out = std::process::Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .output()
        .map_err(|e| setup(format!("cannot run `{npm} ci` ({e})")))?;
    if !out.status.success() || !installed() {
        return Err(format!(
            "test setup: `npm ci --prefix {}` failed ({}): run it by hand to see why (it needs the npm registry)\n{}",
            dir.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Checks every recorded REST body (gateway calls excluded) against Discord's OpenAPI-derived zod
/// schemas, strictly, plus Discord's documented limits and the no-ping rule, by running
/// `node tests/schema/validate.mjs`. Installs the validator's pinned packages on first use
/// ([`install_schema_packages`]); a setup problem (no node or npm, no registry) panics with a
/// message saying what to run, and is never reported as a schema failure nor skipped.
pub fn validate_with_discord_schema(requests: &[Recorded]) -> Result<(), String> {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    if let Err(setup) = INSTALLED.get_or_init(|| install_schema_packages(&schema_dir(), "npm")) {
        panic!("{setup}");
    }
    let bodies: Vec<Value> = requests
        .iter()
        .filter(|r| r.body.is_some() && !r.path.starts_with("/api/v10/gateway"))
        .map(|r| json!({"method": r.method, "path": r.path, "body": r.body}))
        .collect();
    let mut file = tempfile::Builder::new()
        .prefix("discord-bodies-")
        .suffix(".json")
        .tempfile()
        .map_err(|e| format!("cannot create a temp file: {e}"))?;
    serde_json::to_writer_pretty(&mut file, &bodies)
        .map_err(|e| format!("cannot write the bodies: {e}"))?;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema/validate.mjs");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(file.path())
        .output()
        .map_err(|e| {
            format!("cannot run `node {}` ({e}): install Node.js (>= 18), then run: npm ci --prefix tests/schema", script.display())
        })?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    if out.status.code() == Some(2) {
        // validate.mjs's usage or setup error, not a verdict on the bodies.
        panic!(
            "test setup: {} could not run: {text}\nrun `npm ci --prefix {}` and the tests again",
            script.display(),
            schema_dir().display()
        );
    }
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} ({} bodies, {}):\n{text}",
            script.display(),
            bodies.len(),
            out.status
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Tests of the fake itself
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use serenity::all::{ComponentInteractionDataKind, Interaction as SInteraction};
    use serenity::model::event::{Event, GatewayEvent};
    use std::future::Future;

    /// Runs `fut` on a fresh two-thread runtime (the async tests below, in `#[test]` form).
    fn block_on<F: Future>(fut: F) -> F::Output {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
            .block_on(fut)
    }

    fn as_event(t: &str, d: Value) -> Event {
        let frame = json!({"op": 0, "s": 7, "t": t, "d": d});
        match serde_json::from_value::<GatewayEvent>(frame).expect("a gateway frame") {
            GatewayEvent::Dispatch(_, e) => e,
            other => panic!("not a dispatch: {other:?}"),
        }
    }

    #[test]
    fn builders_deserialize_with_serenity() {
        let cmd = slash(
            1,
            "ask",
            vec![
                opt_str("question", "who denied it?"),
                opt_bool("private", true),
            ],
        );
        match serde_json::from_value::<SInteraction>(cmd.clone()).expect("slash deserializes") {
            SInteraction::Command(c) => {
                assert_eq!(c.data.name, "ask");
                assert_eq!(c.token, "tok-1");
                assert_eq!(c.data.options.len(), 2);
                assert_eq!(c.user.id.to_string(), DEFAULT_USER_ID);
                assert_eq!(c.guild_id.map(|g| g.to_string()).as_deref(), Some(GUILD_ID));
                assert_eq!(c.data.id.to_string(), command_id("ask"));
                let perms = c
                    .member
                    .as_ref()
                    .and_then(|m| m.permissions)
                    .expect("member permissions");
                assert!(
                    perms.send_messages() && !perms.manage_messages() && !perms.administrator()
                );
            }
            other => panic!("slash gave {:?}", other.kind()),
        }
        assert!(matches!(
            as_event("INTERACTION_CREATE", cmd),
            Event::InteractionCreate(_)
        ));

        let admin = slash_as(
            2,
            "reload",
            vec![opt_int("n", 3)],
            "1400000000000000077",
            ADMIN_PERMISSIONS,
        );
        match serde_json::from_value::<SInteraction>(admin).expect("slash_as deserializes") {
            SInteraction::Command(c) => {
                assert_eq!(c.user.id.to_string(), "1400000000000000077");
                assert!(c
                    .member
                    .and_then(|m| m.permissions)
                    .expect("permissions")
                    .administrator());
            }
            other => panic!("slash_as gave {:?}", other.kind()),
        }
        let nobody = slash_as(3, "ask", vec![], "1400000000000000078", "0");
        assert!(matches!(
            serde_json::from_value::<SInteraction>(nobody),
            Ok(SInteraction::Command(_))
        ));

        let ac = autocomplete(4, "ask", "question", "who den");
        match serde_json::from_value::<SInteraction>(ac.clone()).expect("autocomplete deserializes")
        {
            SInteraction::Autocomplete(a) => {
                let focused = a.data.autocomplete().expect("a focused option");
                assert_eq!((focused.name, focused.value), ("question", "who den"));
            }
            other => panic!("autocomplete gave {:?}", other.kind()),
        }
        assert!(matches!(
            as_event("INTERACTION_CREATE", ac),
            Event::InteractionCreate(_)
        ));

        // A button on a message that carries what the bot really sends (serenity's own bodies).
        let embeds = json!([{"title": "Title", "type": "rich", "description": "desc", "color": 3447003,
                             "footer": {"text": "f"}, "fields": [{"name": "who", "value": "said", "inline": false}]}]);
        let components = json!([
            {"type": 1, "components": [
                {"type": 2, "style": 1, "custom_id": "sb1:more:1", "label": "More", "disabled": false},
                {"type": 2, "style": 5, "url": "https://example.com", "label": "Link", "disabled": false}]},
            {"type": 1, "components": [{"custom_id": "sel", "type": 3, "options": [{"label": "A", "value": "a"}]}]}
        ]);
        let msg = bot_message(900, "hello", embeds, components, 64);
        let click = button(5, "sb1:more:1", msg.clone());
        match serde_json::from_value::<SInteraction>(click.clone()).expect("button deserializes") {
            SInteraction::Component(b) => {
                assert_eq!(b.data.custom_id, "sb1:more:1");
                assert!(matches!(b.data.kind, ComponentInteractionDataKind::Button));
                assert_eq!(b.message.id.get(), 900);
                assert_eq!(b.message.embeds.len(), 1);
                assert_eq!(b.message.components.len(), 2);
            }
            other => panic!("button gave {:?}", other.kind()),
        }
        assert!(matches!(
            as_event("INTERACTION_CREATE", click),
            Event::InteractionCreate(_)
        ));
        let empty = button_as(
            6,
            "evil",
            bot_message(902, "", Value::Null, json!([]), 0),
            "1400000000000000077",
            "0",
        );
        assert!(matches!(
            serde_json::from_value::<SInteraction>(empty),
            Ok(SInteraction::Component(_))
        ));

        serde_json::from_value::<serenity::all::Message>(msg).expect("bot_message is a Message");
    }

    #[test]
    fn gateway_and_rest_replies_deserialize_with_serenity() {
        let ready = ready_payload(SESSION_ID, "ws://127.0.0.1:1/ws");
        let r: serenity::model::gateway::Ready =
            serde_json::from_value(ready.clone()).expect("READY deserializes");
        assert_eq!(r.application.id.to_string(), APP_ID);
        assert_eq!(r.user.id.to_string(), APP_ID);
        assert!(matches!(as_event("READY", ready), Event::Ready(_)));
        assert!(matches!(as_event("RESUMED", json!({})), Event::Resumed(_)));

        let bot_gateway = json!({"url": "ws://127.0.0.1:1/ws", "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}});
        serde_json::from_value::<serenity::model::gateway::BotGateway>(bot_gateway)
            .expect("BotGateway");

        // serenity's bulk-overwrite body (all its always-serialized defaults) echoed back.
        let sent = json!([
            {"name": "ask", "name_localizations": {}, "description": "Ask", "description_localizations": {},
             "options": [
                {"type": 3, "name": "question", "description": "q", "required": true, "choices": [], "options": [],
                 "channel_types": [], "min_value": null, "max_value": null, "min_length": null, "max_length": 100,
                 "autocomplete": true},
                {"type": 5, "name": "private", "description": "p", "required": false, "choices": [], "options": [],
                 "channel_types": [], "min_value": null, "max_value": null, "min_length": null, "max_length": null,
                 "autocomplete": false}],
             "default_member_permissions": "2048", "integration_types": [0], "contexts": [0], "nsfw": false},
            {"name": "help", "name_localizations": {}, "description": "Help", "description_localizations": {}, "nsfw": false}
        ]);
        let reply = commands_reply(sent.as_array().unwrap(), Some(GUILD_ID));
        let commands: Vec<serenity::all::Command> =
            serde_json::from_value(reply).expect("Command list");
        assert_eq!(commands.len(), 2);
        assert_eq!(commands[0].id.to_string(), command_id("ask"));
        assert_eq!(commands[0].options.len(), 2);
    }

    #[test]
    fn the_validator_installs_its_packages_on_a_fresh_clone() {
        // A fresh clone: the validator's manifests, no node_modules.
        let dir = tempfile::tempdir().unwrap();
        for f in ["package.json", "package-lock.json", "validate.mjs"] {
            std::fs::copy(schema_dir().join(f), dir.path().join(f)).unwrap();
        }
        install_schema_packages(dir.path(), "npm").unwrap_or_else(|e| panic!("{e}"));
        for p in ["discord-api-spec", "zod"] {
            assert!(
                dir.path().join("node_modules").join(p).is_dir(),
                "{p} not installed"
            );
        }
        // Installed once: a second call finds the packages and runs nothing.
        install_schema_packages(dir.path(), "/nonexistent/npm").unwrap();
    }

    #[test]
    fn a_missing_npm_is_a_setup_error_saying_what_to_run() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            schema_dir().join("package.json"),
            dir.path().join("package.json"),
        )
        .unwrap();
        let err = install_schema_packages(dir.path(), "/nonexistent/npm").unwrap_err();
        assert!(err.starts_with("test setup:"), "{err}");
        assert!(
            err.contains("Node.js") && err.contains("npm ci --prefix"),
            "{err}"
        );
        assert!(!err.contains("schema:"), "{err}");
    }

    #[test]
    fn validator_rejects_bad_bodies_and_accepts_good_ones() {
        let rec = |method: &str, path: &str, body: Value| Recorded {
            method: method.into(),
            path: path.into(),
            body: Some(body),
            status: 200,
        };
        let cb = format!("/api/v10/interactions/1/{}/callback", token_for(1));
        let none = json!({"parse": [], "users": [], "roles": []});
        // Exactly as serenity 0.12.5 serializes a CreateInteractionResponse::Message.
        let good = json!({"type": 4, "data": {
            "content": "Who denied it",
            "embeds": [{"title": "Title", "type": "rich", "description": "desc", "color": 3447003,
                        "footer": {"text": "f"}, "fields": [{"name": "who", "value": "said", "inline": false}]}],
            "allowed_mentions": none,
            "flags": 64,
            "components": [{"type": 1, "components": [
                {"type": 2, "style": 1, "custom_id": "sb1:more:1", "label": "More", "disabled": false}]}],
            "attachments": []}});
        let commands = json!([{"name": "ask", "name_localizations": {}, "description": "Ask a question",
            "description_localizations": {}, "options": [
                {"type": 3, "name": "question", "description": "q", "required": true, "choices": [], "options": [],
                 "channel_types": [], "min_value": null, "max_value": null, "min_length": null, "max_length": null,
                 "autocomplete": true}], "nsfw": false}]);
        let all_good = vec![
            Recorded {
                method: "GET".into(),
                path: "/api/v10/gateway".into(),
                body: None,
                status: 200,
            },
            rec(
                "PUT",
                &format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands"),
                commands,
            ),
            rec("POST", &cb, good.clone()),
            rec(
                "POST",
                &cb,
                json!({"type": 8, "data": {"choices": [{"name": "who denied", "value": "who denied"}]}}),
            ),
            rec("POST", &cb, json!({"type": 6, "data": null})),
            rec(
                "PATCH",
                &format!("/api/v10/webhooks/{APP_ID}/tok-1/messages/@original"),
                json!({"content": "e", "allowed_mentions": none}),
            ),
            rec(
                "POST",
                &format!("/api/v10/webhooks/{APP_ID}/tok-1"),
                json!({"content": "f", "embeds": [], "allowed_mentions": none, "flags": 64, "attachments": []}),
            ),
            Recorded {
                method: "PUT".into(),
                path: format!("/api/v10/channels/{CHANNEL_ID}/pins/1"),
                body: None,
                status: 204,
            },
        ];
        validate_with_discord_schema(&all_good)
            .unwrap_or_else(|e| panic!("good bodies rejected:\n{e}"));

        let mut long = good.clone();
        long["data"]["embeds"][0]["description"] = json!("x".repeat(5000));
        let mut unknown_key = good.clone();
        unknown_key["data"]["embeds"][0]["colour"] = json!(3);
        let mut pings = good.clone();
        pings["data"]
            .as_object_mut()
            .unwrap()
            .remove("allowed_mentions");
        let mut bad_name = all_good[1].body.clone().unwrap();
        bad_name[0]["name"] = json!("Ask");
        for (what, req, needle) in [
            (
                "a 5000-character embed description",
                rec("POST", &cb, long),
                "data.embeds[0].description",
            ),
            ("an unknown key", rec("POST", &cb, unknown_key), "colour"),
            (
                "a reply without allowed_mentions",
                rec("POST", &cb, pings),
                "allowed_mentions",
            ),
            (
                "an uppercase command name",
                rec(
                    "PUT",
                    &format!("/api/v10/applications/{APP_ID}/commands"),
                    bad_name,
                ),
                "lowercase",
            ),
        ] {
            let err = validate_with_discord_schema(&[all_good[2].clone(), req])
                .expect_err(&format!("{what} was accepted"));
            assert!(err.contains(needle), "{what}: {err}");
        }
    }

    /// A real serenity client (the same library the bot uses) against the fake: handshake,
    /// registration, an interaction and its callback, follow-ups, a pin, and a clean close.
    #[test]
    fn a_serenity_client_talks_to_the_fake() {
        use serenity::all::*;
        use serenity::async_trait;

        struct Bot {
            unknown: Arc<Mutex<Vec<String>>>,
        }
        #[async_trait]
        impl RawEventHandler for Bot {
            async fn raw_event(&self, ctx: Context, ev: Event) {
                match ev {
                    Event::Unknown(u) => self.unknown.lock().unwrap().push(u.kind),
                    Event::Ready(_) => {
                        let cmd = CreateCommand::new("ask").description("Ask").add_option(
                            CreateCommandOption::new(CommandOptionType::String, "question", "q")
                                .required(true),
                        );
                        GuildId::new(GUILD_ID.parse().unwrap())
                            .set_commands(&ctx.http, vec![cmd])
                            .await
                            .expect("set_commands");
                    }
                    Event::InteractionCreate(i) => {
                        let SInteraction::Command(c) = i.interaction else {
                            return;
                        };
                        let none = CreateAllowedMentions::new();
                        let msg = CreateInteractionResponseMessage::new()
                            .content("hi")
                            .allowed_mentions(none.clone());
                        c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                            .await
                            .expect("callback");
                        let m = c
                            .edit_response(
                                &ctx.http,
                                EditInteractionResponse::new()
                                    .content("edited")
                                    .allowed_mentions(none.clone()),
                            )
                            .await
                            .expect("edit");
                        c.channel_id.pin(&ctx.http, m.id).await.expect("pin");
                        c.create_followup(
                            &ctx.http,
                            CreateInteractionResponseFollowup::new()
                                .content("more")
                                .ephemeral(true)
                                .allowed_mentions(none),
                        )
                        .await
                        .expect("followup");
                        // A second acknowledgement is an error, as on Discord.
                        let again = c
                            .create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
                            .await;
                        assert!(again.is_err());
                    }
                    _ => {}
                }
            }
        }

        block_on(async {
            let fake = FakeDiscord::start().await;
            let http = HttpBuilder::new(DEFAULT_TOKEN)
                .proxy(fake.base_url())
                .ratelimiter_disabled(true)
                .build();
            let unknown = Arc::new(Mutex::new(Vec::new()));
            let mut client = ClientBuilder::new_with_http(http, GatewayIntents::non_privileged())
                .raw_event_handler(Bot {
                    unknown: unknown.clone(),
                })
                .await
                .expect("client");
            let shards = client.shard_manager.clone();
            let run = tokio::spawn(async move { client.start().await });

            assert!(fake.wait_ready(Duration::from_secs(10)).await);
            assert_eq!(fake.identified().unwrap()["token"], "Bot fake-token");
            let put = format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
            assert!(fake
                .wait_request(
                    |r| r.path == put && r.status == 200,
                    Duration::from_secs(10)
                )
                .await
                .is_some());

            fake.send_interaction(slash(7, "ask", vec![opt_str("question", "who?")]))
                .await;
            let followup = format!("/api/v10/webhooks/{APP_ID}/tok-7");
            let f = fake
                .wait_request(|r| r.path == followup, Duration::from_secs(10))
                .await
                .expect("followup");
            assert_eq!(f.status, 200);
            assert!(
                fake.wait_request(|r| r.status == 400, Duration::from_secs(10))
                    .await
                    .is_some(),
                "double ack refused"
            );
            assert_eq!(fake.pinned().len(), 1);
            let callback = fake
                .requests()
                .into_iter()
                .find(|r| r.path == "/api/v10/interactions/7/tok-7/callback")
                .unwrap();
            assert_eq!(callback.status, 204);
            assert_eq!(
                fake.unexpected().len(),
                1,
                "only the double ack: {:?}",
                fake.unexpected()
            );
            assert!(
                unknown.lock().unwrap().is_empty(),
                "serenity could not read: {:?}",
                unknown.lock().unwrap()
            );
            let good: Vec<Recorded> = fake
                .requests()
                .into_iter()
                .filter(|r| r.status < 400)
                .collect();
            validate_with_discord_schema(&good).unwrap_or_else(|e| panic!("{e}"));

            // The fake drops the connection; serenity resumes and gets the next interaction.
            fake.close_gateway(4000).await;
            assert!(fake.wait_disconnect(Duration::from_secs(5)).await);
            assert!(fake.wait_resumed(1, Duration::from_secs(10)).await);
            assert_eq!(fake.ready_count(), 1, "resumed, not re-identified");
            fake.send_interaction(slash(8, "ask", vec![])).await;
            let after = "/api/v10/webhooks/1100000000000000001/tok-8";
            assert!(fake
                .wait_request(|r| r.path == after, Duration::from_secs(10))
                .await
                .is_some());

            shards.shutdown_all().await;
            let ended = tokio::time::timeout(Duration::from_secs(10), run)
                .await
                .expect("start() returned");
            assert!(ended.expect("join").is_ok());
            assert!(fake
                .shared
                .wait_for(Duration::from_secs(5), |w| (w.disconnects == 2)
                    .then_some(()))
                .await
                .is_some());
            assert_eq!(fake.close_codes().last(), Some(&Some(1000)));
        });
    }

    /// A wrong token is refused with close 4004, and serenity gives up (as with real Discord).
    #[test]
    fn a_wrong_token_is_refused_with_4004() {
        use serenity::all::*;
        block_on(async {
            let fake = FakeDiscord::start_with_token("right-token").await;
            let http = HttpBuilder::new("wrong-token")
                .proxy(fake.base_url())
                .ratelimiter_disabled(true)
                .build();
            let mut client = ClientBuilder::new_with_http(http, GatewayIntents::non_privileged())
                .await
                .expect("client");
            let http = client.http.clone();
            let ended = tokio::time::timeout(Duration::from_secs(10), client.start())
                .await
                .expect("start() returned");
            assert!(ended.is_err());
            assert!(!fake.wait_ready(Duration::from_millis(10)).await);
            assert_eq!(fake.auth_failures(), 1);
            // REST with the wrong token, and an unknown route: both are unexpected.
            assert!(http.get_bot_gateway().await.is_err());
            assert!(http.get_current_user().await.is_err());
            let unexpected: Vec<(String, u16)> = fake
                .unexpected()
                .into_iter()
                .map(|r| (r.path, r.status))
                .collect();
            assert_eq!(
                unexpected,
                vec![
                    ("/api/v10/gateway/bot".to_string(), 401),
                    ("/api/v10/users/@me".to_string(), 404)
                ]
            );
        });
    }
}

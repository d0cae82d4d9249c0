//! HTTP endpoint and operations benchmark (`cargo bench --bench http`): start-up time of
//! `storybot serve --http` to a 200 from `/readyz`, memory at rest (RSS), the raw Ed25519
//! verification rate, and `POST /interactions` throughput with signature verification on
//! loopback driven by wrk or oha (whichever is installed; the throughput part is skipped, with
//! a note, when neither is). Results go to stdout; `docs/BENCHMARKS.md` records them.
//!
//! Knobs: BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 32) per load run.

use ed25519_dalek::{Signer, SigningKey};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use storybot::http::signature::{hex, PublicKey};

const SEED: [u8; 32] = [42; 32];

fn sign(ts: &str, body: &str) -> String {
    let mut m = ts.as_bytes().to_vec();
    m.extend_from_slice(body.as_bytes());
    hex(&SigningKey::from_bytes(&SEED).sign(&m).to_bytes())
}

fn get(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    out.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn which(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn interaction(kind: &str) -> String {
    let common = json!({"id": "1600000000000000002", "application_id": "1100000000000000001",
        "token": "tok-bench", "version": 1});
    let mut v = common;
    match kind {
        "ping" => v["type"] = json!(1),
        _ => {
            // The discord_fake builders' shape: a guild slash command by a member.
            let user = json!({"id": "1400000000000000001", "username": "member0001",
                "discriminator": "0", "global_name": "Member", "avatar": null, "public_flags": 0});
            v["type"] = json!(2);
            v["data"] = json!({"id": "1500000000000000001", "name": "ask", "type": 1,
                "options": [{"name": "question", "type": 3, "value": "Who denied the report?"}]});
            v["guild_id"] = json!("1200000000000000001");
            v["channel_id"] = json!("1300000000000000001");
            v["member"] = json!({"user": user, "nick": null, "avatar": null, "roles": [],
                "joined_at": "2024-01-01T00:00:00.000000+00:00", "premium_since": null,
                "deaf": false, "mute": false, "flags": 0, "pending": false,
                "permissions": "448928271937", "communication_disabled_until": null});
            v["app_permissions"] = json!("448928271937");
            v["locale"] = json!("en-US");
            v["guild_locale"] = json!("en-US");
            v["entitlements"] = json!([]);
            v["authorizing_integration_owners"] = json!({"0": "1200000000000000001"});
            v["context"] = json!(0);
            v["attachment_size_limit"] = json!(10_485_760);
        }
    }
    v.to_string()
}

fn main() {
    // `cargo bench` passes --bench; nothing else is expected.
    let secs: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let conns: u64 = std::env::var("BENCH_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let key_hex = hex(SigningKey::from_bytes(&SEED).verifying_key().as_bytes());
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("articles")).unwrap();
    // The seed article's copy in the fixtures: benchmarks never read the runtime data folder.
    std::fs::copy(
        root.join("tests/fixtures/articles/isf-gaza-denial.txt"),
        data.path().join("articles/isf-gaza-denial.txt"),
    )
    .unwrap();
    let config = data.path().join("storybot.toml");
    let shipped = std::fs::read_to_string(root.join("config/storybot.toml")).unwrap();
    std::fs::write(
        &config,
        shipped.replace("cooldown_seconds = 3", "cooldown_seconds = 0"),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_storybot");
    // The image builds the index at build time: do the same before timing start-up.
    let built = Command::new(bin)
        .arg("index")
        .env("STORYBOT_DATA", data.path())
        .output()
        .unwrap();
    assert!(built.status.success(), "storybot index failed");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();

    let started = Instant::now();
    let server = Server(
        Command::new(bin)
            .args(["serve", "--http"])
            .env("STORYBOT_DATA", data.path())
            .env("STORYBOT_CONFIG", &config)
            .env("STORYBOT_LISTEN", format!("127.0.0.1:{port}"))
            .env("DISCORD_PUBLIC_KEY", &key_hex)
            .env("STORYBOT_SIGNATURE_WINDOW_SECONDS", "3600")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    while get(port, "/readyz") != Some(200) {
        assert!(started.elapsed() < Duration::from_secs(30), "never ready");
        std::thread::sleep(Duration::from_millis(2));
    }
    let ready = started.elapsed();
    std::thread::sleep(Duration::from_secs(1));
    let rss_start = rss_kib(server.0.id());
    println!(
        "start-up to ready (/readyz 200): {:.1} ms",
        ready.as_secs_f64() * 1e3
    );
    if let Some(kib) = rss_start {
        println!(
            "memory at rest after start-up (RSS): {:.1} MiB",
            kib as f64 / 1024.0
        );
    }

    // Raw Ed25519 verification of a typical signed interaction, on this machine, now.
    let body = interaction("ask");
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let key = PublicKey::from_hex(&key_hex).unwrap();
    let mut message = ts.as_bytes().to_vec();
    message.extend_from_slice(body.as_bytes());
    let sig: [u8; 64] = SigningKey::from_bytes(&SEED).sign(&message).to_bytes();
    let n = 20_000;
    let t = Instant::now();
    for _ in 0..n {
        assert!(key.verify_raw(std::hint::black_box(&message), &sig));
    }
    let rate = f64::from(n) / t.elapsed().as_secs_f64();
    println!(
        "raw Ed25519 verification ({} byte message, one core): {rate:.0} verifications/s",
        message.len()
    );

    let tool = if which("oha") {
        Some("oha")
    } else if which("wrk") {
        Some("wrk")
    } else {
        None
    };
    let Some(tool) = tool else {
        println!(
            "throughput: skipped (install wrk with `apt-get install wrk`, or `cargo install oha`)"
        );
        return;
    };
    // The load tools replay one signed body. A repeated PING is answered each time; a repeated
    // `ask` is answered once and then refused as a replay (401), so the `ask` run measures
    // signature verification and the replay refusal, not answering.
    for kind in ["ping", "ask"] {
        let body = interaction(kind);
        let sig = sign(&ts, &body);
        let url = format!("http://127.0.0.1:{port}/interactions");
        let out = if tool == "oha" {
            Command::new("oha")
                .args([
                    "--no-tui",
                    "-z",
                    &format!("{secs}s"),
                    "-c",
                    &conns.to_string(),
                ])
                .args(["-m", "POST", "-H", "Content-Type: application/json"])
                .args(["-H", &format!("X-Signature-Ed25519: {sig}")])
                .args(["-H", &format!("X-Signature-Timestamp: {ts}")])
                .args(["-d", &body, &url])
                .output()
                .unwrap()
        } else {
            let script = data.path().join(format!("{kind}.lua"));
            let lua = format!(
                "wrk.method = \"POST\"\nwrk.body = [[{body}]]\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"X-Signature-Ed25519\"] = \"{sig}\"\nwrk.headers[\"X-Signature-Timestamp\"] = \"{ts}\"\n\
                 done = function(summary, latency, requests)\n  io.write(string.format(\"non-2xx-or-errors %d\\n\", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n"
            );
            std::fs::write(&script, lua).unwrap();
            Command::new("wrk")
                .args([
                    "-t2",
                    &format!("-c{conns}"),
                    &format!("-d{secs}s"),
                    "--latency",
                ])
                .args(["-s", script.to_str().unwrap(), &url])
                .output()
                .unwrap()
        };
        println!(
            "--- {tool}: POST /interactions, {kind} ({} byte body), {conns} connections, {secs} s",
            body.len()
        );
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
    if let Some(kib) = rss_kib(server.0.id()) {
        println!(
            "memory after the load runs (RSS): {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
    let metrics_ok = get(port, "/metrics") == Some(200);
    println!(
        "/metrics after the runs: {}",
        if metrics_ok { "200" } else { "FAILED" }
    );
}

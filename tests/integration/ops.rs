//! The real binary as admins run it: `serve --http` and gateway `serve` with `/healthz`,
//! `/readyz` and `/metrics` on `STORYBOT_LISTEN`, JSON logs with the start-up line and no
//! secret, `storybot healthcheck`, `check-config` naming bad variables, and a SIGTERM that
//! finishes the request under way and exits 0.

use crate::discord_fake::{slash, FakeDiscord, GUILD_ID};
use crate::http::{ping, raw_request, signed_headers, test_public_key_hex};
use crate::util::{data_dir_with, root, SEED};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A running `storybot serve`, its data folder and its log; killed on drop.
pub struct Server {
    pub child: Child,
    pub log: PathBuf,
    pub addr: SocketAddr,
    _data: tempfile::TempDir,
}

impl Server {
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The JSON log lines.
    pub fn log_lines(&self) -> Vec<Value> {
        self.log()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// Sends SIGTERM and waits for the exit status.
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
        crate::util::sigterm(&self.child);
        self.wait_exit().await
    }

    pub async fn wait_exit(&mut self) -> std::process::ExitStatus {
        match crate::util::wait_exit(&mut self.child, Duration::from_secs(15)).await {
            Some(status) => status,
            None => panic!("the server did not stop; log:\n{}", self.log()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `storybot serve ARGS` on the seed story with JSON logs, listening on a free loopback
/// port, and waits until it listens.
pub async fn start_server(args: &[&str], env: &[(&str, String)]) -> Server {
    let data = data_dir_with(SEED);
    let log = data.path().join("server.log");
    let child = crate::util::bin()
        .arg("serve")
        .args(args)
        .current_dir(root())
        .env("STORYBOT_DATA", data.path())
        .env_remove("STORYBOT_CONFIG")
        .env("STORYBOT_LISTEN", "127.0.0.1:0")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "storybot=info,serenity=warn")
        .envs(env.iter().map(|(k, v)| (*k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("storybot starts");
    let mut server = Server {
        child,
        log,
        addr: "127.0.0.1:1".parse().unwrap(),
        _data: data,
    };
    let started = Instant::now();
    loop {
        let found = server.log_lines().iter().find_map(|l| {
            (l["fields"]["message"] == "listening")
                .then(|| l["fields"]["address"].as_str()?.parse().ok())
                .flatten()
        });
        if let Some(addr) = found {
            server.addr = addr;
            return server;
        }
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!("storybot exited ({status}); log:\n{}", server.log());
        }
        assert!(
            started.elapsed() < WAIT,
            "storybot never listened; log:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn http_env() -> Vec<(&'static str, String)> {
    vec![("DISCORD_PUBLIC_KEY", test_public_key_hex())]
}

async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw_request(addr, "GET", path, &[], "").await
}

fn check_startup_line(server: &Server) {
    let lines = server.log_lines();
    assert!(
        !lines.is_empty(),
        "LOG_FORMAT=json gives JSON lines:\n{}",
        server.log()
    );
    let start = lines
        .iter()
        .find(|l| l["fields"]["message"] == "storybot starting")
        .unwrap_or_else(|| panic!("no start-up line:\n{}", server.log()));
    let f = &start["fields"];
    assert_eq!(f["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        f["articles"].as_u64() == Some(1) && f["paragraphs"].as_u64() > Some(10),
        "{f}"
    );
    assert_eq!(f["index_hash"].as_str().map(str::len), Some(12), "{f}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_mode_serves_interactions_health_and_metrics() {
    let server = start_server(&["--http"], &http_env()).await;
    let addr = server.addr;
    assert_eq!(get(addr, "/healthz").await, (200, "ok\n".into()));
    assert_eq!(get(addr, "/readyz").await.0, 200);
    let body = ping().to_string();
    let (status, reply) =
        raw_request(addr, "POST", "/interactions", &signed_headers(&body), &body).await;
    assert_eq!((status, reply.as_str()), (200, "{\"type\":1}"));
    let ask = slash(3, "who-denied", vec![]).to_string();
    let (status, reply) =
        raw_request(addr, "POST", "/interactions", &signed_headers(&ask), &ask).await;
    assert_eq!(status, 200, "{reply}");
    assert!(reply.contains("Information ministry"), "{reply}");
    assert_eq!(
        raw_request(addr, "POST", "/interactions", &[], &ask)
            .await
            .0,
        401
    );
    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    for line in [
        "storybot_interactions_total{command=\"who-denied\",outcome=\"card\"} 1",
        "storybot_interactions_total{command=\"ping\",outcome=\"pong\"} 1",
        "storybot_interactions_total{command=\"unverified\",outcome=\"rejected\"} 1",
        "storybot_answer_seconds_count 1",
        "storybot_ready 1",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
    check_startup_line(&server);

    // The healthcheck command, by URL and from STORYBOT_LISTEN.
    let probe = |args: &[&str], listen: &str| {
        crate::util::bin()
            .arg("healthcheck")
            .args(args)
            .env("STORYBOT_LISTEN", listen)
            .output()
            .unwrap()
    };
    let url = format!("http://{addr}/healthz");
    assert!(probe(&["--url", &url], "").status.success());
    assert!(probe(&[], &addr.to_string()).status.success());
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = probe(&[], &dead.to_string());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unhealthy"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_in_http_mode_finishes_the_request_under_way_and_exits_0() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut server = start_server(&["--http"], &http_env()).await;
    let body = ping().to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    // A request under way: headers and half the body sent, the other half after SIGTERM.
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut head = format!(
        "POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in signed_headers(&body) {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    crate::util::sigterm(&server.child);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "storybot exited with a request under way; log:\n{}",
        server.log()
    );
    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(WAIT, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    out.extend_from_slice(&buf[..n]);
                    if out.windows(10).any(|w| w == b"{\"type\":1}") {
                        break;
                    }
                }
            }
        }
    })
    .await
    .expect("the reply came");
    let (status, reply) = crate::http::parse_response(&out);
    assert_eq!((status, reply.as_str()), (200, "{\"type\":1}"));
    let status = server.wait_exit().await;
    assert!(status.success(), "exit {status:?}; log:\n{}", server.log());
    assert!(server.log().contains("\"stopped\""), "{}", server.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_mode_reports_health_readiness_and_metrics() {
    let fake = FakeDiscord::start().await;
    let mut server = start_server(
        &[],
        &[
            ("DISCORD_TOKEN", "fake-token".to_string()),
            ("DISCORD_API_BASE", fake.base_url()),
            ("DISCORD_GUILD_ID", GUILD_ID.to_string()),
        ],
    )
    .await;
    let addr = server.addr;
    assert_eq!(get(addr, "/healthz").await.0, 200);
    assert!(
        fake.wait_ready(WAIT).await,
        "no IDENTIFY; log:\n{}",
        server.log()
    );
    let started = Instant::now();
    while get(addr, "/readyz").await.0 != 200 {
        assert!(
            started.elapsed() < WAIT,
            "never ready; log:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    fake.send_interaction(slash(77, "who-denied", vec![])).await;
    let started = Instant::now();
    let metrics = loop {
        let (_, m) = get(addr, "/metrics").await;
        if m.contains("command=\"who-denied\"") {
            break m;
        }
        assert!(
            started.elapsed() < WAIT,
            "never counted:\n{m}\nlog:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for line in [
        "storybot_gateway_connected 1",
        "storybot_ready 1",
        "storybot_interactions_total{command=\"who-denied\",outcome=\"card\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
    check_startup_line(&server);
    let status = server.terminate().await;
    assert!(status.success(), "exit {status:?}; log:\n{}", server.log());
    assert!(!server.log().contains("fake-token"), "the token leaked");
}

#[test]
fn check_config_names_bad_environment_variables() {
    let out = crate::util::bin()
        .arg("check-config")
        .current_dir(root())
        .env_remove("STORYBOT_CONFIG")
        .env("STORYBOT_LISTEN", "localhost:80")
        .env("DISCORD_PUBLIC_KEY", "not-a-key")
        .env("STORYBOT_SHARDS", "2")
        .env("STORYBOT_SHARD_RANGE", "0-5")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "environment: STORYBOT_LISTEN: is `localhost:80`: use an IP address and port",
        "environment: DISCORD_PUBLIC_KEY: is not 64 hex digits",
        "environment: STORYBOT_SHARD_RANGE: is `0-5`",
    ] {
        assert!(err.contains(want), "{want} missing:\n{err}");
    }

    let ok = crate::util::bin()
        .arg("check-config")
        .current_dir(root())
        .env_remove("STORYBOT_CONFIG")
        .env("STORYBOT_LISTEN", "127.0.0.1:9999")
        .env("DISCORD_PUBLIC_KEY", test_public_key_hex())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        text.contains("environment: ok, listening on 127.0.0.1:9999, DISCORD_PUBLIC_KEY set"),
        "{text}"
    );
}

#[test]
fn serve_http_without_a_public_key_says_what_to_do() {
    let data = data_dir_with(SEED);
    let out = crate::util::bin()
        .args(["serve", "--http"])
        .current_dir(root())
        .env("STORYBOT_DATA", data.path())
        .env_remove("DISCORD_PUBLIC_KEY")
        .env("STORYBOT_LISTEN", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_PUBLIC_KEY is not set"), "{err}");
}

//! The Dockerfile, checked without a Docker engine: its instructions are parsed and its runtime
//! stage replayed in a temporary directory standing for the image's root (the same files at the
//! same places, the same `ENV`, the same `RUN storybot index` as the same non-root user would
//! run it), then `ENTRYPOINT` + `CMD` are started against the Discord fake and the
//! `HEALTHCHECK` command is run against them; `STOPSIGNAL` stops them cleanly. The build stage's
//! stub layout is checked with `cargo metadata --locked` (it parses the manifest, whose
//! `[[bench]]` and `[[test]]` targets must exist, against the lockfile); its full `cargo build --release
//! --locked` is replayed too when `STORYBOT_CONTAINER_BUILD=1` (minutes on two cores).
//! `.dockerignore` and `compose.yaml` are checked for what the image relies on.

use crate::discord_fake::{FakeDiscord, GUILD_ID};
use crate::util::root;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// One Dockerfile instruction: keyword and arguments (continuation lines joined).
#[derive(Debug, Clone)]
struct Instruction {
    keyword: String,
    args: String,
}

fn parse_dockerfile(text: &str) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        if let Some(head) = trimmed.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(trimmed);
        let (keyword, args) = current.split_once(' ').unwrap_or((&current, ""));
        out.push(Instruction {
            keyword: keyword.to_ascii_uppercase(),
            args: args.trim().to_string(),
        });
        current.clear();
    }
    out
}

/// The stages: instructions after each `FROM`.
fn stages(instructions: &[Instruction]) -> Vec<Vec<Instruction>> {
    let mut out: Vec<Vec<Instruction>> = Vec::new();
    for i in instructions {
        if i.keyword == "FROM" {
            out.push(vec![i.clone()]);
        } else if let Some(stage) = out.last_mut() {
            stage.push(i.clone());
        }
    }
    out
}

fn exec_form(args: &str) -> Vec<String> {
    serde_json::from_str(args).unwrap_or_else(|e| panic!("not exec form JSON ({e}): {args}"))
}

/// `ENV A=1 B=2` pairs (no quoting is used in the Dockerfile).
fn env_pairs(args: &str) -> Vec<(String, String)> {
    args.split_whitespace()
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("ENV KEY=VALUE");
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// An image path under the replay root.
fn under(root: &Path, image_path: &str) -> PathBuf {
    root.join(image_path.trim_start_matches('/'))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn dockerfile() -> Vec<Vec<Instruction>> {
    let text = std::fs::read_to_string(root().join("Dockerfile")).expect("a Dockerfile");
    let stages = stages(&parse_dockerfile(&text));
    assert_eq!(stages.len(), 2, "a build stage and a runtime stage");
    stages
}

#[test]
fn dockerfile_has_what_the_issue_asks() {
    let text = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let stages = dockerfile();
    let (build, run) = (&stages[0], &stages[1]);
    let runs: Vec<&str> = build
        .iter()
        .filter(|i| i.keyword == "RUN")
        .map(|i| i.args.as_str())
        .collect();
    assert_eq!(
        runs.len(),
        3,
        "a dependency-cache layer, the real build, then the model fetch"
    );
    assert!(runs[..2]
        .iter()
        .all(|r| r.contains("cargo build --release --locked")));
    assert!(
        runs[2].contains("storybot model fetch"),
        "the image fetches the model at build time"
    );
    let one = |k: &str| {
        run.iter()
            .filter(|i| i.keyword == k)
            .map(|i| i.args.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(one("ENTRYPOINT"), vec![r#"["storybot"]"#]);
    assert_eq!(one("CMD"), vec![r#"["serve"]"#]);
    assert_eq!(one("STOPSIGNAL"), vec!["SIGTERM"]);
    assert_eq!(one("VOLUME"), vec![r#"["/data"]"#]);
    assert!(one("HEALTHCHECK")[0].contains(r#"CMD ["storybot", "healthcheck"]"#));
    let user = one("USER");
    assert!(
        user.len() == 1 && !user[0].starts_with("0") && !user[0].starts_with("root"),
        "non-root: {user:?}"
    );
    assert!(text.contains("RUN storybot index"));
    let env: BTreeMap<String, String> = one("ENV").iter().flat_map(|a| env_pairs(a)).collect();
    assert_eq!(env["STORYBOT_PIN_STORE"], "/data/storybot.sqlite");
    // A container never downloads the model at run time.
    assert_eq!(env["STORYBOT_MODEL_FETCH"], "never");

    // .dockerignore keeps out build output, secrets and the built index, not what COPY needs.
    let ignore = std::fs::read_to_string(root().join(".dockerignore")).unwrap();
    let patterns: Vec<&str> = ignore
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    for must in ["target/", ".env", "index_data/index/", "node_modules/"] {
        assert!(patterns.contains(&must), "{must} not in .dockerignore");
    }
    for i in build.iter().chain(run).filter(|i| i.keyword == "COPY") {
        if i.args.starts_with("--from") {
            continue;
        }
        let parts: Vec<&str> = i
            .args
            .split_whitespace()
            .filter(|a| !a.starts_with("--"))
            .collect();
        for src in &parts[..parts.len() - 1] {
            assert!(root().join(src).exists(), "COPY source {src} missing");
            assert!(
                !patterns
                    .iter()
                    .any(|p| src.trim_end_matches('/') == p.trim_end_matches('/')),
                "COPY source {src} is in .dockerignore"
            );
        }
    }

    let compose = std::fs::read_to_string(root().join("compose.yaml")).unwrap();
    for must in ["env_file: .env", "pins:/data", "build: ."] {
        assert!(compose.contains(must), "compose.yaml lacks {must}");
    }
}

/// The build stage's stub layout (manifests plus stub targets) must satisfy cargo with the
/// lockfile as is; with `STORYBOT_CONTAINER_BUILD=1` the stage's commands run verbatim.
#[test]
fn build_stage_replays_outside_docker() {
    let stages = dockerfile();
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("src");
    std::fs::create_dir_all(&work).unwrap();
    let full = std::env::var("STORYBOT_CONTAINER_BUILD").is_ok_and(|v| v == "1");
    for i in &stages[0] {
        match i.keyword.as_str() {
            "COPY" => {
                let parts: Vec<&str> = i.args.split_whitespace().collect();
                let (srcs, dest) = parts.split_at(parts.len() - 1);
                for src in srcs {
                    let from = root().join(src);
                    // As Docker does: into a folder destination under the source's own name.
                    let to = if dest[0].ends_with('/') || srcs.len() > 1 {
                        work.join(dest[0])
                            .join(Path::new(src).file_name().expect("a named source"))
                    } else {
                        work.join(dest[0])
                    };
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent).unwrap();
                    }
                    if from.is_dir() {
                        copy_dir(&from, &to);
                    } else {
                        std::fs::copy(&from, &to).unwrap();
                    }
                }
            }
            "RUN" if !full && i.args.contains("model fetch") => {
                // Network beyond loopback: only the full replay fetches the model.
            }
            "RUN" => {
                let mut cmd = i.args.clone();
                if !full {
                    // The stub layout, checked by cargo without compiling.
                    cmd = cmd
                        .replace(
                            "cargo build --release --locked",
                            "cargo metadata --locked --format-version 1 >/dev/null",
                        )
                        .replace(
                            " && install -m 0755 target/release/storybot /usr/local/bin/storybot",
                            "",
                        );
                } else {
                    cmd = cmd.replace("/usr/local/bin/", &format!("{}/", dir.path().display()));
                }
                let out = Command::new("sh")
                    .args(["-c", &cmd])
                    .current_dir(&work)
                    .env_remove("CARGO_TARGET_DIR")
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "RUN {cmd}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            _ => {}
        }
    }
    assert!(work.join("src/main.rs").exists(), "COPY src ./src");
    if full {
        assert!(dir.path().join("storybot").exists());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runtime_stage_replays_outside_docker() {
    let stages = dockerfile();
    let image = tempfile::tempdir().unwrap();
    let root_dir = image.path();
    let bin = under(root_dir, "/usr/local/bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mut workdir = root_dir.to_path_buf();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let port = free_port();
    let fix = |k: &str, v: &str| -> String {
        if k == "STORYBOT_LISTEN" {
            // The container listens on every interface; the test, on loopback only.
            format!("127.0.0.1:{port}")
        } else if v.starts_with('/') {
            under(root_dir, v).display().to_string()
        } else {
            v.to_string()
        }
    };
    let mut entrypoint = Vec::new();
    let mut cmd = Vec::new();
    let mut healthcheck = Vec::new();
    for i in &stages[1] {
        match i.keyword.as_str() {
            "WORKDIR" => {
                workdir = under(root_dir, &i.args);
                std::fs::create_dir_all(&workdir).unwrap();
            }
            "COPY" if i.args.starts_with("--from=build") => {
                let parts: Vec<&str> = i
                    .args
                    .split_whitespace()
                    .filter(|a| !a.starts_with("--"))
                    .collect();
                let (src, dest) = (parts[0], parts[parts.len() - 1]);
                if src.starts_with("/models") {
                    // The model the build stage fetched: the test cache's copy when there is one
                    // (without it the image's index step answers lexically, with a warning).
                    if let Some(model) = crate::util::model_dir() {
                        copy_dir(&model, &workdir.join(dest).join("all-MiniLM-L6-v2"));
                    }
                } else {
                    std::fs::copy(env!("CARGO_BIN_EXE_storybot"), under(root_dir, dest)).unwrap();
                }
            }
            "COPY" => {
                let parts: Vec<&str> = i
                    .args
                    .split_whitespace()
                    .filter(|a| !a.starts_with("--"))
                    .collect();
                let (src, dest) = (parts[0], parts[1]);
                copy_dir(&root().join(src), &workdir.join(dest));
            }
            "ENV" => {
                for (k, v) in env_pairs(&i.args) {
                    env.insert(k.clone(), fix(&k, &v));
                }
            }
            "RUN" if i.args.starts_with("useradd") => {
                // Root's part (user and folders) — the folders only, here.
                for d in ["/app", "/data"] {
                    std::fs::create_dir_all(under(root_dir, d)).unwrap();
                }
            }
            "RUN" => {
                let out = Command::new("sh")
                    .args(["-c", &i.args])
                    .current_dir(&workdir)
                    .env_clear()
                    .envs(&env)
                    .env("PATH", &path)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "RUN {}: {}",
                    i.args,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            "ENTRYPOINT" => entrypoint = exec_form(&i.args),
            "CMD" => cmd = exec_form(&i.args),
            "HEALTHCHECK" => {
                let json = i.args.split_once("CMD ").expect("HEALTHCHECK CMD").1;
                healthcheck = exec_form(json);
            }
            _ => {}
        }
    }
    assert!(
        under(root_dir, "/app/index_data/index").is_dir(),
        "RUN storybot index built the index into the image"
    );

    // docker compose up: ENTRYPOINT + CMD, with the image's ENV, then compose's env_file (a
    // copy of .env.example, as the README says) over it, with the Discord settings filled in.
    for (k, v) in env_file(&root().join(".env.example")) {
        env.insert(k.clone(), fix(&k, &v));
    }
    let fake = FakeDiscord::start().await;
    let log = root_dir.join("container.log");
    let argv: Vec<String> = entrypoint.iter().chain(&cmd).cloned().collect();
    let mut child = Command::new(bin.join(&argv[0]))
        .args(&argv[1..])
        .current_dir(&workdir)
        .env_clear()
        .envs(&env)
        .env("PATH", &path)
        .env("DISCORD_TOKEN", "fake-token")
        .env("DISCORD_API_BASE", fake.base_url())
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        fake.wait_ready(WAIT).await,
        "no IDENTIFY; log:\n{}",
        read_log()
    );

    // HEALTHCHECK, as Docker runs it inside the container.
    let started = Instant::now();
    loop {
        let out = Command::new(bin.join(&healthcheck[0]))
            .args(&healthcheck[1..])
            .current_dir(&workdir)
            .env_clear()
            .envs(&env)
            .env("PATH", &path)
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "healthcheck failed: {}\nlog:\n{}",
            String::from_utf8_lossy(&out.stderr),
            read_log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let text = read_log();
    assert!(
        !text.contains("built the index") && !text.contains("rebuilt"),
        "start-up did no indexing:\n{text}"
    );
    assert!(text.contains("\"storybot starting\""), "JSON logs:\n{text}");
    assert!(
        under(root_dir, "/data/storybot.sqlite").is_file(),
        "the pin store is on the /data volume:\n{text}"
    );

    // STOPSIGNAL SIGTERM.
    crate::util::sigterm(&child);
    let Some(status) = crate::util::wait_exit(&mut child, Duration::from_secs(15)).await else {
        let _ = child.kill();
        panic!("did not stop; log:\n{}", read_log());
    };
    assert!(status.success(), "exit {status:?}; log:\n{}", read_log());
}

/// `(major, minor, patch)` of a version such as `1.90` or `1.89.0`.
fn version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.trim().split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|e| panic!("version {v:?}: {e}"))
    });
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

/// `docker build` compiles every locked dependency with the Dockerfile's toolchain: none may
/// need a newer Rust than it, and `rust-version` in Cargo.toml must be true (at least every
/// dependency's, at most the Dockerfile's).
#[test]
fn locked_dependencies_build_with_the_dockerfile_toolchain() {
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let toolchain = parse_dockerfile(&dockerfile)
        .iter()
        .find_map(|i| {
            (i.keyword == "ARG")
                .then(|| i.args.strip_prefix("RUST_VERSION="))
                .flatten()
                .map(str::to_string)
        })
        .expect("ARG RUST_VERSION=… in the Dockerfile");
    assert!(
        dockerfile.contains("FROM rust:${RUST_VERSION}-"),
        "the build stage uses ARG RUST_VERSION"
    );
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ours = None;
    let mut needs = Vec::new();
    for p in metadata["packages"].as_array().unwrap() {
        let Some(rust) = p["rust_version"].as_str() else {
            continue;
        };
        if p["name"] == "storybot" {
            ours = Some(rust.to_string());
        } else {
            needs.push((
                version(rust),
                format!("{} {} needs Rust {rust}", p["name"], p["version"]),
            ));
        }
    }
    let ours = ours.expect("Cargo.toml sets rust-version");
    let too_new: Vec<&String> = needs
        .iter()
        .filter(|(v, _)| *v > version(&toolchain))
        .map(|(_, why)| why)
        .collect();
    assert!(
        too_new.is_empty(),
        "the Dockerfile's Rust {toolchain} is too old: {too_new:?}: raise ARG RUST_VERSION"
    );
    let above_ours: Vec<&String> = needs
        .iter()
        .filter(|(v, _)| *v > version(&ours))
        .map(|(_, why)| why)
        .collect();
    assert!(
        above_ours.is_empty(),
        "rust-version = {ours:?} in Cargo.toml is not true: {above_ours:?}"
    );
    assert!(
        version(&ours) <= version(&toolchain),
        "rust-version {ours} is above the Dockerfile's Rust {toolchain}"
    );
}

/// `KEY=VALUE` lines of an env_file as compose reads them (comments and blank lines skipped;
/// an empty value still sets the variable).
fn env_file(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("not KEY=VALUE: {l}"));
            (k.trim().to_string(), v.to_string())
        })
        .collect()
}

/// `cp .env.example .env` changes nothing the image sets.
#[test]
fn the_env_example_overrides_nothing_the_image_sets() {
    let image: BTreeMap<String, String> = dockerfile()[1]
        .iter()
        .filter(|i| i.keyword == "ENV")
        .flat_map(|i| env_pairs(&i.args))
        .collect();
    let overridden: Vec<String> = env_file(&root().join(".env.example"))
        .into_iter()
        .filter(|(k, _)| image.contains_key(k))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    assert!(
        overridden.is_empty(),
        ".env.example would override the image's ENV: {overridden:?}"
    );
}

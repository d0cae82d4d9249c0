//! The index on disk under abuse: every segment file damaged in several ways (verified at
//! open, rebuilt with one line, never a panic), eight processes opening a missing or stale
//! index at once (one builds, the others wait and read it), and a read-only data folder
//! (a current index is served; a stale one is refused with where to build instead).

use crate::util::{data_dir_with, root, stderr, stdout, SEED};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const QUESTION: &str = "Who denied the report?";

fn storybot(data: &Path, args: &[&str]) -> Command {
    let mut cmd = crate::util::bin();
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .current_dir(root())
        .env_remove("RUST_LOG")
        .env_remove("STORYBOT_DATA")
        .env_remove("STORYBOT_CONFIG");
    cmd
}

fn ask(data: &Path) -> Output {
    storybot(data, &["ask"]).arg(QUESTION).output().unwrap()
}

fn answered(out: &Output) -> bool {
    out.status.success() && stdout(out).contains("Information ministry")
}

/// The index's files with extension `ext`.
fn segment_files(data: &Path, ext: &str) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

fn xor(path: &Path, at: impl Fn(usize) -> usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let start = at(bytes.len()).min(bytes.len().saturating_sub(16));
    for b in bytes.iter_mut().skip(start).take(16) {
        *b ^= 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn every_damaged_segment_file_is_verified_and_rebuilt() {
    let dir = data_dir_with(SEED);
    let data = dir.path();
    let built = storybot(data, &["index"]).output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    type Damage = (&'static str, fn(&Path));
    let damages: [Damage; 5] = [
        ("truncated to nothing", |p| std::fs::write(p, b"").unwrap()),
        ("truncated to half", |p| {
            let len = std::fs::metadata(p).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }),
        ("deleted", |p| std::fs::remove_file(p).unwrap()),
        ("first 16 bytes garbled", |p| xor(p, |_| 0)),
        ("middle garbled", |p| xor(p, |len| len / 2)),
    ];
    for ext in ["store", "idx", "term", "pos", "fast", "fieldnorm"] {
        for (how, damage) in &damages {
            let files = segment_files(data, ext);
            assert!(!files.is_empty(), "no .{ext} file in the index");
            for f in &files {
                damage(f);
            }
            let out = ask(data);
            let err = stderr(&out);
            assert!(answered(&out), ".{ext} {how}: {:?}\n{err}", out.status);
            assert!(!err.contains("panicked"), ".{ext} {how}: {err}");
            let lines: Vec<&str> = err.lines().collect();
            assert!(
                lines.len() == 1 && lines[0].contains("unreadable") && lines[0].contains("rebuilt"),
                ".{ext} {how}: one line saying it was rebuilt, got:\n{err}"
            );
            let again = ask(data);
            assert!(answered(&again), "{}", stderr(&again));
            assert_eq!(
                stderr(&again),
                "",
                ".{ext} {how}: the rebuilt index is current"
            );
        }
    }
}

/// Eight `storybot ask` at once; every one must answer.
fn ask_eight_at_once(data: &Path) {
    let children: Vec<_> = (0..8)
        .map(|_| {
            storybot(data, &["ask"])
                .arg(QUESTION)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for (i, out) in outs.iter().enumerate() {
        assert!(
            answered(out),
            "process {i}: {:?}\n{}",
            out.status,
            stderr(out)
        );
    }
    let left: Vec<String> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index.") && n != "index.lock")
        .collect();
    assert!(left.is_empty(), "builders left folders behind: {left:?}");
}

#[test]
fn concurrent_first_use_builds_once_and_everyone_answers() {
    let dir = data_dir_with(SEED);
    let data = dir.path();
    ask_eight_at_once(data);
    // Stale: an article changed while eight processes (say, serve and an admin's index) start.
    let article = data.join("articles").join(format!("{SEED}.txt"));
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str("\n\nA paragraph added later, so the index is stale.\n");
    std::fs::write(&article, text).unwrap();
    ask_eight_at_once(data);
    let again = ask(data);
    assert_eq!(stderr(&again), "", "the index is current after the race");
}

/// Sets `mode` on `path` and everything under it (`dir_mode` on folders).
fn chmod_all(path: &Path, dir_mode: u32, file_mode: u32) {
    let mode = if path.is_dir() { dir_mode } else { file_mode };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            chmod_all(&e.unwrap().path(), dir_mode, file_mode);
        }
    }
}

/// `ask` on a data folder the process cannot write: as an unprivileged user when the tests
/// run as root (root writes anywhere), else with the write bits taken away.
fn ask_read_only(data: &Path) -> Output {
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut cmd = storybot(data, &["ask"]);
    cmd.arg(QUESTION);
    if root_user {
        chmod_all(data, 0o755, 0o644);
        cmd.uid(65534).gid(65534);
    } else {
        chmod_all(data, 0o555, 0o444);
    }
    let out = cmd.output().unwrap();
    chmod_all(data, 0o755, 0o644);
    out
}

#[test]
fn a_read_only_data_folder_serves_a_current_index_and_says_where_to_build() {
    let dir = data_dir_with(SEED);
    let data = dir.path();
    let built = storybot(data, &["index"]).output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let out = ask_read_only(data);
    assert!(answered(&out), "{:?}\n{}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "");

    let article = data.join("articles").join(format!("{SEED}.txt"));
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str("\n\nA paragraph added later, so the index is stale.\n");
    std::fs::write(&article, text).unwrap();
    let out = ask_read_only(data);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("must be built (the articles changed)")
            && err.contains("not writable")
            && err.contains(&format!("storybot index --data {}", data.display())),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("Lockfile"),
        "{err}"
    );
}

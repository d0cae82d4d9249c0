//! The pin store under a real crash: a writer process is killed with SIGKILL mid-write, and
//! every pin it reported committed must be there, in a file SQLite finds sound.

use crate::util::root;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use storybot::pins::PinStore;

#[test]
fn kill_dash_nine_loses_no_committed_pin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pins.sqlite");
    let mut child = crate::util::bin()
        .args([
            "pin-writer",
            "--store",
            path.to_str().unwrap(),
            "--count",
            "100000",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut committed = Vec::new();
    while committed.len() < 150 {
        let line = lines.next().expect("writer output").unwrap();
        committed.push(
            line.trim_start_matches("committed ")
                .parse::<u64>()
                .unwrap(),
        );
    }
    // SIGKILL: no destructors, no flush, mid-transaction as likely as not.
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap()
        .success());
    let _ = child.wait();
    let store = PinStore::open(&path).expect("the store reopens after a crash");
    assert_eq!(store.integrity().unwrap(), "ok");
    let kept: std::collections::HashSet<u64> = store
        .for_guild(1)
        .unwrap()
        .iter()
        .map(|p| p.message)
        .collect();
    for m in &committed {
        assert!(
            kept.contains(m),
            "pin {m} was reported committed but is gone"
        );
    }
}

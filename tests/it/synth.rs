//! `kith synth`: deterministic, realistic exports in every era that import cleanly.

use crate::common::*;

fn synth(sandbox: &Sandbox, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let dir = sandbox.path(name);
    let mut args = vec!["synth", "--out", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    sandbox.ok(&args);
    dir
}

fn tree_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let sandbox = Sandbox::new();
    let a = synth(
        &sandbox,
        "a",
        &["--connections", "50", "--messages", "300", "--seed", "9"],
    );
    let b = synth(
        &sandbox,
        "b",
        &["--connections", "50", "--messages", "300", "--seed", "9"],
    );
    let c = synth(
        &sandbox,
        "c",
        &["--connections", "50", "--messages", "300", "--seed", "10"],
    );
    assert_eq!(tree_bytes(&a), tree_bytes(&b));
    assert_ne!(tree_bytes(&a), tree_bytes(&c));
}

#[test]
fn every_era_imports_with_its_layout_and_quirks() {
    for (era, connections_layout, messages_layout) in [
        ("2018", "2018 – mid 2020", "2018 (From, To, Direction)"),
        ("2022", "late 2020 – early 2023", "2021 – early 2023"),
        ("2026", "mid 2023 – 2026", "mid 2023 – 2026"),
    ] {
        let sandbox = Sandbox::new();
        let dir = synth(
            &sandbox,
            "e",
            &["--connections", "120", "--messages", "900", "--layout", era],
        );
        let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
        assert!(out.contains(connections_layout), "{era}: {out}");
        assert!(out.contains(messages_layout), "{era}: {out}");
        assert!(out.contains("not used"), "{era}: {out}");
        let status = sandbox.status();
        assert_eq!(status["connections"], 120, "{era}: {status}");
        assert!(status["messages"].as_i64().unwrap() >= 850, "{era}: {status}");
        assert!(status["endorsements"].as_i64().unwrap() > 0, "{era}");
        assert!(status["skipped"]["blank-row"].as_i64().unwrap() >= 1, "{era}: {status}");
        assert!(status["owner"]["name"].as_str().is_some_and(|n| !n.is_empty()));
        if era != "2018" {
            assert_eq!(status["skipped"]["sponsored"], 1, "{era}: {status}");
            assert_eq!(status["skipped"]["draft"], 1, "{era}: {status}");
        }
    }
}

#[test]
fn pools_overlap_and_import_per_member() {
    let sandbox = Sandbox::new();
    let dir = synth(
        &sandbox,
        "pool",
        &["--connections", "80", "--messages", "200", "--members", "3"],
    );
    let mut members: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    members.sort();
    assert_eq!(members.len(), 3);
    sandbox.ok(&["import", members[0].to_str().unwrap()]);
    for (i, m) in members.iter().enumerate().skip(1) {
        sandbox.ok(&["import", "--member", &format!("member {i}"), m.to_str().unwrap()]);
    }
    let status = sandbox.status();
    assert_eq!(status["members"].as_array().unwrap().len(), 2);
    assert_eq!(status["connections"], 240);
    // Overlap: fewer distinct people than connection rows.
    assert!(status["people"].as_i64().unwrap() < 240, "{status}");
}

#[test]
fn the_bundled_sample_is_what_synth_writes() {
    // data/sample is documented as `kith synth --out data/sample --connections 300
    // --messages 1500 --members 3 --seed 7`; regenerate it with that command after changing
    // the generator.
    let sandbox = Sandbox::new();
    let fresh = synth(
        &sandbox,
        "sample",
        &[
            "--connections",
            "300",
            "--messages",
            "1500",
            "--members",
            "3",
            "--seed",
            "7",
        ],
    );
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("sample");
    assert!(
        tree_bytes(&fresh) == tree_bytes(&bundled),
        "data/sample is stale: regenerate it with kith synth"
    );
}

//! The output people read and scripts parse, pinned: the table and JSON of `demo`, `status`,
//! `import`, `intro`, `reconnect`, `plan` and `followups` on the bundled sample, at a fixed
//! `--as-of` near its export and months after it. A change to any of them shows as a diff in
//! `tests/it/snapshots/` to review (`cargo insta review`, or `INSTA_UPDATE=always cargo test`
//! and `git diff`).

use std::path::PathBuf;

use crate::common::*;

/// The sample's export day, and a day months after it.
const NEAR: &str = "2026-11-02";
const LATER: &str = "2027-05-01";

fn sample(member: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample")
        .join(member)
}

/// Output with the sandbox's own paths (they differ on every run) written as `[SANDBOX]`
/// and the repository's as `[REPO]`.
fn stable(sandbox: &Sandbox, text: &str) -> String {
    let repo = env!("CARGO_MANIFEST_DIR");
    text.replace(sandbox.dir.path().to_str().unwrap_or("\u{0}"), "[SANDBOX]")
        .replace(repo, "[REPO]")
}

/// The sample's three members imported (the owner, then two pooled members), with the target
/// the demo uses and a few weeks of logged outreach; returns the import outputs.
fn club() -> (Sandbox, Vec<String>) {
    let sandbox = Sandbox::new();
    let mut imports = Vec::new();
    let owner = sample("01-jonas-nguyen");
    imports.push(sandbox.ok(&["import", owner.to_str().unwrap()]));
    for (folder, name) in [("02-ewa-kowalski", "Ewa Kowalski"), ("03-pavel-okafor", "Pavel Okafor")] {
        let path = sample(folder);
        imports.push(sandbox.ok(&["import", path.to_str().unwrap(), "--member", name]));
    }
    sandbox.ok(&["targets", "add", "Acme Robotics", "--alias", "ACME Robotics Inc"]);
    for (who, date, outcome) in [
        ("Hugo Andersen", "2026-09-20", "asked"),
        ("Hugo Andersen", "2026-09-24", "replied"),
        ("Hugo Andersen", "2026-10-08", "introduced"),
        ("Matt Çelik", "2026-10-01", "asked"),
    ] {
        sandbox.ok(&["log", who, "--date", date, "--outcome", outcome]);
    }
    (sandbox, imports)
}

#[test]
fn import_summaries() {
    let (sandbox, imports) = club();
    for (i, out) in imports.iter().enumerate() {
        insta::assert_snapshot!(format!("import_{i}"), stable(&sandbox, out));
    }
    let again = sandbox.ok(&[
        "import",
        sample("01-jonas-nguyen").to_str().unwrap(),
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("import_again_json", stable(&sandbox, &again));
}

#[test]
fn status_table_and_json() {
    let (sandbox, _) = club();
    insta::assert_snapshot!("status", stable(&sandbox, &sandbox.ok(&["status"])));
    insta::assert_snapshot!(
        "status_json",
        stable(&sandbox, &sandbox.ok(&["status", "--format", "json"]))
    );
}

#[test]
fn intro_reconnect_plan_followups_near_and_later() {
    let (sandbox, _) = club();
    for (when, as_of) in [("near", NEAR), ("later", LATER)] {
        let runs: [(&str, Vec<&str>); 4] = [
            ("intro", vec!["intro", "--company", "Acme Robotics", "--top", "5"]),
            ("reconnect", vec!["reconnect", "--limit", "5"]),
            ("plan", vec!["plan"]),
            ("followups", vec!["followups"]),
        ];
        for (name, args) in runs {
            for format in ["table", "json"] {
                let mut full = args.clone();
                full.extend(["--as-of", as_of, "--format", format]);
                let out = sandbox.kith(&full);
                let text = format!(
                    "exit {:?}\n{}{}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                insta::assert_snapshot!(format!("{name}_{when}_{format}"), text);
            }
        }
    }
}

#[test]
fn demo() {
    let sandbox = Sandbox::new();
    let report = sandbox.path("demo-report");
    let out = sandbox.ok(&["demo", "--report", report.to_str().unwrap()]);
    // The demo's own temporary workspace has a new name on every run.
    insta::with_settings!({ filters => vec![(r"Workspace \S+kith\.db", "Workspace [DEMO]/kith.db")] }, {
        insta::assert_snapshot!("demo", stable(&sandbox, &out));
    });
}

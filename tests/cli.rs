//! The command line as a person meets it: the demo, quiet and verbose, colour, exit codes.

mod common;

use common::*;

#[test]
fn demo_imports_the_bundled_sample_and_prints_the_status() {
    let sandbox = Sandbox::new();
    let out = sandbox.kith(&["demo"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("Imported"), "{text}");
    assert!(text.contains("pooled members"), "{text}");
    assert!(text.contains("connections"), "{text}");
    // The demo never touches the workspace named by --db.
    assert!(!sandbox.db().exists());
}

#[test]
fn quiet_prints_nothing_and_output_is_plain_when_piped() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    let out = sandbox.kith(&["-q", "import", dir.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "", "no progress bar when stderr is not a terminal");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--db")
        .arg(sandbox.db())
        .arg("status")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        !stdout(&out).contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn verbose_lists_every_skipped_row() {
    let sandbox = Sandbox::new();
    let mut connections = format!("{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..15 {
        connections.push_str(&format!(",,,,,,0{} Jan 2024\n", i % 9 + 1));
    }
    connections.push_str("Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,04 Jul 2023\n");
    let dir = sandbox.folder("e", &[("Connections.csv", connections.as_bytes())]);
    let short = sandbox.ok(&["import", "--format", "table", dir.to_str().unwrap()]);
    assert!(short.contains("... 5 more"), "{short}");
    let other = Sandbox::new();
    let dir = other.folder("e", &[("Connections.csv", connections.as_bytes())]);
    let long = other.ok(&["-v", "import", dir.to_str().unwrap()]);
    assert_eq!(long.matches("blank row").count(), 15, "{long}");
}

#[test]
fn import_json_summary_carries_files_and_rejects() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    let text = sandbox.ok(&["import", "--format", "json", dir.to_str().unwrap()]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["rejects"].as_array().unwrap().len(), 3);
    assert!(value["files"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "messages"));
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.kith(&["import"]).status.code(), Some(2));
    assert_eq!(
        sandbox.kith(&["synth", "--out", "x", "--layout", "1999"]).status.code(),
        Some(2)
    );
    assert_eq!(sandbox.kith(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn completions_for_bash() {
    let sandbox = Sandbox::new();
    let out = sandbox.ok(&["completions", "bash"]);
    assert!(out.contains("reconnect") && out.contains("--max-hops"), "{out}");
}

#[test]
fn a_stale_export_is_said_in_one_line() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let zip = sandbox.zip("Basic_LinkedInDataExport_03-15-2026.zip", &files(&export));
    sandbox.ok(&["import", zip.to_str().unwrap()]);
    let out = sandbox.kith(&["intro", "--company", "Acme Robotics", "--as-of", "2026-11-15"]);
    let err = stderr(&out);
    assert!(
        err.contains("your newest export is from 15 March 2026, 8 months before 2026-11-15"),
        "{err}"
    );
    let out = sandbox.kith(&["intro", "--company", "Acme Robotics", "--as-of", "2026-03-20"]);
    assert!(!stderr(&out).contains("newest export"), "{}", stderr(&out));
}

#[test]
fn new_people_never_count_the_user() {
    // The import summary and `kith status` agree on how many people there are.
    let sandbox = Sandbox::new();
    let export = export_2026();
    let zip = sandbox.zip("Basic_LinkedInDataExport_03-15-2026.zip", &files(&export));
    let out = sandbox.ok(&["import", zip.to_str().unwrap()]);
    let people = sandbox.status()["people"].as_i64().unwrap();
    assert!(out.contains(&format!("{people} new people")), "{people}: {out}");
}

#[test]
fn counts_of_zero_are_usage_errors() {
    let sandbox = Sandbox::new();
    for args in [
        &["intro", "--company", "Acme", "--top", "0"][..],
        &["reconnect", "--limit", "0"],
        &["plan", "--per-week", "0"],
    ] {
        let out = sandbox.kith(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("must be at least 1"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn unmuting_someone_never_muted_says_so() {
    let sandbox = Sandbox::new();
    let export = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes/overflow");
    sandbox.ok(&["import", export.to_str().unwrap()]);
    assert_eq!(sandbox.ok(&["unmute", "Rita Alves"]).trim(), "Rita Alves was not muted");
    assert_eq!(sandbox.ok(&["mute", "Rita Alves"]).trim(), "muted: Rita Alves");
    assert_eq!(
        sandbox.ok(&["mute", "Rita Alves"]).trim(),
        "Rita Alves was already muted"
    );
    assert_eq!(sandbox.ok(&["unmute", "Rita Alves"]).trim(), "unmuted: Rita Alves");
}

//! The command line as a person meets it: the demo, quiet and verbose, colour, exit codes.

use crate::common::*;

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

#[test]
fn nothing_found_exits_1_in_every_command() {
    let sandbox = Sandbox::new();
    // A workspace with a target but no export yet.
    sandbox.ok(&["targets", "add", "Acme Robotics"]);
    let report = sandbox.path("report");
    for args in [
        &["plan"][..],
        &["followups"],
        &["log", "--list"],
        &["reconnect"],
        &["report", "--out", report.to_str().unwrap()],
        &["export", "--to", "csv"],
        &["intro", "--company", "Acme Robotics"],
    ] {
        let out = sandbox.kith(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).trim().is_empty(), "{args:?} says why");
    }
    assert!(!report.exists(), "an empty report is not written");
    let quiet = sandbox.kith(&["-q", "followups"]);
    assert_eq!(
        (quiet.status.code(), stderr(&quiet).as_str()),
        (Some(1), ""),
        "-q says nothing"
    );
    // And after an import with no ledger: still nothing owed, nothing logged; JSON stays JSON.
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    for args in [
        &["followups", "--format", "json"][..],
        &["log", "--list", "--format", "json"],
    ] {
        let out = sandbox.kith(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stdout(&out).trim(), "[]", "{args:?}");
    }
    sandbox.ok(&["targets", "remove", "Acme Robotics"]);
    let out = sandbox.kith(&["targets", "list"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn asking_for_no_company_or_for_yourself_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    for (args, says) in [
        (&["intro", "--company", ""][..], "--company needs a company name"),
        (&["intro", "--company", " , "], "--company needs a company name"),
        (&["intro", "--person", "  "], "--person needs a name"),
        (&["intro", "--person", "ana owner"], "Ana Owner is you"),
        (
            &["intro", "--person", "https://www.linkedin.com/in/ana-owner/"],
            "Ana Owner is you",
        ),
        (&["mute", "Ana Owner"], "Ana Owner is you"),
        (&["log", "ana owner", "--outcome", "asked"], "Ana Owner is you"),
        (&["followups", "--nudge-after", "0"], "not in 1..="),
    ] {
        let out = sandbox.kith(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    // Someone else is still found.
    let out = sandbox.kith(&["intro", "--person", "Bob Roe"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn removing_an_alias_keeps_the_target() {
    let sandbox = Sandbox::new();
    sandbox.ok(&[
        "targets",
        "add",
        "Acme Robotics, Inc.",
        "--alias",
        "AR Labs",
        "--alias",
        "Acme",
    ]);
    assert_eq!(
        sandbox.ok(&["targets", "remove", "AR Labs"]).trim(),
        "alias removed: AR Labs (Acme Robotics, Inc. stays a target)"
    );
    assert_eq!(
        sandbox.ok(&["targets", "list"]).trim(),
        "Acme Robotics, Inc.  (also: Acme)"
    );
    assert_eq!(
        sandbox.ok(&["targets", "remove", "acme robotics"]).trim(),
        "target removed: Acme Robotics, Inc. (with its alias: Acme)"
    );
    let out = sandbox.kith(&["targets", "remove", "Acme"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a target"), "{}", stderr(&out));
}

/// `kith synth` of a tiny export into `dir`, with extra flags.
fn synth_into(sandbox: &Sandbox, dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "synth",
        "--out",
        dir.to_str().unwrap(),
        "--connections",
        "5",
        "--messages",
        "5",
    ];
    args.extend_from_slice(extra);
    sandbox.kith(&args)
}

#[test]
fn synth_never_writes_into_a_folder_that_has_files() {
    let sandbox = Sandbox::new();
    let real = sandbox.folder("my-export", &[("Connections.csv", b"my real connections")]);
    let out = synth_into(&sandbox, &real, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("not empty") && err.contains("--force"), "{err}");
    let kept = std::fs::read(real.join("Connections.csv")).unwrap();
    assert_eq!(kept, b"my real connections");
    assert_eq!(std::fs::read_dir(&real).unwrap().count(), 1, "nothing was added");
    assert!(synth_into(&sandbox, &real, &["--force"]).status.success());
    assert_ne!(
        std::fs::read(real.join("Connections.csv")).unwrap(),
        b"my real connections"
    );
    // An empty folder, or one that does not exist yet, is fine.
    let empty = sandbox.path("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(synth_into(&sandbox, &empty, &[]).status.success());
    assert!(synth_into(&sandbox, &sandbox.path("new/x"), &[]).status.success());
}

#[test]
fn a_report_that_cannot_be_written_names_the_path_in_one_line() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    // A folder where a chart file should go: the write fails as a folder that cannot be
    // written does, and the error names the file.
    let out_dir = sandbox.path("report");
    std::fs::create_dir_all(out_dir.join("map.png")).unwrap();
    let out = sandbox.kith(&["report", "--out", out_dir.to_str().unwrap(), "--as-of", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1, "{err}");
    assert!(
        err.contains(&format!("{}: ", out_dir.join("map.png").display())),
        "{err}"
    );
    assert!(!err.contains("Os {") && !err.contains("Error("), "no debug dump: {err}");
    // Under a file: the folder cannot be made.
    let blocker = sandbox.folder("b", &[("file", b"x")]).join("file");
    let out = sandbox.kith(&[
        "report",
        "--out",
        blocker.join("r").to_str().unwrap(),
        "--as-of",
        "2026-03-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&blocker.join("r").display().to_string()),
        "{}",
        stderr(&out)
    );
}

#[test]
fn status_names_a_few_of_many_pooled_members_and_counts_them() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    {
        let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
        for i in 0..199 {
            conn.execute(
                "INSERT INTO members (name, is_owner) VALUES (?1, 0)",
                [format!("Member {i:03}")],
            )
            .unwrap();
        }
    }
    let text = sandbox.ok(&["status"]);
    let line = text
        .lines()
        .find(|l| l.contains("pooled members"))
        .expect("members line");
    assert_eq!(
        line.trim(),
        "pooled members   199: Member 000, Member 001, Member 002, Member 003, Member 004, ... \
         (kith status --format json lists all)"
    );
    assert_eq!(sandbox.status()["members"].as_array().unwrap().len(), 199);
}

#[test]
fn namesakes_without_urls_are_told_apart_by_company() {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Omar,Chen,,,Meta,Engineer,04 Jul 2019\n\
Omar,Chen,,,Massive Dynamic,Engineer,05 Jul 2019\n"
    );
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let out = sandbox.kith(&["log", "Omar Chen", "--date", "2026-01-02", "--as-of", "2026-01-05"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"Name, Company\""), "{}", stderr(&out));
    let logged = sandbox.ok(&[
        "log",
        "Omar Chen, Meta",
        "--date",
        "2026-01-02",
        "--as-of",
        "2026-01-05",
    ]);
    assert!(logged.contains("logged: Omar Chen"), "{logged}");
    let list = sandbox.ok(&["log", "--list", "Omar Chen, Meta", "--format", "json"]);
    assert!(list.contains("2026-01-02"), "{list}");
    assert!(sandbox.ok(&["mute", "Omar Chen, Massive Dynamic"]).contains("muted"));
}

//! The workspace: private file mode, one transaction per import (an interrupted import leaves
//! the previous state intact), identity across files.

mod common;

use common::*;

#[cfg(unix)]
#[test]
fn workspace_is_created_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.ok(&["status"]);
    let mode = std::fs::metadata(sandbox.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn db_flag_and_env_select_the_workspace() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("elsewhere.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["status", "--format", "json"])
        .env("KITH_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
}

fn big_export(sandbox: &Sandbox) -> std::path::PathBuf {
    let dir = sandbox.path("big");
    let out = sandbox.kith(&[
        "synth",
        "--out",
        dir.to_str().unwrap(),
        "--connections",
        "2000",
        "--messages",
        "200000",
        "--seed",
        "3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn an_import_that_dies_before_commit_leaves_the_previous_state() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let small = sandbox.folder("small", &files(&export));
    sandbox.ok(&["import", small.to_str().unwrap()]);
    let before = sandbox.status();
    let big = big_export(&sandbox);
    let out = kith_with(
        &sandbox.db(),
        &["import", "--member", "Someone", big.to_str().unwrap()],
        &[("KITH_FAILPOINT", "before-commit")],
    );
    assert!(!out.status.success(), "the failpoint aborts the process");
    assert_eq!(
        before,
        sandbox.status(),
        "the hot journal is rolled back on the next open"
    );
    // And the import then succeeds normally.
    sandbox.ok(&["import", "--member", "Someone", big.to_str().unwrap()]);
    assert!(sandbox.status()["messages"].as_i64().unwrap() > before["messages"].as_i64().unwrap());
}

#[cfg(unix)]
#[test]
fn a_killed_import_is_all_or_nothing() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let small = sandbox.folder("small", &files(&export));
    sandbox.ok(&["import", small.to_str().unwrap()]);
    let before = sandbox.status();
    let big = big_export(&sandbox);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--db")
        .arg(sandbox.db())
        .args(["import", "--member", "Someone", big.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill();
    let finished = child.wait().unwrap().success();
    let after = sandbox.status();
    if finished {
        // The machine was fast enough to finish: then everything must be there.
        assert_eq!(after["imports"], 2);
    } else {
        assert_eq!(before, after, "a kill mid-import changes nothing");
    }
}

#[test]
fn identity_across_files_and_url_spellings() {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Jürgen,Müller,https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller,,Acme,CTO,04 Jul 2023\n\
Tamara,\"Hafner, PhD\",https://www.linkedin.com/in/tamara-hafner,,Acme,Eng,04 Jul 2023\n"
    );
    let endorsements =
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
2021/08/11 11:00:31 UTC,Rust,Jürgen,Müller,www.linkedin.com/in/JÜRGEN-müller/,ACCEPTED\n";
    let invitations = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
Tamara Hafner,Ana Owner,\"6/17/23, 6:18 AM\",,INCOMING,http://linkedin.com/in/tamara-hafner?trk=x,https://www.linkedin.com/in/ana-owner\n";
    let recommendations = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nTamara,Hafner,Acme,Eng,Great.,\"04/15/24, 09:25 PM\",VISIBLE\n";
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("Endorsement_Received_Info.csv", endorsements.as_bytes()),
            ("Invitations.csv", invitations.as_bytes()),
            ("Recommendations_Received.csv", recommendations.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let status = sandbox.status();
    assert_eq!(status["people"], 2, "{status}");
    assert_eq!(status["endorsements"], 1);
    assert_eq!(status["invitations"], 1);
    assert_eq!(status["recommendations"], 1);
    assert_eq!(status["owner"]["url"], "https://www.linkedin.com/in/ana-owner");
}

//! The workspace: private file mode, one transaction per import (an interrupted import leaves
//! the previous state intact), identity across files; and safe with a person's files: only
//! kith's own SQLite files are opened, only recording commands create one, concurrent
//! processes wait for each other, older files are upgraded after a copy and newer refused.

use crate::common::*;

#[cfg(unix)]
#[test]
fn workspace_is_created_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.ok(&["targets", "add", "Acme"]);
    let mode = std::fs::metadata(sandbox.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn db_flag_and_env_select_the_workspace() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("elsewhere.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["targets", "add", "Acme"])
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

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

fn import_args(dir: &std::path::Path) -> Vec<String> {
    vec!["import".into(), dir.to_string_lossy().into_owned()]
}

/// Starts one kith process per argument list on `db`, all at once, and waits for them all.
fn all_at_once(db: &std::path::Path, jobs: &[Vec<String>]) -> Vec<std::process::Output> {
    let children: Vec<std::process::Child> = jobs
        .iter()
        .map(|args| {
            std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
                .arg("--db")
                .arg(db)
                .args(args)
                .env_remove("KITH_DB")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start kith")
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().expect("wait for kith"))
        .collect()
}

#[test]
fn imports_started_at_once_into_a_new_workspace_wait_for_each_other() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let own = sandbox.folder("own", &files(&export));
    let friend_connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Ines,Duarte,https://www.linkedin.com/in/ines-duarte,,Acme Robotics,Designer,04 Jul 2023\n"
    );
    let friend = sandbox.folder("friend", &[("Connections.csv", friend_connections.as_bytes())]);
    // Before the schema was created under a lock, about one round in three failed with
    // "table people already exists" or "duplicate column name".
    for round in 0..6 {
        let db = sandbox.path(&format!("round-{round}.db"));
        let mut jobs: Vec<Vec<String>> = vec![import_args(&own), import_args(&own), import_args(&own)];
        let mut member = import_args(&friend);
        member.insert(1, "--member".into());
        member.insert(2, "Friend".into());
        jobs.push(member);
        for out in all_at_once(&db, &jobs) {
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
        }
        let sql = rusqlite::Connection::open(&db).unwrap();
        let count = |q: &str| -> i64 { sql.query_row(q, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT COUNT(*) FROM members WHERE is_owner = 1"),
            1,
            "round {round}"
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM members WHERE name = 'Friend'"),
            1,
            "round {round}"
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM imports"),
            2,
            "round {round}: one per export"
        );
    }
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_untouched() {
    let sandbox = Sandbox::new();
    let notes = sandbox.path("notes.db");
    {
        let conn = rusqlite::Connection::open(&notes).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    let stamped = sandbox.path("stamped.db");
    {
        let conn = rusqlite::Connection::open(&stamped).unwrap();
        conn.pragma_update(None, "application_id", 0x1234_5678).unwrap();
    }
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    for (db, says) in [(&notes, "holding notes"), (&stamped, "application id 0x12345678")] {
        let before = bytes(db);
        for args in [
            vec!["status".to_string()],
            vec!["targets".into(), "add".into(), "Acme".into()],
            import_args(&dir),
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = kith_with(db, &args, &[]);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert!(err.contains("not a kith workspace") && err.contains(says), "{err}");
            assert!(err.contains("left untouched") && err.lines().count() == 1, "{err}");
            assert_eq!(bytes(db), before, "{args:?} changed the file");
        }
    }
}

#[test]
fn commands_that_read_or_need_someone_never_create_a_workspace() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("typo/kith.db");
    for args in [
        &["status"][..],
        &["intro", "--company", "Acme"],
        &["reconnect"],
        &["plan"],
        &["followups"],
        &["log", "--list"],
        &["report", "--out", "unused-report"],
        &["export", "--to", "csv"],
        &["targets", "list"],
        &["targets", "remove", "Acme"],
        &["unmute", "Bob Roe"],
        &["mute", "Bob Roe"],
        &["log", "Bob Roe", "--outcome", "asked"],
    ] {
        let out = kith_with(&db, args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let expected = format!("error: no workspace at {}: run kith import first\n", db.display());
        assert_eq!(stderr(&out), expected, "{args:?}");
    }
    assert!(!sandbox.path("typo").exists(), "no folder was created");
    assert!(!sandbox.path("unused-report").exists());
}

#[test]
fn recording_commands_create_a_workspace_but_never_a_mistyped_folder() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("no-such-folder/kith.db");
    let out = kith_with(&missing, &["targets", "add", "Acme"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the folder") && stderr(&out).contains("does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!sandbox.path("no-such-folder").exists());
    let db = sandbox.path("targets.db");
    assert!(kith_with(&db, &["targets", "add", "Acme"], &[]).status.success());
    assert!(db.exists());
    // An empty file is no workspace to a command that reads, which leaves it alone; a
    // recording command makes it one.
    let empty = sandbox.path("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let out = kith_with(&empty, &["status"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no workspace at"), "{}", stderr(&out));
    assert_eq!(bytes(&empty), b"");
    let out = kith_with(&empty, &["targets", "add", "Acme"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&empty).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "an empty file made a workspace is made private");
    }
    // Not a file at all.
    let out = kith_with(std::path::Path::new("/dev/null"), &["status"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

/// A workspace as kith wrote it at schema `version`, before it set an application id.
fn old_workspace(path: &std::path::Path, version: usize) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in &kith::store::schema::MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64).unwrap();
    conn.execute(
        "INSERT INTO targets (name, key, added_on) VALUES ('Acme Robotics', 'acme robotics', '2026-01-01')",
        [],
    )
    .unwrap();
}

#[test]
fn an_older_workspace_is_upgraded_in_one_step_after_a_copy_is_kept() {
    let sandbox = Sandbox::new();
    let from = kith::store::schema::MIGRATIONS.len() - 1;
    old_workspace(&sandbox.db(), from);
    let before = bytes(&sandbox.db());
    let out = sandbox.kith(&["targets", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Acme Robotics\n", "the data is kept");
    let backup = sandbox.path(&format!("kith.db.schema-{from}.bak"));
    assert!(
        stderr(&out).contains(&format!("upgraded to schema {}", from + 1)) && stderr(&out).contains("schema-"),
        "{}",
        stderr(&out)
    );
    assert_eq!(bytes(&backup), before, "the copy is the file as it was");
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(version as usize, from + 1);
    assert_eq!(id, kith::store::APPLICATION_ID);
    // The upgraded workspace takes an import, and the next open changes nothing.
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let out = sandbox.kith(&["status"]);
    assert!(!stderr(&out).contains("upgraded"), "{}", stderr(&out));
    assert!(!sandbox.path(&format!("kith.db.schema-{from}.1.bak")).exists());
}

#[test]
fn a_workspace_from_a_newer_kith_is_refused_and_left_untouched() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["targets", "add", "Acme"]);
    let newer = kith::store::schema::MIGRATIONS.len() + 3;
    {
        let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
        conn.pragma_update(None, "user_version", newer as i64).unwrap();
    }
    let before = bytes(&sandbox.db());
    for args in [&["targets", "list"][..], &["targets", "add", "Globex"]] {
        let out = sandbox.kith(args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("newer kith (schema version {newer}")) && err.contains("upgrade kith"),
            "{err}"
        );
        assert_eq!(bytes(&sandbox.db()), before);
    }
}

#[test]
fn errors_name_the_file_and_say_the_cause_once() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("nowhere.zip");
    let out = sandbox.kith(&["import", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    assert!(err.starts_with(&format!("error: {}: ", missing.display())), "{err}");

    // A damaged workspace: SQLite's complaint, with the file named once.
    sandbox.ok(&["targets", "add", "Acme"]);
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .execute_batch("DROP TABLE target_aliases")
        .unwrap();
    let out = sandbox.kith(&["targets", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let db = sandbox.db().display().to_string();
    assert_eq!(err.matches(&db).count(), 1, "{err}");
    assert_eq!(err, format!("error: workspace {db}: no such table: target_aliases\n"));
}

#[cfg(target_os = "linux")]
#[test]
fn the_default_location_gets_its_folders_made_by_the_first_recording_command() {
    let sandbox = Sandbox::new();
    let data_home = sandbox.path("xdg-data");
    let kith = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .args(args)
            .env_remove("KITH_DB")
            .env("XDG_DATA_HOME", &data_home)
            .output()
            .expect("run kith")
    };
    let db = data_home.join("kith/kith.db");
    let out = kith(&["status"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("error: no workspace at {}: run kith import first\n", db.display())
    );
    assert!(!data_home.exists());
    let out = kith(&["targets", "add", "Acme"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
    assert!(kith(&["status"]).status.success());
}

#[test]
fn processes_opening_an_older_workspace_at_once_upgrade_it_once() {
    let sandbox = Sandbox::new();
    let from = kith::store::schema::MIGRATIONS.len() - 1;
    // Closing a second handle on the file while the upgrade held SQLite's lock dropped that
    // lock: two processes then upgraded at once ("disk I/O error", two backups).
    for round in 0..12 {
        let db = sandbox.path(&format!("old-{round}.db"));
        old_workspace(&db, from);
        let list: Vec<String> = vec!["targets".into(), "list".into()];
        let mut notes = 0;
        for out in all_at_once(&db, &vec![list; 8]) {
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            assert_eq!(stdout(&out), "Acme Robotics\n");
            notes += usize::from(stderr(&out).contains("upgraded"));
        }
        assert_eq!(notes, 1, "round {round}: one process upgrades, and says so");
        let backups = std::fs::read_dir(sandbox.dir.path())
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name().to_string_lossy().into_owned();
                name.starts_with(&format!("old-{round}.db.schema-"))
            })
            .count();
        assert_eq!(backups, 1, "round {round}: one copy");
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_older_workspace_is_not_upgraded_and_gets_no_copy() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let from = kith::store::schema::MIGRATIONS.len() - 1;
    old_workspace(&sandbox.db(), from);
    std::fs::set_permissions(sandbox.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = sandbox.kith(&["targets", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only: make it writable"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(sandbox.dir.path()).unwrap().count(), 1, "no copy");
}

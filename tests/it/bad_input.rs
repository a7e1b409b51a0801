//! Bad input: a clear one-line error naming the file, exit code 2, nothing lost, no panic.

use crate::common::*;

fn assert_refused(sandbox: &Sandbox, path: &std::path::Path, expect: &str) {
    let out = sandbox.kith(&["import", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    let name = path.file_name().unwrap().to_string_lossy();
    assert!(err.contains(&*name), "names the file: {err}");
    assert!(err.contains(expect), "says {expect:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn random_bytes_are_not_an_export() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("noise.bin");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();
    assert_refused(&sandbox, &path, "not a LinkedIn export");
}

#[test]
fn an_unrelated_csv_is_not_an_export() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("budget.csv");
    std::fs::write(&path, "month,amount\njan,3\n").unwrap();
    assert_refused(&sandbox, &path, "not a LinkedIn export");
}

#[test]
fn truncated_and_corrupt_zips() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let good = zip_bytes(&files(&export));
    let truncated = sandbox.path("truncated.zip");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    assert_refused(&sandbox, &truncated, "zip");
    let fake = sandbox.path("fake.zip");
    std::fs::write(&fake, b"this is not a zip at all").unwrap();
    assert_refused(&sandbox, &fake, "not a zip");
    // Flip bytes in the compressed data: a CRC or inflate error, not a panic.
    let mut corrupt = good.clone();
    for i in (40..corrupt.len() / 2).step_by(7) {
        corrupt[i] ^= 0x5a;
    }
    let path = sandbox.path("corrupt.zip");
    std::fs::write(&path, &corrupt).unwrap();
    let out = sandbox.kith(&["import", path.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn path_escaping_entries_are_refused() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let mut list = files(&export);
    list.push((
        "../../evil.csv",
        b"First Name,Last Name,Connected On\nx,y,04 Jul 2023\n",
    ));
    let zip = sandbox.zip("evil.zip", &list);
    assert_refused(&sandbox, &zip, "refused");
    assert!(!sandbox.dir.path().parent().unwrap().join("evil.csv").exists());
}

#[test]
fn zip_bombs_are_refused() {
    let sandbox = Sandbox::new();
    // 64 MiB of one byte compresses about 1000:1.
    let bomb = vec![b'a'; 64 * 1024 * 1024];
    let zip = sandbox.zip("bomb.zip", &[("Connections.csv", &bomb)]);
    assert_refused(&sandbox, &zip, "ratio");
    // The size limit, lowered so the test stays small.
    let big: Vec<u8> = (0..3 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
    let zip = sandbox.zip("big.zip", &[("Connections.csv", &big)]);
    let out = sandbox.kith(&["import", "--max-entry-mib", "1", zip.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
}

#[test]
fn missing_path_is_one_line() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("nowhere.zip");
    assert_refused(&sandbox, &path, "No such file");
}

#[test]
fn failures_leave_the_workspace_as_it_was() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let before = sandbox.status();
    let fake = sandbox.path("fake.zip");
    std::fs::write(&fake, b"nope").unwrap();
    assert_eq!(sandbox.kith(&["import", fake.to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(before, sandbox.status());
}

#[test]
fn a_workspace_that_is_not_a_database() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.db(), vec![1u8; 8192]).unwrap();
    let out = sandbox.kith(&["status"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a kith workspace"), "{}", stderr(&out));
}

#[test]
fn malformed_rows_are_skipped_with_line_and_reason() {
    let sandbox = Sandbox::new();
    let messages = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,https://www.linkedin.com/in/ana-owner,31/31/24,,Hi,INBOX\n\
c1,,,,Ana Owner,https://www.linkedin.com/in/ana-owner,2024-01-03 10:00:00 UTC,,Hi,INBOX\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,https://www.linkedin.com/in/ana-owner,2024-01-03 10:00:00 UTC,,Hello,INBOX\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,https://www.linkedin.com/in/ana-owner,2024-01-03 10:00:00 UTC,,Hello,INBOX\n";
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("messages.csv", messages.as_bytes()),
        ],
    );
    let out = sandbox.ok(&["import", "-v", dir.to_str().unwrap()]);
    assert!(
        out.contains("messages.csv line 2: unrecognised date (31/31/24)"),
        "{out}"
    );
    assert!(out.contains("messages.csv line 3: no sender"), "{out}");
    assert!(out.contains("messages.csv line 5: duplicate"), "{out}");
    let status = sandbox.status();
    assert_eq!(status["messages"], 1);
    assert_eq!(
        status["skipped"],
        serde_json::json!({"bad-date": 1, "duplicate": 1, "no-sender": 1})
    );
}

#[cfg(unix)]
#[test]
fn devices_are_refused_not_read_forever() {
    let sandbox = Sandbox::new();
    let out = sandbox.kith(&["import", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

#[test]
fn identical_bad_rows_are_each_counted_and_each_kept() {
    // Regression: rejected rows were keyed by content alone, so two identical blank rows were
    // stored once, and rows rejected after parsing reached --rejects without their cells.
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
,,,,,,25 Feb 2026\n,,,,,,25 Feb 2026\n\
Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,04 Jul 2023\n\
Ann,Lee,https://www.linkedin.com/in/ann/,,Acme,CTO,04 Jul 2023\n"
    );
    let dir = sandbox.folder("e", &[("Connections.csv", connections.as_bytes())]);
    let rejects = sandbox.path("rejects.csv");
    sandbox.ok(&["import", dir.to_str().unwrap(), "--rejects", rejects.to_str().unwrap()]);
    assert_eq!(
        sandbox.status()["skipped"],
        serde_json::json!({"blank-row": 2, "duplicate": 1})
    );
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().all(|r| !r[5].is_empty()),
        "every rejected row keeps its cells: {text}"
    );
    let duplicate = rows.iter().find(|r| &r[2] == "duplicate").unwrap();
    assert!(duplicate[5].contains("linkedin.com/in/ann/"), "{text}");
    // Re-importing the same export counts nothing twice.
    let again = sandbox.folder("again", &[("Connections.csv", connections.as_bytes())]);
    sandbox.ok(&["import", again.to_str().unwrap()]);
    assert_eq!(
        sandbox.status()["skipped"],
        serde_json::json!({"blank-row": 2, "duplicate": 1})
    );
}

#[test]
fn a_plain_file_over_the_entry_limit_is_refused_before_it_is_read() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("Connections.csv");
    let mut text = format!("{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    while text.len() < 1_200_000 {
        text.push_str("Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,04 Jul 2023\n");
    }
    std::fs::write(&path, text).unwrap();
    let out = sandbox.kith(&["import", "--max-entry-mib", "1", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("Connections.csv") && err.contains("over the limit of 1 MiB"),
        "{err}"
    );
}

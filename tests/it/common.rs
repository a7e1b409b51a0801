//! A small harness for end-to-end tests: runs the built `kith` binary against a workspace in
//! a temporary directory (never the user's), and builds fixture exports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary directory with a workspace path in it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("kith.db")
    }

    /// Runs `kith --db <sandbox db> ARGS`.
    pub fn kith(&self, args: &[&str]) -> Output {
        kith_with(&self.db(), args, &[])
    }

    /// Runs kith and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.kith(args);
        assert!(
            out.status.success(),
            "kith {args:?} failed ({:?}):\n{}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `kith status --format json`, parsed.
    pub fn status(&self) -> serde_json::Value {
        let text = self.ok(&["status", "--format", "json"]);
        serde_json::from_str(&text).expect("status JSON")
    }

    /// Writes files into a folder of the sandbox and returns the folder.
    pub fn folder(&self, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let dir = self.path(name);
        for (file, bytes) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, bytes).expect("write fixture");
        }
        dir
    }

    /// Writes a zip of `files` into the sandbox.
    pub fn zip(&self, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, zip_bytes(files)).expect("write zip");
        path
    }

    /// Opens the workspace read-only for assertions on what was stored.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(self.db(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open workspace")
    }

    /// The first column of every row of a query, as text.
    pub fn strings(&self, sql: &str) -> Vec<String> {
        let connection = self.sql();
        let mut query = connection.prepare(sql).expect("query");
        let rows = query.query_map([], |r| r.get::<_, String>(0)).expect("rows");
        rows.map(|row| row.expect("text")).collect()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).expect(sql)
    }
}

pub fn kith_with(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kith"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KITH_DB")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run kith")
}

pub fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        writer.write_all(data).expect("zip data");
    }
    writer.finish().expect("zip finish").into_inner()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// UTF-16LE with BOM, as the legacy endorsement file.
pub fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

pub const PREAMBLE: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email.\"\n\n";

pub const PROFILE: &str = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
Ana,Owner,,,,Engineer at Acme,,Software,,\"Lisbon, Portugal\",,,\n";

/// A 2026 export: three connections (one percent-encoded slug), one blank row, messages with
/// a group conversation, a draft and a sponsored row.
pub fn export_2026() -> Vec<(&'static str, Vec<u8>)> {
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Tamara,\"Hafner, PhD\",https://www.linkedin.com/in/tamara-hafner,,\"Aetna, a CVS Health Company\",Nurse,04 Jul 2023\n\
Jürgen,Müller,https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller,,Acme Robotics,CTO,14 Dec 2021\n\
,,,,,,25 Feb 2026\n\
Bob,Roe,https://www.linkedin.com/in/bob-roe,bob@example.com,Globex,Engineer,01 Mar 2020"
    );
    let messages = "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\n\
\"c1\",\"\",\"Tamara Hafner, PhD\",\"https://www.linkedin.com/in/tamara-hafner\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"2026-01-02 10:00:00 UTC\",\"\",\"Hello,\nhow are you?\",\"INBOX\",\"\",\"No\",\"No\"\n\
\"c1\",\"\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"Tamara Hafner, PhD\",\"https://www.linkedin.com/in/tamara-hafner\",\"2026-01-03 10:00:00 UTC\",\"\",\"Fine, thanks!\",\"INBOX\",\"\",\"No\",\"No\"\n\
\"c2\",\"Project\",\"Bob Roe\",\"https://www.linkedin.com/in/bob-roe\",\"Ana Owner,Jürgen Müller\",\"https://www.linkedin.com/in/ana-owner,https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller\",\"2026-02-01 09:00:00 UTC\",\"\",\"Group hello\",\"INBOX\",\"\",\"No\",\"No\"\n\
\"\",\"\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"Bob Roe\",\"https://www.linkedin.com/in/bob-roe\",\"2026-02-02 09:00:00 UTC\",\"\",\"draft\",\"\",\"\",\"Yes\",\"Yes\"\n\
\"c3\",\"Sponsored Conversation\",\"LinkedIn Member\",\"\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"2026-02-03 09:00:00 UTC\",\"\",\"<p>Hi %FIRSTNAME%</p>\",\"INBOX\",\"\",\"No\",\"No\"\n";
    let endorsements =
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
2021/08/11 11:00:31 UTC,Rust,Jürgen,Müller,www.linkedin.com/in/jürgen-müller,ACCEPTED\n";
    vec![
        ("Profile.csv", PROFILE.as_bytes().to_vec()),
        ("Connections.csv", connections.into_bytes()),
        ("messages.csv", messages.as_bytes().to_vec()),
        ("Endorsement_Received_Info.csv", endorsements.as_bytes().to_vec()),
    ]
}

/// Borrowed view for the helpers that take slices.
pub fn files<'a>(list: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, &'a [u8])> {
    list.iter().map(|(n, b)| (*n, b.as_slice())).collect()
}

/// One row of a 2021+ `messages.csv` (no recipient URLs column needed): `from` and `to` are
/// (display name, profile slug).
pub fn message_row(conv: &str, from: (&str, &str), to: (&str, &str), date: &str) -> String {
    format!(
        "{conv},,{},https://www.linkedin.com/in/{},{},https://www.linkedin.com/in/{},{date} 10:00:00 UTC,,hello,INBOX\n",
        from.0, from.1, to.0, to.1
    )
}

/// Runs kith and reads its standard output as a JSON array (empty when it is not one).
pub fn json_list(sandbox: &Sandbox, args: &[&str]) -> Vec<serde_json::Value> {
    let out = sandbox.kith(args);
    serde_json::from_str::<serde_json::Value>(&stdout(&out))
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

/// Runs each named check (a `fn name(as_of: &str)` of the test file) twice: at the test
/// file's `AS_OF`, near its newest export, and at its `LATER`, months after it. Every planted
/// truth must hold at both: silence is measured up to the export.
macro_rules! near_and_later {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn near_the_export() {
                super::$name(super::AS_OF)
            }
            #[test]
            fn months_after_the_export() {
                super::$name(super::LATER)
            }
        }
    )*};
}

/// `kith intro --company COMPANY --format json --as-of AS_OF [EXTRA...]`, as a list of paths.
pub fn intro_paths(sandbox: &Sandbox, company: &str, as_of: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["intro", "--company", company, "--format", "json", "--as-of", as_of];
    args.extend_from_slice(extra);
    json_list(sandbox, &args)
}

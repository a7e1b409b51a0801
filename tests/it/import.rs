//! End-to-end tests of `kith import` and `kith status` on hand-made exports of every layout era.

use crate::common::*;
use serde_json::json;

#[test]
fn status_json_has_exactly_the_documented_keys() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let zip = sandbox.zip("Basic_LinkedInDataExport_03-15-2026.zip", &files(&export));
    sandbox.ok(&["import", zip.to_str().unwrap()]);
    let status = sandbox.status();
    let mut keys: Vec<&str> = status.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "connections",
            "conversations",
            "endorsements",
            "imports",
            "invitations",
            "members",
            "messages",
            "owner",
            "people",
            "recommendations",
            "skipped"
        ]
    );
    assert_eq!(
        status["owner"],
        json!({"name": "Ana Owner", "url": "https://www.linkedin.com/in/ana-owner"})
    );
    assert_eq!(status["members"], json!([]));
    // Jürgen appears percent-encoded in Connections and raw in endorsements: one person.
    assert_eq!(status["people"], 3);
    assert_eq!(status["connections"], 3);
    assert_eq!(status["messages"], 3);
    assert_eq!(status["conversations"], 2);
    assert_eq!(status["endorsements"], 1);
    assert_eq!(status["imports"], 1);
    assert_eq!(status["skipped"], json!({"blank-row": 1, "draft": 1, "sponsored": 1}));
}

#[test]
fn zip_with_a_top_folder_and_an_extracted_folder_import_the_same() {
    let export = export_2026();
    let nested: Vec<(String, Vec<u8>)> = export.iter().map(|(n, b)| (format!("Export/{n}"), b.clone())).collect();
    let nested_refs: Vec<(&str, &[u8])> = nested.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let a = Sandbox::new();
    let zip = a.zip("export.zip", &nested_refs);
    a.ok(&["import", zip.to_str().unwrap()]);
    let b = Sandbox::new();
    let dir = b.folder("unzipped", &files(&export));
    b.ok(&["import", dir.to_str().unwrap()]);
    let c = Sandbox::new();
    let dir = c.folder("single", &files(&export));
    let paths: Vec<String> = export
        .iter()
        .map(|(n, _)| dir.join(n).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    c.ok(&args);
    assert_eq!(a.status(), b.status());
    assert_eq!(a.status(), c.status());
}

#[test]
fn reimporting_the_same_export_changes_nothing() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let zip = sandbox.zip("export.zip", &files(&export));
    sandbox.ok(&["import", zip.to_str().unwrap()]);
    let before = sandbox.status();
    let out = sandbox.ok(&["import", zip.to_str().unwrap()]);
    assert!(out.contains("already imported"), "{out}");
    assert_eq!(before, sandbox.status());
    // The same data re-packed (a folder this time) is recognised as the same export.
    let dir = sandbox.folder("again", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(before, sandbox.status());
}

#[test]
fn overlapping_newer_export_does_not_double_count() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let first = sandbox.folder("first", &files(&export[..3]));
    sandbox.ok(&["import", first.to_str().unwrap()]);
    // The newer export has everything the first had, plus the endorsements file.
    let second = sandbox.folder("second", &files(&export));
    sandbox.ok(&["import", second.to_str().unwrap()]);
    let status = sandbox.status();
    assert_eq!(status["messages"], 3);
    assert_eq!(status["connections"], 3);
    assert_eq!(status["people"], 3);
    assert_eq!(status["imports"], 2);
    assert_eq!(status["skipped"], json!({"blank-row": 1, "draft": 1, "sponsored": 1}));
}

#[test]
fn message_text_is_not_stored_unless_asked() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM messages WHERE content IS NOT NULL"),
        0
    );
    assert_eq!(
        sandbox.count("SELECT SUM(length) FROM messages"),
        ("Hello, how are you?".len() + "Fine, thanks!".len() + "Group hello".len()) as i64
    );
    let db = sandbox.sql();
    let blob: Vec<u8> = std::fs::read(sandbox.db()).unwrap();
    drop(db);
    assert!(!String::from_utf8_lossy(&blob).contains("how are you"));

    let keep = Sandbox::new();
    let dir = keep.folder("e", &files(&export));
    keep.ok(&["import", "--keep-content", dir.to_str().unwrap()]);
    assert_eq!(
        keep.count("SELECT COUNT(*) FROM messages WHERE content LIKE 'Hello,%how are you?'"),
        1
    );
}

#[test]
fn group_conversations_keep_every_participant() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let participants = sandbox.count(
        "SELECT COUNT(*) FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.key = 'c2'",
    );
    assert_eq!(participants, 3, "owner, Bob and Jürgen");
    assert_eq!(sandbox.count("SELECT is_group FROM conversations WHERE key = 'c2'"), 1);
    assert_eq!(sandbox.count("SELECT is_group FROM conversations WHERE key = 'c1'"), 0);
    // Tie stats: Tamara one each way, one-to-one.
    let (sent, received): (i64, i64) = sandbox
        .sql()
        .query_row(
            "SELECT t.sent_direct, t.received_direct FROM tie_stats t JOIN people p ON p.id = t.person_id WHERE p.url = 'https://www.linkedin.com/in/tamara-hafner'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((sent, received), (1, 1));
}

#[test]
fn connections_every_era() {
    let eras: [(&str, String); 4] = [
        (
            "before 2018",
            "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,Instant Messengers\n\
Ann,Lee,,ann@example.com,Acme,CTO,\"12/22/16, 9:55 AM\",,\nBob,Roe,,,Globex,Dev,\"1/8/17, 6:14 PM\",,\n"
                .to_string(),
        ),
        (
            "2018 – mid 2020",
            "First Name,Last Name,Email Address,Company,Position,Connected On\nAnn,Lee,,Acme,CTO,\"1/8/18, 6:14 PM\"\nBob,Roe,,Globex,Dev,\"3/2/19, 10:01 AM\"\n".to_string(),
        ),
        (
            "late 2020 – early 2023",
            format!("{PREAMBLE}First Name,Last Name,Email Address,Company,Position,Connected On\nAnn,Lee,,Acme,CTO,14 Dec 2021\nBob,Roe,,Globex,Dev,02 Jan 2022\n"),
        ),
        (
            "mid 2023 – 2026",
            format!("{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,04 Jul 2023\nBob,Roe,https://www.linkedin.com/in/bob,,Globex,Dev,05 Jul 2023"),
        ),
    ];
    for (label, text) in eras {
        let sandbox = Sandbox::new();
        let dir = sandbox.folder("e", &[("Connections.csv", text.as_bytes())]);
        let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
        assert!(out.contains(label), "{label}: {out}");
        let status = sandbox.status();
        assert_eq!(status["connections"], 2, "{label}");
        assert_eq!(status["people"], 2, "{label}");
        assert_eq!(
            sandbox.count("SELECT COUNT(*) FROM connections WHERE connected_on IS NULL"),
            0,
            "{label}"
        );
    }
}

#[test]
fn messages_every_era() {
    let eras: [(&str, &str, String); 5] = [
        (
            "Messages.csv",
            "2018",
            "From,To,Date,Subject,Content,Direction,Folder\nAnn Lee,Ana Owner,\"10/16/18, 8:36 AM\",,\"Hi, there\",INCOMING,INBOX\nAna Owner,Ann Lee,\"10/16/18, 9:36 AM\",,Hello,OUTGOING,SENT\n".into(),
        ),
        (
            "messages.csv",
            "~2020",
            "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\nAnn Lee,Ana Owner,2019-11-06T02:08:20,,Hi,INCOMING,INBOX\nAna Owner,Ann Lee,2019-11-07T02:08:20,,Hello,OUTGOING,SENT\n".into(),
        ),
        (
            "messages.csv",
            "2021 – early 2023",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,2022-01-02 10:00:00 UTC,,Hi,INBOX\n\
c1,,Ana Owner,https://www.linkedin.com/in/ana-owner,Ann Lee,2022-01-03 10:00:00 UTC,,Hello,INBOX\n".into(),
        ),
        (
            "messages.csv",
            "mid 2023 – 2026",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,https://www.linkedin.com/in/ana-owner,2024-01-02 10:00:00 UTC,,Hi,INBOX\n\
c1,,Ana Owner,https://www.linkedin.com/in/ana-owner,Ann Lee,https://www.linkedin.com/in/ann,2024-01-03 10:00:00 UTC,,Hello,INBOX\n".into(),
        ),
        (
            "messages.csv",
            "mid 2023 – 2026",
            "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\n\
\"c1\",\"\",\"Ann Lee\",\"https://www.linkedin.com/in/ann\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"2026-04-02 10:00:00 UTC\",\"\",\"Line one\nline two, with a comma\n\",\"INBOX\",\"\",\"No\",\"No\"\n\
\"c1\",\"\",\"Ana Owner\",\"https://www.linkedin.com/in/ana-owner\",\"Ann Lee\",\"https://www.linkedin.com/in/ann\",\"2026-04-03 10:00:00 UTC\",\"\",\"\",\"INBOX\",\"file.pdf\",\"No\",\"No\"\n".into(),
        ),
    ];
    for (name, label, text) in eras {
        let sandbox = Sandbox::new();
        let dir = sandbox.folder("e", &[("Profile.csv", PROFILE.as_bytes()), (name, text.as_bytes())]);
        let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
        assert!(out.contains(label), "{label}: {out}");
        let status = sandbox.status();
        assert_eq!(status["messages"], 2, "{label}: {status}");
        assert_eq!(status["conversations"], 1, "{label}");
        assert_eq!(status["people"], 1, "{label}: {status}");
        assert_eq!(status["owner"]["name"], "Ana Owner", "{label}");
        assert_eq!(sandbox.count("SELECT SUM(outgoing) FROM messages"), 1, "{label}");
    }
}

#[test]
fn invitations_every_variant() {
    let variants = [
        "From,To,Sent At,Message,Direction\nAnn Lee,Ana Owner,\"6/17/23, 6:18 AM\",\"Hi! We met at RustConf\",INCOMING\nAna Owner,Bob Roe,\"6/18/23, 7:18 PM\",,OUTGOING\n",
        "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\nAnn Lee,Ana Owner,\"6/17/23, 6:18 AM\",Hi,INCOMING,urn:li:member:1,urn:li:member:2\nAna Owner,Bob Roe,\"6/18/23, 7:18 PM\",,OUTGOING,urn:li:member:2,urn:li:member:3\n",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nAnn Lee,Ana Owner,\"6/17/23, 6:18 AM\",Hi,INCOMING,https://www.linkedin.com/in/ann,https://www.linkedin.com/in/ana-owner\nAna Owner,Bob Roe,\"6/18/23, 7:18 PM\",,OUTGOING,https://www.linkedin.com/in,https://www.linkedin.com/in\n",
    ];
    for text in variants {
        let sandbox = Sandbox::new();
        let dir = sandbox.folder(
            "e",
            &[
                ("Profile.csv", PROFILE.as_bytes()),
                ("Invitations.csv", text.as_bytes()),
            ],
        );
        sandbox.ok(&["import", dir.to_str().unwrap()]);
        let status = sandbox.status();
        assert_eq!(status["invitations"], 2, "{text}");
        assert_eq!(status["people"], 2, "{text}");
        assert_eq!(
            sandbox.count("SELECT COUNT(*) FROM invitations WHERE has_note = 1 AND outgoing = 0"),
            1
        );
        assert_eq!(
            sandbox.count("SELECT COUNT(*) FROM invitations WHERE note IS NOT NULL"),
            0
        );
    }
}

#[test]
fn legacy_and_current_endorsement_files_count_once() {
    let sandbox = Sandbox::new();
    let current =
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
2021/08/11 11:00:31 UTC,Rust,Harika,Sezgin Laloğlu,www.linkedin.com/in/harika-sezgin-laloğlu-2822536,ACCEPTED\n\
2021/08/12 11:00:31 UTC,SQL,Bob,Roe,www.linkedin.com/in/bob,ACCEPTED\n";
    let legacy = utf16le(
        "\"Endorsement Date\"\t\"Skill Name\"\t\"Endorser First Name\"\t\"Endorser Last Name\"\t\"Endorsement Status\"\r\n\
\"2021/08/11 11:00:31 UTC\"\t\"Rust\"\t\"Harika\"\t\"Sezgin Laloğlu\"\t\"ACCEPTED\"\r\n\
\"2021/08/12 11:00:31 UTC\"\t\"SQL\"\t\"Bob\"\t\"Roe\"\t\"ACCEPTED\"\r\n\
\"2019/01/02 10:00:00 UTC\"\t\"Python\"\t\"Cem\"\t\"Kaya\"\t\"ACCEPTED\"\r\n",
    );
    let given =
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n\
2022/01/01 10:00:00 UTC,Leadership,Bob,Roe,www.linkedin.com/in/bob,ACCEPTED\n";
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Harika,Sezgin Laloğlu,https://www.linkedin.com/in/harika-sezgin-lalo%C4%9Flu-2822536,,Acme,Eng,04 Jul 2023\n"
    );
    let dir = sandbox.folder(
        "e",
        &[
            ("Connections.csv", connections.as_bytes()),
            ("Endorsement_Received_Info.csv", current.as_bytes()),
            ("Endorsement Received Info.csv", &legacy),
            ("Endorsement_Given_Info.csv", given.as_bytes()),
        ],
    );
    let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert!(out.contains("legacy UTF-16 TAB"), "{out}");
    let status = sandbox.status();
    // Received: Rust (Harika), SQL (Bob), Python (Cem, legacy only); given: Leadership (Bob).
    assert_eq!(status["endorsements"], 4, "{status}");
    assert_eq!(status["people"], 3, "{status}");
}

#[test]
fn recommendations_are_matched_by_name_and_company() {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Sam,Lee,https://www.linkedin.com/in/sam-a,,Acme Inc,Eng,04 Jul 2023\n\
Sam,Lee,https://www.linkedin.com/in/sam-b,,Globex,Eng,04 Jul 2023\n"
    );
    let received = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nSam,Lee,\"ACME, Inc.\",Eng,\"Great to work with, truly.\",\"04/15/24, 09:25 PM\",VISIBLE\n";
    let given = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nSam,Lee,Globex,Eng,Solid engineer.,\"05/15/24, 09:25 AM\",VISIBLE\n";
    let dir = sandbox.folder(
        "e",
        &[
            ("Connections.csv", connections.as_bytes()),
            ("Recommendations_Received.csv", received.as_bytes()),
            ("Recommendations_Given.csv", given.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(sandbox.status()["recommendations"], 2);
    assert_eq!(sandbox.status()["people"], 2);
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM recommendations r JOIN people p ON p.id = r.person_id WHERE r.given = 0 AND p.url LIKE '%sam-a'"),
        1
    );
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM recommendations r JOIN people p ON p.id = r.person_id WHERE r.given = 1 AND p.url LIKE '%sam-b'"),
        1
    );
}

#[test]
fn owner_files_positions_education_follows() {
    let sandbox = Sandbox::new();
    let positions = "Company Name,Title,Description,Location,Started On,Finished On\nAcme Robotics ,Engineer,,Lisbon,Jun 2018,\nGlobex,Intern,,,2016,2017\n";
    let education = "School Name,Start Date,End Date,Notes,Degree Name,Activities\nMIT,2012,2016,,BSc,\n";
    let follows = "Organization,Followed On\nAcme Robotics,Tue Jun 20 12:25:51 UTC 2023\n";
    let profile_2018 = "First Name,Last Name,Maiden Name,Created Date,Address,Birth Date,Contact Instructions,Marital Status,Headline,Summary,Industry,Association,Zip Code,Geo Location,Twitter Handles\nAna,Owner,,,,,,,Engineer,,Software,,,Lisbon,\n";
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", profile_2018.as_bytes()),
            ("Positions.csv", positions.as_bytes()),
            ("Education.csv", education.as_bytes()),
            ("Company Follows.csv", follows.as_bytes()),
        ],
    );
    let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert!(out.contains("2018 (15 columns)"), "{out}");
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM positions WHERE finished_on IS NULL AND started_on = '2018-06'"),
        1
    );
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM education"), 1);
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM company_follows WHERE followed_at IS NOT NULL"),
        1
    );
    let company: String = sandbox
        .sql()
        .query_row(
            "SELECT p.company FROM people p JOIN members m ON m.person_id = p.id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(company, "Acme Robotics");
    assert_eq!(sandbox.status()["owner"]["name"], "Ana Owner");
}

#[test]
fn files_kith_does_not_use_are_listed_without_error() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let mut list = files(&export);
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    list.extend([
        ("LearningCoachMessages.csv", b"No conversations found\n".as_slice()),
        (
            "Learning.csv",
            b"Content Title,Content Type,\nRust,COURSE,\n".as_slice(),
        ),
        ("Ad_Targeting.csv", b"Company Names,Company Names\nA,B\n".as_slice()),
        ("Rich_Media/photo.png", png),
        ("Articles/Articles/post.html", b"<html>hi</html>".as_slice()),
    ]);
    let zip = sandbox.zip("e.zip", &list);
    let out = sandbox.ok(&["import", zip.to_str().unwrap()]);
    assert!(out.contains("not used (5)"), "{out}");
    assert!(out.contains("LearningCoachMessages.csv"), "{out}");
}

#[test]
fn pooled_member_import() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("owner", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let maria_profile = "First Name,Last Name,Headline\nMaria,Garcia,Designer\n";
    let maria_connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Bob,Roe,https://www.linkedin.com/in/bob-roe/,,Globex,Engineer,01 Mar 2021\n\
Ana,Owner,https://www.linkedin.com/in/ana-owner,,Acme,Engineer,01 Mar 2021\n\
Ian,Wu,https://www.linkedin.com/in/ian-wu,,Acme Robotics,Recruiter,01 Mar 2022\n"
    );
    let maria_messages = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
m1,,Ian Wu,https://www.linkedin.com/in/ian-wu,Maria Garcia,https://www.linkedin.com/in/maria-garcia,2024-01-02 10:00:00 UTC,,hello,INBOX\n";
    let member = sandbox.folder(
        "maria",
        &[
            ("Profile.csv", maria_profile.as_bytes()),
            ("Connections.csv", maria_connections.as_bytes()),
            ("messages.csv", maria_messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", "--member", "Maria Garcia", member.to_str().unwrap()]);
    let status = sandbox.status();
    assert_eq!(
        status["members"],
        json!([{"name": "Maria Garcia", "url": "https://www.linkedin.com/in/maria-garcia"}])
    );
    assert_eq!(status["owner"]["name"], "Ana Owner");
    // Bob is shared; Ian and Maria are new; the owner is not counted among people.
    assert_eq!(status["people"], 5, "{status}");
    assert_eq!(status["connections"], 6);
    // Importing someone else's export as the owner is refused with a clear message.
    let other = Sandbox::new();
    let dir = other.folder("owner", &files(&export));
    other.ok(&["import", dir.to_str().unwrap()]);
    let out = other.kith(&["import", member.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--member"), "{}", stderr(&out));
}

#[test]
fn newer_export_records_job_changes() {
    let sandbox = Sandbox::new();
    let old = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Engineer,04 Jul 2020\nBob,Roe,https://www.linkedin.com/in/bob,,Globex,Dev,04 Jul 2020\n"
    );
    let new = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Ann,Lee,https://www.linkedin.com/in/ann,,Initech,Staff Engineer,04 Jul 2020\nBob,Roe,https://www.linkedin.com/in/bob,,Globex,Dev,04 Jul 2020\n"
    );
    let a = sandbox.zip(
        "Basic_LinkedInDataExport_01-10-2025.zip",
        &[("Connections.csv", old.as_bytes())],
    );
    let b = sandbox.zip(
        "Basic_LinkedInDataExport_06-20-2026.zip",
        &[("Connections.csv", new.as_bytes())],
    );
    sandbox.ok(&["import", a.to_str().unwrap()]);
    let out = sandbox.ok(&["import", b.to_str().unwrap()]);
    assert!(out.contains("1 job change,"), "{out}");
    let (old_company, new_company, previous, seen): (String, String, String, String) = sandbox
        .sql()
        .query_row(
            "SELECT old_company, new_company, previous_seen_on, seen_on FROM job_changes",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((old_company.as_str(), new_company.as_str()), ("Acme", "Initech"));
    assert_eq!((previous.as_str(), seen.as_str()), ("2025-01-10", "2026-06-20"));
    let company: String = sandbox
        .sql()
        .query_row("SELECT company FROM people WHERE url LIKE '%/ann'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(company, "Initech");
    // An even older export imported afterwards does not roll the company back.
    let older = format!("{old}Cy,Ng,https://www.linkedin.com/in/cy,,Hooli,PM,04 Jul 2019\n");
    let c = sandbox.zip(
        "Basic_LinkedInDataExport_03-01-2024.zip",
        &[("Connections.csv", older.as_bytes())],
    );
    sandbox.ok(&["import", c.to_str().unwrap()]);
    let company: String = sandbox
        .sql()
        .query_row("SELECT company FROM people WHERE url LIKE '%/ann'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(company, "Initech");
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM job_changes"), 1);
    assert_eq!(sandbox.status()["connections"], 3);
}

#[test]
fn rejects_file_lists_every_skipped_row() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("e", &files(&export));
    let rejects = sandbox.path("rejects.csv");
    sandbox.ok(&["import", dir.to_str().unwrap(), "--rejects", rejects.to_str().unwrap()]);
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let blank = rows.iter().find(|r| &r[2] == "blank-row").unwrap();
    assert_eq!((&blank[0], &blank[1]), ("Connections.csv", "7"));
    assert!(rows.iter().any(|r| &r[0] == "messages.csv" && &r[2] == "draft"));
    assert!(rows.iter().any(|r| &r[0] == "messages.csv" && &r[2] == "sponsored"));
}

/// Everything an import stores that the message reader decides, in a comparable form.
fn stored(db: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let connection = rusqlite::Connection::open(db).expect("open workspace");
    let queries = [
        "SELECT c.member_id, c.key, m.sender_id, m.sent_at, m.outgoing, m.length, m.fingerprint
           FROM messages m JOIN conversations c ON c.id = m.conversation_id ORDER BY 1, 2, 4, 7",
        "SELECT member_id, key, title, is_group FROM conversations ORDER BY 1, 2",
        "SELECT c.key, p.person_id FROM conversation_participants p
           JOIN conversations c ON c.id = p.conversation_id ORDER BY 1, 2",
        "SELECT * FROM tie_stats ORDER BY member_id, person_id",
        "SELECT member_id, file, line, reason, detail FROM rejects ORDER BY 1, 2, 3, 4",
        "SELECT id, name, name_key, url, email, company FROM people ORDER BY id",
        "SELECT member_id, export_date FROM imports ORDER BY 1, 2",
        "SELECT id, name, person_id FROM members ORDER BY id",
    ];
    queries
        .iter()
        .map(|sql| {
            let mut statement = connection.prepare(sql).expect("query");
            let width = statement.column_count();
            let rows = statement
                .query_map([], |row| {
                    let cells: Vec<String> = (0..width)
                        .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).expect("cell")))
                        .collect();
                    Ok(cells.join("|"))
                })
                .expect("rows")
                .collect::<Result<Vec<_>, _>>()
                .expect("rows");
            (sql.to_string(), rows)
        })
        .collect()
}

/// The stored tie statistics (without characters, which the recount has not).
fn tie_stats(db: &std::path::Path) -> Vec<[i64; 9]> {
    let connection = rusqlite::Connection::open(db).expect("open workspace");
    let mut statement = connection
        .prepare(
            "SELECT member_id, person_id, sent, received, sent_direct, received_direct, group_messages, first_at, last_at
               FROM tie_stats ORDER BY 1, 2",
        )
        .expect("query");
    let rows = statement
        .query_map([], |r| {
            let mut row = [0; 9];
            for (i, cell) in row.iter_mut().enumerate() {
                *cell = r.get(i)?;
            }
            Ok(row)
        })
        .expect("rows");
    rows.collect::<Result<_, _>>().expect("rows")
}

/// The tie statistics counted again from the stored messages, by the query `--as-of` uses:
/// the import's (made in memory on a first import) must agree with it.
fn recounted(db: &std::path::Path) -> Vec<[i64; 9]> {
    let connection = rusqlite::Connection::open(db).expect("open workspace");
    let mut statement = connection
        .prepare(&format!(
            "SELECT * FROM ({}) ORDER BY 1, 2",
            kith::store::stats::AS_OF_QUERY
        ))
        .expect("query");
    let rows = statement
        .query_map([i64::MAX], |r| {
            let mut row = [0; 9];
            for (i, cell) in row.iter_mut().enumerate() {
                *cell = r.get(i)?;
            }
            Ok(row)
        })
        .expect("rows");
    rows.collect::<Result<_, _>>().expect("rows")
}

/// Imports `exports` (the first as the owner's, the others as pooled members') with one reader.
fn import_with(
    reader: kith::linkedin::messages::Reader,
    exports: &[std::path::PathBuf],
    db: &std::path::Path,
) -> Vec<String> {
    use kith::store::import::{import, ImportOptions, NoProgress};
    let mut workspace = kith::store::Workspace::open(db).expect("workspace");
    let mut rejects = Vec::new();
    for (i, export) in exports.iter().enumerate() {
        let source =
            kith::linkedin::load(std::slice::from_ref(export), kith::linkedin::Limits::default()).expect("load");
        let options = ImportOptions {
            member: (i > 0).then(|| format!("member {i}")),
            reader,
            ..ImportOptions::default()
        };
        let summary = match import(&mut workspace, &source, &options, &NoProgress) {
            Ok(summary) => summary,
            Err(e) => {
                rejects.push(format!("error: {e}"));
                continue;
            }
        };
        rejects.extend(
            summary
                .rejects
                .iter()
                .map(|r| format!("{} {} {} {} {}", r.file, r.line, r.reason, r.detail, r.raw)),
        );
    }
    rejects
}

/// polars reads the message history exactly as the row reader does: the same messages,
/// conversations, tie statistics, people and rejected rows (line, reason and cells), on the
/// bundled sample, every fixture folder and `kith synth` exports of each era.
#[test]
fn polars_and_the_row_reader_import_the_same() {
    use kith::linkedin::messages::Reader;
    let scratch = Sandbox::new();
    let mut cases: Vec<(String, Vec<std::path::PathBuf>)> = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sample: Vec<_> = std::fs::read_dir(root.join("data/sample"))
        .expect("sample")
        .map(|e| e.expect("entry").path())
        .collect();
    sample.sort();
    cases.push(("data/sample".into(), sample));
    for entry in std::fs::read_dir(root.join("tests/fixtures/shapes")).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.is_dir() && kith::linkedin::load(std::slice::from_ref(&path), kith::linkedin::Limits::default()).is_ok()
        {
            cases.push((path.display().to_string(), vec![path]));
        }
    }
    for (era, label) in [
        (kith::synth::Era::Y2018, "2018"),
        (kith::synth::Era::Y2022, "2022"),
        (kith::synth::Era::Y2026, "2026"),
    ] {
        let out = scratch.path(&format!("synth-{label}"));
        let options = kith::synth::SynthOptions {
            connections: 300,
            messages: 6_000,
            members: 2,
            era,
            seed: 7,
        };
        let written = kith::synth::generate(&out, &options).expect("synth");
        cases.push((
            format!("synth {label}"),
            written.into_iter().map(|(path, _)| path).collect(),
        ));
    }
    let mut framed = 0;
    for (i, (label, exports)) in cases.iter().enumerate() {
        let (rows_db, frame_db) = (
            scratch.path(&format!("rows-{i}.db")),
            scratch.path(&format!("frame-{i}.db")),
        );
        let by_rows = import_with(Reader::Rows, exports, &rows_db);
        let by_frame = import_with(Reader::Frame, exports, &frame_db);
        assert_eq!(by_rows, by_frame, "{label}: rejected rows");
        assert_eq!(stored(&rows_db), stored(&frame_db), "{label}");
        assert_eq!(tie_stats(&frame_db), recounted(&frame_db), "{label}: tie statistics");
        for export in exports {
            let source =
                kith::linkedin::load(std::slice::from_ref(export), kith::linkedin::Limits::default()).expect("load");
            for file in &source.files {
                let (text, encoding) = kith::linkedin::decode::decode(&file.bytes);
                if let kith::linkedin::table::Recognised::Table(table) =
                    kith::linkedin::table::open(&file.name, &text, encoding)
                {
                    if table.kind == kith::linkedin::table::Kind::Messages
                        && kith::linkedin::frame::Frame::of(&table).is_some()
                    {
                        framed += 1;
                    }
                }
            }
        }
    }
    // The comparison means something only if polars read files of every era.
    assert!(framed >= 9, "only {framed} message files were read by polars");
}

/// A 2022 export carries the legacy UTF-16 endorsement file beside the current one: the same
/// endorsements, without URLs. Seed 5 has endorsers whose names alone are ambiguous.
#[test]
fn the_legacy_endorsement_file_adds_nothing_twice() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("e2022");
    sandbox.ok(&[
        "synth",
        "--out",
        dir.to_str().unwrap(),
        "--layout",
        "2022",
        "--connections",
        "400",
        "--messages",
        "600",
        "--seed",
        "5",
    ]);
    assert!(dir.join("Endorsement Received Info.csv").exists());
    let both = Sandbox::new();
    let said = both.ok(&["import", dir.to_str().unwrap()]);
    assert!(said.contains("44 rows (44 already in the workspace)"), "{said}");
    let only_new = Sandbox::new();
    std::fs::remove_file(dir.join("Endorsement Received Info.csv")).unwrap();
    only_new.ok(&["import", dir.to_str().unwrap()]);
    for key in ["people", "endorsements"] {
        assert_eq!(both.status()[key], only_new.status()[key], "{key}");
    }
}

//! Export files as people hand them over: the shapes of the format doc's "Learned from real
//! exports written by others". Each fixture in `tests/fixtures/shapes/` is a small hand-written
//! file in the real files' bytes (encodings, line endings, quoting).

use std::path::PathBuf;

use crate::common::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(name)
}

/// Imports a fixture (file or folder) and returns the sandbox and the summary as JSON.
fn import(name: &str) -> (Sandbox, Value) {
    let sandbox = Sandbox::new();
    let path = fixture(name);
    let out = sandbox.ok(&["import", "--format", "json", path.to_str().unwrap()]);
    let summary = serde_json::from_str(&out).expect("import JSON");
    (sandbox, summary)
}

/// The one recognised file of a summary.
fn only_file(summary: &Value) -> &Value {
    let used: Vec<&Value> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["kind"].is_null())
        .collect();
    assert_eq!(used.len(), 1, "{summary:#}");
    used[0]
}

/// Every connection as `name|connected_on|company|position`, in file order.
fn connections(sandbox: &Sandbox) -> Vec<String> {
    sandbox.strings(
        "SELECT p.name || '|' || COALESCE(c.connected_on, '') || '|' || p.company || '|' || p.position
         FROM connections c JOIN people p ON p.id = c.person_id ORDER BY c.person_id",
    )
}

#[test]
fn linkedin_member_is_a_hidden_person_not_a_sponsor() {
    let (sandbox, summary) = import("hidden-members");
    let messages = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "messages")
        .unwrap();
    assert_eq!(messages["imported"], 9, "{messages:#}");
    assert_eq!(
        messages["skipped"],
        serde_json::json!({"hidden-recipient": 1, "hidden-sender": 1, "sponsored": 2})
    );
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM people WHERE name LIKE '%LinkedIn Member%'"),
        0
    );
    // Known by the sender URL: the person of that URL, named from it.
    assert_eq!(
        sandbox.count(
            "SELECT COUNT(*) FROM messages m JOIN people p ON p.id = m.sender_id
             WHERE p.name = 'Priya Raman' AND p.url = 'https://www.linkedin.com/in/priya-raman-4b2a1'"
        ),
        2
    );
    // No URL, but the owner wrote to Marcus in that conversation: the reply is his.
    assert_eq!(
        sandbox.count(
            "SELECT COUNT(*) FROM messages m JOIN people p ON p.id = m.sender_id
             WHERE p.name = 'Marcus Oyelaran' AND m.outgoing = 0"
        ),
        1
    );
    // The owner's reply to "LinkedIn Member" goes to the one other person of the conversation.
    assert_eq!(
        sandbox.count(
            "SELECT COUNT(DISTINCT p.name) FROM conversation_participants cp JOIN people p ON p.id = cp.person_id
             JOIN conversations c ON c.id = cp.conversation_id WHERE c.key = '2-cXc5'"
        ),
        2
    );
    assert_eq!(
        sandbox.count(
            "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE c.key = '2-cXc5' AND c.is_group = 0"
        ),
        2
    );
    // Everyone the owner messaged wrote back (Priya, Tomasz, Marcus and Lena), and nobody is called
    // "LinkedIn Member" anywhere.
    let out_dir = sandbox.path("report");
    sandbox.ok(&["report", "--out", out_dir.to_str().unwrap(), "--as-of", "2022-06-01"]);
    let html = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        html.contains("4 of the 4 people you have written to wrote back (100 %)."),
        "reciprocity"
    );
    assert!(!html.contains("LinkedIn Member"));
    let reconnect = sandbox.kith(&["reconnect", "--as-of", "2024-06-01", "--include-cold"]);
    assert!(!stdout(&reconnect).contains("LinkedIn Member"));
}

/// Every message as `sender|conversation|is_group|participants`, by date.
fn messages(sandbox: &Sandbox) -> Vec<String> {
    sandbox.strings(
        "SELECT p.name || '|' || c.key || '|' || CASE WHEN c.is_group THEN 'true' ELSE 'false' END || '|' ||
                (SELECT group_concat(name, '+') FROM (SELECT pp.name FROM conversation_participants cp
                 JOIN people pp ON pp.id = cp.person_id WHERE cp.conversation_id = c.id ORDER BY pp.name))
         FROM messages m JOIN people p ON p.id = m.sender_id JOIN conversations c ON c.id = m.conversation_id
         ORDER BY m.sent_at",
    )
}

#[test]
fn hidden_people_in_groups_are_nobody_and_recipient_urls_keep_their_place() {
    let (sandbox, summary) = import("hidden-in-groups");
    let file = only_file(&summary);
    assert_eq!(file["skipped"], serde_json::json!({"hidden-sender": 1}), "{file:#}");
    assert_eq!(summary["member"], "Olga Owner");
    assert_eq!(
        messages(&sandbox),
        vec![
            // The hidden member of the trio is not Dan, and the trio is a group.
            "Olga Owner|2-g1|true|Dan Fox+Olga Owner",
            "Dan Fox|2-g1|true|Dan Fox+Olga Owner",
            "Olga Owner|2-g2|true|Jo Park+Kim Lee+Olga Owner",
            "Olga Owner|2-g3|true|Kai Berg+Lu Chen+Olga Owner",
            "Olga Owner|2-g4|false|Ann Lee+Olga Owner",
            "Ann Lee|2-g4|false|Ann Lee+Olga Owner",
        ]
    );
    assert_eq!(
        sandbox.count(
            "SELECT COUNT(*) FROM people WHERE url = 'https://www.linkedin.com/in/kai-berg' AND name = 'Kai Berg'"
        ),
        1
    );
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM people WHERE name LIKE '%,%'"), 0);
}

#[test]
fn a_later_export_that_hides_a_name_keeps_the_conversation() {
    let (sandbox, _) = import("hidden-in-groups");
    let later = fixture("hidden-later");
    let out = sandbox.ok(&["import", "--format", "json", later.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    let file = only_file(&summary);
    // Ann's two known messages are found again, and the new one is hers.
    assert_eq!(
        (file["imported"].as_u64(), file["unchanged"].as_u64()),
        (Some(3), Some(2)),
        "{file:#}"
    );
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM messages m JOIN people p ON p.id = m.sender_id WHERE p.name = 'Ann Lee'"),
        2
    );
}

#[test]
fn hidden_rows_are_identified_the_same_way_on_a_second_import() {
    let (sandbox, _) = import("hidden-members");
    let before = sandbox.count("SELECT COUNT(*) FROM messages");
    // The same files again (a copy, so not recognised as the same archive): nothing new.
    let copy = sandbox.path("again");
    std::fs::create_dir_all(&copy).unwrap();
    for file in ["messages.csv", "Profile.csv", "Connections.csv"] {
        let mut bytes = std::fs::read(fixture("hidden-members").join(file)).unwrap();
        bytes.extend_from_slice(b"\n");
        std::fs::write(copy.join(file), bytes).unwrap();
    }
    sandbox.ok(&["import", copy.to_str().unwrap()]);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM messages"), before);
}

#[test]
fn pre_2016_outlook_export_imports_connections_without_dates() {
    let (sandbox, summary) = import("outlook");
    let file = only_file(&summary);
    assert_eq!(file["kind"], "connections");
    let layout = file["layout"].as_str().unwrap();
    assert!(layout.contains("Outlook") && layout.contains("cp1252"), "{layout}");
    assert!(
        file["notes"][0]
            .as_str()
            .unwrap()
            .contains("3 connections kept without a date"),
        "{file:#}"
    );
    assert_eq!(file["skipped"], serde_json::json!({"blank-row": 1}));
    assert_eq!(
        connections(&sandbox),
        vec![
            "José Muñoz||Café Central|Gerente",
            "Anne Marie O'Neill||Acme, Inc.|VP Sales",
            "Björn Åkesson||Ørsted|Engineer",
        ]
    );
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM people WHERE email = 'jose.munoz@example.com'"),
        1
    );
}

#[test]
fn pre_2016_yahoo_export_too() {
    let (sandbox, summary) = import("yahoo");
    let layout = only_file(&summary)["layout"].as_str().unwrap().to_string();
    assert!(layout.starts_with("pre-2016 Yahoo export"), "{layout}");
    assert_eq!(
        connections(&sandbox),
        vec!["Zoë Lambert||Deezer|Head of Product", "Raj Patel||Infosys|Engineer"]
    );
}

#[test]
fn edited_headers_are_recognised_by_the_columns_they_have() {
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "edited/no-spaces.csv",
            "FirstName, LastName, EmailAddress, Company, Position, ConnectedOn",
            &[
                "Amira Haddad|2022-03-03|Initech|Analyst",
                "Tom Berg|2019-08-17|Umbrella|CFO",
            ],
        ),
        (
            "edited/name-column.csv",
            "Name, URL, Company, Position, Connected on",
            &[
                "Grace Hopper|2020-01-01|Navy|Rear Admiral",
                "Alan Turing|2021-06-15|Bletchley|Cryptanalyst",
            ],
        ),
        (
            "edited/dropped-columns.csv",
            "First Name, Company, Position, Connected On",
            &["Kenji|2023-07-04|Toyota|Engineer", "Sofia|2023-07-05|Ferrari|Designer"],
        ),
        (
            "edited/index-column.csv",
            "First Name, Last Name, URL, Email Address, Company, Position, Connected On",
            &[
                "Ines Moreau|2023-01-12|Danone|Chef de projet",
                "Omar Said|2023-01-13|Aramco|Geologist",
            ],
        ),
        (
            "edited/lower-case.csv",
            "first name, last name, url",
            &["Mia Wong|2024-02-20|Grab|PM"],
        ),
    ];
    for (name, columns, want) in cases {
        let (sandbox, summary) = import(name);
        let layout = only_file(&summary)["layout"].as_str().unwrap().to_string();
        assert!(
            layout.starts_with(&format!("edited: columns found {columns}")),
            "{name}: {layout}"
        );
        assert_eq!(connections(&sandbox), want, "{name}");
    }
    // Grace Hopper is known by her URL.
    let (sandbox, _) = import("edited/name-column.csv");
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM people WHERE url = 'https://www.linkedin.com/in/grace-hopper-1906'"),
        1
    );
}

#[test]
fn day_order_is_decided_per_column() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "dates/day-first-dots.csv",
            &[
                "Lukas Becker|2024-01-15|Siemens|Ingenieur",
                "Jana Novak|2024-02-03|Skoda|Designer",
                // A whitespace-only cell is an empty date, not a bad one.
                "Petr Svoboda||CEZ|Analyst",
            ],
        ),
        (
            "dates/day-first-slashes.csv",
            &[
                "Oliver Smith|2024-01-15|BBC|Producer",
                "Amelia Jones|2024-02-03|BT|Engineer",
            ],
        ),
        (
            // LinkedIn's M/D/YY beside dates Excel rewrote with dashes: the column is
            // month-first, so 09-04-2021 is the 4th of September.
            "dates/mixed-separators.csv",
            &[
                "Ana Silva|2021-11-28|Natura|Chemist",
                "Bruno Costa|2021-09-04|Itau|Banker",
                "Carla Souza|2021-12-30|Vale|Geologist",
            ],
        ),
    ];
    for (name, want) in cases {
        let (sandbox, summary) = import(name);
        assert_eq!(only_file(&summary)["notes"], serde_json::json!([]), "{name}");
        assert_eq!(connections(&sandbox), want, "{name}");
    }
}

#[test]
fn a_day_order_nothing_shows_is_read_month_first_and_said() {
    let sandbox = Sandbox::new();
    let text = "First Name;Last Name;Email Address;Company;Position;Connected On\r\nAnn;Lee;;Acme;CTO;04/07/2023\r\n";
    let dir = sandbox.folder("export", &[("Connections.csv", text.as_bytes())]);
    let out = sandbox.ok(&["import", "--format", "json", dir.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    let note = only_file(&summary)["notes"][0].as_str().unwrap().to_string();
    assert!(note.contains("day-first or month-first (like 04/07/2023)"), "{note}");
    assert_eq!(connections(&sandbox), ["Ann Lee|2023-04-07|Acme|CTO"]);
}

#[test]
fn localised_and_lower_case_month_names() {
    let (sandbox, summary) = import("dates/localised-months.csv");
    assert_eq!(only_file(&summary)["notes"], serde_json::json!([]));
    let dates: Vec<String> = connections(&sandbox)
        .iter()
        .map(|row| row.split('|').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2021-01-03",
            "2019-04-12",
            "2020-08-05",
            "2018-12-24",
            "2022-03-01",
            "2021-05-07",
            "2020-10-03",
            "2019-12-31",
            "2023-01-04",
            "2022-02-28",
            "2021-04-02",
            "2020-07-14",
            "2019-08-15",
            "2018-12-09",
            "2009-10-30",
        ]
    );
}

#[test]
fn an_unquoted_comma_keeps_the_date_and_the_whole_value() {
    let (sandbox, summary) = import("overflow");
    let file = only_file(&summary);
    assert!(
        file["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("4 rows held a comma outside quotes"),
        "{file:#}"
    );
    assert_eq!(summary["export_date"], "2023-07-08");
    assert_eq!(
        connections(&sandbox),
        vec![
            "Rita Alves|2023-07-04|Aetna, a CVS Health Company|Nurse",
            "Paul Klein|2023-07-05|Globex|Director, Strategy & Ops",
            "Mei Chen|2023-07-06|Quoted, Correctly Ltd|CTO",
            "Tamara Hafner, PhD|2023-07-07|Initech|Scientist",
            "Ivan Petrov|2023-07-08|Yandex, LLC|Head of Search, Maps, Ads",
        ]
    );
}

#[test]
fn invitations_with_member_urns_name_their_owner() {
    let (sandbox, summary) = import("invitations-urn");
    assert_eq!(summary["member"], "Rosa Delgado");
    assert_eq!(only_file(&summary)["imported"], 3);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM invitations"), 3);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM people WHERE name = 'Me'"), 0);
    // URLs cut to "https://www.linkedin.com/in" are no URL at all.
    let (sandbox, summary) = import("invitations-cut-urls");
    assert_eq!(summary["member"], "Rosa Delgado");
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM people WHERE url IS NOT NULL"), 0);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM invitations"), 2);
}

#[test]
fn the_owner_is_not_a_chatty_contact_nor_the_only_correspondent() {
    // 2021 layout: only senders have URLs; Pat sends most rows, the owner is in every one.
    let (sandbox, summary) = import("owner-chatty-contact");
    assert_eq!(summary["member"], "Olga Owner");
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM messages WHERE outgoing = 1"), 2);
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM conversations WHERE is_group = 1"),
        0
    );
    // One conversation with Ann: counting rows cannot tell; the sent invitation can.
    let (sandbox, summary) = import("owner-by-invitations");
    assert_eq!(summary["member"], "Olga Owner");
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM messages WHERE outgoing = 1"), 1);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM invitations"), 2);
}

#[test]
fn an_extracted_folder_gives_the_export_date_by_its_name() {
    let (_, summary) = import("Basic_LinkedInDataExport_11-04-2018");
    assert_eq!(summary["export_date"], "2018-11-04");
    // A file of that folder handed over alone too.
    let (_, summary) = import("Basic_LinkedInDataExport_11-04-2018/Connections.csv");
    assert_eq!(summary["export_date"], "2018-11-04");
}

#[test]
fn a_connections_file_without_names_says_what_it_found() {
    let sandbox = Sandbox::new();
    let path = fixture("unusable/Connections.csv");
    let out = sandbox.kith(&["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("Connections.csv: no name or profile URL column")
            && err.contains("(found: Company, Position, Connected On)"),
        "{err}"
    );
    // In a folder with other files, the file is listed with the same reason.
    let folder = sandbox.folder(
        "export",
        &[
            ("Connections.csv", &std::fs::read(&path).unwrap()),
            (
                "Invitations.csv",
                b"From,To,Sent At,Message,Direction\nAnn Lee,Bob Roe,\"6/17/23, 6:18 AM\",,OUTGOING\n",
            ),
        ],
    );
    let out = sandbox.ok(&["import", "--format", "json", folder.to_str().unwrap()]);
    assert!(out.contains("no name or profile URL column"), "{out}");
}

#[test]
fn names_replaced_by_numbers_link_to_nobody() {
    let (sandbox, summary) = import("anonymised");
    let file = only_file(&summary);
    assert_eq!(file["skipped"], serde_json::json!({"anonymised": 2}));
    assert!(file["notes"][0].as_str().unwrap().starts_with("anonymised"), "{file:#}");
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM connections"), 0);
}

#[test]
fn a_connections_file_without_its_header() {
    let (sandbox, summary) = import("headerless");
    let layout = only_file(&summary)["layout"].as_str().unwrap().to_string();
    assert!(layout.starts_with("no header"), "{layout}");
    assert_eq!(
        connections(&sandbox),
        vec![
            "Hana Sato|2023-07-04|Sony|Producer",
            "Koji Ito|2023-07-05|Honda|Engineer",
            "Yui Mori|2023-07-06|Nintendo|Designer",
        ]
    );
}

#[test]
fn address_books_are_listed_as_not_used() {
    let (sandbox, summary) = import("address-books");
    let unused: Vec<(String, String)> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"].is_null())
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["layout"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(unused.len(), 3, "{unused:?}");
    assert!(
        unused.iter().all(|(_, why)| why.starts_with("not used: address book")),
        "{unused:?}"
    );
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM connections"), 1);
}

#[test]
fn damaged_rows_keep_their_neighbours_and_their_line_numbers() {
    let sandbox = Sandbox::new();
    // CRLF (an Excel re-save), an unbalanced quote, two exports pasted together, a row known
    // only by e-mail, a URL cut to nothing, a hidden name.
    let text = "First Name,Last Name,Email Address,Company,Position,Connected On\r\n\
Ann,Lee,,Acme,CTO,14 Dec 2021\r\n\
,,,,,15 Dec 2021\r\n\
Bob,\"Bobby,,Globex,CEO,16 Dec 2021\r\n\
Cara,Nolan,,Initech,PM,17 Dec 2021\r\n\
First Name,Last Name,Email Address,Company,Position,Connected On\r\n\
Dev,Shah,,Umbrella,CFO,18 Dec 2021\r\n\
,,jane.doe@example.com,Hooli,VP,19 Dec 2021\r\n\
LinkedIn,Member,,Acme,CTO,20 Dec 2021\r\n";
    let dir = sandbox.folder("export", &[("Connections.csv", text.as_bytes())]);
    let out = sandbox.ok(&["import", "--format", "json", dir.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    let file = only_file(&summary);
    assert_eq!(file["imported"], 5, "{file:#}");
    assert!(
        file["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("header is repeated")),
        "{file:#}"
    );
    let names: Vec<String> = connections(&sandbox)
        .iter()
        .map(|c| c.split('|').next().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Ann Lee", "Bob \"Bobby", "Cara Nolan", "Dev Shah", "Jane Doe"]);
    let rejects = sandbox.path("rejects.csv");
    sandbox.ok(&["import", "--rejects", rejects.to_str().unwrap(), dir.to_str().unwrap()]);
    let out = sandbox.ok(&["status", "--format", "json"]);
    let status: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(status["skipped"], serde_json::json!({"blank-row": 1, "hidden-name": 1}));
    let lines: Vec<i64> = {
        let sql = sandbox.sql();
        let mut query = sql.prepare("SELECT line FROM rejects ORDER BY line").unwrap();
        query.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(lines, [3, 9]);
}

#[test]
fn other_files_that_cannot_be_used_say_which_column_is_missing() {
    let sandbox = Sandbox::new();
    let dir = sandbox.folder(
        "export",
        &[
            (
                "messages.csv",
                b"CONVERSATION ID,FROM,TO,CONTENT\n2-a,Ann Lee,Me,hello\n",
            ),
            (
                "Endorsement_Received_Info.csv",
                b"Date,Skill,Endorser\n2021/08/11 11:00:31 UTC,Python,Ann Lee\n",
            ),
            (
                "Invitations.csv",
                b"From,To,Sent,Message,Direction\nOlga Owner,Ann Lee,\"6/17/23, 6:18 AM\",,OUTGOING\n",
            ),
        ],
    );
    let out = sandbox.ok(&["import", "-v", dir.to_str().unwrap()]);
    assert!(
        out.contains("looks like messages, but has no DATE column (found: CONVERSATION ID, FROM, TO, CONTENT)"),
        "{out}"
    );
    assert!(
        out.contains("looks like endorsements, but has no endorser or endorsee name column"),
        "{out}"
    );
    // `Sent` for `Sent At` is still an invitations file.
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM invitations"), 1);
}

#[test]
fn an_export_folder_inside_an_archive_or_a_parent_folder_still_dates_it() {
    let sandbox = Sandbox::new();
    let connections = std::fs::read(fixture("Basic_LinkedInDataExport_11-04-2018/Connections.csv")).unwrap();
    let zip = sandbox.zip(
        "linkedin.zip",
        &[("Basic_LinkedInDataExport_11-04-2018/Connections.csv", &connections)],
    );
    let out = sandbox.ok(&["import", "--format", "json", zip.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["export_date"], "2018-11-04");
    assert_eq!(summary["export_date_from_name"], true);
    // Without a dated name, the summary says the date is only the newest row's.
    let other = Sandbox::new();
    let plain = other.folder("plain", &[("Connections.csv", &connections)]);
    let out = other.ok(&["import", plain.to_str().unwrap()]);
    assert!(
        out.contains("data up to 2018-01-08 (no export date in the file names)"),
        "{out}"
    );
}

#[test]
fn folders_too_deep_to_be_an_export_are_listed() {
    let sandbox = Sandbox::new();
    let connections = std::fs::read(fixture("edited/lower-case.csv")).unwrap();
    let dir = sandbox.folder(
        "export",
        &[
            ("Connections.csv", &connections),
            ("a/b/c/d/e/f/g/h/Connections.csv", &connections),
        ],
    );
    let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert!(
        out.contains("a/b/c/d/e/f/g (a folder nested deeper than any export's)"),
        "{out}"
    );
}

#[test]
fn a_stray_quote_in_messages_does_not_swallow_the_rest_of_the_file() {
    let sandbox = Sandbox::new();
    let mut text = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
    );
    // A real line break inside a quoted body is a body, not a stray quote.
    text.push_str("2-b,,Bob Roe,https://www.linkedin.com/in/bob-roe,Olga Owner,https://www.linkedin.com/in/olga-owner,2023-02-01 10:00:00 UTC,,\"Hi Olga,\nsee you soon\",INBOX\n");
    for i in 0..40 {
        let content = if i == 10 {
            "\"reply 10 - edited by hand".to_string()
        } else {
            format!("reply {i}")
        };
        text.push_str(&format!(
            "2-a,,Ann Lee,https://www.linkedin.com/in/ann-lee,Olga Owner,https://www.linkedin.com/in/olga-owner,2023-01-{:02} 10:00:00 UTC,,{content},INBOX\n",
            i % 28 + 1
        ));
    }
    let dir = sandbox.folder("export", &[("messages.csv", text.as_bytes())]);
    let out = sandbox.ok(&["import", "--format", "json", dir.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    let file = only_file(&summary);
    // 41 rows: the edited one is read as text, none is lost.
    assert_eq!(file["imported"], 41, "{file:#}");
    assert!(sandbox.count("SELECT MAX(length) FROM messages") < 30);
    assert_eq!(
        sandbox.count("SELECT m.length FROM messages m JOIN people p ON p.id = m.sender_id WHERE p.name = 'Bob Roe'"),
        "Hi Olga, see you soon".len() as i64
    );
}

#[test]
fn line_breaks_inside_an_outlook_note_are_not_rows() {
    let sandbox = Sandbox::new();
    let text =
        "\"First Name\",\"Middle Name\",\"Last Name\",\"E-mail Address\",\"Company\",\"Job Title\",\"Notes\"\r\n\
\"Anna\",\"\",\"Schmidt\",\"anna@example.de\",\"SAP SE\",\"CTO\",\"met at a fair\r\nBerlin, 2014\r\n\"\r\n\
\"Ben\",\"\",\"Ito\",\"\",\"Sony\",\"PM\",\"\"\r\n";
    let dir = sandbox.folder(
        "export",
        &[("linkedin_connections_export_microsoft_outlook.csv", text.as_bytes())],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(connections(&sandbox), ["Anna Schmidt||SAP SE|CTO", "Ben Ito||Sony|PM"]);
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM people WHERE email = 'anna@example.de'"),
        1
    );
}

#[test]
fn the_owner_url_is_never_a_contact_s() {
    // 2021 layout, a Profile.csv, and the owner never wrote: only Rita's URL is in most rows.
    let sandbox = Sandbox::new();
    let messages = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
2-r,,Rita Recruiter,https://www.linkedin.com/in/rita-recruiter,Olga Owner,2022-01-01 10:00:00 UTC,,hi,INBOX\n\
2-r,,Rita Recruiter,https://www.linkedin.com/in/rita-recruiter,Olga Owner,2022-02-01 10:00:00 UTC,,ping,INBOX\n\
2-s,,Bob Roe,https://www.linkedin.com/in/bob-roe,Olga Owner,2022-03-01 10:00:00 UTC,,hello,INBOX\n";
    let profile = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\nOlga,Owner,,,,,,,,,,,\n";
    let dir = sandbox.folder(
        "export",
        &[
            ("messages.csv", messages.as_bytes()),
            ("Profile.csv", profile.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(sandbox.status()["owner"]["url"], Value::Null);
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM messages"), 3);
}

#[test]
fn people_known_only_by_an_address_have_a_name_to_show() {
    let sandbox = Sandbox::new();
    let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
LinkedIn Member,,,,Acme,CTO,04 Jul 2023\n\
,,https://www.linkedin.com/in/jsmith1,,Acme,CTO,05 Jul 2023\n\
,,https://www.linkedin.com/in/ACoAAAFpK0kB3x9Q,,Acme,VP,06 Jul 2023\n\
LinkedIn Member,,https://www.linkedin.com/in/linkedin-member-1a2b,,Acme,PM,07 Jul 2023\n";
    let dir = sandbox.folder("export", &[("Connections.csv", text.as_bytes())]);
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(sandbox.status()["skipped"], serde_json::json!({"hidden-name": 1}));
    let names: Vec<String> = connections(&sandbox)
        .iter()
        .map(|c| c.split('|').next().unwrap().to_string())
        .collect();
    // A slug that spells the hidden name names nobody either (and does not loop).
    assert_eq!(
        names,
        [
            "linkedin.com/in/jsmith1",
            "linkedin.com/in/acoaaafpk0kb3x9q",
            "linkedin.com/in/linkedin-member-1a2b"
        ]
    );
    let reconnect = stdout(&sandbox.kith(&["reconnect", "--as-of", "2025-01-01", "--include-cold"]));
    assert!(
        !reconnect.contains("Hi ,") && !reconnect.contains("Hi linkedin"),
        "{reconnect}"
    );
}

#[test]
fn a_rejects_file_that_cannot_be_written_stops_the_import_before_it_commits() {
    let sandbox = Sandbox::new();
    let export = fixture("anonymised");
    let bad = sandbox.path("no/such/folder/rejects.csv");
    let out = sandbox.kith(&["import", "--rejects", bad.to_str().unwrap(), export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("rejects.csv"), "{err}");
    // Nothing was committed: the same export imports now, and its rejects are written.
    let good = sandbox.path("rejects.csv");
    let out = sandbox.ok(&["import", "--rejects", good.to_str().unwrap(), export.to_str().unwrap()]);
    assert!(!out.contains("already imported"), "{out}");
    let written = std::fs::read_to_string(&good).unwrap();
    assert_eq!(written.lines().count(), 3, "{written}");
}

//! End-to-end tests of who is who: namesakes in one `Connections.csv` are different people
//! (and stay the same people across exports), and an export that belongs to someone else is
//! refused as the owner's even when it has no profile URLs.

use crate::common::*;
use serde_json::json;

const HEADER_2018: &str = "First Name,Last Name,Email Address,Company,Position,Connected On\n";

/// A 2018-layout `Connections.csv` (no URL column, US dates) of these rows.
fn connections_2018(rows: &[&str]) -> String {
    let mut text = HEADER_2018.to_string();
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

const JOHN_ACME: &str = "John,Smith,,Acme,Engineer,\"1/8/18, 6:14 PM\"";
const JOHN_GLOBEX: &str = "John,Smith,john.smith@example.com,Globex,Developer,\"3/2/17, 9:01 AM\"";
const ANN_INITECH: &str = "Ann,Lee,,Initech,Analyst,\"5/5/16, 10:00 AM\"";
const ANN_HOOLI: &str = "Ann,Lee,,Hooli,Designer,\"7/9/15, 4:30 PM\"";
const BOB: &str = "Bob,Roe,,Umbrella,Manager,\"2/2/14, 8:00 AM\"";

fn import(sandbox: &Sandbox, zip_name: &str, files: &[(&str, &[u8])]) -> String {
    let zip = sandbox.zip(zip_name, files);
    sandbox.ok(&["import", zip.to_str().unwrap()])
}

/// The company each person called `name` has, sorted.
fn companies_of(sandbox: &Sandbox, name: &str) -> Vec<String> {
    let db = sandbox.sql();
    let mut query = db
        .prepare("SELECT company FROM people WHERE name = ?1 ORDER BY company")
        .unwrap();
    let rows = query.query_map([name], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn namesakes_in_a_2018_connections_file_are_not_rejected_as_duplicates() {
    // Regression: a namesake row with an e-mail was rejected as `duplicate`, and rows known
    // only by name could be merged with an earlier row of the same file.
    let sandbox = Sandbox::new();
    let identical = JOHN_ACME;
    let text = connections_2018(&[JOHN_ACME, JOHN_GLOBEX, ANN_INITECH, ANN_HOOLI, BOB, identical]);
    let out = import(&sandbox, "export.zip", &[("Connections.csv", text.as_bytes())]);
    let status = sandbox.status();
    assert_eq!(status["connections"], 5, "{out}");
    assert_eq!(status["people"], 5, "{out}");
    // Only the row identical to an earlier one is a duplicate.
    assert_eq!(status["skipped"], json!({"duplicate": 1}), "{out}");
    assert!(out.contains("Connections.csv line 7: duplicate"), "{out}");
    assert_eq!(companies_of(&sandbox, "John Smith"), ["Acme", "Globex"]);
    assert_eq!(companies_of(&sandbox, "Ann Lee"), ["Hooli", "Initech"]);
}

#[test]
fn the_same_profile_url_twice_is_still_a_duplicate() {
    let sandbox = Sandbox::new();
    let text = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
John,Smith,https://www.linkedin.com/in/js-1,,Acme,Engineer,04 Jul 2023\n\
John,Smith,https://www.linkedin.com/in/js-2,,Acme,Engineer,04 Jul 2023\n\
John,Smith,https://www.linkedin.com/in/JS-1/,,Globex,Developer,05 Jul 2023\n"
    );
    import(&sandbox, "export.zip", &[("Connections.csv", text.as_bytes())]);
    let status = sandbox.status();
    assert_eq!(status["connections"], 2);
    assert_eq!(status["skipped"], json!({"duplicate": 1}));
}

#[test]
fn namesakes_are_the_same_people_in_a_newer_export() {
    let sandbox = Sandbox::new();
    let first = connections_2018(&[JOHN_ACME, JOHN_GLOBEX, ANN_INITECH, ANN_HOOLI, BOB]);
    let files_first = [("Connections.csv", first.as_bytes())];
    import(&sandbox, "Basic_LinkedInDataExport_11-02-2018.zip", &files_first);
    let before = sandbox.status();
    assert_eq!(before["connections"], 5);

    // The identical export again: nothing changes.
    let out = import(&sandbox, "Basic_LinkedInDataExport_11-02-2018.zip", &files_first);
    assert!(out.contains("already imported"), "{out}");
    assert_eq!(before, sandbox.status());

    // The same rows in another order (another export to kith): still nothing new.
    let reordered = connections_2018(&[BOB, ANN_HOOLI, JOHN_GLOBEX, ANN_INITECH, JOHN_ACME]);
    let out = import(
        &sandbox,
        "Basic_LinkedInDataExport_11-03-2018.zip",
        &[("Connections.csv", reordered.as_bytes())],
    );
    assert!(out.contains("0 new people, 0 job changes"), "{out}");
    let mut again = sandbox.status();
    again["imports"] = before["imports"].clone();
    assert_eq!(before, again);

    // A newer export: the Hooli Ann Lee moved to Initech (now both work there), listed first.
    let ann_moved = "Ann,Lee,,Initech,Lead Designer,\"7/9/15, 4:30 PM\"";
    let newer = connections_2018(&[ann_moved, JOHN_ACME, JOHN_GLOBEX, ANN_INITECH, BOB]);
    let out = import(
        &sandbox,
        "Basic_LinkedInDataExport_06-20-2019.zip",
        &[("Connections.csv", newer.as_bytes())],
    );
    assert!(out.contains("0 new people, 1 job change,"), "{out}");
    let status = sandbox.status();
    assert_eq!(status["people"], 5);
    assert_eq!(status["connections"], 5);
    let (old, new): (String, String) = sandbox
        .sql()
        .query_row(
            "SELECT old_company || ' ' || old_position, new_company || ' ' || new_position FROM job_changes",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (old.as_str(), new.as_str()),
        ("Hooli Designer", "Initech Lead Designer")
    );
    assert_eq!(companies_of(&sandbox, "Ann Lee"), ["Initech", "Initech"]);

    // Later still: the John Smith with the e-mail moved, and his e-mail still names him.
    let john_moved = "John,Smith,john.smith@example.com,Acme,Engineer,\"3/2/17, 9:01 AM\"";
    let newest = connections_2018(&[john_moved, JOHN_ACME, ann_moved, ANN_INITECH, BOB]);
    let out = import(
        &sandbox,
        "Basic_LinkedInDataExport_01-15-2020.zip",
        &[("Connections.csv", newest.as_bytes())],
    );
    assert!(out.contains("0 new people, 1 job change,"), "{out}");
    assert_eq!(companies_of(&sandbox, "John Smith"), ["Acme", "Acme"]);
    let moved: String = sandbox
        .sql()
        .query_row(
            "SELECT p.email FROM job_changes j JOIN people p ON p.id = j.person_id WHERE j.old_company = 'Globex'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moved, "john.smith@example.com");
}

#[test]
fn a_bare_name_shared_by_namesakes_is_not_guessed() {
    // Messages and endorsements that name only "John Smith" when there are two go to one
    // person standing for "a John Smith", the same on every row and every import, and never
    // to either connection.
    let sandbox = Sandbox::new();
    let connections = connections_2018(&[JOHN_ACME, JOHN_GLOBEX, BOB]);
    let messages = "From,To,Date,Subject,Content,Direction,Folder\n\
John Smith,Ana Owner,\"10/16/18, 8:36 AM\",,hello,INCOMING,INBOX\n\
Ana Owner,John Smith,\"10/16/18, 9:00 AM\",,hi John,OUTGOING,SENT\n\
Bob Roe,Ana Owner,\"10/17/18, 8:36 AM\",,hey,INCOMING,INBOX\n";
    let endorsements = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n\
2018/08/11 11:00:31 UTC,Rust,John,Smith,ACCEPTED\n\
2018/08/12 11:00:31 UTC,SQL,John,Smith,ACCEPTED\n";
    import(
        &sandbox,
        "Basic_LinkedInDataExport_11-02-2018.zip",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("Messages.csv", messages.as_bytes()),
            ("Endorsement_Received_Info.csv", endorsements.as_bytes()),
        ],
    );
    let status = sandbox.status();
    assert_eq!(status["connections"], 3);
    assert_eq!(
        status["people"], 4,
        "two John Smiths, Bob, and one unattributed John Smith"
    );
    assert_eq!(status["endorsements"], 2);
    let on_connections = "SELECT COUNT(*) FROM people p JOIN connections c ON c.person_id = p.id
         WHERE p.name = 'John Smith' AND (EXISTS (SELECT 1 FROM conversation_participants x WHERE x.person_id = p.id)
              OR EXISTS (SELECT 1 FROM endorsements e WHERE e.person_id = p.id))";
    assert_eq!(sandbox.count(on_connections), 0);

    // A newer export with one more message from "John Smith": no new person.
    let more = format!("{messages}John Smith,Ana Owner,\"3/1/19, 8:36 AM\",,again,INCOMING,INBOX\n");
    import(
        &sandbox,
        "Basic_LinkedInDataExport_04-02-2019.zip",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("Messages.csv", more.as_bytes()),
            ("Endorsement_Received_Info.csv", endorsements.as_bytes()),
        ],
    );
    let status = sandbox.status();
    assert_eq!(status["people"], 4);
    assert_eq!(status["messages"], 4);
    assert_eq!(sandbox.count(on_connections), 0);
}

/// Ana Owner's 2018 export: her profile, connections and a sent message.
fn owner_2018(sandbox: &Sandbox) -> std::path::PathBuf {
    let connections = connections_2018(&[JOHN_ACME, ANN_INITECH, BOB]);
    let messages = "From,To,Date,Subject,Content,Direction,Folder\n\
Ana Owner,Bob Roe,\"10/16/18, 9:00 AM\",,hi Bob,OUTGOING,SENT\n";
    sandbox.folder(
        "ana",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("Messages.csv", messages.as_bytes()),
        ],
    )
}

/// Asserts that importing `dir` as the owner's is refused, names `name`, and writes nothing.
fn assert_refused(sandbox: &Sandbox, dir: &std::path::Path, name: &str) {
    let before = sandbox.status();
    let people = sandbox.count("SELECT COUNT(*) FROM people");
    let out = sandbox.kith(&["import", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(&dir.display().to_string()), "{err}");
    assert!(err.contains(&format!("--member \"{name}\"")), "{err}");
    assert_eq!(before, sandbox.status());
    assert_eq!(people, sandbox.count("SELECT COUNT(*) FROM people"));
}

#[test]
fn someone_elses_export_without_profile_urls_is_refused() {
    // Regression: only owner URLs were compared, so a URL-less 2018 export of another person
    // merged into the owner's network, its people matched to the owner's by name.
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", owner_2018(&sandbox).to_str().unwrap()]);
    let maria_profile = "First Name,Last Name,Headline\nMaria,Garcia,Designer\n";
    let maria_connections = connections_2018(&[JOHN_ACME, ANN_INITECH, "Ian,Wu,,Acme,Recruiter,\"1/2/17, 1:00 PM\""]);
    let maria = sandbox.folder(
        "maria",
        &[
            ("Profile.csv", maria_profile.as_bytes()),
            ("Connections.csv", maria_connections.as_bytes()),
        ],
    );
    assert_refused(&sandbox, &maria, "Maria Garcia");
    // Imported as hers, it is a pooled member's export.
    sandbox.ok(&["import", "--member", "Maria Garcia", maria.to_str().unwrap()]);
    assert_eq!(
        sandbox.status()["members"],
        json!([{"name": "Maria Garcia", "url": null}])
    );
}

#[test]
fn someone_elses_export_is_known_by_its_sent_messages_or_invitations() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", owner_2018(&sandbox).to_str().unwrap()]);
    let connections = connections_2018(&[BOB]);
    let messages = "From,To,Date,Subject,Content,Direction,Folder\n\
Bob Roe,Maria Garcia,\"10/16/18, 8:36 AM\",,hello,INCOMING,INBOX\n\
Maria Garcia,Bob Roe,\"10/16/18, 9:00 AM\",,hi Bob,OUTGOING,SENT\n";
    let by_messages = sandbox.folder(
        "maria-messages",
        &[
            ("Connections.csv", connections.as_bytes()),
            ("Messages.csv", messages.as_bytes()),
        ],
    );
    assert_refused(&sandbox, &by_messages, "Maria Garcia");
    let invitations = "From,To,Sent At,Message,Direction\n\
Maria Garcia,Ian Wu,\"6/17/18, 6:18 AM\",,OUTGOING\n\
Cy Ng,Maria Garcia,\"6/18/18, 6:18 AM\",,INCOMING\n";
    let by_invitations = sandbox.folder(
        "maria-invitations",
        &[
            ("Connections.csv", connections.as_bytes()),
            ("Invitations.csv", invitations.as_bytes()),
        ],
    );
    assert_refused(&sandbox, &by_invitations, "Maria Garcia");
}

#[test]
fn an_export_that_names_no_owner_stays_the_owners() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", owner_2018(&sandbox).to_str().unwrap()]);
    let lone = sandbox.folder(
        "lone",
        &[(
            "Connections.csv",
            connections_2018(&[BOB, "Cy,Ng,,Hooli,PM,\"1/2/17, 1:00 PM\""]).as_bytes(),
        )],
    );
    sandbox.ok(&["import", lone.to_str().unwrap()]);
    let status = sandbox.status();
    assert_eq!(status["members"], json!([]));
    assert_eq!(status["connections"], 4);
    assert_eq!(status["owner"]["name"], "Ana Owner");
}

#[test]
fn the_owners_newer_export_under_another_spelling_of_her_name_is_accepted() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", owner_2018(&sandbox).to_str().unwrap()]);
    for (index, (first, last)) in [
        ("Ana", "Silva Owner"),
        ("ÁNA", "ÓWNER"),
        ("Ana", "Owner 🚀"),
        ("Ana", "\"Owner, PhD\""),
        ("𝐀𝐧𝐚", "Owner"),
    ]
    .into_iter()
    .enumerate()
    {
        let profile = format!("First Name,Last Name,Headline\n{first},{last},Engineer\n");
        let messages = format!(
            "From,To,Date,Subject,Content,Direction,Folder\n\
{first} {last},Bob Roe,\"1/{day}/19, 9:00 AM\",,hi again,OUTGOING,SENT\n",
            last = last.trim_matches('"'),
            day = index + 1
        );
        let dir = sandbox.folder(
            &format!("ana-{index}"),
            &[
                ("Profile.csv", profile.as_bytes()),
                (
                    "Connections.csv",
                    connections_2018(&[JOHN_ACME, ANN_INITECH, BOB]).as_bytes(),
                ),
                ("Messages.csv", messages.as_bytes()),
            ],
        );
        sandbox.ok(&["import", dir.to_str().unwrap()]);
    }
    let status = sandbox.status();
    assert_eq!(status["members"], json!([]));
    assert_eq!(status["people"], 3);
    assert_eq!(status["imports"], 6);
}

#[test]
fn a_matching_profile_url_wins_over_a_changed_name() {
    let sandbox = Sandbox::new();
    let export = export_2026();
    let dir = sandbox.folder("ana", &files(&export));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    // Ana took another surname; her URL is the same.
    let mut renamed = export_2026();
    renamed[0].1 = PROFILE.replace("Ana,Owner", "Ana,Garcia").into_bytes();
    renamed[2].1 = String::from_utf8(renamed[2].1.clone())
        .unwrap()
        .replace("\"Ana Owner\"", "\"Ana Garcia\"")
        .replace("Fine, thanks!", "Fine, thanks a lot!")
        .into_bytes();
    let dir = sandbox.folder("ana-renamed", &files(&renamed));
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(sandbox.status()["members"], json!([]));
    // Someone else's URL-less export is refused even though the owner has a URL.
    let maria = sandbox.folder(
        "maria",
        &[
            (
                "Profile.csv",
                b"First Name,Last Name,Headline\nMaria,Garcia,Designer\n".as_slice(),
            ),
            ("Connections.csv", connections_2018(&[BOB]).as_bytes()),
        ],
    );
    assert_refused(&sandbox, &maria, "Maria Garcia");
}

#[test]
fn a_2018_pool_members_export_is_not_merged_into_the_owners() {
    // The case: `kith synth --layout 2018 --members 2`, the second export imported
    // without --member.
    let sandbox = Sandbox::new();
    let out = sandbox.path("pool");
    let synth = [
        "synth",
        "--out",
        out.to_str().unwrap(),
        "--layout",
        "2018",
        "--connections",
        "80",
        "--messages",
        "200",
        "--members",
        "2",
    ];
    sandbox.ok(&synth);
    let mut folders: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    folders.sort();
    sandbox.ok(&["import", folders[0].to_str().unwrap()]);
    let name = std::fs::read_to_string(folders[1].join("Profile.csv")).unwrap();
    let name: Vec<&str> = name.lines().nth(1).unwrap().split(',').take(2).collect();
    assert_refused(&sandbox, &folders[1], &name.join(" "));
}

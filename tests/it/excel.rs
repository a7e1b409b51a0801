//! Excel re-saves of export files: BOM, CRLF, padded `Notes:,,,` preamble, `9-Sep-22` dates,
//! `NA` cells, semicolons, cp1252 bytes.

use crate::common::*;

fn import_connections(bytes: &[u8]) -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    let dir = sandbox.folder("e", &[("Connections.csv", bytes)]);
    let out = sandbox.ok(&["import", dir.to_str().unwrap()]);
    (sandbox, out)
}

#[test]
fn bom_crlf_padded_preamble_short_dates_and_na() {
    let text = "\u{feff}Notes:,,,,,,\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\",,,,,,\r\n,,,,,,\r\n\
First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n\
Ann,Lee,https://www.linkedin.com/in/ann,NA,Acme,CTO,9-Sep-22\r\n\
Bob,Roe,https://www.linkedin.com/in/bob,NA,NA,NA,16.09.2021\r\n\
NA,NA,NA,NA,NA,NA,1-Oct-22\r\n";
    let (sandbox, out) = import_connections(text.as_bytes());
    assert!(
        out.contains("CRLF") && out.contains("preamble skipped") && out.contains("BOM"),
        "{out}"
    );
    let status = sandbox.status();
    assert_eq!(status["connections"], 2);
    assert_eq!(status["skipped"], serde_json::json!({"blank-row": 1}));
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM connections WHERE connected_on IN ('2022-09-09', '2021-09-16')"),
        2
    );
    assert_eq!(
        sandbox.count("SELECT COUNT(*) FROM people WHERE email IS NOT NULL OR company = 'NA'"),
        0
    );
}

#[test]
fn semicolons_and_cp1252() {
    let mut bytes = b"First Name;Last Name;Email Address;Company;Position;Connected On\r\n".to_vec();
    bytes.extend_from_slice(b"Jos\xe9;Mu\xf1oz;;Caf\xe9 Ltd;Chef;14 Dec 2021\r\n");
    let (sandbox, out) = import_connections(&bytes);
    assert!(out.contains("semicolon") && out.contains("cp1252"), "{out}");
    let name: String = sandbox
        .sql()
        .query_row(
            "SELECT name FROM people WHERE id NOT IN (SELECT person_id FROM members)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "José Muñoz");
}

#[test]
fn invalid_utf8_fragments_do_not_lose_the_file() {
    let mut bytes =
        "First Name,Last Name,Email Address,Company,Position,Connected On\nZoë,Ünal,,Ørsted,Dev,14 Dec 2021\n"
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(b"Bad\xff,Byte,,Acme,Dev,14 Dec 2021\n");
    let (sandbox, _) = import_connections(&bytes);
    assert_eq!(sandbox.status()["connections"], 2);
    let name: String = sandbox
        .sql()
        .query_row("SELECT name FROM people WHERE name LIKE 'Zo%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Zoë Ünal");
}

#[test]
fn excel_resaved_messages_with_short_dates() {
    let sandbox = Sandbox::new();
    let text = "\u{feff}CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\r\n\
c1,NA,Ann Lee,https://www.linkedin.com/in/ann,Ana Owner,https://www.linkedin.com/in/ana-owner,7/10/2023 15:47,NA,Hi,INBOX\r\n\
c1,NA,Ana Owner,https://www.linkedin.com/in/ana-owner,Ann Lee,https://www.linkedin.com/in/ann,7/11/2023 9:05,NA,Hello,INBOX\r\n";
    let dir = sandbox.folder(
        "e",
        &[("Profile.csv", PROFILE.as_bytes()), ("messages.csv", text.as_bytes())],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    assert_eq!(sandbox.status()["messages"], 2);
}

//! `kith card write` and `kith card show`: a club card holds only what the club needs, filters
//! as stated, and a card from someone else is read as untrusted input.

use std::path::PathBuf;

use crate::common::*;

const AS_OF: &str = "2026-11-02";

fn sample(member: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample")
        .join(member)
}

/// The sample's owner imported with message text kept (so the workspace holds text a card must
/// not), a pooled member beside them, and a target with an alias.
fn club() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", sample("01-jonas-nguyen").to_str().unwrap(), "--keep-content"]);
    sandbox.ok(&[
        "import",
        sample("02-ewa-kowalski").to_str().unwrap(),
        "--member",
        "Ewa Kowalski",
        "--keep-content",
    ]);
    sandbox.ok(&["targets", "add", "Acme Robotics", "--alias", "ACME Robotics Inc"]);
    sandbox
}

fn write_card(sandbox: &Sandbox, name: &str, extra: &[&str]) -> (String, serde_json::Value) {
    let out = sandbox.path(name);
    let mut args = vec!["card", "write", "--out", out.to_str().unwrap(), "--as-of", AS_OF];
    args.extend_from_slice(extra);
    sandbox.ok(&args);
    let text = std::fs::read_to_string(&out).unwrap();
    let json = serde_json::from_str(&text).unwrap();
    (text, json)
}

/// Every value of `column` in a CSV file of the sample (after its preamble, if any).
fn column(path: &std::path::Path, column: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find("\"CONVERSATION ID\"")
        .or_else(|| text.find("First Name"))
        .unwrap_or(0);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&text.as_bytes()[start..]);
    let headers = reader.headers().unwrap().clone();
    let index = headers.iter().position(|h| h == column).unwrap();
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(index).map(str::to_string))
        .filter(|v| !v.trim().is_empty())
        .collect()
}

#[test]
fn a_card_holds_none_of_the_forbidden_fields() {
    let sandbox = club();
    let (text, card) = write_card(&sandbox, "card.json", &[]);
    let owner = sample("01-jonas-nguyen");
    let emails = column(&owner.join("Connections.csv"), "Email Address");
    assert!(!emails.is_empty(), "the sample has e-mail addresses to look for");
    for email in &emails {
        assert!(!text.contains(email.as_str()), "{email} is on the card");
    }
    assert!(!text.contains('@'), "no e-mail address of any kind");
    // Message text: every body of the source export (the workspace keeps them: --keep-content).
    let bodies = column(&owner.join("messages.csv"), "CONTENT");
    let mut checked = 0;
    for body in bodies.iter().filter(|b| b.len() >= 12) {
        assert!(!text.contains(body.as_str()), "message text on the card: {body}");
        checked += 1;
    }
    assert!(checked > 100, "{checked} message bodies looked for");
    // Only the documented fields, and none of the counts or dates.
    let allowed = ["name", "url", "company", "position", "strength", "last_contact"];
    for contact in card["contacts"].as_array().unwrap() {
        for key in contact.as_object().unwrap().keys() {
            assert!(allowed.contains(&key.as_str()), "field {key}");
        }
        assert!(contact["last_contact"].is_null() || contact["last_contact"].is_i64());
    }
    assert_eq!(card["kith_card"], 1);
    assert_eq!(card["member"]["name"], "Jonas Nguyen");
    // The owner's own network only: the pooled member's 300 connections are not added.
    assert_eq!(card["contacts"].as_array().unwrap().len(), 300);
    let ewa = column(&sample("02-ewa-kowalski").join("Connections.csv"), "URL");
    let jonas = column(&owner.join("Connections.csv"), "URL");
    // (Jonas himself is Ewa's contact too: his URL is on the card as its member.)
    let member_url = card["member"]["url"].as_str().unwrap().to_string();
    let only_ewas: Vec<&String> = ewa.iter().filter(|u| !jonas.contains(u) && **u != member_url).collect();
    assert!(!only_ewas.is_empty());
    for url in only_ewas {
        assert!(!text.contains(url.as_str()), "{url} is Ewa's contact, not Jonas's");
    }
}

#[test]
fn company_min_strength_and_hide_names_filter_as_stated() {
    let sandbox = club();
    let (_, all) = write_card(&sandbox, "all.json", &[]);
    let all = all["contacts"].as_array().unwrap().clone();

    // --company: a target's aliases count.
    let (_, acme) = write_card(&sandbox, "acme.json", &["--company", "Acme Robotics"]);
    let acme = acme["contacts"].as_array().unwrap();
    let key = |c: &serde_json::Value| kith::resolve::company_key(c["company"].as_str().unwrap());
    let expected = all
        .iter()
        .filter(|c| key(c) == kith::resolve::company_key("Acme Robotics"))
        .count();
    assert!(expected > 0 && acme.len() == expected, "{} of {expected}", acme.len());
    let spellings: std::collections::BTreeSet<&str> = acme.iter().map(|c| c["company"].as_str().unwrap()).collect();
    assert!(
        spellings.contains("ACME Robotics Inc") && spellings.contains("Acme Robotics"),
        "{spellings:?}"
    );

    // --min-strength: weaker ties left out.
    let (_, warm) = write_card(&sandbox, "warm.json", &["--min-strength", "warm"]);
    let warm = warm["contacts"].as_array().unwrap();
    assert!(!warm.is_empty() && warm.len() < all.len());
    assert!(warm.iter().all(|c| c["strength"] == "warm" || c["strength"] == "close"));
    let strong = all.iter().filter(|c| c["strength"] != "known").count();
    assert_eq!(warm.len(), strong);

    // --hide-names: company, position and strength only; no name of the export anywhere.
    let (text, hidden) = write_card(&sandbox, "hidden.json", &["--hide-names"]);
    for contact in hidden["contacts"].as_array().unwrap() {
        assert!(
            contact.get("name").is_none() && contact.get("url").is_none(),
            "{contact}"
        );
    }
    for c in &all {
        let name = c["name"].as_str().unwrap();
        assert!(!text.contains(name), "{name} on a card with hidden names");
    }
    let shown = sandbox.ok(&["card", "show", sandbox.path("hidden.json").to_str().unwrap()]);
    assert!(shown.contains("No names: the club sees"), "{shown}");
}

#[test]
fn show_says_what_a_card_reveals() {
    let sandbox = club();
    write_card(&sandbox, "card.json", &["--min-strength", "close"]);
    let shown = sandbox.ok(&["card", "show", sandbox.path("card.json").to_str().unwrap()]);
    assert!(shown.starts_with("Jonas Nguyen's card"), "{shown}");
    assert!(shown.contains("0 warm, 0 known"), "{shown}");
    assert!(shown.contains("no e-mail addresses, messages"), "{shown}");
}

#[test]
fn malformed_and_hostile_cards_fail_cleanly() {
    let sandbox = Sandbox::new();
    let good = r#"{"kith_card": 1, "member": {"name": "Maria", "url": null}, "export_date": null,
        "written": "2026-11-05", "contacts": [{"company": "<script>alert(1)</script>", "position": "=cmd|' /C calc'!A0",
        "strength": "warm", "last_contact": null}]}"#;
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let huge = format!(
        r#"{{"kith_card": 1, "member": {{"name": "{}", "url": null}}}}"#,
        "x".repeat(33 * 1024 * 1024)
    );
    let cases: [(&str, &[u8], &str); 6] = [
        ("version.json", br#"{"kith_card": 7, "member": {"name": "M"}}"#, "format version 7"),
        ("none.json", b"[]", "no \"kith_card\""),
        ("text.json", b"\x00\xff garbage", "not JSON"),
        ("deep.json", deep.as_bytes(), "not JSON"),
        ("huge.json", huge.as_bytes(), "over the limit"),
        (
            "extra.json",
            br#"{"kith_card": 1, "member": {"name": "M", "url": null}, "export_date": null, "written": "2026-01-01", "contacts": [], "messages": []}"#,
            "not a valid kith card",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = sandbox.path(name);
        std::fs::write(&path, bytes).unwrap();
        let out = sandbox.kith(&["card", "show", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{name}: one line: {err}");
    }
    // Hostile text in a valid card is shown as text: no crash.
    let path = sandbox.path("good.json");
    std::fs::write(&path, good).unwrap();
    let shown = sandbox.ok(&["card", "show", path.to_str().unwrap()]);
    assert!(
        shown.contains("Maria's card") && shown.contains("1 contact at 1 company"),
        "{shown}"
    );
}

/// Jonas's workspace (his own export only) and a card written in Ewa's own workspace.
fn jonas_and_ewas_card(extra: &[&str], as_of: &str) -> (Sandbox, PathBuf) {
    let jonas = Sandbox::new();
    jonas.ok(&["import", sample("01-jonas-nguyen").to_str().unwrap()]);
    let ewa = Sandbox::new();
    ewa.ok(&["import", sample("02-ewa-kowalski").to_str().unwrap()]);
    let card = jonas.path(&format!("ewa-{as_of}-{}.json", extra.len()));
    let mut args = vec!["card", "write", "--out", card.to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    ewa.ok(&args);
    (jonas, card)
}

fn intro_json(sandbox: &Sandbox, args: &[&str]) -> Vec<serde_json::Value> {
    let mut full = vec!["intro"];
    full.extend_from_slice(args);
    full.extend(["--as-of", AS_OF, "--format", "json", "--top", "20"]);
    let out = sandbox.kith(&full);
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

#[test]
fn intro_reaches_a_named_contact_through_a_card() {
    let (jonas, card) = jonas_and_ewas_card(&["--min-strength", "warm"], "2026-11-01");
    let text = std::fs::read_to_string(&card).unwrap();
    let card_json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Someone on Ewa's card whom Jonas is not connected to.
    let jonas_urls = column(&sample("01-jonas-nguyen").join("Connections.csv"), "URL");
    let target = card_json["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["url"].as_str().is_some_and(|u| !jonas_urls.iter().any(|j| j == u)))
        .expect("a contact only Ewa knows")
        .clone();
    let url = target["url"].as_str().unwrap();
    assert!(
        intro_json(&jonas, &["--person", url]).is_empty(),
        "no path before the card"
    );
    let said = jonas.ok(&["card", "import", card.to_str().unwrap()]);
    assert!(said.starts_with("pooled Ewa Kowalski's card"), "{said}");
    let paths = intro_json(&jonas, &["--person", url]);
    assert!(!paths.is_empty(), "a path through Ewa's card");
    let hops = paths[0]["hops"].as_array().unwrap();
    assert_eq!(hops.last().unwrap()["from"]["name"], "Ewa Kowalski");
    let evidence = hops.last().unwrap()["evidence"].to_string();
    let strength = target["strength"].as_str().unwrap();
    assert!(
        evidence.contains(&format!("Ewa Kowalski's card: {strength}")),
        "{evidence}"
    );
    // The same card twice changes nothing; status shows Ewa apart from export members.
    let again = jonas.ok(&["card", "import", card.to_str().unwrap()]);
    assert!(again.contains("nothing changed"), "{again}");
    let status = jonas.ok(&["status"]);
    assert!(status.contains("card members     Ewa Kowalski"), "{status}");
    assert!(!status.contains("pooled members"), "{status}");
    // Withdrawn: the path is gone, and a second withdrawal finds nobody.
    let removed = jonas.ok(&["card", "remove", "Ewa Kowalski"]);
    assert!(removed.contains("withdrew Ewa Kowalski's card"), "{removed}");
    assert!(
        intro_json(&jonas, &["--person", url]).is_empty(),
        "no path after the card is withdrawn"
    );
    assert_eq!(jonas.kith(&["card", "remove", "Ewa Kowalski"]).status.code(), Some(1));
}

#[test]
fn a_hidden_name_reaches_the_company_not_a_person() {
    let (jonas, card) = jonas_and_ewas_card(&["--hide-names", "--company", "Initech"], "2026-11-01");
    jonas.ok(&["card", "import", card.to_str().unwrap()]);
    let paths = intro_json(&jonas, &["--company", "Initech"]);
    let hidden: Vec<&serde_json::Value> = paths.iter().filter(|p| p["target"]["hidden"] == true).collect();
    assert!(!hidden.is_empty(), "{paths:#?}");
    let name = hidden[0]["target"]["name"].as_str().unwrap();
    assert!(name.ends_with("at Initech (name kept private: ask Ewa)"), "{name}");
    assert!(hidden[0]["target"]["url"].is_null());
    assert!(
        hidden[0]["ask"].as_str().unwrap().contains("on their card"),
        "{}",
        hidden[0]["ask"]
    );
    let table = jonas.ok(&["intro", "--company", "Initech", "--as-of", AS_OF, "--top", "20"]);
    assert!(table.contains("(name kept private: ask Ewa)"), "{table}");
}

#[test]
fn a_newer_card_replaces_the_older_and_an_older_one_does_not() {
    let (jonas, older) = jonas_and_ewas_card(&["--min-strength", "close"], "2026-10-01");
    // (The second sandbox is kept until the card is copied out of it.)
    let (_other, newer) = jonas_and_ewas_card(&[], "2026-11-01");
    let newer_path = jonas.path("newer.json");
    std::fs::copy(&newer, &newer_path).unwrap();
    jonas.ok(&["card", "import", older.to_str().unwrap()]);
    let replaced = jonas.ok(&["card", "import", newer_path.to_str().unwrap()]);
    assert!(
        replaced.contains("replaced Ewa Kowalski's card (written 2026-10-01)"),
        "{replaced}"
    );
    let kept = jonas.ok(&["card", "import", older.to_str().unwrap()]);
    assert!(kept.contains("kept the newer"), "{kept}");
    let status = jonas.ok(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["card_members"][0]["written"], "2026-11-01");
}

#[test]
fn cards_of_the_owner_or_of_a_member_pooled_in_full_are_refused() {
    let sandbox = club();
    write_card(&sandbox, "own.json", &[]);
    let out = sandbox.kith(&["card", "import", sandbox.path("own.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the workspace owner"));
    // The owner's profile under another name is still the owner.
    let disguised = r#"{"kith_card": 1, "member": {"name": "Not Jonas", "url": "https://www.linkedin.com/in/jonas-nguyen-64b26"},
        "export_date": null, "written": "2026-11-02", "contacts": []}"#;
    let path = sandbox.path("disguised.json");
    std::fs::write(&path, disguised).unwrap();
    let out = sandbox.kith(&["card", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the workspace owner"));
    assert!(!sandbox.ok(&["status"]).contains("Not Jonas"), "nothing was pooled");
    let ewa = Sandbox::new();
    ewa.ok(&["import", sample("02-ewa-kowalski").to_str().unwrap()]);
    let card = sandbox.path("ewa.json");
    ewa.ok(&["card", "write", "--out", card.to_str().unwrap(), "--as-of", AS_OF]);
    let out = sandbox.kith(&["card", "import", card.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pooled with their whole export already") && err.contains("ewa.json"),
        "{err}"
    );
}

#[test]
fn hostile_text_on_a_card_is_defused_and_escaped_where_it_is_shown() {
    let jonas = Sandbox::new();
    jonas.ok(&["import", sample("01-jonas-nguyen").to_str().unwrap()]);
    // Ewa is one of Jonas's connections: her card's contacts are reachable through her.
    let card = r#"{"kith_card": 1, "member": {"name": "Ewa Kowalski", "url": "https://www.linkedin.com/in/ewa-kowalski-3d453"},
        "export_date": "2026-10-01", "written": "2026-10-02", "contacts": [
        {"name": "=HYPERLINK(\"http://x\") <b>Club</b>", "url": null, "company": "Initech", "position": "<script>alert(1)</script>",
         "strength": "close", "last_contact": 2026}]}"#;
    let path = jonas.path("hostile.json");
    std::fs::write(&path, card).unwrap();
    jonas.ok(&["card", "import", path.to_str().unwrap()]);
    let csv = jonas.ok(&[
        "intro",
        "--company",
        "Initech",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        "--top",
        "50",
    ]);
    assert!(csv.contains("HYPERLINK"), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            assert!(!cell.starts_with('='), "a formula in the CSV: {line}");
        }
    }
    let report = jonas.path("report");
    jonas.ok(&["targets", "add", "Initech"]);
    jonas.ok(&["report", "--out", report.to_str().unwrap(), "--as-of", AS_OF]);
    let html = std::fs::read_to_string(report.join("index.html")).unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("<b>Club"),
        "raw markup leaked"
    );
}

fn people_count(sandbox: &Sandbox) -> i64 {
    let status: serde_json::Value = serde_json::from_str(&sandbox.ok(&["status", "--format", "json"])).unwrap();
    status["people"].as_i64().unwrap()
}

#[test]
fn a_member_is_their_profile_and_leaves_nothing_behind() {
    let (jonas, card) = jonas_and_ewas_card(&[], "2026-11-01");
    let before = people_count(&jonas);
    jonas.ok(&["card", "import", card.to_str().unwrap()]);
    assert!(people_count(&jonas) > before, "the card's contacts are new people");
    // The same profile under another name is the same member: the card is replaced, not
    // pooled beside.
    let text = std::fs::read_to_string(&card)
        .unwrap()
        .replace("\"Ewa Kowalski\"", "\"Ewa K.\"");
    let renamed = jonas.path("renamed.json");
    std::fs::write(&renamed, text).unwrap();
    let said = jonas.ok(&["card", "import", renamed.to_str().unwrap()]);
    assert!(said.starts_with("replaced"), "{said}");
    let status: serde_json::Value = serde_json::from_str(&jonas.ok(&["status", "--format", "json"])).unwrap();
    assert_eq!(status["card_members"].as_array().unwrap().len(), 1, "{status}");
    // A namesake with another profile is someone else.
    let impostor = std::fs::read_to_string(&renamed)
        .unwrap()
        .replace("ewa-kowalski-3d453", "someone-else-123");
    let path = jonas.path("impostor.json");
    std::fs::write(&path, impostor).unwrap();
    let out = jonas.kith(&["card", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is someone else"));
    // Withdrawn: the people only the card knew leave with it.
    jonas.ok(&["card", "remove", "https://www.linkedin.com/in/ewa-kowalski-3d453"]);
    assert_eq!(people_count(&jonas), before);
}

#[test]
fn a_whole_export_supersedes_a_card() {
    let (jonas, card) = jonas_and_ewas_card(&[], "2026-11-01");
    jonas.ok(&["card", "import", card.to_str().unwrap()]);
    jonas.ok(&[
        "import",
        sample("02-ewa-kowalski").to_str().unwrap(),
        "--member",
        "Ewa Kowalski",
    ]);
    let status: serde_json::Value = serde_json::from_str(&jonas.ok(&["status", "--format", "json"])).unwrap();
    assert!(status.get("card_members").is_none(), "{status}");
    assert_eq!(status["members"][0]["name"], "Ewa Kowalski");
    assert_eq!(jonas.kith(&["card", "remove", "Ewa Kowalski"]).status.code(), Some(1));
}

#[test]
fn hidden_contacts_export_as_plain_ids() {
    let (jonas, card) = jonas_and_ewas_card(&["--hide-names", "--company", "Initech"], "2026-11-01");
    jonas.ok(&["card", "import", card.to_str().unwrap()]);
    let dot = jonas.ok(&["export", "--to", "dot", "--as-of", AS_OF]);
    assert!(
        dot.contains("h1 ") || dot.contains("h1;") || dot.contains("h1 ["),
        "{}",
        &dot[..dot.len().min(500)]
    );
    assert!(!dot.contains("p-1"));
}

#[test]
fn your_own_export_after_your_card_replaces_it() {
    // Ewa's card pooled in a fresh workspace, then Ewa imports her own export there: the
    // card member was her all along, and her export takes the card's place.
    let sandbox = Sandbox::new();
    let ewa = Sandbox::new();
    ewa.ok(&["import", sample("02-ewa-kowalski").to_str().unwrap()]);
    let card = sandbox.path("ewa.json");
    ewa.ok(&["card", "write", "--out", card.to_str().unwrap(), "--as-of", AS_OF]);
    sandbox.ok(&["card", "import", card.to_str().unwrap()]);
    sandbox.ok(&["import", sample("02-ewa-kowalski").to_str().unwrap()]);
    let status: serde_json::Value = serde_json::from_str(&sandbox.ok(&["status", "--format", "json"])).unwrap();
    assert_eq!(status["owner"]["name"], "Ewa Kowalski");
    assert!(status.get("card_members").is_none(), "{status}");
    let paths = intro_json(&sandbox, &["--company", "Initech"]);
    assert!(paths.iter().all(|p| p["target"]["hidden"] != true));
}

#[test]
fn a_card_given_to_import_points_to_card_import() {
    let sandbox = club();
    write_card(&sandbox, "mine.json", &[]);
    let other = Sandbox::new();
    let out = other.kith(&["import", sandbox.path("mine.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a club card") && err.contains("kith card import"), "{err}");
    assert!(!other.db().exists(), "no workspace was created");
}

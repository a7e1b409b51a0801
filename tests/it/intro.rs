//! Planted-truth tests of `kith intro`, `kith targets` and `kith export` on a hand-made pool.

use crate::common::*;
use serde_json::Value;

/// Near Ana's newest export (her last message is of 2 October 2026), and months after it.
const AS_OF: &str = "2026-11-15";
const LATER: &str = "2027-09-01";

near_and_later!(
    warm_direct_contact_ranks_above_cold_one_and_suffixes_match,
    substrings_do_not_match_and_suggestions_exit_1,
    a_pooled_member_opens_a_two_hop_path_without_leaking_private_data,
    every_hop_has_evidence_and_paths_are_ordered,
    person_queries_and_unreachable_people,
    targets_with_aliases_drive_company_matching,
    table_output_fits_100_columns_and_marks_the_weakest_hop,
);

fn messages_header() -> String {
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
        .to_string()
}

fn line(conv: &str, from: (&str, &str), to: &[(&str, &str)], date: &str) -> String {
    let names: Vec<&str> = to.iter().map(|t| t.0).collect();
    let urls: Vec<String> = to
        .iter()
        .map(|t| format!("https://www.linkedin.com/in/{}", t.1))
        .collect();
    format!(
        "{conv},,{},https://www.linkedin.com/in/{},\"{}\",\"{}\",{date} 10:00:00 UTC,,hello,INBOX\n",
        from.0,
        from.1,
        names.join(","),
        urls.join(",")
    )
}

/// Ana (owner) knows Wendy well and Carl barely, both at Acme Robotics under two spellings;
/// Mike works at Metadata Inc; Bob and Gina were in a group conversation with Ana; Maria is a
/// pooled member who knows Ian at Initech (whom Ana does not know).
fn pool() -> Sandbox {
    let sandbox = Sandbox::new();
    let ana = ("Ana Owner", "ana-owner");
    let wendy = ("Wendy Warm", "wendy");
    let carl = ("Carl Cold", "carl");
    let bob = ("Bob Bridge", "bob");
    let gina = ("Gina Group", "gina");
    let maria = ("Maria Garcia", "maria-garcia");
    let ian = ("Ian Wu", "ian-wu");
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Wendy,Warm,https://www.linkedin.com/in/wendy,,\"Acme Robotics, Inc.\",Engineering Manager,04 Jul 2019\n\
Carl,Cold,https://www.linkedin.com/in/carl,,ACME Robotics Inc,Recruiter,04 Jul 2025\n\
Mike,Meta,https://www.linkedin.com/in/mike,,Metadata Inc,Analyst,04 Jul 2020\n\
Bob,Bridge,https://www.linkedin.com/in/bob,,Globex,Engineer,04 Jul 2020\n\
Maria,Garcia,https://www.linkedin.com/in/maria-garcia,,Hooli,Designer,04 Jul 2021\n\
\"=HYPERLINK(\"\"http://x\"\")\",<script>alert(1)</script>,https://www.linkedin.com/in/hostile,,Acmeville Foods,Chef,04 Jul 2021\n"
    );
    let mut messages = messages_header();
    for i in 0..12 {
        let date = format!("2026-{:02}-{:02}", 1 + i % 10, 1 + i);
        if i % 2 == 0 {
            messages.push_str(&line("w1", ana, &[wendy], &date));
        } else {
            messages.push_str(&line("w1", wendy, &[ana], &date));
        }
    }
    messages.push_str(&line("c1", ana, &[carl], "2026-09-01"));
    messages.push_str(&line("g1", bob, &[ana, gina], "2026-05-01"));
    messages.push_str(&line("g1", gina, &[ana, bob], "2026-05-02"));
    messages.push_str(&line("m1", ana, &[maria], "2026-10-01"));
    messages.push_str(&line("m1", maria, &[ana], "2026-10-02"));
    let owner = sandbox.folder(
        "ana",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("messages.csv", messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", owner.to_str().unwrap()]);

    let maria_connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Ian,Wu,https://www.linkedin.com/in/ian-wu,ian@private.example,Initech,Recruiter,01 Mar 2022\n\
Ana,Owner,https://www.linkedin.com/in/ana-owner,,Acme,Engineer,04 Jul 2021\n"
    );
    let mut maria_messages = messages_header();
    for i in 0..24 {
        let date = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i);
        if i % 2 == 0 {
            maria_messages.push_str(&line("i1", maria, &[ian], &date));
        } else {
            maria_messages.push_str(&line("i1", ian, &[maria], &date));
        }
    }
    let member = sandbox.folder(
        "maria",
        &[
            (
                "Profile.csv",
                b"First Name,Last Name,Headline\nMaria,Garcia,Designer\n".as_slice(),
            ),
            ("Connections.csv", maria_connections.as_bytes()),
            ("messages.csv", maria_messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", "--member", "Maria Garcia", member.to_str().unwrap()]);
    sandbox
}

fn intro_json(sandbox: &Sandbox, as_of: &str, args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec!["intro", "--format", "json", "--as-of", as_of];
    all.extend_from_slice(args);
    let out = sandbox.kith(&all);
    let value = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
    (out.status.code(), value, stderr(&out))
}

fn warm_direct_contact_ranks_above_cold_one_and_suffixes_match(as_of: &str) {
    let sandbox = pool();
    let (code, paths, err) = intro_json(&sandbox, as_of, &["--company", "Acme Robotics"]);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<&str> = paths
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["target"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..2], &["Wendy Warm", "Carl Cold"], "{paths:#}");
    // Substrings never match: Acmeville Foods is not Acme Robotics.
    assert!(!names.iter().any(|n| n.contains("script")));
    let first = &paths[0];
    assert_eq!(first["target"]["company"], "Acme Robotics, Inc.");
    assert_eq!(first["hops"].as_array().unwrap().len(), 1);
    assert!(first["probability"].as_f64().unwrap() > paths[1]["probability"].as_f64().unwrap());
    assert!(first["ask"].as_str().unwrap().contains("perspective"));
    let mut keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec!["ask", "hops", "probability", "target"]);
}

fn substrings_do_not_match_and_suggestions_exit_1(as_of: &str) {
    let sandbox = pool();
    let (code, paths, err) = intro_json(&sandbox, as_of, &["--company", "Meta"]);
    assert_eq!(code, Some(1), "Meta must not match Metadata Inc: {paths}");
    assert!(err.contains("no one in your network works at that company"), "{err}");
    let (code, _, err) = intro_json(&sandbox, as_of, &["--company", "Acme Robotcs"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("did you mean") && err.contains("Acme Robotics"), "{err}");
}

fn a_pooled_member_opens_a_two_hop_path_without_leaking_private_data(as_of: &str) {
    let sandbox = pool();
    let (code, paths, err) = intro_json(&sandbox, as_of, &["--company", "Initech"]);
    assert_eq!(code, Some(0), "{err}");
    let path = &paths[0];
    assert_eq!(path["target"]["name"], "Ian Wu");
    let hops = path["hops"].as_array().unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(hops[0]["to"]["name"], "Maria Garcia");
    let product: f64 = hops.iter().map(|h| h["strength"].as_f64().unwrap()).product();
    assert!((product - path["probability"].as_f64().unwrap()).abs() < 1e-9);
    let evidence = hops[1]["evidence"].to_string();
    assert!(
        evidence.contains("Maria Garcia and Ian Wu exchanged 24 messages"),
        "{evidence}"
    );
    let everything = paths.to_string();
    assert!(
        !everything.contains("private.example") && !everything.contains("hello"),
        "{everything}"
    );
    assert!(path["ask"].as_str().unwrap().contains("introduce"));
}

fn every_hop_has_evidence_and_paths_are_ordered(as_of: &str) {
    let sandbox = pool();
    for company in ["Acme Robotics", "Initech", "Globex", "Hooli"] {
        let (code, paths, err) = intro_json(&sandbox, as_of, &["--company", company, "--top", "20"]);
        assert_eq!(code, Some(0), "{company}: {err}");
        let list = paths.as_array().unwrap();
        let probabilities: Vec<f64> = list.iter().map(|p| p["probability"].as_f64().unwrap()).collect();
        assert!(probabilities.windows(2).all(|w| w[0] >= w[1]), "{probabilities:?}");
        for path in list {
            for hop in path["hops"].as_array().unwrap() {
                assert!(!hop["evidence"].as_array().unwrap().is_empty(), "{hop}");
                let s = hop["strength"].as_f64().unwrap();
                assert!(s > 0.0 && s <= 1.0);
            }
        }
    }
}

fn person_queries_and_unreachable_people(as_of: &str) {
    let sandbox = pool();
    let (code, paths, _) = intro_json(&sandbox, as_of, &["--person", "https://www.linkedin.com/in/ian-wu/"]);
    assert_eq!(code, Some(0));
    assert_eq!(paths[0]["target"]["name"], "Ian Wu");
    let (code, _, err) = intro_json(&sandbox, as_of, &["--person", "Ian Wu", "--max-hops", "1"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no chain of people you know reaches"), "{err}");
    let (code, _, err) = intro_json(&sandbox, as_of, &["--person", "Ian Wo"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("did you mean \"Ian Wu\""), "{err}");
}

fn targets_with_aliases_drive_company_matching(as_of: &str) {
    let sandbox = pool();
    sandbox.ok(&["targets", "add", "Acme Robotics", "--alias", "AR"]);
    let list = sandbox.ok(&["targets", "list", "--format", "json"]);
    assert!(list.contains("\"AR\""), "{list}");
    let (code, paths, _) = intro_json(&sandbox, as_of, &["--company", "AR"]);
    assert_eq!(code, Some(0));
    assert_eq!(paths[0]["target"]["name"], "Wendy Warm");
    sandbox.ok(&["targets", "remove", "AR"]);
    assert_eq!(sandbox.kith(&["targets", "remove", "AR"]).status.code(), Some(1));
}

fn table_output_fits_100_columns_and_marks_the_weakest_hop(as_of: &str) {
    let sandbox = pool();
    let out = sandbox.ok(&["intro", "--company", "Initech", "--as-of", as_of]);
    assert!(out.contains("← weakest link"), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
}

#[test]
fn a_group_conversation_links_two_contacts_and_exports_are_safe() {
    let sandbox = pool();
    let csv_text = sandbox.ok(&["export", "--to", "csv", "--as-of", AS_OF]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let inferred = rows
        .iter()
        .find(|r| {
            let pair = [&r[1], &r[6]];
            pair.contains(&"Bob Bridge") && pair.contains(&"Gina Group")
        })
        .expect("Bob and Gina are linked");
    assert_eq!(&inferred[12], "true");
    // Formula cells are defused; no e-mail address anywhere.
    assert!(csv_text.contains("'=HYPERLINK"), "{csv_text}");
    assert!(!csv_text.contains("private.example"));
    let graphml = sandbox.ok(&["export", "--to", "graphml", "--as-of", AS_OF]);
    assert!(graphml.contains("&lt;script&gt;") && !graphml.contains("<script>"));
    let dot = sandbox.ok(&["export", "--to", "dot", "--as-of", AS_OF]);
    assert!(dot.starts_with("graph kith {"));
    let gexf = sandbox.ok(&["export", "--to", "gexf", "--as-of", AS_OF]);
    assert!(gexf.contains("<gexf") && !gexf.contains("<script>"));
    let parquet = sandbox.path("graph.parquet");
    sandbox.ok(&[
        "export",
        "--to",
        "parquet",
        "--out",
        parquet.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    assert_eq!(sandbox.kith(&["export", "--to", "parquet"]).status.code(), Some(2));
}

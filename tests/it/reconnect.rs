//! Planted-truth tests of `kith reconnect`, `kith log`, `kith followups`, `kith mute` and
//! `kith plan`.

use crate::common::*;
use serde_json::Value;

/// Near the newest export (of 10 November 2026), and seven months after it: every planted
/// truth holds at both, because silence is measured up to the export.
const AS_OF: &str = "2026-11-15";
const LATER: &str = "2027-06-15";

near_and_later!(
    dormant_friend_ranks_high_and_active_friend_never_appears,
    one_way_cold_contact_ranks_below_the_dormant_friend,
    a_job_change_between_exports_becomes_a_reason_and_an_opener,
    logging_contact_and_muting_remove_a_person,
    followups_nudges_and_thank_yous,
    five_drafts_differ_and_never_ask_for_a_job,
    plan_puts_followups_first,
    leaning_on_a_connector_is_said_and_ranked,
);

/// `days` before `as_of`, as `YYYY-MM-DD`.
fn before(as_of: &str, days: i64) -> String {
    let day = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("date");
    (day - chrono::Duration::days(days)).to_string()
}

fn msg(conv: &str, from: (&str, &str), to: (&str, &str), date: &str, text: &str) -> String {
    format!(
        "{conv},,{},https://www.linkedin.com/in/{},{},https://www.linkedin.com/in/{},{date} 10:00:00 UTC,,\"{text}\",INBOX\n",
        from.0, from.1, to.0, to.1
    )
}

/// A thread of `n` messages over `years` from `start_year`; every other one answered when
/// `two_way`.
fn thread(
    out: &mut String,
    conv: &str,
    me: (&str, &str),
    them: (&str, &str),
    n: usize,
    span: (i32, i32),
    two_way: bool,
) {
    let (start_year, years) = span;
    for i in 0..n {
        let year = start_year + (i as i32 * years.max(1)) / n as i32;
        let date = format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 27);
        if two_way && i % 2 == 1 {
            out.push_str(&msg(conv, them, me, &date, "good to hear from you"));
        } else {
            out.push_str(&msg(conv, me, them, &date, "hello there"));
        }
    }
}

fn connections(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut text = format!("{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for (first, last, slug, company) in rows {
        text.push_str(&format!(
            "{first},{last},https://www.linkedin.com/in/{slug},,{company},Engineer,04 Jul 2019\n"
        ));
    }
    text
}

/// Ana's network with planted truths (see each name).
fn network() -> Sandbox {
    let sandbox = Sandbox::new();
    let me = ("Ana Owner", "ana-owner");
    let people = [
        ("Dora", "Dormant", "dora", "Globex"),
        ("Andy", "Active", "andy", "Globex"),
        ("Oscar", "Oneway", "oscar", "Globex"),
        ("Lena", "Logged", "lena", "Initech"),
        ("Jack", "Mover", "jack", "Hooli"),
        ("Ivan", "Intro", "ivan", "Hooli"),
        ("Alice", "Asked", "alice", "Hooli"),
        ("Cara", "Cold", "cara", "Hooli"),
        ("Ben", "Buddy", "ben", "Umbrella"),
        ("Mia", "Mate", "mia", "Umbrella"),
    ];
    let mut messages = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n".to_string();
    thread(&mut messages, "dora", me, ("Dora Dormant", "dora"), 40, (2021, 2), true);
    thread(&mut messages, "andy", me, ("Andy Active", "andy"), 30, (2024, 2), true);
    messages.push_str(&msg("andy", ("Andy Active", "andy"), me, "2026-11-10", "see you soon"));
    thread(
        &mut messages,
        "oscar",
        me,
        ("Oscar Oneway", "oscar"),
        5,
        (2022, 1),
        false,
    );
    thread(&mut messages, "lena", me, ("Lena Logged", "lena"), 20, (2020, 2), true);
    thread(&mut messages, "jack", me, ("Jack Mover", "jack"), 16, (2022, 1), true);
    thread(&mut messages, "ben", me, ("Ben Buddy", "ben"), 12, (2019, 3), true);
    thread(&mut messages, "mia", me, ("Mia Mate", "mia"), 10, (2018, 2), true);
    let recommendations = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nDora,Dormant,Globex,Engineer,\"Ana is great.\",\"04/15/22, 09:25 PM\",VISIBLE\n";
    let old = connections(&people);
    let first = sandbox.zip(
        "Basic_LinkedInDataExport_01-10-2025.zip",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", old.as_bytes()),
            ("messages.csv", messages.as_bytes()),
            ("Recommendations_Received.csv", recommendations.as_bytes()),
        ],
    );
    sandbox.ok(&["import", first.to_str().unwrap()]);
    // The newer export: Jack moved from Hooli to Initech.
    let moved: Vec<(&str, &str, &str, &str)> = people
        .iter()
        .map(|p| if p.2 == "jack" { (p.0, p.1, p.2, "Initech") } else { *p })
        .collect();
    let new = connections(&moved);
    let second = sandbox.zip(
        "Basic_LinkedInDataExport_11-10-2026.zip",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", new.as_bytes()),
            ("messages.csv", messages.as_bytes()),
            ("Recommendations_Received.csv", recommendations.as_bytes()),
        ],
    );
    sandbox.ok(&["import", second.to_str().unwrap()]);
    sandbox
}

fn reconnect(sandbox: &Sandbox, as_of: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["reconnect", "--format", "json", "--as-of", as_of];
    args.extend_from_slice(extra);
    let out = sandbox.kith(&args);
    serde_json::from_str::<Value>(&stdout(&out))
        .unwrap_or(Value::Null)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn names(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|e| e["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn dormant_friend_ranks_high_and_active_friend_never_appears(as_of: &str) {
    let sandbox = network();
    let list = reconnect(&sandbox, as_of, &["--limit", "10"]);
    let found = names(&list);
    let dora = found.iter().position(|n| n == "Dora Dormant").expect("Dora is listed");
    assert!(dora < 5, "{found:?}");
    assert!(!found.contains(&"Andy Active".to_string()), "{found:?}");
    assert!(
        !found.contains(&"Cara Cold".to_string()),
        "cold only with --include-cold: {found:?}"
    );
    assert!(
        !found.contains(&"Oscar Oneway".to_string()),
        "a one-way thread is not a dormant friendship: {found:?}"
    );
    let entry = &list[dora];
    let mut keys: Vec<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "company",
            "draft",
            "last_contact",
            "name",
            "position",
            "reasons",
            "score",
            "url"
        ]
    );
    let reasons = entry["reasons"].to_string();
    assert!(
        reasons.contains("40 messages both ways")
            && reasons.contains("recommended you")
            && reasons.contains("quiet for"),
        "{reasons}"
    );
    // Default limit is 5.
    assert!(reconnect(&sandbox, as_of, &[]).len() <= 5);
}

fn one_way_cold_contact_ranks_below_the_dormant_friend(as_of: &str) {
    let sandbox = network();
    let found = names(&reconnect(&sandbox, as_of, &["--limit", "20", "--include-cold"]));
    let dora = found.iter().position(|n| n == "Dora Dormant").unwrap();
    let oscar = found
        .iter()
        .position(|n| n == "Oscar Oneway")
        .expect("listed with --include-cold");
    let cara = found
        .iter()
        .position(|n| n == "Cara Cold")
        .expect("listed with --include-cold");
    assert!(dora < oscar && dora < cara, "{found:?}");
}

fn a_job_change_between_exports_becomes_a_reason_and_an_opener(as_of: &str) {
    let sandbox = network();
    let list = reconnect(&sandbox, as_of, &["--limit", "10"]);
    let jack = list.iter().find(|e| e["name"] == "Jack Mover").expect("Jack is listed");
    assert!(
        jack["reasons"]
            .to_string()
            .contains("moved from Hooli to Initech since you last talked"),
        "{jack}"
    );
    assert!(jack["draft"].as_str().unwrap().contains("congratulations"), "{jack}");
}

fn logging_contact_and_muting_remove_a_person(as_of: &str) {
    let sandbox = network();
    assert!(names(&reconnect(&sandbox, as_of, &["--limit", "10"])).contains(&"Lena Logged".to_string()));
    sandbox.ok(&[
        "log",
        "Lena Logged",
        "--date",
        &before(as_of, 5),
        "--channel",
        "coffee",
        "--outcome",
        "replied",
        "--as-of",
        as_of,
    ]);
    assert!(!names(&reconnect(&sandbox, as_of, &["--limit", "10"])).contains(&"Lena Logged".to_string()));
    let history = sandbox.ok(&["log", "--list", "Lena Logged", "--format", "json"]);
    assert!(history.contains("coffee"), "{history}");
    // The ledger as it stood before the entry: empty.
    let earlier = sandbox.kith(&[
        "log",
        "--list",
        "Lena Logged",
        "--format",
        "json",
        "--as-of",
        &before(as_of, 6),
    ]);
    assert!(!String::from_utf8_lossy(&earlier.stdout).contains("coffee"));
    assert!(names(&reconnect(&sandbox, as_of, &["--limit", "10"])).contains(&"Ben Buddy".to_string()));
    sandbox.ok(&["mute", "https://www.linkedin.com/in/ben"]);
    assert!(!names(&reconnect(&sandbox, as_of, &["--limit", "10"])).contains(&"Ben Buddy".to_string()));
    sandbox.ok(&["unmute", "Ben Buddy"]);
    assert!(names(&reconnect(&sandbox, as_of, &["--limit", "10"])).contains(&"Ben Buddy".to_string()));
}

#[test]
fn ambiguous_and_unknown_names_exit_2() {
    let sandbox = network();
    let out = sandbox.kith(&["log", "Nobody Here"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = sandbox.folder(
        "more",
        &[(
            "Connections.csv",
            connections(&[("Dora", "Dormant", "dora-2", "Initech")]).as_bytes(),
        )],
    );
    sandbox.ok(&["import", "--member", "Friend", dir.to_str().unwrap()]);
    let out = sandbox.kith(&["log", "Dora Dormant"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("2 people have that name") && err.contains("dora-2"),
        "{err}"
    );
}

fn followups_nudges_and_thank_yous(as_of: &str) {
    let sandbox = network();
    sandbox.ok(&[
        "log",
        "Ivan Intro",
        "--date",
        &before(as_of, 14),
        "--outcome",
        "introduced",
        "--note",
        "to Hooli's CTO",
        "--as-of",
        as_of,
    ]);
    let (two_weeks, three_days) = (before(as_of, 14), before(as_of, 3));
    sandbox.ok(&[
        "log",
        "Alice Asked",
        "--date",
        &two_weeks,
        "--outcome",
        "asked",
        "--as-of",
        as_of,
    ]);
    sandbox.ok(&[
        "log",
        "Mia Mate",
        "--date",
        &three_days,
        "--outcome",
        "asked",
        "--as-of",
        as_of,
    ]);
    let text = sandbox.ok(&["followups", "--as-of", as_of, "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    let kinds: Vec<(String, String)> = list
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(kinds.contains(&("Ivan Intro".into(), "thank".into())), "{kinds:?}");
    assert!(kinds.contains(&("Alice Asked".into(), "nudge".into())), "{kinds:?}");
    assert!(
        !kinds.iter().any(|(n, _)| n == "Mia Mate"),
        "asked three days ago: not yet: {kinds:?}"
    );
    let mut keys: Vec<&str> = list[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec!["kind", "name", "note", "since", "url"]);
    let yesterday = before(as_of, 1);
    sandbox.ok(&[
        "log",
        "Ivan Intro",
        "--date",
        &yesterday,
        "--outcome",
        "thanked",
        "--as-of",
        as_of,
    ]);
    let text = sandbox.ok(&["followups", "--as-of", as_of, "--format", "json"]);
    assert!(!text.contains("Ivan Intro"), "{text}");
}

fn five_drafts_differ_and_never_ask_for_a_job(as_of: &str) {
    let sandbox = network();
    for goal in ["advice", "perspective", "feedback", "referral"] {
        let list = reconnect(&sandbox, as_of, &["--limit", "5", "--goal", goal]);
        assert_eq!(list.len(), 5, "{goal}");
        let drafts: Vec<String> = list.iter().map(|e| e["draft"].as_str().unwrap().to_string()).collect();
        let mut unique = drafts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5, "{drafts:#?}");
        // Not just the names: the bodies differ too.
        let bodies: std::collections::HashSet<String> = drafts
            .iter()
            .map(|d| d.split_once(',').map_or(d.as_str(), |x| x.1).to_string())
            .collect();
        assert!(bodies.len() >= 4, "{drafts:#?}");
        for d in &drafts {
            let lower = d.to_lowercase();
            for banned in [
                "any jobs",
                "job openings",
                "are you hiring",
                "hire me",
                "open positions",
                "for a job",
                "give me a job",
            ] {
                assert!(!lower.contains(banned), "{goal}: {d}");
            }
        }
    }
}

fn plan_puts_followups_first(as_of: &str) {
    let sandbox = network();
    sandbox.ok(&["targets", "add", "Initech"]);
    let two_weeks = before(as_of, 14);
    sandbox.ok(&[
        "log",
        "Ivan Intro",
        "--date",
        &two_weeks,
        "--outcome",
        "introduced",
        "--as-of",
        as_of,
    ]);
    let text = sandbox.ok(&["plan", "--as-of", as_of, "--format", "json", "--per-week", "4"]);
    let steps: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(steps.len(), 4, "{text}");
    assert_eq!(steps[0]["kind"], "thank");
    assert!(steps.iter().any(|s| s["kind"] == "reconnect"), "{text}");
    assert!(steps.iter().any(|s| s["kind"] == "intro"), "{text}");
    let table = sandbox.ok(&["plan", "--as-of", as_of]);
    assert!(table.contains("This week"), "{table}");
}

fn leaning_on_a_connector_is_said_and_ranked(as_of: &str) {
    // The same contact logged as a reply in one workspace and as an ask in the other: the
    // ask lowers the chance that leaning on them again works, and the path says why.
    let lena = |outcome: &str| -> Value {
        let sandbox = network();
        sandbox.ok(&["targets", "add", "Initech"]);
        let date = before(as_of, 5);
        sandbox.ok(&[
            "log",
            "Lena Logged",
            "--date",
            &date,
            "--outcome",
            outcome,
            "--as-of",
            as_of,
        ]);
        let text = sandbox.ok(&["intro", "--company", "Initech", "--as-of", as_of, "--format", "json"]);
        let paths: Vec<Value> = serde_json::from_str(&text).unwrap();
        paths
            .into_iter()
            .find(|p| p["target"]["name"] == "Lena Logged")
            .unwrap()
    };
    let (replied, asked) = (lena("replied"), lena("asked"));
    assert!(
        asked["probability"].as_f64().unwrap() < replied["probability"].as_f64().unwrap(),
        "{asked} vs {replied}"
    );
    let day = chrono::NaiveDate::parse_from_str(&before(as_of, 5), "%Y-%m-%d").unwrap();
    assert_eq!(
        asked["hops"][0]["evidence"][0].as_str().unwrap(),
        format!(
            "you asked Lena for help on {}: give Lena room for 30 days, or ask someone else",
            kith::words::short_date(day)
        ),
        "{asked}"
    );
    assert!(
        !replied["hops"][0]["evidence"].to_string().contains("you asked"),
        "{replied}"
    );
}

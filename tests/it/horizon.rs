//! The export is a snapshot, not the present: silence and warmth are measured up to the
//! observation horizon (the member's newest export), the months after it are unknown, and the
//! ledger keeps counting. Also the dates kith reads and writes, and what the ledger does to
//! intro paths.

use crate::common::*;
use serde_json::Value;

/// The export's date (from the archive name) and a day seven months later.
const EXPORT: &str = "2026-04-06";
const NEAR: &str = "2026-04-10";
const LATER: &str = "2026-11-06";

/// `n` messages, alternating direction, one every `every` days, ending on `last`.
fn thread(out: &mut String, them: (&str, &str), n: i64, every: i64, last: &str) {
    let me = ("Ana Owner", "ana-owner");
    let end = chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d").unwrap();
    for i in 0..n {
        let day = (end - chrono::Duration::days((n - 1 - i) * every)).to_string();
        if i % 2 == 0 {
            out.push_str(&message_row(them.1, me, them, &day));
        } else {
            out.push_str(&message_row(them.1, them, me, &day));
        }
    }
}

/// Ana's export of 6 April 2026: two very active friends (messaging until a week before the
/// export), a dormant friend, a one-way thread, and a long connection for calendar words.
fn snapshot() -> Sandbox {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Fran,Friend,https://www.linkedin.com/in/fran,,Globex,Engineer,08 Nov 2017\n\
Gus,Good,https://www.linkedin.com/in/gus,,Globex,Designer,10 Jan 2019\n\
Dora,Dormant,https://www.linkedin.com/in/dora,,Globex,Manager,04 Jul 2018\n\
Oscar,Oneway,https://www.linkedin.com/in/oscar,,Umbrella,Analyst,04 Jul 2021\n\
Nina,New,https://www.linkedin.com/in/nina,,Initech,Engineer,01 Apr 2026\n"
    );
    let mut messages =
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            .to_string();
    thread(&mut messages, ("Fran Friend", "fran"), 80, 7, "2026-03-30");
    thread(&mut messages, ("Gus Good", "gus"), 60, 9, "2026-03-28");
    thread(&mut messages, ("Dora Dormant", "dora"), 30, 20, "2022-03-14");
    // Six messages from Ana to Oscar, never answered.
    for i in 0..6 {
        let me = ("Ana Owner", "ana-owner");
        messages.push_str(&message_row(
            "oscar",
            me,
            ("Oscar Oneway", "oscar"),
            &format!("2022-0{}-10", i + 1),
        ));
    }
    let zip = sandbox.zip(
        "Complete_LinkedInDataExport_04-06-2026.zip",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("messages.csv", messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", zip.to_str().unwrap()]);
    sandbox
}

fn names(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|e| e["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn active_friends_are_never_dormant_months_after_the_export() {
    let sandbox = snapshot();
    for as_of in [NEAR, LATER, "2028-01-01"] {
        let list = json_list(
            &sandbox,
            &["reconnect", "--format", "json", "--limit", "20", "--as-of", as_of],
        );
        let found = names(&list);
        assert!(!found.contains(&"Fran Friend".to_string()), "{as_of}: {found:?}");
        assert!(!found.contains(&"Gus Good".to_string()), "{as_of}: {found:?}");
        assert_eq!(
            found.first().map(String::as_str),
            Some("Dora Dormant"),
            "{as_of}: {found:?}"
        );
        let plan = sandbox.ok(&["plan", "--format", "json", "--as-of", as_of]);
        assert!(
            !plan.contains("Fran Friend") && !plan.contains("Gus Good"),
            "{as_of}: {plan}"
        );
    }
}

#[test]
fn silence_says_what_the_export_knows() {
    let sandbox = snapshot();
    let list = json_list(&sandbox, &["reconnect", "--format", "json", "--as-of", LATER]);
    let dora = list
        .iter()
        .find(|e| e["name"] == "Dora Dormant")
        .expect("Dora is listed");
    let reasons = dora["reasons"].to_string();
    assert!(
        reasons.contains("quiet for 4 years: no messages in your export since March 2022 (export of 6 April 2026)"),
        "{reasons}"
    );
    // Near the export the same silence reads plainly.
    let list = json_list(&sandbox, &["reconnect", "--format", "json", "--as-of", EXPORT]);
    let dora = list
        .iter()
        .find(|e| e["name"] == "Dora Dormant")
        .expect("Dora is listed");
    assert!(dora["reasons"].to_string().contains("quiet for 4 years\""), "{dora}");
    // The stale export is said once, with its age in calendar words.
    let out = sandbox.kith(&["reconnect", "--as-of", LATER]);
    let err = stderr(&out);
    assert!(
        err.contains("your newest export is from 6 April 2026, 7 months before 2026-11-06"),
        "{err}"
    );
}

#[test]
fn drafts_never_call_an_active_tie_a_while_ago() {
    let sandbox = snapshot();
    for as_of in [NEAR, LATER] {
        let list = json_list(
            &sandbox,
            &[
                "reconnect",
                "--format",
                "json",
                "--limit",
                "20",
                "--include-cold",
                "--as-of",
                as_of,
            ],
        );
        for entry in &list {
            let draft = entry["draft"].as_str().unwrap_or_default();
            assert!(!draft.contains("back in 2026"), "{as_of}: {draft}");
        }
    }
}

#[test]
fn report_shares_are_measured_at_the_export_and_say_so() {
    let sandbox = snapshot();
    let out_dir = sandbox.path("report");
    sandbox.ok(&["report", "--out", out_dir.to_str().unwrap(), "--as-of", LATER]);
    let page = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        page.contains("At your export of 6 April 2026, 2 of your 5 ties were active"),
        "Fran and Gus of five are active at the horizon"
    );
    assert!(page.contains("measured at your newest export, of 6 April 2026"));
}

#[test]
fn calendar_words_and_plurals() {
    let sandbox = snapshot();
    let paths = intro_paths(&sandbox, "Globex", "2026-11-01", &[]);
    let fran = paths
        .iter()
        .find(|p| p["target"]["name"] == "Fran Friend")
        .expect("a path to Fran");
    let evidence = fran["hops"][0]["evidence"].to_string();
    // 2017-11-08 to 2026-11-01: thirty-day months would say "9 years 1 month".
    assert!(
        evidence.contains("connected for 8 years 11 months (since November 2017)"),
        "{evidence}"
    );
    let plan = sandbox.ok(&["plan", "--per-week", "1", "--as-of", LATER]);
    assert!(plan.contains(": 1 small step\n"), "{plan}");
}

#[test]
fn as_of_takes_only_iso_dates() {
    let sandbox = snapshot();
    for bad in ["01/11/2026", "2026-13-01", "2026-1-5", "yesterday", "2026-02-30"] {
        let out = sandbox.kith(&["reconnect", "--as-of", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{bad}: {}", stderr(&out));
    }
}

#[test]
fn a_date_before_the_data_says_so_and_cites_nothing_later() {
    let sandbox = snapshot();
    let out = sandbox.kith(&[
        "intro",
        "--company",
        "Globex",
        "--format",
        "json",
        "--as-of",
        "2020-06-30",
    ]);
    assert!(
        stderr(&out).contains("2020-06-30 is before your export of 6 April 2026"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(!text.contains("Nina New"), "not connected yet in 2020: {text}");
    let paths: Vec<Value> = serde_json::from_str(&text).unwrap();
    let evidence: Vec<String> = paths.iter().map(|p| p["hops"][0]["evidence"].to_string()).collect();
    for later in ["2021", "2022", "2023", "2024", "2025", "2026"] {
        assert!(
            !evidence.iter().any(|e| e.contains(later)),
            "cites {later}: {evidence:?}"
        );
    }
    // Fran's messages all came later: in mid 2020 she was a connection of 2 years 7 months.
    let fran = paths
        .iter()
        .find(|p| p["target"]["name"] == "Fran Friend")
        .expect("Fran was known");
    let lines = fran["hops"][0]["evidence"].to_string();
    assert!(
        lines.contains("connected for 2 years 7 months (since November 2017)"),
        "{lines}"
    );
    assert!(!lines.contains("messages"), "{lines}");
}

#[test]
fn logging_in_the_future_is_refused() {
    let sandbox = snapshot();
    let out = sandbox.kith(&["log", "Fran Friend", "--date", "2026-05-01", "--as-of", "2026-04-20"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("in the future"), "{}", stderr(&out));
    let out = sandbox.kith(&["log", "Fran Friend", "--date", "2099-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sandbox.kith(&["log", "Fran Friend", "--date", "04/01/2026"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(sandbox.count("SELECT COUNT(*) FROM ledger"), 0);
}

fn globex_path(sandbox: &Sandbox, who: &str, as_of: &str) -> Value {
    let paths = intro_paths(sandbox, "Globex", as_of, &[]);
    paths
        .into_iter()
        .find(|p| p["target"]["name"] == who)
        .unwrap_or_else(|| panic!("a path to {who}"))
}

#[test]
fn asking_lowers_the_path_for_thirty_days_and_the_table_says_why() {
    for as_of in [NEAR, LATER] {
        let sandbox = snapshot();
        let day = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        let asked = (day - chrono::Duration::days(3)).to_string();
        let before = globex_path(&sandbox, "Dora Dormant", as_of)["probability"]
            .as_f64()
            .unwrap();
        sandbox.ok(&[
            "log",
            "Dora Dormant",
            "--date",
            &asked,
            "--channel",
            "coffee",
            "--outcome",
            "asked",
            "--as-of",
            as_of,
        ]);
        let after = globex_path(&sandbox, "Dora Dormant", as_of)["probability"]
            .as_f64()
            .unwrap();
        assert!((after - before * 0.6).abs() < 1e-9, "{as_of}: {before} -> {after}");
        let table = sandbox.ok(&["intro", "--company", "Globex", "--as-of", as_of]);
        assert!(table.contains("you asked Dora for help on"), "{table}");
        assert!(
            table.contains("Ask: You asked Dora for help on"),
            "the ask says so too: {table}"
        );
        // Thirty days on, the path is back (the ask itself never warmed the tie).
        let later = (day + chrono::Duration::days(40)).to_string();
        let recovered = globex_path(&sandbox, "Dora Dormant", &later)["probability"]
            .as_f64()
            .unwrap();
        assert!(recovered > after, "{recovered} vs {after}");
    }
}

#[test]
fn the_chance_that_one_path_works_counts_each_person_once() {
    // Dora is reached directly, and through a pooled member too: two paths, one person.
    let sandbox = snapshot();
    let friend = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Dora,Dormant,https://www.linkedin.com/in/dora,,Globex,Manager,04 Jul 2018\n\
Ana,Owner,https://www.linkedin.com/in/ana-owner,,Acme,Engineer,04 Jul 2018\n"
    );
    let dir = sandbox.folder("friend", &[("Connections.csv", friend.as_bytes())]);
    sandbox.ok(&["import", "--member", "Pat Pool", dir.to_str().unwrap()]);
    let table = sandbox.ok(&["intro", "--company", "Globex", "--as-of", NEAR, "--top", "10"]);
    let paths = intro_paths(&sandbox, "Globex", NEAR, &["--top", "10"]);
    let to_dora = paths.iter().filter(|p| p["target"]["name"] == "Dora Dormant").count();
    assert!(to_dora >= 2, "{table}");
    // Three people at Globex: the sentence counts at most three independent paths.
    let counted: usize = table
        .split("If you try the ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert_eq!(counted, 3, "{table}");
}

#[test]
fn each_pooled_member_has_their_own_horizon() {
    // Pat's export is from January 2025; Pat wrote with Zed every week until then. Months and
    // years later, Pat's tie to Zed is as warm as Pat's export showed it.
    let sandbox = snapshot();
    let friend = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Zed,Zenith,https://www.linkedin.com/in/zed,,Initrode,Director,04 Jul 2018\n\
Ana,Owner,https://www.linkedin.com/in/ana-owner,,Acme,Engineer,04 Jul 2018\n"
    );
    let mut messages =
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            .to_string();
    let (pat, zed) = (("Pat Pool", "pat-pool"), ("Zed Zenith", "zed"));
    for i in 0..60i64 {
        let day = (chrono::NaiveDate::from_ymd_opt(2024, 12, 20).unwrap() - chrono::Duration::days(7 * i)).to_string();
        let (from, to) = if i % 2 == 0 { (pat, zed) } else { (zed, pat) };
        messages.push_str(&message_row("pz", from, to, &day));
    }
    let zip = sandbox.zip(
        "Basic_LinkedInDataExport_01-05-2025.zip",
        &[
            ("Connections.csv", friend.as_bytes()),
            ("messages.csv", messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", "--member", "Pat Pool", zip.to_str().unwrap()]);
    let hop = |as_of: &str| -> f64 {
        let paths = intro_paths(&sandbox, "Initrode", as_of, &[]);
        let path = paths.first().unwrap_or_else(|| panic!("a path at {as_of}"));
        path["hops"][1]["strength"].as_f64().unwrap()
    };
    let (then, now) = (hop("2025-01-05"), hop(LATER));
    assert!(
        now > then - 0.02,
        "Pat's tie to Zed cooled with no evidence: {then} -> {now}"
    );
}

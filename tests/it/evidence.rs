//! Evidence in plain words is true: unanswered threads are called what they are, colleagues
//! need corroboration, "Self-employed" is not a company, and drafts greet people and name
//! companies as people do.

use crate::common::*;
use serde_json::Value;

const AS_OF: &str = "2026-11-15";

/// Ten messages both ways in `year`.
fn old_friend(out: &mut String, them: (&str, &str), year: i32) {
    let me = ("Ana Owner", "ana-owner");
    for i in 0..10 {
        let day = format!("{year}-{:02}-1{}", i + 1, i % 9);
        if i % 2 == 0 {
            out.push_str(&message_row(them.1, me, them, &day));
        } else {
            out.push_str(&message_row(them.1, them, me, &day));
        }
    }
}

const POSITIONS: &str = "Company Name,Title,Description,Location,Started On,Finished On\n\
\"Acme Robotics, Inc.\",Engineer,,,Jan 2015,Dec 2019\n\
Initech,Lead,,,Jan 2020,\n";

fn connections(leo_company: &str) -> String {
    format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Cole,Colleague,https://www.linkedin.com/in/cole,,\"Acme Robotics, Inc.\",Engineer,10 Mar 2016\n\
Rita,Recruiter,https://www.linkedin.com/in/rita,,Talent Partners,Recruiter,01 May 2017\n\
Leo,Later,https://www.linkedin.com/in/leo,,{leo_company},Engineer,01 May 2018\n\
Sam,Solo,https://www.linkedin.com/in/sam,,Self-employed,Consultant,01 May 2018\n\
Dr. Jane,Doe,https://www.linkedin.com/in/jane,,Hooli,CTO,01 May 2018\n\
JOHN,SMITH,https://www.linkedin.com/in/john,,Umbrella,Engineer,01 May 2018\n\
María José,García,https://www.linkedin.com/in/maria-jose,,Umbrella,Analyst,01 May 2018\n\
Oscar,Oneway,https://www.linkedin.com/in/oscar,,Umbrella,Analyst,01 May 2018\n\
Val,Vacant,https://www.linkedin.com/in/val,,Looking for new opportunities,,01 May 2018\n\
Ada,Aetna,https://www.linkedin.com/in/ada,,\"Aetna, a CVS Health Company\",Nurse,01 May 2018\n\
Ian,Insider,https://www.linkedin.com/in/ian,,Initech,Analyst,01 May 2018\n\
Anne Sophie,Martin,https://www.linkedin.com/in/anne-sophie,,Umbrella,Analyst,01 May 2018\n\
Eve,Endorser,https://www.linkedin.com/in/eve,,Hooli,Engineer,01 May 2018\n"
    )
}

/// Two exports of Ana's (2023, then 2024: Leo moved from Globex to Acme Robotics after Ana
/// had left it).
fn network() -> Sandbox {
    let sandbox = Sandbox::new();
    let mut messages =
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            .to_string();
    old_friend(&mut messages, ("Cole Colleague", "cole"), 2017);
    old_friend(&mut messages, ("Leo Later", "leo"), 2019);
    old_friend(&mut messages, ("Sam Solo", "sam"), 2020);
    old_friend(&mut messages, ("Dr. Jane Doe", "jane"), 2020);
    old_friend(&mut messages, ("JOHN SMITH", "john"), 2020);
    old_friend(&mut messages, ("María José García", "maria-jose"), 2020);
    old_friend(&mut messages, ("Ian Insider", "ian"), 2019);
    old_friend(&mut messages, ("Anne Sophie Martin", "anne-sophie"), 2020);
    for i in 1..=6 {
        let me = ("Ana Owner", "ana-owner");
        messages.push_str(&message_row(
            "oscar",
            me,
            ("Oscar Oneway", "oscar"),
            &format!("2022-0{i}-10"),
        ));
    }
    let invitations = "From,To,Sent At,Message,Direction\n\
Rita Recruiter,Ana Owner,\"5/1/17, 9:00 AM\",\"Hi Ana, I recruit for great teams\",INCOMING\n";
    let endorsements =
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
2022/03/08 11:00:31 UTC,Rust,Eve,Endorser,www.linkedin.com/in/eve,ACCEPTED\n";
    for (name, leo) in [
        ("Basic_LinkedInDataExport_03-01-2023.zip", "Globex"),
        ("Basic_LinkedInDataExport_03-01-2024.zip", "Acme Robotics"),
    ] {
        let zip = sandbox.zip(
            name,
            &[
                ("Profile.csv", PROFILE.as_bytes()),
                ("Positions.csv", POSITIONS.as_bytes()),
                ("Connections.csv", connections(leo).as_bytes()),
                ("messages.csv", messages.as_bytes()),
                ("Invitations.csv", invitations.as_bytes()),
                ("Endorsement_Received_Info.csv", endorsements.as_bytes()),
            ],
        );
        sandbox.ok(&["import", zip.to_str().unwrap()]);
    }
    sandbox
}

fn reconnect(sandbox: &Sandbox, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["reconnect", "--format", "json", "--limit", "20", "--as-of", AS_OF];
    args.extend_from_slice(extra);
    json_list(sandbox, &args)
}

fn entry<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {list:#?}"))
}

fn evidence_to(sandbox: &Sandbox, company: &str, person: &str) -> String {
    let paths = intro_paths(sandbox, company, AS_OF, &[]);
    let path = paths
        .iter()
        .find(|p| p["target"]["name"] == person)
        .unwrap_or_else(|| panic!("a path to {person}: {paths:#?}"));
    path["hops"][0]["evidence"].to_string()
}

#[test]
fn an_unanswered_thread_is_no_reply_yet_never_never_in_touch() {
    let sandbox = network();
    let evidence = evidence_to(&sandbox, "Umbrella", "Oscar Oneway");
    assert!(evidence.contains("6 messages from you, no reply yet"), "{evidence}");
    let list = reconnect(&sandbox, &["--include-cold"]);
    let oscar = entry(&list, "Oscar Oneway");
    let text = oscar.to_string();
    assert!(text.contains("6 messages from you, no reply yet"), "{text}");
    assert!(
        !text.contains("never in touch") && !text.contains("without ever talking"),
        "{text}"
    );
    assert!(
        oscar["draft"]
            .as_str()
            .unwrap()
            .starts_with("Hi Oscar, I wrote to you back in 2022"),
        "{text}"
    );
}

#[test]
fn a_colleague_needs_a_shared_employer_with_overlapping_dates() {
    let sandbox = network();
    let cole = evidence_to(&sandbox, "Acme Robotics", "Cole Colleague");
    assert!(cole.contains("probably a former colleague at Acme Robotics"), "{cole}");
    // Connected while Ana was at Acme, but works elsewhere: a recruiter, not a colleague.
    let rita = evidence_to(&sandbox, "Talent Partners", "Rita Recruiter");
    assert!(!rita.contains("colleague"), "{rita}");
    // Now at Acme, but joined after Ana left (the 2024 export first shows it).
    let leo = evidence_to(&sandbox, "Acme Robotics", "Leo Later");
    assert!(!leo.contains("colleague"), "{leo}");
    let list = reconnect(&sandbox, &[]);
    let cole = entry(&list, "Cole Colleague");
    assert!(
        cole["draft"]
            .as_str()
            .unwrap()
            .contains("we both have Acme Robotics in our careers"),
        "{cole}"
    );
    assert!(
        !entry(&list, "Leo Later")["draft"]
            .as_str()
            .unwrap()
            .contains("in our careers"),
        "{list:#?}"
    );
}

#[test]
fn self_employed_and_job_seeking_are_not_companies() {
    let sandbox = network();
    for cell in ["Self-employed", "self employed", "Looking for new opportunities"] {
        let out = sandbox.kith(&["intro", "--company", cell, "--as-of", AS_OF]);
        assert_ne!(out.status.code(), Some(0), "{cell}: {}", stdout(&out));
    }
    let list = reconnect(&sandbox, &[]);
    let sam = entry(&list, "Sam Solo");
    assert_eq!(sam["company"], "Self-employed", "the position text stays");
    let draft = sam["draft"].as_str().unwrap();
    assert!(!draft.contains("Self-employed"), "{draft}");
    assert!(draft.contains("Hi Sam,"), "{draft}");
    let out_dir = sandbox.path("report");
    sandbox.ok(&["report", "--out", out_dir.to_str().unwrap(), "--as-of", AS_OF]);
    let svg = std::fs::read_to_string(out_dir.join("companies.svg")).unwrap();
    assert!(!svg.contains("Self-employed") && !svg.contains("Looking for"), "no bar");
}

#[test]
fn drafts_greet_people_as_people_do() {
    let sandbox = network();
    let list = reconnect(&sandbox, &[]);
    let greeting = |name: &str| {
        entry(&list, name)["draft"]
            .as_str()
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(greeting("Dr. Jane Doe"), "Hi Jane");
    assert_eq!(greeting("JOHN SMITH"), "Hi John");
    assert_eq!(greeting("María José García"), "Hi María José");
    // Only the export's First Name column can tell a two-word given name.
    assert_eq!(greeting("Anne Sophie Martin"), "Hi Anne Sophie");
}

#[test]
fn companies_read_without_legal_forms_and_by_their_most_common_spelling() {
    let sandbox = network();
    let list = reconnect(&sandbox, &[]);
    let cole = entry(&list, "Cole Colleague");
    assert!(!cole["reasons"].to_string().contains("Inc."), "{cole}");
    assert!(!cole["draft"].to_string().contains("Inc."), "{cole}");
    // "Acme Robotics, Inc." (Cole, Ana's position) outnumbers "Acme Robotics" (Leo).
    let dot = sandbox.ok(&["export", "--to", "graphml", "--as-of", AS_OF]);
    assert!(
        dot.contains("Acme Robotics, Inc."),
        "the node keeps the common spelling"
    );
    let paths = intro_paths(&sandbox, "acme robotics", AS_OF, &[]);
    let ask = paths[0]["ask"].as_str().unwrap();
    assert!(ask.contains("Acme Robotics"), "{ask}");
    assert!(!ask.contains("Inc."), "{ask}");
}

#[test]
fn drafts_claim_only_what_happened() {
    let sandbox = network();
    let list = reconnect(&sandbox, &[]);
    // Eve endorsed Ana once and never wrote: no "since we last wrote".
    let eve = entry(&list, "Eve Endorser")["draft"].as_str().unwrap().to_string();
    assert!(!eve.contains("wrote"), "{eve}");
    assert!(eve.contains("your endorsement"), "{eve}");
    // Ana still works at Initech: Ian is a colleague now, not "our Initech days".
    let ian = entry(&list, "Ian Insider")["draft"].as_str().unwrap().to_string();
    assert!(!ian.contains("days"), "{ian}");
    assert!(ian.contains("even with both of us at Initech"), "{ian}");
    // Nobody is told "I enjoyed working with you" on the strength of a tie alone.
    for e in &list {
        assert!(!e["draft"].as_str().unwrap().contains("enjoyed working"), "{e}");
    }
}

#[test]
fn a_descriptor_after_the_company_name_still_matches() {
    let sandbox = network();
    let paths = intro_paths(&sandbox, "Aetna", AS_OF, &[]);
    assert_eq!(
        paths.first().map(|p| p["target"]["name"].clone()),
        Some("Ada Aetna".into()),
        "{paths:#?}"
    );
}

#[test]
fn an_early_as_of_shows_the_job_people_had_then() {
    let sandbox = network();
    // Leo's move to Acme Robotics was first seen in the 2024 export.
    let paths = intro_paths(&sandbox, "Globex", "2023-06-01", &[]);
    assert!(paths.iter().any(|p| p["target"]["name"] == "Leo Later"), "{paths:#?}");
    let out = sandbox.kith(&[
        "intro",
        "--company",
        "Acme Robotics",
        "--format",
        "json",
        "--as-of",
        "2023-06-01",
    ]);
    assert!(!stdout(&out).contains("Leo Later"), "{}", stdout(&out));
}

#[test]
fn an_early_as_of_uses_the_jobs_ana_had_then() {
    let sandbox = network();
    // In mid 2019 Ana was still at Acme Robotics (until Dec 2019) and not yet at Initech.
    let ian = evidence_to(&sandbox, "Initech", "Ian Insider");
    assert!(ian.contains("colleague at Initech"), "today: {ian}");
    let paths = intro_paths(&sandbox, "Initech", "2019-06-01", &[]);
    let then = paths
        .iter()
        .find(|p| p["target"]["name"] == "Ian Insider")
        .map(|p| p["hops"][0]["evidence"].to_string())
        .unwrap_or_default();
    assert!(!then.is_empty() && !then.contains("colleague"), "{then}");
}

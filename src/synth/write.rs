//! Writing a synthetic export in the layout of one era, quirks included.

// Random draws below small bounds (days, counts of a few million at most) move between
// integer types without wrapping.
#![allow(clippy::cast_possible_wrap)]

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use percent_encoding::{utf8_percent_encode, CONTROLS};

use super::{names, Era, MemberExport, Msg, Person, Rng};
use crate::error::{Error, Result};

/// Minimal RFC 4180 quoting, as LinkedIn writes its core files.
fn q(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Every field quoted (the April 2026 messages file, and the legacy UTF-16 files).
fn qa(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

fn line(fields: &[String]) -> String {
    fields.join(",")
}

struct Out {
    text: String,
}

impl Out {
    fn new() -> Self {
        Out { text: String::new() }
    }
    fn row(&mut self, fields: &[String]) {
        self.text.push_str(&line(fields));
        self.text.push('\n');
    }
    fn raw(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?);
    file.write_all(bytes).map_err(|e| Error::io(&path, e))?;
    file.flush().map_err(|e| Error::io(&path, e))
}

fn us_datetime(t: NaiveDateTime) -> String {
    t.format("%-m/%-d/%y, %-I:%M %p").to_string()
}

fn encoded_url(p: &Person) -> String {
    format!("https://www.linkedin.com/in/{}", utf8_percent_encode(&p.slug, CONTROLS))
}

/// Writes every file of the export into `dir`.
pub(super) fn write_export(dir: &Path, e: &MemberExport, era: Era, rng: &mut Rng) -> Result<()> {
    // The 2025–2026 exports end every file with a blank line.
    let tail = if era == Era::Y2026 { "\n" } else { "" };
    write_profile(dir, e, era, tail)?;
    write_connections(dir, e, era, rng)?;
    write_messages(dir, e, era, rng, tail)?;
    write_invitations(dir, e, era, rng, tail)?;
    write_endorsements(dir, e, era, rng)?;
    write_recommendations(dir, e, rng, tail)?;
    write_unused(dir, era)?;
    Ok(())
}

fn write_profile(dir: &Path, e: &MemberExport, era: Era, tail: &str) -> Result<()> {
    let mut out = Out::new();
    if era == Era::Y2018 {
        out.raw("First Name,Last Name,Maiden Name,Created Date,Address,Birth Date,Contact Instructions,Marital Status,Headline,Summary,Industry,Association,Zip Code,Geo Location,Twitter Handles\n");
        out.row(&[
            q(&e.me.first),
            q(&e.me.last),
            String::new(),
            "3/4/12, 10:00 AM".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            q(&e.me.position),
            q("Builder of things, asker of questions."),
            "Computer Software".into(),
            String::new(),
            String::new(),
            q("Lisbon, Portugal"),
            String::new(),
        ]);
    } else {
        out.raw("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n");
        out.row(&[
            q(&e.me.first),
            q(&e.me.last),
            String::new(),
            String::new(),
            String::new(),
            q(&format!("{} at {}", e.me.position, e.me.company)),
            q("Builder of things, asker of questions."),
            "Software Development".into(),
            String::new(),
            q("Lisbon, Portugal"),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    out.raw(tail);
    save(dir, "Profile.csv", out.text.as_bytes())?;

    let mut out = Out::new();
    out.raw("Company Name,Title,Description,Location,Started On,Finished On\n");
    let year = e.export_date.format("%Y").to_string().parse::<i32>().unwrap_or(2026);
    out.row(&[
        q(&e.me.company),
        q(&e.me.position),
        q("Leading a small team, shipping often."),
        q("Lisbon, Portugal"),
        format!("Mar {}", year - 2),
        String::new(),
    ]);
    out.row(&[
        q("Globex Corporation "),
        q("Software Engineer"),
        String::new(),
        q("Porto"),
        format!("Jun {}", year - 6),
        format!("Feb {}", year - 2),
    ]);
    out.row(&[
        q("Initech"),
        q("Intern"),
        String::new(),
        String::new(),
        format!("{}", year - 8),
        format!("{}", year - 7),
    ]);
    out.raw(tail);
    save(dir, "Positions.csv", out.text.as_bytes())?;

    let mut out = Out::new();
    out.raw("School Name,Start Date,End Date,Notes,Degree Name,Activities\n");
    out.row(&[
        q(names::SCHOOLS[0]),
        format!("{}", year - 12),
        format!("{}", year - 8),
        String::new(),
        q("BSc, Computer Science"),
        String::new(),
    ]);
    out.raw(tail);
    save(dir, "Education.csv", out.text.as_bytes())?;

    let mut out = Out::new();
    out.raw("Organization,Followed On\n");
    for (i, company) in ["Acme Robotics", "Helix Bio", "Kiwi Labs"].iter().enumerate() {
        let t = e.export_date.and_hms_opt(12, 25, 51).unwrap_or_default() - Duration::days(100 * (i as i64 + 1));
        out.row(&[q(company), t.format("%a %b %d %H:%M:%S UTC %Y").to_string()]);
    }
    out.raw(tail);
    save(dir, "Company Follows.csv", out.text.as_bytes())
}

fn write_connections(dir: &Path, e: &MemberExport, era: Era, rng: &mut Rng) -> Result<()> {
    let mut out = Out::new();
    if era != Era::Y2018 {
        out.raw("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here: https://www.linkedin.com/help/linkedin/answer/261\"\n\n");
    }
    match era {
        Era::Y2026 => out.raw("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"),
        _ => out.raw("First Name,Last Name,Email Address,Company,Position,Connected On\n"),
    }
    let date = |d: NaiveDate| match era {
        Era::Y2018 => us_datetime(d.and_hms_opt(9 + (d.ordinal0() % 9), 14, 0).unwrap_or_default()),
        _ => d.format("%d %b %Y").to_string(),
    };
    let mut blanks_left = e.blank_rows;
    let mut lines = Vec::new();
    for (p, on) in e.contacts.iter().zip(&e.connected_on) {
        let email = p.email.clone().unwrap_or_default();
        let mut fields = vec![q(&p.first), q(&p.last)];
        if era == Era::Y2026 {
            fields.push(encoded_url(p));
        }
        fields.extend([q(&email), q(&p.company), q(&p.position), date(*on)]);
        lines.push(line(&fields));
        if blanks_left > 0 && rng.chance(0.03) {
            blanks_left -= 1;
            let width = if era == Era::Y2026 { 6 } else { 5 };
            lines.push(format!("{}{}", ",".repeat(width), date(*on)));
        }
    }
    if blanks_left == e.blank_rows && e.blank_rows > 0 {
        let width = if era == Era::Y2026 { 6 } else { 5 };
        let at = lines.len() / 2;
        lines.insert(at, format!("{}{}", ",".repeat(width), date(e.export_date)));
    }
    // Connections.csv often has no final newline.
    out.raw(&lines.join("\n"));
    save(dir, "Connections.csv", out.text.as_bytes())
}

/// Writes the message history: one row per message, then the rows of each era that are not
/// messages between people (sponsored InMail, drafts, attachments).
fn write_messages(dir: &Path, e: &MemberExport, era: Era, rng: &mut Rng, tail: &str) -> Result<()> {
    let mut out = Out::new();
    out.raw(messages_header(era));
    for (k, m) in e.messages.iter().enumerate() {
        let row = match era {
            Era::Y2018 => message_row_2018(e, m),
            Era::Y2022 => message_row_2022(e, m, rng),
            Era::Y2026 => message_row_2026(e, m, k),
        };
        out.row(&row);
    }
    // Rows that are not messages between people, dated at the last message.
    let last = e
        .messages
        .last()
        .map_or_else(|| e.export_date.and_hms_opt(8, 0, 0).unwrap_or_default(), |m| m.at);
    match era {
        Era::Y2018 => {}
        Era::Y2022 => other_rows_2022(&mut out, e, last, rng),
        Era::Y2026 => other_rows_2026(&mut out, e, last, rng),
    }
    out.raw(tail);
    let name = if era == Era::Y2018 {
        "Messages.csv"
    } else {
        "messages.csv"
    };
    save(dir, name, out.text.as_bytes())
}

/// The header line of the era's messages file.
fn messages_header(era: Era) -> &'static str {
    match era {
        Era::Y2018 => "From,To,Date,Subject,Content,Direction,Folder\n",
        Era::Y2022 => "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n",
        Era::Y2026 => "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\n",
    }
}

/// A participant of a message: `None` is the member, `Some(i)` their `i`-th contact.
fn participant(e: &MemberExport, who: Option<usize>) -> &Person {
    who.map_or(&e.me, |i| &e.contacts[i])
}

/// A message's `TO` names and recipient profile URLs, each comma-joined: everyone in its
/// conversation but the sender, the member first.
fn recipients(e: &MemberExport, m: &Msg) -> (String, String) {
    let c = &e.conversations[m.conversation];
    let people: Vec<&Person> = std::iter::once(None)
        .chain(c.others.iter().map(|&o| Some(o)))
        .filter(|p| *p != m.sender)
        .map(|p| participant(e, p))
        .collect();
    let names: Vec<String> = people.iter().map(|p| p.full_name()).collect();
    let urls: Vec<String> = people.iter().map(|p| p.url()).collect();
    (names.join(","), urls.join(","))
}

/// A date as the 2022 and 2026 messages files write it.
fn utc(t: NaiveDateTime) -> String {
    format!("{} UTC", t.format("%Y-%m-%d %H:%M:%S"))
}

/// A 2018 row: no conversation, a US date, and the direction spelt out.
fn message_row_2018(e: &MemberExport, m: &Msg) -> Vec<String> {
    let (to_names, _) = recipients(e, m);
    let (direction, folder) = if m.sender.is_none() {
        ("OUTGOING", "SENT")
    } else {
        ("INCOMING", "INBOX")
    };
    vec![
        q(&participant(e, m.sender).full_name()),
        q(&to_names),
        q(&us_datetime(m.at)),
        String::new(),
        q(&m.text),
        direction.into(),
        folder.into(),
    ]
}

/// A 2022 row: conversation and sender URL, and one message in ten archived (a draw from
/// `rng` for every message).
fn message_row_2022(e: &MemberExport, m: &Msg, rng: &mut Rng) -> Vec<String> {
    let c = &e.conversations[m.conversation];
    let (to_names, _) = recipients(e, m);
    let sender = participant(e, m.sender);
    let folder = if rng.chance(0.1) { "ARCHIVE" } else { "INBOX" };
    vec![
        c.id.clone(),
        q(&c.title),
        q(&sender.full_name()),
        sender.url(),
        q(&to_names),
        utc(m.at),
        String::new(),
        q(&m.text),
        folder.into(),
    ]
}

/// A 2026 row, the `k`-th message: every field quoted, recipients' URLs too, and a real
/// newline inside every fifth body.
fn message_row_2026(e: &MemberExport, m: &Msg, k: usize) -> Vec<String> {
    let c = &e.conversations[m.conversation];
    let (to_names, to_urls) = recipients(e, m);
    let sender = participant(e, m.sender);
    let text = if k % 5 == 0 && !m.text.is_empty() {
        m.text.replacen(". ", ".\n", 1)
    } else {
        m.text.clone()
    };
    vec![
        qa(&c.id),
        qa(&c.title),
        qa(&sender.full_name()),
        qa(&sender.url()),
        qa(&to_names),
        qa(&to_urls),
        qa(&utc(m.at)),
        qa(""),
        qa(&text),
        qa("INBOX"),
        qa(""),
        qa("No"),
        qa("No"),
    ]
}

/// The 2022 rows that are not messages between people, dated `last`: a sponsored InMail and,
/// when the member has a contact, a draft to the first one.
fn other_rows_2022(out: &mut Out, e: &MemberExport, last: NaiveDateTime, rng: &mut Rng) {
    let me_name = e.me.full_name();
    out.row(&[
        format!("2-{:016x}", rng.next_u64()),
        q("Sponsored Conversation"),
        q("LinkedIn Member"),
        String::new(),
        q(&me_name),
        utc(last),
        q("A special offer"),
        q("<p>Hi %FIRSTNAME%, grow your career with %COMPANY%</p>"),
        "INBOX".into(),
    ]);
    if let Some(p) = e.contacts.first() {
        out.row(&[
            String::new(),
            String::new(),
            q(&me_name),
            e.me.url(),
            q(&p.full_name()),
            utc(last),
            String::new(),
            q("Draft I never sent"),
            String::new(),
        ]);
    }
}

/// The 2026 rows that are not messages between people, dated `last`: a sponsored InMail and,
/// when the member has a contact, a draft to the first one and a row with only an attachment.
fn other_rows_2026(out: &mut Out, e: &MemberExport, last: NaiveDateTime, rng: &mut Rng) {
    let me_name = e.me.full_name();
    let date = qa(&utc(last));
    out.row(&[
        qa(&format!("2-{:016x}", rng.next_u64())),
        qa("Sponsored Conversation"),
        qa("LinkedIn Member"),
        qa(""),
        qa(&me_name),
        qa(&e.me.url()),
        date.clone(),
        qa("An offer"),
        qa("<p>Hi %FIRSTNAME%,</p>\n<p>Grow with %COMPANY%</p>"),
        qa("INBOX"),
        qa(""),
        qa("No"),
        qa("No"),
    ]);
    let Some(p) = e.contacts.first() else {
        return;
    };
    out.row(&[
        qa(""),
        qa(""),
        qa(&me_name),
        qa(&e.me.url()),
        qa(&p.full_name()),
        qa(&p.url()),
        date.clone(),
        qa(""),
        qa("Draft I never sent"),
        qa(""),
        qa(""),
        qa("Yes"),
        qa("Yes"),
    ]);
    out.row(&[
        qa(&format!("2-{:016x}", rng.next_u64())),
        qa(""),
        qa(""),
        qa(""),
        qa(&me_name),
        qa(&e.me.url()),
        date,
        qa(""),
        qa(""),
        qa("INBOX"),
        qa("https://www.linkedin.com/dms/attachment"),
        qa("No"),
        qa("No"),
    ]);
}

fn write_invitations(dir: &Path, e: &MemberExport, era: Era, rng: &mut Rng, tail: &str) -> Result<()> {
    let mut out = Out::new();
    if era == Era::Y2026 {
        out.raw("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    } else {
        out.raw("From,To,Sent At,Message,Direction\n");
    }
    let me = e.me.full_name();
    for (p, on) in e.contacts.iter().zip(&e.connected_on) {
        if !rng.chance(0.3) {
            continue;
        }
        let outgoing = rng.chance(0.5);
        let note = if rng.chance(0.3) {
            "Hi, we met at the conference, would love to stay in touch."
        } else {
            ""
        };
        let at = us_datetime(on.and_hms_opt(6, 18, 0).unwrap_or_default() - Duration::days(1));
        let (from, to, from_url, to_url) = if outgoing {
            (me.clone(), p.full_name(), e.me.url(), p.url())
        } else {
            (p.full_name(), me.clone(), p.url(), e.me.url())
        };
        let direction = if outgoing { "OUTGOING" } else { "INCOMING" };
        let mut fields = vec![q(&from), q(&to), q(&at), q(note), direction.into()];
        if era == Era::Y2026 {
            fields.extend([from_url, to_url]);
        }
        out.row(&fields);
    }
    out.raw(tail);
    save(dir, "Invitations.csv", out.text.as_bytes())
}

fn write_endorsements(dir: &Path, e: &MemberExport, era: Era, rng: &mut Rng) -> Result<()> {
    let mut endorsers: Vec<(&Person, &str, NaiveDateTime)> = Vec::new();
    for p in &e.contacts {
        if rng.chance(0.1) {
            let at = e.export_date.and_hms_opt(11, 0, 31).unwrap_or_default() - Duration::days(rng.below(2000) as i64);
            endorsers.push((p, *rng.pick(names::SKILLS), at));
        }
    }
    if era != Era::Y2018 {
        let mut out = Out::new();
        out.raw("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n");
        for (p, skill, at) in &endorsers {
            // No scheme, raw non-ASCII in the slug.
            out.row(&[
                at.format("%Y/%m/%d %H:%M:%S UTC").to_string(),
                q(skill),
                q(&p.first),
                q(&p.last),
                format!("www.linkedin.com/in/{}", p.slug),
                "ACCEPTED".into(),
            ]);
        }
        save(dir, "Endorsement_Received_Info.csv", out.text.as_bytes())?;
        let mut out = Out::new();
        out.raw("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n");
        for p in &e.contacts {
            if !rng.chance(0.05) {
                continue;
            }
            let at = e.export_date.and_hms_opt(10, 0, 0).unwrap_or_default() - Duration::days(rng.below(1500) as i64);
            out.row(&[
                at.format("%Y/%m/%d %H:%M:%S UTC").to_string(),
                q(rng.pick::<&str>(names::SKILLS)),
                q(&p.first),
                q(&p.last),
                format!("www.linkedin.com/in/{}", p.slug),
                "ACCEPTED".into(),
            ]);
        }
        save(dir, "Endorsement_Given_Info.csv", out.text.as_bytes())?;
    }
    if era != Era::Y2026 {
        // The legacy file: UTF-16LE with BOM, TAB-separated, every field quoted. In 2022 it
        // lists the same endorsements as the current file.
        let mut text = String::from("\"Endorsement Date\"\t\"Skill Name\"\t\"Endorser First Name\"\t\"Endorser Last Name\"\t\"Endorsement Status\"\r\n");
        for (p, skill, at) in &endorsers {
            let fields = [
                at.format("%Y/%m/%d %H:%M:%S UTC").to_string(),
                skill.to_string(),
                p.first.clone(),
                p.last.clone(),
                "ACCEPTED".into(),
            ];
            text.push_str(&fields.iter().map(|f| qa(f)).collect::<Vec<_>>().join("\t"));
            text.push_str("\r\n");
        }
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        save(dir, "Endorsement Received Info.csv", &bytes)?;
    }
    Ok(())
}

fn write_recommendations(dir: &Path, e: &MemberExport, rng: &mut Rng, tail: &str) -> Result<()> {
    for (file, share) in [
        ("Recommendations_Received.csv", 0.02),
        ("Recommendations_Given.csv", 0.015),
    ] {
        let mut out = Out::new();
        out.raw("First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n");
        for p in &e.contacts {
            if !rng.chance(share) {
                continue;
            }
            let at = e.export_date.and_hms_opt(21, 25, 0).unwrap_or_default() - Duration::days(rng.below(2500) as i64);
            out.row(&[
                q(&p.first),
                q(&p.last),
                q(&p.company),
                q(&p.position),
                q("A generous colleague, sharp, and kind under pressure. I'd work with them again, any time."),
                at.format("%m/%d/%y, %I:%M %p").to_string(),
                "VISIBLE".into(),
            ]);
        }
        out.raw(tail);
        save(dir, file, out.text.as_bytes())?;
    }
    Ok(())
}

fn write_unused(dir: &Path, era: Era) -> Result<()> {
    save(dir, "LearningCoachMessages.csv", b"No conversations found\n")?;
    save(dir, "Learning.csv", b"Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),Content Completed At (if completed),\nIntro to Rust,Basics,COURSE,2024-01-01 10:00 UTC,,\n")?;
    save(
        dir,
        "Ad_Targeting.csv",
        b"Member Age,Company Names,Company Names,Degrees\n25 to 34,Acme;Globex,Initech,BSc\n",
    )?;
    let crlf = if era == Era::Y2018 { "\n" } else { "\r\n" };
    save(
        dir,
        "Reactions.csv",
        format!(
            "Date,Type,Link{crlf}2022-09-11 02:49:29,LIKE,https://www.linkedin.com/feed/update/urn:li:activity:1{crlf}"
        )
        .as_bytes(),
    )?;
    save(dir, "Jobs/Job Applications.csv", b"Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers\n")
}

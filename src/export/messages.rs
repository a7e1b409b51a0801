//! `messages.csv` (and 2018's `Messages.csv`) in every era: rows are visited one at a time,
//! borrowing from the file's text, because the message history is the one large file.
//!
//! Not messages between people, and rejected with their reason: drafts, sponsored/InMail
//! rows, rows without a sender, rows with an unreadable date.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dates::parse_datetime;
use super::table::Table;
use super::{Reason, Rejects};
use crate::resolve::{full_name_key, normalise_url};

/// Column positions, resolved once per file.
struct Columns {
    conversation_id: Option<usize>,
    title: Option<usize>,
    from: Option<usize>,
    sender_url: Option<usize>,
    to: Option<usize>,
    recipient_urls: Option<usize>,
    date: Option<usize>,
    subject: Option<usize>,
    content: Option<usize>,
    folder: Option<usize>,
    direction: Option<usize>,
    message_draft: Option<usize>,
    conversation_draft: Option<usize>,
}

impl Columns {
    fn of(table: &Table<'_>) -> Self {
        Columns {
            conversation_id: table.column("conversation id"),
            title: table.column("conversation title"),
            from: table.column("from"),
            sender_url: table.column("sender profile url"),
            to: table.column("to"),
            recipient_urls: table.column("recipient profile urls"),
            date: table.column("date"),
            subject: table.column("subject"),
            content: table.column("content"),
            folder: table.column("folder"),
            direction: table.column("direction"),
            message_draft: table.column("is message draft"),
            conversation_draft: table.column("is conversation draft"),
        }
    }
}

/// One person-to-person message, borrowing from the file's text.
#[derive(Debug)]
pub struct Message<'r> {
    pub line: u64,
    /// Byte offset in the file, for progress.
    pub offset: u64,
    /// `CONVERSATION ID`, empty before 2021.
    pub conversation_id: &'r str,
    pub title: &'r str,
    pub from: &'r str,
    pub sender_url: Option<String>,
    /// Recipients: display name (may be empty when it cannot be paired) and URL.
    pub recipients: Vec<(String, Option<String>)>,
    pub sent_at: NaiveDateTime,
    pub subject: &'r str,
    pub content: &'r str,
    /// `DIRECTION` of the 2018 and 2020 layouts: `Some(true)` for outgoing.
    pub outgoing: Option<bool>,
}

fn is_yes(value: &str) -> bool {
    matches!(value.to_ascii_lowercase().as_str(), "yes" | "true" | "1")
}

/// Visits every usable message; rejects the rest into `rejects`.
pub fn for_each(table: &mut Table<'_>, rejects: &mut Rejects<'_>, mut visit: impl FnMut(Message<'_>)) {
    let c = Columns::of(table);
    let has_conversation_ids = c.conversation_id.is_some();
    table.for_each_row(|row| {
        if row.is_blank() {
            return;
        }
        if is_yes(row.get(c.message_draft)) || is_yes(row.get(c.conversation_draft)) {
            rejects.push(&row, Reason::Draft, "");
            return;
        }
        let conversation_id = row.get(c.conversation_id);
        let folder = row.get(c.folder);
        if has_conversation_ids && conversation_id.is_empty() && folder.is_empty() {
            rejects.push(&row, Reason::Draft, "no conversation and no folder");
            return;
        }
        if folder.eq_ignore_ascii_case("draft") || folder.eq_ignore_ascii_case("drafts") {
            rejects.push(&row, Reason::Draft, "");
            return;
        }
        let from = row.get(c.from);
        let title = row.get(c.title);
        if from.eq_ignore_ascii_case("LinkedIn Member") || title.eq_ignore_ascii_case("Sponsored Conversation") {
            rejects.push(&row, Reason::Sponsored, "");
            return;
        }
        let sender_url = normalise_url(row.get(c.sender_url));
        if from.is_empty() && sender_url.is_none() {
            rejects.push(&row, Reason::NoSender, "");
            return;
        }
        let date_text = row.get(c.date);
        let Some(sent_at) = parse_datetime(date_text) else {
            rejects.push(&row, Reason::BadDate, date_text.to_string());
            return;
        };
        let outgoing = match row.get(c.direction).to_ascii_uppercase().as_str() {
            "OUTGOING" | "SENT" => Some(true),
            "INCOMING" | "RECEIVED" => Some(false),
            _ => None,
        };
        let recipients = split_recipients(row.get(c.to), row.get(c.recipient_urls));
        visit(Message {
            line: row.line,
            offset: row.offset,
            conversation_id,
            title,
            from,
            sender_url,
            recipients,
            sent_at,
            subject: row.get(c.subject),
            content: row.raw(c.content),
            outgoing,
        });
    });
}

/// Splits a comma-joined `TO` list into names, keeping credentials (`Jane Doe, PhD`) with the
/// name before them.
pub fn split_names(to: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for token in to.split(',') {
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        let is_suffix = !names.is_empty() && full_name_key(&format!("x, {token}")) == "x";
        match names.last_mut() {
            Some(last) if is_suffix => {
                last.push_str(", ");
                last.push_str(token);
            }
            _ => names.push(token.to_string()),
        }
    }
    names
}

/// Pairs recipient names with recipient URLs. URLs are split on commas (they contain none,
/// being percent-encoded); names are paired with them only when the counts agree, since
/// display names can themselves contain commas.
pub fn split_recipients(to: &str, urls: &str) -> Vec<(String, Option<String>)> {
    let urls: Vec<String> = urls.split(',').filter_map(normalise_url).collect();
    match urls.len() {
        0 => split_names(to).into_iter().map(|n| (n, None)).collect(),
        1 => vec![(
            to.split_whitespace().collect::<Vec<_>>().join(" "),
            urls.into_iter().next(),
        )],
        n => {
            let names = split_names(to);
            if names.len() == n {
                names.into_iter().zip(urls.into_iter().map(Some)).collect()
            } else {
                urls.into_iter().map(|u| (String::new(), Some(u))).collect()
            }
        }
    }
}

/// Rows a URL appears in, and the names seen with it.
type UrlSeen = (usize, HashMap<String, usize>);

/// Who the export belongs to, as far as the messages tell.
#[derive(Debug, Default, Clone)]
pub struct OwnerHint {
    pub name: Option<String>,
    pub url: Option<String>,
}

/// Finds the export's owner: the participant present in (nearly) every message. With a name
/// from `Profile.csv`, a URL seen with that name wins.
pub fn detect_owner(table: &mut Table<'_>, profile_name: Option<&str>) -> OwnerHint {
    let c = Columns::of(table);
    let mut url_rows: HashMap<String, UrlSeen> = HashMap::new();
    let mut name_rows: HashMap<String, (usize, String)> = HashMap::new();
    let mut rows = 0usize;
    table.for_each_row(|row| {
        let from = row.get(c.from);
        if from.eq_ignore_ascii_case("LinkedIn Member") {
            return;
        }
        rows += 1;
        let direction = row.get(c.direction).to_ascii_uppercase();
        let recipients = split_recipients(row.get(c.to), row.get(c.recipient_urls));
        if let Some(url) = normalise_url(row.get(c.sender_url)) {
            let entry = url_rows.entry(url).or_default();
            entry.0 += 1;
            *entry.1.entry(from.to_string()).or_default() += 1;
        }
        for (name, url) in &recipients {
            if let Some(url) = url {
                let entry = url_rows.entry(url.clone()).or_default();
                entry.0 += 1;
                if !name.is_empty() {
                    *entry.1.entry(name.clone()).or_default() += 1;
                }
            }
        }
        let mut count_name = |name: &str| {
            let key = full_name_key(name);
            if !key.is_empty() {
                let entry = name_rows.entry(key).or_insert((0, name.to_string()));
                entry.0 += 1;
            }
        };
        match direction.as_str() {
            "OUTGOING" => count_name(from),
            "INCOMING" => recipients.iter().for_each(|(n, _)| count_name(n)),
            _ => {
                count_name(from);
                recipients.iter().for_each(|(n, _)| count_name(n));
            }
        }
    });
    let profile_key = profile_name.map(full_name_key);
    let best_url = |urls: &HashMap<String, UrlSeen>| {
        // Prefer a URL seen with the profile's name; otherwise the most frequent, if it is in
        // at least half the rows. Ties break on the URL for determinism.
        let mut all: Vec<(&String, &UrlSeen)> = urls.iter().collect();
        all.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        if let Some(key) = &profile_key {
            if let Some((url, _)) = all
                .iter()
                .find(|(_, (_, names))| names.keys().any(|n| &full_name_key(n) == key))
            {
                return Some((*url).clone());
            }
        }
        all.first()
            .filter(|(_, (n, _))| n * 2 >= rows)
            .map(|(u, _)| (*u).clone())
    };
    let url = best_url(&url_rows);
    let name = match (&url, profile_name) {
        (_, Some(p)) => Some(p.to_string()),
        (Some(u), None) => url_rows.get(u).and_then(|(_, names)| {
            let mut names: Vec<(&String, &usize)> = names.iter().collect();
            names.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            names.first().map(|(n, _)| (*n).clone())
        }),
        (None, None) => {
            let mut names: Vec<&(usize, String)> = name_rows.values().collect();
            names.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            names.first().filter(|(n, _)| n * 2 >= rows).map(|(_, n)| n.clone())
        }
    };
    OwnerHint { name, url }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::decode::Encoding;
    use crate::export::table::{open, Recognised};

    #[test]
    fn group_recipients_split_on_urls() {
        let pairs = split_recipients(
            "Tamara Hafner, PhD,Bob Roe",
            "https://www.linkedin.com/in/tamara,https://www.linkedin.com/in/bob",
        );
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].0, "Tamara Hafner, PhD");
        assert_eq!(pairs[1].1.as_deref(), Some("https://www.linkedin.com/in/bob"));
        // Counts disagree: URLs alone.
        let pairs = split_recipients(
            "Roe, Bob, Ann",
            "https://www.linkedin.com/in/b,https://www.linkedin.com/in/a",
        );
        assert_eq!(pairs.len(), 2);
        assert!(pairs.iter().all(|(n, u)| n.is_empty() && u.is_some()));
        // One URL: the whole TO is one name, commas and all.
        let pairs = split_recipients("Jennifer Chavez, MBA,", "https://www.linkedin.com/in/jc");
        assert_eq!(pairs[0].0, "Jennifer Chavez, MBA,");
    }

    #[test]
    fn rejects_drafts_sponsored_and_senderless() {
        let text = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Me Owner,https://www.linkedin.com/in/me,2024-01-02 10:00:00 UTC,,hello,INBOX,No\n\
,,Me Owner,https://www.linkedin.com/in/me,Ann Lee,https://www.linkedin.com/in/ann,2024-01-03 10:00:00 UTC,,draft text,,Yes\n\
c2,Sponsored Conversation,LinkedIn Member,,Me Owner,https://www.linkedin.com/in/me,2024-01-04 10:00:00 UTC,,<p>Hi %FIRSTNAME%</p>,INBOX,No\n\
c3,,,,Me Owner,https://www.linkedin.com/in/me,2024-01-05 10:00:00 UTC,,,INBOX,No\n\
c4,,Ann Lee,https://www.linkedin.com/in/ann,Me Owner,https://www.linkedin.com/in/me,yesterday,,x,INBOX,No\n";
        let Recognised::Table(mut table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!()
        };
        let mut rejects = Rejects::new("messages.csv");
        let mut seen = Vec::new();
        for_each(&mut table, &mut rejects, |m| seen.push(m.line));
        assert_eq!(seen, vec![2]);
        let reasons: Vec<Reason> = rejects.list.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            vec![Reason::Draft, Reason::Sponsored, Reason::NoSender, Reason::BadDate]
        );
    }

    #[test]
    fn owner_is_in_every_row() {
        let text = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Me Owner,https://www.linkedin.com/in/me,2024-01-02 10:00:00 UTC,,hello,INBOX\n\
c1,,Me Owner,https://www.linkedin.com/in/me,Ann Lee,https://www.linkedin.com/in/ann,2024-01-03 10:00:00 UTC,,hi,INBOX\n\
c2,,Bob Roe,https://www.linkedin.com/in/bob,Me Owner,https://www.linkedin.com/in/me,2024-01-04 10:00:00 UTC,,yo,INBOX\n";
        let Recognised::Table(mut table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!()
        };
        let hint = detect_owner(&mut table, None);
        assert_eq!(hint.url.as_deref(), Some("https://www.linkedin.com/in/me"));
        assert_eq!(hint.name.as_deref(), Some("Me Owner"));
    }
}

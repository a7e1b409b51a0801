//! `messages.csv` (and 2018's `Messages.csv`) in every era: rows are visited one at a time,
//! borrowing from the file's text (the row reader) or from polars' columns (a chunk at a
//! time: [`super::frame`]), because the message history is the one large file.
//!
//! Not messages between people, and rejected with their reason: drafts, sponsored/InMail
//! rows, rows without a sender, rows with an unreadable date.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dates::DateColumn;
use super::frame::Frame;
use super::table::{Cells, Table};
use super::{Reason, Rejects};
use crate::resolve::{display_name, full_name_key, is_hidden_name, name_from_url, normalise_url};

/// Column positions, resolved once per file.
struct Columns {
    conversation_id: Option<usize>,
    title: Option<usize>,
    from: Option<usize>,
    sender_url: Option<usize>,
    to: Option<usize>,
    recipient_urls: Option<usize>,
    date: Option<usize>,
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
            content: table.column("content"),
            folder: table.column("folder"),
            direction: table.column("direction"),
            message_draft: table.column("is message draft"),
            conversation_draft: table.column("is conversation draft"),
        }
    }
}

/// One person-to-person message, borrowing from the row it was read from.
pub struct Message<'r> {
    pub line: u64,
    /// Byte offset in the file, for progress.
    pub offset: u64,
    /// `CONVERSATION ID`, empty before 2021.
    pub conversation_id: &'r str,
    pub title: &'r str,
    pub sender: &'r Sender,
    pub recipients: &'r Recipients,
    pub sent_at: NaiveDateTime,
    pub content: &'r str,
    /// `DIRECTION` of the 2018 and 2020 layouts: `Some(true)` for outgoing.
    pub outgoing: Option<bool>,
    /// The cells, for the rejects file if a later step rejects the row.
    pub row: &'r dyn Cells,
}

/// A sender as one spelling of `FROM` and `SENDER PROFILE URL` names them. Worked out once
/// per spelling: a history of a million rows has a few thousand.
#[derive(Debug)]
pub struct Sender {
    /// Distinct per spelling within a file, dense from 0 (for the caller's own memos).
    pub id: usize,
    /// The display name; empty for a hidden name ("LinkedIn Member").
    pub name: String,
    pub url: Option<String>,
    /// What identifies the sender in a message's fingerprint: the URL, else the name's key.
    pub key: String,
    /// "LinkedIn Member" without a profile URL: only the conversation can tell who it was.
    pub hidden: bool,
    /// No name, no URL: a row without a sender.
    missing: bool,
}

/// The recipients one spelling of `TO` and `RECIPIENT PROFILE URLS` names.
#[derive(Debug)]
pub struct Recipients {
    /// Distinct per spelling within a file, dense from 0.
    pub id: usize,
    /// Display name (may be empty when it cannot be paired) and URL.
    pub list: Vec<(String, Option<String>)>,
    /// A recipient was "LinkedIn Member" without a profile URL (left out of `list`).
    pub hidden: bool,
}

/// Values worked out once per distinct pair of cells, found by the two cells' text.
struct Memo<T> {
    values: Vec<T>,
    index: HashMap<String, HashMap<String, usize>>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            values: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T> Memo<T> {
    /// The index of the value for (`a`, `b`), made by `make` (given its index) the first time.
    fn find(&mut self, a: &str, b: &str, make: impl FnOnce(usize) -> T) -> usize {
        if let Some(&hit) = self.index.get(a).and_then(|inner| inner.get(b)) {
            return hit;
        }
        let id = self.values.len();
        self.values.push(make(id));
        self.index.entry(a.to_string()).or_default().insert(b.to_string(), id);
        id
    }
}

fn is_yes(value: &str) -> bool {
    ["yes", "true", "1"].iter().any(|yes| value.eq_ignore_ascii_case(yes))
}

/// Normalised URLs by their raw spelling: a message history repeats a few thousand URLs a
/// million times, and normalising (percent-decoding, NFC, case) is the costly part.
#[derive(Default)]
pub(crate) struct UrlCache(HashMap<String, Option<String>>);

impl UrlCache {
    /// [`normalise_url`], memoised.
    pub(crate) fn get(&mut self, raw: &str) -> Option<String> {
        if let Some(hit) = self.0.get(raw) {
            return hit.clone();
        }
        let value = normalise_url(raw);
        self.0.insert(raw.to_string(), value.clone());
        value
    }
}

/// A marketing body: the HTML of sponsored InMail (`<p class="spinmail-...">`) or an unfilled
/// mail-merge placeholder (`%FIRSTNAME%`).
fn is_marketing(content: &str) -> bool {
    // One byte search first: almost no body has `<` or `%`, and this runs on every message.
    memchr::memchr2(b'<', b'%', content.as_bytes()).is_some()
        && ((content.contains('<') && content.contains("spinmail"))
            || content.contains("%FIRSTNAME%")
            || content.contains("%LASTNAME%"))
}

/// Which reader goes through the message history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reader {
    /// polars for large files of the plain shape LinkedIn writes, the row reader otherwise.
    #[default]
    Auto,
    /// The CSV crate, row by row: every shape, and the reference the tests compare against.
    Rows,
    /// polars whenever the file's shape allows, whatever its size, seven rows at a time (for
    /// the tests: many chunk boundaries in a small file).
    Frame,
}

/// Files smaller than this are read row by row: polars' start-up costs more than it saves.
const FRAME_MIN_BYTES: usize = 4 << 20;

/// The message history as polars reads it, when `reader` and the file's size and shape allow;
/// `None` to read it row by row.
pub(crate) fn frame<'a>(table: &Table<'a>, reader: Reader) -> Option<Frame<'a>> {
    let large = table
        .data_section()
        .is_some_and(|(text, start, _)| text.len() - start >= FRAME_MIN_BYTES);
    match reader {
        Reader::Rows => None,
        Reader::Auto if !large => None,
        Reader::Auto => Frame::of(table),
        Reader::Frame => Frame::of(table).map(|frame| frame.with_chunk_rows(TEST_CHUNK_ROWS)),
    }
}

/// Rows per polars chunk with [`Reader::Frame`]: few, so that the small files of the tests
/// cross many chunk boundaries.
const TEST_CHUNK_ROWS: usize = 7;

/// Visits every usable message of `table` (read from `frame` when there is one: see
/// `frame`); rejects the rest into `rejects`. A sender or recipient shown as "LinkedIn
/// Member" is a person whose name LinkedIn hides: known by their profile URL when the row has
/// one, otherwise flagged for the caller to identify from the conversation.
pub fn for_each(
    table: &mut Table<'_>,
    frame: Option<&Frame<'_>>,
    rejects: &mut Rejects<'_>,
    mut visit: impl FnMut(Message<'_>) -> bool,
) {
    let mut classify = Classify::new(table);
    match frame {
        Some(frame) => frame.for_each_row(|row| classify.row(row, rejects, &mut visit)),
        None => table.for_each_row_while(|row| classify.row(&row, rejects, &mut visit)),
    }
}

/// The rules that tell a message between people from everything else, applied to one row.
struct Classify {
    c: Columns,
    urls: UrlCache,
    dates: DateColumn,
    senders: Memo<Sender>,
    recipients: Memo<Recipients>,
}

impl Classify {
    fn new(table: &Table<'_>) -> Self {
        let c = Columns::of(table);
        Classify {
            dates: table.date_column(c.date),
            c,
            urls: UrlCache::default(),
            senders: Memo::default(),
            recipients: Memo::default(),
        }
    }

    /// Classifies one row; passes a message to `visit`. False when `visit` asked to stop.
    fn row(&mut self, row: &dyn Cells, rejects: &mut Rejects<'_>, visit: &mut impl FnMut(Message<'_>) -> bool) -> bool {
        let c = &self.c;
        if row.is_blank() {
            return true;
        }
        if is_yes(row.get(c.message_draft)) || is_yes(row.get(c.conversation_draft)) {
            rejects.push(row, Reason::Draft, "");
            return true;
        }
        let conversation_id = row.get(c.conversation_id);
        let folder = row.get(c.folder);
        if c.conversation_id.is_some() && conversation_id.is_empty() && folder.is_empty() {
            rejects.push(row, Reason::Draft, "no conversation and no folder");
            return true;
        }
        if folder.eq_ignore_ascii_case("draft") || folder.eq_ignore_ascii_case("drafts") {
            rejects.push(row, Reason::Draft, "");
            return true;
        }
        let title = row.get(c.title);
        let content = row.raw(c.content);
        if title.eq_ignore_ascii_case("Sponsored Conversation") || is_marketing(content) {
            rejects.push(row, Reason::Sponsored, "");
            return true;
        }
        let urls = &mut self.urls;
        let (from, sender_url) = (row.get(c.from), row.get(c.sender_url));
        let sender = self.senders.find(from, sender_url, |id| {
            let url = urls.get(sender_url);
            let hidden = is_hidden_name(from);
            let name = if hidden { "" } else { from };
            Sender {
                id,
                key: url.clone().unwrap_or_else(|| full_name_key(name)),
                name: name.to_string(),
                missing: name.is_empty() && url.is_none() && !hidden,
                hidden: hidden && url.is_none(),
                url,
            }
        });
        let sender = &self.senders.values[sender];
        if sender.missing {
            rejects.push(row, Reason::NoSender, "");
            return true;
        }
        let date_text = row.get(c.date);
        let Some(sent_at) = self.dates.datetime(date_text) else {
            rejects.push(row, Reason::BadDate, date_text.to_string());
            return true;
        };
        let direction = row.get(c.direction);
        let outgoing = if is_outgoing(direction) {
            Some(true)
        } else if is_incoming(direction) {
            Some(false)
        } else {
            None
        };
        let (to, to_urls) = (row.get(c.to), row.get(c.recipient_urls));
        let recipients = self.recipients.find(to, to_urls, |id| {
            let mut list = split_recipients_cached(to, to_urls, urls);
            let mut hidden = false;
            list.retain_mut(|(name, url)| {
                if is_hidden_name(name) {
                    name.clear();
                    hidden |= url.is_none();
                    return url.is_some();
                }
                true
            });
            Recipients { id, list, hidden }
        });
        visit(Message {
            line: row.line(),
            offset: row.offset(),
            conversation_id,
            title,
            sender,
            recipients: &self.recipients.values[recipients],
            sent_at,
            content,
            outgoing,
            row,
        })
    }
}

/// Splits a comma-joined `TO` list into names, keeping credentials (`Jane Doe, PhD`) with the
/// name before them.
pub(crate) fn split_names(to: &str) -> Vec<String> {
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
#[cfg(test)]
fn split_recipients(to: &str, urls: &str) -> Vec<(String, Option<String>)> {
    split_recipients_cached(to, urls, &mut UrlCache::default())
}

fn split_recipients_cached(to: &str, urls: &str, cache: &mut UrlCache) -> Vec<(String, Option<String>)> {
    // Every listed URL keeps its place, usable or not (`https://www.linkedin.com/in`, cut),
    // so that names pair with the right ones.
    let urls: Vec<Option<String>> = if urls.trim().is_empty() {
        Vec::new()
    } else {
        urls.split(',').map(|u| cache.get(u)).collect()
    };
    // The common case, one recipient without a comma in their name, needs no splitting (it
    // runs on every message).
    if urls.len() <= 1 && !to.contains(',') {
        let name = display_name(to, "");
        return if name.is_empty() && urls.is_empty() {
            Vec::new()
        } else {
            vec![(name, urls.into_iter().next().flatten())]
        };
    }
    let names = split_names(to);
    // Names LinkedIn hides have no URL: when counting them out makes names and URLs agree,
    // the others pair with the URLs and the hidden ones follow without one.
    let visible = names.iter().filter(|n| !is_hidden_name(n)).count();
    let hidden = || names.iter().filter(|n| is_hidden_name(n)).map(|n| (n.clone(), None));
    match urls.len() {
        0 => names.into_iter().map(|n| (n, None)).collect(),
        1 if visible == 1 && names.len() > 1 => names
            .iter()
            .filter(|n| !is_hidden_name(n))
            .map(|n| (n.clone(), urls[0].clone()))
            .chain(hidden())
            .collect(),
        // One recipient: the whole TO is their name, commas and all ("Jennifer Chavez, MBA").
        1 if names.len() <= 1 => vec![(display_name(to, ""), urls[0].clone())],
        // Several names and one URL: the URL is the one whose slug spells a name; the
        // others are recipients without a URL.
        1 => {
            let slug_key = urls[0]
                .as_deref()
                .map(|u| full_name_key(&name_from_url(u)))
                .unwrap_or_default();
            let owner_of_url = names
                .iter()
                .position(|n| !slug_key.is_empty() && full_name_key(n) == slug_key);
            let mut pairs: Vec<(String, Option<String>)> = names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), if Some(i) == owner_of_url { urls[0].clone() } else { None }))
                .collect();
            if owner_of_url.is_none() {
                pairs.push((String::new(), urls[0].clone()));
            }
            pairs
        }
        n if names.len() == n => names.into_iter().zip(urls).collect(),
        n if visible == n => names
            .iter()
            .filter(|n| !is_hidden_name(n))
            .cloned()
            .zip(urls)
            .chain(hidden())
            .collect(),
        _ => urls.into_iter().flatten().map(|u| (String::new(), Some(u))).collect(),
    }
}

/// Who the export belongs to, as far as the messages tell.
#[derive(Debug, Default, Clone)]
pub struct OwnerHint {
    pub name: Option<String>,
    pub url: Option<String>,
    /// The owner's name by the messages alone, whatever `Profile.csv` says: the usual `FROM`
    /// of rows marked OUTGOING, or else the participant of (nearly) every row.
    pub sender_name: Option<String>,
    /// The name comes from rows marked OUTGOING (2018 and ~2020 layouts), not from counting.
    pub directed: bool,
}

/// Owner detection counts participants in this many rows: the owner is in every
/// conversation, so a sample decides as well as the whole file.
const OWNER_SAMPLE_ROWS: usize = 50_000;

/// Counts of one participant across rows.
#[derive(Debug, Default)]
struct Seen {
    rows: usize,
    /// Display names seen with a URL (as sender or paired recipient), with counts.
    names: HashMap<String, usize>,
}

/// The most frequent value, ties to the first in sort order.
pub(crate) fn most_common(names: &HashMap<String, usize>) -> Option<String> {
    let mut all: Vec<(&String, &usize)> = names.iter().collect();
    all.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    all.first().map(|(n, _)| (*n).clone())
}

/// Finds the export's owner: the participant present in (nearly) every message.
///
/// From mid 2023 every row carries the owner's URL (as sender or recipient). Before that only
/// senders have URLs, so the owner is found by name (in `FROM` of sent rows and `TO` of
/// received ones) and their URL is the one seen with that name as sender. A name from
/// `Profile.csv` wins over counting.
///
/// Reads a sample of the rows (the first `OWNER_SAMPLE_ROWS`), not the whole file.
pub fn detect_owner(table: &mut Table<'_>, profile_name: Option<&str>) -> OwnerHint {
    let c = Columns::of(table);
    let mut tally = Tally::default();
    table.for_each_row_while(|row| {
        if tally.rows >= OWNER_SAMPLE_ROWS {
            return false;
        }
        tally.count(&c, &row);
        true
    });
    let ranked = Ranked::of(&tally);
    let counted = ranked.counted_owner();
    let directed = !tally.outgoing_from.is_empty();
    let sender_name = most_common(&tally.outgoing_from).or(counted.name.clone());
    match profile_name {
        Some(profile) => OwnerHint {
            name: Some(profile.to_string()),
            // Without a sent row, the URL in most rows is the owner's only where recipients
            // have URLs too (mid 2023 on); before, it is a chatty contact's.
            url: ranked.url_with_name(&full_name_key(profile)).or_else(|| {
                ranked
                    .urls
                    .first()
                    .filter(|(_, n)| ranked.in_most_rows(*n) && c.recipient_urls.is_some())
                    .map(|(u, _)| u.clone())
            }),
            sender_name,
            directed,
        },
        // Rows marked OUTGOING name the owner outright; counting is the fallback.
        None => OwnerHint {
            name: sender_name.clone(),
            sender_name,
            directed,
            ..counted
        },
    }
}

/// What [`detect_owner`]'s sample of rows says about each participant.
#[derive(Default)]
struct Tally {
    /// Rows counted (not blank ones).
    rows: usize,
    /// Participants by normalised profile URL.
    by_url: HashMap<String, Seen>,
    /// Participants by name, keyed by [`full_name_key`].
    by_name: HashMap<String, Seen>,
    /// `FROM` of rows marked OUTGOING, with counts.
    outgoing_from: HashMap<String, usize>,
    urls: UrlCache,
    /// [`full_name_key`] by name, memoised: the same few thousand names repeat in every row.
    keys: HashMap<String, String>,
    /// The name keys already counted in the current row (reused across rows).
    row_keys: Vec<String>,
}

impl Tally {
    /// Counts the participants of one row; a blank row counts for nothing.
    fn count(&mut self, c: &Columns, row: &dyn Cells) {
        // A hidden sender names nobody, but the row's recipients still name the owner.
        let from = Some(row.get(c.from)).filter(|f| !is_hidden_name(f)).unwrap_or("");
        if row.is_blank() {
            return;
        }
        self.rows += 1;
        if is_outgoing(row.get(c.direction)) && !from.is_empty() {
            *self.outgoing_from.entry(from.to_string()).or_default() += 1;
        }
        let recipients = split_recipients_cached(row.get(c.to), row.get(c.recipient_urls), &mut self.urls);
        self.count_urls(from, row.get(c.sender_url), &recipients);
        self.count_names(from, &recipients);
    }

    /// Counts the row for the sender's URL (`sender_url` as written) and each recipient's, with
    /// the name seen beside it.
    fn count_urls(&mut self, from: &str, sender_url: &str, recipients: &[(String, Option<String>)]) {
        if let Some(url) = self.urls.get(sender_url) {
            let seen = self.by_url.entry(url).or_default();
            seen.rows += 1;
            if !from.is_empty() {
                *seen.names.entry(from.to_string()).or_default() += 1;
            }
        }
        for (name, url) in recipients {
            if let Some(url) = url {
                let seen = self.by_url.entry(url.clone()).or_default();
                seen.rows += 1;
                if !name.is_empty() {
                    *seen.names.entry(name.clone()).or_default() += 1;
                }
            }
        }
    }

    /// Counts the row once for each distinct name key among the sender and recipients, hidden
    /// names left out.
    fn count_names(&mut self, from: &str, recipients: &[(String, Option<String>)]) {
        self.row_keys.clear();
        for name in std::iter::once(from)
            .chain(recipients.iter().map(|(n, _)| n.as_str()))
            .filter(|n| !is_hidden_name(n))
        {
            let key = if let Some(k) = self.keys.get(name) {
                k.clone()
            } else {
                let k = full_name_key(name);
                self.keys.insert(name.to_string(), k.clone());
                k
            };
            if !key.is_empty() && !self.row_keys.contains(&key) {
                let seen = self.by_name.entry(key.clone()).or_default();
                seen.rows += 1;
                *seen.names.entry(name.to_string()).or_default() += 1;
                self.row_keys.push(key);
            }
        }
    }
}

/// A [`Tally`]'s participants by URL and by name key, each with its count of rows, most rows
/// first (ties in key order, so the result does not depend on hashing).
struct Ranked<'t> {
    tally: &'t Tally,
    urls: Vec<(String, usize)>,
    names: Vec<(String, usize)>,
}

impl<'t> Ranked<'t> {
    fn of(tally: &'t Tally) -> Self {
        let ordered = |map: &HashMap<String, Seen>| -> Vec<(String, usize)> {
            let mut all: Vec<(String, usize)> = map.iter().map(|(k, s)| (k.clone(), s.rows)).collect();
            all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            all
        };
        Ranked {
            tally,
            urls: ordered(&tally.by_url),
            names: ordered(&tally.by_name),
        }
    }

    /// `count` rows are most of the sample (60% or more): enough to be the owner's.
    fn in_most_rows(&self, count: usize) -> bool {
        count * 10 >= self.tally.rows * 6
    }

    /// The URL of most rows seen beside a name with this key.
    fn url_with_name(&self, key: &str) -> Option<String> {
        self.urls
            .iter()
            .find(|(url, _)| self.tally.by_url[url].names.keys().any(|n| full_name_key(n) == key))
            .map(|(url, _)| url.clone())
    }

    /// The owner by counting alone: the participant of most rows, by URL or by name. Before
    /// mid 2023 only senders have URLs, so a chatty contact can outnumber the owner by URL
    /// while the owner's name is in every row: the larger count wins, and a tie goes to the URL.
    fn counted_owner(&self) -> OwnerHint {
        let by_url_best = self.urls.first().filter(|(_, n)| self.in_most_rows(*n));
        let by_name_best = self.names.first().filter(|(_, n)| self.in_most_rows(*n));
        match (by_url_best, by_name_best) {
            (Some((url, url_rows)), name) if name.is_none_or(|(_, name_rows)| name_rows <= url_rows) => OwnerHint {
                name: most_common(&self.tally.by_url[url].names),
                url: Some(url.clone()),
                ..OwnerHint::default()
            },
            (_, Some((key, _))) => OwnerHint {
                name: most_common(&self.tally.by_name[key].names),
                url: self.url_with_name(key),
                ..OwnerHint::default()
            },
            _ => OwnerHint::default(),
        }
    }
}

/// `DIRECTION` says the owner sent the row.
fn is_outgoing(direction: &str) -> bool {
    direction.eq_ignore_ascii_case("outgoing") || direction.eq_ignore_ascii_case("sent")
}

/// `DIRECTION` says the owner received the row.
fn is_incoming(direction: &str) -> bool {
    direction.eq_ignore_ascii_case("incoming") || direction.eq_ignore_ascii_case("received")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linkedin::decode::Encoding;
    use crate::linkedin::table::{open, Recognised};

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
        // One URL: the whole TO is one name, commas and all, without a trailing one.
        let pairs = split_recipients("Jennifer Chavez, MBA,", "https://www.linkedin.com/in/jc");
        assert_eq!(pairs[0].0, "Jennifer Chavez, MBA");
        // A hidden name has no URL: the others pair with the URLs.
        let pairs = split_recipients("Jo Park,LinkedIn Member", "https://www.linkedin.com/in/jo-park");
        assert_eq!(
            pairs[0],
            (
                "Jo Park".to_string(),
                Some("https://www.linkedin.com/in/jo-park".to_string())
            )
        );
        assert_eq!(pairs[1], ("LinkedIn Member".to_string(), None));
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
        for_each(&mut table, None, &mut rejects, |m| {
            seen.push(m.line);
            true
        });
        assert_eq!(seen, vec![2]);
        let reasons: Vec<Reason> = rejects.list.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            vec![Reason::Draft, Reason::Sponsored, Reason::NoSender, Reason::BadDate]
        );
    }

    #[test]
    fn owner_without_recipient_urls_is_found_by_name() {
        // 2021 layout: only senders have URLs, and the owner sent one message in three.
        let text = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Ann Lee,https://www.linkedin.com/in/ann,Me Owner,2022-01-02 10:00:00 UTC,,hello,INBOX\n\
c2,,Bob Roe,https://www.linkedin.com/in/bob,Me Owner,2022-01-03 10:00:00 UTC,,yo,INBOX\n\
c2,,Me Owner,https://www.linkedin.com/in/me,Bob Roe,2022-01-04 10:00:00 UTC,,hi,INBOX\n";
        let Recognised::Table(mut table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!()
        };
        let hint = detect_owner(&mut table, None);
        assert_eq!(hint.name.as_deref(), Some("Me Owner"));
        assert_eq!(hint.url.as_deref(), Some("https://www.linkedin.com/in/me"));
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

//! The message history, streamed: a reader thread classifies, resolves and fingerprints each
//! row as it is read and hands rows to the transaction's thread in batches of 256 (at most 8
//! batches waiting), so the file's rows never sit in memory as records. On a member's first
//! import the messages written are summed up per conversation, sender and direction as they
//! go, for the tie statistics.

use std::collections::HashMap;
use std::sync::mpsc::SyncSender;

use rusqlite::{params, Transaction};

use super::{epoch, is_member, Context, Outcome};
use crate::error::Result;
use crate::hash::{Fingerprint, IdSet};
use crate::linkedin::frame::Frame;
use crate::linkedin::messages::{self, Message};
use crate::linkedin::table::Table;
use crate::linkedin::{Reason, Rejects};
use crate::resolve::{Identity, Resolver};
use crate::store::stats::Run;

struct Conversation {
    id: i64,
    title: String,
    participants: IdSet<i64>,
    is_group: bool,
    stored_group: Option<bool>,
    /// A row shows a hidden person ("LinkedIn Member", no URL) beside someone known: the
    /// conversation has someone it cannot name, so its hidden rows are nobody's.
    hidden_beside_known: bool,
}

/// Stores the messages of one file. Returns rows used and rows already present.
pub(crate) fn store(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    file: MessageFile<'_, '_>,
    progress: &dyn Fn(u64),
    stats: Option<&mut crate::store::stats::Columns>,
) -> Result<Outcome> {
    let MessageFile { table, frame, rejects } = file;
    let loaded = load(tx, context)?;
    let keep = stats.is_some();
    let reading = MessageFile {
        table: &mut *table,
        frame,
        rejects: &mut *rejects,
    };
    let Read {
        conversations,
        outcome,
        late_rejects,
        runs,
    } = read_and_write(tx, context, resolver, reading, loaded, keep, progress)?;
    if let Some(stats) = stats {
        tie_columns(context, &conversations, &runs, stats);
    }
    drop(runs);
    for (line, reason, raw) in late_rejects {
        rejects.list.push(crate::linkedin::Reject {
            file: rejects.file.to_string(),
            line,
            reason,
            detail: String::new(),
            raw,
        });
    }
    progress(frame.map_or_else(|| table.position(), Frame::end));
    super::people::flush(tx, resolver)?;
    store_conversations(tx, context, &conversations)?;
    Ok(outcome)
}

/// What earlier imports stored for the member: their conversations and who took part, the
/// next free conversation id, and the fingerprints of their messages.
fn load(tx: &Transaction<'_>, context: &Context) -> Result<Loaded> {
    let conversations = load_conversations(tx, context.member_id)?;
    let next_conversation: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM conversations", [], |r| r.get(0))?;
    let existing = load_fingerprints(tx, context.member_id)?;
    Ok(Loaded {
        conversations,
        next_conversation,
        existing,
    })
}

/// The member's stored conversations by key, with who took part as earlier imports stored it:
/// a newer export may show someone as "LinkedIn Member" who had a name before.
fn load_conversations(tx: &Transaction<'_>, member_id: i64) -> Result<HashMap<String, Conversation>> {
    let mut conversations: HashMap<String, Conversation> = HashMap::new();
    let mut query = tx.prepare("SELECT id, key, title, is_group FROM conversations WHERE member_id = ?1")?;
    let rows = query.query_map([member_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    for row in rows {
        let (id, key, title, is_group) = row?;
        conversations.insert(
            key,
            Conversation {
                id,
                title,
                participants: IdSet::default(),
                is_group,
                stored_group: Some(is_group),
                hidden_beside_known: false,
            },
        );
    }
    let mut query = tx.prepare(
        "SELECT c.key, cp.person_id FROM conversation_participants cp
         JOIN conversations c ON c.id = cp.conversation_id WHERE c.member_id = ?1",
    )?;
    let rows = query.query_map([member_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (key, person) = row?;
        if let Some(conversation) = conversations.get_mut(&key) {
            conversation.participants.insert(person);
        }
    }
    Ok(conversations)
}

/// The fingerprints of the messages already stored for the member (from earlier imports): a
/// hash set instead of a unique index, which would cost a random B-tree insert per message.
fn load_fingerprints(tx: &Transaction<'_>, member_id: i64) -> Result<IdSet<i64>> {
    let mut existing: IdSet<i64> = IdSet::default();
    let mut query = tx.prepare(
        "SELECT m.fingerprint FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.member_id = ?1",
    )?;
    let rows = query.query_map([member_id], |r| r.get::<_, i64>(0))?;
    for row in rows {
        existing.insert(row?);
    }
    Ok(existing)
}

/// Runs [`read`] on a thread of its own and writes the batches it hands over on this one, the
/// transaction's: SQLite's share of the work and the rest overlap. With `keep`, the messages
/// written are summed up for the tie statistics.
fn read_and_write(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    file: MessageFile<'_, '_>,
    loaded: Loaded,
    keep: bool,
    progress: &dyn Fn(u64),
) -> Result<Read> {
    let (batches, arriving) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
    std::thread::scope(|scope| -> Result<Read> {
        let reader = scope.spawn(move || read(context, resolver, file, loaded, Writer::new(batches, keep)));
        let mut failure = None;
        for batch in arriving {
            if let Err(e) = insert(tx, &batch.rows) {
                // Dropping the receiving end stops the reader at its next batch.
                failure = Some(e);
                break;
            }
            progress(batch.offset);
        }
        let read = match reader.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match failure {
            Some(e) => Err(e.into()),
            None => Ok(read),
        }
    })
}

/// Writes the conversations new to the workspace, marks those that became groups, and adds
/// who took part, in a fixed order (conversations by key, their people by id). Conversations
/// without participants are left out.
fn store_conversations(
    tx: &Transaction<'_>,
    context: &Context,
    conversations: &HashMap<String, Conversation>,
) -> Result<()> {
    let mut new_conversation = tx.prepare_cached(
        "INSERT INTO conversations (id, member_id, key, title, is_group) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut set_group = tx.prepare_cached("UPDATE conversations SET is_group = 1 WHERE id = ?1")?;
    let mut participant = tx.prepare_cached(
        "INSERT OR IGNORE INTO conversation_participants (conversation_id, person_id) VALUES (?1, ?2)",
    )?;
    let mut keys: Vec<&String> = conversations.keys().collect();
    keys.sort();
    for key in keys {
        let c = &conversations[key];
        if c.participants.is_empty() {
            continue;
        }
        match c.stored_group {
            None => {
                new_conversation.execute(params![c.id, context.member_id, key, c.title, c.is_group])?;
            }
            Some(false) if c.is_group => {
                set_group.execute([c.id])?;
            }
            Some(_) => {}
        }
        let mut people: Vec<i64> = c.participants.iter().copied().collect();
        people.sort_unstable();
        for person in people {
            participant.execute(params![c.id, person])?;
        }
    }
    Ok(())
}

/// A message file: its table, the frame polars reads it through (if any), its rejects.
pub(crate) struct MessageFile<'t, 'a> {
    pub table: &'t mut Table<'a>,
    pub frame: Option<&'t Frame<'a>>,
    pub rejects: &'t mut Rejects<'a>,
}

/// What a pass starts from: the member's conversations and messages stored by earlier imports.
struct Loaded {
    conversations: HashMap<String, Conversation>,
    next_conversation: i64,
    existing: IdSet<i64>,
}

/// What a pass found, besides the rows it handed over to be written.
struct Read {
    conversations: HashMap<String, Conversation>,
    outcome: Outcome,
    late_rejects: Vec<(u64, Reason, String)>,
    runs: Runs,
}

/// Batches handed to the writing thread before the reader waits for it.
const BATCHES_IN_FLIGHT: usize = 8;

/// Reads every message of the file, resolves its people, files it under its conversation and
/// hands the rows to write to `writer`. Stops early when the writing end is gone.
fn read(context: &Context, resolver: &mut Resolver, file: MessageFile<'_, '_>, loaded: Loaded, writer: Writer) -> Read {
    let MessageFile { table, frame, rejects } = file;
    let mut pass = Pass::new(context, loaded, writer, frame.map_or(0, Frame::rows));
    let mut reading = Reading {
        names: Names::new(context),
        others: Vec::new(),
        hidden: Vec::new(),
        stopped: false,
    };
    messages::for_each(table, frame, rejects, |m: Message<'_>| {
        reading.take(&mut pass, resolver, &m)
    });
    let Reading { hidden, stopped, .. } = reading;
    pass.mark_hidden_beside_known(&hidden);
    // After a failed write nothing more is recorded.
    if !stopped {
        pass.record_hidden(resolver, hidden);
    }
    pass.finish()
}

/// What the reader keeps from row to row besides the [`Pass`]: who the cells name, and the
/// rows of hidden people set aside until the whole file is read.
struct Reading<'c> {
    names: Names<'c>,
    /// The participants of the row at hand other than the owner: one buffer for every row.
    others: Vec<i64>,
    hidden: Vec<Hidden>,
    /// A write failed: the writing end is gone.
    stopped: bool,
}

impl Reading<'_> {
    /// Takes one row: resolves its people, then records it, or sets it aside when its sender
    /// or recipients are hidden or missing. Returns whether to read on.
    fn take(&mut self, pass: &mut Pass<'_>, resolver: &mut Resolver, m: &Message<'_>) -> bool {
        pass.writer.offset = m.offset;
        let sender = self.names.participants(resolver, m, &mut self.others);
        if let Some(reason) = unknown(m, sender, &self.others) {
            self.set_aside(pass, m, reason, sender);
            return true;
        }
        let message = Row {
            line: m.line,
            conversation_id: m.conversation_id,
            title: m.title,
            sender: sender.unwrap_or(pass.context.member_person),
            others: &self.others,
            sender_key: &m.sender.key,
            sent_at: m.sent_at,
            content: m.content,
            hidden_beside_known: m.recipients.hidden,
        };
        // The writing end is gone (the import failed): stop reading.
        let go_on = pass.record(&message, || m.row.to_csv_line()).is_ok();
        self.stopped = !go_on;
        go_on
    }

    /// Keeps a row whose sender or recipients are unknown. A hidden name without a URL, in a
    /// conversation with an id, waits: the conversation's other rows may tell who it was, once
    /// they have all been read. Any other is rejected.
    fn set_aside(&mut self, pass: &mut Pass<'_>, m: &Message<'_>, reason: Reason, sender: Option<i64>) {
        let raw = m.row.to_csv_line();
        if matches!(reason, Reason::HiddenSender | Reason::HiddenRecipient) && !m.conversation_id.is_empty() {
            self.hidden.push(Hidden {
                reason,
                line: m.line,
                raw,
                conversation_id: m.conversation_id.to_string(),
                title: m.title.to_string(),
                sent_at: m.sent_at,
                content: m.content.to_string(),
                sender,
                beside_known: !self.others.is_empty(),
            });
        } else {
            pass.late_rejects.push((m.line, reason, raw));
        }
    }
}

/// Why a row cannot be stored as it is: its sender (`None`) or every other participant
/// (`others` empty) is hidden or missing. `None` when both sides are known.
fn unknown(m: &Message<'_>, sender: Option<i64>, others: &[i64]) -> Option<Reason> {
    match sender {
        None if m.sender.hidden => Some(Reason::HiddenSender),
        None => Some(Reason::NoSender),
        Some(_) if others.is_empty() && m.recipients.hidden => Some(Reason::HiddenRecipient),
        Some(_) if others.is_empty() => Some(Reason::NoRecipient),
        Some(_) => None,
    }
}

/// The people the sender and recipient cells name, memoised per spelling of each cell
/// (`Sender::id`, `Recipients::id`): the person, and the recipients other than the owner, in
/// order.
struct Names<'c> {
    memo: Memo<'c>,
    /// Whom each spelling of the sender cells names: `None` until it is first resolved.
    #[allow(clippy::option_option)] // three outcomes: not resolved yet, nobody, someone
    senders: Vec<Option<Option<i64>>>,
    /// The recipients each spelling of the recipient cells names: `None` until first resolved.
    recipient_sets: Vec<Option<Vec<i64>>>,
}

impl<'c> Names<'c> {
    fn new(context: &'c Context) -> Self {
        Names {
            memo: Memo {
                context,
                by_url: HashMap::new(),
                by_name: HashMap::new(),
            },
            senders: Vec::new(),
            recipient_sets: Vec::new(),
        }
    }

    /// A row's sender (`None` when hidden or unknown), and in `others` its participants other
    /// than the owner: the sender, then each recipient not already there.
    fn participants(&mut self, resolver: &mut Resolver, m: &Message<'_>, others: &mut Vec<i64>) -> Option<i64> {
        let member = self.memo.context.member_person;
        let sender = self.sender(resolver, m);
        others.clear();
        if let Some(sender) = sender.filter(|&s| s != member) {
            others.push(sender);
        }
        // Old layouts: an incoming message's TO is the owner.
        if m.outgoing != Some(false) {
            for &id in self.recipients(resolver, m.recipients) {
                if !others.contains(&id) {
                    others.push(id);
                }
            }
        }
        sender
    }

    /// Who sent a row: the owner for an outgoing message, `None` for a hidden name, else the
    /// person its sender cells name.
    fn sender(&mut self, resolver: &mut Resolver, m: &Message<'_>) -> Option<i64> {
        if m.outgoing == Some(true) {
            return Some(self.memo.context.member_person);
        }
        if m.sender.hidden {
            return None;
        }
        let sender = m.sender;
        if self.senders.len() <= sender.id {
            self.senders.resize(sender.id + 1, None);
        }
        let memo = &mut self.memo;
        *self.senders[sender.id].get_or_insert_with(|| memo.resolve(resolver, &sender.name, sender.url.as_deref()))
    }

    /// The people a spelling of the recipient cells names, other than the owner, each once.
    fn recipients(&mut self, resolver: &mut Resolver, recipients: &messages::Recipients) -> &[i64] {
        if self.recipient_sets.len() <= recipients.id {
            self.recipient_sets.resize(recipients.id + 1, None);
        }
        let memo = &mut self.memo;
        self.recipient_sets[recipients.id].get_or_insert_with(|| {
            let member = memo.context.member_person;
            let mut ids = Vec::new();
            for (name, url) in &recipients.list {
                if let Some(id) = memo.resolve(resolver, name, url.as_deref()) {
                    if id != member && !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids
        })
    }
}

/// Resolution memoised by URL, or by name when there is none: the same few thousand people
/// recur in a million rows. A URL, once resolved, always names the same person.
struct Memo<'c> {
    context: &'c Context,
    by_url: HashMap<String, Option<i64>>,
    by_name: HashMap<String, Option<i64>>,
}

impl Memo<'_> {
    /// The person a name and URL stand for: the owner, someone the resolver knows or adds, or
    /// `None` when it cannot tell.
    fn resolve(&mut self, resolver: &mut Resolver, name: &str, url: Option<&str>) -> Option<i64> {
        let hit = match url {
            Some(u) => self.by_url.get(u),
            None => self.by_name.get(name),
        };
        if let Some(hit) = hit {
            return *hit;
        }
        let identity = Identity {
            name: name.to_string(),
            url: url.map(str::to_string),
            ..Identity::default()
        };
        let id = if is_member(self.context, &identity) {
            Some(self.context.member_person)
        } else {
            resolver.resolve(&identity)
        };
        match url {
            Some(u) => self.by_url.insert(u.to_string(), id),
            None => self.by_name.insert(name.to_string(), id),
        };
        id
    }
}

/// A message whose sender or recipient is hidden ("LinkedIn Member", no URL), kept until the
/// whole file is read and its conversation's participants are known.
struct Hidden {
    reason: Reason,
    line: u64,
    raw: String,
    conversation_id: String,
    title: String,
    sent_at: chrono::NaiveDateTime,
    content: String,
    /// The owner, for their message to a hidden person; `None` for a hidden sender.
    sender: Option<i64>,
    /// The row also names someone known besides the owner: the hidden person is one more.
    beside_known: bool,
}

/// One message ready to store: its sender and the other participants resolved.
struct Row<'a> {
    line: u64,
    conversation_id: &'a str,
    title: &'a str,
    sender: i64,
    /// The participants other than the owner.
    others: &'a [i64],
    /// What identifies the sender in the fingerprint: their URL, else their name's key.
    sender_key: &'a str,
    sent_at: chrono::NaiveDateTime,
    content: &'a str,
    /// The row names a hidden person besides those in `others`.
    hidden_beside_known: bool,
}

/// The state of one file's pass: conversations so far, fingerprints seen, the insert.
struct Pass<'c> {
    context: &'c Context,
    conversations: HashMap<String, Conversation>,
    next_conversation: i64,
    writer: Writer,
    /// Messages already stored for this member (from earlier imports): a hash set instead of
    /// a unique index, which would cost a random B-tree insert per message.
    existing: IdSet<i64>,
    seen: IdSet<i64>,
    outcome: Outcome,
    late_rejects: Vec<(u64, Reason, String)>,
}

impl<'c> Pass<'c> {
    /// A pass from what earlier imports stored, with room for the `expected` rows' fingerprints
    /// from the start: growing a million-row table copies it into memory the system must zero
    /// first, which costs more than the copy.
    fn new(context: &'c Context, loaded: Loaded, writer: Writer, expected: usize) -> Self {
        let Loaded {
            conversations,
            next_conversation,
            existing,
        } = loaded;
        Pass {
            context,
            conversations,
            next_conversation,
            writer,
            existing,
            seen: IdSet::with_capacity_and_hasher(expected, std::hash::BuildHasherDefault::default()),
            outcome: Outcome::default(),
            late_rejects: Vec::new(),
        }
    }

    /// Marks the conversations where a row shows a hidden person beside someone known: they
    /// have someone they cannot name, so they are groups and their hidden rows are nobody's.
    fn mark_hidden_beside_known(&mut self, hidden: &[Hidden]) {
        for row in hidden.iter().filter(|row| row.beside_known) {
            if let Some(conversation) = self.conversations.get_mut(&row.conversation_id) {
                conversation.hidden_beside_known = true;
                conversation.is_group = true;
            }
        }
    }

    /// Records the rows of hidden people as sent by or to the one other participant of their
    /// conversation ([`Pass::only_other`]), and rejects those it cannot tell. Stops when the
    /// writing end is gone.
    fn record_hidden(&mut self, resolver: &Resolver, hidden: Vec<Hidden>) {
        for row in hidden {
            let Some(other) = self.only_other(&row) else {
                self.late_rejects.push((row.line, row.reason, row.raw));
                continue;
            };
            // The fingerprint names the sender as a row with their name would have (their URL,
            // else their name's key), so an earlier export's copy of this message is found.
            let other_key = resolver
                .get(other)
                .map(|p| p.url.clone().unwrap_or_else(|| p.name_key.clone()))
                .unwrap_or_default();
            let (sender, sender_key) = match row.sender {
                Some(sender) => (sender, "me"),
                None => (other, other_key.as_str()),
            };
            let message = Row {
                line: row.line,
                conversation_id: &row.conversation_id,
                title: &row.title,
                sender,
                others: &[other],
                sender_key,
                sent_at: row.sent_at,
                content: &row.content,
                hidden_beside_known: false,
            };
            if self.record(&message, || row.raw).is_err() {
                break;
            }
        }
    }

    /// Who a hidden person of a row is: the one participant of its conversation besides the
    /// owner, if there is exactly one and no row shows the hidden person beside them.
    fn only_other(&self, row: &Hidden) -> Option<i64> {
        let context = self.context;
        self.conversations
            .get(&row.conversation_id)
            .filter(|c| !c.hidden_beside_known && !row.beside_known)
            .and_then(|c| {
                let mut others = c.participants.iter().filter(|&&p| p != context.member_person);
                match (others.next(), others.next()) {
                    (Some(&only), None) => Some(only),
                    _ => None,
                }
            })
    }

    /// Hands over the rows still waiting and returns what the pass found.
    fn finish(mut self) -> Read {
        let _ = self.writer.flush();
        let Pass {
            conversations,
            outcome,
            late_rejects,
            writer,
            ..
        } = self;
        Read {
            conversations,
            outcome,
            late_rejects,
            runs: writer.runs,
        }
    }

    /// Files a message under its conversation and inserts it, unless it repeats one of this
    /// file (rejected as a duplicate) or one stored by an earlier import (counted unchanged).
    fn record(&mut self, m: &Row<'_>, raw: impl FnOnce() -> String) -> std::result::Result<(), Stopped> {
        let context = self.context;
        let key: std::borrow::Cow<'_, str> = if m.conversation_id.is_empty() {
            let mut ids = m.others.to_vec();
            ids.sort_unstable();
            let joined: Vec<String> = ids.iter().map(i64::to_string).collect();
            std::borrow::Cow::Owned(format!("with:{}", joined.join(",")))
        } else {
            std::borrow::Cow::Borrowed(m.conversation_id)
        };
        if !self.conversations.contains_key(key.as_ref()) {
            self.conversations.insert(
                key.to_string(),
                Conversation {
                    id: self.next_conversation,
                    title: m.title.to_string(),
                    participants: IdSet::default(),
                    is_group: false,
                    stored_group: None,
                    hidden_beside_known: false,
                },
            );
            self.next_conversation += 1;
        }
        let Some(conversation) = self.conversations.get_mut(key.as_ref()) else {
            return Ok(());
        };
        conversation.participants.insert(context.member_person);
        for &other in m.others {
            conversation.participants.insert(other);
        }
        if m.others.len() > 1 || conversation.participants.len() > 2 || m.hidden_beside_known {
            conversation.is_group = true;
        }
        conversation.hidden_beside_known |= m.hidden_beside_known;
        let outgoing = m.sender == context.member_person;
        // The body is hashed word by word, so whitespace (flattened before 2026, real
        // newlines after) does not make the same message two.
        let mut hasher = Fingerprint::new();
        hasher
            .add(&context.member_id.to_le_bytes())
            .add_str(&key)
            .add_str(if outgoing { "me" } else { m.sender_key })
            .add(&epoch(m.sent_at).to_le_bytes());
        let mut length = 0usize;
        for (i, word) in m.content.split_whitespace().enumerate() {
            hasher.add_str(word);
            length += word.chars().count() + usize::from(i > 0);
        }
        let fingerprint = hasher.finish();
        if !self.seen.insert(fingerprint) {
            self.late_rejects.push((m.line, Reason::Duplicate, raw()));
            return Ok(());
        }
        self.outcome.used += 1;
        if self.existing.contains(&fingerprint) {
            self.outcome.unchanged += 1;
            return Ok(());
        }
        self.writer.push(StoredMessage {
            conversation: conversation.id,
            sender: m.sender,
            sent_at: epoch(m.sent_at),
            outgoing,
            length: i64::try_from(length).unwrap_or(i64::MAX),
            fingerprint,
            content: context.keep_content.then(|| m.content.to_string()),
        })
    }
}

/// A message row as stored.
struct StoredMessage {
    conversation: i64,
    sender: i64,
    sent_at: i64,
    outgoing: bool,
    length: i64,
    fingerprint: i64,
    content: Option<String>,
}

/// Rows handed to the writing thread, and how far into the file they come from (progress).
struct Batch {
    rows: Vec<StoredMessage>,
    offset: u64,
}

/// Messages handed over in batches: one statement of many rows costs SQLite far less than as
/// many statements of one, and the reader goes on while they are written.
struct Writer {
    batches: SyncSender<Batch>,
    batch: Vec<StoredMessage>,
    /// Where in the file the reader is.
    offset: u64,
    /// The messages written, summed up for the tie statistics, when they are made in memory.
    runs: Runs,
    keep: bool,
}

/// Rows per batch and per `INSERT` statement (7 parameters each, well under SQLite's limit
/// of 32,766).
const BATCH_ROWS: usize = 256;

const INSERT_MESSAGES: &str =
    "INSERT INTO messages (conversation_id, sender_id, sent_at, outgoing, length, fingerprint, content) VALUES ";

/// The writing end is gone: the import failed and the reader stops.
struct Stopped;

impl Writer {
    fn new(batches: SyncSender<Batch>, keep: bool) -> Self {
        Writer {
            batches,
            batch: Vec::with_capacity(BATCH_ROWS),
            offset: 0,
            runs: Runs::default(),
            keep,
        }
    }

    fn push(&mut self, message: StoredMessage) -> std::result::Result<(), Stopped> {
        if self.keep {
            self.runs
                .entry((message.conversation, message.sender, message.outgoing))
                .and_modify(|run| run.add(message.sent_at, message.length))
                .or_insert_with(|| Run::one(message.sent_at, message.length));
        }
        self.batch.push(message);
        if self.batch.len() == BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands over the rows waiting.
    fn flush(&mut self) -> std::result::Result<(), Stopped> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_ROWS));
        self.batches
            .send(Batch {
                rows,
                offset: self.offset,
            })
            .map_err(|_| Stopped)
    }
}

/// Inserts rows, as many per statement as there are.
fn insert(tx: &Transaction<'_>, rows: &[StoredMessage]) -> rusqlite::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let placeholders = vec!["(?,?,?,?,?,?,?)"; rows.len()].join(",");
    let mut insert = tx.prepare_cached(&format!("{INSERT_MESSAGES}{placeholders}"))?;
    let mut index = 1;
    for m in rows {
        insert.raw_bind_parameter(index, m.conversation)?;
        insert.raw_bind_parameter(index + 1, m.sender)?;
        insert.raw_bind_parameter(index + 2, m.sent_at)?;
        insert.raw_bind_parameter(index + 3, m.outgoing)?;
        insert.raw_bind_parameter(index + 4, m.length)?;
        insert.raw_bind_parameter(index + 5, m.fingerprint)?;
        insert.raw_bind_parameter(index + 6, m.content.as_deref())?;
        index += 7;
    }
    insert.raw_execute()?;
    Ok(())
}

/// The messages written per conversation, sender and direction: what the tie statistics
/// need of them.
type Runs = crate::hash::IdMap<(i64, i64, bool), Run>;

/// The messages written, as seen from each tie (see [`crate::store::stats::refresh`]): an
/// incoming message counts for its sender, an outgoing one for every other participant of its
/// conversation.
fn tie_columns(
    context: &Context,
    conversations: &HashMap<String, Conversation>,
    runs: &Runs,
    stats: &mut crate::store::stats::Columns,
) {
    let by_id: crate::hash::IdMap<i64, (bool, Vec<i64>)> = conversations
        .values()
        .map(|c| {
            let mut people: Vec<i64> = c
                .participants
                .iter()
                .copied()
                .filter(|&p| p != context.member_person)
                .collect();
            people.sort_unstable();
            (c.id, (c.is_group, people))
        })
        .collect();
    for (&(conversation, sender, outgoing), &run) in runs {
        let Some((group, people)) = by_id.get(&conversation) else {
            continue;
        };
        if outgoing {
            for &person in people {
                stats.push(person, true, *group, run);
            }
        } else if sender != context.member_person {
            stats.push(sender, false, *group, run);
        }
    }
}

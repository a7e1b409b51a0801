//! The message history, streamed: each row is resolved and inserted as it is read, so a
//! million messages never sit in memory as records.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Transaction};

use super::{epoch, is_member, Context, Outcome};
use crate::error::Result;
use crate::export::messages::{self, Message};
use crate::export::table::{record_to_csv, Table};
use crate::export::{Reason, Rejects};
use crate::hash::Fingerprint;
use crate::resolve::{full_name_key, Identity, Resolver};

struct Conversation {
    id: i64,
    title: String,
    participants: HashSet<i64>,
    is_group: bool,
    stored_group: Option<bool>,
}

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: usize = 16_384;

/// Stores the messages of one file. Returns rows used and rows already present.
pub(crate) fn store(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    table: &mut Table<'_>,
    rejects: &mut Rejects<'_>,
    progress: &dyn Fn(u64),
) -> Result<Outcome> {
    let mut conversations: HashMap<String, Conversation> = HashMap::new();
    {
        let mut query = tx.prepare("SELECT id, key, title, is_group FROM conversations WHERE member_id = ?1")?;
        let rows = query.query_map([context.member_id], |r| {
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
                    participants: HashSet::new(),
                    is_group,
                    stored_group: Some(is_group),
                },
            );
        }
    }
    let mut next_conversation: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM conversations", [], |r| r.get(0))?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO messages (conversation_id, sender_id, sent_at, outgoing, length, fingerprint, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    // Messages already stored for this member (from earlier imports): a hash set instead of a
    // unique index, which would cost a random B-tree insert per message.
    let mut existing: HashSet<i64> = HashSet::new();
    {
        let mut query = tx.prepare(
            "SELECT m.fingerprint FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.member_id = ?1",
        )?;
        let rows = query.query_map([context.member_id], |r| r.get::<_, i64>(0))?;
        for row in rows {
            existing.insert(row?);
        }
    }
    let mut seen: HashSet<i64> = HashSet::new();
    let mut outcome = Outcome::default();
    let mut failure: Option<rusqlite::Error> = None;
    let mut rows_done = 0usize;
    let mut others: Vec<i64> = Vec::new();
    let mut late_rejects = Vec::new();
    // Resolution is memoised (by URL, or by name when there is none): the same few thousand
    // people recur in a million rows. A URL, once resolved, always names the same person.
    let mut by_url: HashMap<String, Option<i64>> = HashMap::new();
    let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
    let mut resolve = |resolver: &mut Resolver, name: &str, url: &Option<String>| -> Option<i64> {
        let hit = match url {
            Some(u) => by_url.get(u.as_str()),
            None => by_name.get(name),
        };
        if let Some(hit) = hit {
            return *hit;
        }
        let identity = Identity {
            name: name.to_string(),
            url: url.clone(),
            ..Identity::default()
        };
        let id = if is_member(context, &identity) {
            Some(context.member_person)
        } else {
            resolver.resolve(&identity)
        };
        match url {
            Some(u) => by_url.insert(u.clone(), id),
            None => by_name.insert(name.to_string(), id),
        };
        id
    };

    messages::for_each(table, rejects, |m: Message<'_>| {
        if failure.is_some() {
            return;
        }
        rows_done += 1;
        if rows_done % PROGRESS_EVERY == 0 {
            progress(m.offset);
        }
        let sender = if m.outgoing == Some(true) {
            Some(context.member_person)
        } else {
            resolve(resolver, m.from, &m.sender_url)
        };
        let Some(sender) = sender else {
            late_rejects.push((m.line, Reason::NoSender, record_to_csv(m.record)));
            return;
        };
        others.clear();
        if sender != context.member_person {
            others.push(sender);
        }
        for (name, url) in &m.recipients {
            if m.outgoing == Some(false) {
                // Old layouts: an incoming message's TO is the owner.
                break;
            }
            if let Some(id) = resolve(resolver, name, url) {
                if id != context.member_person && !others.contains(&id) {
                    others.push(id);
                }
            }
        }
        if others.is_empty() {
            late_rejects.push((m.line, Reason::NoRecipient, record_to_csv(m.record)));
            return;
        }
        let key: std::borrow::Cow<'_, str> = if m.conversation_id.is_empty() {
            let mut ids = others.clone();
            ids.sort_unstable();
            let joined: Vec<String> = ids.iter().map(i64::to_string).collect();
            std::borrow::Cow::Owned(format!("with:{}", joined.join(",")))
        } else {
            std::borrow::Cow::Borrowed(m.conversation_id)
        };
        if !conversations.contains_key(key.as_ref()) {
            conversations.insert(
                key.to_string(),
                Conversation {
                    id: next_conversation,
                    title: m.title.to_string(),
                    participants: HashSet::new(),
                    is_group: false,
                    stored_group: None,
                },
            );
            next_conversation += 1;
        }
        let Some(conversation) = conversations.get_mut(key.as_ref()) else {
            return;
        };
        conversation.participants.insert(context.member_person);
        conversation.participants.extend(others.iter().copied());
        if others.len() > 1 || conversation.participants.len() > 2 {
            conversation.is_group = true;
        }
        let name_key;
        let sender_key: &str = match &m.sender_url {
            Some(url) => url,
            None => {
                name_key = full_name_key(m.from);
                &name_key
            }
        };
        let outgoing = sender == context.member_person;
        // The body is hashed word by word, so whitespace (flattened before 2026, real
        // newlines after) does not make the same message two.
        let mut hasher = Fingerprint::new();
        hasher
            .add(&context.member_id.to_le_bytes())
            .add_str(&key)
            .add_str(if outgoing { "me" } else { sender_key })
            .add(&epoch(m.sent_at).to_le_bytes());
        let mut length = 0usize;
        for (i, word) in m.content.split_whitespace().enumerate() {
            hasher.add_str(word);
            length += word.chars().count() + usize::from(i > 0);
        }
        let fingerprint = hasher.finish();
        if !seen.insert(fingerprint) {
            late_rejects.push((m.line, Reason::Duplicate, record_to_csv(m.record)));
            return;
        }
        if existing.contains(&fingerprint) {
            outcome.used += 1;
            outcome.unchanged += 1;
            return;
        }
        let content = context.keep_content.then_some(m.content);
        match insert.execute(params![
            conversation.id,
            sender,
            epoch(m.sent_at),
            outgoing,
            length as i64,
            fingerprint,
            content
        ]) {
            Ok(_) => outcome.used += 1,
            Err(e) => failure = Some(e),
        }
    });
    if let Some(e) = failure {
        return Err(e.into());
    }
    for (line, reason, raw) in late_rejects {
        rejects.list.push(crate::export::Reject {
            file: rejects.file.to_string(),
            line,
            reason,
            detail: String::new(),
            raw,
        });
    }
    progress(table.position());
    super::people::flush(tx, resolver)?;

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
    Ok(outcome)
}

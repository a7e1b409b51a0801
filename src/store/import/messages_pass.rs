//! The message history, streamed: each row is resolved and inserted as it is read, so a
//! million messages never sit in memory as records.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Transaction};

use super::{epoch, is_member, Context, Outcome};
use crate::error::Result;
use crate::export::messages::{self, Message};
use crate::export::table::Table;
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
        "INSERT OR IGNORE INTO messages (conversation_id, sender_id, sent_at, outgoing, length, fingerprint, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut seen: HashSet<i64> = HashSet::new();
    let mut outcome = Outcome::default();
    let mut failure: Option<rusqlite::Error> = None;
    let mut rows_done = 0usize;
    let mut others: Vec<i64> = Vec::new();
    let mut late_rejects = Vec::new();
    // Resolution is memoised per (name, url) pair: the same few hundred people recur in a
    // million rows.
    let mut memo: HashMap<(String, Option<String>), Option<i64>> = HashMap::new();
    let mut resolve = |resolver: &mut Resolver, name: &str, url: &Option<String>| -> Option<i64> {
        let identity = Identity {
            name: name.to_string(),
            url: url.clone(),
            ..Identity::default()
        };
        if is_member(context, &identity) {
            return Some(context.member_person);
        }
        if let Some(hit) = memo.get(&(name.to_string(), url.clone())) {
            return *hit;
        }
        let id = resolver.resolve(&identity);
        memo.insert((name.to_string(), url.clone()), id);
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
            late_rejects.push((m.line, Reason::NoSender, String::new()));
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
            late_rejects.push((m.line, Reason::NoRecipient, String::new()));
            return;
        }
        let key = if m.conversation_id.is_empty() {
            let mut ids = others.clone();
            ids.sort_unstable();
            let joined: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("with:{}", joined.join(","))
        } else {
            m.conversation_id.to_string()
        };
        let conversation = conversations.entry(key.clone()).or_insert_with(|| {
            let c = Conversation {
                id: next_conversation,
                title: m.title.to_string(),
                participants: HashSet::new(),
                is_group: false,
                stored_group: None,
            };
            next_conversation += 1;
            c
        });
        conversation.participants.insert(context.member_person);
        conversation.participants.extend(others.iter().copied());
        if others.len() > 1 || conversation.participants.len() > 2 {
            conversation.is_group = true;
        }
        let sender_key = m.sender_url.clone().unwrap_or_else(|| full_name_key(m.from));
        let outgoing = sender == context.member_person;
        let body: String = m.content.split_whitespace().collect::<Vec<_>>().join(" ");
        let fingerprint = Fingerprint::new()
            .add(&context.member_id.to_le_bytes())
            .add_str(&key)
            .add_str(if outgoing { "me" } else { &sender_key })
            .add(&epoch(m.sent_at).to_le_bytes())
            .add_str(&body)
            .finish();
        if !seen.insert(fingerprint) {
            late_rejects.push((m.line, Reason::Duplicate, String::new()));
            return;
        }
        let content = context.keep_content.then_some(m.content);
        match insert.execute(params![
            conversation.id,
            sender,
            epoch(m.sent_at),
            outgoing,
            body.chars().count() as i64,
            fingerprint,
            content
        ]) {
            Ok(0) => {
                outcome.used += 1;
                outcome.unchanged += 1;
            }
            Ok(_) => outcome.used += 1,
            Err(e) => failure = Some(e),
        }
    });
    if let Some(e) = failure {
        return Err(e.into());
    }
    for (line, reason, detail) in late_rejects {
        rejects.list.push(crate::export::Reject {
            file: rejects.file.to_string(),
            line,
            reason,
            detail,
            raw: String::new(),
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

//! Club cards in the workspace: pooling a member by their card (`kith card import`) and
//! withdrawing it (`kith card remove`). A card member is a member like any other, without
//! imports; their card's contacts are their ties.

use rusqlite::{params, OptionalExtension};

use super::import::people;
use super::Workspace;
use crate::card::Card;
use crate::error::{Error, Result};
use crate::hash::Fingerprint;
use crate::resolve::{full_name_key, normalise_url, Identity};

/// What `import_card` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardImport {
    /// A member new to the workspace, with their contacts.
    Added { contacts: usize },
    /// The member's card replaced (`previous`: when the one replaced was written).
    Replaced { contacts: usize, previous: String },
    /// The same card again: nothing changed.
    Unchanged,
    /// A card older than the one already pooled: kept the newer.
    Older { pooled: String },
}

/// A member pooled by card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CardMember {
    pub name: String,
    pub written: String,
    pub contacts: i64,
}

/// The member a card is of: whoever has the card's profile URL, else whoever has its name;
/// a namesake with another profile is someone else (an error).
fn find_member(tx: &rusqlite::Transaction<'_>, name: &str, url: Option<&str>) -> Result<Option<Pooled>> {
    let url = url.and_then(normalise_url);
    let select = "SELECT m.id, m.is_owner, m.card_written, m.card_fingerprint,
                         (SELECT COUNT(*) FROM imports i WHERE i.member_id = m.id), p.url
                    FROM members m LEFT JOIN people p ON p.id = m.person_id";
    let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(Pooled, Option<String>)> {
        let pooled = Pooled {
            id: r.get(0)?,
            is_owner: r.get(1)?,
            card_written: r.get(2)?,
            card_fingerprint: r.get(3)?,
            imports: r.get(4)?,
        };
        Ok((pooled, r.get(5)?))
    };
    let by_url = match &url {
        Some(u) => tx
            .query_row(&format!("{select} WHERE p.url = ?1"), [u], row)
            .optional()?,
        None => None,
    };
    let by_name = tx
        .query_row(&format!("{select} WHERE m.name = ?1"), [name], row)
        .optional()?;
    Ok(match (by_url, by_name) {
        (Some((found, _)), _) => Some(found),
        (None, Some((_, Some(other)))) if url.is_some() => {
            return Err(Error::CardNameTaken {
                name: name.to_string(),
                url: other,
            });
        }
        (None, found) => found.map(|(f, _)| f),
    })
}

/// Withdraws the cards of members who are `person` (other than `member_id`, whose whole
/// export is being imported): the export says more than any card.
pub(crate) fn withdraw_cards_of(tx: &rusqlite::Transaction<'_>, member_id: i64, person: i64) -> Result<()> {
    let ids = card_members_where(tx, "person_id = ?1 AND id != ?2", params![person, member_id])?;
    ids.into_iter().try_for_each(|id| withdraw(tx, id))
}

/// Withdraws the card member called `name`, if any: the owner's whole export, imported as
/// theirs, takes the name.
pub(crate) fn withdraw_card_named(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<()> {
    let ids = card_members_where(tx, "name = ?1", params![name])?;
    ids.into_iter().try_for_each(|id| withdraw(tx, id))
}

/// The members pooled by card who match `condition` (SQL over `members`).
fn card_members_where(
    tx: &rusqlite::Transaction<'_>,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<i64>> {
    let mut query = tx.prepare(&format!(
        "SELECT id FROM members WHERE card_written IS NOT NULL AND {condition}"
    ))?;
    let ids = query.query_map(params, |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// A member pooled by card no longer is: their contacts go, and the member stays (their whole
/// export is being imported, or a newer card replaces the old).
pub(crate) fn clear_card(tx: &rusqlite::Transaction<'_>, member_id: i64) -> Result<()> {
    tx.execute("DELETE FROM card_contacts WHERE member_id = ?1", [member_id])?;
    tx.execute(
        "UPDATE members SET card_written = NULL, card_fingerprint = NULL WHERE id = ?1",
        [member_id],
    )?;
    Ok(())
}

/// A member pooled by card leaves: their contacts, then the member.
fn withdraw(tx: &rusqlite::Transaction<'_>, member_id: i64) -> Result<()> {
    clear_card(tx, member_id)?;
    tx.execute("DELETE FROM members WHERE id = ?1", [member_id])?;
    Ok(())
}

/// The people a member's card names (and the member's own person).
fn card_people(tx: &rusqlite::Transaction<'_>, member_id: i64) -> Result<Vec<i64>> {
    let mut query = tx.prepare(
        "SELECT person_id FROM card_contacts WHERE member_id = ?1 AND person_id IS NOT NULL
         UNION SELECT person_id FROM members WHERE id = ?1 AND person_id IS NOT NULL",
    )?;
    let ids = query.query_map([member_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Deletes those of `people` that nothing refers to any more: people a withdrawn or replaced
/// card brought, and no export, other card or ledger entry knows.
fn drop_orphans(tx: &rusqlite::Transaction<'_>, people: &[i64]) -> Result<()> {
    let mut delete = tx.prepare(
        "DELETE FROM people WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM members WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM connections WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM conversation_participants WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM messages WHERE sender_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM invitations WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM endorsements WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM recommendations WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM job_changes WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM tie_stats WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM ledger WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM muted WHERE person_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM card_contacts WHERE person_id = ?1)",
    )?;
    for id in people {
        delete.execute([id])?;
    }
    Ok(())
}

/// A member as found.
struct Pooled {
    id: i64,
    is_owner: bool,
    /// Their card's date and fingerprint, when pooled by card.
    card_written: Option<String>,
    card_fingerprint: Option<i64>,
    /// Their whole exports imported.
    imports: i64,
}

impl Workspace {
    /// Pools a card's member with the card's contacts; a newer card of the same member
    /// replaces the older, the same card twice changes nothing.
    pub fn import_card(&mut self, card: &Card, bytes: &[u8]) -> Result<CardImport> {
        let fingerprint = Fingerprint::new().add(bytes).finish();
        let name = card.member.name.trim().to_string();
        let tx = self.conn.transaction()?;
        let existing = find_member(&tx, &name, card.member.url.as_deref())?;
        let written = card.written;
        let previous = existing.as_ref().map(|m| m.card_written.clone().unwrap_or_default());
        let member_id = match existing {
            Some(m) if m.is_owner => return Err(Error::CardOfOwner { name }),
            Some(m) if m.imports > 0 => return Err(Error::CardOfPooledExport { name }),
            Some(m) if m.card_fingerprint == Some(fingerprint) => return Ok(CardImport::Unchanged),
            Some(Pooled {
                card_written: Some(pooled),
                ..
            }) if chrono::NaiveDate::parse_from_str(&pooled, "%Y-%m-%d").is_ok_and(|p| p > written) => {
                return Ok(CardImport::Older { pooled });
            }
            Some(m) => {
                let dropped = card_people(&tx, m.id)?;
                clear_card(&tx, m.id)?;
                tx.execute("UPDATE members SET name = ?2 WHERE id = ?1", params![m.id, name])?;
                drop_orphans(&tx, &dropped)?;
                m.id
            }
            None => {
                tx.execute("INSERT INTO members (name, is_owner) VALUES (?1, 0)", [&name])?;
                tx.last_insert_rowid()
            }
        };
        let mut resolver = people::load(&tx)?;
        let person_of = |resolver: &mut crate::resolve::Resolver, name: &str, url: Option<&str>, company: &str| {
            resolver.resolve(&Identity {
                name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                url: url.and_then(normalise_url),
                company: Some(company.to_string()).filter(|c| !c.trim().is_empty()),
                ..Identity::default()
            })
        };
        let member_person = person_of(&mut resolver, &name, card.member.url.as_deref(), "");
        let owner_person: Option<i64> = tx
            .query_row("SELECT person_id FROM members WHERE is_owner = 1", [], |r| r.get(0))
            .optional()?
            .flatten();
        if member_person.is_some() && member_person == owner_person {
            // A card naming the owner's own profile, under another name.
            return Err(Error::CardOfOwner { name });
        }
        let mut rows: Vec<(Option<i64>, &crate::card::CardContact)> = Vec::with_capacity(card.contacts.len());
        let mut row_of: crate::hash::IdMap<i64, usize> = crate::hash::IdMap::default();
        for contact in &card.contacts {
            let person = match &contact.name {
                Some(n) if !full_name_key(n).is_empty() || contact.url.is_some() => {
                    person_of(&mut resolver, n, contact.url.as_deref(), &contact.company)
                }
                _ => None,
            };
            // The same person listed twice counts once, at their strongest.
            if let Some(p) = person {
                if let Some(&i) = row_of.get(&p) {
                    if contact.strength > rows[i].1.strength {
                        rows[i].1 = contact;
                    }
                    continue;
                }
                row_of.insert(p, rows.len());
            }
            rows.push((person, contact));
        }
        people::flush(&tx, &mut resolver)?;
        tx.execute(
            "UPDATE members SET person_id = ?2, card_written = ?3, card_fingerprint = ?4 WHERE id = ?1",
            params![member_id, member_person, written.to_string(), fingerprint],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO card_contacts (member_id, person_id, company, position, strength, last_contact)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut job = tx.prepare(
                "UPDATE people SET company = ?2, position = ?3 WHERE id = ?1 AND company = '' AND position = ''",
            )?;
            for (person, c) in &rows {
                insert.execute(params![
                    member_id,
                    person,
                    c.company,
                    c.position,
                    c.strength.as_str(),
                    c.last_contact
                ])?;
                // A person the workspace knew nothing of takes the card's job.
                if let Some(p) = person {
                    job.execute(params![p, c.company, c.position])?;
                }
            }
        }
        tx.commit()?;
        let contacts = rows.len();
        Ok(match previous {
            Some(previous) => CardImport::Replaced { contacts, previous },
            None => CardImport::Added { contacts },
        })
    }

    /// Withdraws the card of the member named `wanted` (name or the member's profile URL):
    /// their ties leave the workspace. Returns the member's name, or `None` when no card
    /// member answers to it.
    pub fn remove_card(&mut self, wanted: &str) -> Result<Option<String>> {
        let tx = self.conn.transaction()?;
        let by_url = normalise_url(wanted);
        let found: Option<(i64, String)> = tx
            .query_row(
                "SELECT m.id, m.name FROM members m LEFT JOIN people p ON p.id = m.person_id
                  WHERE m.card_written IS NOT NULL AND (m.name = ?1 OR (?2 IS NOT NULL AND p.url = ?2))",
                params![wanted.trim(), by_url],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, name)) = found else {
            return Ok(None);
        };
        let dropped = card_people(&tx, id)?;
        withdraw(&tx, id)?;
        drop_orphans(&tx, &dropped)?;
        tx.commit()?;
        Ok(Some(name))
    }

    /// The members pooled by card, by name.
    pub fn card_members(&self) -> Result<Vec<CardMember>> {
        let mut query = self.conn.prepare(
            "SELECT m.name, m.card_written, (SELECT COUNT(*) FROM card_contacts c WHERE c.member_id = m.id)
               FROM members m WHERE m.card_written IS NOT NULL ORDER BY m.name",
        )?;
        let rows = query.query_map([], |r| {
            Ok(CardMember {
                name: r.get(0)?,
                written: r.get(1)?,
                contacts: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

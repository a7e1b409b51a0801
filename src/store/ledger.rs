//! The outreach ledger (`kith log`), muted people (`kith mute`), and finding a person by name
//! or profile URL for them.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Workspace;
use crate::error::Result;
use crate::ids::PersonId;
use crate::resolve::{full_name_key, normalise_url};

/// How the contact happened. Stored as [`Channel::as_str`]; the command line offers the same
/// names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Message,
    Email,
    Call,
    Coffee,
    Event,
}

impl Channel {
    /// The name stored in the ledger and shown.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Message => "message",
            Channel::Email => "email",
            Channel::Call => "call",
            Channel::Coffee => "coffee",
            Channel::Event => "event",
        }
    }
}

/// What came of an outreach. Stored as [`Outcome::as_str`]; the command line offers the same
/// names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Asked,
    Replied,
    Introduced,
    Helped,
    NoReply,
    Thanked,
}

impl Outcome {
    /// Every outcome, in the order an outreach runs through them.
    pub const ALL: [Outcome; 6] = [
        Outcome::Asked,
        Outcome::Replied,
        Outcome::Introduced,
        Outcome::Helped,
        Outcome::NoReply,
        Outcome::Thanked,
    ];

    /// The name stored in the ledger and shown.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Asked => "asked",
            Outcome::Replied => "replied",
            Outcome::Introduced => "introduced",
            Outcome::Helped => "helped",
            Outcome::NoReply => "no-reply",
            Outcome::Thanked => "thanked",
        }
    }

    /// The outcome a stored name stands for.
    #[must_use]
    pub fn from_stored(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == name)
    }
}

/// A person found by name or URL.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Found {
    pub id: PersonId,
    pub name: String,
    pub url: Option<String>,
    pub company: String,
}

/// Why a person could not be found.
#[derive(Debug, Clone, PartialEq)]
pub enum NotFound {
    /// Several people have that name.
    Ambiguous(Vec<Found>),
    /// Nobody has that name or URL.
    Nobody,
    /// The name or URL is the workspace owner's.
    Yourself(String),
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotFound::Nobody => write!(f, "no one by that name or URL in the workspace"),
            NotFound::Yourself(name) => write!(f, "{name} is you, the workspace owner: name someone else"),
            NotFound::Ambiguous(list) => {
                let names: Vec<String> = list
                    .iter()
                    .map(|p| {
                        let at = if p.company.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", p.company)
                        };
                        format!("{}{at} ({})", p.name, p.url.as_deref().unwrap_or("no URL"))
                    })
                    .collect();
                write!(
                    f,
                    "{} people have that name; name one by URL, or as \"Name, Company\": {}",
                    list.len(),
                    names.join("; ")
                )
            }
        }
    }
}

/// One ledger entry.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub name: String,
    pub url: Option<String>,
    pub date: String,
    pub channel: String,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

impl Workspace {
    /// Finds one person (not the owner) by profile URL or unique name.
    pub fn find_person(&self, wanted: &str) -> Result<std::result::Result<Found, NotFound>> {
        let owner: Option<PersonId> = self
            .conn
            .query_row("SELECT person_id FROM members WHERE is_owner = 1", [], |r| r.get(0))
            .optional()?
            .flatten();
        let row = |r: &rusqlite::Row<'_>| {
            Ok(Found {
                id: r.get(0)?,
                name: r.get(1)?,
                url: r.get(2)?,
                company: r.get(3)?,
            })
        };
        let yourself = |found: &Found| NotFound::Yourself(found.name.clone());
        if let Some(url) = normalise_url(wanted) {
            let found = self
                .conn
                .query_row("SELECT id, name, url, company FROM people WHERE url = ?1", [&url], row)
                .optional()?;
            return Ok(match found {
                Some(me) if Some(me.id) == owner => Err(yourself(&me)),
                Some(found) => Ok(found),
                None => Err(NotFound::Nobody),
            });
        }
        let key = full_name_key(wanted);
        if key.is_empty() {
            return Ok(Err(NotFound::Nobody));
        }
        let mut query = self
            .conn
            .prepare("SELECT id, name, url, company FROM people WHERE name_key = ?1 ORDER BY id")?;
        let mut found: Vec<Found> = query.query_map([&key], row)?.collect::<rusqlite::Result<_>>()?;
        // "Omar Chen, Meta": namesakes without URLs told apart by company (the name key drops
        // what follows a comma, as it does for "Hafner, PhD").
        if found.len() != 1 {
            if let Some((name, company)) = wanted.rsplit_once(',') {
                let company = crate::resolve::company_key(company);
                let key = full_name_key(name);
                if !company.is_empty() && !key.is_empty() {
                    let by_name: Vec<Found> = query.query_map([&key], row)?.collect::<rusqlite::Result<_>>()?;
                    let at: Vec<Found> = by_name
                        .into_iter()
                        .filter(|p| crate::resolve::company_key(&p.company) == company)
                        .collect();
                    if !at.is_empty() {
                        found = at;
                    }
                }
            }
        }
        let me = found.iter().position(|p| Some(p.id) == owner).map(|i| found.remove(i));
        Ok(match found.len() {
            0 => Err(me.as_ref().map_or(NotFound::Nobody, yourself)),
            1 => Ok(found.remove(0)),
            _ => Err(NotFound::Ambiguous(found)),
        })
    }

    /// Records an outreach.
    pub fn log_outreach(
        &mut self,
        person: PersonId,
        date: NaiveDate,
        channel: Channel,
        outcome: Option<Outcome>,
        note: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO ledger (person_id, date, channel, outcome, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                person,
                date.to_string(),
                channel.as_str(),
                outcome.map(Outcome::as_str),
                note
            ],
        )?;
        Ok(())
    }

    /// The ledger, newest first, for one person or everyone.
    pub fn ledger(&self, person: Option<PersonId>) -> Result<Vec<Entry>> {
        let mut query = self.conn.prepare(
            "SELECT p.name, p.url, l.date, l.channel, l.outcome, l.note FROM ledger l JOIN people p ON p.id = l.person_id
              WHERE ?1 IS NULL OR l.person_id = ?1 ORDER BY l.date DESC, l.id DESC",
        )?;
        let rows = query.query_map([person], |r| {
            Ok(Entry {
                name: r.get(0)?,
                url: r.get(1)?,
                date: r.get(2)?,
                channel: r.get(3)?,
                outcome: r.get(4)?,
                note: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Mutes or unmutes a person (muted people never appear in reconnect lists). Returns
    /// false when nothing changed.
    pub fn set_muted(&mut self, person: PersonId, muted: bool) -> Result<bool> {
        let changed = if muted {
            self.conn
                .execute("INSERT OR IGNORE INTO muted (person_id) VALUES (?1)", [person])?
        } else {
            self.conn.execute("DELETE FROM muted WHERE person_id = ?1", [person])?
        };
        Ok(changed > 0)
    }
}

/// Something the user owes someone: a nudge after an unanswered ask, or a thank-you.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Followup {
    pub name: String,
    pub url: Option<String>,
    /// `nudge` or `thank`.
    pub kind: &'static str,
    /// The date of the ask, or of the introduction or help.
    pub since: String,
    pub note: Option<String>,
    /// The outcome the follow-up answers (`asked`, `introduced`, `helped`).
    #[serde(skip)]
    pub outcome: String,
}

/// One ledger row, for [`followups`].
#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub person_id: PersonId,
    pub name: String,
    pub url: Option<String>,
    pub date: NaiveDate,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

/// Nudges (asked, no reply after `nudge_after_days`) and thank-yous owed (introduced or
/// helped, not yet thanked), oldest first. `rows` in any order.
#[must_use]
pub fn followups(rows: &[LedgerRow], as_of: NaiveDate, nudge_after_days: i64) -> Vec<Followup> {
    let mut rows: Vec<&LedgerRow> = rows.iter().filter(|r| r.date <= as_of).collect();
    rows.sort_by_key(|r| (r.person_id, r.date));
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let person = rows[i].person_id;
        let mut asked: Option<&LedgerRow> = None;
        let mut owed: Option<&LedgerRow> = None;
        while i < rows.len() && rows[i].person_id == person {
            let row = rows[i];
            match row.outcome.as_deref() {
                Some("asked") => asked = asked.or(Some(row)),
                Some("replied") => asked = None,
                Some("introduced" | "helped") => {
                    asked = None;
                    owed = owed.or(Some(row));
                }
                Some("thanked") => {
                    asked = None;
                    owed = None;
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(row) = asked.filter(|r| (as_of - r.date).num_days() >= nudge_after_days) {
            out.push(Followup {
                name: row.name.clone(),
                url: row.url.clone(),
                kind: "nudge",
                since: row.date.to_string(),
                note: row.note.clone(),
                outcome: "asked".to_string(),
            });
        }
        if let Some(row) = owed {
            out.push(Followup {
                name: row.name.clone(),
                url: row.url.clone(),
                kind: "thank",
                since: row.date.to_string(),
                note: row.note.clone(),
                outcome: row.outcome.clone().unwrap_or_default(),
            });
        }
    }
    out.sort_by(|a, b| a.since.cmp(&b.since).then(a.name.cmp(&b.name)));
    out
}

impl Workspace {
    /// Every ledger row, for [`followups`].
    pub fn ledger_rows(&self) -> Result<Vec<LedgerRow>> {
        let mut query = self.conn.prepare(
            "SELECT l.person_id, p.name, p.url, l.date, l.outcome, l.note FROM ledger l JOIN people p ON p.id = l.person_id ORDER BY l.id",
        )?;
        let rows = query.query_map([], |r| {
            let date: String = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, date, r.get(4)?, r.get(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (person_id, name, url, date, outcome, note) = row?;
            if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                out.push(LedgerRow {
                    person_id,
                    name,
                    url,
                    date,
                    outcome,
                    note,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(person: i64, date: &str, outcome: &str) -> LedgerRow {
        LedgerRow {
            person_id: PersonId(person),
            name: format!("P{person}"),
            url: None,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            outcome: Some(outcome.to_string()),
            note: None,
        }
    }

    #[test]
    fn nudges_and_thanks() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rows = vec![
            row(1, "2026-11-01", "asked"),
            row(2, "2026-11-18", "asked"),
            row(3, "2026-10-01", "asked"),
            row(3, "2026-10-05", "replied"),
            row(4, "2026-09-01", "introduced"),
            row(5, "2026-09-01", "helped"),
            row(5, "2026-09-03", "thanked"),
        ];
        let found: Vec<(String, &str)> = followups(&rows, as_of, 7)
            .into_iter()
            .map(|f| (f.name, f.kind))
            .collect();
        assert_eq!(found, vec![("P4".to_string(), "thank"), ("P1".to_string(), "nudge")]);
    }
}

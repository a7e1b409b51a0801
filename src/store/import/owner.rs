//! Whose export this is: the member an import is for, and the refusal to merge someone
//! else's export into the workspace owner's network when it is imported without `--member`.
//!
//! A profile URL decides when both sides have one. Otherwise the name decides: the export
//! names its owner in `Profile.csv`, else as the sender of its sent messages, else as the
//! inviter of its sent invitations. It is refused when that name cannot be the owner's (see
//! [`names_agree`]); an export that names nobody (a lone `Connections.csv`) is the owner's.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{OptionalExtension, Transaction};

use super::plan::Recognition;
use crate::error::{Error, Result};
use crate::linkedin::messages::most_common;
use crate::linkedin::table::{Kind, Table};
use crate::linkedin::{rows, Rejects};
use crate::resolve::{full_name_key, name_from_url};

/// The owner's name until an export names them.
pub(crate) const UNNAMED_OWNER: &str = "Me";

/// What an export says about who it belongs to.
#[derive(Debug, Default, Clone)]
pub(crate) struct ExportOwner {
    /// The name the import goes by (profile, else messages), as today.
    pub name: String,
    /// The owner's profile URL, when the export has one.
    pub url: Option<String>,
    /// Every name the export gives its owner, with where it says so, most telling first.
    pub names: Vec<(String, &'static str)>,
}

impl ExportOwner {
    /// Collects the names given by `Profile.csv`, the messages and the invitations.
    pub(crate) fn new(
        name: String,
        url: Option<String>,
        profile: Option<&str>,
        messages: Option<&str>,
        invitations: Option<&str>,
    ) -> Self {
        let names = [
            (profile, "the name in Profile.csv"),
            (messages, "the sender of its messages"),
            (invitations, "the sender of its invitations"),
        ]
        .into_iter()
        .filter_map(|(name, source)| Some((name?.trim().to_string(), source)))
        .filter(|(name, _)| !full_name_key(name).is_empty())
        .collect();
        ExportOwner { name, url, names }
    }
}

/// The owner by their invitations: the usual URL and name of the inviter of OUTGOING rows
/// (or the invitee of INCOMING ones, for the URL).
pub(crate) fn from_invitations<'a>(
    recognised: &[Recognition],
    open: &dyn Fn(&Recognition) -> Option<Table<'a>>,
) -> (Option<String>, Option<String>) {
    let mut urls: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for r in recognised.iter().filter(|r| r.kind == Kind::Invitations) {
        let mut rejects = Rejects::new("");
        let Some(mut table) = open(r) else { continue };
        for invitation in rows::invitations(&mut table, &mut rejects, &mut rows::Notes::default()) {
            let url = match invitation.outgoing {
                Some(true) => invitation.from_url,
                Some(false) => invitation.to_url,
                None => None,
            };
            if let Some(url) = url {
                *urls.entry(url).or_default() += 1;
            }
            if invitation.outgoing == Some(true) && !invitation.from.trim().is_empty() {
                *names.entry(invitation.from).or_default() += 1;
            }
        }
    }
    (most_common(&urls), most_common(&names))
}

/// The workspace owner as stored: the member's name, their person's name and URL.
struct Owner {
    id: i64,
    member_name: String,
    person_name: Option<String>,
    url: Option<String>,
}

/// The member this import is for: `--member NAME` (created on first use), or the workspace
/// owner, created by the first import. Refuses an export that is someone else's.
pub(crate) fn find_or_create_member(
    tx: &Transaction<'_>,
    source: &Path,
    member: Option<&str>,
    export: &ExportOwner,
) -> Result<i64> {
    match member {
        Some(name) => pooled_member(tx, name),
        None => match workspace_owner(tx)? {
            Some(owner) => {
                check_same_owner(source, &owner, export)?;
                Ok(owner.id)
            }
            None => create_owner(tx, &export.name),
        },
    }
}

fn pooled_member(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::NoMemberName);
    }
    let existing: Option<(i64, bool)> = tx
        .query_row("SELECT id, is_owner FROM members WHERE name = ?1", [name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match existing {
        Some((_, true)) => Err(Error::MemberIsOwner { name: name.to_string() }),
        Some((id, false)) => {
            // A member pooled by card until now: their whole export supersedes the card.
            crate::store::cards::clear_card(tx, id)?;
            Ok(id)
        }
        None => {
            tx.execute("INSERT INTO members (name, is_owner) VALUES (?1, 0)", [name])?;
            Ok(tx.last_insert_rowid())
        }
    }
}

fn workspace_owner(tx: &Transaction<'_>) -> Result<Option<Owner>> {
    Ok(tx
        .query_row(
            "SELECT m.id, m.name, p.name, p.url FROM members m LEFT JOIN people p ON p.id = m.person_id WHERE m.is_owner = 1",
            [],
            |r| {
                Ok(Owner {
                    id: r.get(0)?,
                    member_name: r.get(1)?,
                    person_name: r.get(2)?,
                    url: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn create_owner(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    let mut name = name.to_string();
    // A card pooled under the owner's name was the owner's own: their export supersedes it.
    crate::store::cards::withdraw_card_named(tx, &name)?;
    let taken: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM members WHERE name = ?1)", [&name], |r| {
        r.get(0)
    })?;
    if taken {
        name.push_str(" (owner)");
    }
    tx.execute("INSERT INTO members (name, is_owner) VALUES (?1, 1)", [&name])?;
    Ok(tx.last_insert_rowid())
}

/// Refuses `export` when it is confidently not the owner's: a different profile URL, or,
/// without URLs on both sides, a name (the most telling the export gives) that cannot be any
/// name the owner is known by.
fn check_same_owner(source: &Path, owner: &Owner, export: &ExportOwner) -> Result<()> {
    let owner_name = owner.person_name.clone().unwrap_or_else(|| owner.member_name.clone());
    if let (Some(url), Some(new_url)) = (&owner.url, &export.url) {
        if url == new_url {
            return Ok(());
        }
        let name = if export.name == UNNAMED_OWNER {
            name_from_url(new_url)
        } else {
            export.name.clone()
        };
        return Err(Error::OtherOwner {
            path: source.to_path_buf(),
            name,
            evidence: new_url.clone(),
            owner: format!("{owner_name} ({url})"),
        });
    }
    let known: Vec<&str> = [Some(owner.member_name.as_str()), owner.person_name.as_deref()]
        .into_iter()
        .flatten()
        .filter(|n| *n != UNNAMED_OWNER && !full_name_key(n).is_empty())
        .collect();
    let Some((name, evidence)) = export.names.first() else {
        return Ok(());
    };
    if known.is_empty() || known.iter().any(|k| names_agree(name, k)) {
        return Ok(());
    }
    Err(Error::OtherOwner {
        path: source.to_path_buf(),
        name: name.clone(),
        evidence: (*evidence).to_string(),
        owner: owner_name,
    })
}

/// Whether two spellings can be one person's name: after [`full_name_key`] (case, accents,
/// emoji, credentials), every word of the shorter name is a word of the longer one, or its
/// initial. A maiden or middle name added, or first and last name swapped, still agree;
/// another first or last name does not.
pub(crate) fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (full_name_key(a), full_name_key(b));
    let (mut short, mut long): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if short.len() > long.len() {
        std::mem::swap(&mut short, &mut long);
    }
    let initial = |letter: &str, word: &str| letter.chars().count() == 1 && word.starts_with(letter);
    short.iter().all(|word| {
        let found = long
            .iter()
            .position(|w| w == word || initial(word, w) || initial(w, word));
        found.map(|i| long.remove(i)).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::names_agree;

    #[test]
    fn the_owner_under_another_spelling_agrees() {
        for (a, b) in [
            ("Ana Owner", "ana OWNER"),
            ("Ana Owner", "Ána Öwner"),
            ("Ana Owner", "Ana Owner 🚀"),
            ("Ana Owner", "Ana Owner, PhD"),
            ("Ana Owner", "Ana Silva Owner"),
            ("Ana Owner", "Ana (Silva) Owner"),
            ("Ana Owner", "Ana Silva-Owner"),
            ("Ana Owner", "Owner Ana"),
            ("Ana Owner", "A. Owner"),
            ("Ana Owner", "𝐀𝐧𝐚 Owner"),
        ] {
            assert!(names_agree(a, b), "{a} / {b}");
            assert!(names_agree(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn someone_else_does_not_agree() {
        for (a, b) in [
            ("Ana Owner", "Maria Garcia"),
            ("Ana Owner", "Ana Garcia"),
            ("Ana Owner", "Anabel Owner"),
            ("Ana Owner", "Bo Owner"),
            ("Ana Owner", "Ana Ana"),
        ] {
            assert!(!names_agree(a, b), "{a} / {b}");
            assert!(!names_agree(b, a), "{b} / {a}");
        }
    }
}

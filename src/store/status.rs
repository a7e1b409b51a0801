//! What the workspace holds, for `kith status`.

use std::collections::BTreeMap;

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Workspace;
use crate::error::Result;

/// A member of the workspace: the owner, or a pooled member.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MemberRef {
    pub name: String,
    pub url: Option<String>,
}

/// The counts `kith status` prints; the JSON form is a stable interface (these keys exactly).
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub owner: Option<MemberRef>,
    /// Pooled members (not the owner) whose whole export is imported.
    pub members: Vec<MemberRef>,
    /// Members pooled by their club card only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub card_members: Vec<super::cards::CardMember>,
    /// Distinct people, not counting the owner.
    pub people: i64,
    /// Connection rows that name a person, summed over members.
    pub connections: i64,
    /// Person-to-person messages stored.
    pub messages: i64,
    pub conversations: i64,
    pub invitations: i64,
    /// Received and given.
    pub endorsements: i64,
    /// Received and given.
    pub recommendations: i64,
    pub imports: i64,
    /// Rows skipped by all imports, by reason.
    pub skipped: BTreeMap<String, i64>,
}

impl Workspace {
    /// Counts what the workspace holds.
    pub fn status(&self) -> Result<Status> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let owner = self
            .conn
            .query_row(
                "SELECT m.name, p.url FROM members m LEFT JOIN people p ON p.id = m.person_id WHERE m.is_owner = 1",
                [],
                |r| {
                    Ok(MemberRef {
                        name: r.get(0)?,
                        url: r.get(1)?,
                    })
                },
            )
            .optional()?;
        let mut members = Vec::new();
        let mut query = self.conn.prepare(
            "SELECT m.name, p.url FROM members m LEFT JOIN people p ON p.id = m.person_id WHERE m.is_owner = 0 AND m.card_written IS NULL ORDER BY m.name",
        )?;
        for member in query.query_map([], |r| {
            Ok(MemberRef {
                name: r.get(0)?,
                url: r.get(1)?,
            })
        })? {
            members.push(member?);
        }
        let mut skipped = BTreeMap::new();
        let mut query = self
            .conn
            .prepare("SELECT reason, COUNT(*) FROM rejects GROUP BY reason ORDER BY reason")?;
        for row in query.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (reason, n) = row?;
            skipped.insert(reason, n);
        }
        Ok(Status {
            owner,
            members,
            card_members: self.card_members()?,
            people: count(
                "SELECT COUNT(*) FROM people WHERE id NOT IN (SELECT person_id FROM members WHERE is_owner = 1 AND person_id IS NOT NULL)",
            )?,
            connections: count("SELECT COUNT(*) FROM connections")?,
            messages: count("SELECT COUNT(*) FROM messages")?,
            conversations: count("SELECT COUNT(*) FROM conversations")?,
            invitations: count("SELECT COUNT(*) FROM invitations")?,
            endorsements: count("SELECT COUNT(*) FROM endorsements")?,
            recommendations: count("SELECT COUNT(*) FROM recommendations")?,
            imports: count("SELECT COUNT(*) FROM imports")?,
            skipped,
        })
    }

    /// Whether no export has been imported yet (a workspace made by `kith targets add`, say):
    /// there is then nothing to report, export or find.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM imports)", [], |r| r.get(0))?)
    }

    /// The newest export date imported, if any.
    pub fn newest_export_date(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT MAX(export_date) FROM imports", [], |r| r.get(0))?)
    }

    /// The date of the owner's newest export (their observation horizon), if any: commands
    /// say when it is old. A pooled member's newer export says nothing about the owner's.
    pub fn owner_export_date(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row(
            "SELECT MAX(i.export_date) FROM imports i JOIN members m ON m.id = i.member_id WHERE m.is_owner = 1",
            [],
            |r| r.get(0),
        )?)
    }
}

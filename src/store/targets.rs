//! The user's target companies and their aliases (`kith targets`).

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Workspace;
use crate::error::{Error, Result};
use crate::resolve::company_key;

/// A target company.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Target {
    pub name: String,
    pub aliases: Vec<String>,
}

impl Target {
    /// Every company key this target matches: its own and its aliases'.
    #[must_use]
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = std::iter::once(&self.name)
            .chain(&self.aliases)
            .map(|n| company_key(n))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

/// What `kith targets remove` removed.
#[derive(Debug, Clone, PartialEq)]
pub enum Removed {
    /// A whole target, with the aliases it had.
    Target(Target),
    /// One alias; the target it belonged to stays.
    Alias { alias: String, target: String },
    /// No target or alias has that name.
    Nothing,
}

impl Workspace {
    /// Adds a target (or adds aliases to an existing one). Returns false when nothing changed.
    pub fn add_target(&mut self, name: &str, aliases: &[String]) -> Result<bool> {
        let key = company_key(name);
        if key.is_empty() {
            return Err(Error::NotACompany { name: name.to_string() });
        }
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM targets WHERE key = ?1", [&key], |r| r.get(0))
            .optional()?;
        let (id, mut changed) = if let Some(id) = existing {
            (id, false)
        } else {
            tx.execute(
                "INSERT INTO targets (name, key) VALUES (?1, ?2)",
                params![name.trim(), key],
            )?;
            (tx.last_insert_rowid(), true)
        };
        for alias in aliases {
            let alias_key = company_key(alias);
            if alias_key.is_empty() || alias_key == key {
                continue;
            }
            changed |= tx.execute(
                "INSERT OR IGNORE INTO target_aliases (target_id, alias, key) VALUES (?1, ?2, ?3)",
                params![id, alias.trim(), alias_key],
            )? > 0;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Removes what `name` names: a target's own name removes the target with its aliases;
    /// an alias removes that alias only, and the target stays.
    pub fn remove_target(&mut self, name: &str) -> Result<Removed> {
        let key = company_key(name);
        let Some(target) = self.target_with_key(&key)? else {
            return Ok(Removed::Nothing);
        };
        let tx = self.conn.transaction()?;
        let own_key = company_key(&target.name);
        let id: i64 = tx.query_row("SELECT id FROM targets WHERE key = ?1", [&own_key], |r| r.get(0))?;
        let removed = if own_key == key {
            tx.execute("DELETE FROM target_aliases WHERE target_id = ?1", [id])?;
            tx.execute("DELETE FROM targets WHERE id = ?1", [id])?;
            Removed::Target(target)
        } else {
            let alias: String = tx.query_row(
                "DELETE FROM target_aliases WHERE target_id = ?1 AND key = ?2 RETURNING alias",
                params![id, key],
                |r| r.get(0),
            )?;
            Removed::Alias {
                alias,
                target: target.name,
            }
        };
        tx.commit()?;
        Ok(removed)
    }

    /// All targets, by name.
    pub fn targets(&self) -> Result<Vec<Target>> {
        let mut query = self
            .conn
            .prepare("SELECT id, name FROM targets ORDER BY name COLLATE NOCASE")?;
        let rows: Vec<(i64, String)> = query
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut aliases = self
            .conn
            .prepare("SELECT alias FROM target_aliases WHERE target_id = ?1 ORDER BY alias")?;
        let mut out = Vec::new();
        for (id, name) in rows {
            let list: Vec<String> = aliases
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            out.push(Target { name, aliases: list });
        }
        Ok(out)
    }

    /// The target whose name or alias has this company's key, if any.
    pub fn target_for(&self, company: &str) -> Result<Option<Target>> {
        self.target_with_key(&company_key(company))
    }

    /// The target named `key`; else the one with an alias `key` (a target's own name wins
    /// over another's alias).
    fn target_with_key(&self, key: &str) -> Result<Option<Target>> {
        let targets = self.targets()?;
        let own = targets.iter().position(|t| company_key(&t.name) == key);
        let alias = || targets.iter().position(|t| t.keys().iter().any(|k| k == key));
        Ok(own.or_else(alias).map(|i| targets[i].clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_alias_remove() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(&dir.path().join("w.db")).unwrap();
        assert!(ws.add_target("Acme Robotics, Inc.", &["Acme".into()]).unwrap());
        assert!(!ws.add_target("ACME Robotics", &[]).unwrap(), "same key: nothing new");
        assert!(ws.add_target("Acme Robotics", &["AR Labs".into()]).unwrap());
        let targets = ws.targets().unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].aliases, vec!["AR Labs".to_string(), "Acme".to_string()]);
        assert!(ws.target_for("ar labs gmbh").unwrap().is_some());
        assert_eq!(
            ws.remove_target("ar labs").unwrap(),
            Removed::Alias {
                alias: "AR Labs".into(),
                target: "Acme Robotics, Inc.".into()
            }
        );
        assert_eq!(ws.targets().unwrap()[0].aliases, vec!["Acme".to_string()]);
        assert_eq!(
            ws.remove_target("Acme Robotics").unwrap(),
            Removed::Target(Target {
                name: "Acme Robotics, Inc.".into(),
                aliases: vec!["Acme".into()]
            })
        );
        assert!(ws.targets().unwrap().is_empty());
        assert_eq!(ws.remove_target("Nope").unwrap(), Removed::Nothing);
        // A target's own name wins over another target's alias.
        ws.add_target("Foo", &[]).unwrap();
        ws.add_target("Bar", &["Foo GmbH".into()]).unwrap();
        assert_eq!(ws.target_for("foo").unwrap().unwrap().name, "Foo");
        assert!(matches!(ws.remove_target("Foo").unwrap(), Removed::Target(t) if t.name == "Foo"));
        assert_eq!(ws.target_for("foo").unwrap().unwrap().name, "Bar");
    }
}

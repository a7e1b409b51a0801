//! The workspace: one SQLite file (bundled SQLite), readable by its owner only, versioned by
//! migrations. Every import is one transaction.

pub mod graph_data;
pub mod import;
pub mod ledger;
pub mod schema;
pub mod stats;
pub mod status;
pub mod targets;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};

/// An open workspace.
pub struct Workspace {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl Workspace {
    /// The default location: `kith.db` in the platform data directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "kith").map(|dirs| dirs.data_dir().join("kith.db"))
    }

    /// Opens (creating if needed, mode 0600) and migrates the workspace at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let fail = |what: String| Error::Workspace {
            path: path.to_path_buf(),
            what,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        create_private(path).map_err(|e| Error::io(path, e))?;
        let conn = Connection::open(path).map_err(|e| fail(e.to_string()))?;
        let mut workspace = Workspace {
            conn,
            path: path.to_path_buf(),
        };
        workspace.configure().map_err(|e| match e {
            rusqlite::Error::SqliteFailure(ref f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                fail("not a kith workspace (the file is not an SQLite database)".into())
            }
            other => fail(other.to_string()),
        })?;
        workspace.migrate()?;
        Ok(workspace)
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Rollback journal (not WAL): a single file to copy, and a killed import leaves a hot
        // journal that the next open rolls back.
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "cache_size", -65536)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn version(&self) -> Result<usize> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(version as usize)
    }

    fn migrate(&mut self) -> Result<()> {
        let current = self.version()?;
        if current > schema::MIGRATIONS.len() {
            return Err(Error::Workspace {
                path: self.path.clone(),
                what: format!(
                    "made by a newer kith (schema {current}, this kith knows {}); upgrade kith",
                    schema::MIGRATIONS.len()
                ),
            });
        }
        for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(current) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (index + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// Creates the file readable and writable by its owner only, or tightens an existing one
/// that kith created with wider permissions.
fn create_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let metadata = std::fs::metadata(path)?;
                if metadata.permissions().mode() & 0o077 != 0 && metadata.len() == 0 {
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_private_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.version().unwrap(), schema::MIGRATIONS.len());
        drop(ws);
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.version().unwrap(), schema::MIGRATIONS.len());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn refuses_non_databases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.db");
        std::fs::write(&path, vec![7u8; 4096]).unwrap();
        let err = Workspace::open(&path).err().unwrap().to_string();
        assert!(err.contains("not a kith workspace"), "{err}");
    }
}

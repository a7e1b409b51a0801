//! The workspace: one SQLite file (bundled SQLite), readable by its owner only, marked as
//! kith's by `PRAGMA application_id` and versioned by migrations. Every import is one
//! transaction; the schema is created or upgraded in one transaction too, so processes that
//! open a new workspace at the same moment wait for each other instead of racing.

pub mod cards;
pub mod graph_data;
pub mod import;
pub mod ledger;
pub mod schema;
pub mod stats;
pub mod status;
pub mod targets;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a kith workspace: "kith" in ASCII. A SQLite file with another
/// id (or with tables that are not kith's) belongs to another program and is left untouched.
pub const APPLICATION_ID: i32 = 0x6B69_7468;

/// How long to wait for another kith process that holds the workspace (an import of a large
/// export takes seconds to minutes) before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(600);

/// An open workspace.
pub struct Workspace {
    pub(crate) conn: Connection,
    path: PathBuf,
    upgraded: Option<Upgrade>,
}

/// An older workspace brought up to this kith's schema when it was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Upgrade {
    /// The schema version the file had.
    pub from: usize,
    /// The schema version it has now.
    pub to: usize,
    /// The copy of the file as it was, written beside it before anything changed.
    pub backup: PathBuf,
}

/// What an SQLite file is, judged before kith writes anything to it.
#[derive(Debug, PartialEq)]
enum Identity {
    /// No tables and no marks: a file kith has just created (or an empty one).
    Empty,
    /// A kith workspace of this schema version; `stamped` when it carries kith's
    /// application id (workspaces made before it was set do not).
    Kith { version: usize, stamped: bool },
    /// Another program's database, in words.
    Foreign(String),
}

impl Workspace {
    /// The default location: `kith.db` in the platform data directory.
    #[must_use]
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "kith").map(|dirs| dirs.data_dir().join("kith.db"))
    }

    /// Opens the workspace at `path`, creating it (mode 0600) when there is no file yet, and
    /// brings its schema up to date. The folder must exist.
    pub fn open(path: &Path) -> Result<Self> {
        if let Ok(metadata) = std::fs::metadata(path) {
            check_kind(path, &metadata)?;
        }
        if let Err(e) = create_private(path) {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            return Err(match parent {
                Some(parent) if e.kind() == std::io::ErrorKind::NotFound && !parent.exists() => {
                    workspace_error(path, &format!("the folder {} does not exist", parent.display()))
                }
                _ => Error::io(path, e),
            });
        }
        Self::connect(path, true)
    }

    /// Opens the workspace at `path` only if there is one: commands that only read never
    /// create a workspace (a mistyped `--db` would otherwise leave empty files about), nor
    /// turn an empty file into one.
    pub fn open_existing(path: &Path) -> Result<Self> {
        match std::fs::metadata(path) {
            Ok(metadata) => {
                check_kind(path, &metadata)?;
                Self::connect(path, false)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NoWorkspace {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    fn connect(path: &Path, create: bool) -> Result<Self> {
        let fail = |e: rusqlite::Error| sql_failure(path, e);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(BUSY_WAIT).map_err(fail)?;
        // Nothing is written before the file is known to be kith's: not even the journal mode.
        let identity = {
            // One read transaction, so the marks and the tables are read from one state of a
            // file that another process may be creating at this moment.
            let read = conn.unchecked_transaction().map_err(fail)?;
            let identity = identify(&read).map_err(fail)?;
            read.commit().map_err(fail)?;
            identity
        };
        let current = schema::MIGRATIONS.len();
        match identity {
            Identity::Foreign(what) => return Err(foreign(path, &what)),
            Identity::Kith { version, .. } if version > current => return Err(newer(path, version)),
            Identity::Empty if !create => {
                return Err(Error::NoWorkspace {
                    path: path.to_path_buf(),
                })
            }
            Identity::Kith { version, .. } if version < current && is_read_only(path) => {
                return Err(workspace_error(
                    path,
                    &format!(
                        "made by an older kith (schema version {version}) and read-only: make it writable \
                         so that kith can upgrade it (it keeps a copy as it was)"
                    ),
                ))
            }
            _ => {}
        }
        let mut workspace = Workspace {
            conn,
            path: path.to_path_buf(),
            upgraded: None,
        };
        workspace.configure().map_err(fail)?;
        match identity {
            Identity::Kith { version, stamped: true } if version == current => {}
            // Made by kith before the application id, and read-only: usable as it is.
            Identity::Kith {
                version,
                stamped: false,
            } if version == current && is_read_only(path) => {}
            _ => workspace.migrate()?,
        }
        Ok(workspace)
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema upgrade this open made, if the file was written by an older kith.
    pub fn upgraded(&self) -> Option<&Upgrade> {
        self.upgraded.as_ref()
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        // Rollback journal (not WAL): a single file to copy, and a killed import leaves a hot
        // journal that the next open rolls back.
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "cache_size", -65536)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// The schema version of the open file.
    #[cfg(test)]
    fn version(&self) -> Result<usize> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(usize::try_from(version).unwrap_or(0))
    }

    /// Creates or upgrades the schema in one immediate transaction: a second process opening
    /// the same new file waits here, then finds the work done. An older file is first copied
    /// beside itself, so an upgrade can always be undone by hand.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| sql_failure(&path, e);
        let current = schema::MIGRATIONS.len();
        // Opened before the lock is taken and closed after it is released: closing any handle
        // on the file drops every POSIX lock this process holds on it, SQLite's included.
        let mut original = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        // Judged again under the lock: another process may have created or upgraded the file
        // since it was first looked at.
        let from = match identify(&tx).map_err(fail)? {
            Identity::Empty => 0,
            Identity::Kith { version, stamped: true } if version == current => return Ok(()),
            Identity::Kith { version, .. } if version <= current => version,
            Identity::Kith { version, .. } => return Err(newer(&path, version)),
            Identity::Foreign(what) => return Err(foreign(&path, &what)),
        };
        let backup = if from > 0 && from < current {
            Some(backup_copy(&path, &mut original, from)?)
        } else {
            None
        };
        let upgrade = || -> rusqlite::Result<()> {
            for sql in &schema::MIGRATIONS[from..] {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", i64::try_from(current).unwrap_or(i64::MAX))?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)
        };
        if let Err(e) = upgrade().and_then(|()| tx.commit()) {
            // The workspace is as it was: the copy of it is not needed.
            if let Some(backup) = &backup {
                let _ = std::fs::remove_file(backup);
            }
            return Err(fail(e));
        }
        drop(original);
        self.upgraded = backup.map(|backup| Upgrade {
            from,
            to: current,
            backup,
        });
        Ok(())
    }
}

/// Looks at the file's header marks and tables without writing anything.
fn identify(conn: &Connection) -> rusqlite::Result<Identity> {
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // Tables, views, indexes and triggers: a file with only a view is someone's too.
    let mut query = conn.prepare(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         ORDER BY type = 'table' DESC, name",
    )?;
    let objects: Vec<String> = query.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    let has = |name: &str| objects.iter().any(|t| t == name);
    Ok(match application_id {
        APPLICATION_ID => Identity::Kith { version, stamped: true },
        0 if objects.is_empty() && version == 0 => Identity::Empty,
        // Made by kith before it set the application id.
        0 if version >= 1 && has("people") && has("members") && has("imports") => Identity::Kith {
            version,
            stamped: false,
        },
        0 if objects.is_empty() => Identity::Foreign(format!("an empty SQLite database marked user version {version}")),
        0 => {
            let shown: Vec<&str> = objects.iter().take(4).map(String::as_str).collect();
            let more = if objects.len() > shown.len() { ", ..." } else { "" };
            Identity::Foreign(format!(
                "another program's SQLite database, holding {}{more}",
                shown.join(", ")
            ))
        }
        other => Identity::Foreign(format!(
            "another program's SQLite database, application id {other:#010x}"
        )),
    })
}

/// A workspace is a regular file: not a folder, a device (`/dev/null`) or a pipe.
fn check_kind(path: &Path, metadata: &std::fs::Metadata) -> Result<()> {
    if metadata.is_dir() {
        Err(workspace_error(path, "is a folder, not a workspace file"))
    } else if !metadata.is_file() {
        Err(workspace_error(
            path,
            "is not a regular file, so it cannot be a workspace",
        ))
    } else {
        Ok(())
    }
}

fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

/// Copies the workspace (read through `original`, a handle on it) to `NAME.schema-V.bak`
/// beside it (or `NAME.schema-V.N.bak` when that exists), owner-readable only, and returns
/// the copy's path.
fn backup_copy(path: &Path, original: &mut std::fs::File, version: usize) -> Result<PathBuf> {
    use std::io::Seek;
    let name = path
        .file_name()
        .map_or_else(|| "kith.db".into(), |n| n.to_string_lossy().into_owned());
    for n in 0.. {
        let candidate = if n == 0 {
            path.with_file_name(format!("{name}.schema-{version}.bak"))
        } else {
            path.with_file_name(format!("{name}.schema-{version}.{n}.bak"))
        };
        let mut out = match new_private_file(&candidate) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&candidate, e)),
        };
        original.rewind().map_err(|e| Error::io(path, e))?;
        std::io::copy(original, &mut out)
            .and_then(|_| out.sync_all())
            .map_err(|e| Error::io(&candidate, e))?;
        return Ok(candidate);
    }
    unreachable!("an unbounded range always yields")
}

/// One line for an SQLite error on the workspace, naming the file once (without SQLite's
/// error as the source: for when only a reference to it is at hand).
#[must_use]
pub fn sql_error(path: &Path, error: &rusqlite::Error) -> Error {
    workspace_error(path, &sql_what(error))
}

/// [`sql_error`], keeping SQLite's error as the source.
fn sql_failure(path: &Path, error: rusqlite::Error) -> Error {
    Error::Workspace {
        path: path.to_path_buf(),
        what: sql_what(&error),
        source: Some(error),
    }
}

/// What an SQLite error on the workspace means, in words.
fn sql_what(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            "not a kith workspace (the file is not an SQLite database); left untouched".to_string()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseBusy => {
            "another program (another kith, perhaps) is using it; try again when it has finished".to_string()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
            "cannot be written (check the permissions of the file and of its folder)".to_string()
        }
        rusqlite::Error::SqliteFailure(f, message) => message.clone().unwrap_or_else(|| f.to_string()),
        other => other.to_string(),
    }
}

/// Another program's file, refused before anything was written to it.
fn foreign(path: &Path, what: &str) -> Error {
    workspace_error(path, &format!("not a kith workspace ({what}); left untouched"))
}

/// A workspace of a schema this kith does not know, refused before anything was written.
fn newer(path: &Path, version: usize) -> Error {
    let known = schema::MIGRATIONS.len();
    workspace_error(
        path,
        &format!(
            "made by a newer kith (schema version {version}; this kith knows up to {known}); \
             upgrade kith to use it (the file is left untouched)"
        ),
    )
}

fn workspace_error(path: &Path, what: &str) -> Error {
    Error::Workspace {
        path: path.to_path_buf(),
        what: what.to_string(),
        source: None,
    }
}

/// A new file, readable and writable by its owner only; fails if it exists.
fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates the file readable and writable by its owner only, or tightens an existing one
/// that kith created with wider permissions.
fn create_private(path: &Path) -> std::io::Result<()> {
    match new_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let metadata = std::fs::metadata(path)?;
                if metadata.permissions().mode() & 0o077 != 0 && metadata.len() == 0 {
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
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

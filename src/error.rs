//! The library's error type: every variant carries what a person needs to act on it
//! (the file, the line, what was expected), and prints as one lowercase line.

use std::path::PathBuf;

/// Everything that can stop a kith operation. Rows that are merely unusable are *not* errors:
/// they are [`crate::linkedin::Reject`]s, counted and reported while the import goes on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given by the user could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An archive that is truncated, corrupt or not a zip at all.
    #[error("{path}: {what}")]
    Archive { path: PathBuf, what: String },
    /// An archive entry refused for safety (path escapes, too large, too compressed).
    #[error("{path}: entry \"{entry}\" refused: {why}")]
    Refused { path: PathBuf, entry: String, why: String },
    /// Nothing in the given paths is a file kith recognises.
    #[error("{path}: not a LinkedIn export ({why})")]
    NotAnExport { path: PathBuf, why: String },
    /// The only file given (or every file) cannot be used, for a reason worth saying: a
    /// connections file without a name or URL column, an address book.
    #[error("{path}: {why}")]
    Unusable { path: PathBuf, why: String },
    /// The workspace file could not be opened, migrated or written; `what` says why in
    /// words, `source` is SQLite's error when there was one.
    #[error("workspace {path}: {what}")]
    Workspace {
        path: PathBuf,
        what: String,
        #[source]
        source: Option<rusqlite::Error>,
    },
    /// A command that only reads was pointed at a workspace that does not exist.
    #[error("no workspace at {path}: run kith import first")]
    NoWorkspace { path: PathBuf },
    /// Someone else's export imported as the workspace owner's own (the binary says how to
    /// import it as a pooled member's).
    #[error("{path}: this export belongs to {name} ({evidence}), not to the workspace owner {owner}")]
    OtherOwner {
        path: PathBuf,
        /// The export's owner, as the export names them.
        name: String,
        /// What says so: a profile URL, or where the name was found.
        evidence: String,
        /// The workspace owner (with their URL when known).
        owner: String,
    },
    /// A club card that cannot be read: too large, another version, not JSON, or a field
    /// that a card does not have.
    #[error("{path}: {why}")]
    BadCard { path: PathBuf, why: String },
    /// A card of the workspace owner: their own network is already here, in full.
    #[error("\"{name}\" is the workspace owner; their own card adds nothing")]
    CardOfOwner { name: String },
    /// A card under the name of a member who is someone else (another profile URL).
    #[error("\"{name}\" is already pooled, and is someone else ({url}); the card's member needs another name")]
    CardNameTaken { name: String, url: String },
    /// A card of a member whose whole export is pooled already.
    #[error("\"{name}\" is pooled with their whole export already; their card adds nothing")]
    CardOfPooledExport { name: String },
    /// A pooled member's export imported under an empty name.
    #[error("a pooled member needs a name")]
    NoMemberName,
    /// A pooled member's export imported under the workspace owner's name.
    #[error("\"{name}\" is the workspace owner, not a pooled member")]
    MemberIsOwner { name: String },
    /// A target that names no company (empty, or only a legal form).
    #[error("\"{name}\" is not a company name")]
    NotACompany { name: String },
    /// A synthetic export asked for with no member.
    #[error("a synthetic export needs at least one member")]
    NoMembers,
    /// A chart that plotters could not draw (its errors reach kith as text).
    #[error("drawing the {chart} chart: {why}")]
    Chart { chart: &'static str, why: String },
    /// A chart drawn but not encoded as PNG.
    #[error("encoding a chart as PNG: {0}")]
    Png(#[source] image::ImageError),
    /// polars failed while aggregating the tie statistics.
    #[error("aggregating messages: {0}")]
    Aggregate(#[source] polars::prelude::PolarsError),
    /// SQLite reported an error on an operation that has no better context (the binary
    /// names the workspace file with [`crate::store::sql_error`]).
    #[error("workspace: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// Shorthand used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

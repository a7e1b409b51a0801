//! Reading LinkedIn exports: walking archives, folders and single files; decoding; finding
//! each file's header and layout; turning rows into typed records. Rows that cannot be used
//! become [`Reject`]s with file, line and reason. Nothing here touches the workspace.

pub mod archive;
pub mod cells;
pub mod dates;
pub mod decode;
pub mod frame;
pub mod messages;
mod realign;
pub mod rows;
pub mod table;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
pub use archive::Limits;

/// One file of an export, in memory.
pub struct SourceFile {
    /// The name shown in summaries: its path inside the archive or folder.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything read from the paths given to one import.
pub struct Source {
    pub files: Vec<SourceFile>,
    /// The export's date, when the name of the archive or folder carries it
    /// (`..._MM-DD-YYYY.zip`, `..._MM-DD-YYYY/`).
    pub export_date: Option<NaiveDate>,
    /// The paths as given, for messages.
    pub paths: Vec<PathBuf>,
    /// Folders not read because they lie deeper than any export's (with the limit).
    pub too_deep: Vec<String>,
}

/// Folders are walked this deep (an export has at most `Articles/Articles/`).
const MAX_DEPTH: usize = 6;

/// Reads every path: `.zip` archives (recognised by content), folders (recursively), single
/// files. Fails with a one-line error naming the path for unreadable paths and for corrupt,
/// truncated or hostile archives.
pub fn load(paths: &[PathBuf], limits: Limits) -> Result<Source> {
    let mut source = Source {
        files: Vec::new(),
        export_date: None,
        paths: paths.to_vec(),
        too_deep: Vec::new(),
    };
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if metadata.is_dir() {
            // An extracted export keeps the archive's name, and with it the export's date.
            note_export_date(&mut source, path);
            walk(path, path, 0, limits, &mut source)?;
        } else if metadata.is_file() {
            // A file handed over alone may still sit in the extracted export's folder.
            if let Some(folder) = path.parent() {
                note_export_date(&mut source, folder);
            }
            load_file(path, display_file_name(path), limits, &mut source)?;
        } else {
            // Devices and pipes (/dev/zero, a FIFO) would never end.
            return Err(Error::Archive {
                path: path.clone(),
                what: "not a regular file or folder".into(),
            });
        }
    }
    Ok(source)
}

/// Takes the export's date from a name like `Basic_LinkedInDataExport_11-04-2018`.
fn note_export_date(source: &mut Source, path: &Path) {
    let name = std::fs::canonicalize(path)
        .ok()
        .map_or_else(|| display_file_name(path), |p| display_file_name(&p));
    if let Some(date) = dates::date_in_archive_name(&name) {
        source.export_date = source.export_date.max(Some(date));
    }
}

/// Takes the export's date from folders inside an archive or a given folder that are named
/// like an export (`Basic_LinkedInDataExport_11-04-2018/`); other folders' names are not dates.
fn note_dated_folders(source: &mut Source, folders: &str) {
    for folder in folders.split('/') {
        if folder.to_ascii_lowercase().contains("linkedin") {
            if let Some(date) = dates::date_in_archive_name(folder) {
                source.export_date = source.export_date.max(Some(date));
            }
        }
    }
}

fn display_file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn walk(root: &Path, dir: &Path, depth: usize, limits: Limits, source: &mut Source) -> Result<()> {
    if depth > MAX_DEPTH {
        let relative = dir.strip_prefix(root).unwrap_or(dir);
        source.too_deep.push(relative.to_string_lossy().replace('\\', "/"));
        return Ok(());
    }
    if depth > 0 {
        note_dated_folders(
            source,
            &dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        // Symbolic links are not followed: a folder export has none, and following them
        // could leave the folder the user named.
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if metadata.file_type().is_symlink() {
            continue;
        }
        if metadata.is_dir() {
            walk(root, &path, depth + 1, limits, source)?;
        } else if metadata.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.to_string_lossy().replace('\\', "/");
            load_file(&path, name, limits, source)?;
        }
    }
    Ok(())
}

fn load_file(path: &Path, name: String, limits: Limits, source: &mut Source) -> Result<()> {
    let too_big = |what: String| Error::Archive {
        path: path.to_path_buf(),
        what,
    };
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    // The first bytes say whether this is an archive, and so which limit applies, before
    // anything large is read.
    let mut magic = Vec::with_capacity(4);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, 4), &mut magic).map_err(|e| Error::io(path, e))?;
    let zip = archive::is_zip(&magic);
    if !zip && name.to_ascii_lowercase().ends_with(".zip") {
        return Err(Error::Archive {
            path: path.to_path_buf(),
            what: "not a zip archive (named .zip, but the content is not)".into(),
        });
    }
    let limit = if zip {
        limits.max_total_bytes
    } else {
        limits.max_entry_bytes
    };
    if size > limit {
        return Err(too_big(format!(
            "file is {}, over the limit of {}",
            archive::human_bytes(size),
            archive::human_bytes(limit)
        )));
    }
    // Read at most the limit, even if the file grows while it is read.
    let mut bytes = magic;
    bytes.reserve(usize::try_from(size).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, limit + 1 - bytes.len() as u64),
        &mut bytes,
    )
    .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big("file grew past the size limit while being read".into()));
    }
    if zip {
        note_export_date(source, path);
        for entry in archive::read_zip(path, &bytes, limits)? {
            // An archive re-zipped with the export's folder inside still names its date.
            if let Some((folders, _)) = entry.name.rsplit_once('/') {
                note_dated_folders(source, folders);
            }
            source.files.push(SourceFile {
                name: entry.name,
                bytes: entry.bytes,
            });
        }
    } else {
        source.files.push(SourceFile { name, bytes });
    }
    Ok(())
}

/// Why a row was not used. The key (`Display`) is stable: it is what `kith status` counts
/// and what the rejects file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// A connection row blank except for the date.
    BlankRow,
    /// No name, URL or e-mail: names nobody.
    NoPerson,
    /// A date that no known format matches.
    BadDate,
    /// A message draft, never sent.
    Draft,
    /// Sponsored messages and InMail: the title `Sponsored Conversation` or a marketing body.
    Sponsored,
    /// A message from "LinkedIn Member" (a name LinkedIn hides) whom nothing else identifies.
    HiddenSender,
    /// A message of the owner's to "LinkedIn Member" whom nothing else identifies.
    HiddenRecipient,
    /// A connection whose name was replaced by a number, with no URL or e-mail.
    Anonymised,
    /// A row naming "LinkedIn Member" (a name LinkedIn hides), with no URL or e-mail.
    HiddenName,
    /// A message without a sender.
    NoSender,
    /// A message whose only participant is the export's owner.
    NoRecipient,
    /// The same row twice in one import.
    Duplicate,
    /// Fewer cells than the header needs.
    Malformed,
    /// An invitation whose direction cannot be told.
    UnknownDirection,
    /// A row that names the export's owner as the other side.
    SelfReference,
}

impl Reason {
    /// The stable key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Reason::BlankRow => "blank-row",
            Reason::NoPerson => "no-person",
            Reason::BadDate => "bad-date",
            Reason::Draft => "draft",
            Reason::Sponsored => "sponsored",
            Reason::HiddenSender => "hidden-sender",
            Reason::HiddenRecipient => "hidden-recipient",
            Reason::Anonymised => "anonymised",
            Reason::HiddenName => "hidden-name",
            Reason::NoSender => "no-sender",
            Reason::NoRecipient => "no-recipient",
            Reason::Duplicate => "duplicate",
            Reason::Malformed => "malformed",
            Reason::UnknownDirection => "unknown-direction",
            Reason::SelfReference => "self",
        }
    }

    /// A sentence-fragment for people.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Reason::BlankRow => "blank row (no name, URL or e-mail)",
            Reason::NoPerson => "names nobody (no name, URL or e-mail)",
            Reason::BadDate => "unrecognised date",
            Reason::Draft => "draft, never sent",
            Reason::Sponsored => "sponsored message or InMail",
            Reason::HiddenSender => {
                "sender shown as \"LinkedIn Member\" (name hidden), with no profile URL, in a conversation that does not show who it was"
            }
            Reason::HiddenRecipient => {
                "sent to \"LinkedIn Member\" (name hidden), with no profile URL, in a conversation that does not show who it was"
            }
            Reason::Anonymised => "name replaced by a number, with no URL or e-mail to tell who it is",
            Reason::HiddenName => "name hidden as \"LinkedIn Member\", with no URL or e-mail to tell who it is",
            Reason::NoSender => "no sender",
            Reason::NoRecipient => "no recipient other than the owner",
            Reason::Duplicate => "duplicate of an earlier row",
            Reason::Malformed => "malformed row",
            Reason::UnknownDirection => "direction unknown",
            Reason::SelfReference => "refers to the export's owner",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A row that was not used, with where it was and why.
#[derive(Debug, Clone)]
pub struct Reject {
    pub file: String,
    pub line: u64,
    pub reason: Reason,
    /// The specific detail (`"31/31/24"`), may be empty.
    pub detail: String,
    /// The row as CSV, for the rejects file (never stored in the workspace).
    pub raw: String,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.reason.describe())?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

/// A row-level collector: rejects of one file.
pub struct Rejects<'a> {
    pub file: &'a str,
    pub list: Vec<Reject>,
}

impl<'a> Rejects<'a> {
    #[must_use]
    pub fn new(file: &'a str) -> Self {
        Rejects { file, list: Vec::new() }
    }

    /// Records a rejected row.
    pub(crate) fn push(&mut self, row: &(impl table::Cells + ?Sized), reason: Reason, detail: impl Into<String>) {
        self.list.push(Reject {
            file: self.file.to_string(),
            line: row.line(),
            reason,
            detail: detail.into(),
            raw: row.to_csv_line(),
        });
    }
}

/// The owner's name from the `Profile.csv` of a source, if it has one.
#[must_use]
pub fn profile_name(source: &Source) -> Option<String> {
    source.files.iter().find_map(|file| {
        let (text, encoding) = decode::decode(&file.bytes);
        match table::open(&file.name, &text, encoding) {
            table::Recognised::Table(mut t) if t.kind == table::Kind::Profile => rows::profile(&mut t).map(|p| p.name),
            _ => None,
        }
    })
}

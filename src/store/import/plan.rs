//! What an import will do, decided from the files alone before anything is written: each
//! file's kind, layout and encoding decided once and the files put in import order (later
//! passes re-open a file, which finds its header again, but never decide anew), the message
//! history scanned once (the frame polars reads it through, its newest date), whose export it
//! is, when it was taken, and its fingerprint. Reads the decoded files; touches no workspace.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{owner, FileReport, ImportOptions, Timings};
use crate::error::{Error, Result};
use crate::hash::Fingerprint;
use crate::linkedin::decode::Encoding;
use crate::linkedin::frame::Frame;
use crate::linkedin::table::{self, Cells, Kind, Recognised, Table};
use crate::linkedin::{messages, rows, Source, SourceFile};
use crate::resolve::full_name_key;

/// A recognised file, to be parsed in kind order.
pub(crate) struct Recognition {
    pub index: usize,
    pub kind: Kind,
    pub layout: String,
    pub encoding: Encoding,
}

/// Whose export it is, as the files tell.
pub(crate) struct Owner {
    /// The name to give the member: the export's own, else `--member`, else a stand-in.
    pub name: String,
    /// The export names its owner (the name is not a stand-in).
    pub named: bool,
    pub url: Option<String>,
    /// Everything that identifies the owner, for finding or refusing the member.
    pub export: owner::ExportOwner,
}

/// The recognised files of a source, in import order, and how to open each.
pub(crate) struct Files<'a> {
    source: &'a Source,
    decoded: &'a [(Cow<'a, str>, Encoding)],
    list: Vec<Recognition>,
}

/// The plan of one import.
pub(crate) struct Plan<'a> {
    /// Recognised files, in import order.
    pub files: Files<'a>,
    /// Files not used, with why.
    pub unused: Vec<FileReport>,
    /// For each of `files`, the frame polars reads it through (message files that allow it).
    pub frames: Vec<Option<Frame<'a>>>,
    pub profile: Option<rows::Profile>,
    pub owner: Owner,
    /// The export's date: from the archive's or folder's name, else the newest row's.
    pub export_date: Option<NaiveDate>,
    /// A hash of the recognised files' bytes: the same export, however packed, is the same.
    pub fingerprint: i64,
    /// Bytes of the recognised files (for progress).
    pub bytes: u64,
}

impl<'a> Files<'a> {
    /// The recognised files, in import order.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Recognition> {
        self.list.iter()
    }

    /// The file a recognition is of.
    pub(crate) fn source_file(&self, r: &Recognition) -> &'a SourceFile {
        &self.source.files[r.index]
    }

    /// The table of a recognised file, positioned at its first row. Recognition is
    /// deterministic, so a file recognised once is recognised again; `None` is handled anyway
    /// (the file is then left out) rather than trusted.
    pub(crate) fn open(&self, r: &Recognition) -> Option<Table<'a>> {
        let (text, encoding) = &self.decoded[r.index];
        match table::open(&self.source.files[r.index].name, text, *encoding) {
            Recognised::Table(t) => Some(*t),
            Recognised::Unused(_) => None,
        }
    }
}

/// Plans the import of `source`, whose files are `decoded`. Fails when no file is usable.
pub(crate) fn plan<'a>(
    source: &'a Source,
    decoded: &'a [(Cow<'a, str>, Encoding)],
    options: &ImportOptions,
    timings: &mut Timings,
) -> Result<Plan<'a>> {
    let mut unused: Vec<FileReport> = source
        .too_deep
        .iter()
        .map(|folder| {
            FileReport::new(
                folder,
                None,
                "not used: a folder nested deeper than any export's".into(),
            )
        })
        .collect();
    let mut list = Vec::new();
    for (index, (file, (text, encoding))) in source.files.iter().zip(decoded).enumerate() {
        match table::open(&file.name, text, *encoding) {
            Recognised::Table(t) => list.push(Recognition {
                index,
                kind: t.kind,
                layout: t.layout,
                encoding: *encoding,
            }),
            Recognised::Unused(why) => unused.push(FileReport::new(&file.name, None, format!("not used: {why}"))),
        }
    }
    if list.is_empty() {
        let first_path = source.paths.first().cloned().unwrap_or_default();
        return Err(nothing_usable(source, &first_path, &unused));
    }
    // In import order (see `Kind::import_order`); within endorsements the current files come
    // before the legacy UTF-16 one.
    list.sort_by_key(|r| {
        (
            r.kind.import_order(),
            matches!(r.encoding, Encoding::Utf16Le | Encoding::Utf16Be),
            r.index,
        )
    });
    timings.lap("decode and recognise");
    let files = Files { source, decoded, list };
    // The fingerprint is a hash of every byte: made on the other core meanwhile.
    let parts: Vec<(Kind, &[u8])> = files
        .iter()
        .map(|r| (r.kind, files.source_file(r).bytes.as_slice()))
        .collect();
    let (frames, profile, owner, export_date, fingerprint) = std::thread::scope(|scope| {
        let files = &files;
        let fingerprint = scope.spawn(move || export_fingerprint(&parts));
        // The message history is scanned once, meanwhile: where its rows are, whether polars
        // can read it, its newest date.
        let scan = scope.spawn(move || scan_messages(files, options));
        let profile = files
            .iter()
            .filter(|r| r.kind == Kind::Profile)
            .find_map(|r| files.open(r).and_then(|mut t| rows::profile(&mut t)));
        let owner = find_owner(files, profile.as_ref(), options);
        let latest_rows = files
            .iter()
            .filter(|r| matches!(r.kind, Kind::Connections | Kind::Invitations))
            .filter_map(|r| newest_date(files, r))
            .max();
        timings.lap("owner (a sample of messages, invitations; the message scan meanwhile)");
        let (frames, latest_message) = join(scan);
        timings.lap("rest of the message scan");
        let export_date = source.export_date.or_else(|| latest_rows.max(latest_message));
        (frames, profile, owner, export_date, join(fingerprint))
    });
    Ok(Plan {
        bytes: files.iter().map(|r| files.source_file(r).bytes.len() as u64).sum(),
        files,
        unused,
        frames,
        profile,
        owner,
        export_date,
        fingerprint,
    })
}

/// Whose export it is. `Profile.csv` names the owner; else their messages (a sample of
/// rows); else their sent invitations.
fn find_owner(files: &Files<'_>, profile: Option<&rows::Profile>, options: &ImportOptions) -> Owner {
    let profile_name = profile.map(|p| p.name.as_str());
    let mut hint = messages::OwnerHint::default();
    for r in files.iter().filter(|r| r.kind == Kind::Messages) {
        let Some(mut table) = files.open(r) else { continue };
        let found = messages::detect_owner(&mut table, profile_name);
        hint.name = hint.name.or(found.name);
        hint.url = hint.url.or(found.url);
        hint.sender_name = hint.sender_name.or(found.sender_name);
        hint.directed |= found.directed;
    }
    let (invitations_url, invitations_name) = owner::from_invitations(&files.list, &|r| files.open(r));
    // Sent invitations name the owner outright; a name found by counting message rows gives
    // way to them (with its URL, which was that name's).
    if profile_name.is_none() && !hint.directed {
        if let Some(invited) = &invitations_name {
            let counted = hint.name.as_deref().map(full_name_key);
            if counted.is_some_and(|key| key != full_name_key(invited)) {
                hint.name = Some(invited.clone());
                hint.sender_name = Some(invited.clone());
                hint.url.clone_from(&invitations_url);
            }
        }
    }
    if hint.url.is_none() {
        hint.url = invitations_url;
    }
    let detected_name = profile_name
        .map(str::to_string)
        .or(hint.name.clone())
        .or(invitations_name.clone());
    let named = detected_name.is_some();
    let name = detected_name
        .or(options.member.clone())
        .unwrap_or_else(|| owner::UNNAMED_OWNER.to_string());
    let export = owner::ExportOwner::new(
        name.clone(),
        hint.url.clone(),
        profile_name,
        hint.sender_name.as_deref(),
        invitations_name.as_deref(),
    );
    Owner {
        name,
        named,
        url: hint.url,
        export,
    }
}

/// For each planned file, the frame polars reads it through (message files of the plain
/// shape), and the newest message date of all message files.
fn scan_messages<'a>(files: &Files<'a>, options: &ImportOptions) -> (Vec<Option<Frame<'a>>>, Option<NaiveDate>) {
    let mut latest = None;
    let frames = files
        .iter()
        .map(|r| {
            if r.kind != Kind::Messages {
                return None;
            }
            let frame = messages::frame(&files.open(r)?, options.reader);
            let newest = match &frame {
                Some(frame) => frame.latest().map(|t| t.date()),
                None => newest_date(files, r),
            };
            latest = latest.max(newest);
            frame
        })
        .collect();
    (frames, latest)
}

/// The result of a thread of the plan; its panic, if it panicked, goes on here.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    match handle.join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The newest date of a connections, invitations or messages file, used for the export's
/// date when no archive or folder name carries it. Dates are read as the import reads them
/// (edited headers, the column's day order), and an over-long connections row's date is its
/// last cell, where re-joining puts it.
fn newest_date(files: &Files<'_>, r: &Recognition) -> Option<NaiveDate> {
    let names: &[&str] = match r.kind {
        Kind::Connections => &table::CONNECTED_COLUMNS,
        Kind::Invitations => &table::SENT_COLUMNS,
        Kind::Messages => &["date"],
        _ => return None,
    };
    let mut table = files.open(r)?;
    let column = table.column_any(names)?;
    let dates = table.date_column(Some(column));
    let width = table.columns.len();
    let mut latest = None;
    table.for_each_row(|row| {
        let cell = if row.record.len() > width && r.kind == Kind::Connections {
            row.record.iter().rev().find(|c| !c.trim().is_empty()).unwrap_or("")
        } else {
            row.get(Some(column))
        };
        latest = latest.max(dates.date(cell));
    });
    latest
}

/// A fingerprint of the export's content: the recognised files' bytes, in a fixed order, so
/// that the same export re-zipped, unzipped or renamed is the same export. Each file's bytes
/// are hashed with XXH3 (a published, stable algorithm, several GB/s: a message history of
/// 250 MB took FNV a third of a second of a core that the import needs).
fn export_fingerprint(files: &[(Kind, &[u8])]) -> i64 {
    let mut parts: Vec<(&str, u64)> = files
        .iter()
        .map(|(kind, bytes)| (kind.key(), xxhash_rust::xxh3::xxh3_64(bytes)))
        .collect();
    parts.sort_unstable();
    let mut all = Fingerprint::new();
    for (key, hash) in parts {
        all.add_str(key).add(&hash.to_le_bytes());
    }
    all.finish()
}

/// The error for a source without one usable file. A file that looks meant for kith but
/// cannot be used (a connections file without names) says why; otherwise the source is not
/// an export.
fn nothing_usable(source: &Source, first_path: &std::path::Path, reports: &[FileReport]) -> Error {
    let specific = reports.iter().find_map(|r| {
        let why = r.layout.strip_prefix("not used: ")?;
        (why.starts_with("no name") || why.starts_with("looks like") || why.starts_with("address book"))
            .then_some((r.name.as_str(), why))
    });
    let given_name = first_path.file_name().map(|n| n.to_string_lossy().into_owned());
    match (specific, source.files.len()) {
        (Some((name, why)), 1) if given_name.as_deref() == Some(name) => Error::Unusable {
            path: first_path.to_path_buf(),
            why: why.to_string(),
        },
        (Some((name, why)), _) => Error::Unusable {
            path: first_path.to_path_buf(),
            why: format!("{name}: {why}"),
        },
        (None, 0) => Error::NotAnExport {
            path: first_path.to_path_buf(),
            why: "no files in it".into(),
        },
        (None, 1) => Error::NotAnExport {
            path: first_path.to_path_buf(),
            why: "no file kith recognises".into(),
        },
        (None, n) => Error::NotAnExport {
            path: first_path.to_path_buf(),
            why: format!("none of its {n} files is one kith recognises"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored in every workspace's `imports`: if this changes, re-importing an export imported
    /// before stops being a no-op. Change it only with a migration.
    #[test]
    fn the_export_fingerprint_is_pinned() {
        let files: [(Kind, &[u8]); 3] = [
            (Kind::Messages, b"CONVERSATION ID,FROM\n1,Ana\n"),
            (Kind::Connections, b"First Name,Last Name\nAna,Lee\n"),
            (Kind::EndorsementsReceived, b""),
        ];
        assert_eq!(export_fingerprint(&files), 5_619_937_277_080_689_866);
        // Order-independent: the same files listed otherwise are the same export.
        let mut reversed = files;
        reversed.reverse();
        assert_eq!(export_fingerprint(&reversed), export_fingerprint(&files));
    }
}

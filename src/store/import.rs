//! One import: every recognised file of a [`Source`] parsed, resolved to people and written in
//! a single transaction. A failure (or a kill) before the commit leaves the workspace as it
//! was; importing the same export again changes nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Transaction};

use super::Workspace;
use crate::error::Result;
use crate::hash::Fingerprint;
use crate::linkedin::decode::{decode, Encoding};
use crate::linkedin::table::{self, Kind, Table};
use crate::linkedin::{messages, rows, Reason, Reject, Rejects, Source};
use crate::resolve::{company_key, full_name_key, Identity, Person, Resolver};
use crate::words::plural;

mod connection_match;
mod messages_pass;
mod owner;
pub(crate) mod people;
mod plan;

/// What the caller wants of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The pooled member whose export this is; `None` for the workspace owner's own.
    pub member: Option<String>,
    /// Store message and recommendation text (off by default).
    pub keep_content: bool,
    /// Which reader goes through the message history (the tests compare them).
    pub reader: messages::Reader,
}

/// Reports progress in bytes of recognised files; the binary draws a bar from it.
pub trait Progress {
    fn start(&self, total_bytes: u64);
    fn set(&self, done_bytes: u64);
    fn finish(&self);
}

/// A progress sink that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn set(&self, _: u64) {}
    fn finish(&self) {}
}

/// What happened to one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileReport {
    pub name: String,
    /// The kind recognised, or `None` for files not used.
    pub kind: Option<&'static str>,
    /// The layout recognised, or why the file is not used.
    pub layout: String,
    /// Rows used (new or already in the workspace).
    pub imported: usize,
    /// Of those, rows already in the workspace from an earlier import.
    pub unchanged: usize,
    /// Rows skipped, by reason key.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Remarks about kept rows.
    pub notes: Vec<String>,
}

impl FileReport {
    fn new(name: &str, kind: Option<Kind>, layout: String) -> Self {
        FileReport {
            name: name.to_string(),
            kind: kind.map(Kind::label),
            layout,
            imported: 0,
            unchanged: 0,
            skipped: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    fn count_rejects(&mut self, rejects: &[Reject]) {
        for reject in rejects {
            *self.skipped.entry(reject.reason.key()).or_default() += 1;
        }
    }
}

/// The result of an import.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportSummary {
    /// The member the export was imported for.
    pub member: String,
    /// The export's owner as detected (name, URL).
    pub owner_name: String,
    pub owner_url: Option<String>,
    pub export_date: Option<String>,
    /// True when the export date comes from the archive's or folder's name; false when it is
    /// the newest date in the data.
    pub export_date_from_name: bool,
    /// True when this exact export had been imported before: nothing was written.
    pub already_imported: bool,
    pub files: Vec<FileReport>,
    pub new_people: usize,
    pub job_changes: usize,
    /// Every skipped row, with file, line and reason.
    #[serde(skip)]
    pub rejects: Vec<Reject>,
    /// Seconds spent in each phase, for `-vv` and the benchmarks.
    #[serde(skip)]
    pub timings: Vec<(String, f64)>,
}

/// Wall-clock time per phase of an import.
struct Timings {
    last: std::time::Instant,
    laps: Vec<(String, f64)>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, what: &str) {
        let now = std::time::Instant::now();
        self.laps.push((what.to_string(), (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

impl ImportSummary {
    /// Whether the owner is still unnamed: no export imported so far said whose it is.
    #[must_use]
    pub fn owner_unnamed(&self) -> bool {
        self.member == owner::UNNAMED_OWNER
    }

    /// Total rows skipped.
    #[must_use]
    pub fn skipped(&self) -> usize {
        self.rejects.len()
    }
}

/// Everything decided before writing: who the export belongs to and when it was taken.
pub(crate) struct Context {
    pub member_id: i64,
    pub member_person: i64,
    pub member_url: Option<String>,
    pub member_key: String,
    pub export_date: Option<NaiveDate>,
    pub keep_content: bool,
}

/// Imports `source` into `workspace`.
pub fn import(
    workspace: &mut Workspace,
    source: &Source,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    import_then(workspace, source, options, progress, &mut |_| Ok(()))
}

/// [`import`], calling `before_commit` with the summary just before the transaction commits
/// (to write the rejects file): if it fails, nothing is committed and a re-import can try again.
pub fn import_then(
    workspace: &mut Workspace,
    source: &Source,
    options: &ImportOptions,
    progress: &dyn Progress,
    before_commit: &mut dyn FnMut(&ImportSummary) -> Result<()>,
) -> Result<ImportSummary> {
    let mut timings = Timings::start();
    let decoded: Vec<(Cow<'_, str>, Encoding)> = source.files.iter().map(|f| decode(&f.bytes)).collect();
    let plan = plan::plan(source, &decoded, options, &mut timings)?;
    progress.start(plan.bytes);

    let tx = workspace
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Rows reference people written later in the same transaction; integrity is checked at
    // the commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let first_path = source.paths.first().cloned().unwrap_or_default();
    let member_id = owner::find_or_create_member(&tx, &first_path, options.member.as_deref(), &plan.owner.export)?;
    let member_name: String = tx.query_row("SELECT name FROM members WHERE id = ?1", [member_id], |r| r.get(0))?;
    let previous: Option<String> = tx
        .query_row(
            "SELECT imported_at FROM imports WHERE member_id = ?1 AND fingerprint = ?2",
            params![member_id, plan.fingerprint],
            |r| r.get(0),
        )
        .optional()?;
    if previous.is_some() {
        progress.finish();
        return Ok(already_imported(&plan, member_name, timings));
    }

    let mut resolver = people::load(&tx)?;
    let before = resolver.people().len();
    let owner = &plan.owner;
    let member_person = people::member_person(
        &tx,
        &mut resolver,
        member_id,
        &owner.name,
        owner.named,
        owner.url.as_deref(),
    )?;
    // A card pooled earlier for the person whose whole export this is: the export
    // supersedes it (the people it brought stay; this import may well name them).
    super::cards::withdraw_cards_of(&tx, member_id, member_person)?;
    // "New people" never counts the user, as `kith status` does not.
    let known_people = if options.member.is_none() {
        resolver.people().len()
    } else {
        before
    };
    let context = Context {
        member_id,
        member_person,
        member_url: resolver.get(member_person).and_then(|p| p.url.clone()),
        member_key: full_name_key(&owner.name),
        export_date: plan.export_date,
        keep_content: options.keep_content,
    };
    if let Some(p) = &plan.profile {
        tx.execute(
            "UPDATE members SET headline = ?2, industry = ?3, location = ?4 WHERE id = ?1",
            params![member_id, p.headline, p.industry, p.location],
        )?;
    }
    let written = import_files(&tx, &plan, &context, &mut resolver, progress, &mut timings)?;
    people::flush(&tx, &mut resolver)?;
    match written.stats {
        Some(columns) => super::stats::replace(&tx, member_id, columns)?,
        None => super::stats::refresh(&tx, member_id, member_person)?,
    }
    timings.lap("tie statistics");
    store_rejects(&tx, member_id, &written.rejects)?;
    let mut files = plan.unused;
    files.extend(written.files);
    let mut summary = ImportSummary {
        member: member_name,
        owner_name: plan.owner.name,
        owner_url: resolver.get(member_person).and_then(|p| p.url.clone()),
        export_date: plan.export_date.map(|d| d.to_string()),
        export_date_from_name: source.export_date.is_some(),
        already_imported: false,
        files,
        new_people: resolver.people().len() - known_people,
        job_changes: written.job_changes,
        rejects: written.rejects,
        timings: Vec::new(),
    };
    let summary_json = serde_json::to_string(&summary).unwrap_or_default();
    let sources: Vec<String> = source.paths.iter().map(|p| p.display().to_string()).collect();
    tx.execute(
        "INSERT INTO imports (member_id, fingerprint, source, export_date, imported_at, summary)
         VALUES (?1, ?2, ?3, ?4, datetime('now'), ?5)",
        params![
            member_id,
            plan.fingerprint,
            sources.join(", "),
            summary.export_date,
            summary_json
        ],
    )?;
    before_commit(&summary)?;
    failpoint("before-commit");
    tx.commit()?;
    timings.lap("commit");
    progress.finish();
    summary.timings = timings.laps;
    Ok(summary)
}

/// The summary of an export imported before: nothing was written.
fn already_imported(plan: &plan::Plan<'_>, member: String, timings: Timings) -> ImportSummary {
    let mut files = plan.unused.clone();
    for r in plan.files.iter() {
        files.push(FileReport::new(
            &plan.files.source_file(r).name,
            Some(r.kind),
            r.layout.clone(),
        ));
    }
    ImportSummary {
        member,
        owner_name: plan.owner.name.clone(),
        owner_url: plan.owner.url.clone(),
        export_date: None,
        export_date_from_name: false,
        already_imported: true,
        files,
        new_people: 0,
        job_changes: 0,
        rejects: Vec::new(),
        timings: timings.laps,
    }
}

/// What writing the files produced.
#[derive(Default)]
struct Written {
    files: Vec<FileReport>,
    rejects: Vec<Reject>,
    job_changes: usize,
    /// The messages as seen from each tie, when made in memory (see [`super::stats::replace`]).
    stats: Option<super::stats::Columns>,
}

/// Parses every recognised file in plan order and writes its rows.
fn import_files(
    tx: &Transaction<'_>,
    plan: &plan::Plan<'_>,
    context: &Context,
    resolver: &mut Resolver,
    progress: &dyn Progress,
    timings: &mut Timings,
) -> Result<Written> {
    let mut fresh_stats = fresh_stats(tx, plan, context)?;
    let mut written = Written::default();
    let mut done_bytes = 0u64;
    for (r, frame) in plan.files.iter().zip(&plan.frames) {
        let file = plan.files.source_file(r);
        let mut report = FileReport::new(&file.name, Some(r.kind), r.layout.clone());
        let mut rejects = Rejects::new(&file.name);
        let Some(mut table) = plan.files.open(r) else {
            report.layout = "not used: could not be read again".into();
            report.kind = None;
            written.files.push(report);
            continue;
        };
        if let Some(example) = guessed_day_order(&table) {
            report.notes.push(format!(
                "no date in the file shows whether it is day-first or month-first (like {example}): \
             read month-first where possible, as LinkedIn writes them"
            ));
        }
        match r.kind {
            Kind::Profile => report.imported = usize::from(plan.profile.is_some()),
            Kind::Messages => {
                let base = done_bytes;
                let outcome = messages_pass::store(
                    tx,
                    context,
                    resolver,
                    messages_pass::MessageFile {
                        table: &mut table,
                        frame: frame.as_ref(),
                        rejects: &mut rejects,
                    },
                    &|bytes| progress.set(base + bytes),
                    fresh_stats.as_mut(),
                )?;
                report.imported = outcome.used;
                report.unchanged = outcome.unchanged;
            }
            kind => {
                written.job_changes += store_rows(tx, context, resolver, kind, &mut table, &mut rejects, &mut report)?;
            }
        }
        if table.repeated_headers > 0 {
            report.notes.push(format!(
                "the header is repeated inside the file ({}, two exports joined?): skipped",
                plural(table.repeated_headers, "time")
            ));
        }
        rejects.list.sort_by_key(|r| r.line);
        report.count_rejects(&rejects.list);
        written.rejects.extend(rejects.list);
        written.files.push(report);
        timings.lap(r.kind.label());
        done_bytes += file.bytes.len() as u64;
        progress.set(done_bytes);
    }
    written.stats = fresh_stats;
    Ok(written)
}

/// Where the tie statistics start from: made in memory (an empty set of columns) when this
/// import writes every message the member has, which is their first, with one message file;
/// `None` when they are made from the workspace afterwards.
fn fresh_stats(
    tx: &Transaction<'_>,
    plan: &plan::Plan<'_>,
    context: &Context,
) -> Result<Option<super::stats::Columns>> {
    let message_files = plan.files.iter().filter(|r| r.kind == Kind::Messages).count();
    let stored_before: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM conversations WHERE member_id = ?1)",
        [context.member_id],
        |r| r.get(0),
    )?;
    Ok((message_files == 1 && !stored_before).then(super::stats::Columns::default))
}

/// Parses a file of rows read whole (anything but the profile and the message history, which
/// [`import_files`] takes itself) and writes them, filling in its report. Returns the job
/// changes found.
fn store_rows(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    kind: Kind,
    table: &mut Table<'_>,
    rejects: &mut Rejects<'_>,
    report: &mut FileReport,
) -> Result<usize> {
    match kind {
        // Taken by `import_files`: the profile was read while planning, the message history streams.
        Kind::Profile | Kind::Messages => {}
        Kind::Positions => {
            let positions = rows::positions(table, rejects);
            report.imported = positions.len();
            people::store_positions(tx, context, &positions)?;
        }
        Kind::Education => {
            let schools = rows::education(table, rejects);
            report.imported = schools.len();
            people::store_education(tx, context, &schools)?;
        }
        Kind::CompanyFollows => {
            let follows = rows::follows(table, rejects);
            report.imported = follows.len();
            people::store_follows(tx, context, &follows)?;
        }
        Kind::Connections => return store_connections(tx, context, resolver, table, rejects, report),
        Kind::EndorsementsReceived | Kind::EndorsementsGiven => {
            let given = kind == Kind::EndorsementsGiven;
            let endorsements = rows::endorsements(table, given, rejects);
            let outcome = people::store_endorsements(tx, context, resolver, given, &endorsements, rejects)?;
            report.imported = outcome.used;
            report.unchanged = outcome.unchanged;
        }
        Kind::RecommendationsReceived | Kind::RecommendationsGiven => {
            let given = kind == Kind::RecommendationsGiven;
            let mut notes = rows::Notes::default();
            let recommendations = rows::recommendations(table, rejects, &mut notes);
            report.notes.extend(rejoined_note(&notes));
            let outcome = people::store_recommendations(tx, context, resolver, given, &recommendations, rejects)?;
            report.imported = outcome.used;
            report.unchanged = outcome.unchanged;
        }
        Kind::Invitations => {
            let mut notes = rows::Notes::default();
            let invitations = rows::invitations(table, rejects, &mut notes);
            report.notes.extend(rejoined_note(&notes));
            let outcome = people::store_invitations(tx, context, resolver, &invitations, rejects)?;
            report.imported = outcome.used;
            report.unchanged = outcome.unchanged;
        }
    }
    Ok(0)
}

/// Parses the connections and writes them, noting in the report what was read in an unusual
/// way (undated rows, anonymised names, no date column, rejoined cells). Returns the job
/// changes found.
fn store_connections(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    table: &mut Table<'_>,
    rejects: &mut Rejects<'_>,
    report: &mut FileReport,
) -> Result<usize> {
    let mut notes = rows::Notes::default();
    let connections = rows::connections(table, rejects, &mut notes);
    if let Some((line, text)) = &notes.first_undated {
        report.notes.push(format!(
            "{} with an unrecognised date kept without one (first: line {line}, \"{text}\")",
            plural(notes.undated, "row")
        ));
    }
    let anonymised = rejects.list.iter().filter(|r| r.reason == Reason::Anonymised).count();
    if anonymised > 0 && connections.is_empty() {
        report.notes.push(
            "anonymised: every name is a number and no row has a profile URL or e-mail, \
                     so nothing links to a person"
                .into(),
        );
    }
    if notes.no_date_column && !connections.is_empty() {
        report.notes.push(format!(
            "no connection-date column: {} kept without a date",
            plural(connections.len(), "connection")
        ));
    }
    report.notes.extend(rejoined_note(&notes));
    let outcome = people::store_connections(tx, context, resolver, &connections, rejects)?;
    report.imported = outcome.used;
    report.unchanged = outcome.unchanged;
    Ok(outcome.job_changes)
}

/// The note for rows put back together after an unquoted comma split a cell.
fn rejoined_note(notes: &rows::Notes) -> Option<String> {
    (notes.realigned > 0).then(|| {
        format!(
            "{} held a comma outside quotes (LinkedIn writes some dates that way; Excel re-saves do too): \
             the cells were put back together",
            plural(notes.realigned, "row")
        )
    })
}

/// An example of the file's numeric dates when nothing in its date column shows their day
/// order (`04/07/2023`): the summary says how they were read.
fn guessed_day_order(table: &Table<'_>) -> Option<String> {
    let names: &[&str] = match table.kind {
        Kind::Connections => &table::CONNECTED_COLUMNS,
        Kind::Messages => &["date"],
        Kind::Invitations => &table::SENT_COLUMNS,
        Kind::RecommendationsReceived | Kind::RecommendationsGiven => &["creation date"],
        Kind::EndorsementsReceived | Kind::EndorsementsGiven => &["endorsement date"],
        _ => return None,
    };
    let column = table.column_any(names)?;
    table
        .date_column(Some(column))
        .guessed
        .then(|| table.first_value(column, crate::linkedin::dates::is_numeric_date))
        .flatten()
}

/// Simulates a crash at a named point when `KITH_FAILPOINT` names it. Used by the tests of the
/// interrupted import; inert otherwise.
fn failpoint(name: &str) {
    if std::env::var("KITH_FAILPOINT").is_ok_and(|v| v == name) {
        std::process::abort();
    }
}

fn store_rejects(tx: &Transaction<'_>, member_id: i64, rejects: &[Reject]) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO rejects (member_id, fingerprint, file, line, reason, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    // Keyed on the file, the reason, the row's content and how many identical rows came
    // before it in that file, never on the line: a newer export that repeats a bad row does
    // not count it twice, and two identical bad rows in one file count as two.
    let mut seen: HashMap<(String, &str, &str), u32> = HashMap::new();
    for reject in rejects {
        let base_name = reject.file.rsplit('/').next().unwrap_or(&reject.file).to_lowercase();
        let occurrence = seen
            .entry((base_name.clone(), reject.reason.key(), reject.raw.as_str()))
            .or_default();
        *occurrence += 1;
        let fingerprint = Fingerprint::new()
            .add_str(&base_name)
            .add_str(reject.reason.key())
            .add_str(&reject.raw)
            .add(&occurrence.to_le_bytes())
            .finish();
        insert.execute(params![
            member_id,
            fingerprint,
            reject.file,
            i64::try_from(reject.line).unwrap_or(i64::MAX),
            reject.reason.key(),
            reject.detail
        ])?;
    }
    Ok(())
}

/// Counts returned by each store step.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub used: usize,
    pub unchanged: usize,
    pub job_changes: usize,
}

/// A person from a row of [`people::PEOPLE_QUERY`].
pub(crate) fn person_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let company: String = row.get(5)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        name_key: row.get(2)?,
        url: row.get(3)?,
        email: row.get(4)?,
        company_key: Some(company_key(&company)).filter(|k| !k.is_empty()),
        loose: row.get(6)?,
        dirty: false,
        created: false,
    })
}

/// Converts a UTC date-time to the stored form (seconds since the epoch).
pub(crate) fn epoch(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// Whether an identity names the member themself.
pub(crate) fn is_member(context: &Context, identity: &Identity) -> bool {
    match (&identity.url, &context.member_url) {
        (Some(url), Some(member)) => url == member,
        (Some(_), None) => false,
        (None, _) => !context.member_key.is_empty() && full_name_key(&identity.name) == context.member_key,
    }
}

//! `kith import PATH... [--member NAME] [--keep-content] [--rejects FILE]`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use kith::linkedin::{self, Limits};
use kith::store::import::{import_then, ImportOptions, ImportSummary};

use super::progress::Bar;
use super::ui::thousands;
use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An export .zip, an extracted export folder, or single CSV files (one export)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Whose export this is, when it is a pooled member's and not your own
    #[arg(long, value_name = "NAME")]
    pub member: Option<String>,
    /// Also store message, note and recommendation text (not stored by default)
    #[arg(long)]
    pub keep_content: bool,
    /// Write every skipped row, with file, line and reason, to this CSV file
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Largest inflated size of one archive entry, in MiB
    #[arg(long, value_name = "MIB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_entry_mib: u64,
    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Whether `path` is a kith club card (JSON naming its `kith_card` version near the start).
fn is_club_card(path: &std::path::Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    text.trim_start_matches('\u{feff}').trim_start().starts_with('{') && text.contains("\"kith_card\"")
}

pub fn run(global: &Global, ui: &Ui, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let limits = Limits {
        max_entry_bytes: args.max_entry_mib.saturating_mul(1024 * 1024),
        ..Limits::default()
    };
    if let Some(card) = args.paths.iter().find(|p| is_club_card(p)) {
        anyhow::bail!(
            "{}: a club card, not a LinkedIn export; pool it with kith card import {}",
            card.display(),
            card.display()
        );
    }
    let source = linkedin::load(&args.paths, limits)?;
    let options = ImportOptions {
        member: args.member.clone(),
        keep_content: args.keep_content,
        ..ImportOptions::default()
    };
    let bar = Bar::new(ui.stderr_terminal && !ui.quiet);
    // The rejects file is opened before the import and written before its commit: a path
    // that cannot be written stops the import with nothing changed.
    let mut rejects_file = match &args.rejects {
        Some(path) => Some((
            path,
            std::fs::File::create(path).map_err(|e| kith::error::Error::io(path, e))?,
        )),
        None => None,
    };
    // Opened after the rejects file: a mistyped --rejects leaves no new workspace behind.
    let mut workspace = match super::open_or_create_workspace(global) {
        Ok(workspace) => workspace,
        Err(e) => {
            if let Some(path) = &args.rejects {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
    };
    let mut write_rejects_file = |summary: &ImportSummary| -> kith::error::Result<()> {
        if let Some((path, file)) = rejects_file.take() {
            let mut out = std::io::BufWriter::new(file);
            write_rejects_to(&mut out, summary)
                .and_then(|()| out.flush())
                .map_err(|e| kith::error::Error::io(path, e))?;
        }
        Ok(())
    };
    let summary = match import_then(&mut workspace, &source, &options, &bar, &mut write_rejects_file) {
        Ok(summary) => summary,
        Err(e) => {
            if let Some(path) = &args.rejects {
                // Nothing was imported: no half-written rejects file either.
                let _ = std::fs::remove_file(path);
            }
            return Err(e.into());
        }
    };
    // An export imported before commits nothing, but its (empty) rejects file is still written.
    write_rejects_file(&summary)?;
    // Only while the workspace owner has no name: an unnamed export merged into a named
    // owner's workspace is theirs.
    if summary.owner_unnamed() && args.member.is_none() {
        ui.warning(&format!(
            "could not tell whose export this is (no Profile.csv, messages or sent invitations); \
             the owner is called \"{}\" until an export with Profile.csv is imported",
            summary.member
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            let mut value = serde_json::to_value(&summary)?;
            value["rejects"] = summary
                .rejects
                .iter()
                .map(|r| serde_json::json!({"file": r.file, "line": r.line, "reason": r.reason.key(), "detail": r.detail}))
                .collect();
            super::ui::print_json(&mut out, &value)?;
        }
        Format::Csv => write_rejects_to(&mut out, &summary)?,
        Format::Table => {
            if !ui.quiet {
                print_summary(&mut out, ui, &summary, args.paths.first().map(PathBuf::as_path))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints an import summary: one line per file with its layout and counts, then the rows
/// skipped (the first few, or all with `-v`).
pub fn print_summary(
    out: &mut impl Write,
    ui: &Ui,
    summary: &ImportSummary,
    path: Option<&Path>,
) -> std::io::Result<()> {
    let what = path.map_or_else(|| "export".into(), |p| p.display().to_string());
    if summary.already_imported {
        // The same files, zipped or not, renamed or not: the same export.
        writeln!(
            out,
            "{what}: the same export was already imported for {} (the same files, whether zipped, unzipped or \
             renamed); nothing changed.",
            summary.member
        )?;
        return Ok(());
    }
    let date = match (summary.export_date.as_deref(), summary.export_date_from_name) {
        (Some(d), true) => format!(", export of {d}"),
        (Some(d), false) => format!(", data up to {d} (no export date in the file names)"),
        (None, _) => String::new(),
    };
    writeln!(
        out,
        "{} {} for {}{}",
        ui.good("Imported"),
        what,
        ui.bold(&summary.member),
        date
    )?;
    let width = summary
        .files
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(10)
        .min(40);
    for file in summary.files.iter().filter(|f| f.kind.is_some()) {
        let mut counts = plural(file.imported, "row");
        if file.unchanged > 0 {
            counts.push_str(&format!(" ({} already in the workspace)", thousands(file.unchanged)));
        }
        let skipped: usize = file.skipped.values().sum();
        if skipped > 0 {
            let reasons: Vec<String> = file.skipped.iter().map(|(r, n)| format!("{r} {n}")).collect();
            counts.push_str(&format!(", {} skipped ({})", thousands(skipped), reasons.join(", ")));
        }
        writeln!(
            out,
            "  {:width$}  {:<24} {}",
            file.name,
            file.kind.unwrap_or(""),
            counts
        )?;
        if file.layout != "standard" {
            writeln!(out, "  {:width$}  {}", "", ui.dim(&format!("layout: {}", file.layout)))?;
        }
        for note in &file.notes {
            writeln!(out, "  {:width$}  {}", "", ui.warn_text(note))?;
        }
    }
    let unused: Vec<&kith::store::import::FileReport> = summary.files.iter().filter(|f| f.kind.is_none()).collect();
    if !unused.is_empty() {
        writeln!(out, "  not used ({}):", unused.len())?;
        for file in unused {
            writeln!(
                out,
                "    {} {}",
                file.name,
                ui.dim(&format!("({})", file.layout.trim_start_matches("not used: ")))
            )?;
        }
    }
    writeln!(
        out,
        "{} new {}, {}, {} skipped",
        thousands(summary.new_people),
        if summary.new_people == 1 { "person" } else { "people" },
        plural(summary.job_changes, "job change"),
        plural(summary.skipped(), "row")
    )?;
    if ui.verbose > 1 {
        let phases: Vec<String> = summary
            .timings
            .iter()
            .map(|(what, s)| format!("{what} {s:.2}s"))
            .collect();
        writeln!(out, "  {}", ui.dim(&format!("time: {}", phases.join(", "))))?;
    }
    if !summary.rejects.is_empty() {
        let shown = if ui.verbose > 0 { summary.rejects.len() } else { 10 };
        for reject in summary.rejects.iter().take(shown) {
            writeln!(out, "  {}", ui.dim(&reject.to_string()))?;
        }
        if summary.rejects.len() > shown {
            writeln!(
                out,
                "  ... {} more (-v shows them all; --rejects FILE writes them as CSV)",
                summary.rejects.len() - shown
            )?;
        }
    }
    Ok(())
}

fn write_rejects_to(out: &mut impl Write, summary: &ImportSummary) -> std::io::Result<()> {
    let rows = summary.rejects.iter().map(|r| {
        vec![
            r.file.clone(),
            r.line.to_string(),
            r.reason.key().to_string(),
            r.reason.describe().to_string(),
            r.detail.clone(),
            r.raw.clone(),
        ]
    });
    kith::output::write_csv(out, &["file", "line", "reason", "description", "detail", "row"], rows)
}

/// `1 row`, `2,000 rows`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

//! Command-line definitions and dispatch: one file per subcommand, each turning its options
//! into a library call and printing the result to a `Write`.

mod card;
mod completions;
mod demo;
mod export;
mod followups;
mod import;
mod intro;
mod log;
mod mute;
mod plan;
mod progress;
mod reconnect;
mod report;
mod status;
mod synth;
mod targets;
mod ui;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use ui::Ui;

/// kith: find your next role through the people you already know.
///
/// Local and private: reads your LinkedIn data export into a workspace on this machine.
/// Nothing goes over the network.
#[derive(Debug, Parser)]
#[command(name = "kith", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The workspace file [default: kith.db in the platform data directory]
    #[arg(long, global = true, env = "KITH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print only errors and the requested records
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (every skipped row)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// Output formats for commands that print records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a LinkedIn export (.zip, folder, or single CSV files) into the workspace
    Import(import::ImportArgs),
    /// Show what the workspace holds
    Status(status::StatusArgs),
    /// Warm-introduction paths to people at a company, or to one person
    Intro(intro::IntroArgs),
    /// Dormant ties worth rekindling, with reasons and a draft opener
    Reconnect(reconnect::ReconnectArgs),
    /// Record an outreach in the ledger (or --list it)
    Log(log::LogArgs),
    /// Who is waiting for a nudge, and who is owed a thank-you
    Followups(followups::FollowupsArgs),
    /// This week's small steps: follow-ups, reconnects, warm paths into targets
    Plan(plan::PlanArgs),
    /// Keep someone off the reconnect list
    Mute(mute::MuteArgs),
    /// Undo `kith mute`
    Unmute(mute::MuteArgs),
    /// Your target companies (with aliases)
    Targets(targets::TargetsArgs),
    /// Network-health charts (PNG and SVG) and a self-contained index.html
    Report(report::ReportArgs),
    /// The graph for Gephi, Graphviz, spreadsheets, DuckDB or Spark
    Export(export::ExportArgs),
    /// Club cards: share what a job-search club needs of your network, not your archive
    Card(card::CardArgs),
    /// Write a realistic synthetic export (for trying kith, tests and benchmarks)
    Synth(synth::SynthArgs),
    /// Run the main job on the bundled sample export, in a temporary workspace
    Demo(demo::DemoArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(completions::CompletionsArgs),
}

/// Runs the command and maps its outcome to an exit code: 0 success, 1 nothing found,
/// 2 error. Errors print as one line on stderr.
pub fn run(cli: Cli) -> ExitCode {
    let ui = Ui::new(cli.global.quiet, cli.global.verbose);
    let workspace = match cli.command {
        Command::Synth(_) | Command::Demo(_) | Command::Completions(_) => None,
        _ => workspace_path(&cli.global).ok(),
    };
    let result = match cli.command {
        Command::Import(args) => import::run(&cli.global, &ui, &args),
        Command::Status(args) => status::run(&cli.global, &ui, &args),
        Command::Intro(args) => intro::run(&cli.global, &ui, &args),
        Command::Targets(args) => targets::run(&cli.global, &ui, args),
        Command::Card(args) => card::run(&cli.global, &ui, &args),
        Command::Reconnect(args) => reconnect::run(&cli.global, &ui, &args),
        Command::Report(args) => report::run(&cli.global, &ui, &args),
        Command::Log(args) => log::run(&cli.global, &ui, &args),
        Command::Followups(args) => followups::run(&cli.global, &ui, &args),
        Command::Plan(args) => plan::run(&cli.global, &ui, &args),
        Command::Mute(args) => mute::run(&cli.global, &ui, &args, true),
        Command::Unmute(args) => mute::run(&cli.global, &ui, &args, false),
        Command::Export(args) => export::run(&cli.global, &ui, &args),
        Command::Synth(args) => synth::run(&ui, &args),
        Command::Demo(args) => demo::run(&ui, args),
        Command::Completions(args) => Ok(completions::run(&args)),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let mut line = one_line(&error, workspace.as_deref());
            if let Some(hint) = flag_hint(&error) {
                line.push_str(&hint);
            }
            ui.error(&line);
            ExitCode::from(2)
        }
    }
}

/// An error as one line: each cause once (an I/O error's message is part of the error that
/// carries it, and is not repeated), and an SQLite error naming the workspace file.
fn one_line(error: &anyhow::Error, workspace: Option<&Path>) -> String {
    // Only an SQLite error with no context of its own (the outermost error) is re-worded.
    let outermost = error.chain().next().and_then(|e| e.downcast_ref::<kith::Error>());
    if let (Some(kith::Error::Sql(e)), Some(path)) = (outermost, workspace) {
        return kith::store::sql_error(path, e).to_string();
    }
    let mut line = error.to_string();
    for cause in error.chain().skip(1) {
        // SQLite's own error and result code ("Error code 1: SQL error or missing database")
        // add nothing to the words kith put around them.
        if cause.downcast_ref::<rusqlite::ffi::Error>().is_some()
            || (cause.downcast_ref::<rusqlite::Error>().is_some()
                && matches!(error.downcast_ref::<kith::Error>(), Some(kith::Error::Workspace { .. })))
        {
            continue;
        }
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

/// What to type instead, for the library's errors that a flag of this binary answers (the
/// library knows nothing of flags).
fn flag_hint(error: &anyhow::Error) -> Option<String> {
    match error.chain().find_map(|e| e.downcast_ref::<kith::Error>())? {
        kith::Error::OtherOwner { name, .. } => Some(format!("; import it with --member \"{name}\"")),
        kith::Error::MemberIsOwner { .. } => Some("; import your own export without --member".into()),
        kith::Error::NoMemberName => Some(" (--member NAME)".into()),
        kith::Error::NoMembers => Some(" (--members must be at least 1)".into()),
        _ => None,
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The workspace path from `--db`, `KITH_DB` or the platform default, and whether it is the
/// default.
fn workspace_location(global: &Global) -> anyhow::Result<(PathBuf, bool)> {
    match &global.db {
        Some(path) => Ok((path.clone(), false)),
        None => kith::store::Workspace::default_path()
            .map(|path| (path, true))
            .ok_or_else(|| anyhow::anyhow!("no home directory to keep the workspace in; pass --db PATH")),
    }
}

/// The workspace path from `--db`, `KITH_DB` or the platform default.
fn workspace_path(global: &Global) -> anyhow::Result<PathBuf> {
    Ok(workspace_location(global)?.0)
}

/// Opens the workspace for a command that reads it: it must exist ("no workspace at PATH:
/// run kith import first"), so a mistyped `--db` creates nothing.
pub fn open_workspace(global: &Global) -> anyhow::Result<kith::store::Workspace> {
    let path = workspace_path(global)?;
    Ok(say_upgrade(global, kith::store::Workspace::open_existing(&path)?))
}

/// Opens the workspace for a command that can start one (`import`, `targets add`), creating
/// it when there is none. (`log` and `mute` record too, but about someone already in it.) Missing folders are created for the default
/// location only: a `--db` into a folder that does not exist is a mistake to report.
pub fn open_or_create_workspace(global: &Global) -> anyhow::Result<kith::store::Workspace> {
    let (path, default) = workspace_location(global)?;
    if default {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| kith::Error::io(parent, e))?;
        }
    }
    Ok(say_upgrade(global, kith::store::Workspace::open(&path)?))
}

/// Says (unless quiet) that an older workspace was upgraded, and where its copy is.
fn say_upgrade(global: &Global, workspace: kith::store::Workspace) -> kith::store::Workspace {
    if let Some(upgrade) = workspace.upgraded().filter(|_| !global.quiet) {
        eprintln!(
            "note: {} was made by an older kith (schema {}); upgraded to schema {}, and the file as it was is kept at {}",
            workspace.path().display(),
            upgrade.from,
            upgrade.to,
            upgrade.backup.display()
        );
    }
    workspace
}

/// Why a command that looks for something found nothing in a workspace without an export.
pub const NO_EXPORT_YET: &str = "nothing yet: the workspace holds no export (run kith import first)";

/// `--as-of DATE`: the day commands take as today.
#[derive(Debug, Args)]
pub struct AsOf {
    /// Take this day (YYYY-MM-DD) as today [default: today]
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,
}

impl AsOf {
    /// The date, from the flag or today's.
    pub fn date(&self) -> chrono::NaiveDate {
        self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// A count of at least one (`--top`, `--limit`, `--per-week`): zero would ask for nothing.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("\"{text}\" is not a whole number")),
    }
}

/// A day written `YYYY-MM-DD`, and nothing else: `01/11/2026` is 1 November to some readers
/// and 11 January to others, so it is refused rather than guessed.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let t = text.trim();
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(format!(
            "\"{text}\" is not a date written YYYY-MM-DD (for example 2026-11-01)"
        ));
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("{t} is written YYYY-MM-DD but is not a day on the calendar"))
}

/// Says, in one line, what the workspace can know on `as_of`: when the newest export is more
/// than `STALE_EXPORT_DAYS` older (messages since then are missing, and that time is not counted as
/// silence), or when `as_of` is before the export (only what was known by then is used).
pub fn say_what_is_known(ui: &Ui, workspace: &kith::store::Workspace, as_of: chrono::NaiveDate) -> anyhow::Result<()> {
    let Some(newest) = workspace.owner_export_date()? else {
        return Ok(());
    };
    let Some(date) = kith::linkedin::dates::iso_date(&newest) else {
        return Ok(());
    };
    let export = kith::words::long_date(date);
    let age = (as_of - date).num_days();
    if age > kith::score::constants::STALE_EXPORT_DAYS {
        ui.warning(&format!(
            "your newest export is from {export}, {} before {as_of}: messages since then are missing \
             (that time is not counted as silence); download a fresh export",
            kith::words::span(date, as_of)
        ));
    } else if age < 0 {
        ui.warning(&format!(
            "{as_of} is before your export of {export}: kith uses only what was known on {as_of} \
             and cites nothing later"
        ));
    }
    Ok(())
}

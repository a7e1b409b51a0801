//! Command-line definitions and dispatch: one file per subcommand, each turning its options
//! into a library call and printing the result to a `Write`.

mod demo;
mod import;
mod progress;
mod status;
mod synth;
mod ui;

use std::path::PathBuf;
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
    /// Write a realistic synthetic export (for trying kith, tests and benchmarks)
    Synth(synth::SynthArgs),
    /// Run the main job on the bundled sample export, in a temporary workspace
    Demo(demo::DemoArgs),
}

/// Runs the command and maps its outcome to an exit code: 0 success, 1 nothing found,
/// 2 error. Errors print as one line on stderr.
pub fn run(cli: Cli) -> ExitCode {
    let ui = Ui::new(cli.global.quiet, cli.global.verbose);
    let result = match cli.command {
        Command::Import(args) => import::run(&cli.global, &ui, args),
        Command::Status(args) => status::run(&cli.global, &ui, args),
        Command::Synth(args) => synth::run(&ui, args),
        Command::Demo(args) => demo::run(&ui, args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            ui.error(&format!("{error:#}"));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The workspace path from `--db`, `KITH_DB` or the platform default.
pub fn workspace_path(global: &Global) -> anyhow::Result<PathBuf> {
    match &global.db {
        Some(path) => Ok(path.clone()),
        None => kith::store::Workspace::default_path()
            .ok_or_else(|| anyhow::anyhow!("no home directory to keep the workspace in; pass --db PATH")),
    }
}

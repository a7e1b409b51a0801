//! `kith report [--out DIR] [--as-of DATE]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Global, Ui};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder to write the charts and index.html into
    #[arg(long, value_name = "DIR", default_value = "kith-report")]
    pub out: PathBuf,
    #[command(flatten)]
    pub as_of: super::AsOf,
}

const NOTHING_YET: &str = "nothing to report yet: run kith import first";

pub fn run(global: &Global, ui: &Ui, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.date();
    if args.out.exists() && !args.out.is_dir() {
        anyhow::bail!(
            "{}: is a file; --out names the folder the report is written into",
            args.out.display()
        );
    }
    let workspace = super::open_workspace(global)?;
    // A workspace without an export: a page of empty charts helps nobody.
    if workspace.is_empty()? {
        return Ok(ui.found(0, NOTHING_YET));
    }
    super::say_what_is_known(ui, &workspace, as_of)?;
    let written = kith::report::write(&workspace, &args.out, as_of)?;
    if !ui.quiet {
        println!("wrote {} files; open {}", written.files.len(), written.index.display());
    }
    Ok(ExitCode::SUCCESS)
}

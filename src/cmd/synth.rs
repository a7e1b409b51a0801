//! `kith synth --out DIR [--connections N] [--messages M] [--members K] [--layout ERA] [--seed S]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use kith::synth::{generate, Era, SynthOptions};

use super::Ui;

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Folder to write the export into (created if missing; must be empty)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a folder that is not empty, replacing files of the same names
    #[arg(long)]
    pub force: bool,
    /// Connections per member
    #[arg(long, default_value_t = 300)]
    pub connections: usize,
    /// Messages per member
    #[arg(long, default_value_t = 2000)]
    pub messages: usize,
    /// Members in the pool (one folder each when more than one)
    #[arg(long, default_value_t = 1)]
    pub members: usize,
    /// The era whose files, headers, date formats and quirks to reproduce
    #[arg(long, default_value = "2026", value_parser = ["2018", "2022", "2026"])]
    pub layout: String,
    /// Random seed: the same seed writes the same bytes
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

pub fn run(ui: &Ui, args: &SynthArgs) -> anyhow::Result<ExitCode> {
    let era = Era::parse(&args.layout).ok_or_else(|| anyhow::anyhow!("--layout must be 2018, 2022 or 2026"))?;
    let options = SynthOptions {
        connections: args.connections,
        messages: args.messages,
        members: args.members,
        era,
        seed: args.seed,
    };
    if !args.force {
        refuse_to_overwrite(&args.out)?;
    }
    let written = generate(&args.out, &options)?;
    if !ui.quiet {
        for (index, (dir, name)) in written.iter().enumerate() {
            if index == 0 {
                println!("wrote {} ({name}): kith import {}", dir.display(), dir.display());
            } else {
                println!(
                    "wrote {} ({name}): kith import --member \"{name}\" {}",
                    dir.display(),
                    dir.display()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A synthetic export written over a real one would destroy it: an existing folder must be
/// empty unless `--force`.
fn refuse_to_overwrite(out: &Path) -> anyhow::Result<()> {
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                anyhow::bail!(
                    "{}: the folder is not empty; kith synth writes a whole export and would replace \
                     files there (choose an empty or new folder, or pass --force)",
                    out.display()
                );
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if out.is_file() => anyhow::bail!("{}: is a file, not a folder", out.display()),
        Err(e) => Err(kith::Error::io(out, e).into()),
    }
}

//! `kith export --to graphml|gexf|dot|csv|parquet [--out FILE] [--as-of DATE]`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use kith::graph::formats::{write_parquet, write_text, Format};

use super::{Global, Ui};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format
    #[arg(long, value_enum, ignore_case = true)]
    pub to: Format,
    /// The file to write (text formats go to stdout without it; parquet needs it)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub as_of: super::AsOf,
}

pub fn run(global: &Global, ui: &Ui, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let format = args.to;
    let as_of = args.as_of.date();
    let workspace = super::open_workspace(global)?;
    if workspace.is_empty()? {
        return Ok(ui.found(0, super::NO_EXPORT_YET));
    }
    super::say_what_is_known(ui, &workspace, as_of)?;
    let graph = kith::graph::build(&workspace.graph_data(as_of)?, as_of);
    match (&args.out, format.is_text()) {
        (None, true) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write_text(&graph, format, &mut out)?;
            out.flush()?;
        }
        (None, false) => anyhow::bail!("parquet is a binary format: give --out FILE"),
        (Some(path), text) => {
            let file = std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
            if text {
                let mut out = std::io::BufWriter::new(file);
                write_text(&graph, format, &mut out).with_context(|| format!("{}: cannot write", path.display()))?;
                out.flush()?;
            } else {
                write_parquet(&graph, file).with_context(|| format!("{}: cannot write parquet", path.display()))?;
            }
            if !ui.quiet {
                eprintln!(
                    "wrote {} ({} nodes, {} edges)",
                    path.display(),
                    graph.graph.node_count(),
                    graph.graph.edge_count()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

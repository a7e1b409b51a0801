//! Using kith as a library: write a small synthetic export, import it into a temporary
//! workspace and print what the workspace holds.
//!
//! `cargo run --example import_and_status`

use kith::linkedin::{self, Limits};
use kith::store::import::{import, ImportOptions, NoProgress};
use kith::store::Workspace;
use kith::synth::{generate, SynthOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scratch = tempfile::tempdir()?;
    let export_dir = scratch.path().join("export");
    generate(
        &export_dir,
        &SynthOptions {
            connections: 100,
            messages: 500,
            ..SynthOptions::default()
        },
    )?;

    let source = linkedin::load(&[export_dir], Limits::default())?;
    let mut workspace = Workspace::open(&scratch.path().join("kith.db"))?;
    let summary = import(&mut workspace, &source, &ImportOptions::default(), &NoProgress)?;
    for file in summary.files.iter().filter(|f| f.kind.is_some()) {
        println!("{:32} {:>6} rows  {}", file.name, file.imported, file.layout);
    }
    for reject in summary.rejects.iter().take(3) {
        println!("skipped: {reject}");
    }
    println!("{}", serde_json::to_string_pretty(&workspace.status()?)?);
    Ok(())
}

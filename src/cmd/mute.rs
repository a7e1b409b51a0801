//! `kith mute PERSON` / `kith unmute PERSON`: keep someone off the reconnect list.

use std::process::ExitCode;

use clap::Args;

use super::{Global, Ui};

#[derive(Debug, Args)]
pub struct MuteArgs {
    /// The person, by unique name or profile URL
    #[arg(value_name = "PERSON")]
    pub person: String,
}

pub fn run(global: &Global, ui: &Ui, args: &MuteArgs, mute: bool) -> anyhow::Result<ExitCode> {
    // The person must already be in the workspace: a new one would not do.
    let mut workspace = super::open_workspace(global)?;
    let found = super::log::person(&workspace, &args.person)?;
    let changed = workspace.set_muted(found.id, mute)?;
    if !ui.quiet {
        let state = if mute { "muted" } else { "unmuted" };
        match (changed, mute) {
            (true, _) => println!("{state}: {}", found.name),
            (false, true) => println!("{} was already muted", found.name),
            (false, false) => println!("{} was not muted", found.name),
        }
    }
    Ok(ExitCode::SUCCESS)
}

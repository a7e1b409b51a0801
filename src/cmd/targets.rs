//! `kith targets add NAME [--alias A]... | remove NAME | list`

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kith::store::targets::Removed;

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(subcommand)]
    pub action: TargetAction,
}

#[derive(Debug, Subcommand)]
pub enum TargetAction {
    /// Add a target company (or aliases to one)
    Add {
        name: String,
        /// Another name the company goes by (repeatable)
        #[arg(long = "alias", value_name = "A")]
        aliases: Vec<String>,
    },
    /// Remove a target company (by name or alias)
    Remove { name: String },
    /// List target companies
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

pub fn run(global: &Global, ui: &Ui, args: TargetsArgs) -> anyhow::Result<ExitCode> {
    let mut workspace = match args.action {
        TargetAction::Add { .. } => super::open_or_create_workspace(global)?,
        _ => super::open_workspace(global)?,
    };
    match args.action {
        TargetAction::Add { name, aliases } => {
            let changed = workspace.add_target(&name, &aliases)?;
            if !ui.quiet {
                println!(
                    "{}",
                    if changed {
                        format!("target added: {}", name.trim())
                    } else {
                        format!("{} is already a target", name.trim())
                    }
                );
            }
        }
        TargetAction::Remove { name } => {
            let said = match workspace.remove_target(&name)? {
                Removed::Nothing => {
                    eprintln!("{} is not a target or an alias of one", name.trim());
                    return Ok(ExitCode::from(1));
                }
                Removed::Target(target) if target.aliases.is_empty() => format!("target removed: {}", target.name),
                Removed::Target(target) => format!(
                    "target removed: {} (with its {}: {})",
                    target.name,
                    if target.aliases.len() == 1 { "alias" } else { "aliases" },
                    target.aliases.join(", ")
                ),
                Removed::Alias { alias, target } => {
                    format!("alias removed: {alias} ({target} stays a target)")
                }
            };
            if !ui.quiet {
                println!("{said}");
            }
        }
        TargetAction::List { format } => {
            let targets = workspace.targets()?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&targets)?),
                Format::Csv => {
                    let rows = targets.iter().map(|t| vec![t.name.clone(), t.aliases.join("; ")]);
                    kith::output::write_csv(std::io::stdout().lock(), &["name", "aliases"], rows)?;
                }
                Format::Table => {
                    for t in &targets {
                        if t.aliases.is_empty() {
                            println!("{}", t.name);
                        } else {
                            println!("{}  {}", t.name, ui.dim(&format!("(also: {})", t.aliases.join(", "))));
                        }
                    }
                }
            }
            return Ok(ui.found(
                targets.len(),
                "no targets yet: kith targets add \"Company\" [--alias OTHER]",
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

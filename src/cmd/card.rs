//! `kith card write --out FILE [--company NAME]... [--min-strength S] [--hide-names] [--as-of DATE]`
//! and `kith card show FILE`: a club card of your own network, and what one reveals.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use kith::card::{CardOptions, Strength, MAX_CARD_BYTES};
use kith::resolve::company_key;
use kith::store::cards::CardImport;

use super::{Global, Ui};

#[derive(Debug, Args)]
pub struct CardArgs {
    #[command(subcommand)]
    pub action: CardAction,
}

#[derive(Debug, Subcommand)]
pub enum CardAction {
    /// Write a card of your own network to share with a job-search club
    Write {
        /// The card file to write (JSON)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Share only contacts at this company (repeatable; a target's aliases count)
        #[arg(long = "company", value_name = "NAME")]
        companies: Vec<String>,
        /// Leave out ties weaker than this
        #[arg(long, value_enum, default_value_t = Strength::Known)]
        min_strength: Strength,
        /// Share only company, position and strength: the club asks you who
        #[arg(long)]
        hide_names: bool,
        #[command(flatten)]
        as_of: super::AsOf,
    },
    /// Show what a card reveals, to review it before sharing
    Show {
        /// The card file
        file: PathBuf,
    },
    /// Pool a club member by their card (a newer card of theirs replaces the older)
    Import {
        /// The card file
        file: PathBuf,
    },
    /// Withdraw a member's card: their ties leave the workspace
    Remove {
        /// The member's name or profile URL
        member: String,
    },
}

pub fn run(global: &Global, ui: &Ui, args: &CardArgs) -> anyhow::Result<ExitCode> {
    match &args.action {
        CardAction::Write {
            out,
            companies,
            min_strength,
            hide_names,
            as_of,
        } => {
            let as_of = as_of.date();
            let workspace = super::open_workspace(global)?;
            if workspace.is_empty()? {
                return Ok(ui.found(0, super::NO_EXPORT_YET));
            }
            let company_keys = company_keys(&workspace, companies)?;
            let options = CardOptions {
                company_keys,
                min_strength: *min_strength,
                hide_names: *hide_names,
                as_of,
            };
            let data = workspace.graph_data(as_of)?;
            let Some(card) = kith::card::write(&data, &options) else {
                return Ok(ui.found(0, super::NO_EXPORT_YET));
            };
            let json = serde_json::to_string_pretty(&card)?;
            std::fs::write(out, json + "\n").with_context(|| format!("{}: cannot write the card", out.display()))?;
            if !ui.quiet {
                println!("wrote {}", out.display());
                for line in kith::card::describe(&card) {
                    println!("  {line}");
                }
                println!("  Review it with kith card show {} before you share it.", out.display());
            }
            Ok(ui.found(
                card.contacts.len(),
                "the card is empty: no contact matches what you chose to share",
            ))
        }
        CardAction::Show { file } => {
            let bytes = read_limited(file)?;
            let card = kith::card::read(file, &bytes)?;
            for line in kith::card::describe(&card) {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        CardAction::Import { file } => {
            let bytes = read_limited(file)?;
            let card = kith::card::read(file, &bytes)?;
            let mut workspace = super::open_or_create_workspace(global)?;
            let name = &card.member.name;
            let line = match workspace
                .import_card(&card, &bytes)
                .with_context(|| file.display().to_string())?
            {
                CardImport::Added { contacts } => {
                    format!("pooled {name}'s card: {}", kith::words::plural(contacts, "contact"))
                }
                CardImport::Replaced { contacts, previous } => format!(
                    "replaced {name}'s card (written {previous}) with this one (written {}): {} now",
                    card.written,
                    kith::words::plural(contacts, "contact")
                ),
                CardImport::Unchanged => format!("{name}'s card was already pooled; nothing changed"),
                CardImport::Older { pooled } => format!(
                    "this card of {name} is older than the one already pooled (written {pooled}); kept the newer"
                ),
            };
            if !ui.quiet {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        CardAction::Remove { member } => {
            let mut workspace = super::open_workspace(global)?;
            match workspace.remove_card(member)? {
                Some(name) => {
                    if !ui.quiet {
                        println!("withdrew {name}'s card: their ties left the workspace");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                None => Ok(ui.found(0, &format!("no member pooled by card answers to \"{member}\""))),
            }
        }
    }
}

/// The company keys `--company` names, each with its aliases when it is a target.
fn company_keys(workspace: &kith::store::Workspace, companies: &[String]) -> anyhow::Result<Vec<String>> {
    let targets = workspace.targets()?;
    let mut keys = Vec::new();
    for name in companies {
        let key = company_key(name);
        if key.is_empty() {
            anyhow::bail!("--company \"{name}\" is not a company name");
        }
        match targets.iter().find(|t| t.keys().contains(&key)) {
            Some(target) => keys.extend(target.keys()),
            None => keys.push(key),
        }
    }
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// A card file's bytes, reading no more than a card may hold (and one byte more, to tell).
fn read_limited(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| kith::Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_CARD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| kith::Error::io(path, e))?;
    Ok(bytes)
}

//! `kith reconnect [--limit N] [--company NAME]... [--goal G] [--include-cold] [--as-of DATE]
//! [--format table|json|csv]`

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use kith::reconnect::{reconnect, Goal, Options, Reconnect};

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct ReconnectArgs {
    /// How many people to suggest
    #[arg(long, default_value_t = 5, value_parser = super::at_least_one)]
    pub limit: usize,
    /// A company that counts as a target for this list (repeatable)
    #[arg(long, value_name = "NAME")]
    pub company: Vec<String>,
    /// What the draft asks for
    #[arg(long, default_value = "perspective", value_parser = ["advice", "perspective", "feedback", "referral"])]
    pub goal: String,
    /// Also suggest people you never engaged with at all
    #[arg(long)]
    pub include_cold: bool,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The reconnect list for `args`.
pub fn list(
    workspace: &kith::store::Workspace,
    args: &ReconnectArgs,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<Vec<Reconnect>> {
    let options = Options {
        limit: args.limit,
        companies: args.company.clone(),
        goal: Goal::parse(&args.goal).unwrap_or_default(),
        include_cold: args.include_cold,
        as_of,
    };
    Ok(reconnect(&workspace.graph_data(as_of)?, &options))
}

pub fn run(global: &Global, ui: &Ui, args: &ReconnectArgs) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.date();
    let workspace = super::open_workspace(global)?;
    super::say_what_is_known(ui, &workspace, as_of)?;
    let entries = list(&workspace, args, as_of)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            super::ui::print_json(&mut out, &entries)?;
        }
        Format::Csv => {
            let rows = entries.iter().map(|e| {
                vec![
                    e.name.clone(),
                    e.url.clone().unwrap_or_default(),
                    e.company.clone(),
                    e.position.clone(),
                    format!("{:.3}", e.score),
                    e.last_contact.clone().unwrap_or_default(),
                    e.reasons.join("; "),
                    e.draft.clone(),
                ]
            });
            kith::output::write_csv(
                &mut out,
                &[
                    "name",
                    "url",
                    "company",
                    "position",
                    "score",
                    "last_contact",
                    "reasons",
                    "draft",
                ],
                rows,
            )?;
        }
        Format::Table => print_table(&mut out, ui, &entries)?,
    }
    let why = if !entries.is_empty() {
        ""
    } else if workspace.is_empty()? {
        super::NO_EXPORT_YET
    } else if args.include_cold {
        "no dormant or cold ties to suggest (import a fresher export, or one with messages)"
    } else {
        "no dormant ties to suggest (try --include-cold, or import a fresher export)"
    };
    Ok(ui.found(entries.len(), why))
}

/// One block per person: who, why, and the draft.
pub fn print_table(out: &mut impl Write, ui: &Ui, entries: &[Reconnect]) -> std::io::Result<()> {
    for (rank, e) in entries.iter().enumerate() {
        let role = super::ui::role(&e.position, &e.company);
        writeln!(
            out,
            "{} {}{}",
            ui.bold(&format!("{:>2}.", rank + 1)),
            ui.bold(&e.name),
            if role.is_empty() {
                String::new()
            } else {
                format!(" — {role}")
            }
        )?;
        if let Some(url) = &e.url {
            writeln!(out, "    {}", ui.dim(url))?;
        }
        for line in super::ui::wrap(&e.reasons.join("; "), 92) {
            writeln!(out, "    {line}")?;
        }
        for (i, line) in super::ui::wrap(&e.draft, 88).iter().enumerate() {
            writeln!(out, "    {} {line}", if i == 0 { "»" } else { " " })?;
        }
        writeln!(out)?;
    }
    Ok(())
}

//! `kith followups [--as-of DATE] [--nudge-after DAYS] [--format table|json|csv]`

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use kith::store::ledger::{followups, Followup};

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct FollowupsArgs {
    /// Days after an unanswered ask before a nudge is due
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub nudge_after: i64,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The follow-ups due.
pub fn due(
    workspace: &kith::store::Workspace,
    as_of: chrono::NaiveDate,
    nudge_after: i64,
) -> anyhow::Result<Vec<Followup>> {
    Ok(followups(&workspace.ledger_rows()?, as_of, nudge_after))
}

/// A sentence for a follow-up.
pub fn describe(f: &Followup) -> String {
    let name = kith::names::prose_name(&f.name);
    let on = day_in_words(&f.since);
    match (f.kind, f.outcome.as_str()) {
        ("nudge", _) => {
            format!("Nudge {name}: you asked on {on} and have not heard back. A short, friendly follow-up is normal.")
        }
        (_, "introduced") => {
            format!("Thank {name}: they made an introduction for you on {on}. Tell them what came of it.")
        }
        _ => format!("Thank {name}: they helped you on {on}. Tell them what came of it."),
    }
}

/// `2026-11-03` → `3 Nov 2026` (as written when it is not a date).
pub fn day_in_words(iso: &str) -> String {
    kith::linkedin::dates::iso_date(iso).map_or_else(|| iso.to_string(), kith::words::short_date)
}

pub fn run(global: &Global, ui: &Ui, args: &FollowupsArgs) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.date();
    let workspace = super::open_workspace(global)?;
    let list = due(&workspace, as_of, args.nudge_after)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            super::ui::print_json(&mut out, &list)?;
        }
        Format::Csv => {
            let rows = list.iter().map(|f| {
                vec![
                    f.name.clone(),
                    f.url.clone().unwrap_or_default(),
                    f.kind.to_string(),
                    f.since.clone(),
                    f.note.clone().unwrap_or_default(),
                ]
            });
            kith::output::write_csv(&mut out, &["name", "url", "kind", "since", "note"], rows)?;
        }
        Format::Table => {
            for f in &list {
                writeln!(out, "{}", describe(f))?;
                if let Some(note) = &f.note {
                    writeln!(out, "    {}", ui.dim(note))?;
                }
            }
        }
    }
    Ok(ui.found(list.len(), "nothing owed: no unanswered asks and no thank-yous pending"))
}

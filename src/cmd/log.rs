//! `kith log PERSON [--date D] [--channel C] [--outcome O] [--note TEXT]` and
//! `kith log --list [PERSON]`.

use std::process::ExitCode;

use clap::Args;
use kith::store::ledger::{Channel, Found, NotFound, Outcome};
use kith::store::Workspace;

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The person, by unique name or profile URL
    #[arg(value_name = "PERSON", required_unless_present = "list")]
    pub person: Option<String>,
    /// When it happened (YYYY-MM-DD, not in the future) [default: today]
    #[arg(long, value_name = "D", value_parser = super::parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// How: message, email, call, coffee or event
    #[arg(long, value_enum, default_value_t = Channel::Message)]
    pub channel: Channel,
    /// What came of it: asked, replied, introduced, helped, no-reply or thanked
    #[arg(long, value_enum)]
    pub outcome: Option<Outcome>,
    /// A note for yourself
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Show the ledger (of PERSON, or everyone) instead of adding to it
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Finds one person or fails with exit code 2 and the candidates.
pub fn person(workspace: &Workspace, wanted: &str) -> anyhow::Result<Found> {
    match workspace.find_person(wanted)? {
        Ok(found) => Ok(found),
        Err(why @ NotFound::Yourself(_)) => anyhow::bail!("{why}"),
        Err(why) => anyhow::bail!("\"{wanted}\": {why}"),
    }
}

pub fn run(global: &Global, ui: &Ui, args: &LogArgs) -> anyhow::Result<ExitCode> {
    // Even to record, the person must already be in the workspace: a new one would not do.
    let mut workspace = super::open_workspace(global)?;
    if args.list {
        let who = match &args.person {
            Some(p) => Some(person(&workspace, p)?.id),
            None => None,
        };
        let mut entries = workspace.ledger(who)?;
        // With --as-of, the ledger as it stood that day.
        if let Some(day) = args.as_of.as_of {
            let day = day.to_string();
            entries.retain(|e| e.date <= day);
        }
        match args.format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
            Format::Csv => {
                let rows = entries.iter().map(|e| {
                    vec![
                        e.date.clone(),
                        e.name.clone(),
                        e.url.clone().unwrap_or_default(),
                        e.channel.clone(),
                        e.outcome.clone().unwrap_or_default(),
                        e.note.clone().unwrap_or_default(),
                    ]
                });
                kith::output::write_csv(
                    std::io::stdout().lock(),
                    &["date", "name", "url", "channel", "outcome", "note"],
                    rows,
                )?;
            }
            Format::Table => {
                for e in &entries {
                    let outcome = e.outcome.as_deref().map(|o| format!(" → {o}")).unwrap_or_default();
                    let note = e
                        .note
                        .as_deref()
                        .map(|n| format!("  {}", ui.dim(n)))
                        .unwrap_or_default();
                    println!("{}  {:<28} {}{outcome}{note}", e.date, e.name, e.channel);
                }
            }
        }
        let why = if args.person.is_some() {
            "nothing logged with them yet"
        } else {
            "the ledger is empty: kith log PERSON --outcome asked"
        };
        return Ok(ui.found(entries.len(), why));
    }
    let wanted = args.person.as_deref().unwrap_or_default();
    let found = person(&workspace, wanted)?;
    let today = args.as_of.date();
    let date = args.date.unwrap_or(today);
    if date > today {
        anyhow::bail!("--date {date} is in the future (today is {today}): log outreach once it has happened");
    }
    workspace.log_outreach(found.id, date, args.channel, args.outcome, args.note.as_deref())?;
    if !ui.quiet {
        let outcome = args.outcome.map(|o| format!(", {}", o.as_str())).unwrap_or_default();
        println!("logged: {} on {date} ({}{outcome})", found.name, args.channel.as_str());
    }
    Ok(ExitCode::SUCCESS)
}

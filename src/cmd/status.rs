//! `kith status [--format table|json]`

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use kith::store::status::Status;
use kith::store::Workspace;

use super::ui::thousands;
use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format (json is a stable interface)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(global: &Global, ui: &Ui, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let workspace = super::open_workspace(global)?;
    let status = workspace.status()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            super::ui::print_json(&mut out, &status)?;
        }
        Format::Csv => {
            let rows = counts(&status)
                .into_iter()
                .map(|(k, v)| vec![k.to_string(), v.to_string()]);
            kith::output::write_csv(&mut out, &["what", "count"], rows)?;
        }
        Format::Table => print(&mut out, ui, &workspace, &status)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn counts(status: &Status) -> Vec<(&'static str, i64)> {
    vec![
        ("people", status.people),
        ("connections", status.connections),
        ("messages", status.messages),
        ("conversations", status.conversations),
        ("invitations", status.invitations),
        ("endorsements", status.endorsements),
        ("recommendations", status.recommendations),
        ("imports", status.imports),
        ("skipped", status.skipped.values().sum()),
    ]
}

/// Prints the status as a small table.
pub fn print(out: &mut impl Write, ui: &Ui, workspace: &Workspace, status: &Status) -> std::io::Result<()> {
    writeln!(out, "{} {}", ui.bold("Workspace"), workspace.path().display())?;
    match &status.owner {
        Some(owner) => writeln!(
            out,
            "  owner            {}{}",
            owner.name,
            owner.url.as_deref().map(|u| format!(" ({u})")).unwrap_or_default()
        )?,
        None => writeln!(out, "  owner            (none yet: run `kith import` on your export)")?,
    }
    if !status.members.is_empty() {
        writeln!(out, "  pooled members   {}", pooled_members(&status.members))?;
    }
    if !status.card_members.is_empty() {
        let cards: Vec<String> = status
            .card_members
            .iter()
            .map(|c| {
                format!(
                    "{} ({}, card of {})",
                    c.name,
                    kith::words::plural(c.contacts, "contact"),
                    c.written
                )
            })
            .collect();
        writeln!(out, "  card members     {}", cards.join(", "))?;
    }
    for (label, value) in counts(status) {
        if label == "skipped" {
            let detail: Vec<String> = status.skipped.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let detail = if detail.is_empty() {
                String::new()
            } else {
                ui.dim(&format!("  ({})", detail.join(", ")))
            };
            writeln!(out, "  {:<16} {:>10}{}", "skipped rows", thousands(value), detail)?;
        } else {
            writeln!(out, "  {:<16} {:>10}", label, thousands(value))?;
        }
    }
    Ok(())
}

/// Pooled members named on one line: all of a few, or the first few and the count (a club
/// of 200 would fill the screen).
fn pooled_members(members: &[kith::store::status::MemberRef]) -> String {
    const SHOWN: usize = 5;
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    if names.len() <= SHOWN + 1 {
        return names.join(", ");
    }
    format!(
        "{}: {}, ... (kith status --format json lists all)",
        thousands(names.len()),
        names[..SHOWN].join(", ")
    )
}

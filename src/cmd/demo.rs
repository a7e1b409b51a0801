//! `kith demo`: the main job on the bundled sample export, in a temporary workspace.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use kith::linkedin::{self, Limits};
use kith::store::import::{import, ImportOptions, NoProgress};
use kith::store::ledger::{Channel, Outcome};
use kith::store::Workspace;

use super::Ui;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The sample export to use [default: data/sample in the source tree]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the report [default: kith-demo-report in the temporary directory]
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
}

/// The member folders of the sample: the owner's first, then pooled members', in name order.
fn member_folders(root: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .with_context(|| format!("{}: cannot read the sample export", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        dirs.push(root.to_path_buf());
    }
    Ok(dirs)
}

pub fn run(ui: &Ui, args: DemoArgs) -> anyhow::Result<ExitCode> {
    let root = args
        .data
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data").join("sample"));
    let scratch = tempfile::tempdir().context("cannot create a temporary workspace")?;
    let db = scratch.path().join("kith.db");
    let mut workspace = Workspace::open(&db)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (index, dir) in member_folders(&root)?.iter().enumerate() {
        let source = linkedin::load(std::slice::from_ref(dir), Limits::default())?;
        let member = if index == 0 {
            None
        } else {
            linkedin::profile_name(&source)
        };
        let options = ImportOptions {
            member,
            keep_content: false,
            ..ImportOptions::default()
        };
        let summary = import(&mut workspace, &source, &options, &NoProgress)?;
        if !ui.quiet {
            super::import::print_summary(&mut out, ui, &summary, Some(dir))?;
            std::io::Write::write_all(&mut out, b"\n")?;
        }
    }
    let status = workspace.status()?;
    super::status::print(&mut out, ui, &workspace, &status)?;

    // Warm paths into a target company, measured from the sample's export date so the demo
    // reads the same on every day.
    let as_of = workspace
        .newest_export_date()?
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let target = "Acme Robotics";
    workspace.add_target(target, &["ACME Robotics Inc".to_string()])?;
    let graph = kith::graph::build(&workspace.graph_data(as_of)?, as_of);
    let adjacency = kith::graph::intro::adjacency(&graph);
    let query = kith::graph::intro::Query::Company {
        name: target.to_string(),
        keys: vec![kith::resolve::company_key(target)],
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        ui.bold(&format!(
            "Who can introduce you to someone at {target}? (kith intro --company \"{target}\" --top 3)"
        ))
    )?;
    match kith::graph::intro::intro(
        &graph,
        &adjacency,
        &query,
        3,
        usize::from(kith::score::constants::MAX_HOPS),
    ) {
        Ok(paths) => super::intro::print_table(&mut out, ui, &paths)?,
        Err(why) => writeln!(out, "{why}")?,
    }

    writeln!(
        out,
        "\n{}",
        ui.bold("Whom should you get back in touch with? (kith reconnect)")
    )?;
    let options = kith::reconnect::Options {
        limit: 5,
        companies: Vec::new(),
        goal: kith::reconnect::Goal::Perspective,
        include_cold: false,
        as_of,
    };
    let reconnects = kith::reconnect::reconnect(&workspace.graph_data(as_of)?, &options);
    super::reconnect::print_table(&mut out, ui, &reconnects)?;

    // A few weeks of outreach, as `kith log` would record it, to people further down the
    // reconnect list (not the ones above, who are still quiet), so that the plan has
    // follow-ups and the report's outreach chart has data.
    let further = kith::reconnect::reconnect(
        &workspace.graph_data(as_of)?,
        &kith::reconnect::Options {
            limit: options.limit + 4,
            ..options
        },
    );
    let (logged, people) = log_sample_outreach(&mut workspace, further.iter().skip(options.limit), as_of)?;
    if logged > 0 {
        writeln!(
            out,
            "{}\n",
            ui.bold(&format!(
                "Logged {logged} sample outreach entries (kith log), as if you had written to {} more {} in the last weeks.",
                people,
                if people == 1 { "person" } else { "people" }
            ))
        )?;
    }

    let steps = super::plan::steps(&workspace, 5, as_of)?;
    super::plan::print_table(&mut out, ui, &steps, as_of)?;

    let report_dir = args
        .report
        .unwrap_or_else(|| std::env::temp_dir().join("kith-demo-report"));
    let written = kith::report::write(&workspace, &report_dir, as_of)?;
    writeln!(out)?;
    writeln!(out, "{} {}", ui.bold("Network-health report:"), written.index.display())?;
    Ok(ExitCode::SUCCESS)
}

/// Logs a few weeks of outreach before `as_of` to the first four of `people`, as `kith log`
/// would; returns the entries logged and the people written to.
fn log_sample_outreach<'a>(
    workspace: &mut Workspace,
    people: impl Iterator<Item = &'a kith::reconnect::Reconnect>,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<(usize, usize)> {
    let days = |n: i64| as_of - chrono::Duration::days(n);
    // Days ago and outcome, for each person in turn.
    let script: [&[(i64, Outcome)]; 4] = [
        &[(40, Outcome::Asked), (36, Outcome::Replied), (22, Outcome::Introduced)],
        &[(26, Outcome::Asked), (23, Outcome::Replied)],
        &[(33, Outcome::Asked)],
        &[(12, Outcome::Asked)],
    ];
    let (mut logged, mut written_to) = (0, 0);
    for (person, entries) in people.zip(script) {
        for &(ago, outcome) in entries {
            workspace.log_outreach(person.person_id, days(ago), Channel::Message, Some(outcome), None)?;
            logged += 1;
        }
        written_to += 1;
    }
    Ok((logged, written_to))
}

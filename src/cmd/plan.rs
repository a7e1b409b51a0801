//! `kith plan [--per-week N] [--as-of DATE] [--format table|json|csv]`: this week's small
//! steps: follow-ups first, then the best reconnects, then the best warm paths into targets.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use kith::graph::intro::{adjacency, intro, Query};
use serde::Serialize;

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// How many steps this week
    #[arg(long, default_value_t = 5, value_parser = super::at_least_one)]
    pub per_week: usize,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// One step of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// `nudge`, `thank`, `reconnect` or `intro`.
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub why: String,
    pub draft: String,
}

/// The steps for this week.
pub fn steps(
    workspace: &kith::store::Workspace,
    per_week: usize,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<Vec<Step>> {
    let mut steps: Vec<Step> = Vec::new();
    let taken = |steps: &[Step], url: &Option<String>, name: &str| {
        steps.iter().any(|s| (url.is_some() && &s.url == url) || s.name == name)
    };
    for f in super::followups::due(workspace, as_of, 7)? {
        let first = kith::names::greeting(&f.name, None);
        let on = super::followups::day_in_words(&f.since);
        let draft = match (f.kind, f.outcome.as_str()) {
            ("nudge", _) => format!(
                "Hi {first}, just bringing my note of {on} back to the top of your inbox, in case it got buried. No pressure at all."
            ),
            (_, "introduced") => format!(
                "Hi {first}, thank you for the introduction; it meant a lot. Here is what came of it so far: [one or two lines]."
            ),
            _ => format!(
                "Hi {first}, thank you for your help; it made a real difference. Here is what came of it so far: [one or two lines]."
            ),
        };
        steps.push(Step {
            kind: f.kind.to_string(),
            name: f.name.clone(),
            url: f.url.clone(),
            why: super::followups::describe(&f),
            draft,
        });
    }
    let data = workspace.graph_data(as_of)?;
    let options = kith::reconnect::Options {
        limit: per_week,
        companies: Vec::new(),
        goal: kith::reconnect::Goal::Perspective,
        include_cold: false,
        as_of,
    };
    let reconnects = kith::reconnect::reconnect(&data, &options);
    let graph = kith::graph::build(&data, as_of);
    let adjacency = adjacency(&graph);
    let mut intros = Vec::new();
    for target in workspace.targets()? {
        let query = Query::Company {
            name: target.name.clone(),
            keys: target.keys(),
        };
        if let Ok(paths) = intro(
            &graph,
            &adjacency,
            &query,
            3,
            usize::from(kith::score::constants::MAX_HOPS),
        ) {
            intros.extend(paths);
        }
    }
    intros.sort_by(|a, b| {
        b.probability
            .partial_cmp(&a.probability)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // Alternate reconnects and warm paths after the follow-ups, best first.
    let mut reconnects = reconnects.into_iter();
    let mut intros = intros.into_iter();
    while steps.len() < per_week {
        let mut added = false;
        if let Some(r) = reconnects.next() {
            if !taken(&steps, &r.url, &r.name) {
                steps.push(Step {
                    kind: "reconnect".into(),
                    name: r.name.clone(),
                    url: r.url.clone(),
                    why: r.reasons.join("; "),
                    draft: r.draft.clone(),
                });
            }
            added = true;
        }
        if steps.len() < per_week {
            if let Some(p) = intros.next() {
                let first = &p.hops[0].to;
                if !taken(&steps, &first.url, &first.name) {
                    steps.push(Step {
                        kind: "intro".into(),
                        name: first.name.clone(),
                        url: first.url.clone(),
                        why: path_words(&p),
                        draft: p.ask.clone(),
                    });
                }
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    steps.truncate(per_week);
    Ok(steps)
}

pub fn run(global: &Global, ui: &Ui, args: &PlanArgs) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.date();
    let workspace = super::open_workspace(global)?;
    super::say_what_is_known(ui, &workspace, as_of)?;
    let steps = steps(&workspace, args.per_week, as_of)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            super::ui::print_json(&mut out, &steps)?;
        }
        Format::Csv => {
            let rows = steps.iter().map(|s| {
                vec![
                    s.kind.clone(),
                    s.name.clone(),
                    s.url.clone().unwrap_or_default(),
                    s.why.clone(),
                    s.draft.clone(),
                ]
            });
            kith::output::write_csv(&mut out, &["kind", "name", "url", "why", "draft"], rows)?;
        }
        Format::Table => print_table(&mut out, ui, &steps, as_of)?,
    }
    let why = if workspace.is_empty()? {
        super::NO_EXPORT_YET
    } else {
        "nothing to do this week: add targets (kith targets add) or import a fresher export"
    };
    Ok(ui.found(steps.len(), why))
}

/// The plan as a numbered list.
pub fn print_table(out: &mut impl Write, ui: &Ui, steps: &[Step], as_of: chrono::NaiveDate) -> std::io::Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        ui.bold(&format!(
            "This week (from {as_of}): {}",
            kith::words::plural(steps.len(), "small step")
        ))
    )?;
    for (i, s) in steps.iter().enumerate() {
        writeln!(
            out,
            "{} [{}] {}",
            ui.bold(&format!("{}.", i + 1)),
            s.kind,
            ui.bold(&s.name)
        )?;
        for line in super::ui::wrap(&s.why, 92) {
            writeln!(out, "     {}", ui.dim(&line))?;
        }
        for (j, line) in super::ui::wrap(&s.draft, 88).iter().enumerate() {
            writeln!(out, "   {} {line}", if j == 0 { "»" } else { " " })?;
        }
    }
    Ok(())
}

/// "71% path to Malik Lee at Acme Robotics"; a hidden contact's name says its job and company
/// already.
fn path_words(p: &kith::graph::intro::IntroPath) -> String {
    let percent = super::intro::percent(p.probability);
    if p.target.hidden {
        format!("{percent} path to {}", p.target.name)
    } else {
        format!(
            "{percent} path to {} at {}",
            p.target.name,
            kith::names::company_display(&p.target.company)
        )
    }
}

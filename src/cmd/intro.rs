//! `kith intro --company NAME | --person NAME_OR_URL [--top K] [--max-hops N] [--as-of DATE]
//! [--format table|json|csv]`

use std::io::Write;
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use kith::graph::intro::{adjacency, intro, IntroPath, NoPath, Query};
use kith::resolve::company_key;

use super::{Format, Global, Ui};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args(["company", "person"])))]
pub struct IntroArgs {
    /// People at this company (matched by normalised name or a target's alias, never by substring)
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// One person, by name or profile URL
    #[arg(long, value_name = "NAME_OR_URL")]
    pub person: Option<String>,
    /// How many paths to show
    #[arg(long, default_value_t = 10, value_parser = super::at_least_one)]
    pub top: usize,
    /// Longest chain of introductions to consider (1 = direct contacts only)
    #[arg(long, default_value_t = kith::score::constants::MAX_HOPS, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub max_hops: u8,
    #[command(flatten)]
    pub as_of: super::AsOf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(global: &Global, ui: &Ui, args: &IntroArgs) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.date();
    let workspace = super::open_workspace(global)?;
    super::say_what_is_known(ui, &workspace, as_of)?;
    let query = match (&args.company, &args.person) {
        (Some(company), _) if company_key(company).is_empty() => {
            anyhow::bail!("--company needs a company name (got \"{company}\")")
        }
        (None, Some(person)) if person.trim().is_empty() => {
            anyhow::bail!("--person needs a name or a profile URL")
        }
        (Some(company), _) => {
            let keys = match workspace.target_for(company)? {
                Some(target) => target.keys(),
                None => vec![company_key(company)],
            };
            Query::Company {
                name: company.trim().to_string(),
                keys,
            }
        }
        (None, Some(person)) => Query::Person(person.clone()),
        (None, None) => anyhow::bail!("give --company NAME or --person NAME_OR_URL"),
    };
    let started = std::time::Instant::now();
    let graph = kith::graph::build(&workspace.graph_data(as_of)?, as_of);
    let adjacency = adjacency(&graph);
    let loaded = std::time::Instant::now();
    let result = intro(&graph, &adjacency, &query, args.top.max(1), usize::from(args.max_hops));
    if ui.verbose > 1 {
        eprintln!(
            "graph: {} nodes, {} edges; load {:.3} s, query {:.3} s",
            graph.graph.node_count(),
            graph.graph.edge_count(),
            (loaded - started).as_secs_f64(),
            loaded.elapsed().as_secs_f64()
        );
    }
    let paths = match result {
        Ok(paths) => paths,
        // Asking for a path to yourself is a mistake in the command, not an empty answer.
        Err(why @ NoPath::Yourself { .. }) => anyhow::bail!(why),
        Err(why) => {
            if args.format == Format::Json {
                println!("[]");
            }
            eprintln!("{why}");
            return Ok(ExitCode::from(1));
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            super::ui::print_json(&mut out, &paths)?;
        }
        Format::Csv => write_csv(&mut out, &paths)?,
        Format::Table => print_table(&mut out, ui, &paths)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Evidence lines shown per hop in the table (JSON and CSV have them all).
const EVIDENCE_LINES: usize = 4;

/// A chance in whole percent; never "100%" or "0%" for what is only nearly certain or
/// nearly hopeless.
pub fn percent(p: f64) -> String {
    match p * 100.0 {
        x if x >= 99.5 && p < 1.0 => ">99%".to_string(),
        x if x < 0.5 && p > 0.0 => "<1%".to_string(),
        x => format!("{x:.0}%"),
    }
}

/// One block per path, readable at 100 columns, with the weakest hop marked.
pub fn print_table(out: &mut impl Write, ui: &Ui, paths: &[IntroPath]) -> std::io::Result<()> {
    for (rank, path) in paths.iter().enumerate() {
        // A hidden contact's name already says its job.
        let role = if path.target.hidden {
            String::new()
        } else {
            super::ui::role(&path.target.position, &path.target.company)
        };
        writeln!(
            out,
            "{} {}  {}{}",
            ui.bold(&format!("{:>2}.", rank + 1)),
            ui.bold(&format!("{:>4}", percent(path.probability))),
            ui.bold(&path.target.name),
            if role.is_empty() {
                String::new()
            } else {
                format!(" — {role}")
            }
        )?;
        if let Some(url) = &path.target.url {
            writeln!(out, "           {}", ui.dim(url))?;
        }
        let weakest = path.weakest();
        for (i, hop) in path.hops.iter().enumerate() {
            let marker = if i == weakest && path.hops.len() > 1 {
                ui.warn_text("  ← weakest link")
            } else {
                String::new()
            };
            let inferred = if hop.inferred { " (inferred)" } else { "" };
            writeln!(
                out,
                "           {} → {}  {}{inferred}{marker}",
                kith::output::truncate(&hop.from.name, 28),
                kith::output::truncate(&hop.to.name, 28),
                percent(hop.strength)
            )?;
            // The most telling lines, whole (wrapped, never cut); a note about a recent ask
            // is always first, so it always shows.
            for line in hop.evidence.iter().take(EVIDENCE_LINES) {
                let clean = kith::output::truncate(line, 400);
                for part in super::ui::wrap(&clean, 82) {
                    writeln!(out, "               {}", ui.dim(&part))?;
                }
            }
        }
        for line in super::ui::wrap(&format!("Ask: {}", path.ask), 88) {
            writeln!(out, "           {line}")?;
        }
        writeln!(out)?;
    }
    let (chance, counted) = kith::graph::intro::any_works(paths);
    if counted > 1 {
        let which = if counted < paths.len() {
            format!("the {counted} best of the paths above")
        } else {
            format!("the {counted} paths above")
        };
        let sentence = format!(
            "If you try {which} that share no one but you, the chance that at least one works is {}.",
            percent(chance)
        );
        for line in super::ui::wrap(&sentence, 92) {
            writeln!(out, "{}", ui.dim(&line))?;
        }
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, paths: &[IntroPath]) -> std::io::Result<()> {
    let rows = paths.iter().enumerate().map(|(rank, p)| {
        let weakest = &p.hops[p.weakest()];
        let chain: Vec<&str> = std::iter::once(p.hops[0].from.name.as_str())
            .chain(p.hops.iter().map(|h| h.to.name.as_str()))
            .collect();
        vec![
            (rank + 1).to_string(),
            format!("{:.4}", p.probability),
            p.target.name.clone(),
            p.target.url.clone().unwrap_or_default(),
            p.target.company.clone(),
            p.target.position.clone(),
            p.hops.len().to_string(),
            chain.join(" > "),
            format!("{:.4}", weakest.strength),
            p.ask.clone(),
        ]
    });
    kith::output::write_csv(
        out,
        &[
            "rank",
            "probability",
            "name",
            "url",
            "company",
            "position",
            "hops",
            "path",
            "weakest_hop",
            "ask",
        ],
        rows,
    )
}

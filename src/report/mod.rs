//! `kith report`: network-health charts (PNG and SVG, drawn with plotters and an embedded
//! font) and one self-contained `index.html` (charts inline, no remote fonts, scripts or
//! images; every string from an export escaped; a print stylesheet).

pub mod charts;
pub mod figures;
pub mod html;
pub mod kit;
pub mod layout;
pub mod metrics;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::graph::intro::{adjacency, intro, Query};
use crate::graph::{EdgeKind, Node};
use crate::resolve::company_key;
use crate::store::Workspace;
use charts::{bars_height, Coverage, MapGroup, MapNode, EMPTY_HEIGHT, HEIGHT, MAP_HEIGHT, WIDTH};
use figures::{Figure, Weekly};
use petgraph::graph::NodeIndex;

/// A hop at least this likely counts as warm. *prior*
pub(crate) const WARM_HOP: f64 = 0.3;
/// People shown on the network map. *prior*
pub(crate) const MAP_PEOPLE: usize = 150;
/// Of them, the warmest this many are named on the map (where the names fit), besides pooled
/// members and people at a target. *prior*
pub(crate) const MAP_NAMED: usize = 20;
/// Top companies given a colour of their own on the map (Okabe–Ito has five more after the
/// targets' vermillion and the grey for the rest).
pub(crate) const MAP_COMPANIES: usize = 5;
/// Weeks of the outreach ledger shown.
pub(crate) const LEDGER_WEEKS: i64 = 52;

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub index: PathBuf,
    pub files: Vec<PathBuf>,
}

/// A chart, rendered, with what it says.
pub(crate) struct Chart {
    pub figure: Figure,
    pub svg: String,
}

/// Draws one chart at `size` to SVG (kept for the page) and PNG (written to `dir`).
macro_rules! chart {
    ($dir:expr, $files:expr, $figure:expr, $size:expr, |$root:ident, $heading:ident| $body:expr) => {{
        let figure: Figure = $figure;
        let name = figure.name;
        let (width, height): (u32, u32) = $size;
        let $heading = &figure.heading;
        let mut svg = String::new();
        {
            let $root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            $body.map_err(|why| Error::Chart { chart: name, why })?;
        }
        let svg_path = $dir.join(format!("{}.svg", name));
        std::fs::write(&svg_path, &svg).map_err(|e| Error::io(&svg_path, e))?;
        // Drawn in memory and written like any other file, so a folder that cannot be
        // written is reported as such, with its path.
        let mut pixels = vec![0u8; width as usize * height as usize * 3];
        {
            let $root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
            $body.map_err(|why| Error::Chart { chart: name, why })?;
        }
        let png = $dir.join(format!("{}.png", name));
        std::fs::write(&png, encode_png(&pixels, width, height)?).map_err(|e| Error::io(&png, e))?;
        $files.push(png);
        $files.push(svg_path);
        Chart { figure, svg }
    }};
}

/// An RGB picture as PNG bytes.
fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    use image::ImageEncoder;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(pixels, width, height, image::ColorType::Rgb8)
        .map_err(Error::Png)?;
    Ok(bytes)
}

/// The ledger by week and outcome, for the last [`LEDGER_WEEKS`] weeks up to `as_of` (from
/// the first entry if that is later). Entries without an outcome count as "logged".
pub(crate) fn weekly(ledger: &[crate::store::ledger::LedgerRow], as_of: NaiveDate) -> Weekly {
    let monday = |d: NaiveDate| d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let seen: Vec<&crate::store::ledger::LedgerRow> = ledger.iter().filter(|r| r.date <= as_of).collect();
    let Some(first) = seen.iter().map(|r| r.date).min() else {
        return Weekly::default();
    };
    let last = monday(as_of);
    let start = monday(first).max(last - chrono::Duration::weeks(LEDGER_WEEKS - 1));
    let count = usize::try_from((last - start).num_days() / 7 + 1).unwrap_or(0);
    // Each week by its Monday, day and month: `2 Nov`.
    let weeks: Vec<String> = (0..count)
        .map(|w| {
            let short = crate::words::short_date(start + chrono::Duration::weeks(i64::try_from(w).unwrap_or(0)));
            short
                .rsplit_once(' ')
                .map_or(short.clone(), |(day_month, _)| day_month.to_string())
        })
        .collect();
    let mut names: Vec<&str> = crate::store::ledger::Outcome::ALL
        .map(crate::store::ledger::Outcome::as_str)
        .to_vec();
    names.push("logged");
    let series = names
        .iter()
        .map(|name| {
            let mut counts = vec![0usize; count];
            for r in &seen {
                let outcome = r.outcome.as_deref().unwrap_or("logged");
                if outcome == *name && r.date >= start {
                    if let Some(slot) = usize::try_from((monday(r.date) - start).num_days() / 7)
                        .ok()
                        .and_then(|w| counts.get_mut(w))
                    {
                        *slot += 1;
                    }
                }
            }
            (name.to_string(), counts)
        })
        .collect();
    Weekly { weeks, series }
}

/// A colour group of the map: its name, whether it is a target, and its people on the map.
type Group = (String, bool, usize);

/// The network map's data: its people laid out, the ties between them, and its colour groups
/// (name, target or not, people on the map).
struct MapData {
    nodes: Vec<MapNode>,
    edges: Vec<(usize, usize)>,
    groups: Vec<Group>,
    /// People on the map besides the owner.
    shown: usize,
}

impl MapData {
    fn groups(&self) -> Vec<MapGroup> {
        self.groups
            .iter()
            .map(|g| MapGroup {
                name: g.0.clone(),
                target: g.1,
            })
            .collect()
    }
}

/// The people on the map, in order: the owner, pooled members, then the warmest ties.
fn map_people(
    graph: &crate::graph::KithGraph,
    data: &crate::store::graph_data::GraphData,
    m: &metrics::Metrics,
) -> Vec<NodeIndex> {
    let mut chosen: Vec<NodeIndex> = graph.owner.into_iter().collect();
    for mem in data.members.iter().filter(|x| !x.is_owner) {
        if let Some(&i) = graph.by_person.get(&mem.person_id) {
            chosen.push(i);
        }
    }
    for (person, _) in m.ranked.iter().take(MAP_PEOPLE) {
        if let Some(&i) = graph.by_person.get(person) {
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
    }
    chosen
}

/// Ties between the people on the map, as (index, index, probability); the owner's own ties
/// (every one of them) are left out, or the map would be a star.
fn map_ties(
    graph: &crate::graph::KithGraph,
    chosen: &[NodeIndex],
    position: &std::collections::HashMap<NodeIndex, usize>,
) -> Vec<(usize, usize, f64)> {
    use petgraph::visit::EdgeRef;
    let mut edges = Vec::new();
    for (k, &i) in chosen.iter().enumerate() {
        if Some(i) == graph.owner {
            continue;
        }
        for e in graph.graph.edges(i) {
            if e.weight().kind != EdgeKind::Knows {
                continue;
            }
            let other = if e.source() == i { e.target() } else { e.source() };
            if Some(other) == graph.owner {
                continue;
            }
            if let Some(&j) = position.get(&other) {
                if k < j {
                    edges.push((k, j, e.weight().probability));
                }
            }
        }
    }
    edges
}

/// The map's colour groups (name, target or not, people on the map): the targets with
/// someone on the map, then the most common companies ([`MAP_COMPANIES`], two people at
/// least); and the group of each company key.
fn colour_groups(
    graph: &crate::graph::KithGraph,
    chosen: &[NodeIndex],
    targets: &[crate::store::targets::Target],
) -> (Vec<Group>, std::collections::HashMap<String, usize>) {
    let target_of = |key: &str| {
        targets
            .iter()
            .position(|t| !key.is_empty() && t.keys().iter().any(|k| k == key))
    };
    let mut counts: std::collections::HashMap<String, (String, usize)> = std::collections::HashMap::new();
    for &i in chosen.iter().filter(|&&i| Some(i) != graph.owner) {
        let (key, name) = match &graph.graph[i] {
            Node::Person(p) => (company_key(&p.company), crate::names::company_display(&p.company)),
            Node::Company(c) => (c.key.clone(), c.name.clone()),
        };
        if !key.is_empty() {
            counts.entry(key).or_insert((name, 0)).1 += 1;
        }
    }
    let mut by_count: Vec<(String, String, usize)> = counts.into_iter().map(|(k, (n, c))| (k, n, c)).collect();
    by_count.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut groups: Vec<Group> = Vec::new();
    let mut group_targets: Vec<Option<usize>> = Vec::new();
    let mut group_of_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (key, _, n) in &by_count {
        if let Some(t) = target_of(key) {
            let index = if let Some(index) = group_targets.iter().position(|g| *g == Some(t)) {
                index
            } else {
                groups.push((targets[t].name.clone(), true, 0));
                group_targets.push(Some(t));
                groups.len() - 1
            };
            groups[index].2 += n;
            group_of_key.insert(key.clone(), index);
        }
    }
    for (key, name, n) in by_count
        .iter()
        .filter(|c| target_of(&c.0).is_none() && c.2 >= 2)
        .take(MAP_COMPANIES)
    {
        groups.push((name.clone(), false, *n));
        group_of_key.insert(key.clone(), groups.len() - 1);
    }
    (groups, group_of_key)
}

/// The map: the owner at the centre, pooled members, and the warmest ties ([`MAP_PEOPLE`]),
/// coloured by target and top company.
fn map_data(
    graph: &crate::graph::KithGraph,
    data: &crate::store::graph_data::GraphData,
    m: &metrics::Metrics,
    targets: &[crate::store::targets::Target],
) -> MapData {
    let chosen = map_people(graph, data, m);
    let position: std::collections::HashMap<NodeIndex, usize> =
        chosen.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    let edges = map_ties(graph, &chosen, &position);
    let company_of = |i: NodeIndex| match &graph.graph[i] {
        Node::Person(p) => company_key(&p.company),
        Node::Company(c) => c.key.clone(),
    };
    let (groups, group_of_key) = colour_groups(graph, &chosen, targets);
    let owner_index = graph.owner.and_then(|o| position.get(&o).copied());
    let points = layout::layout(chosen.len(), &edges, 150, owner_index);
    // `chosen` runs from the owner through members to the warmest ties, coolest last.
    let points = match owner_index {
        Some(owner) => layout::by_rank(&points, owner),
        None => points,
    };
    let mut named = 0usize;
    let nodes: Vec<MapNode> = chosen
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (name, member) = match &graph.graph[i] {
                Node::Person(p) => (p.name.clone(), p.member.is_some()),
                Node::Company(c) => (c.name.clone(), false),
            };
            let owner = Some(i) == graph.owner;
            let group = group_of_key.get(&company_of(i)).copied();
            let at_target = group.is_some_and(|g| groups[g].1);
            let label = if owner {
                None
            } else if member || at_target || named < MAP_NAMED {
                if !member && !at_target {
                    named += 1;
                }
                Some(name)
            } else {
                None
            };
            MapNode {
                x: points[k].0,
                y: points[k].1,
                group: if owner { None } else { group },
                label,
                owner,
                member,
            }
        })
        .collect();
    MapData {
        edges: edges.iter().map(|e| (e.0, e.1)).collect(),
        groups,
        shown: nodes.iter().filter(|n| !n.owner).count(),
        nodes,
    }
}

/// Paths to each target looked at for coverage, best first. *prior*
pub const COVERAGE_PATHS: usize = 20;

/// How well each target is covered: its best path, and its warm and cold paths (a path is
/// warm when every hop is at least [`WARM_HOP`]).
fn coverage(
    graph: &crate::graph::KithGraph,
    adjacency: &crate::graph::paths::Adjacency,
    targets: &[crate::store::targets::Target],
) -> Vec<Coverage> {
    targets
        .iter()
        .map(|target| {
            let query = Query::Company {
                name: target.name.clone(),
                keys: target.keys(),
            };
            let hops = usize::from(crate::score::constants::MAX_HOPS);
            let paths = intro(graph, adjacency, &query, COVERAGE_PATHS, hops).unwrap_or_default();
            let warm = paths
                .iter()
                .filter(|p| p.hops.iter().all(|h| h.strength >= WARM_HOP))
                .count();
            Coverage {
                target: target.name.clone(),
                best: paths.first().map_or(0.0, |p| p.probability),
                warm_paths: warm,
                cold_paths: paths.len() - warm,
            }
        })
        .collect()
}

/// What the charts are drawn from.
struct Inputs {
    metrics: metrics::Metrics,
    coverage: Vec<Coverage>,
    weekly: Weekly,
    map: MapData,
}

/// Draws the seven charts into `dir` (PNG and SVG), adding the files to `files`.
fn render(dir: &Path, inputs: &Inputs, files: &mut Vec<PathBuf>) -> Result<Vec<Chart>> {
    let Inputs {
        metrics: m,
        coverage,
        weekly,
        map,
    } = inputs;
    let map_groups = map.groups();
    let partial = m.last_month_partial();
    // Whether warmth orders anyone: an export of connections alone leaves every tie at zero.
    let ranked = m.classes.iter().any(|c| c.0 != "never engaged" && c.1 > 0);
    // Charts with nothing to draw are only as tall as their heading.
    let size = |drawn: bool, height: u32| (WIDTH, if drawn { height } else { EMPTY_HEIGHT });
    let ties = m.classes.iter().any(|c| c.1 > 0);
    let ledger = weekly.series.iter().any(|s| s.1.iter().any(|n| *n > 0));
    Ok(vec![
        chart!(
            dir,
            files,
            figures::growth(m),
            size(!m.growth.is_empty(), HEIGHT),
            |root, heading| charts::growth(root, heading, &m.growth, partial)
        ),
        chart!(
            dir,
            files,
            figures::warmth(m),
            size(ties, bars_height(4) + 30),
            |root, heading| charts::warmth(root, heading, &m.classes)
        ),
        chart!(
            dir,
            files,
            figures::companies(m),
            size(!m.top_companies.is_empty(), bars_height(m.top_companies.len())),
            |root, heading| charts::companies(root, heading, &m.top_companies)
        ),
        chart!(
            dir,
            files,
            figures::messaging(m),
            size(!m.messages_sent.is_empty(), HEIGHT),
            |root, heading| charts::messaging(root, heading, &m.messages_sent, &m.messages_received, partial)
        ),
        chart!(
            dir,
            files,
            figures::targets(coverage, WARM_HOP),
            size(!coverage.is_empty(), bars_height(coverage.len())),
            |root, heading| charts::coverage(root, heading, coverage)
        ),
        chart!(
            dir,
            files,
            figures::outreach(weekly),
            size(ledger, HEIGHT),
            |root, heading| charts::funnel(root, heading, &weekly.weeks, &weekly.series)
        ),
        chart!(
            dir,
            files,
            figures::map(&map.groups, map.shown, ranked),
            size(map.shown > 0, MAP_HEIGHT),
            |root, heading| charts::map(root, heading, &map.nodes, &map.edges, &map_groups)
        ),
    ])
}

/// Writes the report into `dir` and returns what was written.
pub fn write(workspace: &Workspace, dir: &Path, as_of: NaiveDate) -> Result<Written> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    charts::register_font();
    let data = workspace.graph_data(as_of)?;
    let messages = workspace.owner_messages(as_of)?;
    let metrics = metrics::metrics(&data, as_of, &messages);
    let graph = crate::graph::build(&data, as_of);
    let targets = workspace.targets()?;
    let inputs = Inputs {
        coverage: coverage(&graph, &adjacency(&graph), &targets),
        weekly: weekly(&workspace.ledger_rows()?, as_of),
        map: map_data(&graph, &data, &metrics, &targets),
        metrics,
    };
    let mut files = Vec::new();
    let rendered = render(dir, &inputs, &mut files)?;
    let owner_name = data
        .members
        .iter()
        .find(|x| x.is_owner)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let page = html::page(&owner_name, as_of, &inputs.metrics, &inputs.coverage, &rendered);
    let index = dir.join("index.html");
    std::fs::write(&index, page).map_err(|e| Error::io(&index, e))?;
    files.push(index.clone());
    Ok(Written { index, files })
}

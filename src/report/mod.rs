//! `kith report`: network-health charts (PNG and SVG, drawn with plotters and an embedded
//! font) and one self-contained `index.html` (charts inline, no remote fonts, scripts or
//! images; every string from an export escaped; a print stylesheet).

pub mod charts;
pub mod html;
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
use charts::{Coverage, MapNode, HEIGHT, WIDTH};

/// A hop at least this likely counts as warm. *prior*
pub const WARM_HOP: f64 = 0.3;
/// People shown on the network map. *prior*
pub const MAP_PEOPLE: usize = 150;

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub index: PathBuf,
    pub files: Vec<PathBuf>,
}

/// A chart, rendered.
pub struct Chart {
    pub name: &'static str,
    pub title: &'static str,
    pub svg: String,
}

/// Draws one chart to SVG (kept for the page) and PNG (written to `dir`).
macro_rules! chart {
    ($dir:expr, $files:expr, $name:expr, $title:expr, |$root:ident| $body:expr) => {{
        let mut svg = String::new();
        {
            let $root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
            $body.map_err(|e| Error::Usage(format!("drawing {}: {e}", $name)))?;
        }
        let svg_path = $dir.join(format!("{}.svg", $name));
        std::fs::write(&svg_path, &svg).map_err(|e| Error::io(&svg_path, e))?;
        // Drawn in memory and written like any other file, so a folder that cannot be
        // written is reported as such, with its path.
        let mut pixels = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
        {
            let $root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
            $body.map_err(|e| Error::Usage(format!("drawing {}: {e}", $name)))?;
        }
        let png = $dir.join(format!("{}.png", $name));
        std::fs::write(&png, encode_png(&pixels)?).map_err(|e| Error::io(&png, e))?;
        $files.push(png);
        $files.push(svg_path);
        Chart {
            name: $name,
            title: $title,
            svg,
        }
    }};
}

/// An RGB picture of the chart size as PNG bytes.
fn encode_png(pixels: &[u8]) -> Result<Vec<u8>> {
    use image::ImageEncoder;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(pixels, WIDTH, HEIGHT, image::ColorType::Rgb8)
        .map_err(|e| Error::Usage(format!("encoding a chart as PNG: {e}")))?;
    Ok(bytes)
}

/// ISO week label, `2026-W07`.
fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Writes the report into `dir` and returns what was written.
pub fn write(workspace: &Workspace, dir: &Path, as_of: NaiveDate) -> Result<Written> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    charts::register_font();
    let data = workspace.graph_data(as_of)?;
    let messages = workspace.owner_messages(as_of)?;
    let m = metrics::metrics(&data, as_of, &messages);
    let graph = crate::graph::build(&data, as_of);
    let adjacency = adjacency(&graph);

    // Target coverage.
    let mut coverage = Vec::new();
    for target in workspace.targets()? {
        let query = Query::Company {
            name: target.name.clone(),
            keys: target.keys(),
        };
        let paths = intro(&graph, &adjacency, &query, 20, 3).unwrap_or_default();
        let warm = paths
            .iter()
            .filter(|p| p.hops.iter().all(|h| h.strength >= WARM_HOP))
            .count();
        coverage.push(Coverage {
            target: target.name.clone(),
            best: paths.first().map(|p| p.probability).unwrap_or(0.0),
            warm_paths: warm,
            cold_paths: paths.len() - warm,
        });
    }

    // Outreach funnel by week.
    let ledger = workspace.ledger_rows()?;
    let outcomes = ["asked", "replied", "introduced", "helped", "thanked"];
    let mut weeks: Vec<String> = Vec::new();
    if let (Some(first), Some(last)) = (ledger.iter().map(|r| r.date).min(), ledger.iter().map(|r| r.date).max()) {
        let mut d = first.max(last - chrono::Duration::weeks(52));
        while d <= last + chrono::Duration::days(6) {
            let w = week(d);
            if weeks.last() != Some(&w) {
                weeks.push(w);
            }
            d += chrono::Duration::days(1);
        }
    }
    let series: Vec<(String, Vec<usize>)> = outcomes
        .iter()
        .map(|o| {
            let mut counts = vec![0usize; weeks.len()];
            for r in ledger.iter().filter(|r| r.outcome.as_deref() == Some(*o)) {
                if let Some(i) = weeks.iter().position(|w| *w == week(r.date)) {
                    counts[i] += 1;
                }
            }
            (o.to_string(), counts)
        })
        .collect();

    // The map: the owner, pooled members, and the warmest ties.
    let mut chosen: Vec<petgraph::graph::NodeIndex> = Vec::new();
    if let Some(owner) = graph.owner {
        chosen.push(owner);
    }
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
    let position: std::collections::HashMap<petgraph::graph::NodeIndex, usize> =
        chosen.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    let mut edges = Vec::new();
    for (k, &i) in chosen.iter().enumerate() {
        for e in graph.graph.edges(i) {
            use petgraph::visit::EdgeRef;
            if e.weight().kind != EdgeKind::Knows {
                continue;
            }
            let other = if e.source() == i { e.target() } else { e.source() };
            if let Some(&j) = position.get(&other) {
                if k < j {
                    edges.push((k, j, e.weight().probability));
                }
            }
        }
    }
    let mut company_counts: std::collections::HashMap<String, (String, usize)> = std::collections::HashMap::new();
    for &i in &chosen {
        if let Node::Person(p) = &graph.graph[i] {
            let key = company_key(&p.company);
            if !key.is_empty() {
                company_counts.entry(key).or_insert((p.company.clone(), 0)).1 += 1;
            }
        }
    }
    let mut groups: Vec<(String, String, usize)> = company_counts.into_iter().map(|(k, (n, c))| (k, n, c)).collect();
    groups.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    groups.truncate(7);
    let points = layout::layout(chosen.len(), &edges, 150);
    let nodes: Vec<MapNode> = chosen
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (name, key, member) = match &graph.graph[i] {
                Node::Person(p) => (p.name.clone(), company_key(&p.company), p.member.is_some()),
                Node::Company(c) => (c.name.clone(), c.key.clone(), false),
            };
            let is_owner = Some(i) == graph.owner;
            MapNode {
                x: points[k].0,
                y: points[k].1,
                group: groups.iter().position(|g| g.0 == key).unwrap_or(7),
                label: if is_owner {
                    Some("you".to_string())
                } else if member || k < 14 {
                    Some(name)
                } else {
                    None
                },
                size: if is_owner {
                    8
                } else if member {
                    6
                } else {
                    4
                },
            }
        })
        .collect();
    let map_edges: Vec<(usize, usize)> = edges.iter().map(|e| (e.0, e.1)).collect();
    let mut legend: Vec<String> = groups.iter().map(|g| g.1.clone()).collect();
    legend.push("other".to_string());

    let mut files = Vec::new();
    let rendered = vec![
        chart!(dir, files, "growth", "Network growth", |root| charts::growth(
            root, &m.growth
        )),
        chart!(dir, files, "warmth", "Warmth against Dunbar's layers", |root| {
            charts::warmth(root, &m.classes)
        }),
        chart!(dir, files, "companies", "Top companies", |root| charts::companies(
            root,
            &m.top_companies
        )),
        chart!(dir, files, "messaging", "Messaging activity", |root| charts::messaging(
            root,
            &m.messages_sent,
            &m.messages_received
        )),
        chart!(dir, files, "targets", "Target coverage", |root| charts::coverage(
            root, &coverage
        )),
        chart!(dir, files, "outreach", "Outreach funnel", |root| charts::funnel(
            root, &weeks, &series
        )),
        chart!(dir, files, "map", "Network map", |root| charts::map(
            root, &nodes, &map_edges, &legend
        )),
    ];
    let owner_name = data
        .members
        .iter()
        .find(|x| x.is_owner)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let page = html::page(&owner_name, as_of, &m, &coverage, &rendered);
    let index = dir.join("index.html");
    std::fs::write(&index, page).map_err(|e| Error::io(&index, e))?;
    files.push(index.clone());
    Ok(Written { index, files })
}

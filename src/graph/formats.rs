//! The graph for other tools: GraphML (Gephi, NetworkX), GEXF (Gephi), DOT (Graphviz), CSV
//! (spreadsheets, DuckDB) and Parquet (DuckDB, Spark). Nodes carry name, URL, company and
//! position (never e-mail); edges carry kind, strength and whether they are inferred.

use std::io::Write;

use petgraph::visit::EdgeRef;
use polars::prelude::*;

use super::{EdgeKind, KithGraph, Node};
use crate::output::defuse;

/// Export formats (the command line offers them by these names, lowercase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(name = "graphml")]
    GraphMl,
    Gexf,
    Dot,
    Csv,
    Parquet,
}

impl Format {
    /// True for formats that are text (and can go to stdout).
    #[must_use]
    pub fn is_text(self) -> bool {
        self != Format::Parquet
    }
}

/// Escapes text for XML content and attributes, dropping characters XML cannot carry.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

struct NodeRow<'a> {
    id: String,
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    company: &'a str,
    position: &'a str,
    member: bool,
}

fn node_row(graph: &KithGraph, index: petgraph::graph::NodeIndex) -> NodeRow<'_> {
    match &graph.graph[index] {
        Node::Person(p) => NodeRow {
            // Hidden card contacts have negative ids; `h1` keeps ids plain for DOT.
            id: if p.id.0 < 0 {
                format!("h{}", -p.id.0)
            } else {
                format!("p{}", p.id)
            },
            kind: "person",
            name: &p.name,
            url: p.url.as_deref().unwrap_or(""),
            company: &p.company,
            position: &p.position,
            member: p.member.is_some(),
        },
        Node::Company(c) => NodeRow {
            id: format!("c{}", index.index()),
            kind: "company",
            name: &c.name,
            url: "",
            company: "",
            position: "",
            member: false,
        },
    }
}

/// Writes the graph in a text format.
pub fn write_text(graph: &KithGraph, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    match format {
        Format::GraphMl => graphml(graph, out),
        Format::Gexf => gexf(graph, out),
        Format::Dot => dot(graph, out),
        Format::Csv => csv_edges(graph, out),
        Format::Parquet => Err(std::io::Error::other("parquet is binary: give --out FILE")),
    }
}

fn graphml(graph: &KithGraph, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for (id, target, name, kind) in [
        ("kind", "node", "kind", "string"),
        ("name", "node", "name", "string"),
        ("url", "node", "url", "string"),
        ("company", "node", "company", "string"),
        ("position", "node", "position", "string"),
        ("member", "node", "member", "boolean"),
        ("ekind", "edge", "kind", "string"),
        ("strength", "edge", "strength", "double"),
        ("inferred", "edge", "inferred", "boolean"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="kith" edgedefault="undirected">"#)?;
    for index in graph.graph.node_indices() {
        let n = node_row(graph, index);
        writeln!(out, r#"    <node id="{}">"#, n.id)?;
        for (key, value) in [
            ("kind", n.kind),
            ("name", n.name),
            ("url", n.url),
            ("company", n.company),
            ("position", n.position),
        ] {
            if !value.is_empty() {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, xml_escape(value))?;
            }
        }
        writeln!(out, r#"      <data key="member">{}</data>"#, n.member)?;
        writeln!(out, "    </node>")?;
    }
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        writeln!(
            out,
            r#"    <edge source="{}" target="{}"><data key="ekind">{}</data><data key="strength">{:.4}</data><data key="inferred">{}</data></edge>"#,
            node_row(graph, edge.source()).id,
            node_row(graph, edge.target()).id,
            e.kind.label(),
            e.probability,
            e.inferred
        )?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

fn gexf(graph: &KithGraph, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(out, r#"  <graph defaultedgetype="undirected" mode="static">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (i, name) in ["kind", "url", "company", "position", "member"].iter().enumerate() {
        let kind = if *name == "member" { "boolean" } else { "string" };
        writeln!(out, r#"      <attribute id="{i}" title="{name}" type="{kind}"/>"#)?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    writeln!(out, r#"      <attribute id="0" title="kind" type="string"/>"#)?;
    writeln!(out, r#"      <attribute id="1" title="inferred" type="boolean"/>"#)?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for index in graph.graph.node_indices() {
        let n = node_row(graph, index);
        writeln!(
            out,
            r#"      <node id="{}" label="{}"><attvalues>"#,
            n.id,
            xml_escape(n.name)
        )?;
        for (i, value) in [n.kind, n.url, n.company, n.position].iter().enumerate() {
            writeln!(out, r#"        <attvalue for="{i}" value="{}"/>"#, xml_escape(value))?;
        }
        writeln!(out, r#"        <attvalue for="4" value="{}"/>"#, n.member)?;
        writeln!(out, "      </attvalues></node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (i, edge) in graph.graph.edge_references().enumerate() {
        let e = edge.weight();
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{:.4}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/></attvalues></edge>"#,
            node_row(graph, edge.source()).id,
            node_row(graph, edge.target()).id,
            e.probability,
            e.kind.label(),
            e.inferred
        )?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn dot(graph: &KithGraph, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "graph kith {{")?;
    writeln!(out, "  node [fontname=\"Helvetica\"];")?;
    for index in graph.graph.node_indices() {
        let n = node_row(graph, index);
        let shape = if n.kind == "company" { "box" } else { "ellipse" };
        writeln!(out, "  {} [label=\"{}\", shape={shape}];", n.id, dot_escape(n.name))?;
    }
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        let style = match (e.kind, e.inferred) {
            (EdgeKind::Knows, false) => "solid",
            (EdgeKind::Knows, true) => "dashed",
            _ => "dotted",
        };
        writeln!(
            out,
            "  {} -- {} [kind=\"{}\", weight={:.4}, style={style}];",
            node_row(graph, edge.source()).id,
            node_row(graph, edge.target()).id,
            e.kind.label(),
            e.probability
        )?;
    }
    writeln!(out, "}}")
}

/// The CSV header of the edge list.
pub(crate) const CSV_HEADER: [&str; 13] = [
    "source_id",
    "source_name",
    "source_url",
    "source_company",
    "source_kind",
    "target_id",
    "target_name",
    "target_url",
    "target_company",
    "target_kind",
    "kind",
    "strength",
    "inferred",
];

fn csv_edges(graph: &KithGraph, out: &mut impl Write) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER).map_err(std::io::Error::other)?;
    for edge in graph.graph.edge_references() {
        let (a, b) = (node_row(graph, edge.source()), node_row(graph, edge.target()));
        let e = edge.weight();
        let strength = format!("{:.4}", e.probability);
        let inferred = e.inferred.to_string();
        let cells = [
            a.id.as_str(),
            a.name,
            a.url,
            a.company,
            a.kind,
            b.id.as_str(),
            b.name,
            b.url,
            b.company,
            b.kind,
            e.kind.label(),
            strength.as_str(),
            inferred.as_str(),
        ];
        writer
            .write_record(cells.iter().map(|c| defuse(c).into_owned()))
            .map_err(std::io::Error::other)?;
    }
    writer.flush()
}

/// Writes the edge list (same columns as CSV) as Parquet.
pub fn write_parquet(graph: &KithGraph, file: std::fs::File) -> PolarsResult<()> {
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); 11];
    let mut strength = Vec::new();
    let mut inferred = Vec::new();
    for edge in graph.graph.edge_references() {
        let (a, b) = (node_row(graph, edge.source()), node_row(graph, edge.target()));
        let e = edge.weight();
        let values = [
            a.id.clone(),
            a.name.to_string(),
            a.url.to_string(),
            a.company.to_string(),
            a.kind.to_string(),
            b.id.clone(),
            b.name.to_string(),
            b.url.to_string(),
            b.company.to_string(),
            b.kind.to_string(),
            e.kind.label().to_string(),
        ];
        for (column, value) in columns.iter_mut().zip(values) {
            column.push(value);
        }
        strength.push(e.probability);
        inferred.push(e.inferred);
    }
    let mut frame_columns: Vec<Column> = CSV_HEADER[..11]
        .iter()
        .zip(columns)
        .map(|(name, values)| Column::new((*name).into(), values))
        .collect();
    frame_columns.push(Column::new("strength".into(), strength));
    frame_columns.push(Column::new("inferred".into(), inferred));
    let mut frame = DataFrame::new(frame_columns)?;
    ParquetWriter::new(file).finish(&mut frame)?;
    Ok(())
}

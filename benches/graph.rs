//! The job-club scale of DESIGN.md: a synthetic pool of 200 members with 2,500 connections
//! each (overlapping contacts). Measures loading the graph from the workspace and one intro
//! query after load.
//!
//! `cargo bench --bench graph` (`KITH_BENCH_MEMBERS` / `KITH_BENCH_POOL_CONNECTIONS` scale it
//! down). The pool and its workspace are cached under `/tmp/kith-bench` between runs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use kith::graph::intro::{adjacency, intro, Query};
use kith::linkedin::{self, Limits};
use kith::resolve::company_key;
use kith::store::import::{import, ImportOptions, NoProgress};
use kith::store::Workspace;
use kith::synth::{generate, Era, SynthOptions};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Builds (once) the pool's workspace and returns its path.
fn pool_workspace() -> PathBuf {
    let members = env_usize("KITH_BENCH_MEMBERS", 200);
    let connections = env_usize("KITH_BENCH_POOL_CONNECTIONS", 2_500);
    let root = PathBuf::from(format!("/tmp/kith-bench/pool-{members}x{connections}"));
    let db = root.join("kith.db");
    if db.exists() {
        return db;
    }
    let exports = root.join("exports");
    let options = SynthOptions {
        connections,
        messages: 1_000,
        members,
        era: Era::Y2026,
        seed: 11,
    };
    let written = generate(&exports, &options).expect("synth pool");
    let partial = root.join("kith.db.partial");
    let _ = std::fs::remove_file(&partial);
    let mut workspace = Workspace::open(&partial).expect("workspace");
    for (index, (dir, name)) in written.iter().enumerate() {
        let source = linkedin::load(std::slice::from_ref(dir), Limits::default()).expect("load");
        let member = (index > 0).then(|| name.clone());
        import(
            &mut workspace,
            &source,
            &ImportOptions {
                member,
                ..ImportOptions::default()
            },
            &NoProgress,
        )
        .expect("import");
    }
    drop(workspace);
    std::fs::rename(&partial, &db).expect("rename");
    db
}

fn busiest_company(db: &Path) -> String {
    let connection = rusqlite::Connection::open(db).expect("open");
    connection
        .query_row(
            "SELECT company FROM people WHERE company != '' GROUP BY company ORDER BY COUNT(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a company")
}

fn bench_graph(c: &mut Criterion) {
    let db = pool_workspace();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
    let workspace = Workspace::open(&db).expect("workspace");
    let company = busiest_company(&db);
    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    group.bench_function("load graph (200 members x 2,500 connections)", |b| {
        b.iter(|| {
            let graph = kith::graph::build(&workspace.graph_data(as_of).expect("graph data"), as_of);
            let adjacency = adjacency(&graph);
            assert!(adjacency.len() > 100_000);
        });
    });
    let graph = kith::graph::build(&workspace.graph_data(as_of).expect("graph data"), as_of);
    let adjacency = adjacency(&graph);
    let query = Query::Company {
        name: company.clone(),
        keys: vec![company_key(&company)],
    };
    group.bench_function("intro query after load (top 10, 3 hops)", |b| {
        b.iter(|| {
            let paths = intro(&graph, &adjacency, &query, 10, 3).expect("paths");
            assert_eq!(paths.len(), 10);
        });
    });
    group.finish();
}

criterion_group!(benches, bench_graph);
criterion_main!(benches);

//! Import at the "heavy user" scale of DESIGN.md: a synthetic export of 30,000 connections
//! and 1,000,000 messages, imported into a fresh workspace; and, as the floor to compare
//! against, a bare polars `read_csv` of the same messages file.
//!
//! `cargo bench --bench import` (set `KITH_BENCH_MESSAGES` for a smaller run).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use kith::linkedin::{self, Limits};
use kith::store::import::{import, ImportOptions, NoProgress};
use kith::store::Workspace;
use kith::synth::{generate, Era, SynthOptions};
use polars::prelude::*;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn fixture(dir: &Path) {
    let options = SynthOptions {
        connections: env_usize("KITH_BENCH_CONNECTIONS", 30_000),
        messages: env_usize("KITH_BENCH_MESSAGES", 1_000_000),
        members: 1,
        era: Era::Y2026,
        seed: 42,
    };
    generate(dir, &options).expect("writing the synthetic export");
}

fn bench_import(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("temporary directory");
    fixture(data.path());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(20));

    group.bench_function("polars read_csv messages.csv (floor)", |b| {
        let path = data.path().join("messages.csv");
        b.iter(|| {
            let frame = CsvReadOptions::default()
                .with_has_header(true)
                .try_into_reader_with_file_path(Some(path.clone()))
                .expect("reader")
                .finish()
                .expect("read_csv");
            assert!(frame.height() > 0);
        });
    });

    group.measurement_time(std::time::Duration::from_secs(60));
    group.bench_function("kith import 30k connections + 1M messages", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().expect("temporary directory"),
            |scratch| {
                let source = linkedin::load(&[data.path().to_path_buf()], Limits::default()).expect("load");
                let mut workspace = Workspace::open(&scratch.path().join("kith.db")).expect("workspace");
                let summary = import(&mut workspace, &source, &ImportOptions::default(), &NoProgress).expect("import");
                assert!(summary.new_people > 0);
            },
        );
    });
    group.finish();

    // The report on the same export, imported once.
    let scratch = tempfile::tempdir().expect("temporary directory");
    let source = linkedin::load(&[data.path().to_path_buf()], Limits::default()).expect("load");
    let mut workspace = Workspace::open(&scratch.path().join("kith.db")).expect("workspace");
    import(&mut workspace, &source, &ImportOptions::default(), &NoProgress).expect("import");
    workspace.add_target("Acme Robotics", &[]).expect("target");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("kith report 30k connections + 1M messages", |b| {
        b.iter(|| {
            let written = kith::report::write(&workspace, &scratch.path().join("report"), as_of).expect("report");
            assert_eq!(written.files.len(), 15);
        });
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);

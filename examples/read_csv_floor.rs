//! polars' `read_csv` of one file, timed: the floor `benches/import_peak.sh` measures kith's
//! import against (a columnar engine merely reading the message history).
//!
//! `cargo run --release --example read_csv_floor -- messages.csv`

use std::time::Instant;

use polars::prelude::*;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_csv_floor FILE.csv");
        std::process::exit(2);
    };
    let start = Instant::now();
    let frame = CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(path.clone().into()))
        .and_then(polars::prelude::SerReader::finish);
    match frame {
        Ok(frame) => println!(
            "{path}: {} rows, {} columns in {:.3} s",
            frame.height(),
            frame.width(),
            start.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(2);
        }
    }
}

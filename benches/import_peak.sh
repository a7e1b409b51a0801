#!/usr/bin/env bash
# Whole-binary import at the "heavy user" scale, with wall time and peak memory (max RSS),
# side by side with polars' read_csv of the same messages.csv (the floor: a columnar engine
# merely reading the file), run alternately in the same script run.
# Usage: benches/import_peak.sh [connections] [messages] [runs]
# Writes the synthetic export once under ${KITH_BENCH_DIR:-/tmp/kith-bench}; reuses it after.
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-30000}"
messages="${2:-1000000}"
runs="${3:-3}"
dir="${KITH_BENCH_DIR:-/tmp/kith-bench}/c${connections}-m${messages}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kith-target}"
cargo build --release --quiet --bin kith --example read_csv_floor
kith="$CARGO_TARGET_DIR/release/kith"
floor="$CARGO_TARGET_DIR/release/examples/read_csv_floor"
if [ ! -f "$dir/messages.csv" ]; then
    "$kith" -q synth --out "$dir" --connections "$connections" --messages "$messages" --seed 42
fi
echo "export: $dir ($(du -sh "$dir" | cut -f1), messages.csv $(du -h "$dir/messages.csv" | cut -f1))"
timing=$(mktemp)
for run in $(seq "$runs"); do
    /usr/bin/time -o "$timing" -f "%e %M" "$floor" "$dir/messages.csv" >/dev/null
    read -r floor_wall floor_rss <"$timing"
    db="$(mktemp -d)/kith.db"
    /usr/bin/time -o "$timing" -f "%e %M" "$kith" -q --db "$db" import "$dir"
    read -r kith_wall kith_rss <"$timing"
    rm -rf "$(dirname "$db")"
    awk -v r="$run" -v fw="$floor_wall" -v fr="$floor_rss" -v kw="$kith_wall" -v kr="$kith_rss" 'BEGIN {
        printf "run %s: kith import %.2f s wall, %d MiB max RSS | polars read_csv %.2f s, %d MiB | ratio %.1fx\n",
            r, kw, kr / 1024, fw, fr / 1024, kw / fw }'
done
rm -f "$timing"

#!/usr/bin/env bash
# Whole-binary import at the "heavy user" scale, with wall time and peak memory (max RSS).
# Usage: benches/import_peak.sh [connections] [messages]
# Writes the synthetic export once under ${KITH_BENCH_DIR:-/tmp/kith-bench}; reuses it after.
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-30000}"
messages="${2:-1000000}"
dir="${KITH_BENCH_DIR:-/tmp/kith-bench}/c${connections}-m${messages}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kith-target}"
cargo build --release --quiet
kith="$CARGO_TARGET_DIR/release/kith"
if [ ! -f "$dir/messages.csv" ]; then
    "$kith" -q synth --out "$dir" --connections "$connections" --messages "$messages" --seed 42
fi
echo "export: $dir ($(du -sh "$dir" | cut -f1), messages.csv $(du -h "$dir/messages.csv" | cut -f1))"
for run in 1 2 3; do
    db="$(mktemp -d)/kith.db"
    /usr/bin/time -f "run $run: %e s wall, %M KiB max RSS" "$kith" -q --db "$db" import "$dir"
    rm -rf "$(dirname "$db")"
done

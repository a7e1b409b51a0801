#!/usr/bin/env bash
# kith intro vs NetworkX on the same graph (the pool built by `cargo bench --bench graph`).
# Usage: benches/peers/run.sh [workspace.db]
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-/tmp/kith-bench/pool-200x2500/kith.db}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kith-target}"
cargo build --release --quiet
kith="$CARGO_TARGET_DIR/release/kith"
as_of=2026-11-15
company="$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"SELECT company FROM people WHERE company != '' GROUP BY company ORDER BY COUNT(*) DESC LIMIT 1\").fetchone()[0])" "$db")"
owner="p$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT person_id FROM members WHERE is_owner = 1').fetchone()[0])" "$db")"
edges="$(mktemp -d)/edges.csv"
"$kith" -q --db "$db" export --to csv --out "$edges" --as-of "$as_of"
echo "company: $company; owner: $owner; edges: $(wc -l < "$edges") rows"
echo "--- kith (load from SQLite + query), 3 runs"
for run in 1 2 3; do
    /usr/bin/time -f "    wall %e s, max RSS %M KiB" "$kith" -vv --db "$db" intro --company "$company" --as-of "$as_of" --format json > /dev/null
done
echo "--- networkx (load from CSV + query)"
python3 benches/peers/networkx_intro.py "$edges" "$owner" "$company"

#!/usr/bin/env bash
# Benchmark: the partner-rank and share family (China and the United States among each reporter's
# partners, 1960–2020) with galeon and with an equivalent DuckDB SQL script (PyPI duckdb) over the
# same Parquet files, in one run. Also times the whole indicator panel. Prints both times and the ratio.
# Usage: bench/partner_rank.sh [SOURCES_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES=$(realpath "${1:-../shared/data}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet duckdb
"$WORK/venv/bin/python" -c 'import duckdb; print("duckdb", duckdb.__version__)'
# GALEON_BIN: an already built release binary (skips the build).
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --target-dir target/bench
fi
GALEON=${GALEON_BIN:-target/bench/release/galeon}
"$GALEON" build --sources "$SOURCES" --store "$WORK/store" --quiet > /dev/null

FAMILY=china_partner_rank,china_partner_share,us_partner_rank,us_partner_share
best() { sort -n | head -1; }
for run in 1 2 3; do
  TIMEIT_OUT="$WORK/galeon.txt" python3 bench/timeit.py "$GALEON" indicators build --store "$WORK/store" --only "$FAMILY" --no-write | cut -d' ' -f1
done | best > "$WORK/g"
for run in 1 2 3; do
  "$WORK/venv/bin/python" bench/partner_rank_duckdb.py "$WORK/store" > "$WORK/duck.txt"
  awk '/seconds/ {print $3}' "$WORK/duck.txt"
done | best > "$WORK/d"
grep -E "partner_(rank|share)" "$WORK/galeon.txt" | tr -d '│┆' | awk '{print "galeon", $1, $2}'
grep -v seconds "$WORK/duck.txt"
panel=$(TIMEIT_OUT="$WORK/panel.txt" python3 bench/timeit.py "$GALEON" indicators build --store "$WORK/store" | cut -d' ' -f1)
tail -1 "$WORK/panel.txt"
python3 - "$(cat "$WORK/g")" "$(cat "$WORK/d")" "$panel" <<'PY'
import sys
g, d, panel = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"partner-rank family (4 indicators), best of 3: galeon {g:.2f} s (whole process: start, read the Parquet, compute), duckdb {d:.2f} s (queries only, after connecting)")
print(f"ratio duckdb/galeon = {d/g:.2f} (target: >= 1, galeon no slower than DuckDB)")
print(f"whole indicator panel: {panel:.2f} s (target: under 10 s)")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

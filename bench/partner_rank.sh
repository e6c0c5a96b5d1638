#!/usr/bin/env bash
# Benchmark: the partner-rank and share family (China's and the United States' rank and share
# among each reporter's partners, every reporter and year of IMF DOTS) with galeon and with DuckDB
# (PyPI duckdb) over the same Parquet files and the same SQL: the DuckDB script runs the statements
# `galeon indicators sql` prints. Times each engine two ways, best of three runs each:
#   in-process: from registering the store's Parquet files to the last value (each engine's timer);
#   whole process: start to exit (galeon's binary; python + import duckdb + the same script).
# Also times the whole indicator panel. Prints the times and the ratios.
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
"$GALEON" build --sources "$SOURCES" --store "$WORK/store" --quiet --no-indicators > /dev/null

FAMILY="china_partner_rank china_partner_share us_partner_rank us_partner_share"
"$GALEON" indicators sql $FAMILY > "$WORK/family.sql"
best() { sort -n | head -1; }
for run in 1 2 3; do
  TIMEIT_OUT="$WORK/galeon.txt" python3 bench/timeit.py "$GALEON" indicators build --store "$WORK/store" \
    --only "${FAMILY// /,}" --no-write | cut -d' ' -f1 >> "$WORK/g_process"
  sed -n 's/.* indicators in \([0-9.]*\) s .*/\1/p' "$WORK/galeon.txt" >> "$WORK/g_inproc"
  TIMEIT_OUT="$WORK/duck.txt" python3 bench/timeit.py "$WORK/venv/bin/python" bench/partner_rank_duckdb.py \
    "$WORK/store" "$WORK/family.sql" | cut -d' ' -f1 >> "$WORK/d_process"
  awk '/seconds/ {print $3}' "$WORK/duck.txt" >> "$WORK/d_inproc"
done
grep -E "partner_(rank|share)|read once" "$WORK/galeon.txt" | tr -d '│┆' | awk '{print "galeon", $0}'
grep -v seconds "$WORK/duck.txt"
panel=$(TIMEIT_OUT="$WORK/panel.txt" python3 bench/timeit.py "$GALEON" indicators build --store "$WORK/store" | cut -d' ' -f1)
tail -1 "$WORK/panel.txt"
python3 - "$(best < "$WORK/g_inproc")" "$(best < "$WORK/d_inproc")" "$(best < "$WORK/g_process")" "$(best < "$WORK/d_process")" "$panel" <<'PY'
import sys
gi, di, gp, dp, panel = map(float, sys.argv[1:])
print(f"partner-rank family (4 indicators, same SQL), best of 3:")
print(f"  in-process (register the Parquet files .. last value): galeon {gi:.2f} s, duckdb {di:.2f} s, ratio duckdb/galeon = {di/gi:.2f}")
print(f"  whole process (start .. exit):                         galeon {gp:.2f} s, duckdb {dp:.2f} s, ratio duckdb/galeon = {dp/gp:.2f}")
print(f"  target: ratio >= 1 (galeon no slower than DuckDB)")
print(f"whole indicator panel: {panel:.2f} s (target: under 10 s)")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

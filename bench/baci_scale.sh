#!/usr/bin/env bash
# Benchmark: galeon's ingest throughput and peak memory on BACI-shaped files at realistic scale
# (10 M rows a year by default), for 1, 3 and 10 years, against the named peer: DuckDB reading the
# same files, joining the country codes and writing Parquet (bench/baci_duckdb.py). Prints the
# ratio DuckDB time / galeon time (above 1: galeon is faster). BACI itself is not bundled; the files are
# generated in its published layout (t,i,j,k,v,q; country_codes_V*.csv; product_codes_HS92_V*.csv).
# Each tool runs RUNS times (default 3), alternating, and the median run of each counts: the
# machine is shared and single runs vary by ±15 %.
# Usage: bench/baci_scale.sh [ROWS_PER_YEAR] [YEARS...]   (default 10000000 and 1 3 10)
# Needs: python3 with duckdb (pip install duckdb).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
shift || true
YEAR_COUNTS=${*:-1 3 10}
RUNS=${RUNS:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# GALEON_BIN: an already built release binary (skips the build).
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --target-dir target/bench
fi
GALEON=${GALEON_BIN:-target/bench/release/galeon}

echo "== generating one year of $ROWS rows (seeded), then the other years from it"
"$GALEON" countries --format csv > "$WORK/countries.csv"
python3 bench/baci_generate.py "$WORK/countries.csv" "$ROWS" "$WORK/template"

for YEARS in $YEAR_COUNTS; do
  SRC="$WORK/sources-$YEARS/trade/cepii-baci"
  mkdir -p "$SRC"
  cp "$WORK/template/country_codes_V202401b.csv" "$WORK/template/product_codes_HS92_V202401b.csv" "$SRC/"
  for ((y = 0; y < YEARS; y++)); do
    year=$((2000 + y))
    sed "s/^2000,/$year,/" "$WORK/template/BACI_HS92_Y2000_V202401b.csv" > "$SRC/BACI_HS92_Y${year}_V202401b.csv"
  done
  bytes=$(du -sb "$SRC" | cut -f1)
  : > "$WORK/runs"
  for ((r = 0; r < RUNS; r++)); do
    # Assignments, so that a failed run stops the script (set -e) instead of timing a failure.
    g=$(TIMEIT_OUT="$WORK/out" python3 bench/timeit.py "$GALEON" build --sources "$WORK/sources-$YEARS" --store "$WORK/store-$YEARS" --force --quiet --no-indicators)
    d=$(TIMEIT_OUT="$WORK/dout" python3 bench/timeit.py python3 bench/baci_duckdb.py "$SRC" "$WORK/duckdb-$YEARS.parquet")
    printf 'galeon %s\nduckdb %s\n' "$g" "$d" >> "$WORK/runs"
  done
  python3 - "$YEARS" "$ROWS" "$bytes" "$WORK/runs" <<'PY'
import statistics, sys
years, rows, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
runs = {"galeon": [], "duckdb": []}
for line in open(sys.argv[4]):
    tool, secs, kb = line.split()
    runs[tool].append((float(secs), int(kb)))
def median(tool):
    return statistics.median(s for s, _ in runs[tool]), max(k for _, k in runs[tool])
secs, kb = median("galeon")
dsecs, dkb = median("duckdb")
total = years * rows
spread = lambda tool: "/".join(f"{s:.1f}" for s, _ in runs[tool])
print(f"{years:2d} year(s): {total/1e6:6.0f} M rows, {size/2**30:5.2f} GiB CSV | galeon {secs:7.1f} s = {total/secs/1e6:5.2f} M rows/s, peak {kb/1024:6.0f} MiB | DuckDB {dsecs:7.1f} s, peak {dkb/1024:6.0f} MiB | DuckDB/galeon time {dsecs/secs:4.2f}")
print(f"          runs (s): galeon {spread('galeon')}; DuckDB {spread('duckdb')}")
PY
  rm -f "$WORK/duckdb-$YEARS.parquet"
  rm -rf "$WORK/sources-$YEARS" "$WORK/store-$YEARS"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

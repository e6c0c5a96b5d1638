#!/usr/bin/env bash
# Benchmark: the embedded engine against a local Apache Ballista cluster (one scheduler, two
# executors, three processes, started by scripts/cluster.sh) on generated files in the publishers'
# layouts, in one store:
#   - BACI-shaped trade (bench/baci_generate.py): one aggregation, every exporter's trade by HS
#     chapter and year;
#   - GDELT-shaped event exports (the gdelt_generate example, zipped 15-minute files): the two event
#     indicators' own SQL (crates/indicators/sql/gdelt_*.sql), checked against the generator's
#     tallies as well.
# Same SQL on both engines, alternating runs; prints for each query each engine's median time, the
# client's peak memory, the ratio embedded/cluster time (above 1: the cluster is faster) and
# whether both answers have the same rows; then each cluster process's peak memory.
# Usage: bench/cluster.sh [ROWS_PER_YEAR] [YEARS] [GDELT_EVENTS]   (default 10000000, 3: 30 M rows;
#   20000000 events). GDELT_EVENTS=0 or ROWS_PER_YEAR=0 leaves that source out.
# Needs: python3, a galeon built with --features ballista (built here into target/bench unless
# GALEON_BIN names one).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
YEARS=${2:-3}
EVENTS=${3:-20000000}
RUNS=${RUNS:-3}
PORT=${PORT:-50150}
WORK=$(mktemp -d)
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --features ballista --target-dir target/bench
fi
GALEON=$(realpath "${GALEON_BIN:-target/bench/release/galeon}")
cluster() { GALEON=$GALEON CLUSTER_DIR=$WORK/cluster PORT=$PORT scripts/cluster.sh "$@"; }
trap 'cluster down > /dev/null; rm -rf "$WORK"' EXIT

"$GALEON" countries --format csv > "$WORK/countries.csv"
mkdir -p "$WORK/sources"
if [ "$ROWS" -gt 0 ]; then
  echo "== generating $YEARS year(s) of $ROWS rows in BACI's layout"
  python3 bench/baci_generate.py "$WORK/countries.csv" "$ROWS" "$WORK/template"
  SRC="$WORK/sources/trade/cepii-baci"
  mkdir -p "$SRC"
  cp "$WORK/template/country_codes_V202401b.csv" "$WORK/template/product_codes_HS92_V202401b.csv" "$SRC/"
  for ((y = 0; y < YEARS; y++)); do
    sed "s/^2000,/$((2000 + y)),/" "$WORK/template/BACI_HS92_Y2000_V202401b.csv" > "$SRC/BACI_HS92_Y$((2000 + y))_V202401b.csv"
  done
  rm -rf "$WORK/template"
fi
if [ "$EVENTS" -gt 0 ]; then
  echo "== generating $EVENTS events in GDELT 2.0's export layout"
  cargo build --release --quiet -p galeon-testkit --example gdelt_generate --target-dir target/bench
  target/bench/release/examples/gdelt_generate "$EVENTS" "$WORK/sources/events/gdelt-events" > "$WORK/tally.json"
fi
echo "== the store"
python3 bench/timeit.py "$GALEON" build --sources "$WORK/sources" --store "$WORK/store" --quiet --no-indicators \
  | awk '{printf "build: %.1f s, peak %.0f MiB\n", $1, $2 / 1024}'
for table in trade_by_product gdelt_events; do
  "$GALEON" sql "SELECT count(*) AS n FROM $table" --store "$WORK/store" --format csv | tail -1 | sed "s/^/rows in $table: /"
done

echo "== the cluster"
cluster up | tail -1

# NAME SQL: both engines, RUNS times alternating; the answers kept as NAME-local.csv, NAME-ballista.csv.
measure() {
  : > "$WORK/$1.runs"
  for ((r = 0; r < RUNS; r++)); do
    for engine in local "ballista://127.0.0.1:$PORT"; do
      t=$(TIMEIT_OUT="$WORK/$1-${engine%%:*}.csv" python3 bench/timeit.py "$GALEON" --engine "$engine" sql "$2" \
        --store "$WORK/store" --format csv --max-rows 10000000 --timeout 7200)
      echo "${engine%%:*} $t" >> "$WORK/$1.runs"
    done
  done
  python3 bench/cluster_compare.py "$1" "$WORK/$1.runs" "$WORK/$1-local.csv" "$WORK/$1-ballista.csv"
}
status=0
if [ "$ROWS" -gt 0 ]; then
  measure baci "SELECT year, reporter, substr(product, 1, 2) AS chapter, sum(value_usd) AS value_usd, count(*) AS flows FROM trade_by_product GROUP BY year, reporter, substr(product, 1, 2) ORDER BY year, reporter, chapter" || status=1
fi
if [ "$EVENTS" -gt 0 ]; then
  for id in gdelt_event_count gdelt_cooperative_share; do
    measure "$id" "$(cat "crates/indicators/sql/$id.sql")" || status=1
  done
  python3 bench/cluster_compare.py --tally "$WORK/tally.json" "$WORK/gdelt_event_count-local.csv" "$WORK/gdelt_cooperative_share-local.csv" || status=1
fi
for p in scheduler executor-1 executor-2; do
  printf '%s peak %.0f MiB; ' "$p" "$(awk '/VmHWM/ {print $2 / 1024}' "/proc/$(cat "$WORK/cluster/$p.pid")/status")"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
exit $status

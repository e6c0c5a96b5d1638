#!/usr/bin/env bash
# Benchmark: one BACI aggregation — every exporter's trade by HS chapter and year — on the embedded
# engine and on a local Apache Ballista cluster (one scheduler, two executors, three processes,
# started by scripts/cluster.sh), on BACI-shaped files at scale (bench/baci_generate.py, the
# published layout). Same store, same SQL, alternating runs; prints each engine's median time, the
# client's peak memory, each cluster process's peak memory, the ratio embedded/cluster time (above
# 1: the cluster is faster), and whether both answers have the same rows.
# Usage: bench/cluster.sh [ROWS_PER_YEAR] [YEARS]   (default 10000000 and 3: 30 M rows)
# Needs: python3 (the generator), a galeon built with --features ballista (built here into
# target/bench unless GALEON_BIN names one).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
YEARS=${2:-3}
RUNS=${RUNS:-3}
PORT=${PORT:-50150}
WORK=$(mktemp -d)
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --features ballista --target-dir target/bench
fi
GALEON=$(realpath "${GALEON_BIN:-target/bench/release/galeon}")
cluster() { GALEON=$GALEON CLUSTER_DIR=$WORK/cluster PORT=$PORT scripts/cluster.sh "$@"; }
trap 'cluster down > /dev/null; rm -rf "$WORK"' EXIT

echo "== generating $YEARS year(s) of $ROWS rows in BACI's layout, then the store"
"$GALEON" countries --format csv > "$WORK/countries.csv"
python3 bench/baci_generate.py "$WORK/countries.csv" "$ROWS" "$WORK/template"
SRC="$WORK/sources/trade/cepii-baci"
mkdir -p "$SRC"
cp "$WORK/template/country_codes_V202401b.csv" "$WORK/template/product_codes_HS92_V202401b.csv" "$SRC/"
for ((y = 0; y < YEARS; y++)); do
  sed "s/^2000,/$((2000 + y)),/" "$WORK/template/BACI_HS92_Y2000_V202401b.csv" > "$SRC/BACI_HS92_Y$((2000 + y))_V202401b.csv"
done
"$GALEON" build --sources "$WORK/sources" --store "$WORK/store" --quiet --no-indicators
"$GALEON" sql "SELECT count(*) AS rows FROM trade_by_product" --store "$WORK/store" --format csv | tail -1 | sed 's/^/rows in trade_by_product: /'

echo "== the cluster"
cluster up | tail -1

SQL="SELECT year, reporter, substr(product, 1, 2) AS chapter, sum(value_usd) AS value_usd, count(*) AS flows FROM trade_by_product GROUP BY year, reporter, substr(product, 1, 2) ORDER BY year, reporter, chapter"
: > "$WORK/runs"
for ((r = 0; r < RUNS; r++)); do
  for engine in local "ballista://127.0.0.1:$PORT"; do
    t=$(TIMEIT_OUT="$WORK/answer-${engine%%:*}.csv" python3 bench/timeit.py "$GALEON" --engine "$engine" sql "$SQL" \
      --store "$WORK/store" --format csv --max-rows 10000000 --timeout 7200)
    echo "${engine%%:*} $t" >> "$WORK/runs"
  done
done
peaks=""
for p in scheduler executor-1 executor-2; do
  peaks="$peaks $p $(awk '/VmHWM/ {print $2}' "/proc/$(cat "$WORK/cluster/$p.pid")/status")"
done
python3 - "$WORK/runs" "$WORK/answer-local.csv" "$WORK/answer-ballista.csv" $peaks << 'PY'
import csv, statistics, sys
runs = {"local": [], "ballista": []}
for line in open(sys.argv[1]):
    engine, secs, kib = line.split()
    runs[engine].append((float(secs), int(kib)))
med = {e: statistics.median(s for s, _ in r) for e, r in runs.items()}
peak = {e: max(k for _, k in r) / 1024 for e, r in runs.items()}
procs = sys.argv[4:]
cluster = ", ".join(f"{procs[i]} {int(procs[i + 1]) / 1024:.0f} MiB" for i in range(0, len(procs), 2))
def answer(path):
    rows = list(csv.reader(open(path)))
    return {tuple(r[:3]): (float(r[3]), int(r[4])) for r in rows[1:]}
a, b = answer(sys.argv[2]), answer(sys.argv[3])
same = a.keys() == b.keys() and all(
    a[k][1] == b[k][1] and abs(a[k][0] - b[k][0]) <= 1e-9 * max(abs(a[k][0]), 1.0) for k in a)
print(f"embedded: median {med['local']:.1f} s (runs {'/'.join(f'{s:.1f}' for s, _ in runs['local'])}), peak {peak['local']:.0f} MiB")
print(f"cluster:  median {med['ballista']:.1f} s (runs {'/'.join(f'{s:.1f}' for s, _ in runs['ballista'])}), client peak {peak['ballista']:.0f} MiB; {cluster}")
print(f"embedded/cluster time: {med['local'] / med['ballista']:.2f}; answers: {len(a)} rows each, {'the same' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
PY

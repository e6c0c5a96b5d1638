#!/usr/bin/env bash
# Benchmark: the index's uncertainty and sensitivity analysis (N = 2,048 base samples, a Saltelli
# design of N·(k+2) runs, k = 5) with galeon and with a numpy + SALib reference implementing the same
# default normalisation and aggregation (bench/index_ua_reference.py), on the same inputs and the same
# design, in one run. Prints both times, the ratio and how far the two agree.
# Usage: bench/index_ua.sh [SOURCES_DIR]   (default ../shared/data; N=... to change the base samples)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES=$(realpath "${1:-../shared/data}")
N=${N:-2048}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet numpy scipy SALib
"$WORK/venv/bin/pip" show numpy SALib | awk '/^(Name|Version)/ {printf "%s ", $2} END {print ""}'
# GALEON_BIN: an already built release binary (skips the build).
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --target-dir target/bench
fi
GALEON=${GALEON_BIN:-target/bench/release/galeon}
"$GALEON" build --sources "$SOURCES" --store "$WORK/store" --quiet --no-indicators > /dev/null
# The index's inputs (scored country-years, raw values, weight sets), shared by both.
"$GALEON" index build --store "$WORK/store" --export "$WORK/inputs" --format csv > /dev/null 2>&1
# The reference draws the design with SALib, evaluates it and writes it for galeon.
"$WORK/venv/bin/python" bench/index_ua_reference.py "$WORK/inputs" data/index/default.toml "$N" "$WORK/design.csv" "$WORK/ref.json"
# galeon evaluates the same design (analysis time as galeon reports it: runs, intervals, Sobol).
"$GALEON" index build --store "$WORK/store" --design "$WORK/design.csv" --format json > "$WORK/galeon.json" 2> "$WORK/galeon.err"
grep -o 'done in [0-9.]* s' "$WORK/galeon.err" | awk '{print $3}' > "$WORK/g"
# …and again rebuilding every step in every run, as the reference does (like for like).
"$GALEON" index build --store "$WORK/store" --design "$WORK/design.csv" --recompute --format json > "$WORK/galeon-re.json" 2> "$WORK/galeon-re.err"
grep -o 'done in [0-9.]* s' "$WORK/galeon-re.err" | awk '{print $3}' > "$WORK/gre"
cmp <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["scores"]), json.dumps(d["uncertainty"]))' "$WORK/galeon.json") \
    <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["scores"]), json.dumps(d["uncertainty"]))' "$WORK/galeon-re.json") \
  && echo "galeon with and without reuse of the normalised tables: identical results"
# galeon with its own seeded design, for the record.
"$GALEON" index build --store "$WORK/store" --uncertainty "$N" --format csv > /dev/null 2> "$WORK/own.err"
grep -o 'done in [0-9.]* s' "$WORK/own.err" | awk '{print $3}' > "$WORK/own"
"$WORK/venv/bin/python" - "$WORK/ref.json" "$WORK/galeon.json" "$(cat "$WORK/g")" "$(cat "$WORK/own")" "$(cat "$WORK/gre")" <<'PY'
import json, sys
from scipy.stats import spearmanr
ref = json.load(open(sys.argv[1])); gal = json.load(open(sys.argv[2]))
g, own, gre = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
mine = {(s["year"], s["country"]): s for s in gal["scores"]}
pairs = [(r, mine[(r["year"], r["country"])]) for r in ref["intervals"]]
same_nominal = sum(r["nominal"] == m["rank"] for r, m in pairs) / len(pairs)
same_interval = sum(r["p05"] == m["rank_p05"] and r["p95"] == m["rank_p95"] for r, m in pairs) / len(pairs)
same_median = sum(r["median"] == m["median_rank"] for r, m in pairs) / len(pairs)
rho = spearmanr([r["median"] for r, _ in pairs], [m["median_rank"] for _, m in pairs]).statistic
print(f"runs: {ref['runs']} ({len(pairs)} country-years)")
print(f"reference (numpy + SALib): {ref['seconds']:.2f} s; galeon: {g:.3f} s on the same design ({own:.3f} s with its own design)")
print(f"ratio reference/galeon = {ref['seconds']/g:.1f} (target: >= 50)")
print(f"like for like (galeon --recompute, every step in every run): {gre:.2f} s, ratio {ref['seconds']/gre:.1f}")
print(f"agreement: nominal ranks identical {same_nominal:.1%}; rank intervals [p05, p95] identical {same_interval:.1%}; "
      f"median ranks identical {same_median:.1%}; Spearman rho of median ranks {rho:.4f}")
for a, b in zip(ref["sensitivity"], gal["uncertainty"]["sensitivity"]):
    print(f"  {a['factor']:<18} S1 ref {a['s1']:+.4f} galeon {b['s1']:+.4f}   ST ref {a['st']:+.4f} galeon {b['st']:+.4f}")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

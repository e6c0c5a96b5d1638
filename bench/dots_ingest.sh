#!/usr/bin/env bash
# Benchmark: ingest all 235 IMF DOTS workbooks with galeon and with pandas + openpyxl (the peer),
# on the same machine in one run. Prints wall time, peak memory (max RSS) and the ratio.
# Usage: bench/dots_ingest.sh [SOURCES_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES=$(realpath "${1:-../shared/data}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== peer: pandas + openpyxl from PyPI (in a throwaway virtualenv)"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet pandas openpyxl
"$WORK/venv/bin/python" -c 'import pandas, openpyxl; print("pandas", pandas.__version__, "openpyxl", openpyxl.__version__)'

echo "== galeon (release build)"
# GALEON_BIN: an already built release binary (skips the build).
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --target-dir target/bench
fi
GALEON=${GALEON_BIN:-target/bench/release/galeon}

# A sources folder holding only DOTS, so both read exactly the same 235 files.
mkdir -p "$WORK/sources/trade"
ln -s "$SOURCES/trade/imf-dots" "$WORK/sources/trade/imf-dots"

measure() { # label, command...: prints "label seconds max_rss_kb"
  local label=$1; shift
  local result
  result=$(TIMEIT_OUT="$WORK/out" python3 bench/timeit.py "$@") || { cat "$WORK/out"; exit 1; }
  echo "$label $result"
}

# Best of three runs each (the same rule for both).
best() { sort -k2 -n | head -1; }
g=$(for run in 1 2 3; do measure galeon "$GALEON" build --sources "$WORK/sources" --store "$WORK/store" --force --quiet --no-indicators; done | best)
grep "rows read" "$WORK/out" || true
p=$(for run in 1 2 3; do measure pandas "$WORK/venv/bin/python" bench/dots_pandas.py "$SOURCES/trade/imf-dots/xlsx"; done | best)
cat "$WORK/out"

read -r _ gs gk <<< "$g"
read -r _ ps pk <<< "$p"
python3 - "$gs" "$gk" "$ps" "$pk" <<'PY'
import sys
gs, gk, ps, pk = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"galeon          {gs:8.2f} s   peak {gk/1024:8.0f} MiB   (best of 3)")
print(f"pandas+openpyxl {ps:8.2f} s   peak {pk/1024:8.0f} MiB   (best of 3)")
print(f"ratio: galeon is {ps/gs:.1f}x faster, with {pk/gk:.1f}x less peak memory (target: >= 20x faster, lower memory)")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

#!/usr/bin/env bash
# Crash loop: builds a store from the sources, then kills `galeon build --force` (SIGKILL) at
# random points of its run — reading, writing, the final renames — and after each kill checks
# that the store is complete: the manifest reads, every file's rows read = stored + rejected,
# and each table holds the rows the manifest says. A last build must leave nothing behind.
# Prints one line per trial and a summary (trials, complete stores, corrupt stores).
# Usage: scripts/crash_loop.sh [TRIALS] [SOURCES_DIR]   (default 20, ../shared/data; GALEON_BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALS=${1:-20}
SOURCES=$(realpath "${2:-../shared/data}")
GALEON=${GALEON_BIN:-target/release/galeon}
[ -x "$GALEON" ] || { echo "no galeon binary at $GALEON (set GALEON_BIN)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STORE="$WORK/store"

check() { # the store as a reader finds it
  python3 - "$STORE" "$GALEON" <<'PY'
import json, subprocess, sys
store, galeon = sys.argv[1], sys.argv[2]
m = json.load(open(f"{store}/manifest.json"))
for d in m["datasets"]:
    for f in d["files"]:
        assert f["rows_read"] == f["rows_stored"] + f["rows_rejected"], f["path"]
for table, rows in m["tables"].items():
    out = subprocess.run([galeon, "sql", f"SELECT count(*) FROM {table}", "--store", store, "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert int(out[1]) == rows, (table, out, rows)
PY
}

started=$(date +%s.%N)
"$GALEON" build --sources "$SOURCES" --store "$STORE" --quiet --force > /dev/null
took=$(echo "$(date +%s.%N) - $started" | bc)
echo "a full build takes ${took} s; killing at random points up to 110 % of it"
complete=0 corrupt=0
for trial in $(seq 1 "$TRIALS"); do
  delay=$(python3 -c "import random; print(round(random.uniform(0, 1.1 * $took), 2))")
  "$GALEON" build --sources "$SOURCES" --store "$STORE" --quiet --force > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  if check 2> "$WORK/why"; then
    complete=$((complete + 1)); echo "trial $trial: killed at ${delay} s — complete"
  else
    corrupt=$((corrupt + 1)); echo "trial $trial: killed at ${delay} s — CORRUPT: $(tail -1 "$WORK/why")"
  fi
done
"$GALEON" build --sources "$SOURCES" --store "$STORE" --quiet --force > /dev/null
check
left=$(find "$WORK" -maxdepth 1 -name '.store.*' | wc -l)
echo "trials $TRIALS, complete $complete, corrupt $corrupt, leftovers after the next build $left"
[ "$corrupt" -eq 0 ] && [ "$left" -eq 0 ]

#!/usr/bin/env bash
# Scale test of the GDELT 2.0 events connector. Writes export files in GDELT's published layout
# (zipped, 61 tab-separated columns, one file per 15 minutes, 2,000 events each) at several sizes
# (default 2 M and 8 M events: four times more), builds a store from each, and checks that
#   - the store holds exactly the events the generator counted in scope (China or a LAC state as an
#     actor's country), none rejected;
#   - gdelt_event_count and gdelt_cooperative_share equal the generator's own tallies, counted as it
#     wrote the files, for every country and year;
# and prints the build's time and peak memory at each size: memory is flat when the largest build's
# peak is about the smallest's. Fails on any difference.
# Usage: scripts/gdelt_scale.sh [EVENTS...]
#   GALEON   a galeon binary (default: target/release/galeon, built if absent)
#   KEEP=1   keep the generated files and stores (printed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-2000000 8000000}
TARGET=${CARGO_TARGET_DIR:-target}
GALEON=${GALEON:-$TARGET/release/galeon}
[ -x "$GALEON" ] || cargo build --release --quiet -p galeon
cargo build --release --quiet -p galeon-testkit --example gdelt_generate
GENERATE=$TARGET/release/examples/gdelt_generate
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

for EVENTS in $SIZES; do
  SRC="$WORK/sources-$EVENTS"
  echo "== $EVENTS events: generating"
  "$GENERATE" "$EVENTS" "$SRC/events/gdelt-events" 2000 > "$WORK/tally-$EVENTS.json"
  zipped=$(du -sb "$SRC" | cut -f1)
  run=$(python3 bench/timeit.py "$GALEON" build --sources "$SRC" --store "$WORK/store-$EVENTS" --force --quiet)
  for id in gdelt_event_count gdelt_cooperative_share; do
    "$GALEON" indicators get "$id" --store "$WORK/store-$EVENTS" --format csv > "$WORK/$id-$EVENTS.csv"
  done
  "$GALEON" sql "SELECT count(*) AS n FROM gdelt_events" --store "$WORK/store-$EVENTS" --format csv \
    | tail -1 > "$WORK/stored-$EVENTS"
  python3 - "$EVENTS" "$zipped" "$run" "$WORK" << 'PY'
import csv, json, sys
events, zipped, (secs, kib), work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(), sys.argv[4]
tally = json.load(open(f"{work}/tally-{events}.json"))
stored = int(open(f"{work}/stored-{events}").read())
def series(indicator):
    rows = csv.DictReader(open(f"{work}/{indicator}-{events}.csv"))
    return {f"{r['country']} {r['year']}": float(r["value"]) for r in rows}
count, share = series("gdelt_event_count"), series("gdelt_cooperative_share")
want_count = {k: float(n) for k, (n, _) in tally["china_lac"].items()}
want_share = {k: c / n for k, (n, c) in tally["china_lac"].items()}
differing = sum(count.get(k) != v for k, v in want_count.items()) + len(count.keys() - want_count.keys())
differing += sum(abs(share.get(k, -1) - v) > 1e-12 for k, v in want_share.items()) + len(share.keys() - want_share.keys())
print(f"{events / 1e6:5.1f} M events in {tally['files']} files ({zipped / 2**20:.0f} MiB zipped): "
      f"build {float(secs):.1f} s, peak {int(kib) / 1024:.0f} MiB; stored {stored:,} of {tally['in_scope']:,} in scope; "
      f"{len(want_count)} series × 2 indicators, {differing} differing")
sys.exit(0 if differing == 0 and stored == tally["in_scope"] else 1)
PY
  [ -n "${KEEP:-}" ] || rm -rf "$SRC" "$WORK/store-$EVENTS"
done
[ -z "${KEEP:-}" ] || echo "kept in $WORK"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"

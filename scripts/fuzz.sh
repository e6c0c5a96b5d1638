#!/usr/bin/env bash
# Fuzzes a reader: its connector reads mutated copies of the dataset's own files for SECONDS
# (crates/sources/examples/fuzz.rs says how cases are made); prints cases, errors and panics, and
# keeps every case that panics in target/fuzz-crashes/ (each becomes a hand-written regression test). `all` fuzzes every reader.
# Usage: scripts/fuzz.sh DATASET|all SECONDS [SEED_DIR]   (seeds default: ../shared/data/<folder>)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p galeon-sources --example fuzz --target-dir target/bench
FUZZ=target/bench/release/examples/fuzz
if [ "${1:-}" = all ]; then
  status=0
  for id in $("$FUZZ" list); do "$FUZZ" "$id" "$2" || status=1; done
  exit $status
fi
exec "$FUZZ" "$@"

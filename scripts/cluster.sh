#!/usr/bin/env bash
# An Apache Ballista cluster on this machine — one scheduler and two executors, each its own
# process — and the indicator panel compared between it and the embedded engine.
#
#   scripts/cluster.sh up              build galeon with Ballista if needed, start the three
#                                      processes, wait until each one listens
#   scripts/cluster.sh status          which of them run
#   scripts/cluster.sh compare STORE   compute the panel of STORE on the embedded engine and on the
#                                      cluster, compare value by value (DuckDB reads both panels),
#                                      print the number of differing values; exit 1 if any differ
#                                      (STORE keeps the cluster's panel, written last)
#   scripts/cluster.sh down            stop them by their process ids
#
# Environment: GALEON (a galeon built with --features ballista; else target/release/galeon, built),
# CLUSTER_DIR (process ids and logs; target/cluster), PORT (the scheduler's; 50050).
# The same three commands run on separate machines: see docs/cluster.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

GALEON_SET=${GALEON:-}
GALEON=${GALEON:-$ROOT/target/release/galeon}
DIR=${CLUSTER_DIR:-$ROOT/target/cluster}
PORT=${PORT:-50050}
HOST=127.0.0.1
ENGINE="ballista://$HOST:$PORT"
# name, then the command's arguments after `galeon cluster`
PROCESSES=(
  "scheduler|scheduler --bind $HOST:$PORT"
  "executor-1|executor --scheduler $HOST:$PORT --flight-port $((PORT + 1)) --grpc-port $((PORT + 2)) --concurrent-tasks 1 --work-dir $DIR/executor-1"
  "executor-2|executor --scheduler $HOST:$PORT --flight-port $((PORT + 11)) --grpc-port $((PORT + 12)) --concurrent-tasks 1 --work-dir $DIR/executor-2"
)

listens() { (exec 3<> "/dev/tcp/$HOST/$1") 2> /dev/null; }

running() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2> /dev/null; }

up() {
  if [ -z "${GALEON_SET:-}" ]; then
    echo "galeon with Ballista: cargo build --release --features ballista (about 25 minutes the first time)"
    (cd "$ROOT" && cargo build --release --features ballista -p galeon)
  fi
  mkdir -p "$DIR"
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%|*} args=${entry#*|} port
    if running "$name"; then
      echo "$name already runs (pid $(cat "$DIR/$name.pid"))"
      continue
    fi
    port=$(grep -o -- '--bind [^ ]*\|--flight-port [0-9]*' <<< "$args" | grep -o '[0-9]*$')
    if listens "$port"; then
      echo "port $port is taken by another process: stop it, or choose another PORT" >&2
      exit 1
    fi
    mkdir -p "$DIR/$name"
    # shellcheck disable=SC2086 # the arguments are words
    nohup "$GALEON" cluster $args > "$DIR/$name.log" 2>&1 &
    echo $! > "$DIR/$name.pid"
    for _ in $(seq 600); do
      listens "$port" && break
      running "$name" || break
      sleep 0.1
    done
    if ! running "$name" || ! listens "$port"; then
      echo "$name did not start (port $port); its log:" >&2
      cat "$DIR/$name.log" >&2
      exit 1
    fi
    echo "$name: pid $(cat "$DIR/$name.pid"), port $port, log $DIR/$name.log"
  done
  echo "cluster up: galeon --engine $ENGINE …"
}

down() {
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%|*}
    if running "$name"; then
      local pid
      pid=$(cat "$DIR/$name.pid")
      kill "$pid"
      # Wait for it to end, so that a following `up` finds its ports free.
      for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2> /dev/null; then kill -9 "$pid"; fi
      echo "stopped $name (pid $pid)"
    fi
    rm -f "$DIR/$name.pid"
  done
}

status() {
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%|*}
    if running "$name"; then echo "$name: runs (pid $(cat "$DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

compare() {
  local store=${1:?usage: scripts/cluster.sh compare STORE}
  local out
  out=$(mktemp -d)
  trap 'rm -rf "$out"' RETURN
  for engine in local "$ENGINE"; do
    echo "== the panel on $engine"
    /usr/bin/time -f "%e s, peak memory of the client %M KiB" \
      "$GALEON" --engine "$engine" indicators build --store "$store" | tail -1
    cp "$store/indicators/panel.parquet" "$out/${engine%%:*}.parquet"
  done
  python3 - "$out/local.parquet" "$out/ballista.parquet" << 'EOF'
import sys
import duckdb

local, cluster = sys.argv[1], sys.argv[2]
con = duckdb.connect()
same_key = " AND ".join(f"a.{c} IS NOT DISTINCT FROM b.{c}"
                        for c in ["indicator", "country", "partner", "dimension", "year"])
counts = con.execute(f"""
  WITH a AS (SELECT * FROM read_parquet('{local}')),
       b AS (SELECT * FROM read_parquet('{cluster}'))
  SELECT
    (SELECT count(*) FROM a) AS local_values,
    (SELECT count(*) FROM b) AS cluster_values,
    (SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE {same_key})) AS only_local,
    (SELECT count(*) FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE {same_key})) AS only_cluster,
    (SELECT count(*) FROM a JOIN b ON {same_key}
      WHERE abs(a.value - b.value) > 1e-9 * greatest(abs(a.value), abs(b.value))
         OR a.unit IS DISTINCT FROM b.unit OR a.source IS DISTINCT FROM b.source
         OR a.provenance IS DISTINCT FROM b.provenance
         OR a.series_break IS DISTINCT FROM b.series_break) AS differing
""").fetchone()
names = ["values on the embedded engine", "values on the cluster", "only on the embedded engine",
         "only on the cluster", "differing values"]
for name, n in zip(names, counts):
    print(f"{name}: {n}")
sys.exit(1 if sum(counts[2:]) or counts[0] != counts[1] else 0)
EOF
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  compare) shift; compare "$@" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

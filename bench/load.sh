#!/usr/bin/env bash
# Load test: galeon serve on loopback driven by wrk (Debian) for 30 s per endpoint at a paced
# ~5,000 requests/s offered (50 connections, each waiting 9 ms between requests), then unpaced for
# the maximum; prints requests per second, latency percentiles and errors for an indicator query
# and for the map payload. Target: p99 under 5 ms at 5,000 requests/s, zero errors.
# Usage: bench/load.sh [SOURCES_DIR]   (default ../shared/data; DURATION=30s)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES=$(realpath "${1:-../shared/data}")
DURATION=${DURATION:-30s}
command -v wrk > /dev/null || { echo "installing wrk (Debian)"; apt-get install -y -qq wrk > /dev/null; }
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
if [ -z "${GALEON_BIN:-}" ]; then
  cargo build --release --quiet -p galeon --target-dir target/bench
fi
GALEON=${GALEON_BIN:-target/bench/release/galeon}
"$GALEON" build --sources "$SOURCES" --store "$WORK/store" --quiet > /dev/null
"$GALEON" serve --store "$WORK/store" --port "$PORT" 2> "$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 120); do grep -q '^ready' "$WORK/serve.log" && break; sleep 1; done
grep '^ready' "$WORK/serve.log"
run() { # label, connections, path, extra wrk args…
  local label=$1 connections=$2 path=$3; shift 3
  wrk -t2 -c"$connections" -d"$DURATION" --latency "$@" "http://127.0.0.1:$PORT$path" > "$WORK/wrk.txt"
  python3 - "$label" "$WORK/wrk.txt" <<'PY'
import re, sys
label, text = sys.argv[1], open(sys.argv[2]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
total = re.search(r"(\d+) requests in", text).group(1)
print(f"{label}: {rps} req/s ({total} requests), latency p50 {lat.get('50')} p90 {lat.get('90')} p99 {lat.get('99')}, "
      f"non-2xx {errors.group(1) if errors else 0}, socket errors {sock.group(1) if sock else 'none'}")
PY
}
IND="/api/indicators/china_partner_share?country=BRA&years=2000..2020"
MAP="/api/map?indicator=index&year=2020"
export WRK_DELAY_MS=9
run "indicator query, paced 5,000 req/s" 50 "$IND" -s bench/wrk_paced.lua
run "map payload,     paced 5,000 req/s" 50 "$MAP" -s bench/wrk_paced.lua
run "indicator query, unpaced (maximum)" 20 "$IND"
run "map payload,     unpaced (maximum)" 20 "$MAP"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d); wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')"

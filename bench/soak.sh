#!/usr/bin/env bash
# Soak and abuse under load: galeon serve on loopback, its resident memory sampled every second,
# while (1) wrk drives the indicator query at the maximum rate for SOAK seconds (default 60);
# (2) 600 slow clients each hold a connection, sending a byte of a request every 5 s, while wrk
# runs again for 20 s; (3) a flood opens and drops 5,000 connections as fast as it can, while wrk
# runs again for 20 s. Prints, per phase, requests, errors and latency, then the memory range.
# Loopback only; every loop is bounded in time.
# Usage: bench/soak.sh [SOURCES_DIR]   (default ../shared/data; GALEON_BIN, SOAK=60, STORE=an existing store)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES=$(realpath "${1:-../shared/data}")
SOAK=${SOAK:-60}
command -v wrk > /dev/null || { echo "installing wrk (Debian)"; apt-get install -y -qq wrk > /dev/null; }
GALEON=${GALEON_BIN:-target/bench/release/galeon}
[ -x "$GALEON" ] || cargo build --release --quiet -p galeon --target-dir target/bench
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { kill "${SERVER:-}" "${SAMPLER:-}" 2> /dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
if [ -z "${STORE:-}" ]; then
  STORE="$WORK/store"
  "$GALEON" build --sources "$SOURCES" --store "$STORE" --quiet > /dev/null
fi
"$GALEON" serve --store "$STORE" --port "$PORT" 2> "$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 120); do grep -q '^ready' "$WORK/serve.log" && break; sleep 1; done
grep '^ready' "$WORK/serve.log"
( while kill -0 "$SERVER" 2> /dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$SERVER/status" >> "$WORK/rss.txt"; sleep 1
  done ) &
SAMPLER=$!
URL="http://127.0.0.1:$PORT/api/indicators/china_partner_share?country=BRA&years=2000..2020"
phase() { # label, seconds
  wrk -t2 -c64 -d"$2s" --timeout 5s --latency "$URL" > "$WORK/wrk.txt"
  python3 - "$1" "$WORK/wrk.txt" <<'PY'
import re, sys
label, text = sys.argv[1], open(sys.argv[2]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
total = re.search(r"(\d+) requests in", text).group(1)
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
print(f"{label}: {total} requests, {rps} req/s, p99 {p99}, non-2xx {non2xx.group(1) if non2xx else 0}, "
      f"socket errors {sock.group(1) if sock else 'none'}")
PY
}
phase "soak, maximum rate, ${SOAK} s" "$SOAK"
python3 - "$PORT" 600 40 > "$WORK/slow.txt" <<'PY' &
import socket, sys, time
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
request = b"GET /api/countries HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 64 + b"\r\n\r\n"
conns = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port)); s.setblocking(False); conns.append([s, 0])
end, dropped = time.time() + seconds, 0
while time.time() < end:
    for c in conns:
        if c[0] is None or c[1] >= len(request) - 4: continue
        try: c[0].send(request[c[1]:c[1] + 1]); c[1] += 1
        except OSError: c[0] = None; dropped += 1
    time.sleep(5)
print(f"slow clients: {n} held for {seconds:.0f} s, {dropped} dropped by the server")
PY
SLOW=$!
sleep 2
phase "with 600 slow clients, 20 s" 20
wait "$SLOW"; cat "$WORK/slow.txt"
python3 - "$PORT" 5000 25 > "$WORK/flood.txt" <<'PY' &
import socket, sys, time
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
end, opened, refused = time.time() + seconds, 0, 0
while time.time() < end and opened < n:
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=1); opened += 1; s.close()
    except OSError:
        refused += 1
print(f"flood: {opened} connections opened and dropped, {refused} not accepted")
PY
FLOOD=$!
phase "under a connection flood, 20 s" 20
wait "$FLOOD"; cat "$WORK/flood.txt"
kill "$SAMPLER" 2> /dev/null || true
python3 - "$WORK/rss.txt" <<'PY'
import sys
rss = [int(x) / 1024 for x in open(sys.argv[1]).read().split()]
print(f"resident memory over {len(rss)} s: start {rss[0]:.0f} MiB, min {min(rss):.0f}, max {max(rss):.0f}, end {rss[-1]:.0f} MiB")
PY

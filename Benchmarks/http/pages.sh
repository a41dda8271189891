#!/usr/bin/env bash
# Requests per second of the public pages against the Vapor hello-world peer, in the same run (wrk -t2 -c64 by
# default), over a copy of a database with the demo set. Run by hand; record the numbers in docs/performance.md.
#   Benchmarks/http/pages.sh /tmp/demo.sqlite        # a database `xiezuo serve` made on its first start
#   DURATION=20s LOG_LEVEL=info Benchmarks/http/pages.sh DB
# The peer is Benchmarks' HelloVapor target (a plain "Hello, world!" at / and a small JSON object at /json).
set -euo pipefail
cd "$(dirname "$0")/../.."
SOURCE=${1:?the path of an SQLite database with the demo set}
. Benchmarks/http/common.sh
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
PORT=${PORT:-18082}
HELLO_PORT=${HELLO_PORT:-18083}
(cd Benchmarks && swift build -c release --product HelloVapor >/dev/null)
HELLO=Benchmarks/.build/release/HelloVapor
copy_database "$SOURCE"
start_server "$PORT"
PORT=$HELLO_PORT "$HELLO" serve --port "$HELLO_PORT" >"$WORK/hello.log" 2>&1 &
HELLO_PID=$!
trap 'kill $PID $HELLO_PID 2>/dev/null; wait $PID $HELLO_PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$HELLO_PORT/" >/dev/null; do sleep 0.05; done

JOB=$(curl -sf "http://127.0.0.1:$PORT/api/v1/jobs?perPage=1" | python3 -c 'import json,sys; i=json.load(sys.stdin)["items"][0]; print(i.get("id") or i["posting"]["id"])')
PRODUCT=$(curl -sf "http://127.0.0.1:$PORT/api/v1/products?perPage=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

rate() { # URL → requests/s (the run's other figures on stderr)
  curl -sf -o /dev/null "$1" || { echo "failed: $1" >&2; echo 0; return; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" > "$WORK/wrk.out"
  grep -E "Latency|99%|Non-2xx" "$WORK/wrk.out" | tr -s ' ' | sed 's/^/    /' >&2
  awk '/Requests\/sec/ {print int($2)}' "$WORK/wrk.out"
}
hello=$(rate "http://127.0.0.1:$HELLO_PORT/")
echo "Vapor hello-world /            $hello req/s"
json=$(rate "http://127.0.0.1:$HELLO_PORT/json")
echo "Vapor hello-world /json        $json req/s"
for path in / "/jobs?q=%E5%8E%A8%E5%B8%88" "/jobs/$JOB" /products "/products/$PRODUCT" /api/v1/regions/611026 /health; do
  r=$(rate "http://127.0.0.1:$PORT$path")
  printf "Xiezuo %-40s %6d req/s  %5.1f%% of hello-world\n" "$path" "$r" "$(echo "100 * $r / $hello" | bc -l)"
done
echo "server's resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"

#!/usr/bin/env bash
# Requests per second of GET /health and GET /api/v1/regions/{code}, measured with wrk against a release build
# over a fresh SQLite file. Run by hand; record the numbers in docs/performance.md.
#   Benchmarks/http/run.sh            # 20 s per route, 64 connections, 1 wrk thread
#   DURATION=60s CONNECTIONS=128 LOG_LEVEL=info Benchmarks/http/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
swift build -c release --product xiezuo >/dev/null

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
PORT=${PORT:-18080}
WORK=$(mktemp -d)
export XIEZUO_DATABASE_URL="$WORK/bench.sqlite"
export LOG_LEVEL=${LOG_LEVEL:-warning}

start=$(date +%s%N)
.build/release/xiezuo serve --port "$PORT" --no-demo >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done
echo "first start (migrations + reference data) ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill $PID; wait $PID 2>/dev/null || true

start=$(date +%s%N)
.build/release/xiezuo serve --port "$PORT" --no-demo >"$WORK/serve.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done
echo "second start ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"

for path in /health /api/v1/regions/611026; do
  curl -sf "http://127.0.0.1:$PORT$path" >/dev/null
  echo "== GET $path"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
done

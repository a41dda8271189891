#!/usr/bin/env bash
# Fund flows recorded per second through the HTTP API under concurrent clients (wrk), against a release build over a
# copy of a database with the demo set: commitments of 1 yuan on one approved project, by the admin's token. Run by
# hand; record the numbers in docs/performance.md.
#   Benchmarks/http/flows.sh /tmp/xiezuo-bench.sqlite            # 15 s, 16 connections, 1 wrk thread
#   DURATION=30s CONNECTIONS=64 Benchmarks/http/flows.sh DB
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
SOURCE=${1:?the path of an SQLite database with the demo set}
swift build -c release --product xiezuo >/dev/null

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18084}
WORK=$(mktemp -d)
cp "$SOURCE" "$WORK/bench.sqlite"
cp "$SOURCE.key" "$WORK/bench.sqlite.key" 2>/dev/null || true
export XIEZUO_DATABASE_URL="$WORK/bench.sqlite"
export LOG_LEVEL=${LOG_LEVEL:-warning}
export XIEZUO_LANG=en
TOKEN=$(.build/release/xiezuo token create --user admin --name benchmark | grep -E '^xz_')
PROJECT=$(sqlite3 "$WORK/bench.sqlite" "SELECT id FROM projects WHERE status = 'approved' ORDER BY code LIMIT 1")
TODAY=$(date +%F)

.build/release/xiezuo serve --port "$PORT" --no-demo >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done

cat > "$WORK/flow.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"$TODAY"}'
LUA
before=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM fund_flows")
echo "== POST /api/v1/projects/$PROJECT/flows ($CONNECTIONS connections, $DURATION)"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/flow.lua" "http://127.0.0.1:$PORT/api/v1/projects/$PROJECT/flows" \
  | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
sleep 2
after=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM fund_flows")
echo "flows written: $((after - before))"

#!/usr/bin/env bash
# Fund flows recorded per second through the HTTP API under concurrent clients (wrk), against a release build over a
# copy of a database with the demo set: commitments of 1 yuan on one approved project, by the admin's token. Run by
# hand; record the numbers in docs/performance.md.
#   Benchmarks/http/flows.sh /tmp/xiezuo-bench.sqlite            # 15 s, 16 connections, 1 wrk thread
#   DURATION=30s CONNECTIONS=64 Benchmarks/http/flows.sh DB
set -euo pipefail
cd "$(dirname "$0")/../.."
SOURCE=${1:?the path of an SQLite database with the demo set}
. Benchmarks/http/common.sh
PORT=${PORT:-18084}
copy_database "$SOURCE"
TOKEN=$("$BIN" token create --user admin --name benchmark | grep -E '^xz_')
PROJECT=$(sqlite3 "$WORK/bench.sqlite" "SELECT id FROM projects WHERE status = 'approved' ORDER BY code LIMIT 1")
TODAY=$(date +%F)

start_server "$PORT"

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

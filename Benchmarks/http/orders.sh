#!/usr/bin/env bash
# Orders per second through the HTTP API under concurrent clients (wrk), against a release build over a copy of a
# database with the demo set (whose first catalogue product gets stock enough). Run by hand; record the numbers in
# docs/performance.md.
#   Benchmarks/http/orders.sh /tmp/xiezuo-sales.sqlite          # 15 s, 16 connections, 1 wrk thread
#   DURATION=30s CONNECTIONS=64 Benchmarks/http/orders.sh DB
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
SOURCE=${1:?the path of an SQLite database with the demo set}
swift build -c release --product xiezuo >/dev/null

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18081}
WORK=$(mktemp -d)
cp "$SOURCE" "$WORK/bench.sqlite"
cp "$SOURCE.key" "$WORK/bench.sqlite.key" 2>/dev/null || true
export XIEZUO_DATABASE_URL="$WORK/bench.sqlite"
export LOG_LEVEL=${LOG_LEVEL:-warning}
PRODUCT=$(sqlite3 "$WORK/bench.sqlite" "SELECT id FROM products WHERE certification = 'published' ORDER BY name LIMIT 1")
sqlite3 "$WORK/bench.sqlite" "UPDATE products SET stock = 100000000 WHERE id = '$PRODUCT'"

.build/release/xiezuo serve --port "$PORT" --no-demo >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done

cat > "$WORK/order.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"buyerName":"基准测试","buyerPhone":"13812345678","address":"南京","buyerRegion":"3201","items":[{"productId":"$PRODUCT","quantity":1}]}'
LUA
before=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM orders")
echo "== POST /api/v1/orders ($CONNECTIONS connections, $DURATION)"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/order.lua" "http://127.0.0.1:$PORT/api/v1/orders" \
  | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
sleep 2
after=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM orders")
stock=$(sqlite3 "$WORK/bench.sqlite" "SELECT stock FROM products WHERE id = '$PRODUCT'")
echo "orders written: $((after - before)); stock left: $stock (taken: $((100000000 - stock)))"

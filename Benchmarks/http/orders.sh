#!/usr/bin/env bash
# Orders per second through the HTTP API under concurrent clients (wrk), against a release build over a copy of a
# database with the demo set (whose first catalogue product gets stock enough). Run by hand; record the numbers in
# docs/performance.md.
#   Benchmarks/http/orders.sh /tmp/xiezuo-sales.sqlite          # 15 s, 16 connections, 1 wrk thread
#   DURATION=30s CONNECTIONS=64 Benchmarks/http/orders.sh DB
set -euo pipefail
cd "$(dirname "$0")/../.."
SOURCE=${1:?the path of an SQLite database with the demo set}
. Benchmarks/http/common.sh
PORT=${PORT:-18081}
copy_database "$SOURCE"
export XIEZUO_TRUST_FORWARDED_FOR=1
PRODUCT=$(sqlite3 "$WORK/bench.sqlite" "SELECT id FROM products WHERE certification = 'published' ORDER BY name LIMIT 1")
sqlite3 "$WORK/bench.sqlite" "UPDATE products SET stock = 100000000 WHERE id = '$PRODUCT'"

start_server "$PORT"

# Buyers without accounts, each from an address of their own (the server trusts X-Forwarded-For, as behind nginx):
# one address may place 10 orders in 10 minutes.
cat > "$WORK/order.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"buyerName":"基准测试","buyerPhone":"13812345678","address":"南京","buyerRegion":"3201","items":[{"productId":"$PRODUCT","quantity":1}]}'
local n = 0
request = function()
  n = n + 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format()
end
LUA
before=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM orders")
echo "== POST /api/v1/orders ($CONNECTIONS connections, $DURATION)"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/order.lua" "http://127.0.0.1:$PORT/api/v1/orders" \
  | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
sleep 2
after=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM orders")
stock=$(sqlite3 "$WORK/bench.sqlite" "SELECT stock FROM products WHERE id = '$PRODUCT'")
echo "orders written: $((after - before)); stock left: $stock (taken: $((100000000 - stock)))"

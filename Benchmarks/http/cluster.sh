#!/usr/bin/env bash
# Two release servers on one PostgreSQL database behind nginx (deploy/nginx.conf), loaded through nginx with wrk:
# public pages, the JSON API, and orders; then each server's figures alone for comparison. Run by hand; record the
# numbers in docs/performance.md and docs/deploy.md.
#   Benchmarks/http/cluster.sh postgres://postgres@127.0.0.1:5432/xiezuo_cluster?sslmode=disable
# The database is emptied first (its public schema dropped): give it one of its own. Needs nginx and wrk
# (apt-get install nginx wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
URL=${1:?a PostgreSQL URL of a database the benchmark may empty}
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
if [ -n "${XIEZUO_BIN:-}" ]; then BIN=$XIEZUO_BIN; else swift build -c release --product xiezuo >/dev/null; BIN=.build/release/xiezuo; fi
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WORK=$(mktemp -d)
PIDS=()
cleanup() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql "$URL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
export XIEZUO_DATABASE_URL=$URL
export XIEZUO_DATA_KEY=$(head -c 32 /dev/urandom | base64)
export XIEZUO_TRUST_FORWARDED_FOR=1 LOG_LEVEL=${LOG_LEVEL:-warning} XIEZUO_BCRYPT_COST=8
# One server migrates and loads the demo set first; the second starts on the prepared database.
"$BIN" serve --port 8081 --demo >"$WORK/a.log" 2>&1 & PIDS+=($!)
until curl -sf http://127.0.0.1:8081/health >/dev/null; do sleep 0.2; done
"$BIN" serve --port 8082 >"$WORK/b.log" 2>&1 & PIDS+=($!)
until curl -sf http://127.0.0.1:8082/health >/dev/null; do sleep 0.2; done
mkdir -p "$WORK/nginx"
nginx -c "$PWD/deploy/nginx.conf" -p "$WORK/nginx/" -g "daemon off;" >"$WORK/nginx.log" 2>&1 & PIDS+=($!)
until curl -sf http://127.0.0.1:8080/health >/dev/null; do sleep 0.1; done

PRODUCT=$(curl -sf "http://127.0.0.1:8080/api/v1/products?perPage=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
psql "$URL" -qc "UPDATE products SET stock = 100000000 WHERE id = '$PRODUCT'" >/dev/null
# The demo's unpaid orders would expire during the run and give stock back, which would blur the count below.
psql "$URL" -qc "UPDATE orders SET status = 'paid' WHERE status = 'placed'" >/dev/null
before=$(psql "$URL" -tAc "SELECT COUNT(*) FROM orders")
# Orders by a signed-in buyer (a bearer token): behind nginx every anonymous order comes from the one address of the
# load generator, and anonymous orders are limited to 10 in 10 minutes an address.
TOKEN=$("$BIN" token create --user demo-worker --name cluster-bench 2>/dev/null | grep -oE 'xz_[A-Za-z0-9_-]+' | head -1)
cat > "$WORK/order.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"buyerName":"基准测试","buyerPhone":"13812345678","address":"南京","buyerRegion":"3201","items":[{"productId":"$PRODUCT","quantity":1}]}'
LUA
run() { # NAME URL [script]
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-s "$3"} "$2")
  printf "%-36s %8s req/s  p50 %-9s p99 %-9s %s\n" "$1" "$(echo "$out" | awk '/Requests\/sec/ {print int($2)}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | grep -o 'Non-2xx.*' || true)"
}
for target in "nginx 127.0.0.1:8080" "server-a 127.0.0.1:8081"; do
  set -- $target
  run "$1 /" "http://$2/"
  run "$1 /jobs?q=厨师" "http://$2/jobs?q=%E5%8E%A8%E5%B8%88"
  run "$1 /api/v1/jobs?q=厨师" "http://$2/api/v1/jobs?q=%E5%8E%A8%E5%B8%88"
  run "$1 POST /api/v1/orders" "http://$2/api/v1/orders" "$WORK/order.lua"
done
sleep 2  # the last requests wrk gave up on still commit
stock=$(psql "$URL" -tAc "SELECT stock FROM products WHERE id = '$PRODUCT'")
orders=$(( $(psql "$URL" -tAc "SELECT COUNT(*) FROM orders") - before ))
echo "orders written: $orders; stock taken: $((100000000 - stock)) (none oversold when equal)"
echo "periodic turns: $(psql "$URL" -tAc "SELECT string_agg(job || ' by ' || ran_by, ', ') FROM periodic_runs")"

#!/usr/bin/env bash
# The job index at start: time to /health, a search sent at once (answered by the database or the index, whichever
# is first), time until the "job index ready" log line, and the server's resident memory then and after searches.
#
#   XIEZUO_DATABASE_URL=/tmp/j1m.sqlite swift run -c release xiezuo demo --jobs 1000000   # once
#   Benchmarks/jobs/index_ready.sh /tmp/j1m.sqlite            # NOSEARCH=1 to skip the search during the build
set -euo pipefail
DB=$1
BIN=${XIEZUO_BIN:-.build/release/xiezuo}
PORT=${PORT:-18097}
LOG=$(mktemp)
start=$(date +%s%N)
LOG_LEVEL=info XIEZUO_DATABASE_URL=$DB "$BIN" serve --port "$PORT" --no-demo > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -f "$LOG"' EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
search() { curl -s -o /dev/null "localhost:$PORT/api/v1/jobs?q=%E5%8E%A8%E5%B8%88&region=32"; }
memory() { grep -E "VmRSS|RssAnon|RssFile" /proc/$PID/status | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
until curl -sf "localhost:$PORT/health" > /dev/null; do sleep 0.02; done
echo "health after $(ms "$start") ms"
if [ -z "${NOSEARCH:-}" ]; then
  q0=$(date +%s%N); search; echo "a search sent at once: answered after $(ms "$q0") ms"
fi
until grep -q "job index ready" "$LOG"; do sleep 0.05; done
echo "ready after $(ms "$start") ms from start; $(grep -o 'job index ready.*lists)' "$LOG")"
echo "resident when ready: $(memory)"
for _ in 1 2 3; do search; done
q0=$(date +%s%N); search; echo "a search after: $(ms "$q0") ms"
echo "resident after searches: $(memory)"

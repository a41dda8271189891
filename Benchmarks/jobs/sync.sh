#!/bin/sh
# End-to-end sync of every posting of a source node into an empty node over loopback, timed.
#
#   XIEZUO_DATABASE_URL=/tmp/xiezuo-jobs.sqlite swift run -c release xiezuo demo --jobs 1000000   # once
#   sh Benchmarks/jobs/sync.sh /tmp/xiezuo-jobs.sqlite [page size, default 5000]
#   SYNC_ARGS="--per-commit 20000" SYNC_WRAPPER="/usr/bin/time -v" sh Benchmarks/jobs/sync.sh …   # more options, a wrapper
#
# Needs /usr/bin/time (Debian package `time`) for the receiver's CPU time.
# The source serves its feed (`xiezuo serve`, platform id `xiezuo`); the target (platform id `jiangsu`, a fresh
# SQLite file) runs `xiezuo sync --from`. Peer: Benchmarks/jobs/sqlite_bulk_insert.py on the same rows.
set -eu
SOURCE=${1:?source database}
LIMIT=${2:-5000}
BIN=$(swift build -c release --show-bin-path)/xiezuo
TARGET=/tmp/xiezuo-sync-target.sqlite
PORT=8391
rm -f "$TARGET" "$TARGET-wal" "$TARGET-shm" "$TARGET.key"

export XIEZUO_LOG_FORMAT=json
XIEZUO_DATABASE_URL=$SOURCE $BIN user add --role partner --login bench-partner --name "benchmark partner" >/dev/null 2>&1 || true
TOKEN=$(XIEZUO_DATABASE_URL=$SOURCE XIEZUO_LANG=en $BIN token create --user bench-partner --name sync-bench | grep -o 'xz_[A-Za-z0-9_-]*' | head -1)
XIEZUO_DATABASE_URL=$SOURCE $BIN serve --port $PORT --no-demo >/tmp/xiezuo-sync-source.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 3
# A partner that has been running: its job index is built (a search waits for it), so the sync does not share the
# two cores with the index's first build (54 % of the sender's CPU when they overlapped, 14th session).
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/jobs?q=%E5%8E%A8%E5%B8%88"
XIEZUO_DATABASE_URL=$TARGET XIEZUO_PLATFORM_ID=jiangsu $BIN migrate >/dev/null
ROWS=$(sqlite3 "$SOURCE" "SELECT COUNT(*) FROM job_postings")
SENDER0=$(awk '{print $14 + $15}' /proc/$SERVER/stat)   # the sender's CPU time so far, in clock ticks
START=$(date +%s.%N)
XIEZUO_DATABASE_URL=$TARGET XIEZUO_PLATFORM_ID=jiangsu XIEZUO_LANG=en /usr/bin/time -f "%U %S" -o /tmp/xiezuo-sync-receiver.time \
    ${SYNC_WRAPPER:-} $BIN sync --from http://127.0.0.1:$PORT --token "$TOKEN" --limit "$LIMIT" ${SYNC_ARGS:-} | tail -3
END=$(date +%s.%N)
SENDER1=$(awk '{print $14 + $15}' /proc/$SERVER/stat)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); r=int(sys.argv[3]); print(f'{r} postings in {s:.1f} s: {r/s:,.0f} postings/s')" "$START" "$END" "$ROWS"
# CPU seconds of each node during the sync, and per posting (both cores count: 2 cores x wall time is the most there is)
python3 -c "
import os, sys
user, system = map(float, open('/tmp/xiezuo-sync-receiver.time').read().split()[-2:])
sender = (int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf('SC_CLK_TCK')
rows = int(sys.argv[3]); total = user + system + sender
print(f'CPU: receiver {user + system:.1f} s, sender {sender:.1f} s, {total / rows * 1e6:.0f} µs a posting')" "$SENDER0" "$SENDER1" "$ROWS"
echo "held by the target: $(sqlite3 "$TARGET" "SELECT COUNT(*) FROM job_postings")"

#!/usr/bin/env bash
# Spreadsheets at scale (docs/performance.md): import 10 files of 10,000 sales rows each through the API, then export the
# resulting 100,000+ rows of 柞水县's 2025 ledger as one workbook; time and the server's peak memory for each, against
# openpyxl (write-only for the export, read-only for the import's file) in the same run.
#
#   sh Benchmarks/spreadsheets/run.sh            # the release build of this checkout (built first)
#   XIEZUO_BIN=… sh Benchmarks/spreadsheets/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${XIEZUO_BIN:-}" ]; then BIN=$XIEZUO_BIN; else swift build -c release --product xiezuo >/dev/null; BIN=.build/release/xiezuo; fi
python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl
WORK=$(mktemp -d)
PORT=${PORT:-8197}
FILES=${FILES:-10}   # files of 10,000 rows to import before the export
export XIEZUO_DATABASE_URL="$WORK/bench.sqlite" LOG_LEVEL=warning XIEZUO_LANG=en XIEZUO_BCRYPT_COST=8
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
  "$BIN" serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.1; done
}
rss() { awk -v key="$1:" '$1 == key { print int($2 / 1024) }' "/proc/$PID/status"; }

start
TOKEN=$("$BIN" token create --user zhashui-officer --name bench 2>/dev/null | grep -oE 'xz_[A-Za-z0-9_-]+' | head -1)
python3 - "$WORK" "$FILES" <<'PY'
import sys, random
random.seed(7)
work = sys.argv[1]
for part in range(int(sys.argv[2])):
    lines = ["日期,销售渠道,产品名称,县（市、区）,收货地区（区县）,金额（元）,数量"]
    for n in range(10_000):
        month, day = 1 + n % 12, 1 + n % 28
        lines.append(f"2025-{month:02d}-{day:02d},{random.choice(['线下展销', '直播销售', '其他电商'])},柞水木耳{part}-{n},柞水县,"
                     f"{random.choice(['南京市', '高淳区', '苏州市'])},{random.randint(100, 999999) / 100:.2f},{random.randint(1, 50)}")
    data = "\r\n".join(lines) + "\r\n"
    open(f"{work}/sales-{part}.csv", "wb").write(data.encode("gb18030" if part == 0 else "utf-8"))
PY
echo "import: $FILES files of 10,000 rows (the first GB18030), one request each, written"
BEFORE=$(rss VmRSS)
for part in $(seq 0 $((FILES - 1))); do
  curl -s -o "$WORK/import.json" -w "  file $part: %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
    --data-binary "@$WORK/sales-$part.csv" "http://127.0.0.1:$PORT/api/v1/imports/sales?filename=sales-$part.csv"
done
echo "  server resident before $BEFORE MiB, peak $(rss VmHWM) MiB"
curl -s -o /dev/null -w "  file 0 again (all unchanged): %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
  --data-binary "@$WORK/sales-0.csv" "http://127.0.0.1:$PORT/api/v1/imports/sales?filename=sales-0.csv"

# The export on a fresh process, so its peak is the export's own.
kill "$PID"; wait "$PID" 2>/dev/null || true
start
BEFORE=$(rss VmRSS)
for run in 1 2 3; do
  curl -s -o "$WORK/export.xlsx" -w "  export run $run: %{http_code}, %{size_download} bytes in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/sales?year=2025&region=611026&format=xlsx"
done
echo "export: server resident before $BEFORE MiB, peak $(rss VmHWM) MiB; after: anonymous $(rss RssAnon) MiB, file-backed (the mapped database) $(rss RssFile) MiB"

python3 - "$WORK" <<'PY'
import resource, sys, time, openpyxl, datetime
work = sys.argv[1]
book = openpyxl.load_workbook(f"{work}/export.xlsx", read_only=True)
rows = list(book.worksheets[0].iter_rows(values_only=True))
print(f"  the export read back by openpyxl: {len(rows) - 1} rows")
start = time.perf_counter()
out = openpyxl.Workbook(write_only=True)
sheet = out.create_sheet("销售台账")
sheet.append(rows[0])
for row in rows[1:]:
    sheet.append(row)
out.save(f"{work}/peer.xlsx")
print(f"peer: openpyxl write-only, the same {len(rows) - 1} rows: {time.perf_counter() - start:.2f} s, "
      f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB (process, rows held)")
start = time.perf_counter()
import csv
for part in range(1, len([n for n in __import__("os").listdir(work) if n.startswith("sales-")])):
    with open(f"{work}/sales-{part}.csv", encoding="utf-8") as f:
        list(csv.reader(f))
print(f"peer: Python's csv reading the UTF-8 files: {time.perf_counter() - start:.2f} s")
PY

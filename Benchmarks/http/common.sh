# Shared by the write benchmarks (orders.sh, flows.sh): source it after `set -euo pipefail` and `cd` to the package.
# Builds the release binary, copies the database (and its key) into a scratch folder, and starts the server there.
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
# XIEZUO_BIN: another build to measure (e.g. a saved copy of an earlier one, for alternating runs); otherwise the
# release build of this checkout, built first.
if [ -n "${XIEZUO_BIN:-}" ]; then BIN=$XIEZUO_BIN; else swift build -c release --product xiezuo >/dev/null; BIN=.build/release/xiezuo; fi

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XIEZUO_DATABASE_URL="$WORK/bench.sqlite"
export LOG_LEVEL=${LOG_LEVEL:-warning}
export XIEZUO_LANG=en

# copy_database SOURCE: the working copy the server will use.
copy_database() {
  cp "$1" "$WORK/bench.sqlite"
  cp "$1.key" "$WORK/bench.sqlite.key" 2>/dev/null || true
}

# start_server PORT: starts the release server on the copy and waits until it answers; stopped on exit.
start_server() {
  "$BIN" serve --port "$1" --no-demo >"$WORK/serve.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
  until curl -sf "http://127.0.0.1:$1/health" >/dev/null; do sleep 0.05; done
}

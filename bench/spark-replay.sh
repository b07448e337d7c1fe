#!/usr/bin/env bash
# Replay benchmark on the embedded broker: a real Spark event log scaled up to LINES lines, replayed three times.
# Usage: bench/spark-replay.sh [lines] [work dir]   (default 1000000 lines, /tmp/streamlytics-replay-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-1000000}"
work="${2:-/tmp/streamlytics-replay-bench}"
mkdir -p "$work"
log="$work/local-eventlog-$lines"
if [ ! -f "$log" ]; then
  bench/run.sh spark-scale topology/src/test/resources/spark/local-eventlog.ndjson "$log" "$lines"
fi
exec bench/run.sh spark-replay "$log"

#!/usr/bin/env bash
# Replay benchmark on the embedded broker: a real Spark event log scaled up to LINES lines, replayed three times.
# Usage: bench/spark-replay.sh [lines] [work dir]   (default 1000000 lines, /tmp/streamlytics-replay-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-1000000}"
work="${2:-/tmp/streamlytics-replay-bench}"
mkdir -p "$work"
mvn -B -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench-classpath.txt)"
log="$work/local-eventlog-$lines"
if [ ! -f "$log" ]; then
  java -cp "$cp" io.streamlytics.app.bench.SparkEventLogScaler topology/src/test/resources/spark/local-eventlog.ndjson "$log" "$lines"
fi
exec java -Xmx2g -cp "$cp" io.streamlytics.app.bench.ReplayBenchmark "$log"

#!/usr/bin/env bash
# App logs benchmark on the embedded broker: HTTP ingest of 10k-line NDJSON batches, then search latency.
# Usage: bench/app-logs.sh [lines]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor build, so the app runs against this checkout's topology classes
mvn -B -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench-classpath.txt)" \
     io.streamlytics.app.bench.AppLogsBenchmark "$@"

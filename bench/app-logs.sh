#!/usr/bin/env bash
# App logs benchmark on the embedded broker: HTTP ingest of 10k-line NDJSON batches, then search latency.
# Usage: bench/app-logs.sh [lines]   (default 1000000); the same as bench/run.sh app-logs [lines]
exec "$(dirname "$0")/run.sh" app-logs "$@"

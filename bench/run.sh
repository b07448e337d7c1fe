#!/usr/bin/env bash
# Runs one benchmark against this checkout: bench/run.sh NAME [options]
#   NAME: throughput | queries | freshness | memory | recovery   (bench/run.sh NAME --help lists the options of any)
#         flyer-vs-spark                                         (also builds bench-spark with -Pspark: BENCHMARKS.md, section 6)
#         app-logs [lines] | flyer [events]                      (the earlier pipelines' own benchmarks)
#         spark-replay LOG [partitions]                          (the replay command; see bench/spark-replay.sh)
#         spark-scale LOG OUT LINES                              (a Spark event log scaled up to LINES lines)
# Figures and charts go to bench/results/ (see BENCHMARKS.md). JAVA_OPTS adds JVM options, e.g. a JFR recording:
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile" bench/run.sh throughput
# to the benchmark's own JVM; BENCH_SERVE_JAVA_OPTS adds them to every instance it starts as a process (serve).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh NAME [options]}"
shift
# one reactor build, so the benchmark runs against this checkout's app and topology classes
mvn -B -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
if [ "$name" = flyer-vs-spark ]; then
  # the Spark peer job: only this profile pulls Spark, and it runs in its own JVM on this classpath
  mvn -B -q -Pspark -pl bench-spark compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
  set -- --spark-classpath "bench-spark/target/classes:$(cat bench-spark/target/classpath.txt)" "$@"
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} -cp "$classpath" io.streamlytics.bench.BenchMain "$name" "$@"

package io.streamlytics.bench;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.app.Main;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.app.kafka.KafkaConnection;
import picocli.CommandLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the replay command: one event log replayed into spark-events on a fresh embedded broker,
 * three times; prints each run and the median in events/s: {@code bench/run.sh spark-replay LOG [PARTITIONS]}.
 */
@Command(name = "spark-replay", mixinStandardHelpOptions = true, description = "The replay command: one Spark event log replayed into spark-events, three times; events/s.")
public final class ReplayBenchmark implements Callable<Integer> {
    @Parameters(index = "0", description = "the Spark event log to replay")
    Path log;
    @Parameters(index = "1", arity = "0..1", defaultValue = "6", description = "partitions of spark-events (default ${DEFAULT-VALUE})")
    int partitions;


    private static final int RUNS = 3;

    @Override
    public Integer call() throws Exception {
        long lines;
        try (Stream<String> all = Files.lines(log)) {
            lines = all.filter(line -> !line.isBlank()).count();
        }
        Path dir = Files.createTempDirectory("replay-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            double[] rates = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                String prefix = "run" + run + "-";
                TopicSetup.ensure(KafkaConnection.of(broker.bootstrapServers()), List.of(prefix + "spark-events"), partitions, (short) -1, TopologyConfig.defaults().retention());
                long started = System.nanoTime();
                int exit = new CommandLine(new Main()).execute("replay", "spark-events", log.toString(),
                        "--bootstrap-servers", broker.bootstrapServers(), "--topic-prefix", prefix);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (exit != 0) {
                    throw new IllegalStateException("replay exited with " + exit);
                }
                rates[run] = lines / seconds;
                System.out.printf(Locale.ROOT, "run %d: %d lines (%.0f MB) in %.1f s: %.0f events/s%n", run + 1, lines,
                        Files.size(log) / 1e6, seconds, rates[run]);
            }
            Arrays.sort(rates);
            System.out.printf(Locale.ROOT, "replay of %s: median %.0f events/s (min %.0f, max %.0f) over %d runs%n",
                    log.getFileName(), rates[RUNS / 2], rates[0], rates[RUNS - 1], RUNS);
        }
        return 0;
    }
}

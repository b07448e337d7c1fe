package io.streamlytics.app.cli;

import io.streamlytics.app.sample.ApiRequestGenerator;
import io.streamlytics.app.sample.SampleFeed;
import io.streamlytics.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Produce realistic synthetic events, timed now, into a topic.")
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "topic: api-requests")
    String topic;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:STREAMLYTICS_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka to write to (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_BOOTSTRAP_SERVERS]")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "${env:STREAMLYTICS_TOPIC_PREFIX:-}", description = "prefix of topic names")
    String topicPrefix;

    @Option(names = "--rate", defaultValue = "1000", description = "requests per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--count", defaultValue = "10000", description = "requests in all (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--out-of-order", defaultValue = "0.05", description = "share timed up to 1 minute in the past (default: ${DEFAULT-VALUE})")
    double outOfOrder;

    @Option(names = "--duplicates", defaultValue = "0.01", description = "share sent twice (default: ${DEFAULT-VALUE})")
    double duplicates;

    @Option(names = "--bad", defaultValue = "0.01", description = "share followed by an invalid record (default: ${DEFAULT-VALUE})")
    double bad;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        if (!Topics.API_REQUESTS.equals(topic)) {
            System.err.println("generate: topic '" + topic + "' is not supported yet; supported: " + Topics.API_REQUESTS);
            return 2;
        }
        if (rate <= 0 || count < 0) {
            System.err.println("generate: --rate must be positive and --count zero or more");
            return 2;
        }
        var generator = new ApiRequestGenerator(seed, outOfOrder, duplicates, bad);
        long started = System.nanoTime();
        try (var feed = new SampleFeed(bootstrapServers, new Topics(topicPrefix).input(topic))) {
            long lastReport = started;
            for (long sent = 0; sent < count; sent++) {
                feed.send(generator.live(System.currentTimeMillis(), Duration.ofMinutes(1).toMillis()));
                long due = started + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("%d/%d requests sent%n", sent + 1, count);
                }
            }
            feed.flush();
        }
        System.out.printf("%d requests sent to %s in %.1f s%n", count, topic, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}

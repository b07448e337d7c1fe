package io.streamlytics.app.cli;

import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.kafka.KafkaReachability;
import io.streamlytics.app.sample.ApiRequestGenerator;
import io.streamlytics.app.sample.AppLogGenerator;
import io.streamlytics.app.sample.EventGenerator;
import io.streamlytics.app.sample.SampleFeed;
import io.streamlytics.app.sample.SparkJobGenerator;
import io.streamlytics.app.sample.UserEventGenerator;
import io.streamlytics.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        defaultValueProvider = EnvironmentDefaults.class, footer = EnvironmentDefaults.RULE,
        description = "Produce realistic synthetic events, timed now, into a topic.")
public final class GenerateCommand implements Callable<Integer> {
    static final List<String> TOPICS = List.of(Topics.API_REQUESTS, Topics.APP_LOGS, Topics.USER_EVENTS, Topics.SPARK_EVENTS);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "topic: api-requests, app-logs or user-events")
    String topic;

    @Mixin
    KafkaTargetOptions kafkaTarget;

    @Option(names = "--rate", defaultValue = "1000", description = "events per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--count", defaultValue = "10000", description = "events in all (default: ${DEFAULT-VALUE})")
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
        EventGenerator generator = generator();
        KafkaConnection kafka = kafkaTarget.connection();
        KafkaReachability.require(kafka, REACH_TIMEOUT);
        ProgressReporter progress = ProgressReporter.to(spec.commandLine().getOut(), "events");
        progress.start(count);
        long started = System.nanoTime();
        try (var feed = new SampleFeed(kafka, kafkaTarget.topics().input(topic))) {
            for (long sent = 0; sent < count; sent++) {
                feed.send(generator.live(System.currentTimeMillis(), Duration.ofMinutes(1).toMillis()));
                progress.advance(1);
                long wait = started + sent * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            feed.flush();
        }
        progress.finish();
        return 0;
    }

    /** The topic's generator; a wrong topic or share is a usage error. */
    private EventGenerator generator() {
        if (rate <= 0 || count < 0) {
            throw new IllegalArgumentException("--rate must be positive and --count zero or more");
        }
        for (double share : new double[] {outOfOrder, duplicates, bad}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("--out-of-order, --duplicates and --bad are shares from 0 to 1, got " + share);
            }
        }
        return switch (topic) {
            case Topics.API_REQUESTS -> new ApiRequestGenerator(seed, outOfOrder, duplicates, bad);
            case Topics.APP_LOGS -> new AppLogGenerator(seed, outOfOrder, duplicates, bad);
            case Topics.USER_EVENTS -> new UserEventGenerator(seed, outOfOrder, duplicates, bad);
            case Topics.SPARK_EVENTS -> new SparkJobGenerator(seed, outOfOrder, duplicates, bad);
            default -> throw new IllegalArgumentException("topic '" + topic + "' cannot be generated; one of " + String.join(", ", TOPICS));
        };
    }
}

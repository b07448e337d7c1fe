package io.streamlytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Issue 18's peer: flyer time per user by our instance and by the classic Spark SQL batch, on the same
 * generated user-events, side by side in one run. The events go once to an NDJSON file for Spark and to
 * the embedded broker for us. Each run times, from JVM launch: our instance (its own JVM, fresh state)
 * until every user's answer is queryable, and the Spark job (its own JVM) until it has exited with its
 * files written; the order alternates between runs. Both answers are checked against the two
 * definitions computed from the events ({@link PeerComparison}).
 */
@Command(name = "flyer-vs-spark", mixinStandardHelpOptions = true,
        description = "flyer time per user: our instance against the classic Spark SQL batch, same events, same run.")
public final class FlyerVsSparkBench implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--events", description = "user-events generated (default ${DEFAULT-VALUE})")
    long events = 1_000_000;
    @Option(names = "--runs", description = "runs, each timing both (default ${DEFAULT-VALUE})")
    int runs = 3;
    @Option(names = "--heap", description = "-Xmx of our instance (default ${DEFAULT-VALUE})")
    String heap = "1g";
    @Option(names = "--spark-heap", description = "-Xmx of the Spark job (default ${DEFAULT-VALUE})")
    String sparkHeap = "2g";
    @Option(names = "--spark-master", description = "the Spark job's master (default ${DEFAULT-VALUE})")
    String sparkMaster = "local[2]";
    @Option(names = "--spark-classpath", required = true, description = "classpath of bench-spark (bench/run.sh passes it)")
    String sparkClasspath;
    @Option(names = "--variant", description = "Kafka client properties of one variant of ours, e.g. statestore.cache.max.bytes=67108864"
            + " (comma-separated); '' is the default configuration. Several are each run once per run, in turn (default: the"
            + " default configuration only)")
    List<String> variants = List.of("");
    @Option(names = "--before", description = "a checkout of the code before a change, compiled (mvn -o compile -pl app -am in it):"
            + " its app and topology classes are run as one more variant of ours, with the default configuration; may be repeated")
    List<Path> before = List.of();
    @Option(names = "--partitions", split = ",", description = "partitions of user-events (default ${DEFAULT-VALUE}, the product's);"
            + " several: the events also go to one topic per further count (prefix p<count>-), on which ours runs with the"
            + " default configuration, in turn with the other variants")
    List<Integer> partitions = List.of(BenchInstances.PARTITIONS);
    @Option(names = "--out", description = "directory of the figures (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    /** One configuration of ours, as it is launched. */
    private record OurVariant(String label, ServeProcess.Launch launch) {
        static OurVariant of(ClientVariant client, int partitions) {
            return new OurVariant(client.label(), new ServeProcess.Launch(client.properties(), List.of(), partitions, ""));
        }

        static OurVariant codeBefore(Path checkout, int partitions) {
            return new OurVariant("code before (" + checkout + ")",
                    ServeProcess.Launch.codeBefore(checkout, partitions, ServeProcess.Launch.SERVE_DEFAULT_THREADS));
        }

        static OurVariant onPartitions(int partitions) {
            return new OurVariant(partitions + " partitions", new ServeProcess.Launch(Map.of(), List.of(), partitions, prefix(partitions)));
        }

        static String prefix(int partitions) {
            return "p" + partitions + "-";
        }

        String inputTopic() {
            return launch.topicPrefix() + TopologyConfig.defaults().topics().userEvents();
        }
    }

    /** Seconds from launch: ours until /ready, until no lag, and until every answer was read; the answers read. */
    private record Ours(double ready, double caughtUp, double answering, Map<String, Double> users) {
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report("flyer-vs-spark", out);
        Path work = Files.createTempDirectory("flyer-vs-spark-");
        boolean finished = false;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
            String topic = TopologyConfig.defaults().topics().userEvents();
            KafkaConnection kafka = KafkaConnection.of(broker.bootstrapServers());
            TopicSetup.ensure(kafka, List.of(topic), partitions.get(0), (short) 1, TopologyConfig.defaults().retention());
            Path file = work.resolve("user-events.ndjson");
            FlyerDefinitions definitions = new FlyerDefinitions();
            List<String[]> generated = partitions.size() > 1 ? new ArrayList<>() : null; // kept only for the copies
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                BenchKafka.load(broker.bootstrapServers(), topic, tee(new UserEventsLoad(events), writer, definitions, generated));
            }
            for (int count : partitions.subList(1, partitions.size())) {
                String copy = OurVariant.prefix(count) + topic;
                TopicSetup.ensure(kafka, List.of(copy), count, (short) 1, TopologyConfig.defaults().retention());
                BenchKafka.load(broker.bootstrapServers(), copy, generated.iterator());
            }
            generated = null; // every copy is loaded: the events need not stay in memory for the runs
            Map<String, FlyerDefinitions.User> expected = definitions.users();
            report.line("%,d user-events of %,d users, %,d MB of JSON lines, in %s and in the broker (%s partitions)",
                    events, expected.size(), Files.size(file) >> 20, file.getFileName(),
                    partitions.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            report.line("ours: serve in its own JVM, -Xmx%s, default configuration (%d stream threads: one per core), broker in the "
                    + "benchmark's JVM; Spark %s: its own JVM, -Xmx%s", heap, Runtime.getRuntime().availableProcessors(), sparkMaster, sparkHeap);

            Map<OurVariant, List<Double>> ourTimes = new LinkedHashMap<>();
            variants.forEach(variant -> ourTimes.put(OurVariant.of(new ClientVariant(variant), partitions.get(0)), new ArrayList<>()));
            before.forEach(checkout -> ourTimes.put(OurVariant.codeBefore(checkout, partitions.get(0)), new ArrayList<>()));
            partitions.subList(1, partitions.size()).forEach(count -> ourTimes.put(OurVariant.onPartitions(count), new ArrayList<>()));
            List<Double> sparkTimes = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                // Spark first in even runs; our variants in turn, starting one further each run
                List<OurVariant> order = new ArrayList<>(ourTimes.keySet());
                Collections.rotate(order, -(run - 1));
                SparkPeerJob.Result spark = run % 2 == 0 ? runSpark(report, file, work, run) : null;
                List<Ours> answers = new ArrayList<>();
                for (OurVariant variant : order) {
                    Ours ours = runOurs(report, broker.bootstrapServers(), work, run, variant, expected.size());
                    ourTimes.get(variant).add(ours.answering());
                    answers.add(ours);
                }
                if (spark == null) {
                    spark = runSpark(report, file, work, run);
                }
                PeerComparison comparison = null;
                for (Ours ours : answers) {
                    comparison = PeerComparison.check(expected, ours.users(), spark.users());
                }
                sparkTimes.add(spark.seconds());
                if (run == runs) {
                    comparison.report(report);
                }
            }
            Samples sparkSamples = Samples.of(sparkTimes);
            Samples first = null;
            for (var entry : ourTimes.entrySet()) {
                Samples ours = Samples.of(entry.getValue());
                first = first == null ? ours : first;
                report.line("wall time from JVM launch, ours, %s (every answer queryable): %s s; ours/Spark %.2f%s", entry.getKey().label(),
                        ours.summary("%.1f"), ours.median() / sparkSamples.median(),
                        ours == first ? "" : String.format(Locale.ROOT, "; against the first variant %.2f", ours.median() / first.median()));
            }
            report.line("wall time from JVM launch, Spark (files written, exited): %s s", sparkSamples.summary("%.1f"));
            finished = true;
        } finally {
            if (finished) {
                Dirs.deleteRecursively(work);
            } else {
                System.err.println("[flyer-vs-spark] kept " + work + " for the logs of both JVMs");
            }
        }
        return 0;
    }

    /** The generated events, each also written as a line of {@code writer}, given to {@code definitions} and kept in {@code kept} (when not null). */
    private static Iterator<String[]> tee(UserEventsLoad load, BufferedWriter writer, FlyerDefinitions definitions, List<String[]> kept) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return load.hasNext();
            }

            @Override
            public String[] next() {
                String[] event = load.next();
                try {
                    writer.write(event[1]);
                    writer.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                definitions.add(event[1]);
                if (kept != null) {
                    kept.add(event);
                }
                return event;
            }
        };
    }

    /**
     * A fresh instance (new application id and state directory) timed from launch until /ready (for the
     * record), until the group has committed the end of user-events and of every repartition topic, and
     * then until a read of every page of /flyer-time has all the users. Its internal topics are deleted afterwards.
     */
    private Ours runOurs(Report report, String bootstrap, Path work, int run, OurVariant variant, int users) throws Exception {
        String applicationId = "flyer-vs-spark-" + run + "-" + Integer.toHexString(variant.label().hashCode());
        Path state = work.resolve(applicationId);
        long launched = System.nanoTime();
        long deadline = launched + TIMEOUT.toNanos();
        double ready = Double.NaN;
        double caughtUp = Double.NaN;
        try (Admin admin = BenchKafka.admin(bootstrap);
             ServeProcess serve = ServeProcess.start(bootstrap, applicationId, state, 0, heap, variant.launch())) {
            while (System.nanoTime() < deadline) {
                if (Double.isNaN(ready) && Http.status(serve.baseUrl() + "/ready") == 200) {
                    ready = (System.nanoTime() - launched) / 1e9;
                }
                if (BenchKafka.processedAll(admin, applicationId, variant.inputTopic())) {
                    caughtUp = Double.isNaN(caughtUp) ? (System.nanoTime() - launched) / 1e9 : caughtUp;
                    Map<String, Double> answers = readAll(serve.baseUrl());
                    if (answers != null && answers.size() == users) {
                        Ours ours = new Ours(ready, caughtUp, (System.nanoTime() - launched) / 1e9, answers);
                        report.line("run %d, ours, %s: /ready at %.1f s, first seen with no lag on input and repartition topics at %.1f s, "
                                + "every user's answer read at %.1f s", run, variant.label(), ours.ready(), ours.caughtUp(), ours.answering());
                        return ours;
                    }
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(applicationId + ": not every user answered within " + TIMEOUT + "; see " + state + ".log");
        } finally {
            try (Admin admin = BenchKafka.admin(bootstrap)) {
                admin.deleteTopics(admin.listTopics().names().get().stream().filter(t -> t.startsWith(applicationId + "-")).toList()).all().get();
            }
            Dirs.deleteRecursively(state);
        }
    }

    private SparkPeerJob.Result runSpark(Report report, Path file, Path work, int run) throws IOException, InterruptedException {
        SparkPeerJob.Result spark = SparkPeerJob.run(sparkClasspath, sparkHeap, sparkMaster, file, work.resolve("spark-" + run));
        report.line("run %d, Spark: exited with its files written at %.1f s", run, spark.seconds());
        return spark;
    }

    /** Every page of /flyer-time, user → average hours; null while the server does not answer 200 to every page. */
    private static Map<String, Double> readAll(String baseUrl) throws IOException, InterruptedException {
        Map<String, Double> users = new HashMap<>();
        String after = null;
        while (true) {
            String url = baseUrl + "/flyer-time?limit=" + PAGE + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            Http.Reply reply;
            try {
                reply = Http.get(url);
            } catch (IOException e) {
                return null; // not listening yet
            }
            if (reply.status() != 200) {
                return null;
            }
            JsonNode page = JSON.readTree(reply.body());
            for (JsonNode row : page) {
                after = row.get("user_id").asText();
                users.put(after, row.get("avg_time_on_flyer_per_user_hours").asDouble());
            }
            if (page.size() < PAGE) {
                return users;
            }
        }
    }
}

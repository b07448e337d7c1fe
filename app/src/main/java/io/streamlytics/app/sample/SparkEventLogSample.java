package io.streamlytics.app.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.SparkEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real Spark event log for the demo: the one the topology's tests check against Spark's own figures (a local Spark
 * run of a few jobs, failed and retried tasks included), its points in time moved so that it starts at a given moment;
 * a log kept by the retention must be recent.
 */
public final class SparkEventLogSample {
    private static final String RESOURCE = "/demo/local-eventlog.ndjson";
    /** The fields that hold a moment (epoch milliseconds); the other "Time" fields are durations. */
    private static final Set<String> MOMENTS = Set.of("Timestamp", "Submission Time", "Completion Time", "Launch Time",
            "Finish Time", "Getting Result Time");
    private static final long EPOCH_MILLIS_FLOOR = 1_000_000_000_000L;

    private final String appId;
    private final long firstJobId;
    private final List<String> lines;

    private SparkEventLogSample(String appId, long firstJobId, List<String> lines) {
        this.appId = appId;
        this.firstJobId = firstJobId;
        this.lines = lines;
    }

    /** The log with its first moment at {@code startMs}. */
    public static SparkEventLogSample startingAt(long startMs) {
        List<ObjectNode> events = new ArrayList<>();
        try (InputStream in = SparkEventLogSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add((ObjectNode) EventJson.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        long[] first = {Long.MAX_VALUE};
        events.forEach(event -> eachMoment(event, (owner, field, millis) -> first[0] = Math.min(first[0], millis)));
        long delta = first[0] == Long.MAX_VALUE ? 0 : startMs - first[0];
        String appId = null;
        long firstJobId = -1;
        List<String> lines = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            // replacing the value of a field is no structural change to the object being walked
            eachMoment(event, (owner, field, millis) -> owner.put(field, millis + delta));
            appId = appId == null ? SparkEventParser.announcedAppId(event) : appId;
            if (firstJobId < 0 && "SparkListenerJobStart".equals(event.path("Event").asText())) {
                firstJobId = event.path("Job ID").asLong();
            }
            lines.add(event.toString());
        }
        if (appId == null || firstJobId < 0) {
            throw new IllegalStateException(RESOURCE + " has no application start or no job");
        }
        return new SparkEventLogSample(appId, firstJobId, lines);
    }

    public String appId() {
        return appId;
    }

    public long firstJobId() {
        return firstJobId;
    }

    /** The lines, in their order; sent with the application id as their key, as {@code replay} does. */
    public List<String> lines() {
        return lines;
    }

    /** Calls {@code visit} with every moment field of {@code node} and of what it contains, and its object. */
    private static void eachMoment(JsonNode node, MomentVisitor visit) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (MOMENTS.contains(field.getKey()) && field.getValue().isIntegralNumber()
                        && field.getValue().asLong() > EPOCH_MILLIS_FLOOR) {
                    visit.moment((ObjectNode) node, field.getKey(), field.getValue().asLong());
                } else {
                    eachMoment(field.getValue(), visit);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> eachMoment(child, visit));
        }
    }

    private interface MomentVisitor {
        void moment(ObjectNode owner, String field, long epochMillis);
    }
}

package io.streamlytics.app.query;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindowAggregate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /endpoints/metrics} and {@code /endpoints/top}: endpoint windows are partial per partition,
 * so both gather the partials of every partition from every instance and merge them.
 */
public final class EndpointMetricsQuery {
    public static final String PARTIALS_PATH = "/internal/endpoint-partials";

    /** What top-N ranks by; each ranks highest first. */
    public enum Ranking {
        P99("p99", Comparator.comparingDouble(EndpointMetrics::p99)),
        ERROR_RATE("error_rate", Comparator.comparingDouble(EndpointMetrics::errorRate)),
        COUNT("count", Comparator.comparingLong(EndpointMetrics::count));

        public final String label;
        final Comparator<EndpointMetrics> order;

        Ranking(String label, Comparator<EndpointMetrics> order) {
            this.label = label;
            this.order = order;
        }
    }

    private final EndpointPartials partials;
    private final PartitionGatherer gatherer;

    public EndpointMetricsQuery(EndpointPartials partials, PartitionGatherer gatherer) {
        this.partials = partials;
        this.gatherer = gatherer;
    }

    /** One endpoint's windows starting in [from, to], oldest first. */
    public List<EndpointMetrics> metrics(String endpoint, TimeWindow window, Instant from, Instant to) {
        return merged(window, endpoint, from, to).entrySet().stream()
                .map(entry -> entry.getValue().toRow(endpoint, window, entry.getKey().windowStart()))
                .toList();
    }

    /** The {@code n} endpoints ranking highest in the window that contains {@code at}; ties by endpoint name. */
    public List<EndpointMetrics> top(Ranking ranking, TimeWindow window, Instant at, int n) {
        Instant start = Instant.ofEpochMilli(window.startOf(at.toEpochMilli()));
        return merged(window, null, start, start).entrySet().stream()
                .map(entry -> entry.getValue().toRow(entry.getKey().endpoint(), window, entry.getKey().windowStart()))
                .sorted(ranking.order.reversed().thenComparing(EndpointMetrics::endpoint))
                .limit(n)
                .toList();
    }

    private record WindowKey(String endpoint, long windowStart) implements Comparable<WindowKey> {
        @Override
        public int compareTo(WindowKey other) {
            int byStart = Long.compare(windowStart, other.windowStart);
            return byStart != 0 ? byStart : endpoint.compareTo(other.endpoint);
        }
    }

    private Map<WindowKey, EndpointWindowAggregate> merged(TimeWindow window, String endpoint, Instant from, Instant to) {
        String remote = PARTIALS_PATH + "?window=" + window.label() + "&from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli()
                + (endpoint == null ? "" : "&endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8));
        Map<WindowKey, EndpointWindowAggregate> merged = new TreeMap<>();
        for (List<EndpointPartials.Partial> part : gatherer.gather(() -> partials.readLocal(window, endpoint, from, to),
                remote, EndpointPartials::decode)) {
            for (EndpointPartials.Partial partial : part) {
                merged.computeIfAbsent(new WindowKey(partial.endpoint(), partial.windowStart()), key -> new EndpointWindowAggregate())
                        .merge(partial.aggregate());
            }
        }
        return merged;
    }
}

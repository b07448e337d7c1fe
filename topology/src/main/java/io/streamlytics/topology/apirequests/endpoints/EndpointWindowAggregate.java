package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.sketch.DurationSummary;

import java.time.Instant;

/**
 * One endpoint's requests in one window, as seen by one partition. Partials of all partitions merge
 * into the endpoint's whole window (counts add, duration summaries merge), so a p99 across partitions
 * comes from merged sketches, never from averaged percentiles.
 */
public final class EndpointWindowAggregate {
    long errors4xx;
    long errors5xx;
    final DurationSummary durations;

    public EndpointWindowAggregate() {
        this(new DurationSummary());
    }

    EndpointWindowAggregate(DurationSummary durations) {
        this.durations = durations;
    }

    public void add(ApiRequest request) {
        if (request.failed()) {
            errors5xx++;
        } else if (request.clientError()) {
            errors4xx++;
        }
        durations.add(request.durationMs());
    }

    public void merge(EndpointWindowAggregate other) {
        errors4xx += other.errors4xx;
        errors5xx += other.errors5xx;
        durations.merge(other.durations);
    }

    public long count() {
        return durations.count();
    }

    /** Share of requests that failed with 5xx, 0..1. */
    public double errorRate() {
        return count() == 0 ? 0.0 : (double) errors5xx / count();
    }

    public double percentile(double q) {
        return durations.percentile(q);
    }

    public EndpointMetrics toRow(String endpoint, TimeWindow window, long windowStart) {
        long sizeMs = window.size().toMillis();
        return new EndpointMetrics(endpoint, window.label(), Instant.ofEpochMilli(windowStart).toString(),
                Instant.ofEpochMilli(windowStart + sizeMs).toString(), count(), count() * 1000.0 / sizeMs,
                errors4xx, errors5xx, errorRate(), durations.min(), durations.max(), durations.mean(),
                durations.percentile(0.95), durations.percentile(0.99));
    }
}

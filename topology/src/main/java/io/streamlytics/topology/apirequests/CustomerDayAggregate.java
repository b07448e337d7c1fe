package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.sketch.DurationSummary;

import java.util.BitSet;

/**
 * Running totals of one customer's day: counts, a duration summary, and two minute bitmaps for
 * uptime. Everything here merges (counts add, summaries merge, bitmaps OR), so partial days from
 * different partitions or instances combine without loss.
 */
public final class CustomerDayAggregate {
    static final int MINUTES_PER_DAY = 1440;

    long successRequests;
    long failedRequests;
    long clientErrors;
    final DurationSummary durations;
    /** Minutes of the day with at least one request. */
    final BitSet activeMinutes;
    /** Minutes of the day with at least one request that did not fail. */
    final BitSet healthyMinutes;

    public CustomerDayAggregate() {
        this(new DurationSummary(), new BitSet(MINUTES_PER_DAY), new BitSet(MINUTES_PER_DAY));
    }

    CustomerDayAggregate(DurationSummary durations, BitSet activeMinutes, BitSet healthyMinutes) {
        this.durations = durations;
        this.activeMinutes = activeMinutes;
        this.healthyMinutes = healthyMinutes;
    }

    public void add(ApiRequest request, long dayStart) {
        if (request.failed()) {
            failedRequests++;
        } else if (request.clientError()) {
            clientErrors++;
        } else {
            successRequests++;
        }
        durations.add(request.durationMs());
        int minute = (int) ((request.timestamp() - dayStart) / 60_000);
        activeMinutes.set(minute);
        if (!request.failed()) {
            healthyMinutes.set(minute);
        }
    }

    public void merge(CustomerDayAggregate other) {
        successRequests += other.successRequests;
        failedRequests += other.failedRequests;
        clientErrors += other.clientErrors;
        durations.merge(other.durations);
        activeMinutes.or(other.activeMinutes);
        healthyMinutes.or(other.healthyMinutes);
    }

    public long requests() {
        return successRequests + failedRequests + clientErrors;
    }

    public CustomerDailyStats toRow(String customerId, long dayStart) {
        return CustomerDailyStats.of(customerId, dayStart, successRequests, failedRequests, clientErrors,
                durations.mean(), durations.percentile(0.50), durations.percentile(0.99), uptimePercentage());
    }

    /** Share of active minutes in which at least one request did not fail, x 100, two decimals. */
    double uptimePercentage() {
        int active = activeMinutes.cardinality();
        return active == 0 ? 100.0 : Math.round(healthyMinutes.cardinality() * 10_000.0 / active) / 100.0;
    }
}

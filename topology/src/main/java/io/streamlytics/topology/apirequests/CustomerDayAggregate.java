package io.streamlytics.topology.apirequests;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.sketch.Quantiles;

import java.util.BitSet;
import java.util.function.Supplier;

/**
 * Running totals of one customer's day: counts, duration sum and sketch, and two minute bitmaps for
 * uptime. Everything here merges (counts add, sketches merge, bitmaps OR), so partial days from
 * different partitions or instances combine without loss.
 */
public final class CustomerDayAggregate {
    /** Half the contract's 1% bound, leaving room for the rank convention of the sketch. */
    public static final double RELATIVE_ACCURACY = 0.005;
    public static final int MAX_SKETCH_BINS = 2048;
    public static final Supplier<Store> SKETCH_STORE = () -> new CollapsingLowestDenseStore(MAX_SKETCH_BINS);
    static final int MINUTES_PER_DAY = 1440;

    long successRequests;
    long failedRequests;
    long clientErrors;
    /**
     * Sum of durations in whole microseconds: an integer sum is the same in any order and after any merge,
     * so backfill and live give the same mean to the last digit (a double sum does not).
     */
    long durationSumMicros;
    final DDSketch durations;
    /** Minutes of the day with at least one request. */
    final BitSet activeMinutes;
    /** Minutes of the day with at least one request that did not fail. */
    final BitSet healthyMinutes;

    public CustomerDayAggregate() {
        this(DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_SKETCH_BINS), new BitSet(MINUTES_PER_DAY), new BitSet(MINUTES_PER_DAY));
    }

    CustomerDayAggregate(DDSketch durations, BitSet activeMinutes, BitSet healthyMinutes) {
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
        durationSumMicros += Math.round(request.durationMs() * 1000);
        durations.accept(request.durationMs());
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
        durationSumMicros += other.durationSumMicros;
        durations.mergeWith(other.durations);
        activeMinutes.or(other.activeMinutes);
        healthyMinutes.or(other.healthyMinutes);
    }

    public long requests() {
        return successRequests + failedRequests + clientErrors;
    }

    public CustomerDailyStats toRow(String customerId, long dayStart) {
        long requests = requests();
        return CustomerDailyStats.of(customerId, dayStart, successRequests, failedRequests, clientErrors,
                requests == 0 ? 0.0 : durationSumMicros / 1000.0 / requests,
                Quantiles.nearestRank(durations, 0.50),
                Quantiles.nearestRank(durations, 0.99),
                uptimePercentage());
    }

    /** Share of active minutes in which at least one request did not fail, x 100, two decimals. */
    double uptimePercentage() {
        int active = activeMinutes.cardinality();
        return active == 0 ? 100.0 : Math.round(healthyMinutes.cardinality() * 10_000.0 / active) / 100.0;
    }
}

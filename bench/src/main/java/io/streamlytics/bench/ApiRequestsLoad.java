package io.streamlytics.bench;

import java.time.Instant;
import java.util.Iterator;
import java.util.Random;

/**
 * Synthetic api-requests for the benchmarks: {@code customers} customers (each once, then picked uniformly), 40
 * endpoints, log-normal latencies, 3% client errors and 1% failures, each with a unique
 * request_id, ISO-8601 timestamps moving evenly from {@code start} over {@code spanMs}. Seeded.
 */
public final class ApiRequestsLoad implements Iterator<String[]> {
    public static final Instant DEFAULT_START = Instant.parse("2024-09-03T00:00:00Z");
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] RESOURCES = {"orders", "products", "search", "payments", "users", "carts", "invoices", "reviews",
            "shipping", "stock"};
    private static final int ENDPOINTS = 40;

    private final Random random = new Random(20240903L);
    private final int customers;
    private final long count;
    private final long startMs;
    private final double stepMs;
    private long produced;

    public ApiRequestsLoad(long count, int customers, Instant start, long spanMs) {
        this.count = count;
        this.customers = customers;
        this.startMs = start.toEpochMilli();
        this.stepMs = (double) spanMs / Math.max(1, count);
    }

    public static String customerId(int index) {
        return "cust_" + index;
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    /** The next event: its key (customer id) and JSON value. */
    @Override
    public String[] next() {
        return next(startMs + (long) (produced * stepMs));
    }

    /** The next event, at {@code timestampMs}. */
    public String[] next(long timestampMs) {
        // every customer once first, so a load at least as large as the customers has them all in state
        String customer = customerId(produced < customers ? (int) produced : random.nextInt(customers));
        produced++;
        int endpoint = random.nextInt(ENDPOINTS);
        int roll = random.nextInt(100);
        int status = roll == 0 ? 503 : roll < 4 ? 404 : 200;
        double duration = Math.round(Math.exp(3 + endpoint % 5 * 0.4 + random.nextGaussian() * 0.6) * 10) / 10.0;
        String json = "{\"timestamp\":\"" + Instant.ofEpochMilli(timestampMs) + "\",\"customer_id\":\"" + customer
                + "\",\"method\":\"" + METHODS[endpoint % METHODS.length] + "\",\"request_path\":\"/api/v1/"
                + RESOURCES[endpoint % RESOURCES.length] + "/" + endpoint / RESOURCES.length + "\",\"status_code\":" + status
                + ",\"duration_ms\":" + duration + ",\"request_id\":\"r-" + Long.toHexString(random.nextLong()) + "\"}";
        return new String[] {customer, json};
    }
}

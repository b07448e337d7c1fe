package io.streamlytics.app.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Realistic api-requests: a few customers and endpoints, log-normal latencies with slow endpoints,
 * some 4xx and 5xx (one customer has a bad hour), and on request out-of-order, duplicate and bad records.
 */
public final class ApiRequestGenerator implements EventGenerator {
    public static final int INCIDENT_MINUTES = 5;
    private static final String[] CUSTOMERS = {"cust_acme", "cust_globex", "cust_initech", "cust_umbrella", "cust_hooli"};
    private static final String[][] ENDPOINTS = {
            {"GET", "/api/v1/orders", "35"}, {"POST", "/api/v1/orders", "120"}, {"GET", "/api/v1/products", "20"},
            {"GET", "/api/v1/search", "250"}, {"POST", "/api/v1/payments", "400"}, {"GET", "/health", "2"}};
    private static final String[] BAD_RECORDS = {
            "{\"timestamp\":\"not-a-time\",\"customer_id\":\"cust_acme\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1}",
            "{\"customer_id\":\"cust_acme\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1}",
            "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"customer_id\":\"cust_acme\",\"request_path\":\"/x\",\"status_code\":\"OK\",\"duration_ms\":1}",
            "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"customer_id\":\"cust_acme\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":-5}",
            "{this is not json"};

    private final Random random;
    private final double outOfOrder;
    private final double duplicates;
    private final double bad;
    private long sequence;

    /** Shares are fractions 0..1 of the produced records. */
    public ApiRequestGenerator(long seed, double outOfOrder, double duplicates, double bad) {
        this.random = new Random(seed);
        this.outOfOrder = outOfOrder;
        this.duplicates = duplicates;
        this.bad = bad;
    }

    /**
     * The records to produce for {@code count} requests spread evenly over [from, to), in produce
     * order: by event time, except that out-of-order events and duplicate copies are produced up to
     * {@code maxDisorderMs} later than their event time, and bad records are mixed in.
     */
    public List<String> between(Instant from, Instant to, int count, long maxDisorderMs) {
        return between(from, to, count, maxDisorderMs, null);
    }

    /**
     * As {@link #between(Instant, Instant, int, long)}, with an incident of {@code GET /api/v1/search} at {@code incident}
     * when it is not null: {@link #INCIDENT_MINUTES} minutes of 30 requests a minute, eight times slower and a third of
     * them 5xx, after half an hour of the same rate as usual, so that the anomaly detector has a baseline to flag it on.
     */
    public List<String> between(Instant from, Instant to, int count, long maxDisorderMs, Instant incident) {
        record Produced(long at, String record) {
        }
        List<Produced> records = new ArrayList<>(count + count / 10);
        if (incident != null) {
            long start = incident.toEpochMilli() - Duration.ofMinutes(30).toMillis();
            for (long at = start; at < incident.toEpochMilli() + Duration.ofMinutes(INCIDENT_MINUTES).toMillis(); at += 2_000) {
                boolean bad = at >= incident.toEpochMilli();
                records.add(new Produced(at, search(at, bad)));
            }
        }
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < count; i++) {
            long timestamp = from.toEpochMilli() + span * i / Math.max(1, count);
            String event = request(timestamp);
            records.add(new Produced(timestamp + (random.nextDouble() < outOfOrder ? lag(maxDisorderMs) : 0), event));
            if (random.nextDouble() < duplicates) {
                records.add(new Produced(timestamp + lag(maxDisorderMs), event));
            }
            if (random.nextDouble() < bad) {
                records.add(new Produced(timestamp, BAD_RECORDS[random.nextInt(BAD_RECORDS.length)]));
            }
        }
        records.sort(Comparator.comparingLong(Produced::at));
        return records.stream().map(Produced::record).toList();
    }

    /**
     * The records for one request happening now: out-of-order ones carry an event time up to
     * {@code maxDisorderMs} in the past; a duplicate is the same record twice; a bad record may follow.
     */
    @Override
    public List<String> live(long nowMs, long maxDisorderMs) {
        List<String> records = new ArrayList<>(3);
        String event = request(random.nextDouble() < outOfOrder ? nowMs - lag(maxDisorderMs) : nowMs);
        records.add(event);
        if (random.nextDouble() < duplicates) {
            records.add(event);
        }
        if (random.nextDouble() < bad) {
            records.add(BAD_RECORDS[random.nextInt(BAD_RECORDS.length)]);
        }
        return records;
    }

    private long lag(long maxMs) {
        return maxMs <= 0 ? 0 : 1 + (long) (random.nextDouble() * maxMs);
    }

    private String search(long timestamp, boolean incident) {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        event.put("customer_id", CUSTOMERS[random.nextInt(CUSTOMERS.length)]);
        event.put("method", "GET");
        event.put("request_path", "/api/v1/search");
        event.put("status_code", incident && random.nextInt(3) == 0 ? 503 : 200);
        event.put("duration_ms", Math.round((incident ? 2000 : 250) * Math.exp(0.3 * random.nextGaussian()) * 10) / 10.0);
        event.put("request_id", "r-" + Long.toHexString(random.nextLong() & 0xffffffffffffL) + "-" + sequence++);
        return event.toString();
    }

    /** One valid request at {@code timestamp}. */
    public String request(long timestamp) {
        String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        String[] endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
        double median = Double.parseDouble(endpoint[2]);
        double duration = Math.round(median * Math.exp(0.6 * random.nextGaussian()) * 10) / 10.0;
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        event.put("customer_id", customer);
        event.put("method", endpoint[0]);
        event.put("request_path", endpoint[1]);
        event.put("status_code", status(customer, timestamp));
        event.put("duration_ms", duration);
        event.put("request_id", "r-" + Long.toHexString(random.nextLong() & 0xffffffffffffL) + "-" + sequence++);
        return event.toString();
    }

    private int status(String customer, long timestamp) {
        boolean badHour = customer.equals("cust_umbrella") && (timestamp / 3_600_000) % 24 == 13;
        double roll = random.nextDouble();
        if (roll < (badHour ? 0.4 : 0.01)) {
            return random.nextBoolean() ? 500 : 503;
        }
        if (roll < (badHour ? 0.45 : 0.05)) {
            return random.nextBoolean() ? 404 : 429;
        }
        return random.nextInt(10) == 0 ? 201 : 200;
    }
}

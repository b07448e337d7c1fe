package io.streamlytics.app.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded data set of api-requests and app-logs with the figures an exactly-once run must show for
 * it: per customer and day the request counts by outcome, per app the lines by level. Every request
 * has its own request_id and events are in time order within one day, so none is a duplicate or late.
 */
record KnownDataSet(List<Event> events, Map<String, CustomerDay> customers, Map<String, Map<String, Long>> appLevels) {
    static final String DAY = "2024-09-03";
    private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};

    record Event(String topic, String key, String json) {
    }

    /** What {@code /customers/{id}/stats} must answer for {@link #DAY}. */
    record CustomerDay(long success, long failed, long clientErrors, long durationSumMs) {
        CustomerDay plus(int status, long durationMs) {
            return new CustomerDay(success + (status < 400 ? 1 : 0), failed + (status >= 500 ? 1 : 0),
                    clientErrors + (status >= 400 && status < 500 ? 1 : 0), durationSumMs + durationMs);
        }

        long count() {
            return success + failed + clientErrors;
        }
    }

    static KnownDataSet generate(Random random, int requests, int logLines) {
        List<Event> events = new ArrayList<>();
        Map<String, CustomerDay> customers = new TreeMap<>();
        Map<String, Map<String, Long>> appLevels = new TreeMap<>();
        long start = Instant.parse(DAY + "T00:00:00Z").toEpochMilli();
        long step = 20 * 3_600_000L / (requests + logLines);
        for (int i = 0, logs = 0; i < requests || logs < logLines; ) {
            long timestamp = start + (long) (i + logs) * step;
            if (logs >= logLines || (i < requests && random.nextInt(requests + logLines) < requests)) {
                String customer = "cust_" + random.nextInt(5);
                int status = random.nextInt(10) < 7 ? 200 : random.nextBoolean() ? 404 : 503;
                long duration = 1 + random.nextInt(500);
                events.add(new Event("api-requests", customer, "{\"timestamp\":\"" + Instant.ofEpochMilli(timestamp)
                        + "\",\"customer_id\":\"" + customer + "\",\"request_path\":\"/api/v1/items/" + random.nextInt(4)
                        + "\",\"status_code\":" + status + ",\"duration_ms\":" + duration + ",\"request_id\":\"crash-" + i + "\"}"));
                customers.merge(customer, new CustomerDay(0, 0, 0, 0).plus(status, duration), (a, b) -> a.plus(status, duration));
                i++;
            } else {
                String app = "app_" + random.nextInt(3);
                String level = LEVELS[random.nextInt(LEVELS.length)];
                events.add(new Event("app-logs", app, "{\"timestamp\":\"" + Instant.ofEpochMilli(timestamp) + "\",\"app\":\""
                        + app + "\",\"level\":\"" + level + "\",\"message\":\"line " + logs + "\"}"));
                appLevels.computeIfAbsent(app, name -> new TreeMap<>()).merge(level, 1L, Long::sum);
                logs++;
            }
        }
        return new KnownDataSet(events, customers, appLevels);
    }
}

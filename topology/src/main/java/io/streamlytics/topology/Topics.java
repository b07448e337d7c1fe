package io.streamlytics.topology;

import java.util.List;

/** Topic names, with the optional prefix from configuration. Internal topics are named by Kafka Streams. */
public record Topics(String prefix) {
    public static final String API_REQUESTS = "api-requests";
    public static final String SPARK_EVENTS = "spark-events";
    public static final String USER_EVENTS = "user-events";
    public static final String APP_LOGS = "app-logs";

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    public String apiRequests() {
        return prefix + API_REQUESTS;
    }

    public String appLogs() {
        return prefix + APP_LOGS;
    }

    public String sparkEvents() {
        return prefix + SPARK_EVENTS;
    }

    /** Every change of a job's analytics, keyed by job ({@code job_id}, or {@code app_id/job_id}). */
    public String jobAnalytics() {
        return prefix + "job-analytics";
    }

    public String userEvents() {
        return prefix + USER_EVENTS;
    }

    public String deadLetters() {
        return prefix + "dead-letters";
    }

    public String lateEvents() {
        return prefix + "late-events";
    }

    /** Events dropped as duplicates, kept for audit and for the duplicate counts of /quality. */
    public String duplicateEvents() {
        return prefix + "duplicate-events";
    }

    public String customerDailyStats() {
        return prefix + "customer-daily-stats";
    }

    public String endpointMetrics() {
        return prefix + "endpoint-metrics";
    }

    public String anomalies() {
        return prefix + "anomalies";
    }

    public String flyerTime() {
        return prefix + "flyer-time";
    }

    /** Full name of an input topic given by its contract name, e.g. {@code api-requests}. */
    public String input(String contractName) {
        return prefix + contractName;
    }

    public List<String> inputs() {
        return List.of(API_REQUESTS, SPARK_EVENTS, USER_EVENTS, APP_LOGS).stream().map(this::input).toList();
    }

    public List<String> outputs() {
        return List.of(deadLetters(), lateEvents(), duplicateEvents(), customerDailyStats(), endpointMetrics(), anomalies(), flyerTime(),
                jobAnalytics());
    }
}

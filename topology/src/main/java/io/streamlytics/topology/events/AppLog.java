package io.streamlytics.topology.events;

/**
 * One application log line (topic app-logs), validated and normalised.
 *
 * @param otherFields every other field of the line (trace_id, metadata, unknown ones) as a JSON object, or null
 */
public record AppLog(long timestamp, String app, String service, LogLevel level, String message, String otherFields) {
}

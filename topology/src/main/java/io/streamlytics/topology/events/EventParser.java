package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates one raw JSON event of a topic into its domain record. Shared by the topology and HTTP ingest. */
public interface EventParser<E> {

    /** @param nowMs wall-clock time, to reject timestamps too far in the future */
    E parse(JsonNode json, long nowMs) throws InvalidEventException;

    /**
     * @param receivedAtMs when the event was received (the Kafka record's timestamp): the event time of
     *                     topics whose events may leave it out
     */
    default E parse(JsonNode json, long nowMs, long receivedAtMs) throws InvalidEventException {
        return parse(json, nowMs);
    }

    default E parse(byte[] raw, long nowMs) throws InvalidEventException {
        return parse(EventJson.readTree(raw), nowMs);
    }

    default E parse(byte[] raw, long nowMs, long receivedAtMs) throws InvalidEventException {
        return parse(EventJson.readTree(raw), nowMs, receivedAtMs);
    }

    /** A record as read from its topic; topics whose events may name their group in the record key override this. */
    default E parse(byte[] key, byte[] raw, long nowMs, long receivedAtMs) throws InvalidEventException {
        return parse(raw, nowMs, receivedAtMs);
    }
}

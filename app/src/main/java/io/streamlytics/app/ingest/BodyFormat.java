package io.streamlytics.app.ingest;

/** How an ingest body lists its events. */
public enum BodyFormat {
    /** One JSON object, or a JSON array of them. */
    JSON,
    /** One JSON value per line. */
    NDJSON,
    /** A JSON array if the body starts with one, NDJSON otherwise: the earlier log service's rule, whatever the content type. */
    ARRAY_ELSE_NDJSON
}

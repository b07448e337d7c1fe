package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;

/** A group of related routes (one pipeline's queries, ingest, operations) that adds itself to the server. */
@FunctionalInterface
public interface Routes {
    void register(JavalinConfig config);
}

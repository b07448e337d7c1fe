package io.streamlytics.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestParser;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogParser;
import io.streamlytics.topology.events.EventParser;
import io.streamlytics.topology.events.InvalidEventException;
import io.streamlytics.topology.events.SparkEventParser;
import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.events.UserEventParser;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;

import java.util.Map;
import java.util.Optional;

/** An input topic that HTTP ingest accepts: its validation (the topology's own parser) and its record key. */
public record IngestTopic<E>(String contractName, EventParser<E> parser, java.util.function.Function<E, String> keyOf) {

    /** Topics accepted by {@code POST /ingest/{topic}}; the others join as their pipelines land. */
    public static final Map<String, IngestTopic<?>> SUPPORTED = Map.of(
            Topics.API_REQUESTS, new IngestTopic<>(Topics.API_REQUESTS, new ApiRequestParser(), ApiRequest::customerId),
            Topics.APP_LOGS, new IngestTopic<>(Topics.APP_LOGS, new AppLogParser(), AppLog::app),
            Topics.USER_EVENTS, new IngestTopic<>(Topics.USER_EVENTS, new UserEventParser(), UserEvent::userId),
            // event-log lines are keyed by their application, simplified events by job (other listener events by nothing)
            Topics.SPARK_EVENTS, new IngestTopic<>(Topics.SPARK_EVENTS, new SparkEventParser(), SparkJobsPipeline::routingKey));

    public static Optional<IngestTopic<?>> named(String name) {
        return Optional.ofNullable(SUPPORTED.get(name));
    }

    /** Validates one event and returns the key to produce it with. */
    public String validate(JsonNode event, long nowMs) throws InvalidEventException {
        return keyOf.apply(parser.parse(event, nowMs));
    }
}

package io.streamlytics.app.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindow;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindowAggregate;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindowAggregateSerde;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This instance's partial endpoint windows, read from its active partitions, and their wire form
 * between instances: each aggregate travels whole (sketch included), so the receiver merges exactly.
 */
public final class EndpointPartials {
    private static final EndpointWindowAggregateSerde SERDE = new EndpointWindowAggregateSerde();

    /** One partition's aggregate of one endpoint in one window. */
    public record Partial(String endpoint, long windowStart, EndpointWindowAggregate aggregate) {
    }

    record Wire(@JsonProperty("partitions") Set<Integer> partitions, @JsonProperty("partials") List<WirePartial> partials) {
    }

    record WirePartial(@JsonProperty("endpoint") String endpoint, @JsonProperty("window_start") long windowStart,
                       @JsonProperty("aggregate") String aggregate) {
    }

    private final KafkaStreams streams;

    public EndpointPartials(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Windows starting in [from, to] of one endpoint, or of all endpoints when {@code endpoint} is null. */
    public PartitionGatherer.Part<List<Partial>> readLocal(EndpointWindow window, String endpoint, Instant from, Instant to) {
        return endpoint == null ? readRange(window, from, to) : readKey(window, endpoint, from, to);
    }

    private PartitionGatherer.Part<List<Partial>> readKey(EndpointWindow window, String endpoint, Instant from, Instant to) {
        var request = StateQueryRequest.inStore(window.store())
                .withQuery(WindowKeyQuery.<String, EndpointWindowAggregate>withKeyAndWindowStartRange(endpoint, from, to))
                .requireActive();
        Set<Integer> answered = new TreeSet<>();
        List<Partial> partials = new ArrayList<>();
        for (Map.Entry<Integer, QueryResult<WindowStoreIterator<EndpointWindowAggregate>>> result : run(request).entrySet()) {
            if (result.getValue().isSuccess()) {
                answered.add(result.getKey());
                try (WindowStoreIterator<EndpointWindowAggregate> windows = result.getValue().getResult()) {
                    windows.forEachRemaining(kv -> partials.add(new Partial(endpoint, kv.key, kv.value)));
                }
            }
        }
        return new PartitionGatherer.Part<>(answered, partials);
    }

    private PartitionGatherer.Part<List<Partial>> readRange(EndpointWindow window, Instant from, Instant to) {
        var request = StateQueryRequest.inStore(window.store())
                .withQuery(WindowRangeQuery.<String, EndpointWindowAggregate>withWindowStartRange(from, to))
                .requireActive();
        Set<Integer> answered = new TreeSet<>();
        List<Partial> partials = new ArrayList<>();
        for (Map.Entry<Integer, QueryResult<KeyValueIterator<Windowed<String>, EndpointWindowAggregate>>> result : run(request).entrySet()) {
            if (result.getValue().isSuccess()) {
                answered.add(result.getKey());
                try (KeyValueIterator<Windowed<String>, EndpointWindowAggregate> windows = result.getValue().getResult()) {
                    while (windows.hasNext()) {
                        KeyValue<Windowed<String>, EndpointWindowAggregate> next = windows.next();
                        partials.add(new Partial(next.key.key(), next.key.window().start(), next.value));
                    }
                }
            }
        }
        return new PartitionGatherer.Part<>(answered, partials);
    }

    private <R> Map<Integer, QueryResult<R>> run(StateQueryRequest<R> request) {
        try {
            return streams.query(request).getPartitionResults();
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw ApiException.unavailable("not_ready", "this instance's streams are " + streams.state());
        }
    }

    public static byte[] encode(PartitionGatherer.Part<List<Partial>> part) {
        List<WirePartial> partials = part.value().stream()
                .map(p -> new WirePartial(p.endpoint(), p.windowStart(),
                        Base64.getEncoder().encodeToString(SERDE.serialize(null, p.aggregate()))))
                .toList();
        try {
            return EventJson.MAPPER.writeValueAsBytes(new Wire(part.partitions(), partials));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PartitionGatherer.Part<List<Partial>> decode(byte[] body) {
        try {
            Wire wire = EventJson.MAPPER.readValue(body, Wire.class);
            List<Partial> partials = wire.partials().stream()
                    .map(p -> new Partial(p.endpoint(), p.windowStart(), SERDE.deserialize(null, Base64.getDecoder().decode(p.aggregate()))))
                    .toList();
            return new PartitionGatherer.Part<>(wire.partitions(), partials);
        } catch (IOException e) {
            throw new UncheckedIOException("an instance answered partials that are not readable", e);
        }
    }
}

package io.streamlytics.app.query;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetricsPipeline;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindowAggregate;
import io.streamlytics.topology.apirequests.endpoints.EndpointWindowAggregateSerde;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

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

    private final LocalQueries reader;

    public EndpointPartials(LocalQueries reader) {
        this.reader = reader;
    }

    /** Windows starting in [from, to] of one endpoint, or of all endpoints when {@code endpoint} is null. */
    public PartitionGatherer.Part<List<Partial>> readLocal(TimeWindow window, String endpoint, Instant from, Instant to) {
        return endpoint == null ? readRange(window, from, to) : readKey(window, endpoint, from, to);
    }

    private PartitionGatherer.Part<List<Partial>> readKey(TimeWindow window, String endpoint, Instant from, Instant to) {
        var request = StateQueryRequest.inStore(EndpointMetricsPipeline.store(window))
                .withQuery(WindowKeyQuery.<String, EndpointWindowAggregate>withKeyAndWindowStartRange(endpoint, from, to))
;
        return reader.readActive(request, new ArrayList<>(), (windows, partials) ->
                windows.forEachRemaining(kv -> partials.add(new Partial(endpoint, kv.key, kv.value))));
    }

    private PartitionGatherer.Part<List<Partial>> readRange(TimeWindow window, Instant from, Instant to) {
        var request = StateQueryRequest.inStore(EndpointMetricsPipeline.store(window))
                .withQuery(WindowRangeQuery.<String, EndpointWindowAggregate>withWindowStartRange(from, to))
;
        return reader.readActive(request, new ArrayList<>(), (windows, partials) ->
                windows.forEachRemaining(kv -> partials.add(new Partial(kv.key.key(), kv.key.window().start(), kv.value))));
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

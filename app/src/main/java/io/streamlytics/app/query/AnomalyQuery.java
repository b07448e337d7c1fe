package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamlytics.topology.apirequests.anomalies.Anomaly;
import io.streamlytics.topology.apirequests.anomalies.AnomalyPipeline;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowRangeQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /anomalies}: anomalies live in the merge stage's partitions, keyed by endpoint, so a
 * query over all endpoints gathers every partition's anomalies from every instance.
 */
public final class AnomalyQuery {
    public static final String PARTS_PATH = "/internal/anomalies";
    /** Oldest window first, then by endpoint: the order of the list and of its cursor. */
    public static final Comparator<Anomaly> ORDER = Comparator.comparing((Anomaly a) -> Instant.parse(a.windowStart()))
            .thenComparing(Anomaly::endpoint);


    private final LocalQueries reader;
    private final PartitionGatherer gatherer;

    public AnomalyQuery(LocalQueries reader, PartitionGatherer gatherer) {
        this.reader = reader;
        this.gatherer = gatherer;
    }

    /** Anomalies of windows starting in [from, to], of one endpoint or of all when {@code endpoint} is null, in {@link #ORDER}. */
    public List<Anomaly> anomalies(Instant from, Instant to, String endpoint) {
        String remote = PARTS_PATH + "?from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli()
                + (endpoint == null ? "" : "&endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8));
        return gatherer.gather(() -> readLocal(from, to, endpoint), remote, JsonParts.decoder(new TypeReference<PartitionGatherer.Part<List<Anomaly>>>() { })).stream()
                .flatMap(List::stream)
                .sorted(ORDER)
                .toList();
    }

    public PartitionGatherer.Part<List<Anomaly>> readLocal(Instant from, Instant to, String endpoint) {
        var request = StateQueryRequest.inStore(AnomalyPipeline.ANOMALY_STORE)
                .withQuery(WindowRangeQuery.<String, Anomaly>withWindowStartRange(from, to))
;
        return reader.readActive(request, new ArrayList<>(), (windows, anomalies) -> windows.forEachRemaining(kv -> {
            if (endpoint == null || endpoint.equals(kv.key.key())) {
                anomalies.add(kv.value);
            }
        }));
    }

}

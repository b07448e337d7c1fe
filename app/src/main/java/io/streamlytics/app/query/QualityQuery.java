package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.quality.QualityCount;
import io.streamlytics.topology.quality.QualityKind;
import io.streamlytics.topology.quality.QualityPipeline;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /quality}: the counters of every partition of the quality store, gathered from every
 * instance and summed, per input topic, kind and reason. Every input topic and kind is listed, zeros included.
 */
public final class QualityQuery {
    public static final String PARTS_PATH = "/internal/quality-counts";


    /** One kind's counts in one topic. */
    public record KindCounts(@JsonProperty("total") long total, @JsonProperty("by_reason") Map<String, Long> byReason) {
    }

    public record Report(@JsonProperty("topics") Map<String, Map<String, KindCounts>> topics,
                         @JsonProperty("totals") Map<String, Long> totals) {
    }

    private final LocalQueries reader;
    private final PartitionGatherer gatherer;
    private final Topics topics;

    public QualityQuery(LocalQueries reader, PartitionGatherer gatherer, Topics topics) {
        this.reader = reader;
        this.gatherer = gatherer;
        this.topics = topics;
    }

    public Report report() {
        Map<String, Long> summed = new TreeMap<>();
        gatherer.gather(this::readLocal, PARTS_PATH, JsonParts.decoder(new TypeReference<PartitionGatherer.Part<Map<String, Long>>>() { }))
                .forEach(part -> part.forEach((key, count) -> summed.merge(key, count, Long::sum)));
        Map<String, Map<QualityKind, Map<String, Long>>> byTopic = new TreeMap<>();
        topics.inputs().forEach(topic -> byTopic.put(topic, new TreeMap<>()));
        summed.forEach((key, count) -> {
            QualityCount counter = QualityCount.fromStore(key, count);
            byTopic.computeIfAbsent(counter.topic(), topic -> new TreeMap<>())
                    .computeIfAbsent(counter.kind(), kind -> new TreeMap<>())
                    .merge(counter.reason(), count, Long::sum);
        });
        Map<String, Map<String, KindCounts>> report = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (QualityKind kind : QualityKind.values()) {
            totals.put(kind.label(), 0L);
        }
        byTopic.forEach((topic, kinds) -> {
            Map<String, KindCounts> topicReport = new LinkedHashMap<>();
            for (QualityKind kind : QualityKind.values()) {
                Map<String, Long> reasons = kinds.getOrDefault(kind, Map.of());
                long total = reasons.values().stream().mapToLong(Long::longValue).sum();
                topicReport.put(kind.label(), new KindCounts(total, reasons));
                totals.merge(kind.label(), total, Long::sum);
            }
            report.put(topic, topicReport);
        });
        return new Report(report, totals);
    }

    public PartitionGatherer.Part<Map<String, Long>> readLocal() {
        var request = StateQueryRequest.inStore(QualityPipeline.COUNTS_STORE)
                .withQuery(RangeQuery.<String, Long>withNoBounds())
;
        return reader.readActive(request, new TreeMap<String, Long>(), (all, counts) ->
                all.forEachRemaining(kv -> counts.merge(kv.key, kv.value, Long::sum)));
    }

}

package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import io.streamlytics.topology.retention.IdleEntryCleanup;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Judges each endpoint's final minute against the endpoint's baseline, kept in a changelogged store so
 * it survives restarts and moves with its partition; anomalies are stored for queries and sent on.
 */
public final class AnomalyDetector implements Processor<String, EndpointMetrics, String, Anomaly> {
    private final AnomalySettings settings;
    private final Duration retention;
    private ProcessorContext<String, Anomaly> context;
    private KeyValueStore<String, Baseline> baselines;
    private WindowStore<String, Anomaly> anomalies;

    /** @param retention an endpoint without a judged minute for this long loses its baseline (and starts afresh) */
    public AnomalyDetector(AnomalySettings settings, Duration retention) {
        this.settings = settings;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
        this.context = context;
        this.baselines = context.getStateStore(AnomalyPipeline.BASELINE_STORE);
        this.anomalies = context.getStateStore(AnomalyPipeline.ANOMALY_STORE);
        new IdleEntryCleanup<>(baselines, retention, (endpoint, baseline, now) -> baseline.lastJudgedStart(), endpoint -> { })
                .scheduleOn(context);
    }

    @Override
    public void process(Record<String, EndpointMetrics> record) {
        String endpoint = record.key();
        EndpointMetrics minute = record.value();
        Baseline baseline = baselines.get(endpoint);
        if (baseline == null) {
            baseline = Baseline.EMPTY;
        }
        if (!baseline.judges(minute, settings)) {
            return;
        }
        List<Breach> breaches = baseline.breaches(minute, settings);
        baselines.put(endpoint, baseline.after(minute, settings, !breaches.isEmpty()));
        if (!breaches.isEmpty()) {
            var anomaly = new Anomaly(endpoint, minute.windowStart(), minute.windowEnd(), minute.count(), breaches);
            long windowStart = Instant.parse(minute.windowStart()).toEpochMilli();
            anomalies.put(endpoint, anomaly, windowStart);
            context.forward(record.withValue(anomaly));
        }
    }
}

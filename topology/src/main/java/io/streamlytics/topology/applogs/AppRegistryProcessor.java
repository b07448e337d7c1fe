package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.retention.IdleEntryCleanup;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;

/**
 * Every app this partition has seen, by app name; an app's buckets on several partitions merge at query
 * time. An app with no line for longer than the retention is forgotten.
 */
public final class AppRegistryProcessor implements Processor<String, StreamMessage<AppLog>, Void, Void> {
    private final Duration retention;
    private KeyValueStore<String, AppSeen> apps;

    public AppRegistryProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        apps = context.getStateStore(AppLogsPipeline.REGISTRY_STORE);
        new IdleEntryCleanup<>(apps, retention, (app, seen, now) -> seen.lastSeen(), app -> { }).scheduleOn(context);
    }

    @Override
    public void process(Record<String, StreamMessage<AppLog>> record) {
        if (record.value() instanceof StreamMessage.Event<AppLog> event) {
            AppLog log = event.event();
            AppSeen seen = apps.get(log.app());
            if (seen == null) {
                seen = new AppSeen();
            }
            seen.add(log);
            apps.put(log.app(), seen);
        }
    }
}

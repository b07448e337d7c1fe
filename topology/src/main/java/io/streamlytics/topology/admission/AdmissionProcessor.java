package io.streamlytics.topology.admission;

import io.streamlytics.topology.events.InvalidEventException;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

/**
 * First step of every pipeline, before any repartition: validates each raw record, judges lateness
 * by the event-time stream time of this input partition alone, re-keys, and sends this partition's
 * stream time downstream as watermarks. Judging lateness here, not after the repartition, is what
 * keeps a backfill from turning on-time events late when input partitions progress at different speeds.
 *
 * <p>Idleness is decided here, at the source, never guessed downstream: a partition that is caught up
 * and has had no record for the idle timeout says so once, and downstream windows stop waiting for it;
 * its next record is preceded by a watermark that makes it count again.
 */
public final class AdmissionProcessor<E> implements Processor<byte[], byte[], String, Admitted<E>> {
    private static final String STREAM_TIME_KEY = "stream-time";

    private final AdmissionRules<E> rules;
    private final AdmissionRules.Watermarks watermarks;
    private ProcessorContext<String, Admitted<E>> context;
    private KeyValueStore<String, Long> streamTimeStore;
    private long streamTime;
    private long lastWatermarkSent;
    private long lastRecordAt;
    private boolean idleSent;
    /** Whether downstream counts this partition as active: not known after a restart, so the first record says so. */
    private boolean activeSent;

    public AdmissionProcessor(AdmissionRules<E> rules) {
        this.rules = rules;
        this.watermarks = rules.watermarks();
    }

    @Override
    public void init(ProcessorContext<String, Admitted<E>> context) {
        this.context = context;
        this.streamTimeStore = context.getStateStore(rules.streamTimeStore());
        Long stored = streamTimeStore.get(STREAM_TIME_KEY);
        streamTime = stored == null ? Long.MIN_VALUE : stored;
        // all of it, here: Kafka Streams revives an aborted task by calling init() again on this object, and what
        // was sent in the aborted transaction never reached downstream
        lastWatermarkSent = Long.MIN_VALUE;
        idleSent = false;
        activeSent = false;
        lastRecordAt = context.currentSystemTimeMs();
        context.schedule(watermarks.period(), PunctuationType.WALL_CLOCK_TIME, this::onPeriod);
    }

    private void onPeriod(long nowMs) {
        boolean silent = nowMs - lastRecordAt >= watermarks.idleTimeout().toMillis();
        if (silent && !idleSent && watermarks.source().caughtUp(context.taskId().partition())) {
            sendWatermark(true);
        } else if (streamTime > lastWatermarkSent) {
            sendWatermark(false);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        lastRecordAt = context.currentSystemTimeMs();
        RecordMetadata source = context.recordMetadata().orElseThrow();
        E event;
        try {
            event = rules.parser().parse(record.key(), record.value(), context.currentSystemTimeMs(), record.timestamp());
        } catch (InvalidEventException e) {
            reject(record, source, e.code(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            // a parser that fails on this input has still only read this record: it is set aside with the reason,
            // where any later step failing is an internal error that stops the task (KafkaClients)
            reject(record, source, "parser_error:" + e.getClass().getSimpleName(), "the record could not be parsed: " + e);
            return;
        }
        long eventTime = rules.eventTimeOf().applyAsLong(event);
        long windowClose = rules.windowCloseOf().applyAsLong(eventTime);
        if (windowClose <= streamTime) {
            ErrorHeaders.add(record.headers(), source, "late", "event time " + Instant.ofEpochMilli(eventTime)
                    + " is late: its window closed at " + Instant.ofEpochMilli(windowClose)
                    + " and stream time is " + Instant.ofEpochMilli(streamTime));
            context.forward(record.withKey((String) null).withValue(new Admitted.Late<>(record.key(), record.value())));
            return;
        }
        boolean advanced = eventTime > streamTime;
        if (advanced) {
            streamTime = eventTime;
            // persisted per advance so a restart judges lateness exactly as before (exactly-once replays)
            streamTimeStore.put(STREAM_TIME_KEY, streamTime);
        }
        if (!activeSent) {
            sendWatermark(false);
        }
        context.forward(new Record<>(rules.keyOf().apply(event), new Admitted.Passed<>(new StreamMessage.Event<>(event, streamTime)), eventTime,
                record.headers()));
        if (advanced && (lastWatermarkSent == Long.MIN_VALUE || streamTime - lastWatermarkSent >= watermarks.step().toMillis())) {
            sendWatermark(false);
        }
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source, String code, String reason) {
        ErrorHeaders.add(record.headers(), source, code, reason);
        context.forward(record.withKey((String) null).withValue(new Admitted.Rejected<>(record.key(), record.value())));
    }

    private void sendWatermark(boolean idle) {
        int partition = context.taskId().partition();
        // the key only needs to be non-null; the partitioner sends watermarks to every partition
        context.forward(new Record<>("watermark-" + partition, new Admitted.Passed<>(new StreamMessage.Watermark<>(partition, streamTime, idle)),
                Math.max(0, streamTime)));
        lastWatermarkSent = streamTime;
        idleSent = idle;
        activeSent = !idle;
    }
}

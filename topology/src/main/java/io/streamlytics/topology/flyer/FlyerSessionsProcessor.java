package io.streamlytics.topology.flyer;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.flyer.FlyerStoreKeys.UserFlyer;
import io.streamlytics.topology.flyer.merchant.MerchantDelta;
import io.streamlytics.topology.flyer.merchant.MerchantDeltas;
import io.streamlytics.topology.retention.IdleEntryCleanup;
import io.streamlytics.topology.watermark.LowWatermark;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Per user (the stream is partitioned by user): keeps each flyer's unsettled events sorted, re-pairs
 * a flyer on each of its events and sends the user's corrected totals and the merchants' deltas.
 * Every event still to come is later than the low watermark over all input partitions minus grace
 * (admission saw to that), so an event whose pairing only such events could change is final: it
 * is folded into the totals and removed.
 */
public final class FlyerSessionsProcessor implements Processor<String, StreamMessage<UserEvent>, String, FlyerOutput> {
    private static final int SETTLE_BATCH = 1000;

    private final long graceMs;
    private final long maxSessionMs;
    private final WatermarkSource source;
    private final Duration settleCheckPeriod;
    private final Duration retention;
    private ProcessorContext<String, FlyerOutput> context;
    private final long activityStepMs;
    private KeyValueStore<String, UserTotals> users;
    private FlyerEventLog log;
    private LowWatermark lowWatermark;
    private IdleEntryCleanup<UserTotals> idleUsers;

    public FlyerSessionsProcessor(Duration grace, Duration maxSessionLength, WatermarkSource source, Duration settleCheckPeriod,
                                  Duration retention) {
        this.graceMs = grace.toMillis();
        this.maxSessionMs = maxSessionLength.toMillis();
        this.source = source;
        this.settleCheckPeriod = settleCheckPeriod;
        this.retention = retention;
        // a user's activity is kept as a bound one cleanup period ahead, so most events need not rewrite it: a user
        // is then forgotten at most two periods after the retention, never before
        this.activityStepMs = IdleEntryCleanup.period(retention).toMillis();
    }

    @Override
    public void init(ProcessorContext<String, FlyerOutput> context) {
        this.context = context;
        this.users = context.getStateStore(FlyerPipeline.USER_TIME_STORE);
        // a user silent for longer than the retention is forgotten, with a tombstone on flyer-time so that downstream
        // tables forget them too; one stored before activity was kept is timed from now (the store is not cached, so
        // writing it while scanning is safe). Judged on the low watermark: a user of a slow input partition is not
        // idle because another partition has run ahead
        idleUsers = new IdleEntryCleanup<>(users, retention, (user, totals, now) -> {
            if (totals.activeUntilMs() == UserTotals.ACTIVITY_UNKNOWN) {
                users.put(user, new UserTotals(totals.counts(), now + activityStepMs));
                return now + activityStepMs;
            }
            return totals.activeUntilMs();
        }, user -> context.forward(new Record<>(user, new FlyerOutput.UserTime(null), context.currentStreamTimeMs())));
        this.log = new FlyerEventLog(context.getStateStore(FlyerPipeline.EVENTS_STORE),
                context.getStateStore(FlyerPipeline.SETTLE_QUEUE_STORE));
        this.lowWatermark = new LowWatermark(context.getStateStore(FlyerPipeline.WATERMARK_STORE), source, context);
        // restored state may already allow settling, before any new watermark
        context.schedule(settleCheckPeriod, PunctuationType.WALL_CLOCK_TIME, now -> settle());
    }

    @Override
    public void process(Record<String, StreamMessage<UserEvent>> record) {
        if (record.value() instanceof StreamMessage.Event<UserEvent> event) {
            add(record.key(), event.event());
        } else if (record.value() instanceof StreamMessage.Watermark<UserEvent> watermark) {
            lowWatermark.observe(watermark);
            settle();
        }
    }

    private void add(String userId, UserEvent event) {
        FlyerCounts change = FlyerCounts.ZERO;
        if (event.kind() != UserEvent.Kind.OTHER) {
            // an event this old could change a settled pairing: only an input partition back from idle sends it
            if (event.timestamp() < lowWatermark.closedUpTo()) {
                reportLate(userId, event);
                return;
            }
            change = pair(userId, event);
        }
        UserTotals before = users.get(userId);
        boolean activeLater = before == null || event.timestamp() > before.activeUntilMs();
        if (activeLater || !change.equals(FlyerCounts.ZERO)) {
            store(userId, before, change, activeLater ? event.timestamp() + activityStepMs : before.activeUntilMs(), event.timestamp());
        }
    }

    private FlyerCounts pair(String userId, UserEvent event) {
        UserFlyer userFlyer = new UserFlyer(userId, event.flyerId());
        FlyerEvent added = new FlyerEvent(event.timestamp(), event.kind(), event.merchantId());
        SessionPairing before = log.load(userFlyer, maxSessionMs);
        SessionPairing after = before.with(added);
        if (after == before) {
            return FlyerCounts.ZERO; // the same event again
        }
        log.add(userFlyer, added, before, after);
        for (MerchantDelta delta : MerchantDeltas.of(userId, event.flyerId(), added, before.sessions(), after.sessions())) {
            context.forward(new Record<>(delta.merchantId(), new FlyerOutput.MerchantChange(delta), event.timestamp()));
        }
        return after.counts().minus(before.counts());
    }

    private void settle() {
        var low = lowWatermark.current();
        if (low.isEmpty()) {
            return;
        }
        idleUsers.onLowWatermark(low.getAsLong());
        long horizon = low.getAsLong() - graceMs;
        if (horizon <= lowWatermark.closedUpTo()) {
            return;
        }
        List<UserFlyer> due;
        do {
            due = log.due(lowWatermark.closedUpTo(), horizon, SETTLE_BATCH);
            for (UserFlyer userFlyer : due) {
                settle(userFlyer, horizon, low.getAsLong());
            }
        } while (due.size() == SETTLE_BATCH);
        lowWatermark.closeUpTo(horizon);
    }

    private void settle(UserFlyer userFlyer, long horizon, long timestamp) {
        SessionPairing before = log.load(userFlyer, maxSessionMs);
        int settled = before.finalBefore(horizon);
        SessionPairing after = before.withoutFirst(settled);
        log.settle(userFlyer, before, after);
        FlyerCounts change = before.settledCounts(settled).plus(after.counts()).minus(before.counts());
        if (!change.equals(FlyerCounts.ZERO)) {
            UserTotals user = users.get(userFlyer.userId());
            store(userFlyer.userId(), user, change, user == null ? timestamp + activityStepMs : user.activeUntilMs(), timestamp);
        }
    }

    /** Stores a user's totals with {@code change} applied; sends them when they changed, or when the user is new (known, with zeros). */
    private void store(String userId, UserTotals before, FlyerCounts change, long activeUntilMs, long timestamp) {
        FlyerCounts totals = (before == null ? FlyerCounts.ZERO : before.counts()).plus(change);
        users.put(userId, new UserTotals(totals, activeUntilMs));
        if (before == null || !change.equals(FlyerCounts.ZERO)) {
            context.forward(new Record<>(userId, new FlyerOutput.UserTime(UserFlyerTime.of(userId, totals)), timestamp));
        }
    }

    private void reportLate(String userId, UserEvent event) {
        var headers = new RecordHeaders();
        long settledUpTo = lowWatermark.closedUpTo();
        ErrorHeaders.add(headers, source.topic(), "late-flyer", "event time " + Instant.ofEpochMilli(event.timestamp())
                + " is too late to pair: flyer sessions are settled for every event to come at or after "
                + Instant.ofEpochMilli(settledUpTo) + " (low watermark minus grace)");
        context.forward(new Record<>(userId, new FlyerOutput.Late(event.toJson()), event.timestamp(), headers));
    }
}

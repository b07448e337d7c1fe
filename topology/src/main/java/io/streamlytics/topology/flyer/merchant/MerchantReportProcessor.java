package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.sketch.ChunkedUniqueCount;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies merchant deltas (partitioned by merchant) to the merchant's day: counts and sessions in
 * one window store, the unique-users sketch in another, one chunk per key. Deltas are exact
 * changes, corrections included, so the day is right whatever order they come in; it is read by
 * the HTTP API and never closed.
 */
public final class MerchantReportProcessor implements Processor<String, MerchantDelta, Void, Void> {
    private final ChunkedUniqueCount uniqueUsers = new ChunkedUniqueCount();
    private WindowStore<String, MerchantDayAggregate> days;
    private WindowStore<MerchantChunk, byte[]> users;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.days = context.getStateStore(FlyerPipeline.MERCHANT_REPORT_STORE);
        this.users = context.getStateStore(FlyerPipeline.MERCHANT_USERS_STORE);
    }

    @Override
    public void process(Record<String, MerchantDelta> record) {
        MerchantDelta delta = record.value();
        MerchantDayAggregate day = days.fetch(delta.merchantId(), delta.dayStart());
        if (day == null) {
            day = new MerchantDayAggregate();
        }
        day.apply(delta);
        days.put(delta.merchantId(), day, delta.dayStart());
        if (delta.userId() != null) {
            long hash = ChunkedUniqueCount.hash(delta.userId());
            MerchantChunk key = new MerchantChunk(delta.merchantId(), ChunkedUniqueCount.chunkOf(hash));
            byte[] chunk = users.fetch(key, delta.dayStart());
            if (chunk == null) {
                chunk = new byte[ChunkedUniqueCount.CHUNK_SIZE];
            }
            if (uniqueUsers.add(chunk, hash)) {
                users.put(key, chunk, delta.dayStart());
            }
        }
    }
}

package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.flyer.FlyerPipeline;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies merchant deltas (partitioned by merchant) to the merchant's day in a window store. Deltas
 * are exact changes, corrections included, so the day is right whatever order they come in; it is
 * read by the HTTP API and never closed.
 */
public final class MerchantReportProcessor implements Processor<String, MerchantDelta, Void, Void> {
    private WindowStore<String, MerchantDayAggregate> days;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.days = context.getStateStore(FlyerPipeline.MERCHANT_REPORT_STORE);
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
    }
}

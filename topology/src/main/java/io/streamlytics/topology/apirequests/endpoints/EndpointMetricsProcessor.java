package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestJson;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Adds each request to its endpoint's 1-minute and 1-hour windows in this partition. The stream is
 * partitioned by customer, not endpoint, so a busy endpoint's traffic is spread over every partition
 * its customers are on; queries merge the partitions' partial windows. An event too late for a window
 * (its end plus grace had passed in its input partition) is left out of it and written to late-events.
 */
public final class EndpointMetricsProcessor implements Processor<String, StreamMessage<ApiRequest>, String, String> {
    private final long graceMs;
    private final String sourceTopic;
    private final Map<EndpointWindow, WindowStore<String, EndpointWindowAggregate>> stores = new EnumMap<>(EndpointWindow.class);
    private ProcessorContext<String, String> context;

    public EndpointMetricsProcessor(long graceMs, String sourceTopic) {
        this.graceMs = graceMs;
        this.sourceTopic = sourceTopic;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        for (EndpointWindow window : EndpointWindow.values()) {
            stores.put(window, context.getStateStore(window.store()));
        }
    }

    @Override
    public void process(Record<String, StreamMessage<ApiRequest>> record) {
        if (!(record.value() instanceof StreamMessage.Event<ApiRequest> event)) {
            return;
        }
        ApiRequest request = event.event();
        String endpoint = request.endpoint();
        for (EndpointWindow window : EndpointWindow.values()) {
            long start = window.startOf(request.timestamp());
            long end = start + window.size().toMillis();
            if (event.lateFor(end, graceMs)) {
                reportLate(request, window, end, event.sourceStreamTime());
                continue;
            }
            WindowStore<String, EndpointWindowAggregate> store = stores.get(window);
            EndpointWindowAggregate aggregate = store.fetch(endpoint, start);
            if (aggregate == null) {
                aggregate = new EndpointWindowAggregate();
            }
            aggregate.add(request);
            store.put(endpoint, aggregate, start);
        }
    }

    private void reportLate(ApiRequest request, EndpointWindow window, long windowEnd, long streamTime) {
        var headers = new RecordHeaders();
        ErrorHeaders.add(headers, sourceTopic, "late-endpoint-" + window.label(), "event time " + Instant.ofEpochMilli(request.timestamp())
                + " is late for its " + window.label() + " endpoint window: it closed at "
                + Instant.ofEpochMilli(windowEnd + graceMs) + " and stream time is " + Instant.ofEpochMilli(streamTime)
                + " (still counted in the customer's day)");
        context.forward(new Record<>(request.customerId(), ApiRequestJson.write(request), request.timestamp(), headers));
    }
}

package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.watermark.StreamMessage;

/** What the per-partition endpoint stage sends on: requests too late for a window, and closed minutes for the merge stage. */
public sealed interface EndpointOutput {

    /** A request left out of one of its windows; the record's headers say which and why. */
    record Late(String requestJson) implements EndpointOutput {
    }

    /** A closed minute's partial, or how far this partition has closed its minutes. */
    record ToMerge(StreamMessage<EndpointPartial> message) implements EndpointOutput {
    }
}

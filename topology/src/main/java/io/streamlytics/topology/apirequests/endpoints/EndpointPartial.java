package io.streamlytics.topology.apirequests.endpoints;

/**
 * What one customer partition saw of one endpoint's closed minute. The merge stage keeps the latest
 * partial of each source partition, so a corrected partial replaces its earlier one instead of adding to it.
 */
public record EndpointPartial(int sourcePartition, long windowStart, EndpointWindowAggregate aggregate) {
}

package io.streamlytics.topology.apirequests.endpoints;

import java.util.Map;
import java.util.TreeMap;

/** The latest partial of each source partition for one endpoint's minute, merged on demand. */
public final class MinutePartials {
    final Map<Integer, EndpointWindowAggregate> bySourcePartition;

    public MinutePartials() {
        this(new TreeMap<>());
    }

    MinutePartials(Map<Integer, EndpointWindowAggregate> bySourcePartition) {
        this.bySourcePartition = bySourcePartition;
    }

    /** Replaces what the partial's source partition sent before: a correction counts once. */
    public void put(EndpointPartial partial) {
        bySourcePartition.put(partial.sourcePartition(), partial.aggregate());
    }

    public EndpointWindowAggregate merged() {
        EndpointWindowAggregate merged = new EndpointWindowAggregate();
        bySourcePartition.values().forEach(merged::merge);
        return merged;
    }
}

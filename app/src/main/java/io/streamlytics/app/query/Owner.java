package io.streamlytics.app.query;

import org.apache.kafka.streams.state.HostInfo;

import java.util.Set;

/** Where one key's state lives: the partition, its active instance and its standbys. */
public record Owner(int partition, HostInfo active, Set<HostInfo> standbys) {
}

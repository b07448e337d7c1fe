package io.streamlytics.topology.store;

import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;

/**
 * Topic settings for the changelog of every window store. Its records carry event time, and the broker
 * deletes by record time against its own clock: history older than the retention (any backfill of last
 * year) would be deleted from the changelog minutes after it was written, and a restart would restore
 * nothing. With the append time as record time, an entry lives the retention from when it was written.
 * Safe because these stores are plain window stores: restore reads the window from the key, never the record time.
 */
public final class WindowChangelogs {
    public static final Map<String, String> TOPIC_CONFIG = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private WindowChangelogs() {
    }
}

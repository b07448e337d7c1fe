package io.streamlytics.app.sample;

import java.util.List;

/** Realistic synthetic events of one input topic, produced live by {@code generate}. */
public interface EventGenerator {
    /**
     * The records for one event happening at {@code nowMs}: an out-of-order one carries an event time
     * up to {@code maxDisorderMs} in the past, a duplicate is the same record twice, a bad record may follow.
     */
    List<String> live(long nowMs, long maxDisorderMs);
}

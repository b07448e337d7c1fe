package io.streamlytics.app.kafka;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When lag readings prove that an idle input partition's records have all reached a downstream task. */
class InputProgressProofTest {
    private static final TopicPartition IDLE = new TopicPartition("user-events", 1);
    private static final TopicPartition DOWNSTREAM = new TopicPartition("app-user-events-by-user-repartition", 3);

    /** A reading in which no transaction is open downstream: the last stable offset is the log end. */
    private static InputProgress.Reading reading(long at, boolean idleCaughtUp, long downstreamCommitted, long downstreamLogEnd) {
        return reading(at, idleCaughtUp, downstreamCommitted, downstreamLogEnd, downstreamLogEnd);
    }

    private static InputProgress.Reading reading(long at, boolean idleCaughtUp, long downstreamCommitted, long downstreamLastStable,
                                                 long downstreamLogEnd) {
        return new InputProgress.Reading(at, idleCaughtUp ? Set.of(IDLE) : Set.of(),
                Map.of(DOWNSTREAM, downstreamCommitted), Map.of(DOWNSTREAM, downstreamLastStable), Map.of(DOWNSTREAM, downstreamLogEnd));
    }

    private static long provenAt(InputProgress.Reading... readings) {
        return InputProgress.idleProvenAt(List.of(readings), List.of(IDLE), DOWNSTREAM);
    }

    @Test
    void oneReadingProvesNothing() {
        assertEquals(Long.MIN_VALUE, provenAt(reading(1_000, true, 50, 50)));
    }

    @Test
    void aLaterReadingMustFindTheDownstreamConsumedUpToWhereItStood() {
        assertEquals(Long.MIN_VALUE, provenAt(reading(1_000, true, 10, 50), reading(2_000, true, 40, 60)),
                "downstream at 40 has not read what stood below 50 at the first reading");
        assertEquals(1_000, provenAt(reading(1_000, true, 10, 50), reading(2_000, true, 50, 60)));
    }

    @Test
    void standingAtTheLastCommitMarkerIsEnough() {
        assertEquals(1_000, provenAt(reading(1_000, true, 10, 50), reading(2_000, true, 49, 60)),
                "nothing open at 50: offset 49 is the marker ending the last transaction, everything before it was read");
        assertEquals(Long.MIN_VALUE, provenAt(reading(1_000, true, 10, 50), reading(2_000, true, 48, 60)));
    }

    @Test
    void whatACaughtUpPartitionSentMayStillLieAboveTheLastStableOffset() {
        // its offsets became visible before the broker wrote its transaction's marker on the repartition partition
        var offsetsVisibleBeforeMarker = reading(1_000, true, 10, 40, 50);
        assertEquals(Long.MIN_VALUE, provenAt(offsetsVisibleBeforeMarker, reading(2_000, true, 40, 60, 60)),
                "its records may lie anywhere from 40 to 49");
        assertEquals(Long.MIN_VALUE, provenAt(offsetsVisibleBeforeMarker, reading(2_000, true, 49, 60, 60)),
                "offset 49 may be one of its records, not a marker: a transaction was open");
        assertEquals(1_000, provenAt(offsetsVisibleBeforeMarker, reading(2_000, true, 50, 60, 60)));
    }

    @Test
    void theIdlePartitionMustHaveBeenCaughtUpAtTheProvingReading() {
        assertEquals(Long.MIN_VALUE, provenAt(reading(1_000, false, 10, 50), reading(2_000, true, 60, 70)));
    }

    @Test
    void theLatestProvingReadingCounts() {
        assertEquals(2_000, provenAt(reading(1_000, true, 0, 20), reading(2_000, true, 20, 40), reading(3_000, true, 40, 60)));
    }

    @Test
    void aDownstreamPartitionNotYetMeasuredProvesNothing() {
        var unmeasured = new InputProgress.Reading(1_000, Set.of(IDLE), Map.of(), Map.of(), Map.of());
        assertEquals(Long.MIN_VALUE, provenAt(unmeasured, new InputProgress.Reading(2_000, Set.of(IDLE), Map.of(), Map.of(), Map.of())));
    }
}

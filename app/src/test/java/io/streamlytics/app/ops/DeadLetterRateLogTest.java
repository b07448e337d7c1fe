package io.streamlytics.app.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadLetterRateLogTest {
    private final AtomicReference<Map<String, Long>> counts = new AtomicReference<>(Map.of());
    private final DeadLetterRateLog log = new DeadLetterRateLog(counts::get);

    @Test
    void aLineOnlyForMinutesWithDeadLettersCountingIngestRejectionsToo() {
        counts.set(Map.of("dead_lettered|api-requests|malformed_json", 40L, "late|api-requests|late", 3L));
        assertEquals(Optional.empty(), log.tick(), "the first reading is the baseline");

        counts.set(Map.of("dead_lettered|api-requests|malformed_json", 45L, "late|api-requests|late", 9L,
                "rejected|app-logs|missing_field:level", 2L));
        assertEquals(Optional.of("Dead-lettered in the last minute: 7 (api-requests malformed_json 5, app-logs missing_field:level 2)"),
                log.tick());

        counts.set(Map.of("dead_lettered|api-requests|malformed_json", 45L, "late|api-requests|late", 20L,
                "rejected|app-logs|missing_field:level", 2L));
        assertEquals(Optional.empty(), log.tick(), "late events are not dead letters; nothing new is no line");
    }
}

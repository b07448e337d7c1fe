package io.streamlytics.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    private final Durations durations = new Durations();

    @Test
    void readsShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), durations.convert("500ms"));
        assertEquals(Duration.ofSeconds(90), durations.convert("90s"));
        assertEquals(Duration.ofMinutes(15), durations.convert("15m"));
        assertEquals(Duration.ofHours(6), durations.convert("6H"));
        assertEquals(Duration.ofDays(30), durations.convert("30d"));
        assertEquals(Duration.ofHours(6), durations.convert("PT6H"));
    }

    @Test
    void rejectsOtherTextWithAnExample() {
        var e = assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("six hours"));
        assertEquals("'six hours' is not a duration (e.g. 500ms, 90s, 15m, 6h, 30d)", e.getMessage());
    }
}

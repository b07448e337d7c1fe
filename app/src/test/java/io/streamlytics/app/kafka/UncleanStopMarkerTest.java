package io.streamlytics.app.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncleanStopMarkerTest {

    @Test
    void aFirstStartIsNotTakenForACrash(@TempDir Path stateDir) {
        assertFalse(UncleanStopMarker.of(stateDir, "app").previousRunStoppedUncleanly());
    }

    @Test
    void aRunThatNeverClosedIsSeenByTheNextStart(@TempDir Path stateDir) {
        UncleanStopMarker.of(stateDir.resolve("not-yet-made"), "app").running();

        assertTrue(UncleanStopMarker.of(stateDir.resolve("not-yet-made"), "app").previousRunStoppedUncleanly());
    }

    @Test
    void aCleanCloseLeavesTheStateToTheNextStart(@TempDir Path stateDir) {
        UncleanStopMarker run = UncleanStopMarker.of(stateDir, "app");
        run.running();
        run.closedCleanly();

        assertFalse(UncleanStopMarker.of(stateDir, "app").previousRunStoppedUncleanly());
    }

    @Test
    void aStartThatFailsBeforeRunningKeepsTheMarkOfTheCrashBeforeIt(@TempDir Path stateDir) {
        UncleanStopMarker.of(stateDir, "app").running();
        UncleanStopMarker failedStart = UncleanStopMarker.of(stateDir, "app");
        failedStart.closedCleanly();

        assertTrue(UncleanStopMarker.of(stateDir, "app").previousRunStoppedUncleanly());
    }

    @Test
    void eachApplicationIdHasItsOwnMarker(@TempDir Path stateDir) {
        UncleanStopMarker.of(stateDir, "one").running();

        assertFalse(UncleanStopMarker.of(stateDir, "other").previousRunStoppedUncleanly());
        assertTrue(Files.exists(stateDir.resolve("one.running")));
    }
}

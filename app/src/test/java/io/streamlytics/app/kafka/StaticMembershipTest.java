package io.streamlytics.app.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The member name belongs to a state directory and an application: the same at every start, another elsewhere. */
class StaticMembershipTest {
    @Test
    void theNameIsKeptAcrossStartsAndDiffersPerStateAndApplication(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("a/state");
        String first = StaticMembership.memberName(state, "app");
        assertTrue(first.startsWith("streamlytics-"), first);
        assertEquals(first, StaticMembership.memberName(state, "app"), "a restart on the same state");
        assertNotEquals(first, StaticMembership.memberName(dir.resolve("b/state"), "app"), "another instance's state");
        assertNotEquals(first, StaticMembership.memberName(state, "other-app"), "another application on the same folder");

        Files.writeString(state.resolve("app.member-name"), "");
        String repaired = StaticMembership.memberName(state, "app");
        assertFalse(repaired.isEmpty());
        assertEquals(repaired, StaticMembership.memberName(state, "app"));
    }
}

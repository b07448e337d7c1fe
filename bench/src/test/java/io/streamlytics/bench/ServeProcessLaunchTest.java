package io.streamlytics.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeProcessLaunchTest {
    @TempDir
    Path checkout;

    @Test
    void aCompiledCheckoutPutsItsAppThenTopologyClassesFirst() throws IOException {
        Files.createDirectories(checkout.resolve("app/target/classes"));
        Files.createDirectories(checkout.resolve("topology/target/classes"));
        assertEquals(List.of(checkout.resolve("app/target/classes"), checkout.resolve("topology/target/classes")),
                ServeProcess.Launch.classesBefore(checkout));
    }

    @Test
    void aCheckoutWithoutTopologyClassesFailsNamingTheDirectory() throws IOException {
        Files.createDirectories(checkout.resolve("app/target/classes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServeProcess.Launch.classesBefore(checkout));
        assertTrue(e.getMessage().contains(checkout.resolve("topology/target/classes").toString()), e.getMessage());
    }

    @Test
    void theFourPartLaunchLeavesTheStreamThreadsToServe() {
        assertEquals(ServeProcess.Launch.SERVE_DEFAULT_THREADS, ServeProcess.Launch.DEFAULT.streamThreads());
    }
}

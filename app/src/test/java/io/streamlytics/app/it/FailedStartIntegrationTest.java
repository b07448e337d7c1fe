package io.streamlytics.app.it;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A start that fails (here: the HTTP port is taken) closes what it opened: no client threads are left behind. */
class FailedStartIntegrationTest {
    @Test
    void aTakenPortFailsTheStartAndLeavesNoClientRunning(@TempDir Path stateDir) throws Exception {
        AppConfig free = Instances.config(SharedBroker.bootstrapServers(), "it-failed-start", "failed-start-", stateDir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AppConfig config = free.toBuilder().httpPort(taken.getLocalPort()).build();
            List<String> before = clientThreads();
            assertThrows(RuntimeException.class, () -> StreamlyticsInstance.start(config));
            Instances.await(Duration.ofSeconds(10), () -> clientThreads().equals(before),
                    "the failed start's client threads have stopped (left: " + clientThreads() + ")");
            assertEquals(before, clientThreads());
        }
    }

    /** Threads of Kafka clients and of the service's own timers. */
    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains("streamlytics-ingest") || name.contains("it-failed-start") || name.startsWith("streamlytics-"))
                .sorted().toList();
    }
}

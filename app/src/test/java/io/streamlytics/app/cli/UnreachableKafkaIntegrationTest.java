package io.streamlytics.app.cli;

import io.streamlytics.app.Main;
import io.streamlytics.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static io.streamlytics.app.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands against a Kafka that never answers give up with one line and exit code 1; apart from {@link CommandLineTest}
 * because it waits out the real connection deadlines.
 */
class UnreachableKafkaIntegrationTest {
    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitCode1WithinBoundedTime() throws IOException {
        String nowhere = "127.0.0.1:" + closedPort();
        Run generate = run("generate", "api-requests", "--count", "10", "--bootstrap-servers", nowhere);
        assertEquals(Main.FAILED, generate.exitCode());
        assertEquals("streamlytics generate: Kafka at " + nowhere + " is not reachable (no answer within 10 s; a secured listener needs its client properties in --kafka-config)", generate.oneLineError());
        assertTrue(generate.took().compareTo(Duration.ofSeconds(20)) < 0, "gave up in " + generate.took());

        Run serve = run("serve", "--bootstrap-servers", nowhere, "--http-port", "0");
        assertEquals(Main.FAILED, serve.exitCode());
        assertEquals("streamlytics serve: Kafka at " + nowhere + " is not reachable (no answer within 15 s; a secured listener needs its client properties in --kafka-config)", serve.oneLineError());
        assertTrue(serve.took().compareTo(Duration.ofSeconds(25)) < 0, "gave up in " + serve.took());
    }
}

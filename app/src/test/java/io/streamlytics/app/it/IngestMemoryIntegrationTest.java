package io.streamlytics.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies of millions of tiny events, several at once, against one app process with a small heap: each is refused whole
 * (413) without building millions of events, rejections and dead letters, and the instance keeps answering.
 */
class IngestMemoryIntegrationTest {
    private static final int BODY_BYTES = 10 << 20;

    @Test
    void fourBodiesOfMillionsOfEventsAtOnceAreRefusedAndTheInstanceStaysUp(@TempDir Path dir) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        Path log = dir.resolve("app.log");
        AppProcess app = AppProcess.start(log, List.of("--bootstrap-servers", bootstrap, "--state-dir", dir.resolve("state").toString(),
                "--application-id", "it-ingest-memory", "--topic-prefix", "ingest-memory-", "--partitions", "2"));
        try {
            app.awaitReady(Duration.ofSeconds(90));
            byte[] array = zeros(BODY_BYTES, '[', ',', ']');
            byte[] ndjson = zeros(BODY_BYTES, '\0', '\n', '\n');
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<AppProcess.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    boolean asArray = i % 2 == 0;
                    replies.add(pool.submit(() -> app.post("/ingest/api-requests", asArray ? "application/json" : "application/x-ndjson",
                            asArray ? array : ndjson)));
                }
                for (Future<AppProcess.Reply> future : replies) {
                    AppProcess.Reply reply = future.get();
                    assertTrue(reply.status() == 413 && reply.body().contains("too_many_events")
                                    || reply.status() == 503 && reply.body().contains("ingest_busy"),
                            "a body of five million events: " + reply.status() + " " + reply.body() + "\n" + app.problems());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, app.get("/health").status(), app.problems());
            AppProcess.Reply valid = app.post("/ingest/api-requests", "application/json",
                    ("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"c-1\",\"endpoint\":\"GET /a\",\"status_code\":200,"
                            + "\"duration_ms\":5}").getBytes(StandardCharsets.UTF_8));
            assertEquals(202, valid.status(), valid.body() + "\n" + app.problems());
        } finally {
            app.stop();
        }
    }

    /** {@code open 0 sep 0 sep … 0 close}, padded with spaces to {@code size} bytes ({@code '\0'}: no opening byte). */
    private static byte[] zeros(int size, char open, char separator, char close) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        int i = 0;
        if (open != '\0') {
            body[i++] = (byte) open;
        }
        while (i < size - 3) {
            body[i++] = '0';
            body[i++] = (byte) separator;
        }
        body[i++] = '0';
        body[i] = (byte) close;
        return body;
    }
}

package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.http.KeyQueryHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that stops cleanly leaves its group: the one that stays answers every key at once, not after the
 * stopped one's session (45 s here) has timed out.
 */
class GracefulLeaveIntegrationTest {
    private static final int CUSTOMERS = 12;

    @Test
    void theInstanceThatStaysAnswersEveryKeyLongBeforeTheSessionTimeout(@TempDir Path stateA, @TempDir Path stateB) {
        String bootstrap = SharedBroker.bootstrapServers();
        StreamlyticsInstance a = Instances.startRunning(Instances.config(bootstrap, "it-leave", "leave-", stateA));
        StreamlyticsInstance b = Instances.startRunning(Instances.config(bootstrap, "it-leave", "leave-", stateB));
        try {
            StringJoiner ndjson = new StringJoiner("\n");
            for (int c = 0; c < CUSTOMERS; c++) {
                ndjson.add("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"leave_" + c + "\",\"request_path\":\"/x\","
                        + "\"status_code\":200,\"duration_ms\":3,\"request_id\":\"leave-" + c + "\"}");
            }
            assertEquals(202, Http.post(a, "/ingest/api-requests", "application/x-ndjson", ndjson.toString()).status());
            Set<String> servers = new HashSet<>();
            for (int c = 0; c < CUSTOMERS; c++) {
                String path = "/customers/leave_" + c + "/stats?from=2024-09-03";
                Http.Reply[] reply = new Http.Reply[1];
                Instances.await(Duration.ofSeconds(60), () -> (reply[0] = Http.get(a, path)).status() == 200, path);
                servers.add(reply[0].raw().headers().firstValue(KeyQueryHandler.SERVED_BY_HEADER).orElse("?"));
            }
            assertEquals(2, servers.size(), "both instances own some of the keys: " + servers);

            long closed = System.nanoTime();
            b.close();
            String self = a.address().host() + ":" + a.address().port();
            Instances.await(Duration.ofSeconds(60), () -> {
                for (int c = 0; c < CUSTOMERS; c++) {
                    Http.Reply reply = Http.get(a, "/customers/leave_" + c + "/stats?from=2024-09-03");
                    if (reply.status() != 200 || !self.equals(reply.raw().headers().firstValue(KeyQueryHandler.SERVED_BY_HEADER).orElse(""))) {
                        return false;
                    }
                }
                return true;
            }, "the instance that stays answers every key itself");
            long millis = (System.nanoTime() - closed) / 1_000_000;
            System.out.printf("graceful leave: every key answered by the remaining instance %d ms after the close%n", millis);
            assertTrue(millis < 30_000, "took " + millis + " ms; the session timeout is 45 s");
        } finally {
            a.close();
        }
    }
}

package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.query.KeyQueryRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two instances in one group: whichever is asked, every customer's stats are the same and complete. */
class TwoInstancesIntegrationTest {
    private static final int CUSTOMERS = 24;
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;

    @BeforeAll
    static void start() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(Instances.config(bootstrap, "it-two-instances", "two-", stateA));
        b = Instances.startRunning(Instances.config(bootstrap, "it-two-instances", "two-", stateB));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void everyCustomerAnswersTheSameFromEitherInstance() {
        Random random = new Random(7);
        Map<String, Integer> expectedFailed = new HashMap<>();
        StringJoiner ndjson = new StringJoiner("\n");
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "cust_" + c;
            for (int i = 0; i < 20; i++) {
                int status = random.nextInt(10) == 0 ? 500 : 200;
                expectedFailed.merge(customer, status == 500 ? 1 : 0, Integer::sum);
                ndjson.add("{\"timestamp\":\"2024-09-03T" + String.format("%02d:%02d", i, c) + ":00Z\",\"customer_id\":\""
                        + customer + "\",\"request_path\":\"/x\",\"status_code\":" + status + ",\"duration_ms\":" + (i + 1) + "}");
            }
        }
        Http.Reply ingest = Http.post(a, "/ingest/api-requests", "application/x-ndjson", ndjson.toString());
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(CUSTOMERS * 20, ingest.json().get("accepted").asInt());

        Set<String> servedBy = new HashSet<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "cust_" + c;
            String path = "/customers/" + customer + "/stats?from=2024-09-03";
            JsonNode[] answers = new JsonNode[2];
            Instances.await(Duration.ofSeconds(60), () -> {
                Http.Reply fromA = Http.get(a, path);
                Http.Reply fromB = Http.get(b, path);
                if (fromA.status() != 200 || fromB.status() != 200) {
                    return false;
                }
                answers[0] = fromA.json();
                answers[1] = fromB.json();
                servedBy.add(fromA.raw().headers().firstValue(KeyQueryRouter.SERVED_BY_HEADER).orElse("?"));
                return answers[0].equals(answers[1]) && answers[0].get(0).get("success_requests").asInt()
                        + answers[0].get(0).get("failed_requests").asInt() == 20;
            }, customer + " answers alike and complete on both instances");
            assertEquals(expectedFailed.get(customer).intValue(), answers[0].get(0).get("failed_requests").asInt(), customer);
            assertEquals(10.5, answers[0].get(0).get("duration_mean").asDouble(), 1e-9, customer);
        }
        // instance a answered some customers from its own state and forwarded others to b
        assertEquals(Set.of(address(a), address(b)), servedBy);
    }

    private static String address(StreamlyticsInstance instance) {
        return instance.address().host() + ":" + instance.address().port();
    }
}

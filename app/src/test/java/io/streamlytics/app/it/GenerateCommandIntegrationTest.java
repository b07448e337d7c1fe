package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.Main;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate} for each topic, into a running instance: the events are valid, the bad share is dead-lettered. */
class GenerateCommandIntegrationTest {
    @TempDir
    static Path state;
    private static StreamlyticsInstance instance;

    @BeforeAll
    static void start() {
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-generate", "gen-", state));
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static String generate(String topic) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("generate", topic, "--count", "400", "--rate", "5000", "--bad", "0.1",
                "--bootstrap-servers", instance.bootstrapServers(), "--topic-prefix", "gen-");
        assertEquals(Main.OK, code, out.toString());
        assertTrue(out.toString().strip().startsWith("400 events in "), out.toString());
        return out.toString();
    }

    private static void awaitJson(String path, String what, Predicate<JsonNode> ok) {
        Instances.await(Duration.ofSeconds(60), () -> {
            Http.Reply reply = Http.get(instance, path);
            return reply.status() == 200 && ok.test(reply.json());
        }, what);
    }

    @Test
    void everyTopicGetsValidEventsAndItsShareOfBadOnes() {
        generate("api-requests");
        generate("app-logs");
        generate("user-events");
        awaitJson("/endpoints/top?window=1h&by=count", "generated api-requests are counted", json -> json.get("items").size() > 0);
        awaitJson("/apps", "generated app-logs are searchable apps", json -> json.get("items").size() >= 3);
        awaitJson("/flyer-time", "generated user-events give users flyer time", json -> json.size() > 0);
        awaitJson("/quality", "bad records of every topic are dead-lettered", json ->
                json.at("/topics/gen-api-requests/dead_lettered/total").asLong() > 0
                        && json.at("/topics/gen-app-logs/dead_lettered/total").asLong() > 0
                        && json.at("/topics/gen-user-events/dead_lettered/total").asLong() > 0);
    }
}

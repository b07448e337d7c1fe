package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /openapi.json} is kept true: every route the server registers is in it and every route in
 * it is registered; its parameters, references and pages hold together.
 */
class ApiDocumentationIntegrationTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?:src|href)=\"(/(?:webjars|assets)/[^\"]+)\"");
    @TempDir
    static Path state;
    private static StreamlyticsInstance instance;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-docs", "docs-", state));
        Http.Reply reply = Http.get(instance, "/openapi.json");
        assertEquals(200, reply.status(), reply.body());
        document = reply.json();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
        Set<String> registered = new TreeSet<>(instance.httpRoutes());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> unregistered = new TreeSet<>(documented);
        unregistered.removeAll(registered);
        assertTrue(undocumented.isEmpty() && unregistered.isEmpty(),
                "registered but missing from openapi.json: " + undocumented + "; in openapi.json but not registered: " + unregistered);
        assertTrue(registered.size() > 20, "the walk saw the routes: " + registered);
    }

    @Test
    void everyOperationDeclaresItsPathParametersAnswersAndAUniqueId() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String where = operation.getKey().toUpperCase() + " " + path.getKey();
            Set<String> declared = new TreeSet<>();
            operation.getValue().path("parameters").forEach(p -> {
                if ("path".equals(p.path("in").asText())) {
                    declared.add(p.get("name").asText());
                }
            });
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = PATH_PARAMETER.matcher(path.getKey());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            if (!declared.equals(inTemplate)) {
                problems.add(where + ": path parameters " + declared + " but the path has " + inTemplate);
            }
            if (!operation.getValue().path("responses").fieldNames().hasNext()) {
                problems.add(where + ": no responses");
            }
            if (!ids.add(operation.getValue().path("operationId").asText())) {
                problems.add(where + ": operationId missing or repeated");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectBrokenReferences(document, broken);
        assertTrue(broken.isEmpty(), "references to nothing: " + broken);
        assertEquals("3.1.0", document.get("openapi").asText());
    }

    @Test
    void pagesAndTheirAssetsAreServedWithoutAKey() {
        for (String page : List.of("/", "/docs", "/ui/customer", "/ui/merchant", "/ui/jobs", "/ui/logs")) {
            Http.Reply reply = Http.get(instance, page);
            assertEquals(200, reply.status(), page);
            assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page);
            Matcher assets = SCRIPT_OR_STYLE.matcher(reply.body());
            int found = 0;
            while (assets.find()) {
                found++;
                Http.Reply asset = Http.get(instance, assets.group(1));
                assertEquals(200, asset.status(), page + " loads " + assets.group(1) + " (does the WebJar version in the page match the pom?)");
            }
            assertTrue(found >= 2, page + " loads its scripts");
        }
    }

    @Test
    void topicsReportEveryInputTopicsEndOffset() {
        Http.Reply reply = Http.get(instance, "/topics");
        assertEquals(200, reply.status(), reply.body());
        List<String> topics = new ArrayList<>();
        reply.json().get("topics").forEach(row -> topics.add(row.get("topic").asText()));
        assertTrue(topics.contains("docs-api-requests") && topics.contains("docs-app-logs"), topics.toString());
    }

    private static void collectBrokenReferences(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && document.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectBrokenReferences(child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectBrokenReferences(child, broken));
        }
    }
}

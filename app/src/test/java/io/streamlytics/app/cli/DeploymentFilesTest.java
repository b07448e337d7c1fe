package io.streamlytics.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.app.AppConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image, docker-compose.yml and the Kubernetes manifests cannot run here, so they are read: every variable they
 * set is one the program reads, and ports, probes, the state volume and the advertised names agree with the options.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Serve's options by the environment variable each reads. */
    private static Map<String, String> optionsByVariable() {
        Map<String, String> options = new TreeMap<>();
        ServeOptionDeclarations.byOption().forEach((option, declared) -> options.put(declared.variable(), option));
        return options;
    }

    /** A YAML file as Compose and Kubernetes read it: SnakeYAML resolves its anchors, aliases and merge keys. */
    private static JsonNode yaml(String path) throws IOException {
        Object document = new Yaml().load(Files.readString(ROOT.resolve(path)));
        return JSON.valueToTree(document);
    }

    /** The container's environment as name → value; values from a Secret or the downward API as their reference. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(variable -> env.put(variable.get("name").asText(), variable.has("value")
                ? variable.get("value").asText() : variable.get("valueFrom").toString()));
        return env;
    }

    /** What serve would run with, given these variables: the options parsed as the program does. */
    private static AppConfig configFrom(Map<String, String> env) {
        List<String> args = new ArrayList<>();
        optionsByVariable().forEach((variable, option) -> {
            // a value from a Secret or the downward API is only known in the cluster
            if (env.containsKey(variable) && !env.get(variable).startsWith("{")) {
                args.add(option);
                args.add(env.get(variable));
            }
        });
        ServeOptions options = new ServeOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return options.toConfig();
    }

    @Test
    void theStatefulSetSetsOnlyKnownVariablesAndItsPortsProbesAndVolumeAgreeWithThem() throws IOException {
        JsonNode statefulSet = yaml("deploy/k8s/statefulset.yaml");
        JsonNode pod = statefulSet.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        Map<String, String> env = environment(container);
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(optionsByVariable().keySet());
        unknown.removeAll(Set.of("POD_NAME", "POD_NAMESPACE"));
        assertEquals(Set.of(), unknown, "variables the program does not read");

        int port = Integer.parseInt(env.get("STREAMLYTICS_HTTP_PORT"));
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        String portName = container.at("/ports/0/name").asText();
        assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(portName, container.at("/livenessProbe/httpGet/port").asText());
        assertEquals(portName, container.at("/readinessProbe/httpGet/port").asText());

        String stateVolume = statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText();
        JsonNode mount = container.at("/volumeMounts/0");
        assertEquals(stateVolume, mount.get("name").asText());
        assertEquals(env.get("STREAMLYTICS_STATE_DIR"), mount.get("mountPath").asText());

        AppConfig config = configFrom(env);
        assertEquals(port, config.httpPort());
        assertEquals(Path.of(mount.get("mountPath").asText()), config.stateDir());
        assertEquals("0.0.0.0", config.httpHost(), "peers and probes reach the pod on its own address");
        assertEquals(3, config.replicationFactor());
        assertEquals(1, config.standbyReplicas());
    }

    @Test
    void eachPodAdvertisesItsStableNameUnderTheHeadlessServiceAndKeysComeFromTheSecret() throws IOException {
        JsonNode statefulSet = yaml("deploy/k8s/statefulset.yaml");
        JsonNode headless = yaml("deploy/k8s/service-headless.yaml");
        JsonNode secret = yaml("deploy/k8s/secret.yaml");
        Map<String, String> env = environment(statefulSet.at("/spec/template/spec/containers/0"));

        assertEquals("None", headless.at("/spec/clusterIP").asText());
        String service = headless.at("/metadata/name").asText();
        assertEquals(service, statefulSet.at("/spec/serviceName").asText());
        assertEquals(headless.at("/spec/selector"), statefulSet.at("/spec/template/metadata/labels"));
        assertEquals(env.get("STREAMLYTICS_HTTP_PORT"), headless.at("/spec/ports/0/port").asText());
        assertEquals("$(POD_NAME)." + service + ".$(POD_NAMESPACE).svc.cluster.local", env.get("STREAMLYTICS_ADVERTISED_HOST"));
        assertTrue(env.get("POD_NAME").contains("metadata.name"), env.get("POD_NAME"));

        for (String variable : List.of("STREAMLYTICS_API_KEYS", "STREAMLYTICS_INTERNAL_KEY")) {
            JsonNode reference = JSON.readTree(env.get(variable)).path("secretKeyRef");
            assertEquals(secret.at("/metadata/name").asText(), reference.path("name").asText(), variable);
            assertTrue(secret.at("/stringData").has(reference.path("key").asText()), variable + " names a key of the Secret");
        }
        assertTrue(secret.at("/stringData/internal-key").asText().length() >= 16, "the placeholder passes the length check");
    }

    @Test
    void composeRunsTheImageTheDockerfileBuildsWithKnownVariables() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        JsonNode compose = yaml("docker-compose.yml");
        JsonNode instance = compose.at("/services/streamlytics-1");
        assertEquals(".", instance.path("build").asText(), "compose builds the image from the Dockerfile");
        assertFalse(instance.path("volumes").toString().contains("streamlytics.jar"), "no jar mounted from the host");

        Set<String> unknown = new TreeSet<>();
        instance.path("environment").fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(optionsByVariable().keySet());
        assertEquals(Set.of(), unknown, "variables the program does not read");

        Matcher exposed = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(dockerfile);
        assertTrue(exposed.find());
        assertEquals(instance.at("/environment/STREAMLYTICS_HTTP_PORT").asText(), exposed.group(1));
        assertTrue(instance.path("ports").get(0).asText().endsWith(":" + exposed.group(1)));
        Matcher volume = Pattern.compile("(?m)^VOLUME (\\S+)$").matcher(dockerfile);
        assertTrue(volume.find());
        assertEquals(instance.at("/environment/STREAMLYTICS_STATE_DIR").asText(), volume.group(1));
        assertTrue(dockerfile.contains("STREAMLYTICS_STATE_DIR=" + volume.group(1)));
        assertTrue(dockerfile.contains("/src/app/target/streamlytics.jar"), "the jar the build makes");
    }
}

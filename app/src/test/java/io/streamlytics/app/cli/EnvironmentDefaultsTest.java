package io.streamlytics.app.cli;

import io.streamlytics.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Options read the variable named after them, over a given environment instead of the process's. */
class EnvironmentDefaultsTest {

    private static ServeCommand serve(Map<String, String> environment, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment::get));
        cli.parseArgs(args);
        return serve;
    }

    @Test
    void theVariableIsTheLongestNameInCapitals() {
        assertEquals("STREAMLYTICS_HTTP_PORT", EnvironmentDefaults.variable("--http-port"));
        assertEquals("STREAMLYTICS_ANOMALY_MIN_BASELINE_WINDOWS", EnvironmentDefaults.variable("--anomaly-min-baseline-windows"));
    }

    @Test
    void aSetVariableComesBeforeTheAnnotationsDefaultAndTheCommandLineBeforeBoth() {
        Map<String, String> environment = Map.of("STREAMLYTICS_HTTP_PORT", "9000", "STREAMLYTICS_GRACE", "2h");
        ServeOptions options = serve(environment).options;
        assertEquals(9000, options.httpPort);
        assertEquals(Duration.ofHours(2), options.grace);
        assertEquals(Duration.ofHours(6), options.graceDaily, "not set: the annotation's default");
        assertEquals(9001, serve(environment, "--http-port", "9001").options.httpPort);
    }

    @Test
    void aValueIsTakenAsItIsWithoutPicocliVariables() {
        String id = "app-${sys:user.home}-$${x}-$$";
        assertEquals(id, serve(Map.of("STREAMLYTICS_APPLICATION_ID", id)).options.applicationId);
    }

    @Test
    void mixedInOptionsReadTheirsAndHelpOptionsNone() {
        GenerateCommand generate = new GenerateCommand();
        CommandLine cli = new CommandLine(generate);
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.of("STREAMLYTICS_BOOTSTRAP_SERVERS", "k:9092",
                "STREAMLYTICS_HELP", "true", "STREAMLYTICS_VERSION", "true")::get));
        cli.parseArgs("api-requests");
        assertEquals("k:9092", generate.kafkaTarget.bootstrapServers);
        assertFalse(cli.isUsageHelpRequested());
        assertFalse(cli.isVersionHelpRequested());
    }

    @Test
    void everyCommandReadsTheProcessEnvironment() {
        Main.commandLine().getSubcommands().forEach((name, command) -> {
            if (!name.equals("help")) {
                assertInstanceOf(EnvironmentDefaults.class, command.getCommandSpec().defaultValueProvider(), name);
            }
        });
    }
}

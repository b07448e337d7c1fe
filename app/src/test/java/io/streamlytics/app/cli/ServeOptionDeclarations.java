package io.streamlytics.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serve's options as picocli reads them: the environment variable each reads, and its default. */
final class ServeOptionDeclarations {
    /** @param defaultValue null when the option has none (an empty default counts as none) */
    record Declared(String variable, String defaultValue) {
    }

    private ServeOptionDeclarations() {
    }

    /** By option name, e.g. {@code --http-port}. */
    static Map<String, Declared> byOption() {
        Map<String, Declared> options = new TreeMap<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(new ServeOptions()).options()) {
            String declared = option.defaultValue();
            assertFalse(declared != null && declared.contains("${env:"),
                    option.longestName() + " leaves its variable to EnvironmentDefaults: " + declared);
            String value = declared == null || declared.isEmpty() ? null : declared;
            options.put(option.longestName(), new Declared(EnvironmentDefaults.variable(option.longestName()), value));
        }
        assertTrue(options.size() > 20, "the options were read: " + options.keySet());
        return options;
    }
}

package io.streamlytics.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration table is the options of serve: the same options, each with the environment variable
 * named after it and the same default. An option added, renamed or given a new default fails here until the table
 * says so.
 */
class ConfigurationTableTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z0-9-]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
    /** Defaults that depend on other settings: the table describes them in words. */
    private static final Map<String, String> DESCRIBED_DEFAULTS = Map.of("--http-host", "127.0.0.1, or 0.0.0.0 when API keys are set");

    record Row(String variable, String defaultValue) {
    }

    @Test
    void everyOptionOfServeHasItsRowWithTheDerivedVariableAndItsDefault() throws IOException {
        Map<String, Row> table = readmeTable();
        Map<String, Row> options = serveOptions();
        assertEquals(options.keySet(), table.keySet(), "the README's table lists exactly serve's options");
        options.forEach((option, row) -> {
            assertEquals("STREAMLYTICS_" + option.substring(2).toUpperCase(Locale.ROOT).replace('-', '_'), row.variable(),
                    option + " reads the variable named after it");
            assertEquals(row, table.get(option), option + ": the README's row");
        });
    }

    private static Map<String, Row> readmeTable() throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("### Secured Kafka"));
        Map<String, Row> rows = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.put(row.group(1), new Row(row.group(2), row.group(3).trim()));
        }
        assertTrue(rows.size() > 20, "the table was read: " + rows.keySet());
        return rows;
    }

    /** Each option with the variable and default its annotation gives, written as the table writes them. */
    private static Map<String, Row> serveOptions() {
        Map<String, Row> options = new TreeMap<>();
        ServeOptionDeclarations.byOption().forEach((option, declared) -> options.put(option, new Row(declared.variable(),
                DESCRIBED_DEFAULTS.getOrDefault(option, declared.defaultValue() == null ? "none" : declared.defaultValue()))));
        return options;
    }
}

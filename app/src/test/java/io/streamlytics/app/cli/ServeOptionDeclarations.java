package io.streamlytics.app.cli;

import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serve's options as their annotations declare them: the environment variable each reads, and its default. */
final class ServeOptionDeclarations {
    private static final Pattern ENV_DEFAULT = Pattern.compile("^\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}$");

    /** @param defaultValue null when the option has none (an empty default counts as none) */
    record Declared(String variable, String defaultValue) {
    }

    private ServeOptionDeclarations() {
    }

    /** By option name, e.g. {@code --http-port}. */
    static Map<String, Declared> byOption() {
        Map<String, Declared> options = new TreeMap<>();
        for (Field field : ServeOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            Matcher env = ENV_DEFAULT.matcher(option.defaultValue());
            assertTrue(env.matches(), option.names()[0] + " reads an environment variable: " + option.defaultValue());
            String value = env.group(2) == null || env.group(2).isEmpty() ? null : env.group(2);
            options.put(option.names()[0], new Declared(env.group(1), value));
        }
        assertTrue(options.size() > 20, "the options were read: " + options.keySet());
        return options;
    }
}

package io.streamlytics.app.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.function.Function;

/**
 * Each option's default from the environment variable named after it ({@code --http-port} ↔
 * {@code STREAMLYTICS_HTTP_PORT}); picocli asks it before the annotation's default, which applies when the variable
 * is not set.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    /** The rule as each command's help states it. */
    public static final String RULE = "Each option also reads the environment variable named after it: --http-port ↔ STREAMLYTICS_HTTP_PORT.";

    private static final String PREFIX = "STREAMLYTICS_";

    private final Function<String, String> environment;

    /** The process's environment: what picocli instantiates for {@code @Command(defaultValueProvider = …)}. */
    public EnvironmentDefaults() {
        this(System::getenv);
    }

    /** @param environment a variable's value by name, null when it is not set */
    public EnvironmentDefaults(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The variable an option reads, from its longest name: {@code --http-port} → {@code STREAMLYTICS_HTTP_PORT}. */
    public static String variable(String longestName) {
        return PREFIX + longestName.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.apply(variable(option.longestName()));
        // picocli interpolates what a provider returns; "$$" keeps a value's own "$" and "${…}" as they are
        return value == null ? null : value.replace("$", "$$");
    }
}

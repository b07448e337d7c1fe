package io.streamlytics.app;

import io.streamlytics.app.cli.DemoCommand;
import io.streamlytics.app.cli.GenerateCommand;
import io.streamlytics.app.cli.ReplayCommand;
import io.streamlytics.app.cli.ServeCommand;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * The command line. Exit codes scripts can rely on: 0 done, 1 the command was valid but failed
 * while running (e.g. Kafka unreachable), 2 the command line was wrong (unknown option, bad value,
 * invalid setting, missing file). Every expected failure is one line on standard error.
 */
@Command(name = "streamlytics", mixinStandardHelpOptions = true, version = "Streamlytics 0.1",
        description = "Real-time log analytics on Kafka Streams.",
        subcommands = {DemoCommand.class, ServeCommand.class, GenerateCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    public static final int OK = CommandLine.ExitCode.OK;
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling, for {@link #main} and for tests that run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            String name = command.getCommandSpec().qualifiedName();
            if (e instanceof IllegalArgumentException) {
                command.getErr().println(name + ": " + e.getMessage());
                return USAGE;
            }
            if (e instanceof IllegalStateException || e instanceof KafkaException
                    || e instanceof UncheckedIOException || e instanceof IOException) {
                command.getErr().println(name + ": " + e.getMessage());
                return FAILED;
            }
            // not an expected condition: a bug, worth its stack trace
            command.getErr().println(name + ": unexpected failure: " + e);
            e.printStackTrace(command.getErr());
            return FAILED;
        });
        return cli;
    }

    /** Without a command: the usage, and a usage error. */
    @Override
    public Integer call() {
        CommandLine cli = new CommandLine(this);
        cli.usage(cli.getErr());
        return USAGE;
    }
}

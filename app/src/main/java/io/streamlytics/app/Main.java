package io.streamlytics.app;

import io.streamlytics.app.cli.DemoCommand;
import io.streamlytics.app.cli.GenerateCommand;
import io.streamlytics.app.cli.ReplayCommand;
import io.streamlytics.app.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "streamlytics", mixinStandardHelpOptions = true, version = "Streamlytics 0.1",
        description = "Real-time log analytics on Kafka Streams.",
        subcommands = {DemoCommand.class, ServeCommand.class, GenerateCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // configuration mistakes are one clear line, not a stack trace
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                commandLine.getErr().println("streamlytics: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

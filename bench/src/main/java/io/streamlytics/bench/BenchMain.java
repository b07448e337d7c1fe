package io.streamlytics.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmarks, one sub-command each; bench/run.sh builds the classpath and calls this. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Streamlytics benchmarks (see BENCHMARKS.md).",
        subcommands = {ThroughputBench.class, QueriesBench.class, FreshnessBench.class, RecoveryBench.class, MemoryBench.class,
                FlyerVsSparkBench.class, FlyerLoadBench.class, AppLogsBenchmark.class, ReplayBenchmark.class,
                SparkEventLogScaler.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        int exit = new CommandLine(new BenchMain()).execute(args);
        System.exit(exit);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package io.streamlytics.app.cli;

import io.streamlytics.app.StreamlyticsInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        defaultValueProvider = EnvironmentDefaults.class, footer = EnvironmentDefaults.RULE,
        description = "Run one instance: topology and HTTP server, on the embedded broker unless --bootstrap-servers is given.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServeOptions options;

    @Override
    public Integer call() throws InterruptedException {
        StreamlyticsInstance instance = StreamlyticsInstance.start(options.toConfig());
        runUntilShutdown(instance);
        return 0;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the instance cleanly. */
    static void runUntilShutdown(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("error while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "streamlytics-shutdown"));
        stopped.await();
    }
}

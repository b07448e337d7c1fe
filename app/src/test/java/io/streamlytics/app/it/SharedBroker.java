package io.streamlytics.app.it;

import io.streamlytics.app.broker.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real embedded KRaft broker for the whole test run; tests isolate themselves by application id and topic prefix. */
final class SharedBroker {
    private static EmbeddedKafkaBroker broker;

    private SharedBroker() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("streamlytics-it-broker");
                broker = EmbeddedKafkaBroker.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker.bootstrapServers();
    }
}

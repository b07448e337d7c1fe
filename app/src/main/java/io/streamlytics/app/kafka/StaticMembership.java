package io.streamlytics.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The group member name ({@code group.instance.id}) an instance keeps across restarts: static membership lets an
 * instance that comes back on its state take its tasks again at once, instead of waiting out the session of the
 * member it was before a crash. The name belongs to the state directory, which no two running instances share, and
 * is made once, on first start; Kafka Streams adds each stream thread's index to it.
 */
public final class StaticMembership {
    private StaticMembership() {
    }

    public static String memberName(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ".member-name");
        try {
            Files.createDirectories(stateDir);
            try {
                Files.writeString(Files.createFile(file), "streamlytics-" + UUID.randomUUID(), StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException kept) {
                // the name of an earlier start on this state
            }
            String name = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (name.isEmpty()) {
                // a crash between creating the file and writing it: nobody can have used the empty name
                name = "streamlytics-" + UUID.randomUUID();
                Files.writeString(file, name, StandardCharsets.UTF_8);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the group member name in " + file, e);
        }
    }
}

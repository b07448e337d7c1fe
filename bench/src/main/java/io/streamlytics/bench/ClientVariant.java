package io.streamlytics.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark's variant: Kafka client properties as a {@code --kafka-config} file gives them, written
 * {@code key=value,key=value}; the empty text is the default configuration.
 */
public record ClientVariant(String text) {

    public boolean isDefault() {
        return properties().isEmpty();
    }

    public String label() {
        return isDefault() ? "default configuration" : text;
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        for (String setting : text.split(",")) {
            if (setting.isBlank()) {
                continue;
            }
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--variant takes key=value settings, got '" + setting + "'");
            }
            properties.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
        }
        return properties;
    }
}

package io.streamlytics.topology.quality;

/**
 * One counter of /quality: events of one kind from one input topic for one reason. Stored under
 * {@link #storeKey()}, "kind|topic|reason" (topic names and kinds never hold '|'; the reason comes last).
 */
public record QualityCount(QualityKind kind, String topic, String reason, long count) {

    public String storeKey() {
        return kind.label() + "|" + topic + "|" + reason;
    }

    public static QualityCount fromStore(String key, long count) {
        String[] parts = key.split("\\|", 3);
        QualityKind kind = QualityKind.labelled(parts[0]).orElseThrow(() -> new IllegalArgumentException("unknown kind in " + key));
        return new QualityCount(kind, parts[1], parts[2], count);
    }
}

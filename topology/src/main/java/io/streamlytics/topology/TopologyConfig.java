package io.streamlytics.topology;

import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.applogs.AppLogSettings;
import io.streamlytics.topology.flyer.FlyerSettings;
import io.streamlytics.topology.time.WatermarkSource;

import java.time.Duration;

/**
 * What the topology needs to know, validated once at construction; messages name the setting.
 *
 * @param windowGrace       how long after a minute or hour window ends its events are still counted
 * @param dailyGrace        how long after a day ends its events are still accepted
 * @param retention         how long windows are kept and queryable
 * @param dedupWindow       event-time distance within which a repeated request_id is a duplicate
 * @param watermarkStep     stream-time progress of an input partition after which it is sent downstream at once
 * @param watermarkPeriod   wall-clock period at which smaller progress is sent, and windows are checked for closing
 * @param sourceIdleTimeout wall-clock time without a record after which a caught-up input partition no longer holds windows open
 * @param anomalies         when an endpoint's minute is an anomaly
 * @param flyer             settings of the user-events pipeline
 * @param appLogs           settings of the app-logs pipeline
 */
public record TopologyConfig(String topicPrefix,
                             Duration windowGrace,
                             Duration dailyGrace,
                             Duration retention,
                             Duration dedupWindow,
                             Duration watermarkStep,
                             Duration watermarkPeriod,
                             Duration sourceIdleTimeout,
                             AnomalySettings anomalies,
                             FlyerSettings flyer,
                             AppLogSettings appLogs) {

    public static TopologyConfig defaults() {
        return new TopologyConfig("", Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30),
                AnomalySettings.defaults(), FlyerSettings.defaults(), AppLogSettings.defaults());
    }

    public TopologyConfig {
        requireNonNegative("grace", windowGrace);
        requireNonNegative("grace-daily", dailyGrace);
        if (windowGrace != null && dailyGrace != null && windowGrace.compareTo(dailyGrace) > 0) {
            throw new IllegalArgumentException("grace (" + windowGrace + ") must not be longer than grace-daily (" + dailyGrace
                    + "): admission keeps events only until their day closes");
        }
        requireNonNegative("dedup-window", dedupWindow);
        requirePositive("watermark-step", watermarkStep);
        requirePositive("watermark-period", watermarkPeriod);
        requirePositive("source-idle-timeout", sourceIdleTimeout);
        Duration dayPlusGrace = Duration.ofDays(1).plus(dailyGrace);
        if (retention == null || retention.compareTo(dayPlusGrace) < 0) {
            throw new IllegalArgumentException("retention must be at least one day plus grace-daily (" + dayPlusGrace
                    + "), got " + retention);
        }
        if (anomalies == null || flyer == null || appLogs == null) {
            throw new IllegalArgumentException("anomaly, flyer and app-log settings are required");
        }
        if (topicPrefix == null) {
            topicPrefix = "";
        }
    }

    /** How admission of {@code input} sends its partitions' stream time and idleness downstream. */
    public AdmissionRules.Watermarks watermarks(WatermarkSource input) {
        return new AdmissionRules.Watermarks(watermarkStep, watermarkPeriod, sourceIdleTimeout, input);
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero, got " + value);
        }
    }
}

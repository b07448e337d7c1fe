package io.streamlytics.topology;

import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.applogs.AppLogSettings;
import io.streamlytics.topology.flyer.FlyerSettings;
import io.streamlytics.topology.watermark.WatermarkSource;

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
        return builder().build();
    }

    /** A builder holding the defaults: set what differs by name, then {@link Builder#build()} validates once. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder().topicPrefix(topicPrefix).windowGrace(windowGrace).dailyGrace(dailyGrace).retention(retention)
                .dedupWindow(dedupWindow).watermarkStep(watermarkStep).watermarkPeriod(watermarkPeriod)
                .sourceIdleTimeout(sourceIdleTimeout).anomalies(anomalies).flyer(flyer).appLogs(appLogs);
    }

    /** Settings by name, so that two durations cannot be swapped unnoticed; the defaults live here only. */
    public static final class Builder {
        private String topicPrefix = "";
        private Duration windowGrace = Duration.ofHours(1);
        private Duration dailyGrace = Duration.ofHours(6);
        private Duration retention = Duration.ofDays(30);
        private Duration dedupWindow = Duration.ofHours(1);
        private Duration watermarkStep = Duration.ofMinutes(1);
        private Duration watermarkPeriod = Duration.ofSeconds(1);
        private Duration sourceIdleTimeout = Duration.ofSeconds(30);
        private AnomalySettings anomalies = AnomalySettings.defaults();
        private FlyerSettings flyer = FlyerSettings.defaults();
        private AppLogSettings appLogs = AppLogSettings.defaults();

        private Builder() {
        }

        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        public Builder windowGrace(Duration windowGrace) {
            this.windowGrace = windowGrace;
            return this;
        }

        public Builder dailyGrace(Duration dailyGrace) {
            this.dailyGrace = dailyGrace;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Builder dedupWindow(Duration dedupWindow) {
            this.dedupWindow = dedupWindow;
            return this;
        }

        public Builder watermarkStep(Duration watermarkStep) {
            this.watermarkStep = watermarkStep;
            return this;
        }

        public Builder watermarkPeriod(Duration watermarkPeriod) {
            this.watermarkPeriod = watermarkPeriod;
            return this;
        }

        public Builder sourceIdleTimeout(Duration sourceIdleTimeout) {
            this.sourceIdleTimeout = sourceIdleTimeout;
            return this;
        }

        public Builder anomalies(AnomalySettings anomalies) {
            this.anomalies = anomalies;
            return this;
        }

        public Builder flyer(FlyerSettings flyer) {
            this.flyer = flyer;
            return this;
        }

        public Builder appLogs(AppLogSettings appLogs) {
            this.appLogs = appLogs;
            return this;
        }

        public TopologyConfig build() {
            return new TopologyConfig(topicPrefix, windowGrace, dailyGrace, retention, dedupWindow, watermarkStep,
                    watermarkPeriod, sourceIdleTimeout, anomalies, flyer, appLogs);
        }
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

package io.streamlytics.topology.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * The common shape of event times, {@code 2024-09-03T10:15:30.120Z} or {@code 2018-10-01T13:54:59-04:00}, read by hand:
 * {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)} is a large share of admission's CPU (BENCHMARKS.md, section 1).
 * Every text read here gives the JDK's instant; anything else, valid or not, is declined and left to the JDK for its verdict and message.
 */
final class IsoInstant {
    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    private static final int LONGEST = "0000-00-00T00:00:00.000000000+00:00:00".length();
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private IsoInstant() {
    }

    /**
     * The instant of {@code YYYY-MM-DDTHH:MM:SS[.F{1,9}](Z|±HH:MM[:SS])}, {@code T} and {@code Z} in either case as the
     * JDK takes them, or null when the text has another shape or a field out of its range (STRICT, as the JDK resolves).
     */
    static Instant parseCommonShape(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST
                || text.charAt(4) != '-' || text.charAt(7) != '-' || !isEither(text.charAt(10), 'T', 't')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int century = twoDigits(text, 0);
        int yearOfCentury = twoDigits(text, 2);
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        int hour = twoDigits(text, 11);
        int minute = twoDigits(text, 14);
        int second = twoDigits(text, 17);
        if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int year = century * 100 + yearOfCentury;
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }

        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int first = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                if (at - first == 9) {
                    return null;
                }
                nanos = nanos * 10 + (text.charAt(at++) - '0');
            }
            if (at == first) {
                return null;
            }
            nanos *= SCALE[9 - (at - first)];
        }

        if (at >= length) {
            return null;
        }
        int offsetSeconds;
        char sign = text.charAt(at);
        if (isEither(sign, 'Z', 'z')) {
            if (at + 1 != length) {
                return null;
            }
            offsetSeconds = 0;
        } else if (sign == '+' || sign == '-') {
            int rest = length - at;
            if ((rest != 6 && rest != 9) || text.charAt(at + 3) != ':' || (rest == 9 && text.charAt(at + 6) != ':')) {
                return null;
            }
            int offsetHours = twoDigits(text, at + 1);
            int offsetMinutes = twoDigits(text, at + 4);
            int offsetSecondsPart = rest == 9 ? twoDigits(text, at + 7) : 0;
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetSecondsPart < 0 || offsetSecondsPart > 59) {
                return null;
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60 + offsetSecondsPart;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return null;
            }
            if (sign == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return null;
        }

        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400
                + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** 0 to 99, or -1 unless both characters are ASCII digits (the JDK reads no other digits either). */
    private static int twoDigits(String text, int at) {
        char tens = text.charAt(at);
        char units = text.charAt(at + 1);
        return isDigit(tens) && isDigit(units) ? (tens - '0') * 10 + (units - '0') : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isEither(char c, char upper, char lower) {
        return c == upper || c == lower;
    }
}

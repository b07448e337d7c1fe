package io.streamlytics.topology.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link IsoInstant} against the JDK's own parse: every text it accepts the JDK accepts with the same instant, every
 * text the JDK rejects it declines, and it does accept the common shape in all its variants.
 */
class IsoInstantTest {
    private static final int TEXTS_PER_SEED = 4_000;
    /** Years where leap rules and the epoch change: every century, the 400s, 1969/1970, and both ends. */
    private static final int[] EDGE_YEARS = {0, 1, 3, 4, 99, 100, 400, 1600, 1700, 1800, 1900, 1969, 1970, 1971,
            1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999};
    private static final int[] NON_LEAP_YEARS = {1, 100, 1700, 1900, 1969, 1970, 2023, 2100, 2200, 9999};
    /** What a text might wrongly hold instead: digits, separators, the letters of the format, a space, other digits. */
    private static final String STRAY = "0123456789-+:.,TtZzx /\u2212\u0660\uFF11";

    // the segments of a valid text, each of which a near-miss may break
    private static final int YEAR = 0, MONTH = 2, DAY = 4, T = 5, HOUR = 6, MINUTE = 8, SECOND = 10, FRACTION = 11, OFFSET = 12;

    /** The oracle: the JDK's verdict, null when it rejects the text. */
    private static Instant jdk(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 16);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void acceptsEveryVariantOfTheCommonShapeWithTheJdksInstant(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < TEXTS_PER_SEED; i++) {
            String text = String.join("", valid(random));
            Instant expected = jdk(text);
            assertNotNull(expected, () -> "seed " + seed + ": the generator made \"" + text + "\", which the JDK rejects");
            assertEquals(expected, IsoInstant.parseCommonShape(text), () -> "seed " + seed + ": \"" + text + "\"");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nearMissesAreDeclinedWhenTheJdkRejectsThemAndNeverReadDifferently(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < TEXTS_PER_SEED; i++) {
            String text = nearMiss(random);
            Instant fast = IsoInstant.parseCommonShape(text);
            Instant expected = jdk(text);
            if (expected == null) {
                assertNull(fast, () -> "seed " + seed + ": \"" + text + "\" is rejected by the JDK but accepted as " + fast);
            } else if (fast != null) {
                assertEquals(expected, fast, () -> "seed " + seed + ": \"" + text + "\"");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024-09-03T10:15:30.120Z           | 2024-09-03T10:15:30.120Z",
            "2018-10-01T13:54:59-04:00          | 2018-10-01T17:54:59Z",
            "2024-09-03t10:15:30.1z             | 2024-09-03T10:15:30.100Z",
            "2024-09-03T10:15:30.123456789+05:30| 2024-09-03T04:45:30.123456789Z",
            "2024-02-29T23:59:59.999999999Z     | 2024-02-29T23:59:59.999999999Z",
            "2000-02-29T00:00:00+18:00          | 2000-02-28T06:00:00Z",
            "1999-12-31T23:59:59-18:00          | 2000-01-01T17:59:59Z",
            "2024-09-03T10:15:30+05:30:15       | 2024-09-03T04:45:15Z",
            "1970-01-01T00:00:00-00:00          | 1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z               | 0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9Z             | 9999-12-31T23:59:59.900Z"})
    void readsTheCommonShape(String text, String expected) {
        assertEquals(Instant.parse(expected), IsoInstant.parseCommonShape(text));
        assertEquals(jdk(text), IsoInstant.parseCommonShape(text));
    }

    /** Some the JDK rejects, some it accepts (seconds or offset minutes left out, a bare point): all go to the JDK. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2023-02-29T10:15:30Z", "1900-02-29T10:15:30Z", "2024-02-30T10:15:30Z", "2024-04-31T10:15:30Z",
            "2024-13-03T10:15:30Z", "2024-00-03T10:15:30Z", "2024-09-00T10:15:30Z", "2024-09-03T24:00:00Z",
            "2024-09-03T10:60:30Z", "2024-09-03T10:15:60Z", "2024-09-03T10:15:30+18:01", "2024-09-03T10:15:30+19:00",
            "2024-09-03T10:15:30-18:00:01", "2024-09-03T10:15:30+05:60", "2024-09-03T10:15:30", "2024-09-03 10:15:30Z",
            "2024/09/03T10:15:30Z", "2024-09-03T10:15:30.1234567890Z", "2024-09-03T10:15:30ZZ", "2024-09-03T10:15:30Z ",
            " 2024-09-03T10:15:30Z", "+2024-09-03T10:15:30Z", "12024-09-03T10:15:30Z", "2024-09-03T10:15Z",
            "2024-09-03T10:15:30+05", "2024-09-03T10:15:30.Z", "2024-09-03T10:15:30\u221205:00", "2024-09-03T1\u0660:15:30Z"})
    void declinesOtherShapesAndOutOfRangeFields(String text) {
        assertNull(IsoInstant.parseCommonShape(text));
    }

    /** The segments of a valid text of the common shape, drawn to reach every variant and edge. */
    private static String[] valid(Random random) {
        int year = random.nextInt(4) == 0 ? EDGE_YEARS[random.nextInt(EDGE_YEARS.length)] : random.nextInt(10_000);
        int month = 1 + random.nextInt(12);
        int monthLength = monthLength(year, month);
        int day = random.nextInt(3) == 0 ? monthLength - random.nextInt(3) : 1 + random.nextInt(monthLength);
        return new String[]{pad(year, 4), "-", pad(month, 2), "-", pad(day, 2), random.nextBoolean() ? "T" : "t",
                pad(edgeOrAny(random, 23), 2), ":", pad(edgeOrAny(random, 59), 2), ":", pad(edgeOrAny(random, 59), 2),
                fraction(random, random.nextInt(10)), offset(random)};
    }

    private static String nearMiss(Random random) {
        String[] parts = valid(random);
        switch (random.nextInt(5)) {
            case 0 -> {
                String text = String.join("", parts);
                int at = random.nextInt(text.length());
                return text.substring(0, at) + stray(random) + text.substring(at + 1);
            }
            case 1 -> {
                String text = String.join("", parts);
                int at = random.nextInt(text.length());
                return text.substring(0, at) + text.substring(at + 1);
            }
            case 2 -> {
                String text = String.join("", parts);
                int at = random.nextInt(text.length() + 1);
                return text.substring(0, at) + stray(random) + text.substring(at);
            }
            default -> breakOneField(random, parts);
        }
        return String.join("", parts);
    }

    /** One field out of its range or out of its shape, the rest of the text valid. */
    private static void breakOneField(Random random, String[] parts) {
        switch (random.nextInt(12)) {
            case 0 -> parts[YEAR] = pick(random, "12024", "+2024", "-0001", "+12024", "202", "2o24");
            case 1 -> parts[MONTH] = pick(random, "00", "13", "99", "1", "001");
            case 2 -> parts[DAY] = pick(random, "00", "32", "99", "1", "001",
                    pad(monthLength(Integer.parseInt(parts[YEAR]), Integer.parseInt(parts[MONTH])) + 1, 2));
            case 3 -> {
                parts[YEAR] = pad(NON_LEAP_YEARS[random.nextInt(NON_LEAP_YEARS.length)], 4);
                parts[MONTH] = "02";
                parts[DAY] = "29";
            }
            case 4 -> parts[HOUR] = pick(random, "24", "25", "99", "1", "-1");
            case 5 -> parts[MINUTE] = pick(random, "60", "99", "1");
            case 6 -> parts[SECOND] = pick(random, "60", "61", "99", "1", "");
            case 7 -> parts[T] = pick(random, " ", "_", "x", "TT", "");
            case 8 -> parts[random.nextBoolean() ? 1 : 7] = pick(random, "/", ".", ":", "--", "");
            case 9 -> parts[FRACTION] = pick(random, ".", ",5", ".1234567890", ".12a", "..1", fraction(random, 10));
            case 10 -> parts[OFFSET] = pick(random, "", "+18:01", "+19:00", "-18:00:01", "+99:00", "+05:60", "+05:30:60",
                    "+05", "+0530", "+05:3", "+5:30", "+05:30:0", "+053000", "Z+01:00", "ZZ", "UTC", "GMT", "\u221205:00");
            default -> parts[OFFSET] = parts[OFFSET] + stray(random);
        }
    }

    private static String fraction(Random random, int digits) {
        if (digits == 0) {
            return "";
        }
        StringBuilder fraction = new StringBuilder(".");
        boolean zeros = random.nextInt(4) == 0;
        for (int i = 0; i < digits; i++) {
            fraction.append(zeros ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return fraction.toString();
    }

    /** Z or z, or ±HH:MM with or without seconds anywhere in ±18:00. */
    private static String offset(Random random) {
        int kind = random.nextInt(6);
        if (kind < 2) {
            return kind == 0 ? "Z" : "z";
        }
        int hours = edgeOrAny(random, 18);
        int minutes = hours == 18 ? 0 : edgeOrAny(random, 59);
        String seconds = random.nextInt(3) == 0 ? ":" + pad(hours == 18 ? 0 : edgeOrAny(random, 59), 2) : "";
        return (random.nextBoolean() ? "+" : "-") + pad(hours, 2) + ":" + pad(minutes, 2) + seconds;
    }

    private static int monthLength(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int edgeOrAny(Random random, int max) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> max;
            default -> random.nextInt(max + 1);
        };
    }

    private static String pad(int value, int width) {
        return String.format("%0" + width + "d", value);
    }

    private static char stray(Random random) {
        return STRAY.charAt(random.nextInt(STRAY.length()));
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}

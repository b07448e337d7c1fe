package io.streamlytics.topology.applogs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text filter of a log search: the same answers as a plain case-ignoring region scan, in linear time. */
class LogSearchTextTest {
    /** Letters whose case rules are unusual (dotted and dotless i, Kelvin sign, sharp s, final sigma) and repeats. */
    private static final char[] ALPHABET = {'a', 'A', 'b', 'B', 'i', 'I', '\u0130', '\u0131', 'k', 'K', '\u212A', '\u00DF',
            '\u03C3', '\u03C2', '\u03A3', ' ', '#', '1'};

    private static boolean naiveContains(String message, String part) {
        for (int i = 0; i <= message.length() - part.length(); i++) {
            if (message.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private static String randomText(Random random, int maxLength, int letters) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[random.nextInt(letters)]);
        }
        return text.toString();
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 3L, 20241203L})
    void agreesWithANaiveScanOnRandomTexts(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 20_000; round++) {
            // few letters make repeats and near misses common; all of them bring in the odd case rules
            int letters = random.nextBoolean() ? 3 : ALPHABET.length;
            String message = randomText(random, 40, letters);
            String part = random.nextInt(4) == 0 && !message.isEmpty()
                    ? message.substring(random.nextInt(message.length()))
                    : randomText(random, 6, letters);
            assertEquals(naiveContains(message, part), new CaseFoldedText(part).occursIn(message),
                    "seed=" + seed + " message='" + message + "' part='" + part + "'");
        }
    }

    @Test
    void aTextMadeToDefeatANaiveSearchCostsOnePassOverTheMessage() {
        String message = "a".repeat(16_000_000);
        String part = "a".repeat(LogSearchQuery.MAX_TEXT_LENGTH - 1) + "b";
        // a naive scan compares about four billion characters here (minutes); one pass is sixteen million
        long start = System.nanoTime();
        assertFalse(new CaseFoldedText(part).occursIn(message));
        assertTrue(new CaseFoldedText(part).occursIn(message + "B"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 5, "took " + seconds + " s");
    }
}

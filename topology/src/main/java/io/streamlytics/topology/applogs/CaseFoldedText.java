package io.streamlytics.topology.applogs;

/**
 * A text to find in messages ignoring case, as {@link String#regionMatches(boolean, int, String, int, int)} does, in
 * time linear in the message (Knuth-Morris-Pratt over case-folded characters): a message and a text made to defeat a
 * naive search, such as many {@code a}s against {@code aa…ab}, cost no more than any other.
 */
final class CaseFoldedText {
    private final char[] pattern;
    /** For each prefix of the pattern, the longest proper prefix of it that is also its suffix. */
    private final int[] fallback;

    CaseFoldedText(String text) {
        pattern = new char[text.length()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = fold(text.charAt(i));
        }
        fallback = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    boolean occursIn(String message) {
        if (pattern.length == 0) {
            return true;
        }
        for (int i = 0, k = 0; i < message.length(); i++) {
            char c = fold(message.charAt(i));
            while (k > 0 && c != pattern[k]) {
                k = fallback[k - 1];
            }
            if (c == pattern[k] && ++k == pattern.length) {
                return true;
            }
        }
        return false;
    }

    /** Two characters are equal ignoring case, as {@code regionMatches} has it, exactly when their folds are equal. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}

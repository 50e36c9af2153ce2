package io.github.twiliosmsmcp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShownTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 units

    static Stream<Arguments> shown() {
        return Stream.of(
                // input, expected
                Arguments.of(null, ""),
                Arguments.of("", ""),
                Arguments.of("plain text", "plain text"),
                Arguments.of("a\nb", "a\\u000ab"),
                Arguments.of("a\r\nb", "a\\u000d\\u000ab"),
                Arguments.of("tab\there", "tab\\u0009here"),
                Arguments.of("nul\u0000", "nul\\u0000"),
                Arguments.of("esc\u001b[31m", "esc\\u001b[31m"),
                Arguments.of("del\u007f", "del\\u007f"),
                Arguments.of("next line\u0085", "next line\\u0085"),
                Arguments.of("caf\u00e9 " + EMOJI, "caf\u00e9 " + EMOJI),
                Arguments.of("x".repeat(40), "x".repeat(40)),
                Arguments.of("x".repeat(41), "x".repeat(40) + "... (41 characters)"),
                Arguments.of("y".repeat(10_000), "y".repeat(40) + "... (10000 characters)"),
                Arguments.of("\n".repeat(41), "\\u000a".repeat(40) + "... (41 characters)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void shown(String raw, String expected) {
        assertEquals(expected, Shown.of(raw));
    }

    @Test
    void quotedWrapsTheShownForm() {
        assertEquals("'a\\u000ab'", Shown.quoted("a\nb"));
        assertEquals("''", Shown.quoted(null));
    }

    // Counting code points means an emoji is never split into half a surrogate pair.
    @Test
    void cutNeverSplitsASurrogatePair() {
        String shown = Shown.of(EMOJI.repeat(41));

        assertTrue(shown.startsWith(EMOJI.repeat(40) + "..."), shown);
        assertFalse(Character.isHighSurrogate(shown.charAt(EMOJI.length() * 40 - 1)), shown);
    }

    @Test
    void fortyEmojiAreNotCut() {
        assertEquals(EMOJI.repeat(40), Shown.of(EMOJI.repeat(40)));
    }

    @Test
    void lengthNoteCountsWhatItCuts() {
        assertTrue(Shown.of(EMOJI.repeat(41)).endsWith("... (41 characters)"));
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"2028", "2029"})
    void unicodeLineBreaksAreShownEscaped(String hex) {
        String separator = Character.toString(Integer.parseInt(hex, 16));

        assertEquals("a\\u" + hex.toLowerCase() + "b", Shown.of("a" + separator + "b"));
    }
}

package io.github.twiliosmsmcp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTextTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, a valid surrogate pair

    private static String broken(String unit, int position) {
        return "the message contains a broken character at position " + position + ": " + unit + " is half of an"
                + " emoji or other symbol without its other half, and would reach the phone as '?'";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // text, the problem or null when it can be sent
                Arguments.of("hello", null),
                Arguments.of("", null),
                Arguments.of("two\nlines\r\nand\ta tab", null),
                Arguments.of("smile " + EMOJI, null),
                Arguments.of(EMOJI + EMOJI, null),
                Arguments.of("flag \uD83C\uDDFA\uD83C\uDDF8 and ç", null),
                Arguments.of("bad\u0000byte", "the message contains a control character (U+0000) at position 4"),
                Arguments.of("\u007f", "the message contains a control character (U+007F) at position 1"),
                Arguments.of("bell\u0007", "the message contains a control character (U+0007) at position 5"),
                Arguments.of("hi \uD800 there", broken("U+D800", 4)),
                Arguments.of("\uDC00", broken("U+DC00", 1)),
                Arguments.of("ends with \uD83D", broken("U+D83D", 11)),
                Arguments.of("a\uDE00\uD83D", broken("U+DE00", 2)),
                Arguments.of("\uD83D\uD83D\uDE00", broken("U+D83D", 1)),
                // positions count characters as a person does: an emoji is one
                Arguments.of(EMOJI + "\uD800", broken("U+D800", 2)),
                Arguments.of(EMOJI + "\u0000", "the message contains a control character (U+0000) at position 2"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void textThatWouldNotReachThePhoneAsWrittenIsRefused(String text, String problem) {
        assertEquals(Optional.ofNullable(problem), MessageText.problem(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {EMOJI, "smile " + EMOJI, "flag \uD83C\uDDFA\uD83C\uDDF8"})
    void validSurrogatePairsAreSentAndCountAsUcs2(String text) {
        assertEquals(Optional.empty(), MessageText.problem(text));
        assertEquals(Encoding.UCS_2, Segments.count(text).encoding());
    }
}

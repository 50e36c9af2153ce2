package io.github.twiliosmsmcp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentsTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, one code point, two UTF-16 units

    // Written out independently of the production table so a typo there cannot hide itself.
    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static String rep(String s, int times) {
        return s.repeat(times);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // description, text, encoding, segments, characters
                Arguments.of("null is empty", null, Encoding.GSM_7, 0, 0),
                Arguments.of("empty body (MMS)", "", Encoding.GSM_7, 0, 0),
                Arguments.of("short text", "Hello", Encoding.GSM_7, 1, 5),

                Arguments.of("160 GSM chars fit one segment", rep("a", 160), Encoding.GSM_7, 1, 160),
                Arguments.of("161 GSM chars need two", rep("a", 161), Encoding.GSM_7, 2, 161),
                Arguments.of("306 GSM chars fill two", rep("a", 306), Encoding.GSM_7, 2, 306),
                Arguments.of("307 GSM chars need three", rep("a", 307), Encoding.GSM_7, 3, 307),
                Arguments.of("whole basic table is one septet each",
                        GSM_BASIC + rep("a", 160 - GSM_BASIC.length()), Encoding.GSM_7, 1, 160),

                Arguments.of("80 euro signs = 160 septets", rep("€", 80), Encoding.GSM_7, 1, 80),
                Arguments.of("81 euro signs = 162 septets", rep("€", 81), Encoding.GSM_7, 2, 81),
                Arguments.of("extension chars never split: 76 per part", rep("€", 153), Encoding.GSM_7, 3, 153),
                Arguments.of("152 plain + euro still one segment (154 septets)",
                        rep("a", 152) + "€", Encoding.GSM_7, 1, 153),
                Arguments.of("euro at septet 153 moves to the next part",
                        rep("a", 152) + "€" + rep("a", 152), Encoding.GSM_7, 3, 305),
                Arguments.of("euro starting a part does not move",
                        rep("a", 153) + "€" + rep("a", 151), Encoding.GSM_7, 2, 305),
                Arguments.of("form feed counts two septets", rep("\f", 81), Encoding.GSM_7, 2, 81),
                Arguments.of("CRLF is two GSM characters", "a\r\nb", Encoding.GSM_7, 1, 4),
                Arguments.of("80 CRLFs fill one segment", rep("\r\n", 80), Encoding.GSM_7, 1, 160),
                Arguments.of("upper-case Ç is GSM-7", "Ç", Encoding.GSM_7, 1, 1),
                Arguments.of("straight apostrophe is GSM-7", "it's", Encoding.GSM_7, 1, 4),
                Arguments.of("1600 GSM chars", rep("a", 1600), Encoding.GSM_7, 11, 1600),

                Arguments.of("lower-case ç is not GSM-7", "ç", Encoding.UCS_2, 1, 1),
                Arguments.of("tab is not GSM-7", "a\tb", Encoding.UCS_2, 1, 3),
                Arguments.of("smart quotes are not GSM-7", "“hi”", Encoding.UCS_2, 1, 4),
                Arguments.of("curly apostrophe is not GSM-7", "it’s", Encoding.UCS_2, 1, 4),
                Arguments.of("70 UCS-2 units fit one segment", rep("ç", 70), Encoding.UCS_2, 1, 70),
                Arguments.of("71 UCS-2 units need two", rep("ç", 71), Encoding.UCS_2, 2, 71),
                Arguments.of("134 UCS-2 units fill two", rep("ç", 134), Encoding.UCS_2, 2, 134),
                Arguments.of("135 UCS-2 units need three", rep("ç", 135), Encoding.UCS_2, 3, 135),
                Arguments.of("1600 UCS-2 chars", rep("ç", 1600), Encoding.UCS_2, 24, 1600),

                Arguments.of("emoji is one character, two units", EMOJI, Encoding.UCS_2, 1, 1),
                Arguments.of("one emoji switches mixed text to UCS-2", "Hi " + EMOJI, Encoding.UCS_2, 1, 4),
                Arguments.of("one emoji turns 159 GSM chars into three UCS-2 segments",
                        rep("a", 159) + EMOJI, Encoding.UCS_2, 3, 160),
                Arguments.of("35 emoji = 70 units", rep(EMOJI, 35), Encoding.UCS_2, 1, 35),
                Arguments.of("36 emoji: 33 per part, pairs never split", rep(EMOJI, 36), Encoding.UCS_2, 2, 36),
                Arguments.of("emoji at unit 67 moves to the next part",
                        rep("a", 66) + EMOJI + rep("a", 66), Encoding.UCS_2, 3, 133),
                Arguments.of("emoji starting a part does not move",
                        rep("a", 67) + EMOJI + rep("a", 65), Encoding.UCS_2, 2, 133),
                Arguments.of("unpaired surrogate counts as one unit", "\uD83D", Encoding.UCS_2, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void counts(String description, String text, Encoding encoding, int segments, int characters) {
        assertEquals(new SegmentCount(encoding, segments, characters), Segments.count(text));
    }

    static Stream<String> basicCharacters() {
        return GSM_BASIC.chars().mapToObj(c -> String.valueOf((char) c));
    }

    @ParameterizedTest
    @MethodSource("basicCharacters")
    void everyBasicCharacterIsOneSeptet(String c) {
        assertEquals(new SegmentCount(Encoding.GSM_7, 1, 160), Segments.count(c.repeat(160)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 2, 161), Segments.count(c.repeat(161)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"})
    void everyExtensionCharacterIsTwoSeptets(String c) {
        assertEquals(new SegmentCount(Encoding.GSM_7, 1, 80), Segments.count(c.repeat(80)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 2, 81), Segments.count(c.repeat(81)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ç", "\t", "“", "”", "’", "`", "á", "í", "ó", "ú", "ê", "—", "…", "\u00A0", "\u001B"})
    void lookalikesOutsideGsm7ForceUcs2(String c) {
        assertEquals(Encoding.UCS_2, Segments.count("abc" + c).encoding());
    }

    @Test
    void describe() {
        assertEquals("2 segments (GSM-7, 170 characters)", Segments.count("a".repeat(170)).describe());
        assertEquals("1 segment (UCS-2, 6 characters)", Segments.count("héllo" + EMOJI).describe());
        assertEquals("1 segment (UCS-2, 5 characters)", Segments.count("ççççç").describe());
        assertEquals("1 segment (GSM-7, 1 character)", Segments.count("a").describe());
        assertEquals("0 segments (GSM-7, 0 characters)", Segments.count("").describe());
    }

    @Test
    void labels() {
        assertEquals("GSM-7", Encoding.GSM_7.label());
        assertEquals("UCS-2", Encoding.UCS_2.label());
    }
}

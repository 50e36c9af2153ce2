package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

// The production class is also called Arguments, so JUnit's is written out in full below.
class ArgumentsTest {

    private static final Set<String> KNOWN = Set.of("to", "message", "count", "wait", "media_urls");
    private static final String LONG = "z".repeat(10_000);

    private static Arguments args(Map<String, Object> raw) throws BadArgument {
        return Arguments.of(raw, KNOWN);
    }

    private static Arguments args(String name, Object value) throws BadArgument {
        Map<String, Object> raw = new HashMap<>();
        raw.put(name, value);
        return args(raw);
    }

    private static String refusal(Executable call) {
        String message = assertThrows(BadArgument.class, call).getMessage();
        assertTrue(message.length() < 300, () -> "message is " + message.length() + " characters: " + message);
        return message;
    }

    private static void assertContains(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
        }
    }

    // ---- argument names ----

    @Test
    void unknownNameIsRefusedWithTheKnownOnesListed() {
        String message = refusal(() -> args("mesage", "hi"));

        assertContains(message, "'mesage'", "count, media_urls, message, to, wait");
    }

    @Test
    void severalUnknownNamesAreAllNamedInOrder() {
        String message = refusal(() -> args(Map.of("b_extra", 1, "a_extra", 2, "to", "+1")));

        assertContains(message, "'a_extra', 'b_extra'");
        assertFalse(message.contains("'to'"), message);
    }

    @Test
    void longUnknownNameIsCutShort() {
        String message = refusal(() -> args(LONG, "x"));

        assertContains(message, "10000 characters");
    }

    @Test
    void manyUnknownNamesAreNotAllListed() {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            raw.put("extra" + (100 + i), i);
        }

        String message = refusal(() -> args(raw));

        assertContains(message, "'extra100'", "'extra104'");
        assertFalse(message.contains("extra105"), message);
    }

    @Test
    void nullOrEmptyArgumentsAreAllowedAndEverythingIsAbsent() throws BadArgument {
        for (Arguments a : List.of(Arguments.of(null, KNOWN), Arguments.of(Map.of(), KNOWN))) {
            assertEquals(Optional.empty(), a.optionalString("message", "'hi'"));
            assertEquals(Optional.empty(), a.optionalInt("count", 1, 10));
            assertEquals(Optional.empty(), a.optionalBoolean("wait"));
        }
    }

    // ---- strings ----

    @Test
    void requiredStringReturnsTheValueUnchanged() throws BadArgument {
        assertEquals("  hi  ", args("message", "  hi  ").requiredString("message", "'hi'"));
    }

    @Test
    void missingRequiredStringNamesTheArgumentAndAnExample() {
        String message = refusal(() -> args(Map.of()).requiredString("to", "'+14155552671'"));

        assertContains(message, "'to'", "missing", "string", "'+14155552671'");
    }

    @Test
    void explicitNullCountsAsMissing() {
        String message = refusal(() -> args("to", null).requiredString("to", "'+14155552671'"));

        assertContains(message, "'to'", "missing");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> wrongTypes() {
        return Stream.of(
                // value, how the message describes it
                org.junit.jupiter.params.provider.Arguments.of(14155552671L, "the number 14155552671"),
                org.junit.jupiter.params.provider.Arguments.of(2.5, "the number 2.5"),
                org.junit.jupiter.params.provider.Arguments.of(List.of("+1"), "a list"),
                org.junit.jupiter.params.provider.Arguments.of(Map.of("a", 1), "an object"),
                org.junit.jupiter.params.provider.Arguments.of(true, "it was true"),
                org.junit.jupiter.params.provider.Arguments.of('c', "a Character"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("wrongTypes")
    void requiredStringOfTheWrongTypeNamesArgumentAndType(Object value, String described) {
        String message = refusal(() -> args("to", value).requiredString("to", "'+14155552671'"));

        assertContains(message, "'to'", "must be a string", described);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("wrongTypes")
    void optionalStringOfTheWrongTypeIsRefusedToo(Object value, String described) {
        String message = refusal(() -> args("message", value).optionalString("message", "'hi'"));

        assertContains(message, "'message'", "must be a string", described);
    }

    // ---- whole numbers ----

    static Stream<org.junit.jupiter.params.provider.Arguments> acceptedInts() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(5, 5),
                org.junit.jupiter.params.provider.Arguments.of(5L, 5),
                org.junit.jupiter.params.provider.Arguments.of(5.0, 5),
                org.junit.jupiter.params.provider.Arguments.of(5.0f, 5),
                org.junit.jupiter.params.provider.Arguments.of(new BigDecimal("5.00"), 5),
                org.junit.jupiter.params.provider.Arguments.of("5", 5),
                org.junit.jupiter.params.provider.Arguments.of(" 5 ", 5),
                org.junit.jupiter.params.provider.Arguments.of("1", 1),
                org.junit.jupiter.params.provider.Arguments.of(10, 10),
                org.junit.jupiter.params.provider.Arguments.of("010", 10));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("acceptedInts")
    void optionalIntAcceptsWholeNumbersInAnyForm(Object value, int expected) throws BadArgument {
        assertEquals(Optional.of(expected), args("count", value).optionalInt("count", 1, 10));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusedInts() {
        return Stream.of(
                // value, fragment the message must contain
                org.junit.jupiter.params.provider.Arguments.of(5.5, "the number 5.5"),
                org.junit.jupiter.params.provider.Arguments.of("5.5", "the text '5.5'"),
                org.junit.jupiter.params.provider.Arguments.of("five", "the text 'five'"),
                org.junit.jupiter.params.provider.Arguments.of("", "the text ''"),
                org.junit.jupiter.params.provider.Arguments.of(true, "it was true"),
                org.junit.jupiter.params.provider.Arguments.of(List.of(5), "a list"),
                org.junit.jupiter.params.provider.Arguments.of(Double.NaN, "NaN"),
                org.junit.jupiter.params.provider.Arguments.of(Double.POSITIVE_INFINITY, "Infinity"),
                org.junit.jupiter.params.provider.Arguments.of("9999999999999", "the text"),
                org.junit.jupiter.params.provider.Arguments.of(0, "it was 0"),
                org.junit.jupiter.params.provider.Arguments.of(11, "it was 11"),
                org.junit.jupiter.params.provider.Arguments.of(-3, "it was -3"),
                org.junit.jupiter.params.provider.Arguments.of("11", "it was 11"),
                org.junit.jupiter.params.provider.Arguments.of("-999999999999", "from 1 to 10"),
                org.junit.jupiter.params.provider.Arguments.of(1e300, "from 1 to 10"),
                org.junit.jupiter.params.provider.Arguments.of(-1e300, "from 1 to 10"),
                org.junit.jupiter.params.provider.Arguments.of(Long.MAX_VALUE, "from 1 to 10"),
                org.junit.jupiter.params.provider.Arguments.of(4294967301L, "from 1 to 10"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusedInts")
    void optionalIntRefusesWithTheRange(Object value, String fragment) {
        String message = refusal(() -> args("count", value).optionalInt("count", 1, 10));

        assertContains(message, "'count'", "from 1 to 10", fragment);
    }

    @Test
    void optionalIntCutsALongTextShort() {
        String message = refusal(() -> args("count", LONG).optionalInt("count", 1, 10));

        assertContains(message, "'count'", "10000 characters");
    }

    // Jackson reads integers beyond the long range as BigInteger.
    @Test
    void integerBeyondTheLongRangeIsRefused() {
        BigInteger twoToThe64PlusFive = BigInteger.TWO.pow(64).add(BigInteger.valueOf(5));

        String message = refusal(() -> args("count", twoToThe64PlusFive).optionalInt("count", 1, 10));

        assertContains(message, "'count'", "from 1 to 10");
    }

    @Test
    void hugeDoubleIsReportedAsSent() {
        String message = refusal(() -> args("count", 1e300).optionalInt("count", 1, 10));

        assertFalse(message.contains("9223372036854775807"), message);
    }

    // ---- booleans ----

    static Stream<org.junit.jupiter.params.provider.Arguments> acceptedBooleans() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(true, true),
                org.junit.jupiter.params.provider.Arguments.of(false, false),
                org.junit.jupiter.params.provider.Arguments.of("true", true),
                org.junit.jupiter.params.provider.Arguments.of("false", false),
                org.junit.jupiter.params.provider.Arguments.of("TRUE", true),
                org.junit.jupiter.params.provider.Arguments.of("False", false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("acceptedBooleans")
    void optionalBooleanAcceptsBooleansAndTheirText(Object value, boolean expected) throws BadArgument {
        assertEquals(Optional.of(expected), args("wait", value).optionalBoolean("wait"));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusedBooleans() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("yes", "the text 'yes'"),
                org.junit.jupiter.params.provider.Arguments.of("1", "the text '1'"),
                org.junit.jupiter.params.provider.Arguments.of(1, "the number 1"),
                org.junit.jupiter.params.provider.Arguments.of(0, "the number 0"),
                org.junit.jupiter.params.provider.Arguments.of(Map.of(), "an object"),
                org.junit.jupiter.params.provider.Arguments.of(LONG, "10000 characters"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("refusedBooleans")
    void optionalBooleanRefusesEverythingElse(Object value, String fragment) {
        String message = refusal(() -> args("wait", value).optionalBoolean("wait"));

        assertContains(message, "'wait'", "true or false", fragment);
    }

    // ---- string lists ----

    @Test
    void stringListReturnsTheItemsInOrder() throws BadArgument {
        List<String> urls = List.of("https://example.com/a.jpg", "https://example.com/b.jpg");

        assertEquals(urls, args("media_urls", urls).stringList("media_urls", "'https://example.com/a.jpg'"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"https://example.com/a.jpg", ""})
    void aSingleStringIsAListOfOne(String value) throws BadArgument {
        assertEquals(List.of(value), args("media_urls", value).stringList("media_urls", "'https://example.com/a.jpg'"));
    }

    @Test
    void anEmptyListStaysEmpty() throws BadArgument {
        assertEquals(List.of(), args("media_urls", List.of()).stringList("media_urls", "'u'"));
    }

    @Test
    void missingListNamesTheArgumentAndAnExample() {
        String message = refusal(() -> args(Map.of()).stringList("media_urls", "'https://example.com/a.jpg'"));

        assertContains(message, "'media_urls'", "missing", "['https://example.com/a.jpg']");
    }

    @Test
    void listWithANumberNamesTheItem() {
        List<Object> value = List.of("https://example.com/a.jpg", 5);

        String message = refusal(() -> args("media_urls", value).stringList("media_urls", "'u'"));

        assertContains(message, "item 2", "'media_urls'", "must be a string", "the number 5");
    }

    @Test
    void listWithANullItemNamesTheItem() {
        List<Object> value = new ArrayList<>();
        value.add(null);

        String message = refusal(() -> args("media_urls", value).stringList("media_urls", "'u'"));

        assertContains(message, "item 1", "it was null");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> notLists() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(Map.of("url", "https://example.com/a.jpg"), "an object"),
                org.junit.jupiter.params.provider.Arguments.of(3, "the number 3"),
                org.junit.jupiter.params.provider.Arguments.of(false, "it was false"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("notLists")
    void somethingOtherThanAListIsRefused(Object value, String described) {
        String message = refusal(() -> args("media_urls", value).stringList("media_urls", "'u'"));

        assertContains(message, "'media_urls'", "must be a list of strings", described);
    }

    // ---- untrusted text in messages ----

    @Test
    void longTextInAnErrorIsCutShortAndControlCharactersShown() {
        String junk = "line one\nline two" + LONG;

        String message = refusal(() -> args("wait", junk).optionalBoolean("wait"));

        assertAll(
                () -> assertContains(message, "line one\\u000aline two", "characters)"),
                () -> assertFalse(message.contains("\n"), message));
    }
}

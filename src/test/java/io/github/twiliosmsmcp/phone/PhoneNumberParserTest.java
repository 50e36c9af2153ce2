package io.github.twiliosmsmcp.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberParserTest {

    private static final String EXAMPLE = "+447700900123";

    private static String reasonFor(String region, String raw) {
        ParsedNumber result = new PhoneNumberParser(region).parse(raw);
        return assertInstanceOf(ParsedNumber.Invalid.class, result,
                () -> "expected " + raw + " to be invalid in " + region).reason();
    }

    private static String e164For(PhoneNumberParser parser, String raw) {
        ParsedNumber result = parser.parse(raw);
        return assertInstanceOf(ParsedNumber.Valid.class, result,
                () -> "expected " + raw + " to be valid, got " + result).number().e164();
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # US: national forms, 1 prefix, 011 international prefix, international forms
            US | (415) 555-0123          | +14155550123
            US | (212) 736-5000          | +12127365000
            US | 212.736.5000            | +12127365000
            US | 212-736-5000            | +12127365000
            US | 1-212-736-5000          | +12127365000
            US | 1 (212) 736 5000        | +12127365000
            US | +1 212 736 5000         | +12127365000
            US | +1 (212) 736-5000       | +12127365000
            US | +14155552671            | +14155552671
            US | 011 44 7400 123456      | +447400123456
            US | +44 7400 123456         | +447400123456
            US | +49 30 1234567          | +49301234567
            US | +800 9999 9999          | +80099999999
            # GB: national mobile and landline, 00 international prefix, (0) in international form
            GB | 07400 123456            | +447400123456
            GB | 07400-123-456           | +447400123456
            GB | 020 7946 0958           | +442079460958
            GB | (020) 7946 0958         | +442079460958
            GB | +44 20 7946 0958        | +442079460958
            GB | +44 (0)20 7946 0958     | +442079460958
            GB | 0044 7400 123456        | +447400123456
            GB | 00 1 212 736 5000       | +12127365000
            GB | +1 212 736 5000         | +12127365000
            # DE: national landline and mobile, slash separator, 00 prefix, redundant trunk 0
            DE | 030 1234567             | +49301234567
            DE | 030/1234567             | +49301234567
            DE | (030) 123 45 67         | +49301234567
            DE | 01512 3456789           | +4915123456789
            DE | 0049 30 1234567         | +49301234567
            DE | +49 (30) 1234567        | +49301234567
            DE | +49 0 30 1234567        | +49301234567
            DE | +49 1512 3456789        | +4915123456789
            DE | +44 7400 123456         | +447400123456
            # tel: URIs are accepted
            US | tel:+14155552671        | +14155552671
            US | TEL:+1-212-736-5000     | +12127365000
            US | tel:212-736-5000        | +12127365000
            # region codes are case-insensitive
            us | (212) 736-5000          | +12127365000
            """)
    void acceptsNationalAndInternationalForms(String region, String raw, String expected) {
        assertEquals(expected, e164For(new PhoneNumberParser(region), raw));
    }

    static Stream<Arguments> unusualButHarmlessCharacters() {
        return Stream.of(
                arguments("  +1 212 736 5000  ", "surrounding spaces"),
                arguments("+1\u00A0212\u00A0736\u00A05000", "no-break spaces"),
                arguments("\u202A+1 212 736 5000\u202C", "bidi embedding marks, as iOS adds when copying"),
                arguments("\uFEFF+1 212\u200B736\u200B5000", "byte order mark and zero-width spaces"),
                arguments("+1 212\u2013736\u20135000", "en dashes"),
                arguments("+1 212\u2212736\u22125000", "minus signs"),
                arguments("\uFF0B\uFF11 \uFF12\uFF11\uFF12 \uFF17\uFF13\uFF16 \uFF15\uFF10\uFF10\uFF10",
                        "full-width plus and digits"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unusualButHarmlessCharacters")
    void toleratesFormattingPeopleCopyAndPaste(String raw, String description) {
        assertEquals("+12127365000", e164For(new PhoneNumberParser("US"), raw));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "+15005550000", "+15005550001", "+15005550002", "+15005550003", "+15005550004",
        "+15005550005", "+15005550006", "+15005550007", "+15005550008", "+15005550009"})
    void acceptsEveryTwilioMagicTestNumber(String magic) {
        assertEquals(magic, e164For(new PhoneNumberParser("US"), magic));
        assertEquals(magic, e164For(new PhoneNumberParser("GB"), magic));
        assertEquals(magic, e164For(PhoneNumberParser.withoutDefaultRegion(), magic));
    }

    @Test
    void acceptsTwilioMagicNumbersInNationalForm() {
        PhoneNumberParser us = new PhoneNumberParser("US");
        assertEquals("+15005550006", e164For(us, "(500) 555-0006"));
        assertEquals("+15005550001", e164For(us, "500.555.0001"));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # empty
            US | ''                        | it is empty
            US | '   '                     | it is empty
            US | '\u200B'                  | it is empty
            # characters that are not part of a phone number, including extensions and vanity letters
            US | 415-555-CALL              | it contains letters or symbols that are not part of a phone number
            US | +1 212 736 5000 ext. 5    | it contains letters or symbols that are not part of a phone number
            US | +1 212 736 5000 x5        | it contains letters or symbols that are not part of a phone number
            US | +1 212 736 5000 #5        | it contains letters or symbols that are not part of a phone number
            US | tel:+1-212-736-5000;ext=5 | it contains letters or symbols that are not part of a phone number
            US | *67 212 736 5000          | it contains letters or symbols that are not part of a phone number
            US | call me                   | it contains letters or symbols that are not part of a phone number
            US | 212+7365000               | it has a + sign that is not at the start
            US | ++1 212 736 5000          | it has a + sign that is not at the start
            # no digits
            US | ()                        | it contains no digits
            US | +                         | it contains no digits
            US | tel:                      | it contains no digits
            US | - . -                     | it contains no digits
            # too short: rejected by libphonenumber's parser or by its length check
            US | 1                         | it is too short to be a phone number
            US | +44                       | it is too short to be a phone number
            US | +44 1                     | it is too short to be a phone number
            US | 123                       | it is too short to be a phone number
            US | +1 415                    | it is too short to be a phone number
            US | +1 415 555 267            | it is too short to be a phone number
            GB | 00                        | it is too short to be a phone number
            GB | 0049                      | it is too short to be a phone number
            US | +33 1 23 45 67 8          | it is too short to be a phone number
            # too long: rejected by libphonenumber's parser or by its length check
            US | +1 415 555 26711          | it is too long to be a phone number
            US | +33 1 23 45 67 890        | it is too long to be a phone number
            US | +123456789012345678901    | it is too long to be a phone number
            # libphonenumber calls this 6-digit Iranian service number valid, but E.164 needs 7+ digits
            US | +98 9601                  | it is too short to be a phone number
            # unknown country calling codes
            US | +999 1234567              | +999 is not a country calling code
            US | +0123456                  | +012 is not a country calling code
            GB | 00999 1234567             | it does not start with a known country calling code
            # wrong length for the country (Swiss numbers have 9 or 12 digits, never 10)
            US | +41 44 668 18 000         | it has the wrong number of digits for a phone number in Switzerland (CH)
            # local numbers without an area code: the example is a mobile number of the default region
            US | 736-5000                  | it looks like a local number without an area code; add the area code or write it in international form such as +12015550123
            GB | 7946 0958                 | it looks like a local number without an area code; add the area code or write it in international form such as +447400123456
            DE | 1.2.3                     | it looks like a local number without an area code; add the area code or write it in international form such as +4915123456789
            # the right length but not allocated
            US | +1 999 555 2671           | it is not a valid number in the United States (US)
            GB | +1 999 555 2671           | it is not a valid number in the United States (US)
            CA | +1 999 555 2671           | it is not a valid number in Canada (CA)
            GB | 07700 900123              | it is not a valid number in the United Kingdom (GB)
            US | +44 7700 900123           | it is not a valid number in the United Kingdom (GB)
            DE | 01999 1234567             | it is not a valid number in Germany (DE)
            DE | +49 12 345678             | it is not a valid number in Germany (DE)
            US | +61 2 1234 567            | it is not a valid number in Australia (AU)
            US | +808 0000 0000            | it is not a valid number for country calling code +808
            # 00 where it is not the international prefix
            US | 0044 7400 123456          | it starts with 00, which does not begin international numbers in the United States (US); write it as +447400123456
            US | 00 49 30 1234567          | it starts with 00, which does not begin international numbers in the United States (US); write it as +49301234567
            """)
    void explainsWhyANumberIsInvalid(String region, String raw, String expectedReason) {
        assertEquals(expectedReason, reasonFor(region, raw));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("it is empty", reasonFor("US", null));
    }

    @Test
    void lastTwilioMagicNumberIsNotMistakenForTheRange() {
        // +15005550010 is outside Twilio's magic range; libphonenumber 9.0.43 calls it valid, so
        // check the parser gives the same answer as libphonenumber rather than a special one.
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        boolean libphonenumberValid = util.isValidNumber(parseOrFail(util, "+15005550010"));
        ParsedNumber result = new PhoneNumberParser("US").parse("+1 500 555 0010");
        assertEquals(libphonenumberValid, result instanceof ParsedNumber.Valid);
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parseOrFail(
            PhoneNumberUtil util, String e164) {
        try {
            return util.parse(e164, "ZZ");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                arguments("+1 212 736 5000\n"),
                arguments("+1 212\n736 5000"),
                arguments("+1 212 736 5000\r\n+1 212 736 5001"),
                arguments("+1\t212 736 5000"),
                arguments("\u0000+1 212 736 5000"),
                arguments("+1 212 736 5000\u007F"),
                arguments("+1 212 736 5000\u0085"),
                arguments("+1 212 736 5000\u2028"),
                arguments("\u001B[31m+1 212 736 5000"));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void rejectsControlCharacters(String raw) {
        assertEquals("it contains control characters such as line breaks or tabs", reasonFor("US", raw));
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {65, 100, 10_240, 1_000_000})
    void rejectsLongInputWithoutEchoingIt(int length) {
        String junk = "x".repeat(length);
        String reason = reasonFor("US", junk);
        assertEquals("it is " + length + " characters long, too long to be a phone number", reason);
    }

    @Test
    void rejectsLongInputEvenIfItIsMostlyDigits() {
        String padded = "+1 212 736 5000" + " ".repeat(PhoneNumberParser.MAX_INPUT_LENGTH);
        assertEquals("it is 79 characters long, too long to be a phone number", reasonFor("US", padded));
    }

    @Test
    void acceptsInputUpToTheLengthLimit() {
        String number = "+1 212 736 5000";
        String padded = number + " ".repeat(PhoneNumberParser.MAX_INPUT_LENGTH - number.length());
        assertEquals("+12127365000", e164For(new PhoneNumberParser("US"), padded));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "1234567890123456789012345678901234567890123456789012345678901234",
        "Robert'); DROP TABLE numbers;--",
        "+1 212 736 5000 \uD83D\uDCF1"})
    void reasonsNeverEchoTheInput(String raw) {
        String reason = reasonFor("US", raw);
        assertTrue(reason.length() < 160, reason);
        assertTrue(!reason.contains(raw.substring(0, 8)), reason);
    }

    @Test
    void withoutDefaultRegionRequiresACountryCode() {
        PhoneNumberParser parser = PhoneNumberParser.withoutDefaultRegion();
        assertTrue(parser.defaultRegion().isEmpty());
        String noCountryCode = "it has no country code; write it in international form such as " + EXAMPLE;
        assertEquals(noCountryCode, reason(parser, "(212) 736-5000"));
        assertEquals(noCountryCode, reason(parser, "0044 7400 123456"));
        assertEquals("+12127365000", e164For(parser, "+1 (212) 736-5000"));
        assertEquals("+447400123456", e164For(parser, "tel:+44 7400 123456"));
        assertEquals("+999 is not a country calling code", reason(parser, "+999 1234567"));
        assertEquals("it is not a valid number in the United States (US)", reason(parser, "+1 999 555 2671"));
    }

    private static String reason(PhoneNumberParser parser, String raw) {
        return assertInstanceOf(ParsedNumber.Invalid.class, parser.parse(raw)).reason();
    }

    @Test
    void reportsItsDefaultRegionInUpperCase() {
        assertEquals("GB", new PhoneNumberParser("gb").defaultRegion().orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"XX", "ZZ", "001", "USA", "", "U", "EU", "UK"})
    void rejectsUnsupportedDefaultRegions(String region) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new PhoneNumberParser(region));
        assertTrue(e.getMessage().contains("\"" + region + "\""), e.getMessage());
    }

    @Test
    void rejectsNullDefaultRegion() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new PhoneNumberParser(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void doesNotEchoALongDefaultRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PhoneNumberParser("y".repeat(1000)));
        assertTrue(e.getMessage().contains("a value of 1000 characters"), e.getMessage());
    }

    /**
     * Every example number libphonenumber ships, for every region and number type, written in
     * international form or in its own region's national form, must come back as itself; this
     * catches misreadings the hand-picked cases above would miss.
     */
    @Test
    void acceptsLibphonenumbersOwnExampleNumbersForEveryRegion() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberParser international = PhoneNumberParser.withoutDefaultRegion();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String region : util.getSupportedRegions()) {
            PhoneNumberParser national = new PhoneNumberParser(region);
            for (PhoneNumberType type : PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberFormat.E164);
                if (e164.length() - 1 < 7) {
                    continue; // short service numbers, covered by the +98 9601 case above
                }
                checked++;
                String internationalForm = util.format(example, PhoneNumberFormat.INTERNATIONAL);
                String nationalForm = util.format(example, PhoneNumberFormat.NATIONAL);
                if (!(international.parse(internationalForm) instanceof ParsedNumber.Valid valid)
                        || !valid.number().e164().equals(e164)) {
                    failures.add(region + " " + type + " " + internationalForm);
                }
                if (!(national.parse(nationalForm) instanceof ParsedNumber.Valid valid)
                        || !valid.number().e164().equals(e164)) {
                    failures.add(region + " " + type + " national " + nationalForm);
                }
            }
        }
        assertTrue(checked > 1000, "only " + checked + " examples checked");
        assertEquals(List.of(), failures);
    }

    @Test
    void canBeSharedBetweenThreads() throws Exception {
        PhoneNumberParser parser = new PhoneNumberParser("US");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ParsedNumber>> results = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> parser.parse(i % 2 == 0 ? "(212) 736-5000" : "+999 1234567")))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                ParsedNumber expected = i % 2 == 0
                        ? new ParsedNumber.Valid(new PhoneNumber("+12127365000"))
                        : new ParsedNumber.Invalid("+999 is not a country calling code");
                assertEquals(expected, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class PhoneNumberRecord {

        @ParameterizedTest
        @ValueSource(strings = {"+1234567", "+12127365000", "+447400123456", "+123456789012345"})
        void acceptsE164(String e164) {
            PhoneNumber number = new PhoneNumber(e164);
            assertEquals(e164, number.e164());
            assertEquals(e164, number.toString());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
            "12127365000", "+0123456789", "+123456", "+1234567890123456", "+1 212 736 5000",
            "+1212736500a", " +12127365000", "+12127365000\n", "++12127365000",
            "+\uFF11\uFF12\uFF11\uFF12\uFF17\uFF13\uFF16\uFF15\uFF10\uFF10\uFF10"})
        void rejectsAnythingElse(String notE164) {
            assertThrows(IllegalArgumentException.class, () -> new PhoneNumber(notE164));
        }

        @Test
        void doesNotEchoLongInputInItsException() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PhoneNumber("9".repeat(10_000)));
            assertTrue(e.getMessage().length() < 200, e.getMessage());
        }
    }
}

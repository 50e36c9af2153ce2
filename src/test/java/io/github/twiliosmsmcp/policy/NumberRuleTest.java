package io.github.twiliosmsmcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberRuleTest {

    private static final PhoneNumberParser US = new PhoneNumberParser("US");
    private static final PhoneNumberParser GB = new PhoneNumberParser("GB");
    private static final PhoneNumberParser NO_REGION = PhoneNumberParser.withoutDefaultRegion();

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +14155552671             | +14155552671
            '  +1 415 555 2671  '    | +14155552671
            +1 (415) 555-2671        | +14155552671
            (415) 555-2671           | +14155552671
            415.555.2671             | +14155552671
            1-415-555-2671           | +14155552671
            +44 7400 123456          | +447400123456
            011 44 7400 123456       | +447400123456
            +15005550006             | +15005550006
            +1415*                   | +1415*
            '+1 415 *'               | +1415*
            ' +1415* '               | +1415*
            +1*                      | +1*
            +44*                     | +44*
            +4474*                   | +4474*
            +123456789012345*        | +123456789012345*
            """)
    void readsEntriesWithAUsDefaultRegion(String raw, String pattern) {
        NumberRule rule = NumberRule.parse(raw, US);
        assertEquals(pattern, rule.pattern());
        assertEquals(pattern, rule.toString());
        assertEquals(pattern.endsWith("*"), rule.isPrefix());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            07400 123456             | +447400123456
            020 7946 0000            | +442079460000
            +1 415 555 2671          | +14155552671
            """)
    void nationalNumbersFollowTheParsersRegion(String raw, String pattern) {
        assertEquals(pattern, NumberRule.parse(raw, GB).pattern());
    }

    @Test
    void nationalNumbersNeedADefaultRegion() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NumberRule.parse("(415) 555-2671", NO_REGION));
        assertTrue(e.getMessage().contains("no country code"), e.getMessage());
        assertEquals("+14155552671", NumberRule.parse("+14155552671", NO_REGION).pattern());
    }

    @ParameterizedTest(name = "\"{0}\" -> message mentions \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1415*                    | must start with + and the country calling code
            *                        | must start with + and the country calling code
            415*                     | must start with + and the country calling code
            +14*15                   | * may appear only once, at the end
            +1415**                  | * may appear only once, at the end
            *+1415                   | must start with + and the country calling code
            +*                       | at least one digit after the +
            +0*                      | no country calling code starts with 0
            +1-415*                  | only digits may come between + and *
            +1(415)*                 | only digits may come between + and *
            +1a*                     | only digits may come between + and *
            +1234567890123456*       | at most 15 digits
            hello                    | is not a valid phone number: it contains letters
            +1415555                 | is not a valid phone number
            +999 1234 5678           | is not a valid phone number
            +1 415 555 2671 ext 3    | is not a valid phone number
            """)
    void rejectsWithAMessageNamingTheEntry(String raw, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberRule.parse(raw, US));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        String entry = raw.replace(" ", "");
        assertTrue(e.getMessage().contains("\"" + entry + "\""), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "\u00A0"})
    void rejectsEmptyEntries(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberRule.parse(raw, US));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void cutsLongEntriesInMessages() {
        String raw = "+1415" + "9".repeat(200) + "*";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberRule.parse(raw, US));
        assertTrue(e.getMessage().contains("\"" + raw.substring(0, 40) + "...\""), e.getMessage());
        assertFalse(e.getMessage().contains(raw.substring(0, 41)), e.getMessage());
    }

    @Test
    void replacesControlCharactersInMessages() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NumberRule.parse("+1\u001b[2J*", US));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("\"+1?[2J*\""), e.getMessage());
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(textBlock = """
            +1415*,         +14155552671,   true
            +1415*,         +14165552671,   false
            +1415*,         +447400123456,  false
            +1*,            +14155552671,   true
            +1*,            +447400123456,  false
            +44*,           +447400123456,  true
            +4474*,         +447400123456,  true
            +4474*,         +447500123456,  false
            +14155552671*,  +14155552671,   true
            +141555526711*, +14155552671,   false
            +14155552671,   +14155552671,   true
            +14155552671,   +14155552672,   false
            +14155552671,   +141555526710,  false
            +1415555267,    +14155552671,   false
            """)
    void matches(String pattern, String number, boolean expected) {
        assertEquals(expected, new NumberRule(pattern).matches(new PhoneNumber(number)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155552671", "+1415*", "+1*", "+123456789012345", "+123456789012345*"})
    void constructorAcceptsCanonicalPatterns(String pattern) {
        assertEquals(pattern, new NumberRule(pattern).pattern());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14155552671", "+141", "+1415**", "+1 415*", "+0123456789", "+1234567890123456",
                            "*", "+*", "(415) 555-2671"})
    void constructorRefusesAnythingElse(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new NumberRule(pattern));
    }

    @Test
    void parsesLists() {
        assertEquals(List.of(new NumberRule("+1415*"), new NumberRule("+447400123456"), new NumberRule("+14155552671")),
                NumberRule.parseList(" +1415*, +44 7400 123456,,(415) 555-2671 , ", US));
    }

    @Test
    void listsKeepTheFirstOfRepeatedRules() {
        assertEquals(List.of(new NumberRule("+14155552671"), new NumberRule("+1*")),
                NumberRule.parseList("+14155552671,+1*,(415) 555-2671,+1 *", US));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", ",", " , ,, "})
    void blankListsAreEmpty(String text) {
        assertEquals(List.of(), NumberRule.parseList(text, US));
    }

    @Test
    void listsFailOnTheFirstBadEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumberRule.parseList("+1415*, bogus, 1415*", US));
        assertTrue(e.getMessage().contains("\"bogus\""), e.getMessage());
    }

    @Test
    void listsAreImmutable() {
        List<NumberRule> rules = NumberRule.parseList("+1415*", US);
        assertThrows(UnsupportedOperationException.class, () -> rules.add(new NumberRule("+1*")));
    }
}

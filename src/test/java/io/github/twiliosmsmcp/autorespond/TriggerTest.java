package io.github.twiliosmsmcp.autorespond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerTest {

    @ParameterizedTest(name = "keyword \"{0}\" in \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "HOURS | HOURS | true",
            "HOURS | hours | true",
            "HOURS | Hours? | true",
            "HOURS | what are your hours please | true",
            "HOURS | hours: | true",
            "HOURS | office-hours | true",
            "HOURS | HOURSLY | false",
            "HOURS | 24hours | false",
            "HOURS | hour | false",
            "HOURS | '' | false",
            "café | CAFE | true",
            "cafe | Café au lait | true",
            "CAFÉ | cafés | false",
            "Ölpreis | OLPREIS heute | true",
            "opening hours | Opening   hours | false",
            "opening hours | your opening hours? | true",
            "🍕 | I want 🍕 now | true",
            "🍕 | 🍕🍕 | true",
            "PIZZA | I want 🍕 now | false",
            "PIZZA | 🍕PIZZA🍕 | true",
            "ＨＯＵＲＳ | hours | true"})
    void keywordsMatchTheWholeMessageOrWholeWordsInAnyCaseWithOrWithoutAccents(String keyword, String body,
            boolean expected) {
        assertEquals(expected, Trigger.of(Trigger.Match.KEYWORD, keyword).matches(body));
    }

    @ParameterizedTest(name = "pattern \"{0}\" in \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "^hours?\\b | Hours today? | true",
            "^hours?\\b | hoursly | false",
            "\\bopen(ing)?\\b | are you OPEN | true",
            "\\d{5} | zip 12345 | true",
            "\\d{5} | zip 1234 | false",
            "(a+)+$ | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! | false"})
    void patternsAreFoundAnywhereIgnoringCase(String pattern, String body, boolean expected) {
        assertEquals(expected, Trigger.of(Trigger.Match.PATTERN, pattern).matches(body));
    }

    @Test
    void aCatastrophicPatternOnALongMessageIsAnsweredAtOnce() {
        Trigger hostile = Trigger.of(Trigger.Match.PATTERN, "^(a|a?)+(x+x+)+y$|((((a*)*)*)*)*b");
        String message = "a".repeat(1599) + "!";
        // Backtracking engines take longer than the universe's age here; RE2 takes microseconds. The
        // deadline is generous on purpose: it is about "never stalls", not about speed.
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> hostile.matches(message));
        assertFalse(matched);
        String huge = "x".repeat(100_000);
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> hostile.matches(huge)));
    }

    @ParameterizedTest(name = "{0} \"{1}\" is refused")
    @CsvSource(delimiter = '|', value = {
            "KEYWORD | '' | empty",
            "KEYWORD | STOP | never answered",
            "KEYWORD | help | never answered",
            "KEYWORD | Start | never answered",
            "PATTERN | (a | not a valid RE2",
            "PATTERN | (?=x)y | not a valid RE2",
            "PATTERN | ((a{100}){100}){100} | multiply to more than 1000",
            "PATTERN | (\\w{30}\\s{30}){30} | multiply to more than 1000"})
    void triggersThatCannotBeUsedAreRefusedWithTheReason(Trigger.Match match, String text, String reason) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> Trigger.of(match, text));
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
    }

    @Test
    void sizeLimitsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> Trigger.of(Trigger.Match.KEYWORD, "k".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> Trigger.of(Trigger.Match.PATTERN, "p".repeat(201)));
        Trigger.of(Trigger.Match.PATTERN, "p".repeat(200));
        Trigger.of(Trigger.Match.PATTERN, "\\{9999\\}");
        assertEquals(1000, Trigger.Pattern.repetitionProduct("a{10}b{10,}c{2,10}"));
    }
}

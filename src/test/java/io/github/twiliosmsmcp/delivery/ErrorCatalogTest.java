package io.github.twiliosmsmcp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCatalogTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            21610 | STOP          | Do not text them again
            21608 | verified      | Verified Caller IDs
            20003 | credentials   | TWILIO_AUTH_TOKEN
            30003 | unreachable   | later
            21211 | not a valid   | international form
            21408 | country       | Geo permissions
            30007 | spam          | A2P 10DLC
            """)
    void knownCodesAreExplainedInPlainWords(int code, String inMeaning, String inAdvice) {
        // Twilio's own words are ignored for known codes: the catalogue's are written for the user.
        ErrorCatalog.Explanation explanation = ErrorCatalog.explain(code, "Twilio's raw text");

        assertTrue(explanation.meaning().contains(inMeaning), explanation.meaning());
        assertTrue(explanation.advice().contains(inAdvice), explanation.advice());
        assertFalse(explanation.meaning().contains("Twilio's raw text"), explanation.meaning());
    }

    @Test
    void knownCodeIgnoresAMissingTwilioMessage() {
        assertEquals(ErrorCatalog.explain(21610, "anything"), ErrorCatalog.explain(21610, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            63016 | '  Channel message failed  ' | Channel message failed
            12345 | Something new                | Something new
            0     | odd                          | odd
            """)
    void unknownCodeFallsBackToTwilioMessageAndDocs(int code, String twilioMessage, String meaning) {
        ErrorCatalog.Explanation explanation = ErrorCatalog.explain(code, twilioMessage);

        assertEquals(meaning, explanation.meaning());
        assertTrue(explanation.advice().contains("https://www.twilio.com/docs/errors/" + code), explanation.advice());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void unknownCodeWithoutAMessageStillSaysSomething(String twilioMessage) {
        ErrorCatalog.Explanation explanation = ErrorCatalog.explain(99999, twilioMessage);

        assertEquals("Twilio reported an error", explanation.meaning());
        assertTrue(explanation.advice().contains("https://www.twilio.com/docs/errors/99999"), explanation.advice());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {21610, 30003, 63016})
    void docsUrlIsTwilioErrorPage(int code) {
        assertEquals("https://www.twilio.com/docs/errors/" + code, ErrorCatalog.docsUrl(code));
    }
}

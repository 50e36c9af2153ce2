package io.github.twiliosmsmcp.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioErrorsTest {
    private static final TwilioErrors ERRORS = TwilioErrors.INSTANCE;

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
        ErrorMeanings.Explanation explanation = ERRORS.explain(code, "Twilio's raw text");

        assertTrue(explanation.meaning().contains(inMeaning), explanation.meaning());
        assertTrue(explanation.advice().contains(inAdvice), explanation.advice());
        assertFalse(explanation.meaning().contains("Twilio's raw text"), explanation.meaning());
    }

    @Test
    void knownCodeIgnoresAMissingTwilioMessage() {
        assertEquals(ERRORS.explain(21610, "anything"), ERRORS.explain(21610, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            63016 | '  Channel message failed  ' | Channel message failed
            12345 | Something new                | Something new
            0     | odd                          | odd
            """)
    void unknownCodeFallsBackToTwilioMessageAndDocs(int code, String twilioMessage, String meaning) {
        ErrorMeanings.Explanation explanation = ERRORS.explain(code, twilioMessage);

        assertEquals(meaning, explanation.meaning());
        assertTrue(explanation.advice().contains("https://www.twilio.com/docs/errors/" + code), explanation.advice());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void unknownCodeWithoutAMessageStillSaysSomething(String twilioMessage) {
        ErrorMeanings.Explanation explanation = ERRORS.explain(99999, twilioMessage);

        assertEquals("Twilio reported an error", explanation.meaning());
        assertTrue(explanation.advice().contains("https://www.twilio.com/docs/errors/99999"), explanation.advice());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {21610, 30003, 63016})
    void docsUrlIsTwilioErrorPage(int code) {
        assertEquals("https://www.twilio.com/docs/errors/" + code, ERRORS.docsUrl(code));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}, code {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            429 | none  | THROTTLED
            429 | 20429 | THROTTLED
            400 | 20429 | THROTTLED
            400 | 21610 | OPTED_OUT
            500 | 21610 | OPTED_OUT
            400 | 21211 | OTHER
            400 | 21614 | OTHER
            400 | none  | OTHER
            503 | none  | OTHER
            401 | 20003 | NOT_PERMITTED
            401 | none  | NOT_PERMITTED
            401 | 10001 | NOT_PERMITTED
            400 | 21408 | NOT_PERMITTED
            400 | 21606 | NOT_PERMITTED
            400 | 21608 | NOT_PERMITTED
            400 | 21612 | NOT_PERMITTED
            400 | 30032 | NOT_PERMITTED
            400 | 30034 | NOT_PERMITTED
            """)
    void codesTheCoreActsOnBecomeReasons(int httpStatus, Integer code, Reason reason) {
        assertEquals(reason, TwilioErrors.reason(httpStatus, code));
    }

    @Test
    void aCodeIsLabelledAsTwilios() {
        assertEquals("Twilio error 21610", ERRORS.label(21610));
    }
}

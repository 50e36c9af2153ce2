package io.github.twiliosmsmcp.messagecentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.sms.ErrorMeanings.Explanation;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCentralErrorsTest {
    private static final MessageCentralErrors ERRORS = MessageCentralErrors.INSTANCE;

    @ParameterizedTest(name = "HTTP {0}, responseCode {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "401, none, NOT_PERMITTED",
            "402, none, NOT_PERMITTED",
            "403, none, NOT_PERMITTED",
            "400, 501, NOT_PERMITTED",
            "400, 511, NOT_PERMITTED",
            "429, none, THROTTLED",
            "400, 800, THROTTLED",
            "400, 400, OTHER",
            "409, 409, OTHER",
            "400, 506, OTHER",
            "400, none, OTHER",
            "500, 500, OTHER",
            "502, 501, OTHER",
            "503, 800, OTHER"})
    void eachRefusalHasItsReason(int httpStatus, Integer code, Reason reason) {
        assertEquals(reason, MessageCentralErrors.reason(httpStatus, code));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 409, 500, 501, 505, 506, 511, 700, 702, 703, 705, 800})
    void everyDocumentedCodeIsExplainedInItsOwnWords(int code) {
        Explanation explanation = ERRORS.explain(code, "ignored for a known code");

        assertTrue(!explanation.meaning().contains("ignored") && !explanation.advice().isBlank(), explanation::toString);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "NEW_KIND_OF_ERROR, NEW_KIND_OF_ERROR",
            "none, MessageCentral reported an error",
            "'  ', MessageCentral reported an error"})
    void anUnknownCodeGetsTheProvidersWordsAndTheDocs(String providerMessage, String meaning) {
        Explanation explanation = ERRORS.explain(999, providerMessage);

        assertEquals(meaning, explanation.meaning());
        assertTrue(explanation.advice().contains("https://www.messagecentral.com/product/message-now/api"));
        assertEquals("MessageCentral error 999", ERRORS.label(999));
    }
}

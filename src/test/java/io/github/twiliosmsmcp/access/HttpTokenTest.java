package io.github.twiliosmsmcp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTokenTest {
    private static final String TOKEN = "smcp_correct-horse-battery-staple";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "smcp_correct-horse-battery-staple, true",
            "smcp_correct-horse-battery-stapl, false",
            "'smcp_correct-horse-battery-staple ', false",
            "SMCP_CORRECT-HORSE-BATTERY-STAPLE, false",
            "'', false",
            "null, false"})
    void onlyTheTokenItselfMatches(String presented, boolean matches) {
        assertEquals(matches, HttpToken.of(TOKEN).matches(presented));
        assertEquals(matches, HttpToken.ofDigest(HttpToken.of(TOKEN).digest()).matches(presented));
    }

    @Test
    void theDigestIsSha256InHexAndNeitherItNorTheTokenIsShownAsText() {
        HttpToken token = HttpToken.of("abc");

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", token.digest());
        assertFalse(token.toString().contains(token.digest()) || token.toString().contains("abc"));
    }

    @Test
    void generatedTokensAreLongRandomAndHeaderSafe() {
        String one = HttpToken.generate();
        String two = HttpToken.generate();

        assertNotEquals(one, two);
        assertTrue(one.matches("smcp_[A-Za-z0-9_-]{43}"), one);
    }
}

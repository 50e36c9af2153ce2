package io.github.twiliosmsmcp.messagecentral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageCentralTokensTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "exp in an hour, '{\"sub\":\"C-1\",\"exp\":1796209200}', 2026-12-02T10:59:00Z",
            "exp as text, '{\"exp\":\"1796212800\"}', 2026-12-02T11:00:00Z",
            "no exp, '{\"sub\":\"C-1\"}', 2026-12-02T11:00:00Z",
            "not JSON, 'garbage', 2026-12-02T11:00:00Z"})
    void aTokenIsUsedUntilAMinuteBeforeItsExp(String name, String payload, Instant staleAt) {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        String token = "eyJhbGciOiJIUzUxMiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";

        assertEquals(staleAt, MessageCentralTokens.staleAt(token, now));
    }
}

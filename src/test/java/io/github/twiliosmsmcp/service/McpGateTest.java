package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.access.HttpToken;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McpGateTest {
    private static final McpGate GATE = new McpGate(HttpToken.of("s3cret-token-0123"), List.of("http://localhost:3080"));

    @ParameterizedTest(name = "Origin {0}, Authorization {1} -> {2}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
            "null                  | Bearer s3cret-token-0123  | 200",
            "null                  | bearer s3cret-token-0123  | 200",
            "http://localhost:3080 | Bearer s3cret-token-0123  | 200",
            "HTTP://LOCALHOST:3080 | Bearer s3cret-token-0123  | 200",
            "http://localhost:3081 | Bearer s3cret-token-0123  | 403",
            "http://evil.example   | null                      | 403",
            "null                  | null                      | 401 Bearer realm=\"twilio-sms-mcp\"",
            "null                  | ''                        | 401 Bearer realm=\"twilio-sms-mcp\"",
            "null                  | Bearer wrong              | 401 Bearer realm=\"twilio-sms-mcp\", error=\"invalid_token\"",
            "null                  | Basic s3cret-token-0123   | 401 Bearer realm=\"twilio-sms-mcp\", error=\"invalid_token\"",
            "null                  | s3cret-token-0123         | 401 Bearer realm=\"twilio-sms-mcp\", error=\"invalid_token\""})
    void theOriginIsCheckedFirstThenTheToken(String origin, String authorization, String expected) {
        String verdict = GATE.check(origin, authorization)
                .map(refusal -> (refusal.status() + " " + refusal.challenge().orElse("")).strip())
                .orElse("200");

        assertEquals(expected, verdict);
    }
}

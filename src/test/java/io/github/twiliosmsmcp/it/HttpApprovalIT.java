package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-chat approval over MCP on HTTP, for a 2026-07-28 client of {@code serve}: the question comes
 * back as {@code input_required}, and the call repeated with the user's answer sends the message
 * once, however often the client repeats it.
 */
@Timeout(120)
class HttpApprovalIT {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("smcp_[A-Za-z0-9_-]{43}");
    private static final String TO = "+14155550170";

    private static FakeTwilioApi twilio;
    private static ServiceProcess service;
    private static HttpMcpClient client;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all",
                "SMS_STATUS_WAIT_SECONDS", "2")), ServerProcess.freshDatabase());
        Matcher printed = PRINTED_TOKEN.matcher(service.stderr());
        assertTrue(printed.find(), service.stderr());
        client = HttpMcpClient.modern(service.baseUrl + "/mcp", printed.group());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static JsonNode call(Map<String, Object> extra) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("name", "send_sms",
                "arguments", Map.of("to", TO, "message", "Your order is ready"),
                "_meta", Map.of("io.modelcontextprotocol/clientCapabilities",
                        Map.of("elicitation", Map.of("form", Map.of())))));
        params.putAll(extra);
        return client.answer(client.request("tools/call", params));
    }

    @Test
    void theAnsweredQuestionSendsOnceHoweverOftenTheClientRepeatsIt() {
        JsonNode question = call(Map.of());
        assertEquals("input_required", question.path("result").path("resultType").asText(), question.toString());
        String state = question.path("result").path("requestState").asText();
        assertEquals(0, twilio.createsTo(TO));

        Map<String, Object> answer = Map.of("requestState", state,
                "inputResponses", Map.of("approval", Map.of("action", "accept", "content", Map.of())));
        JsonNode sent = call(answer);
        JsonNode again = call(answer);

        assertEquals("delivered", sent.path("result").path("structuredContent").path("outcome").asText(),
                sent.toString());
        assertEquals("already_sent", again.path("result").path("structuredContent").path("outcome").asText(),
                again.toString());
        assertEquals(1, twilio.createsTo(TO));
    }
}

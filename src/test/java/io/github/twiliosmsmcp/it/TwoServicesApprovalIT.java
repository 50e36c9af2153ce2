package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two {@code serve} processes on one store, as behind a load balancer: a 2026-07-28 client asked in
 * the chat by one of them repeats the call, with the user's answer, to the other. The other accepts
 * the question's sealed request state, and the message goes out once.
 */
@Timeout(120)
class TwoServicesApprovalIT {
    private static final String TO = "+14155550171";
    private static final String TOKEN = "two-services-share-this-token-93f";

    private static JsonNode call(HttpMcpClient client, Map<String, Object> extra) {
        return client.callThatMayAsk("send_sms", Map.of("to", TO, "message", "Your order is ready"), extra);
    }

    @Test
    void theQuestionOfOneServiceIsAnsweredAtTheOther() throws Exception {
        Path database = ServerProcess.freshDatabase();
        Map<String, String> env;
        try (FakeTwilioApi twilio = TwilioServerIT.startFake()) {
            env = TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all", "SMS_STATUS_WAIT_SECONDS", "2",
                    "SMS_HTTP_TOKEN", TOKEN));
            try (ServiceProcess first = ServiceProcess.start(env, database);
                    ServiceProcess second = ServiceProcess.start(env, database)) {
                JsonNode question = call(HttpMcpClient.modern(first.baseUrl + "/mcp", TOKEN), Map.of());
                assertEquals("input_required", question.path("result").path("resultType").asText(),
                        question.toString());

                JsonNode sent = call(HttpMcpClient.modern(second.baseUrl + "/mcp", TOKEN), Map.of(
                        "requestState", question.path("result").path("requestState").asText(),
                        "inputResponses", Map.of("approval", Map.of("action", "accept", "content", Map.of()))));

                assertEquals("delivered", sent.path("result").path("structuredContent").path("outcome").asText(),
                        sent.toString());
                assertEquals(1, twilio.createsTo(TO));
            }
        }
    }
}

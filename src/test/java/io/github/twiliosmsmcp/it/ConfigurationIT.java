package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configurations people really write: half-filled, wrong, with an API key, with a Messaging Service. */
class ConfigurationIT {
    static final String SERVICE = "MG" + "0".repeat(31) + "7";
    static FakeTwilioApi twilio;

    @BeforeAll
    static void start() {
        twilio = FakeTwilioApi.start(TwilioServerIT.ACCOUNT, TwilioServerIT.TOKEN);
        twilio.addOwnedNumber(TwilioServerIT.OUR_NUMBER);
        twilio.addMessagingService(SERVICE);
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    @Test
    void partialConfigurationStartsAndEveryToolNamesWhatIsMissing() {
        try (ServerProcess server = ServerProcess.start(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioServerIT.ACCOUNT,
                "TWILIO_AUTH_TOKEN", "${TWILIO_AUTH_TOKEN}"))) {
            assertEquals(7, server.client().listTools().tools().size());
            CallToolResult send = server.call("send_sms", Map.of("to", "+14155552671", "message", "hi"));
            String text = text(send);
            assertTrue(text.startsWith("[FINAL] SMS NOT sent: the server is not configured."), text);
            assertTrue(text.contains("TWILIO_AUTH_TOKEN looks like an unexpanded placeholder (${TWILIO_AUTH_TOKEN})"), text);
            assertTrue(text.contains("TWILIO_PHONE_NUMBER is not set"), text);
            assertEquals("not_configured", structured(send).get("outcome"));

            String mms = text(server.call("send_mms", Map.of("to", "+14155552671", "media_urls", List.of("https://example.com/a.jpg"))));
            assertTrue(mms.contains("TWILIO_AUTH_TOKEN looks like an unexpanded placeholder"), mms);
            String receive = text(server.call("receive_sms", Map.of()));
            assertTrue(receive.startsWith("[FINAL] Nothing was read: the server is not configured"), receive);
            Deadline.await(Duration.ofSeconds(10), () -> server.stderr().contains("mode: configuration invalid:"),
                    "the log says at start that the configuration is invalid: " + server.stderr());
            assertFalse(server.stderr().contains("Twilio mode"), server.stderr());
        }
        assertEquals(0, twilio.createCount());
    }

    @Test
    void wrongCredentialsAreExplainedAndTheTokenNeverShows() {
        String wrongToken = "wrong-token-3f9a77d1";
        try (ServerProcess server = ServerProcess.start(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioServerIT.ACCOUNT,
                "TWILIO_AUTH_TOKEN", wrongToken,
                "TWILIO_PHONE_NUMBER", TwilioServerIT.OUR_NUMBER,
                "TWILIO_API_BASE_URL", twilio.baseUrl()))) {
            CallToolResult send = server.call("send_sms", Map.of("to", "+14155552671", "message", "hi"));
            String text = text(send);
            assertTrue(text.startsWith("[FINAL] SMS NOT sent to +14155552671: Twilio refused it."), text);
            assertTrue(text.contains("error 20003"), text);
            assertTrue(text.contains("Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"), text);
            String receive = text(server.call("receive_sms", Map.of()));
            assertTrue(receive.contains("20003"), receive);
            assertFalse(text.contains(wrongToken) || receive.contains(wrongToken) || server.stderr().contains(wrongToken),
                    "the auth token must never appear in answers or logs");
            assertFalse(send.structuredContent().toString().contains(wrongToken));
        }
    }

    @Test
    void messagingServiceSendsByDefaultAndFromPicksTheNumber() {
        try (ServerProcess server = ServerProcess.start(TwilioServerIT.env(twilio, Map.of(
                "TWILIO_PHONE_NUMBER", TwilioServerIT.OUR_NUMBER,
                "TWILIO_MESSAGING_SERVICE_SID", SERVICE,
                "SMS_STATUS_WAIT_SECONDS", "2")))) {
            CallToolResult viaService = server.call("send_sms", Map.of("to", "+14155552601", "message", "via service"));
            Map<String, List<String>> form = lastCreate();
            assertEquals(List.of(SERVICE), form.get("MessagingServiceSid"));
            assertNull(form.get("From"));
            assertTrue(text(viaService).startsWith("[FINAL] SMS delivered to +14155552601."), text(viaService));

            server.call("send_sms", Map.of("to", "+14155552602", "message", "from the number", "from", TwilioServerIT.OUR_NUMBER));
            assertEquals(List.of(TwilioServerIT.OUR_NUMBER), lastCreate().get("From"));
        }
    }

    @Test
    void apiKeyAndSecretAuthenticate() {
        String key = "SK" + "0".repeat(31) + "9";
        String secret = "api-secret-52ac";
        twilio.addApiKey(key, secret);
        try (ServerProcess server = ServerProcess.start(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioServerIT.ACCOUNT,
                "TWILIO_API_KEY", key,
                "TWILIO_API_SECRET", secret,
                "TWILIO_PHONE_NUMBER", TwilioServerIT.OUR_NUMBER,
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "SMS_STATUS_WAIT_SECONDS", "2"))) {
            String text = text(server.call("send_sms", Map.of("to", "+14155552603", "message", "with an API key")));
            assertTrue(text.startsWith("[FINAL] SMS delivered to +14155552603."), text);
            assertFalse(server.stderr().contains(secret));
        }
    }

    private static Map<String, List<String>> lastCreate() {
        List<Map<String, List<String>>> creates = twilio.createRequests();
        return creates.get(creates.size() - 1);
    }
}

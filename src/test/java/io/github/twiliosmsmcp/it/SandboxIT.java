package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With no Twilio variable at all, anyone can try every tool against a simulated carrier. */
class SandboxIT {
    static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sendIsSimulatedAndSaysSo() {
        CallToolResult result = server.call("send_sms", Map.of("to", "+14155552671", "message", "trying it out"));
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SANDBOX: nothing was sent. SMS delivered to +14155552671."), text);
        assertTrue(text.contains("From: +15005550006"), text);
        assertEquals(true, structured(result).get("sandbox"));
        assertTrue(server.stderr().contains("SANDBOX"), "the log says the server runs in the sandbox");
    }

    @Test
    void magicNumbersFailAsWithTwilioTestCredentials() {
        String text = text(server.call("send_sms", Map.of("to", "+15005550004", "message", "hi")));
        assertTrue(text.startsWith("[FINAL] SANDBOX: nothing was sent. SMS NOT sent to +15005550004: Twilio refused it."), text);
        assertTrue(text.contains("error 21610"), text);
    }

    @Test
    void mmsAndInvalidInputAreLabelledToo() {
        String mms = text(server.call("send_mms", Map.of("to", "+14155552672", "media_urls", List.of("https://example.com/cat.gif"))));
        assertTrue(mms.startsWith("[FINAL] SANDBOX: nothing was sent. MMS delivered"), mms);
        String invalid = text(server.call("send_sms", Map.of("to", "nope", "message", "hi")));
        assertTrue(invalid.startsWith("[FINAL] SANDBOX: nothing was sent. SMS NOT sent"), invalid);
    }

    @Test
    void theRecipientRepliesAndTheReplyCanBeAwaited() {
        server.call("send_sms", Map.of("to", "+14155552699", "message", "Reply YES to confirm"));
        CallToolResult result = server.call("receive_sms", Map.of("from", "+14155552699", "wait_seconds", 20));
        String text = text(result);
        assertTrue(text.startsWith("SANDBOX: nothing was sent or received; these replies are simulated."), text);
        assertTrue(text.contains("Sandbox reply: got your message \"Reply YES to confirm\""), text);
        assertEquals(1, structured(result).get("count"));
    }

    @Test
    void theSandboxShowsAFallbackAndAReplyToASendOfEitherProvider() {
        try (ServerProcess route = ServerProcess.start(Map.of("SMS_FALLBACK_PROVIDER", "messagecentral",
                "SMS_STATUS_WAIT_SECONDS", "0"))) {
            CallToolResult moved = route.call("send_sms", Map.of("to", "+15005550010", "message", "Via the fallback"));
            CallToolResult unknown = route.call("send_sms", Map.of("to", "+15005550011", "message", "Maybe"));
            CallToolResult reply = route.call("receive_sms", Map.of("from", "+15005550010", "wait_seconds", 20));

            assertEquals("sandbox-messagecentral", structured(moved).get("provider"), text(moved));
            assertTrue(text(moved).contains("Twilio refused it with error 21408")
                    && text(moved).contains("so it went to MessageCentral instead"), text(moved));
            assertEquals("unknown", structured(unknown).get("outcome"), text(unknown));
            assertTrue(text(unknown).contains("NOT tried through MessageCentral"), text(unknown));
            assertTrue(text(reply).contains("Sandbox reply: got your message \"Via the fallback\""), text(reply));
        }
    }
}

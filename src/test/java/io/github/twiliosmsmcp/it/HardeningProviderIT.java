package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the gateway now tells the core (a refusal's reason, its error meanings, its message ids)
 * reaches the model in the same words as when the core knew Twilio's codes itself. The sandbox
 * plays Twilio, so it shows the path without a fake Twilio.
 */
class HardeningProviderIT {
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
    void anOptOutRefusalIsExplainedLinkedAndRemembered() {
        String first = text(server.call("send_sms", Map.of("to", "+15005550004", "message", "first")));
        assertTrue(first.contains("Twilio refused it with error 21610: the recipient has opted out: they replied STOP"
                + " to this sender"), first);
        assertTrue(first.contains("Twilio error: 21610 (Attempt to send to unsubscribed recipient),"
                + " https://www.twilio.com/docs/errors/21610"), first);

        String second = text(server.call("send_sms", Map.of("to", "+15005550004", "message", "second")));
        assertTrue(second.contains("opted out"), second);
        assertTrue(!second.contains("Twilio refused it"), second);
    }

    @Test
    void malformedMessageIdsAreRefusedInTheSameWords() {
        String reply = text(server.call("reply_to_sms", Map.of("message_id", "SM123", "message", "hi")));
        assertTrue(reply.contains("'message_id' must be a message SID: SM or MM followed by 32 hexadecimal characters"
                + " (it was 'SM123')"), reply);

        String mark = text(server.call("mark_sms_read", Map.of("message_ids", List.of("MG0123456789abcdef0123456789abcdef"))));
        assertTrue(mark.contains("'MG0123456789abcdef0123456789abcdef' is not a message SID (SM or MM followed by 32"
                + " hexadecimal characters)"), mark);
    }
}

package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import io.github.twiliosmsmcp.common.Times;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A send whose outcome is uncertain blocks its twin even with SMS_DEDUPE_WINDOW=0, the setting that
 * lets finished messages be repeated at once: the window is about repeats, not about crash safety.
 */
class UncertainSendIT {
    private static FakeTwilioApi twilio;

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static Map<String, String> noWindow(Path database) {
        return TwilioServerIT.env(twilio, Map.of("SMS_DATABASE", database.toString(), "SMS_STATUS_WAIT_SECONDS", "2",
                "SMS_DEDUPE_WINDOW", "0"));
    }

    private static Map<String, Object> sms(String to, String message) {
        return Map.of("to", to, "message", message);
    }

    @Test
    void aSendKilledAfterItsCreateIsReconciledAfterRestartNotSentAgain() throws Exception {
        Path database = ServerProcess.freshDatabase();
        String to = "+14155552821";
        RawSession.killedAfterTheCreate(noWindow(database), twilio, to, "Your code is 7730");
        try (ServerProcess restarted = ServerProcess.start(noWindow(database))) {
            CallToolResult result = restarted.call("send_sms", sms(to, "Your code is 7730"));
            String text = text(result);
            String sid = twilio.messages().stream().filter(m -> to.equals(m.to())).findFirst().orElseThrow().sid();
            assertTrue(text.startsWith("[FINAL] SMS NOT sent again: the same message already went to " + to), text);
            assertTrue(text.contains("an earlier attempt was interrupted"), text);
            assertTrue(text.contains(sid), text);
            assertEquals("already_sent", structured(result).get("outcome"));
            assertEquals(sid, structured(result).get("sid"));
        }
        assertEquals(1, twilio.createsTo(to), "one create in all, the crash and the restart included");
    }

    @Test
    void aSendTwilioAnswered500IsNotPostedAgainByTheSameCall() {
        String to = "+14155552822";
        twilio.script(to, Scenario.rejected(500, 20500, "Internal Server Error"));
        try (ServerProcess server = ServerProcess.start(noWindow(ServerProcess.freshDatabase()))) {
            assertEquals("unknown", structured(server.call("send_sms", sms(to, "Meeting moved to 3pm"))).get("outcome"));

            CallToolResult again = server.call("send_sms", sms(to, "Meeting moved to 3pm"));
            String text = text(again);
            assertTrue(text.startsWith("[FINAL] SMS NOT sent again to " + to + ": an earlier attempt may have gone out."),
                    text);
            assertTrue(text.contains("its outcome is unknown"), text);
            assertTrue(text.contains("it was NOT sent again"), text);
            assertEquals("not_sent_again", structured(again).get("outcome"));
            Instant first = Instant.parse((String) structured(again).get("first_sent_at"));
            assertTrue(text.contains("The same text can be sent again after " + Times.format(first.plus(Duration.ofHours(24)))),
                    "blocked for 24 h, not for the window of 0: " + text);
        }
        assertEquals(1, twilio.createsTo(to), "the 500 was the only create");
    }
}

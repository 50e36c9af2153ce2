package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeMessageCentral;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.MessageCentralScenario;
import io.github.twiliosmsmcp.fake.Scenario;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MessageCentral first and Twilio as the fallback, through the real jar against a fake of each on
 * loopback: every certain refusal moves on once and Twilio delivers; every uncertain outcome stays
 * with MessageCentral and is never sent again, by either provider.
 */
@Timeout(300)
class FallbackIT {
    private static final String CUSTOMER = "C-1A2B3C4D5E6F708";
    private static final String PASSWORD = "mc-password-for-the-test-51d";
    private static final String KEY = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private FakeTwilioApi twilio;
    private FakeMessageCentral messageCentral;
    private ServerProcess server;

    @BeforeEach
    void start() {
        twilio = TwilioServerIT.startFake();
        messageCentral = FakeMessageCentral.start(CUSTOMER, KEY);
        server = ServerProcess.start(env());
    }

    @AfterEach
    void stop() {
        String log = server.stderr();
        server.close();
        twilio.close();
        messageCentral.close();
        assertFalse(log.contains(PASSWORD) || log.contains(KEY), "MessageCentral's password never reaches the log");
    }

    private Map<String, String> env() {
        return env("messagecentral", "twilio");
    }

    private Map<String, String> env(String first, String fallback) {
        return TwilioServerIT.env(twilio, Map.of("SMS_PROVIDER", first, "SMS_FALLBACK_PROVIDER", fallback,
                "MC_CUSTOMER_ID", CUSTOMER, "MC_PASSWORD", PASSWORD, "MC_SENDER_ID", "TABLES",
                "MC_API_BASE_URL", messageCentral.baseUrl(), "SMS_DATABASE", dir.resolve("messages.db").toString(),
                "SMS_STATUS_WAIT_SECONDS", "5"));
    }

    private Map<String, Object> send(String to, String text) {
        CallToolResult result = server.call("send_sms", Map.of("to", to, "message", text));
        Map<String, Object> answer = ServerProcess.structured(result);
        assertTrue(ServerProcess.text(result).startsWith("[FINAL]"), ServerProcess.text(result));
        return answer;
    }

    @Test
    void eachCertainRefusalMovesOnOnceAndTwilioDelivers() {
        Map<String, MessageCentralScenario> refusals = Map.of(
                "+14155550101", MessageCentralScenario.refuse(400, 511, "INVALID_COUNTRY_CODE"),
                "+14155550102", MessageCentralScenario.refuse(403, 403, "ACCOUNT_SUSPENDED"),
                "+14155550103", MessageCentralScenario.refuse(429, 429, "TOO_MANY_REQUESTS"));
        refusals.forEach(messageCentral::script);

        for (String to : refusals.keySet()) {
            Map<String, Object> answer = send(to, "Your table is ready");

            assertEquals("delivered", answer.get("outcome"), answer.toString());
            assertEquals("twilio", answer.get("provider"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> movedOn = (List<Map<String, Object>>) answer.get("moved_on_from");
            assertEquals(1, movedOn.size(), answer.toString());
            assertEquals("messagecentral", movedOn.get(0).get("provider"));
            assertTrue(((String) answer.get("explanation")).contains("so it went to Twilio instead"), answer.toString());
            assertEquals(1, twilio.createsTo(to), to);
        }
        assertEquals(0, messageCentral.sent().size(), "MessageCentral accepted none of them");
    }

    @Test
    void refusedCredentialsAndNoConnectionMoveOnToo() {
        messageCentral.failTokens(401);
        Map<String, Object> refused = send("+14155550104", "Credentials");
        messageCentral.close();
        Map<String, Object> down = send("+14155550105", "No connection");

        assertEquals("delivered", refused.get("outcome"), refused.toString());
        assertEquals("delivered", down.get("outcome"), down.toString());
        assertEquals(2, twilio.createCount());
    }

    @Test
    void eachUncertainOutcomeStaysWithMessageCentralAndIsNeverResent() {
        Map<String, MessageCentralScenario> uncertain = Map.of(
                "+14155550111", MessageCentralScenario.serverError(),
                "+14155550112", MessageCentralScenario.hangUp(),
                "+14155550113", MessageCentralScenario.garbled(),
                "+14155550114", MessageCentralScenario.answerLate(Duration.ofSeconds(30)));
        uncertain.forEach(messageCentral::script);

        for (String to : uncertain.keySet()) {
            Map<String, Object> first = send(to, "Maybe sent");
            Map<String, Object> again = send(to, "Maybe sent");

            assertEquals("unknown", first.get("outcome"), first.toString());
            assertTrue(((String) first.get("explanation")).contains("NOT tried through Twilio"), first.toString());
            assertEquals("not_sent_again", again.get("outcome"), again.toString());
        }
        assertEquals(0, twilio.createCount(), "Twilio was never asked");
        assertEquals(uncertain.size(), messageCentral.sendPosts(), "one POST each, never repeated");
    }

    @Test
    void aServerKilledWhileMessageCentralHoldsItsAnswerNeverSendsItAgain() throws Exception {
        String to = "+14155550121";
        messageCentral.script(to, MessageCentralScenario.answerLate(Duration.ofSeconds(60)));
        server.close();
        try (RawSession doomed = RawSession.start(env()).initialized()) {
            doomed.send(RawSession.call(2, "send_sms", Map.of("to", to, "message", "Killed mid-send")));
            Deadline.await(Duration.ofSeconds(30), () -> messageCentral.sendPosts() == 1, "the send reached MessageCentral");
            doomed.process().destroyForcibly();
            assertTrue(doomed.process().waitFor(10, TimeUnit.SECONDS), "the killed server went away");
        }
        server = ServerProcess.start(env());

        Map<String, Object> again = send(to, "Killed mid-send");

        assertEquals("not_sent_again", again.get("outcome"), again.toString());
        assertEquals(1, messageCentral.sendPosts());
        assertEquals(0, twilio.createCount());
    }

    @Test
    void anExpiredTokenIsRenewedOnceMidRun() {
        Map<String, Object> first = send("+14155550131", "First");
        messageCentral.expireAllTokens();
        Map<String, Object> second = send("+14155550132", "Second");

        Map<String, Object> repeated = send("+14155550131", "First");

        assertEquals("sent_unconfirmed", first.get("outcome"), first.toString());
        assertEquals("TABLES", first.get("from"), "MessageCentral sends as the sender id");
        assertEquals("sent_unconfirmed", second.get("outcome"), second.toString());
        assertEquals("messagecentral", second.get("provider"));
        assertEquals("already_sent", repeated.get("outcome"), repeated.toString());
        assertEquals("TABLES", repeated.get("from"), "the journal remembers who sent it");
        assertTrue(((String) repeated.get("explanation")).contains("through MessageCentral"), repeated.toString());
        assertEquals(2, messageCentral.tokenRequests());
        assertEquals(2, messageCentral.sent().size());
        assertEquals(0, twilio.createCount());
    }

    @Test
    void bothProvidersDownIsOneClearNotSent() {
        messageCentral.close();
        twilio.close();

        Map<String, Object> answer = send("+14155550141", "Nobody home");

        assertEquals("twilio_unreachable", answer.get("outcome"), answer.toString());
        assertEquals(false, answer.get("sent"));
        String why = (String) answer.get("explanation");
        assertTrue(why.startsWith("MessageCentral could not be reached"), why);
        assertTrue(why.contains("the request never reached Twilio"), why);
    }

    @Test
    void theReverseRouteMovesOnFromTwilioOnlyWhenTwilioCertainlyRefused() {
        server.close();
        server = ServerProcess.start(env("twilio", "messagecentral"));
        twilio.script("+14155550161", Scenario.rejected(400, 21408,
                "Permission to send an SMS has not been enabled for the region indicated by the 'To' number"));
        twilio.script("+14155550162", Scenario.rejected(503, 20503, "Service unavailable"));

        Map<String, Object> refused = send("+14155550161", "Via MessageCentral");
        Map<String, Object> uncertain = send("+14155550162", "Stays with Twilio");

        assertEquals("sent_unconfirmed", refused.get("outcome"), refused.toString());
        assertEquals("messagecentral", refused.get("provider"));
        assertTrue(((String) refused.get("explanation")).startsWith("Twilio refused it with error 21408"),
                refused.toString());
        assertEquals("unknown", uncertain.get("outcome"), uncertain.toString());
        assertTrue(((String) uncertain.get("explanation")).contains("NOT tried through MessageCentral"),
                uncertain.toString());
        assertEquals(List.of("Via MessageCentral"), messageCentral.sent().stream()
                .map(FakeMessageCentral.Send::message).toList());
        assertEquals(2, twilio.createCount());
    }

    @Test
    void aRepeatOfADeliveredFallbackSendIsAlreadySent() {
        String to = "+14155550151";
        messageCentral.script(to, MessageCentralScenario.refuse(400, 511, "INVALID_COUNTRY_CODE"));

        Map<String, Object> first = send(to, "Only once");
        Map<String, Object> again = send(to, "Only once");

        assertEquals("delivered", first.get("outcome"), first.toString());
        assertEquals("already_sent", again.get("outcome"), again.toString());
        assertEquals("twilio", again.get("provider"));
        assertTrue(((String) again.get("explanation")).contains("through Twilio"), again.toString());
        assertEquals(1, twilio.createCount());
        assertEquals(1, messageCentral.sendPosts());
    }
}

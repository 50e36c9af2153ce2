package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeMessage;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoresponders end to end: two services on one database take Twilio's inbound webhooks, rules
 * are created by a model through a stdio server on that database, and the fake Twilio counts what
 * is sent. A message that must not be answered is followed by a "fence" (a matching message from
 * another number, posted to the same service, whose single autoreply worker takes them in order):
 * once the fence is answered, the message before it was considered, and anything it sent is seen.
 */
@Timeout(180)
class AutorespondersIT {
    private static final String TOKEN = TwilioServerIT.TOKEN;
    private static final String HOURS_REPLY = "Open Mon-Fri 9-17, Sat 10-14";
    private static final AtomicInteger NUMBERS = new AtomicInteger(100);
    private static final AtomicInteger SIDS = new AtomicInteger(1000);

    private static FakeTwilioApi twilio;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static ServerProcess model;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        Map<String, String> env = TwilioServerIT.env(twilio, Map.of("SMS_AUTORESPONDERS", "on"));
        first = ServiceProcess.start(env, ServerProcess.freshDatabase());
        second = ServiceProcess.start(env, first.database);
        model = ServerProcess.start(ServiceProcess.with(env, "SMS_DATABASE", first.database.toString()));
        created(model.call("create_sms_autoresponder", Map.of("trigger", "hours", "response", HOURS_REPLY)));
        created(model.call("create_sms_autoresponder", Map.of("match", "pattern",
                "trigger", "^(a|a?)+(x+x+)+y$|((((a*)*)*)*)*b", "response", "never matches")));
        created(model.call("create_sms_autoresponder", Map.of("match", "pattern", "trigger", "\\bprice(s)?\\b",
                "response", "Prices at example.com")));
        // A pattern may match the words carriers reserve; the autoresponder must still never answer them.
        created(model.call("create_sms_autoresponder", Map.of("match", "pattern",
                "trigger", "\\b(stop|start|help|info)\\b", "response", "reserved words")));
    }

    @AfterAll
    static void stop() {
        String logs = (model == null ? "" : model.stderr()) + (first == null ? "" : first.stderr())
                + (second == null ? "" : second.stderr());
        for (AutoCloseable process : new AutoCloseable[] {model, first, second, twilio}) {
            try {
                if (process != null) {
                    process.close();
                }
            } catch (Exception e) {
                // Best effort: the next process must still be stopped.
            }
        }
        assertFalse(logs.contains(TOKEN), "the auth token must never reach a log");
    }

    private static void created(CallToolResult result) {
        assertFalse(result.isError(), ServerProcess.text(result));
        assertTrue(ServerProcess.text(result).startsWith("[FINAL] Created autoresponder #"), ServerProcess.text(result));
    }

    private static String stranger() {
        return "+1415555" + String.format("%04d", NUMBERS.incrementAndGet());
    }

    private static String newSid() {
        return "SM" + String.format("%032d", SIDS.incrementAndGet());
    }

    private static HttpResponse<String> inbound(ServiceProcess service, String sid, String from, String body) {
        HttpResponse<String> response = service.signedPost("/twilio/inbound", TOKEN, List.of(
                Map.entry("MessageSid", sid), Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("From", from),
                Map.entry("To", TwilioServerIT.OUR_NUMBER), Map.entry("Body", body), Map.entry("NumMedia", "0"),
                Map.entry("NumSegments", "1")));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static List<FakeMessage> sentTo(String number) {
        return twilio.messages().stream().filter(m -> m.to().equals(number) && !m.direction().equals("inbound"))
                .toList();
    }

    /** Posts a matching message from a new number and waits for its one autoreply: everything posted before is done. */
    private static void fence(ServiceProcess service) {
        String number = stranger();
        inbound(service, newSid(), number, "hours?");
        Deadline.await(Duration.ofSeconds(30), () -> sentTo(number).size() == 1, "the fence's autoreply");
    }

    @Test
    void aRetriedWebhookAndASecondServiceOnTheSameDatabaseGiveExactlyOneAutoreply() {
        String number = stranger();
        String sid = newSid();
        for (int i = 0; i < 3; i++) {
            inbound(first, sid, number, "What are your HOURS?");
            inbound(second, sid, number, "What are your HOURS?");
        }
        Deadline.await(Duration.ofSeconds(30), () -> sentTo(number).size() == 1, "the autoreply");
        fence(first);
        fence(second);

        assertEquals(1, sentTo(number).size());
        FakeMessage reply = sentTo(number).get(0);
        assertEquals(HOURS_REPLY, reply.body());
        assertEquals(TwilioServerIT.OUR_NUMBER, reply.from());
        // In the journal, as an autoreply of its rule: keyed by the inbound message, and replying to it.
        Deadline.await(Duration.ofSeconds(10), () -> !first.rows("SELECT 1 FROM autoreplies WHERE inbound_sid = ?"
                + " AND outcome IS NOT NULL", sid).isEmpty(), "the autoreply's outcome is recorded");
        assertEquals(List.of(List.of("1", reply.sid())),
                first.rows("SELECT rule_id, sid FROM autoreplies WHERE inbound_sid = ?", sid));
        assertEquals(List.of(List.of("autoreply:" + sid, sid, reply.sid())),
                first.rows("SELECT idempotency_key, in_reply_to, sid FROM sends WHERE recipient = ?", number));
        String conversation = ServerProcess.text(model.call("get_conversation", Map.of("with", number)));
        assertTrue(conversation.matches("(?s).*-> \\" + number + ", status [a-z]+, autoreply of rule #1 \\(SID "
                + reply.sid() + "\\).*"), conversation);
        String list = ServerProcess.text(model.call("list_sms_autoresponders", Map.of()));
        assertTrue(list.matches("(?s).*1\\. #1 ENABLED: keyword 'hours'.*triggered \\d+ times?, last .*"), list);
    }

    @Test
    void optOutOptInAndHelpKeywordsAreNeverAnswered() {
        String number = stranger();
        for (String body : List.of("STOP", "start", "HELP", "Info.")) {
            inbound(first, newSid(), number, body);
        }
        fence(first);
        assertEquals(List.of(), sentTo(number));
    }

    @Test
    void aCatastrophicPatternAndA1600CharacterMessageAreAnsweredOrNotAtOnce() {
        String silent = stranger();
        String answered = stranger();
        long posted = System.nanoTime();
        inbound(first, newSid(), silent, "a".repeat(1599) + "!");
        inbound(first, newSid(), answered, "x".repeat(1590) + " prices?");
        Deadline.await(Duration.ofSeconds(30), () -> sentTo(answered).size() == 1, "the pattern's autoreply");
        Duration took = Duration.ofNanos(System.nanoTime() - posted);
        fence(first);

        assertEquals(List.of(), sentTo(silent));
        assertEquals("Prices at example.com", sentTo(answered).get(0).body());
        // Generous on purpose: a backtracking engine would not finish in a lifetime; this is about never stalling.
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took.toMillis() + " ms");
    }

    @Test
    void aRuleAModelCreatesUnderApprovalStaysInactiveUntilAPersonEnablesIt(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(TwilioServerIT.env(twilio, Map.of("SMS_AUTORESPONDERS", "on",
                "SMS_APPROVAL", "all", "SMS_DATABASE", first.database.toString())));
        long id;
        try (ServerProcess approving = ServerProcess.start(env)) {
            CallToolResult result = approving.call("create_sms_autoresponder", Map.of("trigger", "secret",
                    "response", "unattended texting", "enabled", true));
            assertTrue(ServerProcess.text(result).contains("DISABLED until a person approves it"),
                    ServerProcess.text(result));
            id = ((Number) ServerProcess.structured(result).get("id")).longValue();
        }
        String number = stranger();
        inbound(first, newSid(), number, "secret");
        fence(first);
        assertEquals(List.of(), sentTo(number));
        assertTrue(ServerProcess.text(model.call("list_sms_autoresponders", Map.of()))
                .contains("DISABLED: keyword 'secret'"));

        JavaRuntime.Finished listed = review(dir, env, "rules");
        assertTrue(listed.stdout().contains("#" + id + " DISABLED keyword 'secret' -> 'unattended texting'"
                + " (by a model; answered 0x)"), listed.stdout() + listed.stderr());
        JavaRuntime.Finished enabled = review(dir, env, "enable", String.valueOf(id));
        assertEquals(0, enabled.exit(), enabled.stderr());
        assertEquals("Rule #" + id + " enabled.", enabled.stdout().strip());
        inbound(first, newSid(), number, "secret");
        Deadline.await(Duration.ofSeconds(30), () -> sentTo(number).size() == 1, "the enabled rule answers");
        assertEquals(1, review(dir, env, "enable", "999").exit());
    }

    private static JavaRuntime.Finished review(Path dir, Map<String, String> env, String... args) {
        List<String> line = new ArrayList<>(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString(), "review"));
        line.addAll(List.of(args));
        JavaRuntime.Finished run = JavaRuntime.current().run(Duration.ofSeconds(60), dir, env,
                line.toArray(String[]::new));
        assertFalse(run.stdout().contains(TOKEN) || run.stderr().contains(TOKEN));
        return run;
    }

    @Test
    void theServiceSaysHowItAutoresponds() {
        assertTrue(first.get("/healthz").body().contains("\"autoresponders\":\"on each inbound webhook\""),
                first.get("/healthz").body());
    }
}

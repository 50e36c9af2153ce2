package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approval through the jar: under SMS_APPROVAL a model's sends are staged, nothing reaches the fake
 * Twilio until a person approves with the review command, and send_approved_sms then sends each
 * approved message once, even when two server processes call it at once.
 */
@Timeout(180)
class ApprovalIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ANN = "+14155550140";
    private static final String BOB = "+14155550141";

    @TempDir
    Path dir;
    private FakeTwilioApi twilio;
    private Path database;
    private final List<ServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void start() {
        twilio = TwilioServerIT.startFake();
        database = ServerProcess.freshDatabase();
    }

    @AfterEach
    void stop() {
        for (ServerProcess server : servers) {
            String log = server.stderr();
            server.close();
            assertFalse(log.contains(TwilioServerIT.TOKEN), "the auth token must never reach the log");
        }
        twilio.close();
    }

    private Map<String, String> env(String rule) {
        return new HashMap<>(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", rule,
                "SMS_DATABASE", database.toString(), "SMS_STATUS_WAIT_SECONDS", "2")));
    }

    private ServerProcess server(String rule) {
        ServerProcess server = ServerProcess.start(env(rule));
        servers.add(server);
        return server;
    }

    private JavaRuntime.Finished review(String... args) {
        List<String> line = new ArrayList<>(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString(), "review"));
        line.addAll(List.of(args));
        JavaRuntime.Finished run = JavaRuntime.current().run(LIMIT, dir, env("all"), line.toArray(String[]::new));
        assertFalse(run.stdout().contains(TwilioServerIT.TOKEN) || run.stderr().contains(TwilioServerIT.TOKEN));
        return run;
    }

    private static long stagedId(CallToolResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) ServerProcess.structured(result).get("message");
        return ((Number) message.get("id")).longValue();
    }

    @Test
    void nothingReachesTwilioUntilAPersonApprovesAndThenItIsSentOnce() {
        ServerProcess server = server("all");

        CallToolResult staged = server.call("send_sms", Map.of("to", ANN, "message", "Your table is ready"));
        CallToolResult again = server.call("send_sms", Map.of("to", ANN, "message", "Your table is ready"));
        CallToolResult early = server.call("send_approved_sms", Map.of());

        String text = ServerProcess.text(staged);
        assertTrue(text.startsWith("[FINAL] SMS to " + ANN + " NOT sent: staged as #"), text);
        assertTrue(text.contains("review"), text);
        assertEquals(stagedId(staged), stagedId(again), "the repeat found the message already waiting");
        assertTrue(ServerProcess.text(early).contains("No approved message was waiting"), ServerProcess.text(early));
        assertEquals(0, twilio.createCount(), "nothing reaches Twilio before a person approves");

        JavaRuntime.Finished listed = review();
        assertEquals(0, listed.exit(), listed.stderr());
        assertTrue(listed.stdout().contains("#" + stagedId(staged) + " PENDING") && listed.stdout().contains(
                "Your table is ready"), listed.stdout());
        JavaRuntime.Finished approved = review("approve", String.valueOf(stagedId(staged)));
        assertEquals(0, approved.exit(), approved.stderr());

        CallToolResult sent = server.call("send_approved_sms", Map.of());
        CallToolResult twice = server.call("send_approved_sms", Map.of());

        assertTrue(ServerProcess.text(sent).contains("#" + stagedId(staged) + " to " + ANN), ServerProcess.text(sent));
        assertEquals(1, twilio.createCount());
        assertTrue(ServerProcess.text(twice).contains("No approved message was waiting"), ServerProcess.text(twice));
        assertEquals(1, twilio.createCount());
        CallToolResult list = server.call("list_staged_sms", Map.of("status", "sent"));
        assertTrue(ServerProcess.text(list).contains("#" + stagedId(staged) + " SENT"), ServerProcess.text(list));
    }

    @Test
    void aRejectionReachesTheModelWithItsReason() {
        ServerProcess server = server("all");
        long id = stagedId(server.call("stage_sms", Map.of("to", BOB, "message", "Buy now!!!", "priority", "urgent",
                "notes", "promo")));

        JavaRuntime.Finished rejected = review("reject", String.valueOf(id), "Too pushy, ask first");
        JavaRuntime.Finished approvedLate = review("approve", String.valueOf(id));

        assertEquals(0, rejected.exit(), rejected.stderr());
        assertEquals(1, approvedLate.exit(), "a rejected message cannot be approved");
        String list = ServerProcess.text(server.call("list_staged_sms", Map.of()));
        assertTrue(list.contains("#" + id + " REJECTED") && list.contains("Reason: 'Too pushy, ask first'"), list);
        server.call("send_approved_sms", Map.of());
        assertEquals(0, twilio.createCount());
    }

    @Test
    void twoServersSendingTheApprovedMessagesAtOnceMakeOneCreateEach() throws Exception {
        ServerProcess one = server("all");
        ServerProcess two = server("all");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(stagedId(one.call("stage_sms", Map.of("to", ANN, "message", "Batch message " + i))));
        }
        List<String> approve = new ArrayList<>(List.of("approve"));
        ids.forEach(id -> approve.add(String.valueOf(id)));
        JavaRuntime.Finished approved = review(approve.toArray(String[]::new));
        assertEquals(0, approved.exit(), approved.stderr());

        CompletableFuture<CallToolResult> a = CompletableFuture.supplyAsync(() -> one.call("send_approved_sms", Map.of()));
        CompletableFuture<CallToolResult> b = CompletableFuture.supplyAsync(() -> two.call("send_approved_sms", Map.of()));
        a.get();
        b.get();

        assertEquals(3, twilio.createCount(), "three approved messages, three creates, whatever raced");
        assertEquals(3, twilio.createsTo(ANN));
    }

    @Test
    void underNewRecipientsOnlyAStrangerWaitsForAPerson() {
        ServerProcess server = server("new-recipients");
        twilio.injectInbound(ANN, TwilioServerIT.OUR_NUMBER, "Hi, it's Ann", Instant.now());
        server.call("receive_sms", Map.of());

        CallToolResult toAnn = server.call("send_sms", Map.of("to", ANN, "message", "Hi Ann"));
        CallToolResult toBob = server.call("send_sms", Map.of("to", BOB, "message", "Hi Bob"));

        assertEquals(Boolean.TRUE, ServerProcess.structured(toAnn).get("sent"), ServerProcess.text(toAnn));
        assertEquals(Boolean.TRUE, ServerProcess.structured(toBob).get("staged"), ServerProcess.text(toBob));
        assertEquals(1, twilio.createCount());
        assertEquals(0, twilio.createsTo(BOB));
    }

    @Test
    void noToolCallCanApproveAMessage() {
        ServerProcess server = server("all");
        long id = stagedId(server.call("send_sms", Map.of("to", ANN, "message", "Only a person may approve this")));

        List<String> tools = server.client().listTools().tools().stream().map(t -> t.name()).toList();
        CallToolResult withArguments = server.call("send_approved_sms", Map.of("id", id, "approved", true));
        CallToolResult ownKey = server.call("send_sms", Map.of("to", ANN, "message", "Only a person may approve this",
                "idempotency_key", "staged:" + id));
        server.call("send_approved_sms", Map.of());

        assertTrue(tools.stream().noneMatch(name -> name.contains("approve") && !name.equals("send_approved_sms")),
                tools.toString());
        assertTrue(ServerProcess.text(withArguments).contains("this tool takes no arguments"),
                ServerProcess.text(withArguments));
        assertTrue(ServerProcess.text(ownKey).contains("reserved for staged messages"), ServerProcess.text(ownKey));
        assertEquals(0, twilio.createCount());
        assertTrue(ServerProcess.text(server.call("list_staged_sms", Map.of("status", "pending")))
                .contains("#" + id + " PENDING"));
    }
}

package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory across calls, restarts and processes: the same message never goes out twice, replies
 * keep their read state, and conversations read as threads. Every server here is the real jar.
 */
class MemoryIT {
    static FakeTwilioApi twilio;

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static Map<String, String> env(Path database) {
        return TwilioServerIT.env(twilio, Map.of("SMS_DATABASE", database.toString(), "SMS_STATUS_WAIT_SECONDS", "2"));
    }

    private static Map<String, Object> sms(String to, String message) {
        return Map.of("to", to, "message", message);
    }

    @Test
    void theSameMessageGoesOutOnceAcrossCallsAndRestarts() {
        Path database = ServerProcess.freshDatabase();
        String to = "+14155552801";
        String sid;
        try (ServerProcess server = ServerProcess.start(env(database))) {
            CallToolResult first = server.call("send_sms", sms(to, "Your table is booked for 7pm."));
            assertTrue(text(first).startsWith("[FINAL] SMS delivered to " + to), text(first));
            sid = (String) structured(first).get("sid");
            for (int i = 0; i < 2; i++) {
                CallToolResult again = server.call("send_sms", sms(to, "Your table is booked for 7pm."));
                String text = text(again);
                assertTrue(text.startsWith("[FINAL] SMS NOT sent again: the same message already went to " + to), text);
                assertTrue(text.contains(sid), text);
                assertTrue(text.contains("status now delivered"), text);
                assertTrue(text.endsWith("Do not send this message again: it was already sent once."), text);
                assertEquals("already_sent", structured(again).get("outcome"));
                assertEquals(sid, structured(again).get("sid"));
                assertTrue(structured(again).get("first_sent_at") != null);
            }
        }
        try (ServerProcess restarted = ServerProcess.start(env(database))) {
            CallToolResult afterRestart = restarted.call("send_sms", sms(to, "Your table is booked for 7pm."));
            assertTrue(text(afterRestart).contains("NOT sent again"), text(afterRestart));
            assertEquals(sid, structured(afterRestart).get("sid"));
            CallToolResult other = restarted.call("send_sms", sms(to, "A different text is a new message."));
            assertTrue(text(other).startsWith("[FINAL] SMS delivered"), text(other));
        }
        assertEquals(2, twilio.createsTo(to));
    }

    @Test
    void anIdempotencyKeyIsHonouredEvenForOtherText() {
        String to = "+14155552802";
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            Map<String, Object> keyed = new HashMap<>(sms(to, "Reminder: cleaning on Monday"));
            keyed.put("idempotency_key", "appointment-881");
            assertTrue(text(server.call("send_sms", keyed)).startsWith("[FINAL] SMS delivered"));
            keyed.put("message", "Reminder: cleaning on Monday!");
            String text = text(server.call("send_sms", keyed));
            assertTrue(text.startsWith("[FINAL] SMS NOT sent again"), text);
            assertTrue(text.contains("use a new idempotency_key"), text);
        }
        assertEquals(1, twilio.createsTo(to));
    }

    @Test
    void aProcessKilledRightAfterTheCreateIsReconciledAndNothingIsResent() throws Exception {
        Path database = ServerProcess.freshDatabase();
        String to = "+14155552803";
        RawSession.killedAfterTheCreate(env(database), twilio, to, "Your code is 5521");
        try (ServerProcess next = ServerProcess.start(env(database))) {
            CallToolResult result = next.call("send_sms", sms(to, "Your code is 5521"));
            String text = text(result);
            assertTrue(text.startsWith("[FINAL] SMS NOT sent again: the same message already went to " + to), text);
            assertTrue(text.contains("an earlier attempt was interrupted"), text);
            assertEquals(twilio.messages().stream().filter(m -> to.equals(m.to())).findFirst().orElseThrow().sid(),
                    structured(result).get("sid"));
        }
        assertEquals(1, twilio.createsTo(to), "zero extra creates after the crash");
    }

    @Test
    void twoProcessesOnOneDatabaseBehaveAsOne() throws Exception {
        Path database = ServerProcess.freshDatabase();
        String to = "+14155552804";
        try (ServerProcess a = ServerProcess.start(env(database)); ServerProcess b = ServerProcess.start(env(database))) {
            for (int round = 0; round < 3; round++) {
                String message = "Race " + round;
                CompletableFuture<CallToolResult> first = CompletableFuture.supplyAsync(() -> a.call("send_sms", sms(to, message)));
                CompletableFuture<CallToolResult> second = CompletableFuture.supplyAsync(() -> b.call("send_sms", sms(to, message)));
                List<String> outcomes = List.of(outcome(first.get(60, TimeUnit.SECONDS)), outcome(second.get(60, TimeUnit.SECONDS)));
                assertEquals(1, outcomes.stream().filter("delivered"::equals).count(), outcomes.toString());
                assertTrue(outcomes.contains("already_sent") || outcomes.contains("not_sent_again"), outcomes.toString());
            }
        }
        assertEquals(3, twilio.createsTo(to), "one create per message, whichever process won");
    }

    private static String outcome(CallToolResult result) {
        return (String) structured(result).get("outcome");
    }

    @Test
    void unreadStateSurvivesARestart() {
        Path database = ServerProcess.freshDatabase();
        String from = "+14155552805";
        twilio.injectInbound(from, TwilioServerIT.OUR_NUMBER, "Running 10 min late", Instant.now());
        try (ServerProcess server = ServerProcess.start(env(database))) {
            assertEquals(1, structured(server.call("receive_sms", Map.of("from", from))).get("count"));
        }
        try (ServerProcess restarted = ServerProcess.start(env(database))) {
            String text = text(restarted.call("receive_sms", Map.of("from", from)));
            assertTrue(text.startsWith("No new (unread) messages"), text);
            twilio.injectInbound(from, TwilioServerIT.OUR_NUMBER, "Here now", Instant.now());
            String next = text(restarted.call("receive_sms", Map.of("from", from)));
            assertTrue(next.contains("Here now") && !next.contains("10 min late"), next);
        }
    }

    @Test
    void aConversationMixesBothDirectionsOldestFirstAcrossPages() {
        String other = "+14155552806";
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            Instant start = Instant.now().minus(Duration.ofHours(2));
            for (int i = 0; i < 60; i++) {
                twilio.injectInbound(other, TwilioServerIT.OUR_NUMBER, "note " + i, start.plusSeconds(i * 60L));
            }
            server.call("send_sms", sms(other, "Thanks for all the notes"));
            CallToolResult all = server.call("get_conversation", Map.of("with", other, "limit", 100));
            String text = text(all);
            assertEquals(61, structured(all).get("count"));
            assertTrue(text.indexOf("note 0\n") < text.indexOf("note 59\n"), "oldest first");
            assertTrue(text.indexOf("note 59\n") < text.indexOf("Thanks for all the notes"), text.substring(text.length() - 400));
            assertTrue(text.contains("you (" + TwilioServerIT.OUR_NUMBER + ") -> " + other + ", status delivered"));
            assertTrue(text.contains("<<<sender's text\nnote 7\n>>>"));

            CallToolResult recent = server.call("get_conversation", Map.of("with", other, "limit", 3));
            assertEquals(58, structured(recent).get("earlier_not_shown"));
            assertTrue(text(recent).contains("note 58") && !text(recent).contains("note 57\n"), text(recent));
        }
    }

    @Test
    void aReplyGoesOutFromTheNumberThatReceivedTheMessageAndOnlyOnce() {
        String customer = "+14155552807";
        String inbound = twilio.injectInbound(customer, TwilioServerIT.SECOND_NUMBER, "Do you open on Sundays?", Instant.now());
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            Map<String, Object> reply = Map.of("message_id", inbound, "message", "Yes, from 10am.");
            String text = text(server.call("reply_to_sms", reply));
            assertTrue(text.startsWith("[FINAL] SMS delivered to " + customer), text);
            assertTrue(text.contains("From: " + TwilioServerIT.SECOND_NUMBER), text);
            assertTrue(text(server.call("reply_to_sms", reply)).contains("NOT sent again"));
            String unknown = text(server.call("reply_to_sms", Map.of("message_id", "SM" + "f".repeat(32), "message", "hi")));
            assertTrue(unknown.startsWith("[FINAL] SMS NOT sent") && unknown.contains("no message"), unknown);
        }
        assertEquals(1, twilio.createsTo(customer));
    }

    @Test
    void markingReadHidesMessagesAndNamesUnknownOnes() {
        String from = "+14155552808";
        String older = twilio.injectInbound(from, TwilioServerIT.OUR_NUMBER, "alpha", Instant.now().minusSeconds(60));
        twilio.injectInbound(from, TwilioServerIT.OUR_NUMBER, "bravo", Instant.now().minusSeconds(30));
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            CallToolResult newest = server.call("receive_sms", Map.of("from", from, "limit", 1));
            assertTrue(text(newest).contains("bravo") && !text(newest).contains("alpha"), text(newest));
            assertEquals(1, structured(newest).get("more_not_shown"));

            String unknown = "SM" + "e".repeat(32);
            CallToolResult marked = server.call("mark_sms_read", Map.of("message_ids", List.of(older, unknown)));
            assertEquals(List.of(older), structured(marked).get("newly_read"));
            assertEquals(List.of(unknown), structured(marked).get("unknown"));
            assertTrue(text(server.call("receive_sms", Map.of("from", from))).startsWith("No new (unread) messages"));

            CallToolResult again = server.call("mark_sms_read", Map.of("message_ids", List.of(older)));
            assertEquals(List.of(older), structured(again).get("already_read"));
        }
    }

    @Test
    void anAgentWaitsForTheVerificationCodeItExpects() throws Exception {
        String service = "+14155552809";
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            int lists = twilio.listCount();
            CompletableFuture<CallToolResult> waiting = CompletableFuture.supplyAsync(() -> server.call("receive_sms",
                    Map.of("from", service, "contains", "code", "wait_seconds", 30)));
            Deadline.await(Duration.ofSeconds(20), () -> twilio.listCount() > lists, "the server is polling");
            twilio.injectInbound(service, TwilioServerIT.OUR_NUMBER, "Your order has shipped", Instant.now());
            twilio.injectInbound(service, TwilioServerIT.OUR_NUMBER, "Your verification code is 482913", Instant.now());
            CallToolResult result = waiting.get(40, TimeUnit.SECONDS);
            String text = text(result);
            assertTrue(text.contains("Verification code: 482913"), text);
            assertFalse(text.contains("shipped"), text);
            @SuppressWarnings("unchecked")
            Map<String, Object> first = ((List<Map<String, Object>>) structured(result).get("messages")).get(0);
            assertEquals("482913", first.get("code"));
        }
    }

    @Test
    void mmsRepliesListTheirMedia() {
        String from = "+14155552810";
        twilio.injectInbound(from, TwilioServerIT.OUR_NUMBER, "photo of the damage", Instant.now(),
                "https://example.com/damage-1.jpg", "https://example.com/damage-2.jpg");
        try (ServerProcess server = ServerProcess.start(env(ServerProcess.freshDatabase()))) {
            CallToolResult result = server.call("receive_sms", Map.of("from", from));
            String text = text(result);
            assertTrue(text.contains("Media (2): " + twilio.baseUrl() + "/2010-04-01/Accounts/"), text);
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) ((List<Map<String, Object>>) structured(result).get("messages")).get(0).get("media_urls");
            assertEquals(2, urls.size());
        }
    }

    @Test
    void aCorruptDatabaseStopsSendingAndNamesTheFile() throws IOException {
        Path database = ServerProcess.freshDatabase();
        Files.writeString(database, "this is not a database, it is a shopping list: eggs, milk".repeat(100));
        String to = "+14155552811";
        twilio.injectInbound(to, TwilioServerIT.OUR_NUMBER, "is anyone there?", Instant.now());
        try (ServerProcess server = ServerProcess.start(env(database))) {
            CallToolResult result = server.call("send_sms", sms(to, "hello"));
            String text = text(result);
            assertTrue(text.startsWith("[FINAL] SMS NOT sent: the message store cannot be used."), text);
            assertTrue(text.contains(database.toString()), text);
            assertEquals("store_unavailable", structured(result).get("outcome"));
            String receive = text(server.call("receive_sms", Map.of("from", to)));
            assertTrue(receive.startsWith("[FINAL] Nothing was read") && receive.contains(database.toString()), receive);
        }
        assertEquals(0, twilio.createsTo(to));
    }
}

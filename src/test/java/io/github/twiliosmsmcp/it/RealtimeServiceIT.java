package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeMessage;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a stdio server does when {@code serve} runs on the same database: every send names the
 * service's status path to Twilio, a waiting send ends the moment a status callback is recorded,
 * get_conversation shows that status, even when Twilio's own list still says {@code sent}, and a
 * waiting receive_sms gets a message from the service's inbound webhook within a second, without
 * listing Twilio's messages again.
 */
@Timeout(120)
class RealtimeServiceIT {
    private static final String TOKEN = TwilioServerIT.TOKEN;
    private static final int STATUS_WAIT_SECONDS = 30;

    private static FakeTwilioApi twilio;
    private static ServiceProcess service;
    private static ServerProcess stdio;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of()), ServerProcess.freshDatabase());
        stdio = ServerProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_DATABASE", service.database.toString(),
                "SMS_PUBLIC_URL", service.baseUrl, "SMS_STATUS_WAIT_SECONDS", String.valueOf(STATUS_WAIT_SECONDS))));
    }

    @AfterAll
    static void stop() {
        if (stdio != null) {
            String log = stdio.stderr();
            stdio.close();
            assertFalse(log.contains(TOKEN), "the auth token must never reach the log");
        }
        if (service != null) {
            service.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static FakeMessage sentTo(String to) {
        return twilio.messages().stream().filter(m -> m.to().equals(to)).findFirst().orElseThrow();
    }

    private static List<Map.Entry<String, String>> status(String sid, String status, String to) {
        return List.of(Map.entry("MessageSid", sid), Map.entry("MessageStatus", status),
                Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("From", TwilioServerIT.OUR_NUMBER),
                Map.entry("To", to));
    }

    @Test
    void aStatusCallbackSettlesAWaitingSendAtOnceAndGetConversationShowsIt() throws Exception {
        String to = "+14155550177";
        twilio.script(to, Scenario.staysSent());
        CompletableFuture<CallToolResult> sending = CompletableFuture.supplyAsync(
                () -> stdio.call("send_sms", Map.of("to", to, "message", "Is the delivery receipt seen at once?")));
        Deadline.await(Duration.ofSeconds(30), () -> twilio.messages().stream().anyMatch(m -> m.to().equals(to)),
                "the send reached Twilio");
        String sid = sentTo(to).sid();
        assertEquals(List.of(service.baseUrl + "/twilio/status"),
                twilio.createRequests().stream().filter(form -> form.get("To").equals(List.of(to))).findFirst()
                        .orElseThrow().get("StatusCallback"), "the create names the service's status path");
        Deadline.await(Duration.ofSeconds(10), () -> twilio.statusOf(sid).equals("sent"), "Twilio shows it sent");

        long posted = System.nanoTime();
        HttpResponse<String> callback = service.signedPost("/twilio/status", TOKEN, status(sid, "delivered", to));
        assertEquals(200, callback.statusCode(), callback.body());
        CallToolResult sent = sending.get(STATUS_WAIT_SECONDS, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - posted);

        assertEquals("delivered", ServerProcess.structured(sent).get("outcome"), ServerProcess.text(sent));
        assertEquals("delivered", ServerProcess.structured(sent).get("status"));
        assertTrue(answeredAfter.compareTo(Duration.ofSeconds(5)) < 0,
                "answered " + answeredAfter.toMillis() + " ms after the callback, not after the "
                        + STATUS_WAIT_SECONDS + " s wait");
        assertEquals("sent", twilio.statusOf(sid), "Twilio's own list still says sent");

        CallToolResult conversation = stdio.call("get_conversation", Map.of("with", to));
        assertTrue(ServerProcess.text(conversation).contains("status delivered (SID " + sid + ")"),
                ServerProcess.text(conversation));
    }

    @Test
    void aCallbackThatArrivesBeforeTheSendRecordedItsSidStillSettlesTheSend() throws Exception {
        String to = "+14155550176";
        // Twilio has created the message but its answer is late: the callback comes first.
        twilio.script(to, Scenario.staysSent().delayCreateResponse(Duration.ofSeconds(2)));
        CompletableFuture<CallToolResult> sending = CompletableFuture.supplyAsync(
                () -> stdio.call("send_sms", Map.of("to", to, "message", "Is an early receipt kept?")));
        Deadline.await(Duration.ofSeconds(30), () -> twilio.messages().stream().anyMatch(m -> m.to().equals(to)),
                "the send reached Twilio");
        String sid = sentTo(to).sid();

        HttpResponse<String> callback = service.signedPost("/twilio/status", TOKEN, status(sid, "delivered", to));
        assertEquals(200, callback.statusCode(), callback.body());
        assertEquals(List.of(), service.rows("SELECT 1 FROM sends WHERE sid = ?", sid),
                "the callback came before the stdio server recorded the message id");
        CallToolResult sent = sending.get(STATUS_WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("delivered", ServerProcess.structured(sent).get("status"), ServerProcess.text(sent));
        assertEquals(List.of(List.of("delivered")), service.rows("SELECT status FROM sends WHERE sid = ?", sid));
        assertTrue(service.get("/metrics").body().contains("sms_status_callbacks_held_total{outcome=\"applied\"}"));
    }

    @Test
    void aWaitingReceiveGetsTheWebhooksMessageWithinASecondWithoutListingTwilio() throws Exception {
        String from = "+14155550179";
        int listsBefore = twilio.listCount();
        CompletableFuture<CallToolResult> waiting = CompletableFuture.supplyAsync(() -> stdio.call("receive_sms",
                Map.of("from", from, "contains", "code", "wait_seconds", 30)));
        // The first look lists Twilio's messages to each of the server's two numbers; the wait comes after.
        Deadline.await(Duration.ofSeconds(30), () -> twilio.listCount() >= listsBefore + 2, "the first look is made");
        int listsBeforeWebhook = twilio.listCount();
        String sid = "SM" + "7".repeat(32);

        long posted = System.nanoTime();
        HttpResponse<String> webhook = service.signedPost("/twilio/inbound", TOKEN, List.of(Map.entry("MessageSid", sid),
                Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("From", from),
                Map.entry("To", TwilioServerIT.OUR_NUMBER), Map.entry("Body", "Your code is 604312"),
                Map.entry("NumMedia", "0"), Map.entry("NumSegments", "1")));
        assertEquals(200, webhook.statusCode(), webhook.body());
        CallToolResult received = waiting.get(30, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - posted);

        String text = ServerProcess.text(received);
        assertTrue(text.contains("Verification code: 604312") && text.contains("(SID " + sid + ")"), text);
        assertTrue(text.endsWith("Received through the webhook service (real time)."), text);
        assertEquals("webhook", ServerProcess.structured(received).get("mode"));
        assertTrue(answeredAfter.compareTo(Duration.ofSeconds(1)) < 0,
                "answered " + answeredAfter.toMillis() + " ms after the webhook");
        assertEquals(listsBeforeWebhook, twilio.listCount(), "no list call while the wait read the inbox");
    }

    @Test
    void withoutAPublicUrlOrAServiceASendNamesNoStatusCallbackAndReceivingPolls() {
        String to = "+14155550178";
        try (ServerProcess plain = ServerProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_STATUS_WAIT_SECONDS", "0")))) {
            CallToolResult sent = plain.call("send_sms", Map.of("to", to, "message", "No callback for this one"));
            assertEquals(Boolean.TRUE, ServerProcess.structured(sent).get("sent"), ServerProcess.text(sent));

            twilio.injectInbound(to, TwilioServerIT.OUR_NUMBER, "Polled reply", java.time.Instant.now());
            CallToolResult received = plain.call("receive_sms", Map.of("from", to, "wait_seconds", 10));
            assertTrue(ServerProcess.text(received).contains("Polled reply"), ServerProcess.text(received));
            assertTrue(ServerProcess.text(received).endsWith("Read from Twilio's message list."));
            assertEquals("polling", ServerProcess.structured(received).get("mode"));
        }
        Map<String, List<String>> form = twilio.createRequests().stream()
                .filter(request -> request.get("To").equals(List.of(to))).findFirst().orElseThrow();
        assertFalse(form.containsKey("StatusCallback"), form.toString());
    }
}

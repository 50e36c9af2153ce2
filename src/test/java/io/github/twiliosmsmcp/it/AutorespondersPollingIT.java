package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Without SMS_PUBLIC_URL no webhook comes: {@code serve} lists new messages itself and says so in
 * /healthz. Here it also runs in dry-run mode, where an autoreply is counted and journaled but never
 * reaches Twilio; and a stdio server with a rule of its own, reading the same message, never answers.
 */
@Timeout(180)
class AutorespondersPollingIT {
    private static final String STRANGER = "+14155550311";

    @Test
    void withoutWebhooksTheServicePollsAndInDryRunCountsTheAutoreplyWithoutSendingIt() throws Exception {
        try (FakeTwilioApi twilio = TwilioServerIT.startFake()) {
            Map<String, String> env = TwilioServerIT.env(twilio, Map.of("SMS_AUTORESPONDERS", "on",
                    "SMS_MODE", "dry-run"));
            try (ServiceProcess service = ServiceProcess.startWithoutPublicUrl(env);
                    ServerProcess model = ServerProcess.start(ServiceProcess.with(env, "SMS_DATABASE",
                            service.database.toString()));
                    ServerProcess stdio = ServerProcess.start(TwilioServerIT.env(twilio,
                            Map.of("SMS_AUTORESPONDERS", "on")))) {
                String health = service.get("/healthz").body();
                assertTrue(health.contains("\"autoresponders\":\"polling the message list every 10 s, since"
                        + " SMS_PUBLIC_URL is not set\""), health);
                assertFalse(model.call("create_sms_autoresponder", Map.of("trigger", "HOURS", "response",
                        "Open 9-17")).isError());
                assertFalse(stdio.call("create_sms_autoresponder", Map.of("trigger", "HOURS", "response",
                        "Open 9-17 (stdio)")).isError());

                String sid = twilio.injectInbound(STRANGER, TwilioServerIT.OUR_NUMBER, "hours?", Instant.now());
                Deadline.await(Duration.ofSeconds(60), () -> !service.rows("SELECT outcome FROM autoreplies"
                        + " WHERE inbound_sid = ? AND outcome IS NOT NULL", sid).isEmpty(), "the service's poll answers");
                CallToolResult read = stdio.call("receive_sms", Map.of("from", STRANGER));
                assertTrue(ServerProcess.text(read).contains(sid), ServerProcess.text(read));

                assertEquals(List.of(List.of("dry_run")),
                        service.rows("SELECT outcome FROM autoreplies WHERE inbound_sid = ?", sid));
                assertEquals(List.of(List.of("DRY_RUN", sid, "Open 9-17")),
                        service.rows("SELECT state, in_reply_to, body FROM sends WHERE recipient = ?", STRANGER));
                assertEquals(0, twilio.createsTo(STRANGER), "dry-run: nothing reached Twilio");
                assertTrue(ServerProcess.text(model.call("list_sms_autoresponders", Map.of()))
                        .contains("triggered 1 time, last "));
                assertTrue(ServerProcess.text(stdio.call("list_sms_autoresponders", Map.of()))
                        .contains("triggered 0 times"), "the stdio server never autoresponds");
            }
        }
    }
}

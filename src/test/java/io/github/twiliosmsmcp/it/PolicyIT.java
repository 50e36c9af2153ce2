package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner's rules, end to end through the jar: each refusal names the rule, the number and the
 * setting, and no refused send ever reaches Twilio. The last tests are an adversary's attempts to
 * get around the rules.
 */
class PolicyIT {
    static FakeTwilioApi twilio;

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static ServerProcess server(Path database, String... settings) {
        Map<String, String> extra = new HashMap<>();
        extra.put("SMS_DATABASE", database.toString());
        extra.put("SMS_STATUS_WAIT_SECONDS", "1");
        for (int i = 0; i < settings.length; i += 2) {
            extra.put(settings[i], settings[i + 1]);
        }
        return ServerProcess.start(TwilioServerIT.env(twilio, extra));
    }

    /** A quiet-hours window from {@code from} to {@code to} hours away from now, in Los Angeles time. */
    private static String windowInLosAngeles(int from, int to) {
        LocalTime there = LocalTime.now(ZoneId.of("America/Los_Angeles"));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        return there.plusHours(from).format(hhmm) + "-" + there.plusHours(to).format(hhmm);
    }

    private static ServerProcess server(String... settings) {
        return server(ServerProcess.freshDatabase(), settings);
    }

    private static CallToolResult sms(ServerProcess server, String to, String message) {
        return server.call("send_sms", Map.of("to", to, "message", message));
    }

    private static void assertRefused(CallToolResult result, String rule, String setting, String number) {
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS NOT sent to " + number + ": refused by a rule of the server's owner (" + rule + ")."), text);
        assertTrue(text.contains("setting: " + setting), text);
        assertTrue(text.contains("Do not try another way"), text);
        assertTrue(text.endsWith("Do not send this message again, and do not try another way: tell the user."), text);
        assertEquals("refused_by_policy", structured(result).get("outcome"));
        assertEquals(rule, structured(result).get("rule"));
        assertEquals(false, structured(result).get("sent"));
    }

    @Test
    void onlyAllowedRecipientsAreTexted() {
        try (ServerProcess server = server("SMS_ALLOWED_RECIPIENTS", "+1415555*, +12127365000")) {
            assertRefused(sms(server, "+16175550142", "hello"), "allowed recipients", "SMS_ALLOWED_RECIPIENTS=+1415555*,+12127365000", "+16175550142");
            assertTrue(text(sms(server, "+14155552901", "hello")).startsWith("[FINAL] SMS delivered"));
            assertTrue(text(sms(server, "(212) 736-5000", "hello")).startsWith("[FINAL] SMS delivered"));
        }
        assertEquals(0, twilio.createsTo("+16175550142"));
    }

    @Test
    void blockedRecipientsAreRefusedInEveryFormOfTheirNumber() {
        try (ServerProcess server = server("SMS_BLOCKED_RECIPIENTS", "+14155552902")) {
            for (String form : List.of("+14155552902", "(415) 555-2902", "415.555.2902", "+1 415 555 2902", "tel:+14155552902")) {
                assertRefused(sms(server, form, "hi " + form), "blocked recipient", "SMS_BLOCKED_RECIPIENTS (contains +14155552902)", "+14155552902");
            }
        }
        assertEquals(0, twilio.createsTo("+14155552902"));
    }

    @Test
    void repliesOnlyTextsNumbersThatWroteFirst() {
        String stranger = "+14155552903";
        try (ServerProcess server = server("SMS_ALLOW_REPLIES_ONLY", "true")) {
            assertRefused(sms(server, stranger, "hello"), "replies only", "SMS_ALLOW_REPLIES_ONLY=true", stranger);
            twilio.injectInbound(stranger, TwilioServerIT.OUR_NUMBER, "Hi, is this the bakery?", Instant.now());
            server.call("receive_sms", Map.of("from", stranger));
            assertTrue(text(sms(server, stranger, "Yes it is!")).startsWith("[FINAL] SMS delivered"));
        }
        assertEquals(1, twilio.createsTo(stranger));
    }

    @Test
    void theRateLimitHoldsAcrossRestartsAndProcessesAndSaysWhenToTryAgain() {
        Path database = ServerProcess.freshDatabase();
        String to = "+14155552904";
        try (ServerProcess a = server(database, "SMS_MAX_PER_RECIPIENT_PER_HOUR", "2");
                ServerProcess b = server(database, "SMS_MAX_PER_RECIPIENT_PER_HOUR", "2")) {
            assertTrue(text(sms(a, to, "one")).startsWith("[FINAL] SMS delivered"));
            assertTrue(text(sms(b, to, "two")).startsWith("[FINAL] SMS delivered"));
            CallToolResult third = sms(a, to, "three");
            assertRefused(third, "messages per recipient per hour", "SMS_MAX_PER_RECIPIENT_PER_HOUR=2", to);
            assertTrue(text(third).contains("2 messages were sent to " + to + " in the last hour"), text(third));
            assertTrue(text(third).contains("Next allowed: "), text(third));
            Instant next = Instant.parse((String) structured(third).get("next_allowed_at"));
            assertTrue(next.isAfter(Instant.now().plusSeconds(3500)), next.toString());
        }
        try (ServerProcess restarted = server(database, "SMS_MAX_PER_RECIPIENT_PER_HOUR", "2")) {
            assertRefused(sms(restarted, to, "four"), "messages per recipient per hour", "SMS_MAX_PER_RECIPIENT_PER_HOUR=2", to);
        }
        assertEquals(2, twilio.createsTo(to));
    }

    @Test
    void parallelCallsFromTwoProcessesCannotRaceThePerHourLimit() throws Exception {
        Path database = ServerProcess.freshDatabase();
        try (ServerProcess a = server(database, "SMS_MAX_PER_HOUR", "3");
                ServerProcess b = server(database, "SMS_MAX_PER_HOUR", "3")) {
            List<CompletableFuture<CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ServerProcess server = i % 2 == 0 ? a : b;
                String to = "+1415555291" + i;
                calls.add(CompletableFuture.supplyAsync(() -> sms(server, to, "race")));
            }
            int sent = 0;
            for (CompletableFuture<CallToolResult> call : calls) {
                CallToolResult result = call.get(60, TimeUnit.SECONDS);
                if ("delivered".equals(structured(result).get("outcome"))) {
                    sent++;
                } else {
                    assertEquals("messages per hour", structured(result).get("rule"), text(result));
                }
            }
            assertEquals(3, sent);
        }
        long creates = 0;
        for (int i = 0; i < 8; i++) {
            creates += twilio.createsTo("+1415555291" + i);
        }
        assertEquals(3, creates, "exactly as many creates as the limit allows");
    }

    @Test
    void theDailyBudgetStopsSpendingAndCountsWhatTwilioCharged() {
        try (ServerProcess server = server("SMS_DAILY_BUDGET_USD", "0.02")) {
            assertTrue(text(sms(server, "+14155552921", "first")).startsWith("[FINAL] SMS delivered"));
            assertTrue(text(sms(server, "+14155552922", "second")).startsWith("[FINAL] SMS delivered"));
            CallToolResult third = sms(server, "+14155552923", "third");
            assertRefused(third, "daily budget", "SMS_DAILY_BUDGET_USD=0.02", "+14155552923");
            assertTrue(text(third).contains("$0.01580 was spent"), "actual prices from Twilio: " + text(third));
            String policy = text(server.call("get_sms_policy", Map.of()));
            assertTrue(policy.contains("about $0.01580 of $0.02 spent in the last 24 hours"), policy);
        }
        assertEquals(0, twilio.createsTo("+14155552923"));
    }

    @Test
    void quietHoursAreTheRecipientsLocalTime() {
        String losAngeles = "+14155552931";
        String aroundNow = windowInLosAngeles(-1, 1);
        String later = windowInLosAngeles(2, 3);
        try (ServerProcess quiet = server("SMS_QUIET_HOURS", aroundNow)) {
            CallToolResult result = sms(quiet, losAngeles, "late night note");
            assertRefused(result, "quiet hours", "SMS_QUIET_HOURS=" + aroundNow, losAngeles);
            assertTrue(text(result).contains("for the recipient (America/Los_Angeles)"), text(result));
            assertNotNull(structured(result).get("next_allowed_at"));
        }
        try (ServerProcess awake = server("SMS_QUIET_HOURS", later)) {
            assertTrue(text(sms(awake, losAngeles, "day time note")).startsWith("[FINAL] SMS delivered"));
        }
        assertEquals(1, twilio.createsTo(losAngeles));
    }

    @Test
    void aStopReplyOptsOutAndStartOptsBackIn() {
        String person = "+14155552941";
        try (ServerProcess server = server()) {
            twilio.injectInbound(person, TwilioServerIT.OUR_NUMBER, "  sToP!! ", Instant.now().minusSeconds(20));
            server.call("receive_sms", Map.of("from", person));
            assertRefused(sms(server, person, "Last chance for 20% off"), "opted out",
                    "none: only the recipient can undo it by texting START", person);
            twilio.injectInbound(person, TwilioServerIT.OUR_NUMBER, "Start", Instant.now());
            server.call("receive_sms", Map.of("from", person));
            assertTrue(text(sms(server, person, "Welcome back")).startsWith("[FINAL] SMS delivered"));
        }
        assertEquals(1, twilio.createsTo(person));
    }

    @Test
    void twilio21610MarksTheNumberOptedOutSoTheNextSendNeverLeaves() {
        String person = "+14155552942";
        twilio.script(person, Scenario.rejected(400, 21610, "Attempt to send to unsubscribed recipient"));
        try (ServerProcess server = server()) {
            assertTrue(text(sms(server, person, "first")).contains("Twilio refused it"));
            assertRefused(sms(server, person, "second"), "opted out", "none: only the recipient can undo it by texting START", person);
        }
        assertEquals(1, twilio.createsTo(person), "the second send never reached Twilio");
    }

    @Test
    void dryRunChecksAndCountsButSendsNothing() {
        String to = "+14155552951";
        try (ServerProcess server = server("SMS_MODE", "dry-run", "SMS_MAX_PER_RECIPIENT_PER_HOUR", "1")) {
            CallToolResult first = sms(server, to, "would you?");
            assertTrue(text(first).startsWith("[FINAL] DRY RUN: nothing was sent. SMS would be sent to " + to + "."), text(first));
            assertEquals("dry_run", structured(first).get("outcome"));
            assertNotNull(structured(first).get("estimated_cost_usd"));
            assertRefused(sms(server, to, "and again?"), "messages per recipient per hour", "SMS_MAX_PER_RECIPIENT_PER_HOUR=1", to);
        }
        assertEquals(0, twilio.createsTo(to));
    }

    @Test
    void receiveOnlyModeListsNoSendingTool() {
        try (ServerProcess server = server("SMS_MODE", "receive-only")) {
            List<String> tools = server.client().listTools().tools().stream().map(t -> t.name()).toList();
            assertEquals(List.of("receive_sms", "get_conversation", "mark_sms_read", "get_sms_policy"), tools);
            assertTrue(text(server.call("get_sms_policy", Map.of())).contains("Mode: receive-only"));
        }
    }

    @Test
    void thePolicyToolShowsWhatIsLeft() {
        // A window that cannot contain the current time in Los Angeles, where the message goes.
        String later = windowInLosAngeles(2, 3);
        try (ServerProcess server = server("SMS_MAX_PER_HOUR", "10", "SMS_QUIET_HOURS", later)) {
            assertEquals("delivered", structured(sms(server, "+14155552961", "one")).get("outcome"));
            CallToolResult policy = server.call("get_sms_policy", Map.of());
            String text = text(policy);
            assertTrue(text.contains("- Per hour: 1 of 10 used in the last hour, 9 left"), text);
            assertTrue(text.contains("- Quiet hours: " + later + " in the recipient's local time"), text);
            assertEquals(9, structured(policy).get("left_this_hour"));
        }
    }

    // An adversary, or a model that was talked into it, trying to get around the rules.

    @Test
    void tinyVariationsOfOneMessageStillCountAgainstTheRecipientLimit() {
        String to = "+14155552971";
        try (ServerProcess server = server("SMS_MAX_PER_RECIPIENT_PER_HOUR", "2")) {
            List<String> variations = List.of("Buy now!", "Buy now!!", "Buy now! ", "buy now!", "Buy  now!");
            int delivered = 0;
            for (String text : variations) {
                if ("delivered".equals(structured(sms(server, to, text)).get("outcome"))) {
                    delivered++;
                }
            }
            assertEquals(2, delivered);
        }
        assertEquals(2, twilio.createsTo(to));
    }

    @Test
    void anotherFromNumberManyRecipientsOrAReplyDoNotGetPastABlock() {
        String blocked = "+14155552972";
        String inbound = twilio.injectInbound(blocked, TwilioServerIT.SECOND_NUMBER, "text me back", Instant.now());
        try (ServerProcess server = server("SMS_BLOCKED_RECIPIENTS", blocked)) {
            assertEquals("refused_by_policy", structured(server.call("send_sms",
                    Map.of("to", blocked, "message", "hi", "from", TwilioServerIT.SECOND_NUMBER))).get("outcome"));
            String many = text(server.call("send_sms", Map.of("to", blocked + ", +14155552973", "message", "hi")));
            assertTrue(many.startsWith("[FINAL] SMS NOT sent"), many);
            assertEquals("refused_by_policy", structured(server.call("send_mms", Map.of("to", "(415) 555-2972",
                    "media_urls", List.of("https://example.com/a.jpg")))).get("outcome"));
            CallToolResult reply = server.call("reply_to_sms", Map.of("message_id", inbound, "message", "hello"));
            assertRefused(reply, "blocked recipient", "SMS_BLOCKED_RECIPIENTS (contains " + blocked + ")", blocked);
        }
        assertEquals(0, twilio.createsTo(blocked));
        assertEquals(0, twilio.createsTo("+14155552973"));
    }

    @Test
    void theModelCannotChangeTheRulesThroughArguments() {
        try (ServerProcess server = server("SMS_BLOCKED_RECIPIENTS", "+14155552974")) {
            String text = text(server.call("send_sms", Map.of("to", "+14155552974", "message", "hi",
                    "SMS_BLOCKED_RECIPIENTS", "")));
            assertTrue(text.contains("unknown argument 'SMS_BLOCKED_RECIPIENTS'"), text);
            assertFalse(server.client().listTools().tools().stream().anyMatch(t -> t.name().contains("policy")
                    && !t.name().equals("get_sms_policy")), "no tool changes the policy");
        }
        assertEquals(0, twilio.createsTo("+14155552974"));
    }
}

package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jar against a fake Twilio on loopback: what a user sees for every outcome of a send and a receive. */
class TwilioServerIT {
    static final String ACCOUNT = "AC" + "0".repeat(31) + "1";
    static final String TOKEN = "fake-auth-token-7c2e91";
    static final String OUR_NUMBER = "+16502530000";
    static final String SECOND_NUMBER = "+16502530001";

    static FakeTwilioApi twilio;
    static ServerProcess server;

    /** A fake Twilio that owns both of the numbers the tests' servers send from. */
    static FakeTwilioApi startFake() {
        FakeTwilioApi fake = FakeTwilioApi.start(ACCOUNT, TOKEN);
        fake.addOwnedNumber(OUR_NUMBER);
        fake.addOwnedNumber(SECOND_NUMBER);
        return fake;
    }

    @BeforeAll
    static void start() {
        twilio = startFake();
        server = ServerProcess.start(env(twilio, Map.of("SMS_STATUS_WAIT_SECONDS", "3")));
    }

    static Map<String, String> env(FakeTwilioApi fake, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", ACCOUNT,
                "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_PHONE_NUMBER", OUR_NUMBER + ", " + SECOND_NUMBER,
                "TWILIO_API_BASE_URL", fake.baseUrl()));
        env.putAll(ServerProcess.RELAXED_POLICY);
        env.putAll(extra);
        return env;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            String log = server.stderr();
            server.close();
            assertFalse(log.contains(TOKEN), "the auth token must never reach the log");
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static CallToolResult sms(String to, String message) {
        return server.call("send_sms", Map.of("to", to, "message", message));
    }

    @Test
    void deliveredMessageIsReportedWithEveryFact() {
        String to = "+14155552671";
        CallToolResult result = sms(to, "Your appointment is at 3pm. Reply CONFIRM or CANCEL.");
        String text = text(result);

        assertTrue(text.startsWith("[FINAL] SMS delivered to " + to), text);
        assertTrue(text.contains("1 segment (GSM-7, 52 characters)"), text);
        assertTrue(text.contains("Price: 0.00790 USD"), text);
        assertTrue(text.contains("From: " + OUR_NUMBER), text);
        assertTrue(text.endsWith("Do not send this message again: it was sent once, and this is its final result."), text);
        assertFalse(result.isError());
        Map<String, Object> facts = structured(result);
        assertEquals("delivered", facts.get("status"));
        assertEquals(true, facts.get("sent"));
        assertEquals(to, facts.get("to"));
        assertEquals(OUR_NUMBER, facts.get("from"));
        assertEquals("GSM-7", facts.get("encoding"));
        assertEquals(1, facts.get("segments"));
        assertEquals("0.00790", facts.get("price"));
        assertEquals("USD", facts.get("price_unit"));
        assertTrue(((String) facts.get("sid")).startsWith("SM"));
        assertTrue(text.contains((String) facts.get("sid")), text);
        assertEquals(1, twilio.createsTo(to));
        Map<String, List<String>> form = lastCreateTo(to);
        assertEquals(List.of(OUR_NUMBER), form.get("From"));
        assertEquals(List.of("Your appointment is at 3pm. Reply CONFIRM or CANCEL."), form.get("Body"));
    }

    @Test
    void nationalFormatIsSentInE164() {
        CallToolResult result = sms("(415) 555-2672", "national format");
        assertTrue(text(result).startsWith("[FINAL] SMS delivered to +14155552672"), text(result));
        assertEquals(1, twilio.createsTo("+14155552672"));
    }

    @Test
    void undeliveredExplainsTheCarrierError() {
        String to = "+14155552673";
        twilio.script(to, Scenario.undelivered(30003, "Unreachable destination handset"));
        CallToolResult result = sms(to, "are you there?");
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS to " + to + " was sent but NOT delivered."), text);
        assertTrue(text.contains("30003"), text);
        assertTrue(text.contains("switched off or out of coverage"), text);
        assertTrue(text.contains("What to do:"), text);
        assertTrue(text.contains("Do not send this message again"), text);
        assertTrue(result.isError());
        assertEquals("undelivered", structured(result).get("status"));
        assertEquals(30003, structured(result).get("error_code"));
        assertEquals(1, twilio.createsTo(to));
    }

    @Test
    void failedMessageIsFinalAndExplained() {
        String to = "+14155552674";
        twilio.script(to, Scenario.failed(30007, "Message filtered"));
        String text = text(sms(to, "WIN A PRIZE"));
        assertTrue(text.startsWith("[FINAL] SMS to " + to + " FAILED"), text);
        assertTrue(text.contains("filtered the message as spam"), text);
    }

    @Test
    void messageThatNeverBecomesFinalIsReportedAsSentWithinTheWait() {
        String to = "+14155552675";
        twilio.script(to, Scenario.staysSent());
        long start = System.nanoTime();
        CallToolResult result = sms(to, "no receipt for this one");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS sent to " + to + "; the carrier has not confirmed delivery."), text);
        assertTrue(text.contains("last status: sent (not final)"), text);
        assertEquals("sent_unconfirmed", structured(result).get("outcome"));
        assertTrue(seconds < 10, "SMS_STATUS_WAIT_SECONDS=3 bounds the wait, took " + seconds + " s");
        assertFalse(result.isError());
    }

    @Test
    void invalidNumberIsRefusedWithoutCallingTwilio() {
        int before = twilio.createCount();
        CallToolResult result = sms("12", "hi");
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS NOT sent: the request cannot be sent as written."), text);
        assertTrue(text.contains("too short"), text);
        assertEquals(before, twilio.createCount());
        assertEquals(false, structured(result).get("sent"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "+15005550001|21211|not a valid phone number",
        "+15005550002|21612|cannot route",
        "+15005550003|21408|Geo permissions",
        "+15005550004|21610|replied STOP",
        "+15005550009|21614|not a mobile number"})
    void twilioRefusalsAreExplained(String to, int code, String words) {
        CallToolResult result = sms(to, "test");
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS NOT sent to " + to + ": Twilio refused it."), text);
        assertTrue(text.contains("error " + code), text);
        assertTrue(text.contains(words), text);
        assertTrue(text.endsWith("Do not send this message again on your own: tell the user what happened."), text);
        assertEquals(code, structured(result).get("error_code"));
        assertEquals(false, structured(result).get("sent"));
        assertEquals(1, twilio.createsTo(to));
    }

    @Test
    void trialAccountRefusalTellsWhatToDo() {
        String to = "+14155552676";
        twilio.script(to, Scenario.rejected(400, 21608, "The number is unverified. Trial accounts cannot send messages to unverified numbers"));
        String text = text(sms(to, "hello"));
        assertTrue(text.contains("trial Twilio accounts can only text phone numbers that were verified"), text);
        assertTrue(text.contains("Verified Caller IDs"), text);
    }

    @ParameterizedTest(name = "HTTP {0} on create")
    @CsvSource({"500,20500", "503,20503"})
    void serverErrorOnCreateIsNeverRetried(int status, int code) {
        String to = status == 500 ? "+14155552677" : "+14155552678";
        twilio.script(to, Scenario.rejected(status, code, "Internal failure"));
        CallToolResult result = sms(to, "only once");
        String text = text(result);
        assertEquals(1, twilio.createsTo(to), "a " + status + " must produce exactly one create at Twilio");
        assertTrue(text.startsWith("[FINAL] SMS to " + to + ": outcome UNKNOWN. It was NOT resent."), text);
        assertTrue(text.contains("HTTP " + status), text);
        assertEquals("unknown", structured(result).get("outcome"));
        assertEquals(null, structured(result).get("sent"));
    }

    @Test
    void tooManyRequestsIsRetriedBecauseNothingWasAccepted() {
        String to = "+14155552679";
        twilio.script(to, Scenario.delivered().failFirstCreates(1, 429, 20429));
        String text = text(sms(to, "after a 429"));
        assertTrue(text.startsWith("[FINAL] SMS delivered to " + to), text);
        assertEquals(2, twilio.createsTo(to));
    }

    @Test
    void timeoutAfterTheRequestWentOutIsUnknownAndNotResent() {
        String to = "+14155552680";
        twilio.script(to, Scenario.delivered().delayCreateResponse(Duration.ofSeconds(15)));
        String text = text(sms(to, "slow twilio"));
        assertTrue(text.startsWith("[FINAL] SMS to " + to + ": outcome UNKNOWN. It was NOT resent."), text);
        assertTrue(text.contains("no answer within 10 s"), text);
        assertTrue(text.endsWith("Do not send this message again: it may already have arrived. Tell the user instead."), text);
        assertEquals(1, twilio.createsTo(to));
    }

    @Test
    void fromMustBeOneOfOurNumbers() {
        int before = twilio.createCount();
        CallToolResult result = server.call("send_sms", Map.of("to", "+14155552681", "message", "hi", "from", "+14155550000"));
        String text = text(result);
        assertTrue(text.contains("is not one of this server's numbers (" + OUR_NUMBER + ", " + SECOND_NUMBER + ")"), text);
        assertEquals(before, twilio.createCount());

        CallToolResult second = server.call("send_sms", Map.of("to", "+14155552681", "message", "hi", "from", SECOND_NUMBER));
        assertTrue(text(second).startsWith("[FINAL] SMS delivered"), text(second));
        assertEquals(List.of(SECOND_NUMBER), lastCreateTo("+14155552681").get("From"));
    }

    @Test
    void mmsCarriesEveryMediaUrl() {
        String to = "+14155552682";
        List<String> media = List.of("https://example.com/a.jpg", "https://example.com/b.png");
        CallToolResult result = server.call("send_mms", Map.of("to", to, "media_urls", media, "message", "two pictures"));
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] MMS delivered to " + to), text);
        assertTrue(text.contains("Media: 2 files"), text);
        assertEquals(2, structured(result).get("media_count"));
        assertEquals(media, lastCreateTo(to).get("MediaUrl"));
        assertEquals(List.of("two pictures"), lastCreateTo(to).get("Body"));
    }

    @Test
    void progressIsReportedWhileWaitingForTheStatus() {
        String to = "+14155552683";
        twilio.script(to, Scenario.staysSent());
        int before = server.progress.size();
        server.callWithProgress("send_sms", Map.of("to", to, "message", "progress please"), "token-1");
        assertTrue(server.progress.stream().skip(before).anyMatch(p -> "token-1".equals(p.progressToken())
                && p.message().contains("status")), "progress notifications carry the client's token");
    }

    @Test
    void receiveReturnsInboundMessagesNewestFirstAndThenOnlyNewOnes() {
        String from = "+14155552690";
        Instant now = Instant.now();
        twilio.injectInbound(from, OUR_NUMBER, "older reply", now.minusSeconds(120));
        twilio.injectInbound(from, SECOND_NUMBER, "CONFIRM", now.minusSeconds(60));
        twilio.injectInbound("+14155552691", OUR_NUMBER, "someone else", now.minusSeconds(30));
        twilio.injectInbound(from, OUR_NUMBER, "too old", now.minus(Duration.ofDays(3)));

        CallToolResult first = server.call("receive_sms", Map.of("from", from, "since", "1h"));
        String text = text(first);
        assertTrue(text.startsWith("2 new (unread) messages to " + OUR_NUMBER + ", " + SECOND_NUMBER), text);
        assertTrue(text.indexOf("CONFIRM") < text.indexOf("older reply"), "newest first: " + text);
        assertFalse(text.contains("someone else"), text);
        assertFalse(text.contains("too old"), text);
        assertTrue(text.contains("<<<sender's text\nCONFIRM\n>>>"), text);
        assertEquals(2, structured(first).get("count"));

        String again = text(server.call("receive_sms", Map.of("from", from, "since", "1h")));
        assertTrue(again.startsWith("No new (unread) messages"), again);

        CallToolResult all = server.call("receive_sms", Map.of("from", from, "since", "1h", "unread_only", false, "limit", 1));
        assertEquals(1, structured(all).get("count"));
        assertEquals(1, structured(all).get("more_not_shown"));
        assertTrue(text(all).contains("CONFIRM"), text(all));
    }

    @Test
    void receiveWaitsForAMessageThatArrivesDuringTheCall() throws Exception {
        String from = "+14155552692";
        int listsBefore = twilio.listCount();
        CompletableFuture<CallToolResult> waiting = CompletableFuture.supplyAsync(
                () -> server.call("receive_sms", Map.of("from", from, "wait_seconds", 30)));
        Deadline.await(Duration.ofSeconds(20), () -> twilio.listCount() > listsBefore, "the server starts polling");
        twilio.injectInbound(from, OUR_NUMBER, "Your code is 482913", Instant.now());
        CallToolResult result = waiting.get(40, java.util.concurrent.TimeUnit.SECONDS);
        String text = text(result);
        assertTrue(text.contains("Your code is 482913"), text);
        assertTrue(text.contains("(waited"), text);
        assertEquals(1, structured(result).get("count"));
    }

    @Test
    void receiveWithNothingNewAnswersAfterTheWait() {
        CallToolResult result = server.call("receive_sms", Map.of("from", "+14155552693", "wait_seconds", 2));
        String text = text(result);
        assertTrue(text.startsWith("No new (unread) messages"), text);
        assertTrue(text.contains("(waited 2 s)"), text);
    }

    private static Map<String, List<String>> lastCreateTo(String to) {
        List<Map<String, List<String>>> creates = twilio.createRequests().stream()
                .filter(form -> List.of(to).equals(form.get("To")))
                .toList();
        return creates.get(creates.size() - 1);
    }
}

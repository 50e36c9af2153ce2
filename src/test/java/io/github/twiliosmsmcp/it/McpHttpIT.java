package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /mcp} on {@code serve} end to end: the real jar, the fake Twilio, raw HTTP clients of
 * both protocol eras, and the generated token as the service printed it on its first start.
 */
@Timeout(180)
class McpHttpIT {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("smcp_[A-Za-z0-9_-]{43}");
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private static FakeTwilioApi twilio;
    private static ServiceProcess service;
    private static String token;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_STATUS_WAIT_SECONDS", "3")),
                ServerProcess.freshDatabase());
        Matcher printed = PRINTED_TOKEN.matcher(service.stderr());
        assertTrue(printed.find(), "the first start prints the generated token:\n" + service.stderr());
        token = printed.group();
        url = service.baseUrl + "/mcp";
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            String log = service.stderr();
            service.close();
            assertFalse(log.contains(TwilioServerIT.TOKEN), "the auth token must never reach the log");
            assertFalse(log.contains(sha256(token)), "the token's digest must never reach the log");
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static HttpMcpClient client(boolean modern) {
        return modern ? HttpMcpClient.modern(url, token) : HttpMcpClient.session(url, token);
    }

    @ParameterizedTest(name = "2026-07-28 client: {0}")
    @ValueSource(booleans = {true, false})
    void aClientOfEitherEraListsTheToolsAndSendsOnce(boolean modern) {
        HttpMcpClient client = client(modern);
        if (modern) {
            JsonNode discovered = client.answer(client.request("server/discover", Map.of()));
            assertEquals("twilio-sms-mcp", discovered.path("result").path("_meta")
                    .path("io.modelcontextprotocol/serverInfo").path("name").asText(), discovered.toString());
        }
        JsonNode tools = client.answer(client.request("tools/list", Map.of())).path("result").path("tools");
        assertEquals(List.of("send_sms", "send_mms", "reply_to_sms", "receive_sms", "get_conversation", "mark_sms_read",
                "get_sms_policy"), java.util.stream.StreamSupport.stream(tools.spliterator(), false)
                .map(tool -> tool.path("name").asText()).toList());

        String to = modern ? "+14155550301" : "+14155550302";
        String text = client.callText("send_sms", Map.of("to", to, "message", "over http"));

        assertTrue(text.startsWith("[FINAL]") && text.contains("delivered"), text);
        assertEquals(1, twilio.createsTo(to));
    }

    @ParameterizedTest(name = "2026-07-28 client: {0}")
    @ValueSource(booleans = {true, false})
    void aWaitingSendStreamsProgressBeforeItsAnswer(boolean modern) {
        HttpMcpClient client = client(modern);
        String to = modern ? "+14155550311" : "+14155550312";
        JsonNode call = client.toolCall("send_sms", Map.of("to", to, "message", "with progress"), Optional.of("p-1"));

        List<JsonNode> messages = client.exchange(call);

        JsonNode last = messages.get(messages.size() - 1);
        assertEquals(call.get("id"), last.get("id"), messages.toString());
        assertTrue(last.path("result").path("content").path(0).path("text").asText().startsWith("[FINAL]"));
        assertTrue(messages.stream().anyMatch(m -> m.path("method").asText().equals("notifications/progress")
                && m.path("params").path("progressToken").asText().equals("p-1")), messages.toString());
    }

    @Test
    void withoutTheRightTokenOrFromAForeignPageNothingIsServed() {
        HttpMcpClient anonymous = HttpMcpClient.modern(url, null);
        JsonNode list = anonymous.request("tools/list", Map.of());

        HttpResponse<String> none = anonymous.post(list, Map.of());
        HttpResponse<String> wrong = anonymous.post(list, Map.of("Authorization", "Bearer " + token + "x"));
        HttpResponse<String> foreign = HttpMcpClient.modern(url, token).post(list, Map.of("Origin", "http://evil.example"));
        HttpResponse<String> huge = HttpMcpClient.modern(url, token).postRaw("[" + "1,".repeat(200_000) + "1]",
                Map.of("Authorization", "Bearer " + token));

        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), none.headers().toString());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        assertEquals(403, foreign.statusCode());
        assertEquals(413, huge.statusCode());
        assertFalse(none.body().contains(token) || wrong.body().contains(token), "answers never repeat the token");
    }

    @Test
    void twoClientsOfBothErasSendAtOnceAndEachSendIsAnsweredOnce() {
        HttpMcpClient modern = client(true);
        HttpMcpClient session = client(false);
        List<CompletableFuture<String>> calls = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> (i % 2 == 0 ? modern : session)
                        .callText("send_sms", Map.of("to", "+1415555040" + i, "message", "at once " + i))))
                .toList();

        List<String> answers = calls.stream().map(CompletableFuture::join).toList();

        assertTrue(answers.stream().allMatch(a -> a.startsWith("[FINAL]") && a.contains("delivered")), answers.toString());
        IntStream.range(0, 6).forEach(i -> assertEquals(1, twilio.createsTo("+1415555040" + i)));
    }

    @ParameterizedTest(name = "2026-07-28 client: {0}")
    @ValueSource(booleans = {true, false})
    void aClientThatGoesAwayMidSendLeavesOneCreateAndItsOutcome(boolean modern) throws Exception {
        HttpMcpClient client = client(modern);
        String to = modern ? "+14155550321" : "+14155550322";
        twilio.script(to, Scenario.delivered().delayCreateResponse(Duration.ofSeconds(2)));

        try (Socket socket = client.postAndKeepOpen(client.toolCall("send_sms",
                Map.of("to", to, "message", "gone before the answer"), Optional.empty()))) {
            Deadline.await(ANSWER, () -> twilio.createsTo(to) == 1, "the create reached Twilio");
        }

        Deadline.await(ANSWER, () -> !service.rows("SELECT sid FROM sends WHERE recipient = ? AND state = 'ACCEPTED'"
                + " AND sid IS NOT NULL", to).isEmpty(), "the accepted send is in the journal");
        assertEquals(1, twilio.createsTo(to));
        String again = client.callText("send_sms", Map.of("to", to, "message", "gone before the answer"));
        assertTrue(again.startsWith("[FINAL]"), again);
        assertEquals(1, twilio.createsTo(to), "the repeated call is answered from the journal: " + again);
    }

    @Test
    void aRestartKeepsTheTokenPrintsNothingAndHoldsToTheCallRate() throws Exception {
        try (ServiceProcess second = ServiceProcess.start(TwilioServerIT.env(twilio,
                Map.of("SMS_HTTP_CALLS_PER_MINUTE", "1")), service.database)) {
            HttpMcpClient client = HttpMcpClient.modern(second.baseUrl + "/mcp", token);
            JsonNode policy = client.toolCall("get_sms_policy", Map.of(), Optional.empty());

            HttpResponse<String> first = client.post(policy, Map.of());
            HttpResponse<String> over = client.post(client.toolCall("get_sms_policy", Map.of(), Optional.empty()), Map.of());
            HttpResponse<String> list = client.post(client.request("tools/list", Map.of()), Map.of());

            assertEquals(200, first.statusCode(), first.body());
            assertEquals(429, over.statusCode(), over.body());
            assertTrue(Integer.parseInt(over.headers().firstValue("Retry-After").orElse("0")) >= 1, over.headers().toString());
            assertEquals(200, list.statusCode(), "only tool calls count: " + list.body());
            String log = second.stderr();
            assertFalse(PRINTED_TOKEN.matcher(log).find(), "a restart prints no token:\n" + log);
            assertFalse(log.contains(sha256(token)), "nor its digest");
        }
        assertEquals(1, service.stderr().split(Pattern.quote(token), -1).length - 1, "the token is printed once");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

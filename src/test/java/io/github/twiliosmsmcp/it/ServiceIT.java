package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.TwilioSigner;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} end to end: the real jar, the fake Twilio, a fresh database; webhooks signed by the
 * test from the documented algorithm ({@link TwilioSigner}), never by the validator under test.
 */
@Timeout(120)
class ServiceIT {
    private static final String ACCOUNT = TwilioServerIT.ACCOUNT;
    private static final String TOKEN = TwilioServerIT.TOKEN;
    private static final String THEM = "+14155552671";
    private static final String TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static FakeTwilioApi twilio;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of()), ServerProcess.freshDatabase());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            String log = service.stderr();
            service.close();
            assertFalse(log.contains(TOKEN), "the auth token must never reach the log");
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static List<Map.Entry<String, String>> inbound(String sid, String from, String body) {
        return List.of(Map.entry("MessageSid", sid), Map.entry("AccountSid", ACCOUNT), Map.entry("From", from),
                Map.entry("To", TwilioServerIT.OUR_NUMBER), Map.entry("Body", body), Map.entry("NumMedia", "0"),
                Map.entry("NumSegments", "1"));
    }

    private static List<Map.Entry<String, String>> status(String sid, String status) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("MessageSid", sid),
                Map.entry("MessageStatus", status), Map.entry("AccountSid", ACCOUNT),
                Map.entry("From", TwilioServerIT.OUR_NUMBER), Map.entry("To", THEM)));
        if (status.equals("undelivered")) {
            fields.add(Map.entry("ErrorCode", "30003"));
        }
        return fields;
    }

    private static int stored(String sid) {
        return service.rows("SELECT 1 FROM inbound WHERE sid = ?", sid).size();
    }

    @Test
    void anInboundMessageIsStoredOnceWithItsTextAndMediaBeforeTheAnswer() {
        String sid = newSid();
        List<Map.Entry<String, String>> fields = new ArrayList<>(inbound(sid, THEM, "Grüße ☃ 👋 & = % + café"));
        fields.set(5, Map.entry("NumMedia", "2"));
        fields.add(Map.entry("MediaUrl0", "https://api.twilio.com/media/ME1"));
        fields.add(Map.entry("MediaContentType0", "image/jpeg"));
        fields.add(Map.entry("MediaUrl1", "https://api.twilio.com/media/ME2"));
        fields.add(Map.entry("MediaContentType1", "image/png"));

        HttpResponse<String> first = service.signedPost("/twilio/inbound", TOKEN, fields);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(TWIML, first.body());
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        // Answered only after the write committed: the row is there the moment the answer is.
        assertEquals(List.of(List.of(THEM, TwilioServerIT.OUR_NUMBER, "Grüße ☃ 👋 & = % + café", "2",
                        "https://api.twilio.com/media/ME1\nhttps://api.twilio.com/media/ME2")),
                service.rows("SELECT sender, recipient, body, num_media, media_urls FROM inbound WHERE sid = ?", sid));

        HttpResponse<String> retried = service.signedPost("/twilio/inbound", TOKEN, fields);
        assertEquals(200, retried.statusCode());
        assertEquals(1, stored(sid), "a retried webhook stores once");
    }

    @Test
    void stopAndStartApplyAsThePollingInboxAppliesThem() {
        String number = "+14155550123";
        assertEquals(200, service.signedPost("/twilio/inbound", TOKEN, inbound(newSid(), number, " stop ")).statusCode());
        assertEquals(List.of(List.of("1")), service.rows(
                "SELECT opted_out FROM consent WHERE account = ? AND number = ?", ACCOUNT, number));

        assertEquals(200, service.signedPost("/twilio/inbound", TOKEN, inbound(newSid(), number, "START")).statusCode());
        assertEquals(List.of(List.of("0")), service.rows(
                "SELECT opted_out FROM consent WHERE account = ? AND number = ?", ACCOUNT, number));
    }

    @Test
    void refusedWebhooksStoreNothing() {
        String sid = newSid();
        List<Map.Entry<String, String>> fields = inbound(sid, THEM, "Hello");
        String body = TwilioSigner.form(fields);
        String url = service.baseUrl + "/twilio/inbound";
        String good = TwilioSigner.sign(TOKEN, url, fields);
        String form = "application/x-www-form-urlencoded";
        String megabyte = body + "&Pad=" + "x".repeat(1 << 20);
        String repeated = body + "&Body=" + "Goodbye";

        Map<String, HttpResponse<String>> answers = Map.of(
                "bad signature", service.post("/twilio/inbound", form, body, good.substring(1) + "A"),
                "wrong URL", service.post("/twilio/inbound", form, body,
                        TwilioSigner.sign(TOKEN, "https://elsewhere.example.com/twilio/inbound", fields)),
                "wrong token", service.post("/twilio/inbound", form, body, TwilioSigner.sign("another-token", url, fields)),
                "missing header", service.post("/twilio/inbound", form, body, null),
                "tampered body", service.post("/twilio/inbound", form, body.replace("Hello", "Hellp"), good),
                "repeated key", service.post("/twilio/inbound", form, repeated, good),
                "1 MB body", service.post("/twilio/inbound", form, megabyte, good),
                "JSON body", service.post("/twilio/inbound", "application/json", "{\"MessageSid\":\"" + sid + "\"}", good));

        Map<String, Integer> statuses = new java.util.TreeMap<>();
        answers.forEach((name, answer) -> statuses.put(name, answer.statusCode()));
        assertEquals(new java.util.TreeMap<>(Map.of("bad signature", 403, "wrong URL", 403, "wrong token", 403,
                "missing header", 403, "tampered body", 403, "repeated key", 403, "1 MB body", 413, "JSON body", 415)),
                statuses);
        assertEquals(0, stored(sid), "nothing of a refused webhook is stored");
        String metrics = service.get("/metrics").body();
        assertTrue(metrics.contains("sms_webhooks_rejected_total{endpoint=\"/twilio/inbound\",reason=\"bad_signature\"}"),
                metrics);
        assertTrue(metrics.contains("reason=\"too_large\""), metrics);
        assertTrue(service.stderr().matches("(?s).*\\[wh-[0-9a-f]{6}] /twilio/inbound refused with 403: .*"),
                "each refusal is logged with its trace id");
    }

    /**
     * A send made by a stdio server on the same database, then its callbacks replayed, reordered and
     * duplicated: the journal ends at the final status, which no later callback takes back.
     */
    @Test
    void statusCallbacksSettleASendOfAStdioServerAndNeverGoBack() {
        String sid;
        try (ServerProcess stdio = ServerProcess.start(TwilioServerIT.env(twilio, Map.of(
                "SMS_DATABASE", service.database.toString(), "SMS_STATUS_WAIT_SECONDS", "0")))) {
            CallToolResult sent = stdio.call("send_sms", Map.of("to", THEM, "message", "Callback test " + newSid()));
            sid = (String) ServerProcess.structured(sent).get("sid");
        }
        assertTrue(sid != null && sid.startsWith("SM"), "the stdio server sent the message");

        for (String status : List.of("sent", "undelivered", "sent", "queued", "undelivered", "delivered", "sending")) {
            HttpResponse<String> answer = service.signedPost("/twilio/status", TOKEN, status(sid, status));
            assertEquals(200, answer.statusCode(), answer.body());
        }

        assertEquals(List.of(List.of("undelivered", "30003", "ACCEPTED")),
                service.rows("SELECT status, error_code, state FROM sends WHERE sid = ?", sid));
        String metrics = service.get("/metrics").body();
        assertTrue(metrics.contains("sms_status_callbacks_total{effect=\"recorded\",status=\"undelivered\"} 1.0"), metrics);
        assertTrue(metrics.contains("sms_status_callbacks_total{effect=\"out_of_date\",status=\"sent\"} 1.0"), metrics);
    }

    @Test
    void aCallbackAboutAnUnknownMessageIsAnsweredAndHeldButNotStored() {
        String sid = newSid();

        HttpResponse<String> answer = service.signedPost("/twilio/status", TOKEN, status(sid, "delivered"));

        assertEquals(200, answer.statusCode());
        assertEquals(List.of(), service.rows("SELECT 1 FROM sends WHERE sid = ?", sid));
        assertTrue(service.get("/metrics").body().contains("sms_status_callbacks_held_total{outcome=\"held\"}"));
    }

    @Test
    void healthAndPresenceTellThatTheServiceRuns() {
        assertEquals(200, service.signedPost("/twilio/inbound", TOKEN, inbound(newSid(), THEM, "hi")).statusCode());

        HttpResponse<String> health = service.get("/healthz");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"store\":\"ok\"") && health.body().contains("\"publicUrlSet\":true"),
                health.body());
        assertFalse(health.body().contains("\"lastWebhook\":null"), health.body());
        // The beacon writes the last webhook's time with its next beat, at most 5 s later.
        Deadline.await(Duration.ofSeconds(15), () -> !service.rows("SELECT 1 FROM service_presence WHERE account = ?"
                + " AND public_url = ? AND last_webhook_at IS NOT NULL", ACCOUNT, service.baseUrl).isEmpty(),
                "the presence row carries the last webhook");
    }

    @Test
    void withoutAPublicUrlTheWebhooksAnswer503AndTheLogSaysWhatToSet() throws Exception {
        try (ServiceProcess unset = ServiceProcess.startWithoutPublicUrl(TwilioServerIT.env(twilio, Map.of()))) {
            String sid = newSid();
            HttpResponse<String> answer = unset.signedPost("/twilio/inbound", TOKEN, inbound(sid, THEM, "hi"));

            assertEquals(503, answer.statusCode());
            assertEquals(503, unset.get("/healthz").statusCode());
            assertTrue(unset.stderr().contains("SMS_PUBLIC_URL is not set"), unset.stderr());
            assertEquals(List.of(), unset.rows("SELECT 1 FROM inbound WHERE sid = ?", sid));
        }
    }

    @Test
    void withAnApiKeyAndNoAuthTokenTheServiceSaysSoAndRefusesWebhooks() throws Exception {
        String keySid = "SK" + "0".repeat(31) + "2";
        twilio.addApiKey(keySid, "key-secret-4d1a");
        Map<String, String> env = new java.util.HashMap<>(TwilioServerIT.env(twilio, Map.of()));
        env.remove("TWILIO_AUTH_TOKEN");
        env.put("TWILIO_API_KEY", keySid);
        env.put("TWILIO_API_SECRET", "key-secret-4d1a");
        try (ServiceProcess keyed = ServiceProcess.start(env, ServerProcess.freshDatabase())) {
            assertTrue(keyed.stderr().contains("TWILIO_AUTH_TOKEN is not set"), keyed.stderr());
            String sid = newSid();

            HttpResponse<String> answer = keyed.signedPost("/twilio/inbound", TOKEN, inbound(sid, THEM, "hi"));

            assertEquals(403, answer.statusCode());
            assertTrue(keyed.stderr().contains("refused with 403: TWILIO_AUTH_TOKEN is not set"), keyed.stderr());
            assertEquals(List.of(), keyed.rows("SELECT 1 FROM inbound WHERE sid = ?", sid));
            assertFalse(keyed.stderr().contains("key-secret-4d1a"));
        }
    }

    /** The stdio server never pays for the service: serving a send over stdio loads nothing of Jetty or Micrometer. */
    @Test
    void theStdioServerLoadsNoClassOfTheService() throws Exception {
        java.nio.file.Path classLog = java.nio.file.Files.createTempFile("classes", ".log");
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-Xlog:class+load=info:file=" + classLog, "-jar", ServerProcess.jar().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process stdio = builder.start();
        try {
            String requests = String.join("\n",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"lazy\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\","
                            + "\"arguments\":{\"to\":\"+14155552671\",\"message\":\"hello\"}}}") + "\n";
            stdio.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            stdio.getOutputStream().close();
            String out = new String(stdio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("\"id\":2"), "the send was answered: " + out);

            List<String> loaded = java.nio.file.Files.readAllLines(classLog).stream()
                    .filter(line -> line.contains("[class,load]"))
                    .map(line -> line.substring(line.indexOf("[class,load]") + 12).trim().split(" ")[0]).toList();
            assertTrue(loaded.contains("org.sqlite.JDBC"), "the send used the store, so the log is read right");
            assertEquals(List.of(), loaded.stream().filter(c -> c.startsWith("org.eclipse.jetty.")
                    || c.startsWith("io.micrometer.") || c.startsWith("jakarta.servlet.")
                    || c.startsWith("io.github.twiliosmsmcp.service.")).toList());
        } finally {
            stdio.destroyForcibly();
            java.nio.file.Files.deleteIfExists(classLog);
        }
    }

    /** SIGTERM in the middle of a burst: every webhook that got its 200 is in the database. */
    @Test
    void sigtermDuringABurstLosesNothingThatWasAnswered() throws Exception {
        try (ServiceProcess burst = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of()),
                ServerProcess.freshDatabase())) {
            AtomicInteger answered = new AtomicInteger();
            List<String> sids = IntStream.range(0, 400).mapToObj(i -> newSid()).toList();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (String sid : sids) {
                List<Map.Entry<String, String>> fields = inbound(sid, THEM, "burst " + sid);
                answers.add(burst.http().sendAsync(burst.postRequest("/twilio/inbound",
                                "application/x-www-form-urlencoded", TwilioSigner.form(fields),
                                TwilioSigner.sign(TOKEN, burst.baseUrl + "/twilio/inbound", fields)),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                        .thenApply(response -> {
                            answered.incrementAndGet();
                            return response.statusCode();
                        })
                        .exceptionally(failure -> -1));
            }
            Deadline.await(Duration.ofSeconds(60), () -> answered.get() >= 20, "some webhooks are answered");

            burst.terminate();

            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < sids.size(); i++) {
                if (answers.get(i).join() == 200) {
                    acknowledged.add(sids.get(i));
                }
            }
            assertTrue(acknowledged.size() >= 20, "answered before the stop: " + acknowledged.size());
            assertTrue(acknowledged.size() < sids.size(), "the stop came in the middle of the burst");
            List<String> lost = acknowledged.stream()
                    .filter(sid -> burst.rows("SELECT 1 FROM inbound WHERE sid = ?", sid).isEmpty()).toList();
            assertEquals(0, lost.size(), "webhooks answered 200 but not stored, such as " + lost.stream().limit(3).toList());
            assertTrue(burst.stderr().contains("Stopped"), burst.stderr());
        }
    }
}

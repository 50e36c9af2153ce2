package io.github.twiliosmsmcp.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that speaks MessageCentral's token and send endpoints as their
 * public documentation shows them (see docs/messagecentral.md), with this project's assumptions
 * where the documentation is silent: a missing, unknown or expired token gets HTTP 401, and error
 * answers carry {@code responseCode} and {@code message}.
 *
 * <p>Tokens are JWT-shaped (header.payload.signature, the payload base64url JSON with {@code sub}
 * and {@code exp}) and valid for {@link #tokenLifetime(Duration)}; {@link #expireAllTokens()} makes
 * every token issued so far stale, as if it had run out mid-run. Every POST to the send endpoint is
 * recorded, refused ones included, so a test can prove how many sends a client really made. What
 * happens to a send depends on its recipient's {@link MessageCentralScenario}; unscripted recipients
 * are accepted. Thread-safe.
 */
public final class FakeMessageCentral implements AutoCloseable {
    public static final String TOKEN_PATH = "/auth/v1/authentication/token";
    public static final String SEND_PATH = "/verification/v3/send";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String customerId;
    private final String key;
    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    /** Released at close, so that answers held back give up waiting. */
    private final CountDownLatch closing = new CountDownLatch(1);

    // All mutable state below is guarded by "this".
    private final Map<String, Instant> validTokens = new HashMap<>();
    private final List<String> issuedTokens = new ArrayList<>();
    private final Map<String, MessageCentralScenario> scenarios = new HashMap<>();
    private final List<Send> sends = new ArrayList<>();
    private Duration tokenLifetime = Duration.ofDays(1);
    private int tokenFailureStatus;
    private int tokenRequests;
    private long nextVerificationId = 474097;

    /**
     * One POST to the send endpoint: its decoded query parameters, the HTTP status it got (0 when it
     * got none) and the verification id when the message was sent.
     */
    public record Send(Map<String, String> params, int httpStatus, String verificationId) {

        /** The recipient in E.164 form, put back together from the country code and the national number. */
        public String to() {
            return "+" + params.get("countryCode") + params.get("mobileNumber");
        }

        public String message() {
            return params.get("message");
        }

        public boolean sent() {
            return verificationId != null;
        }
    }

    private FakeMessageCentral(String customerId, String key) throws IOException {
        this.customerId = customerId;
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "fake-messagecentral-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(SEND_PATH, this::send);
    }

    /** A fake account with this customer id and key (the base64 form of the password, as MC_PASSWORD_BASE64 holds it). */
    public static FakeMessageCentral start(String customerId, String key) {
        try {
            FakeMessageCentral fake = new FakeMessageCentral(customerId, key);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake MessageCentral", e);
        }
    }

    /** What MC_API_BASE_URL should be for a client to use this fake. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- configuration -------------------------------------------------------------------------

    /** How long tokens issued from now on are valid, and what their {@code exp} says. */
    public synchronized void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Every token issued so far is refused from now on, as an expired one is. */
    public synchronized void expireAllTokens() {
        validTokens.clear();
    }

    /** The token endpoint answers {@code httpStatus} (e.g. 503) to every request until {@link #restoreTokens()}. */
    public synchronized void failTokens(int httpStatus) {
        tokenFailureStatus = httpStatus;
    }

    public synchronized void restoreTokens() {
        tokenFailureStatus = 0;
    }

    /** What happens to sends to {@code e164} from now on. */
    public synchronized void script(String e164, MessageCentralScenario scenario) {
        scenarios.put(e164, scenario);
    }

    // ---- observations --------------------------------------------------------------------------

    public synchronized int tokenRequests() {
        return tokenRequests;
    }

    /** Every token issued, so that a test can look for them where they must not be. */
    public synchronized List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /** Every POST to the send endpoint, refused ones included. */
    public synchronized List<Send> sends() {
        return List.copyOf(sends);
    }

    public synchronized int sendPosts() {
        return sends.size();
    }

    /** The POSTs that sent a message. */
    public synchronized List<Send> sent() {
        return sends.stream().filter(Send::sent).toList();
    }

    // ---- endpoints -----------------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, error(405, "METHOD_NOT_ALLOWED"));
                return;
            }
            Map<String, String> params = query(exchange);
            synchronized (this) {
                tokenRequests++;
                if (tokenFailureStatus != 0) {
                    answer(exchange, tokenFailureStatus, error(tokenFailureStatus, "SERVER_ERROR"));
                    return;
                }
                if (!customerId.equals(params.get("customerId"))) {
                    answer(exchange, 401, error(501, "INVALID_CUSTOMER_ID"));
                    return;
                }
                if (!key.equals(params.get("key"))) {
                    answer(exchange, 401, error(401, "UNAUTHORIZED"));
                    return;
                }
                String token = newToken();
                validTokens.put(token, clock.instant().plus(tokenLifetime));
                issuedTokens.add(token);
                answer(exchange, 200, json.createObjectNode().put("status", 200).put("token", token));
            }
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, error(405, "METHOD_NOT_ALLOWED"));
                return;
            }
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            Reply reply = decide(query(exchange), exchange.getRequestHeaders().getFirst("authToken"));
            if (reply.scenario() instanceof MessageCentralScenario.HangUp) {
                return;
            }
            if (reply.scenario() instanceof MessageCentralScenario.AnswerLate late) {
                holdBack(late.delay());
            }
            answer(exchange, reply.send().httpStatus(), reply.body());
        }
    }

    /** What one POST gets: the recorded send, the answer's body and, for a sent one, its recipient's scenario. */
    private record Reply(Send send, ObjectNode body, MessageCentralScenario scenario) {}

    /** Records the POST and decides its answer under the lock, so that counts are exact under concurrency. */
    private synchronized Reply decide(Map<String, String> params, String authToken) {
        Instant expiry = authToken == null ? null : validTokens.get(authToken);
        MessageCentralScenario scenario = scenarios.getOrDefault(to(params), MessageCentralScenario.accept());
        Reply reply;
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            reply = refused(params, 401, error(401, "UNAUTHORIZED"));
        } else if (!customerId.equals(params.get("customerId"))) {
            reply = refused(params, 400, error(501, "INVALID_CUSTOMER_ID"));
        } else if (!params.containsKey("countryCode") || !params.containsKey("mobileNumber")
                || !"SMS".equals(params.get("flowType")) || !"SMS".equals(params.get("type"))
                || !params.containsKey("message")) {
            reply = refused(params, 400, error(400, "BAD_REQUEST"));
        } else if (scenario instanceof MessageCentralScenario.Refuse refuse) {
            reply = refused(params, refuse.httpStatus(), error(refuse.responseCode(), refuse.message()));
        } else {
            int status = scenario instanceof MessageCentralScenario.HangUp ? 0 : 200;
            Send send = new Send(params, status, String.valueOf(nextVerificationId++));
            reply = new Reply(send, scenario instanceof MessageCentralScenario.Garbled
                    ? json.createObjectNode().put("html", "<h1>It works</h1>") : accepted(send), scenario);
        }
        sends.add(reply.send());
        return reply;
    }

    private static Reply refused(Map<String, String> params, int httpStatus, ObjectNode body) {
        return new Reply(new Send(params, httpStatus, null), body, null);
    }

    private ObjectNode accepted(Send send) {
        ObjectNode answer = json.createObjectNode().put("responseCode", 200).put("message", "SUCCESS");
        answer.putObject("data")
                .put("verificationId", send.verificationId())
                .put("mobileNumber", send.params().get("mobileNumber"))
                .put("responseCode", "200")
                .putNull("errorMessage")
                .put("timeout", "60")
                .putNull("smsCLI")
                .put("transactionId", UUID.randomUUID().toString());
        return answer;
    }

    private void holdBack(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String newToken() {
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        Instant now = clock.instant();
        String payload = json.createObjectNode().put("sub", customerId).put("iat", now.getEpochSecond())
                .put("exp", now.plus(tokenLifetime).getEpochSecond()).toString();
        return encode("{\"alg\":\"HS512\"}") + "." + encode(payload) + "." + BASE64URL.encodeToString(signature);
    }

    private static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode error(int responseCode, String message) {
        return json.createObjectNode().put("responseCode", responseCode).put("message", message);
    }

    private static String to(Map<String, String> params) {
        return "+" + params.get("countryCode") + params.get("mobileNumber");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // No connection is kept: once the fake closes, a client finds nothing to reuse and gets "connection refused".
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

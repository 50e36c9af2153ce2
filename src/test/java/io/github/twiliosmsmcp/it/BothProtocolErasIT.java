package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two protocol eras on one stdio server: 2025 clients open a session with {@code initialize};
 * 2026-07-28 clients send no handshake, call {@code server/discover}, and name the protocol version
 * and their capabilities in every request's {@code _meta}. Both get the same tools and the same
 * answers, the new era's error codes, and the stdio layer's promises (one answer per request, at
 * shutdown too; nothing but JSON-RPC on stdout).
 */
class BothProtocolErasIT {
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String VERSION = "2026-07-28";

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
    }

    /** The _meta every 2026-07-28 request carries. */
    private static Map<String, Object> meta() {
        return Map.of("io.modelcontextprotocol/protocolVersion", VERSION,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "stateless-test", "version", "1"));
    }

    private static String request(Object id, String method, Map<String, Object> params) {
        try {
            return RawSession.JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stateless(Object id, String method, Map<String, Object> params) {
        Map<String, Object> withMeta = new HashMap<>(params);
        withMeta.put("_meta", meta());
        return request(id, method, withMeta);
    }

    private static String statelessCall(Object id, String tool, Map<String, Object> arguments) {
        return stateless(id, "tools/call", Map.of("name", tool, "arguments", arguments));
    }

    private RawSession start(Map<String, String> env) throws IOException {
        RawSession session = RawSession.start(env);
        opened.add(session);
        return session;
    }

    private FakeTwilioApi twilio() {
        FakeTwilioApi twilio = TwilioServerIT.startFake();
        opened.add(twilio);
        return twilio;
    }

    private static String text(JsonNode answer) {
        return answer.path("result").path("content").path(0).path("text").asText();
    }

    @Test
    void aStatelessClientIsServedWithoutInitialize() throws Exception {
        FakeTwilioApi twilio = twilio();
        RawSession session = start(TwilioServerIT.env(twilio, Map.of()));

        session.send(stateless("d", "server/discover", Map.of()));
        JsonNode discover = session.answer("\"d\"", ANSWER).path("result");
        assertEquals(List.of(VERSION), RawSession.JSON.convertValue(discover.path("supportedVersions"), List.class));
        assertTrue(discover.path("capabilities").has("tools"), discover.toString());
        assertEquals("twilio-sms-mcp", discover.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText(),
                discover.toString());
        assertTrue(discover.path("instructions").asText().contains("never repeat a send"), discover.toString());

        session.send(stateless(2, "tools/list", Map.of()));
        assertEquals(7, session.answer("2", ANSWER).path("result").path("tools").size());

        String to = "+14155552801";
        Map<String, Object> params = new HashMap<>(Map.of("name", "send_sms",
                "arguments", Map.of("to", to, "message", "hello from 2026")));
        Map<String, Object> withProgress = new HashMap<>(meta());
        withProgress.put("progressToken", "p3");
        params.put("_meta", withProgress);
        session.send(request(3, "tools/call", params));
        JsonNode sent = session.answer("3", ANSWER);
        assertTrue(text(sent).startsWith("[FINAL] SMS delivered"), sent.toString());
        assertEquals("delivered", sent.path("result").path("structuredContent").path("outcome").asText(), sent.toString());
        assertEquals(1, twilio.createsTo(to));
        assertTrue(session.lines().stream().anyMatch(line -> "notifications/progress".equals(line.path("method").asText())
                && "p3".equals(line.path("params").path("progressToken").asText())), "progress is reported: " + session.lines());
        assertEquals(List.of(), session.answers("\"init\""), "no handshake happened");
    }

    @Test
    void bothErasGetTheSameToolsAndTheSameAnswers() throws Exception {
        RawSession old = start(Map.of()).initialized();
        old.send(request(1, "tools/list", Map.of()));
        old.send(RawSession.call(2, "get_sms_policy", Map.of()));
        old.send(RawSession.call(3, "send_sms", Map.of("to", "not a number", "message", "hi")));

        RawSession current = start(Map.of());
        current.send(stateless(1, "tools/list", Map.of()));
        current.send(statelessCall(2, "get_sms_policy", Map.of()));
        current.send(statelessCall(3, "send_sms", Map.of("to", "not a number", "message", "hi")));

        assertEquals(old.answer("1", ANSWER).path("result").path("tools"), current.answer("1", ANSWER).path("result").path("tools"));
        for (String id : List.of("2", "3")) {
            JsonNode before = old.answer(id, ANSWER).path("result");
            JsonNode now = current.answer(id, ANSWER).path("result");
            assertEquals(before.path("content"), now.path("content"));
            assertEquals(before.path("structuredContent"), now.path("structuredContent"));
            assertEquals(before.path("isError"), now.path("isError"));
        }
        assertTrue(text(current.answer("3", ANSWER)).startsWith("[FINAL] SANDBOX"), current.answer("3", ANSWER).toString());
    }

    @Test
    void statelessErrorsFollowTheNewCodesAndNameNoJavaClass() throws Exception {
        RawSession session = start(Map.of());
        Map<String, Object> noCapabilities = Map.of("io.modelcontextprotocol/protocolVersion", VERSION);
        session.send(statelessCall("unknown", "no_such_tool", Map.of()));
        session.send(request("version", "tools/list", Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion",
                "2099-01-01", "io.modelcontextprotocol/clientCapabilities", Map.of()))));
        session.send(request("not-text", "tools/list", Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", 7))));
        session.send(request("capabilities", "tools/list", Map.of("_meta", noCapabilities)));
        session.send(stateless("no-name", "tools/call", Map.of("arguments", Map.of())));
        session.send(stateless("ping", "ping", Map.of()));
        session.send(stateless("nothing", "resources/list", Map.of()));

        Map<String, Integer> expected = Map.of("\"unknown\"", -32602, "\"version\"", -32022, "\"not-text\"", -32602,
                "\"capabilities\"", -32602, "\"no-name\"", -32602, "\"ping\"", -32601, "\"nothing\"", -32601);
        for (Map.Entry<String, Integer> want : expected.entrySet()) {
            JsonNode answer = session.answer(want.getKey(), ANSWER);
            assertEquals(want.getValue(), answer.path("error").path("code").asInt(), answer + "\n" + session.stderr());
            String message = answer.path("error").path("message").asText();
            assertFalse(message.isBlank() || message.matches("(?s).*(java\\.|jackson|Exception|\\$).*"), message);
        }
        assertTrue(session.answer("\"unknown\"", ANSWER).path("error").path("message").asText().contains("no_such_tool"));
        assertEquals(VERSION, session.answer("\"version\"", ANSWER).path("error").path("data").path("supported").path(0).asText());

        session.closeStdin();
        assertEquals(0, session.awaitExit(ANSWER));
        for (String id : expected.keySet()) {
            assertEquals(1, session.answers(id).size(), "answers to " + id + ": " + session.rawStdout());
        }
    }

    @Test
    void aSessionAndStatelessRequestsShareOneServer() throws Exception {
        RawSession session = start(Map.of());
        session.send(stateless(1, "tools/list", Map.of()));
        session.initialized();
        session.send(request(2, "tools/list", Map.of()));
        session.send(statelessCall(3, "get_sms_policy", Map.of()));
        session.send(RawSession.call(4, "get_sms_policy", Map.of()));

        assertEquals(session.answer("1", ANSWER).path("result").path("tools"), session.answer("2", ANSWER).path("result").path("tools"));
        assertEquals(session.answer("3", ANSWER).path("result").path("content"),
                session.answer("4", ANSWER).path("result").path("content"));
    }

    @Test
    void statelessSendsInFlightWhenStdinClosesAreCreatedOnceAndAllAnswered() throws Exception {
        FakeTwilioApi twilio = twilio();
        RawSession session = start(TwilioServerIT.env(twilio, Map.of()));
        int sends = 5;
        for (int i = 1; i <= sends; i++) {
            // Twilio holds each answer back, so every send is certainly mid-create when stdin closes.
            twilio.script(to(i), Scenario.delivered().delayCreateResponse(Duration.ofSeconds(2)));
            session.send(statelessCall(i, "send_sms", Map.of("to", to(i), "message", "closing " + i)));
        }
        Deadline.await(ANSWER, () -> twilio.createCount() == sends, "every create reached Twilio");
        session.closeStdin();

        assertEquals(0, session.awaitExit(Duration.ofSeconds(40)));
        for (int i = 1; i <= sends; i++) {
            List<JsonNode> answers = session.answers(String.valueOf(i));
            assertEquals(1, answers.size(), "answers to send " + i + ": " + answers + "\n" + session.stderr());
            assertTrue(text(answers.get(0)).startsWith("[FINAL] SMS"), answers.get(0).toString());
            assertEquals(1, twilio.createsTo(to(i)), "creates to " + to(i));
        }
    }

    private static String to(int i) {
        return "+1415555" + (2810 + i);
    }

    @Test
    void discoveringAndListingToolsLoadsNothingAToolCallNeeds() throws Exception {
        Path classLog = dir.resolve("classes.log");
        RawSession session = RawSession.start(Map.of(), "-Xlog:class+load=info:file=" + classLog);
        opened.add(session);
        session.send(stateless(1, "server/discover", Map.of()));
        session.answer("1", ANSWER);
        LazyStartIT.assertNoneLoaded(classLog, "before the server/discover answer");
        session.send(stateless(2, "tools/list", Map.of()));
        assertEquals(7, session.answer("2", ANSWER).path("result").path("tools").size());
        LazyStartIT.assertNoneLoaded(classLog, "before the tools/list answer");
    }
}

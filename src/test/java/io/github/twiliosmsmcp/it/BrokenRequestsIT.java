package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests a hostile or careless client sends, each answered with the JSON-RPC error it deserves,
 * in words and never in Java's; the server goes on serving after each.
 */
class BrokenRequestsIT {
    private static RawSession session;

    @BeforeAll
    static void start() throws IOException {
        session = RawSession.start(Map.of()).initialized();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static JsonNode error(String id) {
        return session.answer(id, Duration.ofSeconds(30)).path("error");
    }

    private static void assertPlainWords(JsonNode error) {
        String message = error.path("message").asText();
        assertFalse(message.matches("(?s).*(java\\.|jackson|modelcontextprotocol|Exception|Cannot invoke|\\$).*"),
                "the answer names Java internals: " + error);
        assertTrue(error.path("data").isMissingNode() || !error.path("data").asText().contains("java"), error.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"2.0\",\"id\":10057.5,\"method\":\"ping\"}                                     | 10057.5                | -32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1180591620717411303424,\"method\":\"ping\"}                      | 1180591620717411303424 | -32600",
        "{\"jsonrpc\":\"2.0\",\"id\":\"no-params\",\"method\":\"tools/call\"}                         | \"no-params\"          | -32602",
        "{\"jsonrpc\":\"2.0\",\"id\":\"str-args\",\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":\"str\"}} | \"str-args\" | -32602",
        "{\"jsonrpc\":\"2.0\",\"id\":\"bare-init\",\"method\":\"initialize\"}                         | \"bare-init\"          | -32602",
        "{\"jsonrpc\":\"2.0\",\"id\":\"level\",\"method\":\"logging/setLevel\",\"params\":{\"level\":7}} | \"level\"             | -32602",
        "{\"jsonrpc\":\"1.0\",\"id\":\"old\",\"method\":\"ping\"}                                     | \"old\"                | -32600",
    })
    void aBrokenRequestWithAReadableIdGetsItsError(String line, String id, int code) throws IOException {
        session.send(line);
        JsonNode error = error(id);
        assertEquals(code, error.path("code").asInt(), error.toString());
        assertPlainWords(error);
        assertEquals(1, session.answers(id).size());
        session.send("{\"jsonrpc\":\"2.0\",\"id\":\"after-" + id.replace("\"", "") + "\",\"method\":\"ping\"}");
        session.answer("\"after-" + id.replace("\"", "") + "\"", Duration.ofSeconds(30));
    }

    @Test
    void linesWhoseIdCannotBeReadAreAnsweredWithANullId() throws IOException {
        List<byte[]> lines = List.of(
                ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"pi\u0000ng\"}".getBytes(StandardCharsets.UTF_8),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":\"\u0007\"}}".getBytes(StandardCharsets.UTF_8),
                "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}]"
                        .getBytes(StandardCharsets.UTF_8),
                "not json at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        int[] codes = {-32700, -32700, -32700, -32600, -32700, -32700};
        for (int i = 0; i < lines.size(); i++) {
            session.send(lines.get(i));
            int wanted = i + 1;
            Deadline.await(Duration.ofSeconds(30), () -> session.answers("null").size() == wanted,
                    "line " + wanted + " is answered");
            JsonNode error = session.answers("null").get(i).path("error");
            assertEquals(codes[i], error.path("code").asInt(), error.toString());
            assertPlainWords(error);
        }
        assertTrue(session.answers("3").isEmpty() && session.answers("4").isEmpty(), "a batch is refused whole");
    }

    @Test
    void beforeInitializeToolsAreRefusedAndPingIsAnswered() throws IOException {
        try (RawSession fresh = RawSession.start(Map.of())) {
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\"}");
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
            JsonNode refused = fresh.answer("0", Duration.ofSeconds(30));
            assertEquals(-32600, refused.path("error").path("code").asInt(), refused.toString());
            assertTrue(refused.path("error").path("message").asText().contains("initialize"), refused.toString());
            assertTrue(fresh.answer("\"p\"", Duration.ofSeconds(30)).path("result").isObject());

            fresh.initialized();
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            assertEquals(7, fresh.answer("1", Duration.ofSeconds(30)).path("result").path("tools").size());
        }
    }
}

package io.github.twiliosmsmcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCheckTest {
    private static final MessageCheck CHECK = new MessageCheck(new ObjectMapper());
    /** The per-request _meta of a 2026-07-28 request, as a member of params. */
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";

    private static Incoming check(String line, Handshake handshake) {
        return CHECK.check(line.getBytes(StandardCharsets.UTF_8), handshake);
    }

    static Stream<Arguments> answeredAtOnce() {
        return Stream.of(
                // line, handshake, code, id as JSON, words the answer must contain
                Arguments.of("not json", Handshake.DONE, -32700, "null", "not valid JSON"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing", Handshake.DONE, -32700, "null", "not valid JSON"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"a\u0000b\"}}", Handshake.DONE, -32700, "null", "not valid JSON"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"a\u0001b\"}}", Handshake.DONE, -32700, "null", "not valid JSON"),
                Arguments.of("[".repeat(5000) + "]".repeat(5000), Handshake.DONE, -32700, "null", "nested too deeply"),
                Arguments.of("{\"a\":".repeat(3000) + "1" + "}".repeat(3000), Handshake.DONE, -32700, "null", "nested too deeply"),
                Arguments.of("[{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}]", Handshake.DONE, -32600, "null", "batches are not supported"),
                Arguments.of("[]", Handshake.DONE, -32600, "null", "batches"),
                Arguments.of("42", Handshake.DONE, -32600, "null", "JSON object"),
                Arguments.of("\"ping\"", Handshake.DONE, -32600, "null", "JSON object"),
                Arguments.of("null", Handshake.DONE, -32600, "null", "JSON object"),
                Arguments.of("{\"foo\":1}", Handshake.DONE, -32600, "null", "\"jsonrpc\" must be \"2.0\""),
                Arguments.of("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}", Handshake.DONE, -32600, "3", "\"jsonrpc\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":10057.5,\"method\":\"ping\"}", Handshake.DONE, -32600, "10057.5", "\"id\" must be"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1180591620717411303424,\"method\":\"ping\"}", Handshake.DONE, -32600, "1180591620717411303424", "\"id\" must be"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", Handshake.DONE, -32600, "null", "\"id\" must be"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", Handshake.DONE, -32600, "null", "\"id\" must be"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", Handshake.DONE, -32600, "null", "\"id\" must be"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":4}", Handshake.DONE, -32600, "4", "needs a \"method\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":7}", Handshake.DONE, -32600, "4", "\"method\" must be a string"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}", Handshake.DONE, -32602, "5", "needs params"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":\"nonsense\"}", Handshake.DONE, -32602, "5", "must be an object"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":[1]}", Handshake.DONE, -32602, "5", "must be an object"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{}}", Handshake.DONE, -32602, "5", "\"name\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":5}}", Handshake.DONE, -32602, "5", "\"name\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":\"str\"}}", Handshake.DONE, -32602, "5", "\"arguments\" must be an object"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":[]}}", Handshake.DONE, -32602, "5", "\"arguments\" must be an object"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"_meta\":7}}", Handshake.DONE, -32602, "5", "\"_meta\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"_meta\":{\"progressToken\":{}}}}", Handshake.DONE, -32602, "5", "progressToken"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\"}", Handshake.NOT_STARTED, -32602, "\"i\"", "protocolVersion"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":1}}", Handshake.NOT_STARTED, -32602, "\"i\"", "protocolVersion"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}", Handshake.NOT_STARTED, -32602, "\"i\"", "capabilities"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}", Handshake.NOT_STARTED, -32602, "\"i\"", "clientInfo"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{\"cursor\":3}}", Handshake.DONE, -32602, "6", "\"cursor\""),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}", Handshake.DONE, -32602, "6", "\"level\" must be one of"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\"}", Handshake.DONE, -32602, "6", "level"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\"}", Handshake.NOT_STARTED, -32600, "0", "not initialized"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\"}}", Handshake.NOT_STARTED, -32600, "0", "not initialized"),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{" + META + "}}", Handshake.NOT_STARTED, -32602, "7", "\"name\""));
    }

    @ParameterizedTest
    @MethodSource
    void answeredAtOnce(String line, Handshake handshake, int code, String id, String words) {
        Incoming incoming = check(line, handshake);
        Incoming.Answer answer = assertInstanceOf(Incoming.Answer.class, incoming, line);
        assertEquals(code, answer.reply().path("error").path("code").asInt(), answer.reply().toString());
        assertEquals(id, answer.reply().get("id").toString());
        String message = answer.reply().path("error").path("message").asText();
        assertTrue(message.contains(words), message);
        assertFalse(message.matches("(?s).*(java\\.|jackson|Exception|\\$).*"), "no Java internals: " + message);
    }

    static Stream<Arguments> forwarded() {
        return Stream.of(
                // line, handshake, whether it is a request owed an answer, the server it goes to
                Arguments.of(INIT, Handshake.NOT_STARTED, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{\"_meta\":{}}}", Handshake.NOT_STARTED, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Handshake.INITIALIZING, false, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", Handshake.INITIALIZING, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":null}}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775808,\"method\":\"ping\"}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":\"\",\"method\":\"ping\"}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":null}}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":{\"to\":[1]},\"_meta\":{\"progressToken\":\"t\"}}}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such/method\"}", Handshake.DONE, true, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}", Handshake.DONE, false, Era.SESSION),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}", Handshake.DONE, false, Era.SESSION),
                // 2026-07-28: no handshake, whatever the 2025 session's state; the SDK server judges the _meta.
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + META + "}}", Handshake.NOT_STARTED, true, Era.STATELESS),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + META + "}}", Handshake.NOT_STARTED, true, Era.STATELESS),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\"," + META + "}}", Handshake.INITIALIZING, true, Era.STATELESS),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":{" + META + "}}", Handshake.NOT_STARTED, true, Era.STATELESS),
                Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":7}}}", Handshake.DONE, true, Era.STATELESS));
    }

    @ParameterizedTest
    @MethodSource
    void forwarded(String line, Handshake handshake, boolean request, Era era) {
        Incoming.Forward forward = assertInstanceOf(Incoming.Forward.class, check(line, handshake), line);
        assertEquals(request, forward.request().isPresent());
        assertEquals(era, forward.era(), line);
        forward.request().ifPresent(owed -> assertEquals(era, owed.era()));
    }

    @Test
    void pingBeforeInitializeIsAnsweredHere() {
        Incoming.Answer answer = assertInstanceOf(Incoming.Answer.class,
                check("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}", Handshake.NOT_STARTED));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{}}", answer.reply().toString());
    }

    static Stream<String> skipped() {
        return Stream.of("", "   ", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":7}");
    }

    @ParameterizedTest
    @MethodSource
    void skipped(String line) {
        assertInstanceOf(Incoming.Skip.class, check(line, Handshake.DONE));
    }
}

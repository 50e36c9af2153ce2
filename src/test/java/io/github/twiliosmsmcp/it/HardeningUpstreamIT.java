package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.fake.LoopbackPeer.afterRequest;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.answer;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.closeOnHello;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.hangUp;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.plainHttpToAnything;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.tls;
import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.LoopbackPeer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jar against upstreams that misbehave: a TLS handshake that fails, an endpoint that echoes the
 * request (Authorization header included) instead of answering, and a database path that cannot
 * be used. Every answer says what happened in words: no secret, no upstream body, no Java class.
 */
class HardeningUpstreamIT {
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((TwilioServerIT.ACCOUNT + ":" + TwilioServerIT.TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final String TO = "+14155552671";

    @TempDir
    Path dir;

    static Stream<Arguments> failedHandshakes() {
        return Stream.of(
                Arguments.of("plain HTTP answers the ClientHello", plainHttpToAnything()),
                Arguments.of("the peer hangs up on the ClientHello", closeOnHello()),
                Arguments.of("the certificate is not trusted", tls(afterRequest(hangUp()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedHandshakes")
    void failedTlsHandshakeIsNotSentAndTheSameSendIsAllowedAgain(String name, LoopbackPeer.Behaviour behaviour) {
        try (LoopbackPeer peer = LoopbackPeer.start(behaviour);
                ServerProcess server = ServerProcess.start(env(peer.url("https"), Map.of()))) {
            CallToolResult first = sms(server, "tls check");
            assertNotSent(first);
            int connections = peer.connections();

            CallToolResult second = sms(server, "tls check");

            assertNotSent(second);
            assertTrue(peer.connections() > connections, "the second send was attempted, not blocked as a repeat");
        }
    }

    private static void assertNotSent(CallToolResult result) {
        String text = text(result);
        assertTrue(text.startsWith("[FINAL] SMS NOT sent to " + TO + ": Twilio could not be reached."), text);
        assertEquals("twilio_unreachable", structured(result).get("outcome"), text);
        assertEquals(false, structured(result).get("sent"), text);
        assertToldInWords(result);
    }

    static Stream<Arguments> echoes() {
        return Stream.of(
                Arguments.of("HTTP 200, the request as plain text", 200, (UnaryOperator<String>) request -> request, "unknown"),
                Arguments.of("HTTP 500, the request as plain text", 500, (UnaryOperator<String>) request -> request, "unknown"),
                Arguments.of("HTTP 404, the request as plain text", 404, (UnaryOperator<String>) request -> request, "refused_by_twilio"),
                Arguments.of("HTTP 200, the request as a JSON string", 200, (UnaryOperator<String>) LoopbackPeer::jsonString, "unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoes")
    void echoedRequestNeverReachesTheAnswer(String name, int status, UnaryOperator<String> body, String sendOutcome) {
        try (LoopbackPeer peer = LoopbackPeer.start(afterRequest(answer(status, "application/json", body)));
                ServerProcess server = ServerProcess.start(env(peer.url("http"), Map.of()))) {
            CallToolResult send = sms(server, "echo check");
            assertEquals(sendOutcome, structured(send).get("outcome"), text(send));
            assertTrue(text(send).contains("HTTP " + status), text(send));
            assertToldInWords(send);

            CallToolResult receive = server.call("receive_sms", Map.of("since", "1h"));
            assertTrue(text(receive).contains("could not be read"), text(receive));
            assertToldInWords(receive);

            CallToolResult conversation = server.call("get_conversation", Map.of("with", TO));
            assertToldInWords(conversation);

            CallToolResult reply = server.call("reply_to_sms", Map.of("message_id", "SM" + "0".repeat(32), "message", "hi"));
            assertTrue(text(reply).contains("could not be looked up at Twilio") && text(reply).contains("HTTP " + status),
                    text(reply));
            assertToldInWords(reply);
            assertTrue(peer.connections() >= 4, "every tool asked the peer");
            assertFalse(server.stderr().contains(BASIC) || server.stderr().contains(TwilioServerIT.TOKEN),
                    "the credentials never reach the log");
        }
    }

    static Stream<Arguments> unusableDatabases() {
        return Stream.of(
                Arguments.of("under a regular file", (Function<Path, String>) dir -> file(dir) + "/x.db",
                        "is a file, not a folder"),
                Arguments.of("two levels under a regular file", (Function<Path, String>) dir -> file(dir) + "/sub/x.db",
                        "is a file, not a folder"),
                Arguments.of("in a folder the system will not create", (Function<Path, String>) dir -> "/proc/no-such-process/x.db",
                        "cannot be created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableDatabases")
    void unusableDatabaseIsExplainedInWords(String name, Function<Path, String> database, String words) {
        try (FakeTwilioApi twilio = TwilioServerIT.startFake();
                ServerProcess server = ServerProcess.start(env(twilio.baseUrl(), Map.of("SMS_DATABASE", database.apply(dir))))) {
            CallToolResult send = sms(server, "store check");
            assertEquals("store_unavailable", structured(send).get("outcome"), text(send));
            assertTrue(text(send).contains(words), text(send));
            assertToldInWords(send);
            assertEquals(0, twilio.createCount(), "nothing is sent without the store");

            twilio.injectInbound("+14155550100", TwilioServerIT.OUR_NUMBER, "a reply to keep", Instant.now());
            CallToolResult receive = server.call("receive_sms", Map.of("since", "1h"));
            assertTrue(text(receive).contains(words), text(receive));
            assertToldInWords(receive);
        }
    }

    private static String file(Path dir) {
        Path file = dir.resolve("a-file");
        try {
            Files.writeString(file, "in the way");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private static CallToolResult sms(ServerProcess server, String message) {
        return server.call("send_sms", Map.of("to", TO, "message", message));
    }

    private static Map<String, String> env(String baseUrl, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioServerIT.ACCOUNT,
                "TWILIO_AUTH_TOKEN", TwilioServerIT.TOKEN,
                "TWILIO_PHONE_NUMBER", TwilioServerIT.OUR_NUMBER,
                "TWILIO_API_BASE_URL", baseUrl,
                "SMS_STATUS_WAIT_SECONDS", "1"));
        env.putAll(extra);
        return env;
    }

    /** The text and the structured content: neither carries a secret, what the peer sent, or Java's words. */
    private static void assertToldInWords(CallToolResult result) {
        String all = text(result) + "\n" + result.structuredContent();
        for (String forbidden : List.of(TwilioServerIT.TOKEN, BASIC, "Authorization", "User-Agent", "HTTP/1.1",
                "java.", "javax.", "com.", "Exception", "Unrecognized token")) {
            assertFalse(all.contains(forbidden), "'" + forbidden + "' in the answer: " + all);
        }
    }
}

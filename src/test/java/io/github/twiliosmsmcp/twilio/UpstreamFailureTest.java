package io.github.twiliosmsmcp.twilio;

import static io.github.twiliosmsmcp.fake.LoopbackPeer.afterRequest;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.answer;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.closeOnHello;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.hangUp;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.jsonString;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.plainHttpToAnything;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.reset;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.resetOnHello;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.silence;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.tls;
import static io.github.twiliosmsmcp.fake.LoopbackPeer.tlsThenPlainBytesAfterRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.fake.LoopbackPeer;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the gateway makes of every way a call to Twilio can fail, against real loopback peers. A
 * create is "not sent" only when no byte of the request can have reached Twilio; after that it is
 * "unknown". Whatever the peer says, the failure's words carry no secret, no raw body and no Java
 * class name.
 */
class UpstreamFailureTest {
    private static final String ACCOUNT = "AC" + "0".repeat(31) + "7";
    private static final String TOKEN = "upstream-test-token-51f0";
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final PhoneNumber OURS = new PhoneNumber("+16502530000");
    private static final String ECHO_MARKER = "Authorization";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    enum Verdict { NOT_SENT, UNKNOWN, REFUSED }

    enum Call { CREATE, FETCH, LIST }

    static Stream<Arguments> failures() {
        String twilioError = "{\"code\": 21211, \"message\": \"The 'To' number is not valid.\","
                + " \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}";
        return Stream.of(
                Arguments.of("TLS: plain HTTP answers the ClientHello", "https", plainHttpToAnything(), Call.CREATE, Verdict.NOT_SENT),
                Arguments.of("TLS: peer hangs up on the ClientHello", "https", closeOnHello(), Call.CREATE, Verdict.NOT_SENT),
                Arguments.of("TLS: peer resets on the ClientHello", "https", resetOnHello(), Call.CREATE, Verdict.NOT_SENT),
                Arguments.of("TLS: certificate not trusted", "https", tls(afterRequest(hangUp())), Call.CREATE, Verdict.NOT_SENT),
                Arguments.of("TLS (trusted): hang-up after the request", "https", tls(afterRequest(hangUp())), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("TLS (trusted): plain bytes after the request", "https", tlsThenPlainBytesAfterRequest(), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("TLS (trusted): Twilio's error", "https", tls(afterRequest(answer(400, "application/json", r -> twilioError))), Call.CREATE, Verdict.REFUSED),
                Arguments.of("hang-up after the request", "http", afterRequest(hangUp()), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("reset after the request", "http", afterRequest(reset()), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("no answer in time", "http", afterRequest(silence()), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("500 with an echo", "http", afterRequest(answer(500, "text/plain", r -> r)), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("400 with an echo", "http", afterRequest(answer(400, "text/html", r -> r)), Call.CREATE, Verdict.REFUSED),
                Arguments.of("400 with Twilio's error", "http", afterRequest(answer(400, "application/json", r -> twilioError)), Call.CREATE, Verdict.REFUSED),
                Arguments.of("200 with an echo on create", "http", afterRequest(answer(200, "application/json", r -> r)), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("201 with an echo as a JSON string on create", "http", afterRequest(answer(201, "application/json", LoopbackPeer::jsonString)), Call.CREATE, Verdict.UNKNOWN),
                Arguments.of("200 with an echo on fetch", "http", afterRequest(answer(200, "application/json", r -> r)), Call.FETCH, Verdict.UNKNOWN),
                Arguments.of("200 with an echo on list", "http", afterRequest(answer(200, "application/json", r -> r)), Call.LIST, Verdict.UNKNOWN),
                Arguments.of("200 with an echo as a listed message", "http", afterRequest(answer(200, "application/json", r -> "{\"messages\": [" + jsonString(r) + "]}")), Call.LIST, Verdict.UNKNOWN),
                Arguments.of("404 with an echo on fetch", "http", afterRequest(answer(404, "text/html", r -> r)), Call.FETCH, Verdict.REFUSED),
                Arguments.of("502 with an echo on list", "http", afterRequest(answer(502, "text/plain", r -> r)), Call.LIST, Verdict.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failureIsClassifiedAndToldInWords(String name, String scheme, LoopbackPeer.Behaviour behaviour, Call call,
            Verdict expected) throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(behaviour)) {
            URI baseUrl = URI.create(peer.url(scheme));
            SSLContext trust = name.startsWith("TLS (trusted)") ? LoopbackPeer.trustingTestCertificate() : SSLContext.getDefault();
            TwilioGateway gateway = new TwilioGateway(account(baseUrl),
                    new SingleAttemptHttpClient(Optional.of(baseUrl), "upstream-test", trust));

            GatewayException failure = assertThrows(GatewayException.class, () -> call(gateway, call));

            assertEquals(expected, verdict(failure), failure.getMessage());
            assertToldInWords(failure);
        }
    }

    private static void call(TwilioGateway gateway, Call call) throws GatewayException {
        switch (call) {
            case CREATE -> gateway.create(new OutgoingMessage(new PhoneNumber("+14155552671"), Optional.of(OURS),
                    Optional.empty(), "hello", List.of(), Optional.empty()), TIMEOUT);
            case FETCH -> gateway.fetch("SM" + "0".repeat(32), TIMEOUT);
            case LIST -> gateway.inbound(List.of(OURS), Optional.empty(), Instant.now().minusSeconds(3600), 10, TIMEOUT);
        }
    }

    private static Verdict verdict(GatewayException failure) {
        if (failure instanceof GatewayException.Rejected rejected) {
            return rejected.serverError() ? Verdict.UNKNOWN : Verdict.REFUSED;
        }
        return ((GatewayException.Unreachable) failure).requestMayHaveArrived() ? Verdict.UNKNOWN : Verdict.NOT_SENT;
    }

    /** Nothing a peer sent, no secret and no Java internals: only what the words of this server say. */
    static void assertToldInWords(GatewayException failure) {
        String words = failure.getMessage();
        for (String forbidden : List.of(TOKEN, BASIC, ECHO_MARKER, "HTTP/1.1", "java.", "javax.", "com.", "Exception",
                "JSON:", "Unrecognized", "[Source")) {
            assertFalse(words.contains(forbidden), "'" + forbidden + "' in: " + words);
        }
        assertFalse(words.isBlank(), "the failure must say what happened");
    }

    private static TwilioAccount account(URI baseUrl) {
        return new TwilioAccount(ACCOUNT, ACCOUNT, TOKEN, List.of(OURS), Optional.empty(), Optional.of(baseUrl));
    }
}

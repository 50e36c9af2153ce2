package io.github.twiliosmsmcp.messagecentral;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.MessageCentralAccount;
import io.github.twiliosmsmcp.fake.FakeMessageCentral;
import io.github.twiliosmsmcp.fake.LoopbackPeer;
import io.github.twiliosmsmcp.fake.MessageCentralScenario;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Segments;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MessageCentral adapter against the fake MessageCentral on loopback. */
class MessageCentralGatewayTest {
    private static final String CUSTOMER = "C-7A3F11D2";
    private static final String KEY = "c3VwZXItc2VjcmV0LXBhc3N3b3Jk";
    private static final String TO = "+919876543210";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final FakeMessageCentral fake = FakeMessageCentral.start(CUSTOMER, KEY);
    private final MessageCentralGateway gateway = gateway(CUSTOMER, KEY, fake.baseUrl());

    @AfterEach
    void close() {
        fake.close();
    }

    private static MessageCentralGateway gateway(String customerId, String key, String baseUrl) {
        return new MessageCentralGateway(new MessageCentralAccount(customerId, key, Optional.of("SMSMCP"),
                Optional.of(URI.create(baseUrl))), "twilio-sms-mcp/test", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static OutgoingMessage text(String to, String body) {
        return new OutgoingMessage(new PhoneNumber(to), Optional.of(new PhoneNumber("+15005550006")), Optional.empty(),
                body, List.of(), Optional.empty());
    }

    @Test
    void anAcceptedSendBecomesASentRecordWithTheVerificationId() throws Exception {
        MessageRecord record = gateway.create(text(TO, "Your table is ready"), TIMEOUT);

        FakeMessageCentral.Send send = fake.sent().get(0);
        assertAll(() -> assertEquals("474097", record.sid()),
                () -> assertEquals(MessageRecord.Direction.OUTBOUND, record.direction()),
                () -> assertEquals(MessageStatus.SENT, record.status()),
                () -> assertEquals("SMSMCP", record.from()),
                () -> assertEquals(TO, record.to()),
                () -> assertEquals("Your table is ready", record.body()),
                () -> assertEquals(NOW, record.dateSent()),
                () -> assertEquals(Optional.of(1), record.segments()),
                () -> assertEquals(0, record.mediaCount()),
                () -> assertEquals("91", send.params().get("countryCode")),
                () -> assertEquals("9876543210", send.params().get("mobileNumber")),
                () -> assertEquals(CUSTOMER, send.params().get("customerId")),
                () -> assertEquals("SMSMCP", send.params().get("senderId")),
                () -> assertEquals(1, fake.sendPosts()));
    }

    @ParameterizedTest(name = "HTTP {0} responseCode {1} -> {3}")
    @CsvSource({
            "400, 400, BAD_REQUEST, OTHER",
            "409, 409, DUPLICATE_RESOURCE, OTHER",
            "400, 501, INVALID_CUSTOMER_ID, NOT_PERMITTED",
            "400, 505, INVALID_VERIFICATION_ID, OTHER",
            "400, 506, REQUEST_ALREADY_EXISTS, OTHER",
            "400, 511, INVALID_COUNTRY_CODE, NOT_PERMITTED",
            "400, 800, MAXIMUM_LIMIT_REACHED, THROTTLED",
            "429, 800, MAXIMUM_LIMIT_REACHED, THROTTLED",
            "429, 400, TOO_MANY_REQUESTS, THROTTLED",
            "402, 400, INSUFFICIENT_BALANCE, NOT_PERMITTED",
            "403, 400, ACCOUNT_SUSPENDED, NOT_PERMITTED",
            "500, 500, SERVER_ERROR, OTHER",
            "503, 800, MAXIMUM_LIMIT_REACHED, OTHER"})
    void aRefusalIsRejectedWithItsReasonAfterOnePost(int httpStatus, int code, String message, Reason reason) {
        fake.script(TO, MessageCentralScenario.refuse(httpStatus, code, message));

        GatewayException.Rejected rejected = assertThrows(GatewayException.Rejected.class,
                () -> gateway.create(text(TO, "hello"), TIMEOUT));

        assertAll(() -> assertEquals(httpStatus, rejected.httpStatus()),
                () -> assertEquals(reason, rejected.reason()),
                () -> assertEquals(Optional.of(code), rejected.code()),
                () -> assertEquals(Optional.of(message), rejected.providerMessage()),
                () -> assertEquals(httpStatus >= 500, rejected.serverError()),
                () -> assertEquals(1, fake.sendPosts()),
                () -> assertEquals(0, fake.sent().size()));
    }

    @Test
    void aSendRefusedWith401TwiceIsNotPermittedAfterExactlyOneNewToken() {
        fake.script(TO, MessageCentralScenario.refuse(401, 401, "UNAUTHORIZED"));

        GatewayException.Rejected rejected = assertThrows(GatewayException.Rejected.class,
                () -> gateway.create(text(TO, "hello"), TIMEOUT));

        assertEquals(Reason.NOT_PERMITTED, rejected.reason());
        assertEquals(2, fake.sendPosts());
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void oneTokenServesManySends() throws Exception {
        for (int i = 0; i < 5; i++) {
            gateway.create(text(TO, "message " + i), TIMEOUT);
        }

        assertEquals(1, fake.tokenRequests());
        assertEquals(5, fake.sent().size());
    }

    @Test
    void aTokenThatExpiresMidRunIsRenewedOnceAndTheSendGoesOutOnce() throws Exception {
        gateway.create(text(TO, "first"), TIMEOUT);
        fake.expireAllTokens();

        MessageRecord second = gateway.create(text(TO, "second"), TIMEOUT);

        assertEquals("474098", second.sid());
        assertEquals(2, fake.tokenRequests());
        assertEquals(List.of("first", "second"), fake.sent().stream().map(FakeMessageCentral.Send::message).toList());
        assertEquals(3, fake.sendPosts(), "the first, the refused second and its one repeat");
    }

    @Test
    void manySendsRefusedWithTheSameStaleTokenCauseOneNewToken() throws Exception {
        gateway.create(text(TO, "warm-up"), TIMEOUT);
        fake.expireAllTokens();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<MessageRecord>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "concurrent " + i;
                sends.add(() -> gateway.create(text(TO, body), TIMEOUT));
            }
            for (Future<MessageRecord> sent : pool.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2, fake.tokenRequests());
        assertEquals(9, fake.sent().size());
    }

    @ParameterizedTest
    @CsvSource({"C-WRONG, " + KEY, CUSTOMER + ", d3Jvbmc="})
    void refusedCredentialsAreNotPermittedAndNoSendIsPosted(String customerId, String key) {
        GatewayException.Rejected rejected = assertThrows(GatewayException.Rejected.class,
                () -> gateway(customerId, key, fake.baseUrl()).create(text(TO, "hello"), TIMEOUT));

        assertEquals(Reason.NOT_PERMITTED, rejected.reason());
        assertEquals(1, fake.tokenRequests());
        assertEquals(0, fake.sendPosts());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void aFailingTokenEndpointMeansNothingWasSent(int httpStatus) {
        fake.failTokens(httpStatus);

        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway.create(text(TO, "hello"), TIMEOUT));

        assertFalse(unreachable.requestMayHaveArrived());
        assertEquals(0, fake.sendPosts());
    }

    @Test
    void anUnreachableTokenEndpointMeansNothingWasSent() throws IOException {
        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway(CUSTOMER, KEY, "http://127.0.0.1:" + closedPort()).create(text(TO, "hello"), TIMEOUT));

        assertFalse(unreachable.requestMayHaveArrived());
    }

    @Test
    void anUnreachableSendEndpointMeansNothingWasSent() throws Exception {
        gateway.create(text(TO, "first, for a token"), TIMEOUT);
        fake.close();

        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway.create(text(TO, "second"), TIMEOUT));

        assertFalse(unreachable.requestMayHaveArrived());
        assertTrue(unreachable.getMessage().contains("connection refused"), unreachable::getMessage);
    }

    @Test
    void aTlsHandshakeThatFailsMeansNothingWasSent() {
        try (LoopbackPeer peer = LoopbackPeer.start(LoopbackPeer.plainHttpToAnything())) {
            GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                    () -> gateway(CUSTOMER, KEY, peer.url("https")).create(text(TO, "hello"), TIMEOUT));

            assertFalse(unreachable.requestMayHaveArrived());
        }
    }

    @Test
    void anAnswerLaterThanTheTimeoutMayHaveBeenSent() {
        fake.script(TO, MessageCentralScenario.answerLate(Duration.ofSeconds(30)));

        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway.create(text(TO, "hello"), Duration.ofSeconds(1)));

        assertTrue(unreachable.requestMayHaveArrived());
        assertEquals(1, fake.sendPosts());
    }

    @Test
    void aConnectionClosedAfterTheRequestMayHaveBeenSent() {
        fake.script(TO, MessageCentralScenario.hangUp());

        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway.create(text(TO, "hello"), TIMEOUT));

        assertTrue(unreachable.requestMayHaveArrived());
        assertEquals(1, fake.sendPosts());
    }

    @Test
    void aSuccessWhoseBodyCannotBeReadMayHaveBeenSent() {
        fake.script(TO, MessageCentralScenario.garbled());

        GatewayException.Unreachable unreachable = assertThrows(GatewayException.Unreachable.class,
                () -> gateway.create(text(TO, "hello"), TIMEOUT));

        assertTrue(unreachable.requestMayHaveArrived());
        assertEquals(1, fake.sendPosts());
    }

    @Test
    void aMessageWithMediaIsRefusedWithoutAnyRequest() {
        OutgoingMessage mms = new OutgoingMessage(new PhoneNumber(TO), Optional.of(new PhoneNumber("+15005550006")),
                Optional.empty(), "look", List.of(URI.create("https://example.com/a.png")), Optional.empty());

        GatewayException.Rejected rejected = assertThrows(GatewayException.Rejected.class,
                () -> gateway.create(mms, TIMEOUT));

        assertEquals(Reason.NOT_PERMITTED, rejected.reason());
        assertEquals(0, fake.tokenRequests());
        assertEquals(0, fake.sendPosts());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a & b = c? d#e%20f+g/h\\ 'quoted' \"double\" <tag>",
            "line one\r\nline two\ttabbed\u0000nul\u001b[31mred",
            "emoji 😀 and accents çé and RTL \u202Eevil",
            "&customerId=C-OTHER&mobileNumber=1"})
    void theTextArrivesIntact(String body) throws Exception {
        gateway.create(text(TO, body), TIMEOUT);

        assertEquals(body, fake.sent().get(0).message());
        assertEquals(CUSTOMER, fake.sent().get(0).params().get("customerId"));
        assertEquals("9876543210", fake.sent().get(0).params().get("mobileNumber"));
    }

    @Test
    void aLongTextArrivesIntact() throws Exception {
        String body = "😀".repeat(800) + "x".repeat(800);

        MessageRecord record = gateway.create(text(TO, body), TIMEOUT);

        assertEquals(body, fake.sent().get(0).message());
        assertEquals(Optional.of(Segments.count(body).segments()), record.segments());
    }

    @Test
    void noFailureNamesTheKeyOrAToken() throws Exception {
        gateway.create(text(TO, "for a token"), TIMEOUT);
        fake.script(TO, MessageCentralScenario.refuse(400, 400, "echo " + KEY + " " + fake.issuedTokens().get(0)));
        List<Throwable> failures = new ArrayList<>();
        failures.add(assertThrows(GatewayException.class, () -> gateway.create(text(TO, "x"), TIMEOUT)));
        failures.add(assertThrows(GatewayException.class,
                () -> gateway(CUSTOMER, "d3Jvbmc=", fake.baseUrl()).create(text(TO, "x"), TIMEOUT)));
        fake.failTokens(503);
        failures.add(assertThrows(GatewayException.class,
                () -> gateway(CUSTOMER, KEY, fake.baseUrl()).create(text(TO, "x"), TIMEOUT)));
        failures.add(assertThrows(GatewayException.class,
                () -> gateway(CUSTOMER, KEY, "http://127.0.0.1:" + closedPort()).create(text(TO, "x"), TIMEOUT)));

        List<String> secrets = new ArrayList<>(fake.issuedTokens());
        secrets.add(KEY);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                for (String secret : secrets) {
                    String text = t + " " + t.getMessage();
                    assertFalse(text.contains(secret), text);
                }
            }
        }
        assertFalse(gateway.toString().contains(KEY));
    }

    @Test
    void statusListsAndInboundAreNotOffered() {
        PhoneNumber to = new PhoneNumber(TO);

        assertAll(
                () -> assertFalse(assertThrows(GatewayException.Unreachable.class,
                        () -> gateway.fetch("474097", TIMEOUT)).requestMayHaveArrived()),
                () -> assertFalse(assertThrows(GatewayException.Unreachable.class,
                        () -> gateway.sentTo(to, NOW, 10, TIMEOUT)).requestMayHaveArrived()),
                () -> assertTrue(assertThrows(GatewayException.Unreachable.class,
                        () -> gateway.inbound(List.of(), Optional.empty(), NOW, 10, TIMEOUT)).getMessage()
                        .contains("Twilio")),
                () -> assertEquals(List.of(), gateway.mediaUrls("474097", TIMEOUT)),
                () -> assertFalse(gateway.simulated()),
                () -> assertEquals("messagecentral", gateway.provider().name()),
                () -> assertFalse(gateway.provider().reportsDelivery()),
                () -> assertEquals(0, fake.tokenRequests() + fake.sendPosts()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }
}

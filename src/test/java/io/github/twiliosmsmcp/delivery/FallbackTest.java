package io.github.twiliosmsmcp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A route with a fallback, in-process: the send moves on only when the first provider certainly did
 * not accept it, each move is in the journal, and no outcome makes both providers create it.
 */
class FallbackTest {
    private static final String TO = "+14155550100";

    @TempDir
    Path folder;
    private LocalCore core;
    private Database database;
    private SendService sender;

    @BeforeEach
    void wire() {
        core = new LocalCore(folder, Instant.parse("2026-12-02T12:00:00Z"));
        database = core.database();
        sender = core.sender(new Route(core.gateway, Optional.of(core.second)), core.settings(Map.of()), database,
                Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        core.close();
    }

    private SendReport send(String text) {
        return sender.send(new SendRequest(SendRequest.Kind.SMS, TO, Optional.empty(), text, List.of(),
                Optional.empty(), Optional.empty()), Progress.NONE);
    }

    static Stream<Arguments> certainRefusals() {
        return Stream.of(
                Arguments.of("credentials refused", List.of(FakeGateway.rejects(401, 20003))),
                Arguments.of("account not active", List.of(FakeGateway.rejects(401, 10001))),
                Arguments.of("country not enabled", List.of(FakeGateway.rejects(400, 21408))),
                Arguments.of("sender not valid for the route", List.of(FakeGateway.rejects(400, 21606))),
                Arguments.of("trial account", List.of(FakeGateway.rejects(400, 21608))),
                Arguments.of("no route between the numbers", List.of(FakeGateway.rejects(400, 21612))),
                Arguments.of("429 through every retry", List.of(FakeGateway.rejects(429, null),
                        FakeGateway.rejects(429, null), FakeGateway.rejects(429, null))),
                Arguments.of("no connection", List.of(FakeGateway.unreachable(false))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("certainRefusals")
    void aCertainRefusalMovesOnOnceAndTheSecondProviderDelivers(String what, List<FakeGateway.CreateAnswer> first)
            throws Exception {
        first.forEach(core.gateway::then);
        core.second.then(FakeGateway.accepts(MessageStatus.QUEUED, MessageStatus.DELIVERED));

        SendReport report = send("Your table is ready (" + what + ")");

        assertEquals(Outcome.DELIVERED, report.outcome(), report.summary());
        assertEquals(first.size(), core.gateway.creates().size(), "the first provider was asked, and only retried on 429");
        assertEquals(1, core.second.creates().size());
        assertEquals("second", report.provider().orElseThrow().name());
        assertEquals(1, report.movedOn().size());
        assertEquals("fake", report.movedOn().get(0).provider());
        assertTrue(report.summary().contains("so it went to Second instead"), report.summary());
        SqlSendJournal journal = new SqlSendJournal(database);
        PastSend recorded = journal.byMessageId("AC1", report.sid().orElseThrow()).orElseThrow();
        assertEquals("second", recorded.provider());
        assertEquals(report.movedOn(), journal.movedOn(recorded.id()));
    }

    static Stream<Arguments> noFallback() {
        return Stream.of(
                Arguments.of("timeout or reset after the request was written", FakeGateway.unreachable(true),
                        Outcome.UNKNOWN, "the request may have reached Twilio"),
                Arguments.of("server error", FakeGateway.rejects(500, null), Outcome.UNKNOWN,
                        "the request may have reached Twilio"),
                Arguments.of("bad gateway", FakeGateway.rejects(502, null), Outcome.UNKNOWN,
                        "the request may have reached Twilio"),
                Arguments.of("the recipient opted out", FakeGateway.rejects(400, 21610), Outcome.REFUSED_BY_TWILIO,
                        "about the message or its recipient"),
                Arguments.of("not a valid number", FakeGateway.rejects(400, 21211), Outcome.REFUSED_BY_TWILIO,
                        "about the message or its recipient"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("noFallback")
    void anUncertainOrRecipientOutcomeNeverMovesOn(String what, FakeGateway.CreateAnswer first, Outcome outcome,
            String why) {
        core.gateway.then(first);

        SendReport report = send("Hello (" + what + ")");

        assertEquals(outcome, report.outcome(), report.summary());
        assertEquals(0, core.second.creates().size(), "the fallback was not asked");
        assertTrue(report.summary().contains("NOT tried through Second, because"), report.summary());
        assertTrue(report.summary().contains(why), report.summary());
        assertEquals(List.of(), report.movedOn());
    }

    @Test
    void aMoveTheStoreCannotRecordIsNotMade() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + core.file())) {
            // Another process takes the file's write lock while the first provider refuses the route.
            core.gateway.beforeCreate(() -> {
                try (Statement s = other.createStatement()) {
                    s.execute("BEGIN EXCLUSIVE");
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            }).then(FakeGateway.rejects(400, 21408));

            SendReport report = send("Not moved");

            assertEquals(Outcome.REFUSED_BY_TWILIO, report.outcome(), report.summary());
            assertTrue(report.summary().contains("NOT tried through Second, because the move could not be recorded"),
                    report.summary());
            assertEquals(0, core.second.creates().size(), "no provider was asked without the store knowing");
        }
    }

    @Test
    void bothProvidersUnreachableIsOneClearNotSent() {
        core.gateway.then(FakeGateway.unreachable(false));
        core.second.then(FakeGateway.unreachable(false));

        SendReport report = send("Both down");

        assertEquals(Outcome.PROVIDER_UNREACHABLE, report.outcome(), report.summary());
        assertEquals(Boolean.FALSE, report.outcome().accepted());
        assertTrue(report.summary().startsWith("Twilio could not be reached"), report.summary());
        assertTrue(report.summary().contains("the request never reached Second"), report.summary());
        assertEquals(1, report.movedOn().size());
    }

    @Test
    void aSecondProviderWhoseAnswerIsLostBlocksTheRepeatAndIsAskedNotTheFirst() {
        core.gateway.then(FakeGateway.rejects(400, 21408));
        core.second.then(FakeGateway.unreachable(true));

        SendReport first = send("Lost answer");
        core.clock.advance(RepeatedSend.ABANDONED_AFTER.plusSeconds(1));
        SendReport again = send("Lost answer");

        assertEquals(Outcome.UNKNOWN, first.outcome(), first.summary());
        assertEquals(Outcome.NOT_SENT_AGAIN, again.outcome(), again.summary());
        assertTrue(again.summary().contains("Second's message list does not show it"), again.summary());
        assertEquals(1, core.gateway.creates().size());
        assertEquals(1, core.second.creates().size());
    }

    @Test
    void aRepeatOfADeliveredFallbackSendIsAlreadySentThroughTheSecondProvider() {
        core.gateway.then(FakeGateway.rejects(401, 20003));
        core.second.then(FakeGateway.accepts(MessageStatus.DELIVERED));

        SendReport first = send("Once only");
        SendReport again = send("Once only");

        assertEquals(Outcome.DELIVERED, first.outcome(), first.summary());
        assertEquals(Outcome.ALREADY_SENT, again.outcome(), again.summary());
        assertTrue(again.summary().contains("through Second"), again.summary());
        assertEquals("second", again.provider().orElseThrow().name());
        assertEquals(1, core.gateway.creates().size());
        assertEquals(1, core.second.creates().size());
    }

    @Test
    void theBudgetCountsTheEstimateOfTheProviderThatTookIt() throws Exception {
        core.gateway.then(FakeGateway.rejects(401, 20003));
        core.second.then(FakeGateway.accepts(MessageStatus.DELIVERED));

        send("Counted once");

        assertEquals(1, sender.recentCharges().size());
    }
}

package io.github.twiliosmsmcp.delivery;

import static io.github.twiliosmsmcp.sms.FakeGateway.accepts;
import static io.github.twiliosmsmcp.sms.FakeGateway.acceptsThenFails;
import static io.github.twiliosmsmcp.sms.FakeGateway.rejects;
import static io.github.twiliosmsmcp.sms.FakeGateway.unreachable;
import static io.github.twiliosmsmcp.sms.MessageStatus.CANCELED;
import static io.github.twiliosmsmcp.sms.MessageStatus.DELIVERED;
import static io.github.twiliosmsmcp.sms.MessageStatus.FAILED;
import static io.github.twiliosmsmcp.sms.MessageStatus.QUEUED;
import static io.github.twiliosmsmcp.sms.MessageStatus.SENDING;
import static io.github.twiliosmsmcp.sms.MessageStatus.SENT;
import static io.github.twiliosmsmcp.sms.MessageStatus.UNDELIVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The send sequence in-process, against a scripted gateway and a journal on a real SQLite file:
 * every outcome of the create call, then every status path, and what a second identical call does
 * after each (the send-once rule). Waiting moves a clock instead of taking time.
 */
class SendServiceTest {
    private static final String TO = "+14155552671";
    private static final Duration STATUS_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
        return true;
    };
    private FakeGateway gateway;
    private Database database;
    private SendService service;

    @BeforeEach
    void wire() {
        gateway = new FakeGateway(clock);
        database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock, Duration.ofDays(90));
        service = service(sleeper);
    }

    private SendService service(Sleeper waits) {
        return service(waits, Optional.empty());
    }

    private SendService service(Sleeper waits, Optional<URI> statusCallback) {
        PhoneNumberParser parser = new PhoneNumberParser("US");
        Settings settings = Settings.load(new Environment(Map.of("SMS_QUIET_HOURS", "off",
                "SMS_MAX_PER_RECIPIENT_PER_HOUR", "1000", "SMS_MAX_PER_HOUR", "1000", "SMS_MAX_PER_DAY", "1000")));
        return new SendService(Route.of(gateway), new Senders(List.of(((ParsedNumber.Valid) parser.parse("+16502530000")).number()),
                Optional.empty()), parser, new SendLimits(STATUS_WAIT, 10, Duration.ofMinutes(10)),
                new SqlSendJournal(database), new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()), "AC1",
                statusCallback, clock, waits, Telemetry.NONE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static SendRequest sms(String text) {
        return new SendRequest(SendRequest.Kind.SMS, TO, Optional.empty(), text, List.of(), Optional.empty(),
                Optional.empty());
    }

    private SendReport send(String text) {
        return service.send(sms(text), Progress.NONE);
    }

    static Stream<Arguments> createOutcomes() {
        return Stream.of(
                // what the create calls answer, outcome, creates, a second identical call's outcome, creates by then
                Arguments.of("accepted", List.of(accepts(QUEUED, DELIVERED)), Outcome.DELIVERED, 1, Outcome.ALREADY_SENT, 1),
                Arguments.of("refused, code 21211", List.of(rejects(400, 21211)), Outcome.REFUSED_BY_TWILIO, 1, Outcome.DELIVERED, 2),
                Arguments.of("refused, no code", List.of(rejects(400, null)), Outcome.REFUSED_BY_TWILIO, 1, Outcome.DELIVERED, 2),
                Arguments.of("refused, recipient opted out", List.of(rejects(400, 21610)), Outcome.REFUSED_BY_TWILIO, 1,
                        Outcome.REFUSED_BY_POLICY, 1),
                Arguments.of("server error 500", List.of(rejects(500, null)), Outcome.UNKNOWN, 1, Outcome.NOT_SENT_AGAIN, 1),
                Arguments.of("server error 503", List.of(rejects(503, 20500)), Outcome.UNKNOWN, 1, Outcome.NOT_SENT_AGAIN, 1),
                Arguments.of("429, then accepted", List.of(rejects(429, 20429), accepts(DELIVERED)), Outcome.DELIVERED, 2,
                        Outcome.ALREADY_SENT, 2),
                Arguments.of("429 three times", List.of(rejects(429, 20429), rejects(429, 20429), rejects(429, 20429)),
                        Outcome.REFUSED_BY_TWILIO, 3, Outcome.DELIVERED, 4),
                Arguments.of("no connection", List.of(unreachable(false)), Outcome.TWILIO_UNREACHABLE, 1, Outcome.DELIVERED, 2),
                Arguments.of("no answer after the request left", List.of(unreachable(true)), Outcome.UNKNOWN, 1,
                        Outcome.NOT_SENT_AGAIN, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void createOutcomes(String name, List<FakeGateway.CreateAnswer> answers, Outcome outcome, int creates,
            Outcome again, int createsAfterAgain) {
        answers.forEach(gateway::then);

        SendReport first = send("Your appointment is at 3pm.");
        assertEquals(outcome, first.outcome(), first.summary());
        assertEquals(creates, gateway.creates().size());
        assertTrue(first.summary().length() > 20, "the answer explains itself: " + first.summary());

        SendReport second = send("Your appointment is at 3pm.");
        assertEquals(again, second.outcome(), second.summary());
        assertEquals(createsAfterAgain, gateway.creates().size(), "creates after the second call");
    }

    @Test
    void rateLimitedRetriesBackOffOneThenTwoSecondsAndStayInsideTheCreateBudget() {
        gateway.then(rejects(429, 20429)).then(rejects(429, 20429)).then(rejects(429, 20429));

        SendReport report = send("hello");

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
        assertEquals(Optional.of(20429), report.errorCode());
    }

    static Stream<Arguments> statusPaths() {
        return Stream.of(
                // statuses the provider gives, one per look, the outcome, its error code
                Arguments.of(List.of(QUEUED, SENDING, SENT, DELIVERED), Outcome.DELIVERED, Optional.empty()),
                Arguments.of(List.of(DELIVERED), Outcome.DELIVERED, Optional.empty()),
                Arguments.of(List.of(QUEUED, SENT, UNDELIVERED), Outcome.UNDELIVERED, Optional.of(30003)),
                Arguments.of(List.of(QUEUED, FAILED), Outcome.FAILED, Optional.of(30003)),
                Arguments.of(List.of(QUEUED, SENT), Outcome.SENT_UNCONFIRMED, Optional.empty()),
                Arguments.of(List.of(QUEUED), Outcome.PENDING, Optional.empty()),
                Arguments.of(List.of(QUEUED, CANCELED), Outcome.CANCELED, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void statusPaths(List<MessageStatus> statuses, Outcome outcome, Optional<Integer> error)
            throws Exception {
        Instant start = clock.instant();
        gateway.then(acceptsThenFails(30003, statuses.toArray(MessageStatus[]::new)));

        SendReport report = send("Your code is 4411");

        assertEquals(outcome, report.outcome(), report.summary());
        assertEquals(error, report.errorCode());
        assertFalse(Duration.between(start, clock.instant()).compareTo(STATUS_WAIT) > 0,
                "the wait ends by SMS_STATUS_WAIT_SECONDS: " + Duration.between(start, clock.instant()));
        PastSend recorded = new SqlSendJournal(database).byMessageId("AC1", report.sid().orElseThrow()).orElseThrow();
        assertEquals(Optional.of(statuses.get(statuses.size() - 1)), recorded.status(), "the journal knows the last status");
    }

    @Test
    void aStatusTheJournalRecordsMeanwhileEndsTheWaitWithinATick() {
        Instant start = clock.instant();
        Duration callbackAfter = Duration.ofMillis(1600);
        SendService watched = service(duration -> {
            clock.advance(duration);
            if (!clock.instant().isBefore(start.plus(callbackAfter))) {
                // As the webhook service does with a status callback, while the send waits.
                statusCallback(DELIVERED);
            }
            return true;
        });
        gateway.then(accepts(QUEUED, SENT));

        SendReport report = watched.send(sms("hello"), Progress.NONE);

        assertEquals(Outcome.DELIVERED, report.outcome(), report.summary());
        Duration waited = Duration.between(start, clock.instant());
        assertTrue(waited.compareTo(callbackAfter.plus(StatusPoller.JOURNAL_TICK)) <= 0, "ended at " + waited);
        assertEquals(2, gateway.fetches(), "the provider was asked at 0.5 s and 1.25 s, and not after the callback");
    }

    @Test
    void aJournalStatusThatIsNotLaterChangesNothing() {
        SendService watched = service(duration -> {
            clock.advance(duration);
            statusCallback(QUEUED);
            return true;
        });
        gateway.then(accepts(QUEUED, SENT));

        SendReport report = watched.send(sms("hello"), Progress.NONE);

        assertEquals(Outcome.SENT_UNCONFIRMED, report.outcome(), report.summary());
    }

    /** What the webhook service records for the first message the fake gateway accepted. */
    private void statusCallback(MessageStatus status) {
        try {
            new SqlSendJournal(database).reported("AC1", "SM" + String.format("%032x", 1), status, Optional.empty());
        } catch (StoreUnavailable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everySendNamesTheStatusCallbackWhenOneIsSet() {
        URI callback = URI.create("https://sms.example.com/twilio/status");
        SendService withCallback = service(sleeper, Optional.of(callback));

        withCallback.send(sms("hello"), Progress.NONE);
        send("hello again");

        assertEquals(List.of(Optional.of(callback), Optional.empty()),
                gateway.creates().stream().map(OutgoingMessage::statusCallback).toList());
    }

    @Test
    void aStatusLookThatFailsOnlyMeansLessIsKnown() {
        gateway.then(accepts(QUEUED, SENT, DELIVERED)).failFetches(2);

        SendReport report = send("hello");

        assertEquals(Outcome.DELIVERED, report.outcome(), report.summary());
        assertEquals(4, gateway.fetches());
    }

    @Test
    void aServerThatIsStoppingAnswersAtOnceWithTheStatusKnownSoFar() {
        SendService stopping = service(duration -> false);
        gateway.then(accepts(QUEUED, SENT, DELIVERED));

        SendReport report = stopping.send(sms("bye"), Progress.NONE);

        assertEquals(Outcome.PENDING, report.outcome(), report.summary());
        assertEquals(1, gateway.creates().size());
        assertEquals(0, gateway.fetches());
    }
}

package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlServicePresence;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** receive_sms in-process: a scripted provider, the inbox on a real SQLite file, and a clock that waits for nothing. */
class ReceiveServiceTest {
    private static final String OURS = "+16502530000";
    private static final String PERSON = "+14155552671";

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final List<Runnable> duringWaits = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        clock.advance(duration);
        if (!duringWaits.isEmpty()) {
            duringWaits.remove(0).run();
        }
        return true;
    };
    private FakeGateway gateway;
    private Database database;
    private ReceiveService service;

    @BeforeEach
    void wire() {
        gateway = new FakeGateway(clock);
        database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock, Duration.ofDays(90));
        service = new ReceiveService(gateway, List.of(number(OURS)), new SqlInbox(database, "AC1"),
                new SqlServicePresence(database), "AC1", clock, sleeper, Telemetry.NONE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PhoneNumber number(String e164) {
        return ((ParsedNumber.Valid) new PhoneNumberParser("US").parse(e164)).number();
    }

    private ReceiveReport receive(Optional<String> contains, Duration wait) {
        return service.receive(new ReceiveQuery(Optional.of(number(PERSON)), contains,
                clock.instant().minus(Duration.ofDays(7)), 20, true, wait), Progress.NONE);
    }

    private static List<String> bodies(ReceiveReport report) {
        return report.messages().stream().map(MessageRecord::body).toList();
    }

    @Test
    void anUnreadMessageIsShownOnceThenNoMore() {
        gateway.receive(PERSON, OURS, "CONFIRM");

        assertEquals(List.of("CONFIRM"), bodies(receive(Optional.empty(), Duration.ZERO)));
        assertEquals(List.of(), bodies(receive(Optional.empty(), Duration.ZERO)));
    }

    @Test
    void aWaitEndsWithTheMessageThatArrivesDuringIt() {
        duringWaits.add(() -> { });
        duringWaits.add(() -> gateway.receive(PERSON, OURS, "Your code is 481516"));
        Instant start = clock.instant();

        ReceiveReport report = receive(Optional.empty(), Duration.ofSeconds(30));

        assertEquals(List.of("Your code is 481516"), bodies(report));
        assertEquals(3, gateway.inboundLooks());
        assertEquals(ReceiveReport.Mode.POLLING, report.mode());
        assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(30)) < 0);
    }

    @Test
    void aWaitForWordsSkipsMessagesWithoutThemAndEndsAtItsDeadline() {
        gateway.receive(PERSON, OURS, "hello there");
        Instant start = clock.instant();

        ReceiveReport report = receive(Optional.of("code"), Duration.ofSeconds(10));

        assertEquals(List.of(), bodies(report));
        Duration waited = Duration.between(start, clock.instant());
        assertTrue(waited.compareTo(Duration.ofSeconds(10)) >= 0 && waited.compareTo(Duration.ofSeconds(11)) <= 0,
                "waited " + waited);
        assertEquals(List.of("hello there"), bodies(receive(Optional.empty(), Duration.ZERO)),
                "the message without the words stays unread");
    }

    /** The webhook service of the account beats at {@code at}. */
    private void serviceBeat(Instant at) {
        try {
            new SqlServicePresence(database).beat("AC1", new ServicePresence.Beat(at, Optional.empty(), Optional.empty()));
        } catch (StoreUnavailable e) {
            throw new AssertionError(e);
        }
    }

    /** What the webhook service does with Twilio's inbound webhook: the message is stored, Twilio is not asked. */
    private Runnable webhook(String from, String to, String body) {
        return () -> {
            try {
                new SqlInbox(database, "AC1").remember(List.of(MessageRecord.builder(
                                "SM" + String.format("%032x", body.hashCode() & 0xffffff), MessageRecord.Direction.INBOUND,
                                MessageStatus.RECEIVED).from(from).to(to).body(body).dateSent(clock.instant())
                        .segments(Optional.of(1)).build()), ConsentReplies::changeFor);
            } catch (StoreUnavailable e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void withALiveServiceAWaitReadsTheInboxEveryTickAndNeverListsAgain() {
        serviceBeat(clock.instant());
        for (int i = 0; i < 7; i++) {
            duringWaits.add(() -> { });
        }
        duringWaits.add(webhook("+14155550999", OURS, "Your code is 111111"));
        duringWaits.add(webhook(PERSON, "+16502539999", "Your code is 222222"));
        duringWaits.add(webhook(PERSON, OURS, "Your code is 481516"));
        Instant start = clock.instant();

        ReceiveReport report = receive(Optional.of("code"), Duration.ofSeconds(30));

        assertEquals(List.of("Your code is 481516"), bodies(report), "only the match to our number from them");
        assertEquals(ReceiveReport.Mode.WEBHOOK, report.mode());
        assertEquals(1, gateway.inboundLooks(), "Twilio was listed once, before the wait");
        assertEquals(ReceiveService.INBOX_TICK.multipliedBy(10), Duration.between(start, clock.instant()),
                "the message was read at the tick it was stored in");
        assertEquals(List.of(), bodies(receive(Optional.of("code"), Duration.ZERO)), "and it counts as read");
    }

    @Test
    void aMessageListedBeforeTheWaitStillCountsInWebhookMode() {
        serviceBeat(clock.instant());
        gateway.receive(PERSON, OURS, "seen before");
        assertEquals(List.of("seen before"), bodies(receive(Optional.empty(), Duration.ZERO)));
        duringWaits.add(webhook(PERSON, OURS, "new one"));

        ReceiveReport report = service.receive(new ReceiveQuery(Optional.of(number(PERSON)), Optional.empty(),
                clock.instant().minus(Duration.ofDays(7)), 20, false, Duration.ofSeconds(5)), Progress.NONE);

        assertEquals(List.of("new one", "seen before"), bodies(report), "all of the range, newest first");
        assertEquals(ReceiveReport.Mode.WEBHOOK, report.mode());
    }

    @Test
    void withoutALiveServiceTheWaitPollsTwilioAsBefore() {
        serviceBeat(clock.instant().minus(ServicePresence.Beat.LIVE_FOR).minusSeconds(1));
        duringWaits.add(webhook(PERSON, OURS, "stored, but nobody said so"));
        duringWaits.add(() -> gateway.receive(PERSON, OURS, "Your code is 481516"));

        ReceiveReport report = receive(Optional.of("481516"), Duration.ofSeconds(30));

        assertEquals(List.of("Your code is 481516"), bodies(report));
        assertEquals(ReceiveReport.Mode.POLLING, report.mode());
        assertEquals(3, gateway.inboundLooks());
    }

    @Test
    void aServerThatIsStoppingEndsTheWaitAtOnce() {
        ReceiveService stopping = new ReceiveService(gateway, List.of(number(OURS)), new SqlInbox(database, "AC1"),
                new SqlServicePresence(database), "AC1", clock, duration -> false, Telemetry.NONE);

        ReceiveReport report = stopping.receive(new ReceiveQuery(Optional.of(number(PERSON)), Optional.empty(),
                clock.instant().minus(Duration.ofDays(1)), 20, true, Duration.ofSeconds(45)), Progress.NONE);

        assertEquals(List.of(), bodies(report));
        assertEquals(1, gateway.inboundLooks());
    }
}

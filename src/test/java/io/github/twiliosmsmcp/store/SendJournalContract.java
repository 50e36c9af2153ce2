package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.delivery.PastSend;
import io.github.twiliosmsmcp.delivery.ProviderAttempt;
import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.delivery.SendJournal.Claim;
import io.github.twiliosmsmcp.delivery.SendJournal.Fresh;
import io.github.twiliosmsmcp.delivery.SendJournal.Repeat;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Facts;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link SendJournal} must do, whatever stores it. A store runs this by subclassing it
 * (see {@link SqliteSendJournalTest}).
 */
public abstract class SendJournalContract extends StoreContract {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final SendIntent.Owner OWNER =
            new SendIntent.Owner("host-a", 4242, Instant.parse("2026-11-21T08:59:58.123Z"));

    private SendJournal journal;

    @BeforeEach
    void openJournal() {
        journal = open().journal();
    }

    private static final SendJournal.Gate ALLOW = facts -> new Decision.Allowed(new BigDecimal("0.0083"));

    private SendIntent intent(String account, String to, String body, List<String> media, Optional<String> key) {
        return intent(account, to, body, media, key, WINDOW);
    }

    private SendIntent intent(String account, String to, String body, List<String> media, Optional<String> key,
            Duration window) {
        return new SendIntent(account, "twilio", to, "+15005550006", body, media, key, clock.instant(), window, OWNER,
                new BigDecimal("0.0083"), false, Optional.empty());
    }

    private static SendIntent through(String provider, SendIntent i) {
        return new SendIntent(i.account(), provider, i.to(), i.sender(), i.body(), i.mediaUrls(), i.idempotencyKey(),
                i.at(), i.window(), i.owner(), i.estimatedUsd(), i.dryRun(), i.inReplyTo());
    }

    private SendIntent hello() {
        return hello(WINDOW);
    }

    private SendIntent hello(Duration window) {
        return intent("AC1", "+14155552671", "Hello", List.of(), Optional.empty(), window);
    }

    private long fresh(SendIntent intent) throws Exception {
        return assertInstanceOf(Fresh.class, journal.claim(intent, ALLOW)).id();
    }

    private PastSend repeat(SendIntent intent) throws Exception {
        return assertInstanceOf(Repeat.class, journal.claim(intent, ALLOW)).earlier();
    }

    private static MessageRecord accepted(String sid, MessageStatus status, Optional<Integer> errorCode) {
        return MessageRecord.builder(sid, MessageRecord.Direction.OUTBOUND, status).from("+15005550006")
                .to("+14155552671").body("Hello").dateSent(START).segments(Optional.of(1)).errorCode(errorCode).build();
    }

    @Test
    void sameMessageWithinTheWindowRepeats() throws Exception {
        long id = fresh(hello());
        clock.advance(WINDOW.minusSeconds(1));

        PastSend earlier = repeat(hello());

        assertEquals(id, earlier.id());
        assertEquals(PastSend.State.PENDING, earlier.state());
        assertEquals(Optional.of("Hello"), earlier.body());
        assertEquals(START, earlier.at());
        assertEquals(hello().messageKey(), earlier.messageKey());
    }

    @Test
    void aMoveToTheFallbackIsKeptAndTheIntentNowNamesItsProviderAndEstimate() throws Exception {
        long id = fresh(hello());
        ProviderAttempt refused = new ProviderAttempt("twilio", "Twilio refused it with error 21408: not enabled");

        journal.movedOn(id, refused, "messagecentral", new BigDecimal("0.0030"));
        PastSend pending = repeat(hello());
        journal.accepted(id, MessageRecord.builder("474097", MessageRecord.Direction.OUTBOUND, MessageStatus.SENT)
                .from("TABLES").to("+14155552671").body("Hello").dateSent(START).build());

        assertEquals("messagecentral", pending.provider(), "a process that dies now is reconciled against it");
        assertEquals(PastSend.State.PENDING, pending.state());
        assertEquals(List.of(refused), journal.movedOn(id));
        PastSend sent = journal.byMessageId("AC1", "474097").orElseThrow();
        assertEquals("messagecentral", sent.provider());
        assertEquals("TABLES", sent.sender(), "the sender the accepting provider named");
        assertEquals(List.of(new BigDecimal("0.0030")), journal.charges("AC1", START.minusSeconds(1), false).stream()
                .map(Charge::usd).toList(), "the budget counts the fallback's estimate, once");
        assertEquals(List.of("messagecentral"), journal.charges("AC1", START.minusSeconds(1), false).stream()
                .map(Charge::provider).toList());
    }

    @Test
    void movesAreKeptInOrderAndOnlyAPendingIntentChangesProvider() throws Exception {
        long id = fresh(hello());
        ProviderAttempt first = new ProviderAttempt("twilio", "first");
        ProviderAttempt late = new ProviderAttempt("messagecentral", "too late");

        journal.movedOn(id, first, "messagecentral", BigDecimal.ONE);
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));
        journal.movedOn(id, late, "twilio", BigDecimal.TEN);

        assertEquals(List.of(first, late), journal.movedOn(id));
        assertEquals("messagecentral", journal.byMessageId("AC1", "SM1").orElseThrow().provider(),
                "an accepted send stays with the provider that has it");
        assertEquals(List.of(), journal.movedOn(id + 1000), "a send that never moved");
    }

    @Test
    void sameMessageAfterTheWindowIsFresh() throws Exception {
        long first = fresh(hello());
        journal.accepted(first, accepted("SM1", MessageStatus.DELIVERED, Optional.empty()));
        clock.advance(WINDOW.plusMillis(1));

        long second = fresh(hello());

        assertNotEquals(first, second);
    }

    /**
     * SMS_DEDUPE_WINDOW is about repeats of finished sends. One that may have gone out without anyone
     * knowing (pending: its process may have died mid-call; unknown: no usable answer) blocks its twin
     * for 24 h after the attempt, or for the window if that is longer, whatever the window says.
     */
    @ParameterizedTest(name = "window {0}, earlier {1}, twin {2} later: {3}")
    @CsvSource({
            "PT0S,   PENDING,  PT0.001S,       repeat",
            "PT0S,   UNKNOWN,  PT0.001S,       repeat",
            "PT1S,   PENDING,  PT1M,           repeat",
            "PT1S,   UNKNOWN,  PT1M,           repeat",
            "PT0S,   UNKNOWN,  PT23H59M59S,    repeat",
            "PT10M,  PENDING,  PT11M,          repeat",
            "PT10M,  UNKNOWN,  PT23H59M59S,    repeat",
            "PT0S,   UNKNOWN,  PT24H0.001S,    fresh",
            "PT10M,  PENDING,  PT24H0.001S,    fresh",
            "P2D,    UNKNOWN,  PT36H,          repeat",
            "P2D,    UNKNOWN,  PT48H0.001S,    fresh",
            "PT0S,   ACCEPTED, PT0.001S,       fresh",
            "PT1S,   ACCEPTED, PT1M,           fresh",
            "PT10M,  ACCEPTED, PT9M,           repeat",
            "PT10M,  ACCEPTED, PT10M0.001S,    fresh"})
    void anUncertainSendBlocksItsTwinWhateverTheWindow(Duration window, PastSend.State earlier, Duration later,
            String expected) throws Exception {
        long id = fresh(hello(window));
        switch (earlier) {
            case UNKNOWN -> journal.unknown(id, "HTTP 500");
            case ACCEPTED -> journal.accepted(id, accepted("SM1", MessageStatus.DELIVERED, Optional.empty()));
            default -> { }
        }
        clock.advance(later);

        Claim twin = journal.claim(hello(window), ALLOW);

        assertEquals(expected, twin instanceof Repeat ? "repeat" : "fresh");
        if (twin instanceof Repeat repeat) {
            assertEquals(id, repeat.earlier().id());
        }
    }

    @Test
    void notSentDoesNotBlockTheNextSend() throws Exception {
        long id = fresh(hello());
        journal.notSent(id, "Twilio refused it with error 21610");

        fresh(hello());
    }

    @Test
    void unknownKeepsBlocking() throws Exception {
        long id = fresh(hello());
        journal.unknown(id, "HTTP 503");
        clock.advance(Duration.ofMinutes(5));

        PastSend earlier = repeat(hello());

        assertEquals(id, earlier.id());
        assertEquals(PastSend.State.UNKNOWN, earlier.state());
    }

    @Test
    void repeatFindsTheNewestSendThatMayHaveGoneOut() throws Exception {
        long accepted = fresh(hello());
        journal.accepted(accepted, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));
        clock.advance(WINDOW.plusSeconds(1));
        long notSent = fresh(hello());
        journal.notSent(notSent, "no connection");
        long unknown = fresh(hello());
        journal.unknown(unknown, "timeout");
        clock.advance(Duration.ofSeconds(1));

        assertEquals(unknown, repeat(hello()).id());
    }

    @Test
    void idempotencyKeyIsHonouredForeverWhateverTheContent() throws Exception {
        long id = fresh(intent("AC1", "+14155552671", "Hello", List.of(), Optional.of("order-17")));
        journal.notSent(id, "no connection");
        clock.advance(Duration.ofDays(400));

        PastSend earlier = repeat(intent("AC1", "+14155550000", "Something else", List.of(), Optional.of("order-17")));

        assertEquals(id, earlier.id());
        assertEquals(PastSend.State.NOT_SENT, earlier.state());
        assertEquals(Optional.of("order-17"), earlier.idempotencyKey());
    }

    @Test
    void idempotencyKeyBelongsToItsAccount() throws Exception {
        long first = fresh(intent("AC1", "+14155552671", "Hello", List.of(), Optional.of("k")));

        long second = fresh(intent("AC2", "+14155552671", "Hello", List.of(), Optional.of("k")));

        assertNotEquals(first, second);
    }

    @Test
    void anyDifferenceInTheMessageIsFresh() throws Exception {
        fresh(hello());

        fresh(intent("AC2", "+14155552671", "Hello", List.of(), Optional.empty()));
        fresh(intent("AC1", "+14155550000", "Hello", List.of(), Optional.empty()));
        fresh(intent("AC1", "+14155552671", "Hello!", List.of(), Optional.empty()));
        fresh(intent("AC1", "+14155552671", "Hello", List.of("https://example.com/a.png"), Optional.empty()));
        fresh(intent("AC1", "+14155552671", "Hello", List.of("https://example.com/b.png"), Optional.empty()));
    }

    @Test
    void acceptedAndStatusRoundTrip() throws Exception {
        SendIntent mms = intent("AC1", "+14155552671", "Look", List.of("https://example.com/a.png"),
                Optional.of("key-1"));
        long id = fresh(mms);
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));

        PastSend queued = repeat(mms);
        assertEquals(PastSend.State.ACCEPTED, queued.state());
        assertEquals(Optional.of(MessageStatus.QUEUED), queued.status());
        assertEquals(Optional.empty(), queued.errorCode());

        journal.status(id, accepted("SM1", MessageStatus.UNDELIVERED, Optional.of(30003)));
        PastSend undelivered = repeat(mms);

        assertEquals(id, undelivered.id());
        assertEquals("+14155552671", undelivered.to());
        assertEquals("+15005550006", undelivered.sender());
        assertEquals(Optional.of("Look"), undelivered.body());
        assertEquals(1, undelivered.mediaCount());
        assertEquals(Optional.of("SM1"), undelivered.sid());
        assertEquals(Optional.of(MessageStatus.UNDELIVERED), undelivered.status());
        assertEquals(Optional.of(30003), undelivered.errorCode());
        assertEquals(Optional.of("key-1"), undelivered.idempotencyKey());
        assertEquals(mms.messageKey(), undelivered.messageKey());
    }

    // Reconciliation finds the message of an unknown send at Twilio: it was accepted after all.
    @Test
    void statusOfAnUnknownSendRecordsItsSidAndAcceptance() throws Exception {
        long id = fresh(hello());
        journal.unknown(id, "timeout");

        journal.status(id, accepted("SM9", MessageStatus.DELIVERED, Optional.empty()));

        PastSend found = repeat(hello());
        assertEquals(PastSend.State.ACCEPTED, found.state());
        assertEquals(Optional.of(MessageStatus.DELIVERED), found.status());
    }

    @Test
    void anAcceptedSendIsFoundByItsMessageIdWithItsLatestStatus() throws Exception {
        long id = fresh(hello());
        assertEquals(Optional.empty(), journal.byMessageId("AC1", "SM1"));
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));
        assertEquals(Optional.of(MessageStatus.QUEUED), journal.byMessageId("AC1", "SM1").orElseThrow().status());

        journal.status(id, accepted("SM1", MessageStatus.UNDELIVERED, Optional.of(30003)));

        PastSend found = journal.byMessageId("AC1", "SM1").orElseThrow();
        assertEquals(id, found.id());
        assertEquals(PastSend.State.ACCEPTED, found.state());
        assertEquals(Optional.of(MessageStatus.UNDELIVERED), found.status());
        assertEquals(Optional.of(30003), found.errorCode());
        assertEquals(Optional.of("Hello"), found.body());
    }

    // Reconciliation learns the message id of a send whose create call went unanswered.
    @Test
    void anUnknownSendIsFoundByTheMessageIdLearnedLater() throws Exception {
        long id = fresh(hello());
        journal.unknown(id, "timeout");

        journal.status(id, accepted("SM9", MessageStatus.DELIVERED, Optional.empty()));

        assertEquals(id, journal.byMessageId("AC1", "SM9").orElseThrow().id());
    }

    @Test
    void aMessageIdBelongsToItsAccount() throws Exception {
        long id = fresh(hello());
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));

        assertEquals(Optional.empty(), journal.byMessageId("AC2", "SM1"));
        assertEquals(Optional.empty(), journal.byMessageId("AC1", "SM2"));
    }

    @Test
    void theProviderOfEachSendIsStoredAndReadBack() throws Exception {
        long byTwilio = fresh(hello());
        SendIntent simulated = through("sandbox", intent("AC1", "+14155552671", "Hi", List.of(), Optional.empty()));
        fresh(simulated);
        journal.accepted(byTwilio, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));

        assertEquals("twilio", journal.byMessageId("AC1", "SM1").orElseThrow().provider());
        assertEquals("sandbox", repeat(simulated).provider());
    }

    /** The provider is not part of what makes a message the same: one message never goes out through two. */
    @Test
    void theSameMessageThroughAnotherProviderIsARepeat() throws Exception {
        long id = fresh(hello());

        PastSend earlier = repeat(through("messagecentral", hello()));

        assertEquals(id, earlier.id());
        assertEquals("twilio", earlier.provider());
    }

    /**
     * Status callbacks arrive late, repeated and out of order: whatever order the reports come in,
     * the send ends with the furthest status, and a final one is never taken back.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'queued,sending,sent,delivered',       delivered",
            "'delivered,sent',                      delivered",
            "'sent,delivered,queued,sending,sent',  delivered",
            "'undelivered,delivered',               undelivered",
            "'failed,failed,sent',                  failed",
            "'sent,sent,queued',                    sent",
            "'canceled,queued',                     canceled",
            "'delivered,read,delivered',            read",
            "'sending,some-new-status',             sending"})
    void reportedStatusesNeverGoBack(String reports, String expected) throws Exception {
        long id = fresh(hello());
        journal.accepted(id, accepted("SM1", MessageStatus.ACCEPTED, Optional.empty()));

        for (String report : reports.split(",")) {
            MessageStatus status = MessageStatus.of(report);
            journal.reported("AC1", "SM1", status, status == MessageStatus.UNDELIVERED ? Optional.of(30003) : Optional.empty());
        }

        PastSend found = journal.byMessageId("AC1", "SM1").orElseThrow();
        assertEquals(Optional.of(MessageStatus.of(expected)), found.status());
        assertEquals(expected.equals("undelivered") ? Optional.of(30003) : Optional.empty(), found.errorCode());
    }

    @Test
    void aReportSaysWhatItChanged() throws Exception {
        long id = fresh(hello());
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));

        assertEquals(SendJournal.Reported.RECORDED,
                journal.reported("AC1", "SM1", MessageStatus.UNDELIVERED, Optional.of(30003)));
        assertEquals(SendJournal.Reported.OUT_OF_DATE,
                journal.reported("AC1", "SM1", MessageStatus.UNDELIVERED, Optional.of(30003)));
        assertEquals(SendJournal.Reported.OUT_OF_DATE, journal.reported("AC1", "SM1", MessageStatus.SENT, Optional.empty()));
        assertEquals(SendJournal.Reported.NO_SUCH_SEND,
                journal.reported("AC1", "SM2", MessageStatus.DELIVERED, Optional.empty()));
        assertEquals(SendJournal.Reported.NO_SUCH_SEND,
                journal.reported("AC2", "SM1", MessageStatus.DELIVERED, Optional.empty()));
        assertEquals(Optional.of(MessageStatus.UNDELIVERED), journal.byMessageId("AC1", "SM1").orElseThrow().status());
    }

    // A poll that read "sent" just before a callback recorded "delivered" must not take the send back.
    @Test
    void aLatePollDoesNotUndoAReportedFinalStatus() throws Exception {
        long id = fresh(hello());
        journal.accepted(id, accepted("SM1", MessageStatus.QUEUED, Optional.empty()));
        journal.reported("AC1", "SM1", MessageStatus.UNDELIVERED, Optional.of(30003));

        journal.status(id, accepted("SM1", MessageStatus.SENT, Optional.empty()));

        PastSend found = journal.byMessageId("AC1", "SM1").orElseThrow();
        assertEquals(Optional.of(MessageStatus.UNDELIVERED), found.status());
        assertEquals(Optional.of(30003), found.errorCode());
    }

    // Two handles stand for the webhook service and a stdio server sharing one store.
    @Test
    void aStatusReportedByOneProcessIsSeenByAnother() throws Exception {
        long id = fresh(hello());
        journal.accepted(id, accepted("SM1", MessageStatus.SENT, Optional.empty()));

        open().journal().reported("AC1", "SM1", MessageStatus.DELIVERED, Optional.empty());

        assertEquals(Optional.of(MessageStatus.DELIVERED), journal.byMessageId("AC1", "SM1").orElseThrow().status());
    }

    @Test
    void ownerRoundTrips() throws Exception {
        fresh(hello());

        assertEquals(OWNER, repeat(hello()).owner());
    }

    @Test
    void journalSurvivesReopening() throws Exception {
        long id = fresh(hello());
        closeAll();
        journal = open().journal();

        assertEquals(id, repeat(hello()).id());
    }

    @Test
    void unknownIdIsACallerBug() {
        assertThrows(IllegalArgumentException.class, () -> journal.notSent(999, "nothing"));
    }

    // Two handles stand for two server processes sharing one store.
    @Test
    void racingClaimsFromTwoProcessesGiveExactlyOneFresh() throws Exception {
        List<SendJournal> journals = List.of(journal, open().journal());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                SendJournal journal = journals.get(i % 2);
                Callable<Claim> claim = () -> {
                    start.await();
                    return journal.claim(hello(), ALLOW);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();

            List<Long> freshIds = new ArrayList<>();
            List<Long> repeatedIds = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                Claim result = claim.get(60, TimeUnit.SECONDS);
                if (result instanceof Fresh f) {
                    freshIds.add(f.id());
                } else {
                    repeatedIds.add(((Repeat) result).earlier().id());
                }
            }
            assertEquals(1, freshIds.size(), "fresh claims: " + freshIds);
            assertEquals(15, repeatedIds.size());
            repeatedIds.forEach(id -> assertEquals(freshIds.get(0), id));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusingGateRecordsNothingAndSeesTheFactsOfTheTransaction() throws Exception {
        long first = fresh(hello());
        journal.accepted(first, MessageRecord.builder("SM" + "1".repeat(32), MessageRecord.Direction.OUTBOUND,
                        MessageStatus.DELIVERED).from("+15005550006").to("+14155552671").body("Hello")
                .dateSent(clock.instant()).segments(Optional.of(1)).price(Optional.of("-0.00790"))
                .priceUnit(Optional.of("USD")).build());
        journal.recipientOptedOut("AC1", "+14155552671", clock.instant(), "Twilio error 21610");
        List<Facts> seen = new ArrayList<>();
        Claim claim = journal.claim(intent("AC1", "+14155552671", "Another text", List.of(), Optional.empty()), facts -> {
            seen.add(facts);
            return new Decision.Refused("opted out", "+14155552671", "none", "test", Optional.empty());
        });
        assertInstanceOf(SendJournal.Refused.class, claim);
        Facts facts = seen.get(0);
        assertEquals(List.of(new Charge(clock.instant(), "+14155552671", new BigDecimal("0.00790"), "twilio")),
                facts.lastDay(),
                "Twilio's price replaces the estimate");
        assertTrue(facts.optedOutSince().isPresent());
        assertEquals(1, journal.charges("AC1", clock.instant().minusSeconds(60), false).size(), "the refused send left no row");
    }

    @Test
    void dryRunsCountOnlyAgainstDryRunsAndNeverBlockARealSend() throws Exception {
        SendIntent dry = new SendIntent("AC1", "twilio", "+14155552671", "+15005550006", "Hello", List.of(), Optional.empty(),
                clock.instant(), WINDOW, OWNER, new BigDecimal("0.0083"), true, Optional.empty());
        fresh(dry);
        fresh(dry);
        assertEquals(2, journal.charges("AC1", clock.instant().minusSeconds(60), true).size());
        assertEquals(0, journal.charges("AC1", clock.instant().minusSeconds(60), false).size());
        fresh(hello());
    }
}

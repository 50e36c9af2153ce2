package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Facts;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Inbox} must do, whatever stores it. A store runs this by subclassing it (see
 * {@link SqliteInboxTest}).
 */
public abstract class InboxContract extends StoreContract {
    private static final String PERSON = "+14155552671";
    private static final Inbox.ConsentRule NO_CHANGE = message -> Optional.empty();
    /** A rule of the test's own, so the contract does not depend on which words count. */
    private static final Inbox.ConsentRule OUT_OR_IN = message -> switch (message.body()) {
        case "out" -> Optional.of(new Inbox.ConsentChange(true, "said out in " + message.sid()));
        case "in" -> Optional.of(new Inbox.ConsentChange(false, "said in in " + message.sid()));
        default -> Optional.empty();
    };

    private static MessageRecord inbound(String sid, String body, Instant at, List<String> media) {
        return MessageRecord.builder(sid, MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED).from(PERSON)
                .to("+15005550006").body(body).dateSent(at).segments(Optional.of(1)).mediaCount(media.size())
                .price(Optional.of("-0.0079")).priceUnit(Optional.of("USD")).mediaUrls(media).build();
    }

    private static MessageRecord inbound(String sid) {
        return inbound(sid, "reply " + sid, START, List.of());
    }

    @Test
    void readStateSurvivesReopening() throws Exception {
        Inbox inbox = open().inbox("AC1");
        inbox.remember(List.of(inbound("SM1"), inbound("SM2"), inbound("SM3")), NO_CHANGE);
        assertEquals(Set.of("SM1", "SM2", "SM3"), inbox.unread(List.of("SM1", "SM2", "SM3")));
        assertEquals(Set.of("SM1", "SM2"), inbox.markRead(List.of("SM1", "SM2")));
        closeAll();

        Inbox reopened = open().inbox("AC1");

        assertEquals(Set.of("SM3"), reopened.unread(List.of("SM1", "SM2", "SM3")));
        assertEquals(Set.of("SM3"), reopened.markRead(List.of("SM1", "SM2", "SM3")));
        assertEquals(Set.of(), reopened.unread(List.of("SM1", "SM2", "SM3")));
    }

    @Test
    void rememberingAgainKeepsTheReadState() throws Exception {
        Inbox inbox = open().inbox("AC1");
        inbox.remember(List.of(inbound("SM1")), NO_CHANGE);
        inbox.markRead(List.of("SM1"));

        inbox.remember(List.of(inbound("SM1", "changed", START, List.of())), NO_CHANGE);

        assertEquals(Set.of(), inbox.unread(List.of("SM1")));
        assertEquals("reply SM1", inbox.find("SM1").orElseThrow().body());
    }

    @Test
    void unstoredSidsAreUnreadButCannotBeMarked() throws Exception {
        Inbox inbox = open().inbox("AC1");

        assertEquals(Set.of("SM404"), inbox.unread(List.of("SM404")));
        assertEquals(Set.of(), inbox.markRead(List.of("SM404")));
    }

    @Test
    void outboundMessagesAreNeitherKeptNorPutToTheRule() throws Exception {
        Inbox inbox = open().inbox("AC1");
        MessageRecord sent = MessageRecord.builder("SMout", MessageRecord.Direction.OUTBOUND, MessageStatus.SENT)
                .from("+15005550006").to("+14155552671").body("hi").dateSent(START).segments(Optional.of(1)).build();

        inbox.remember(List.of(sent), message -> {
            throw new AssertionError("an outbound message was put to the consent rule");
        });

        assertEquals(Optional.empty(), inbox.find("SMout"));
    }

    @Test
    void eachAccountHasItsOwnInbox() throws Exception {
        Handle store = open();
        store.inbox("AC1").remember(List.of(inbound("SM1")), NO_CHANGE);

        assertEquals(Optional.empty(), store.inbox("AC2").find("SM1"));
        assertEquals(Set.of(), store.inbox("AC2").markRead(List.of("SM1")));
    }

    @Test
    void findGivesTheStoredMessage() throws Exception {
        Inbox inbox = open().inbox("AC1");
        List<String> media = List.of("https://api.twilio.com/m/ME1", "https://api.twilio.com/m/ME2");
        inbox.remember(List.of(inbound("SM1", "two pictures", START.minusSeconds(30), media)), NO_CHANGE);

        MessageRecord found = inbox.find("SM1").orElseThrow();

        assertEquals(MessageRecord.builder("SM1", MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from("+14155552671").to("+15005550006").body("two pictures").dateSent(START.minusSeconds(30))
                .mediaCount(2).mediaUrls(media).build(), found);
        assertEquals(Optional.empty(), inbox.find("SM2"));
    }

    private static List<String> sids(List<MessageRecord> messages) {
        return messages.stream().map(MessageRecord::sid).toList();
    }

    @Test
    void receivedBetweenIsHalfOpenAndOldestFirst() throws Exception {
        Inbox inbox = open().inbox("AC1");
        inbox.remember(List.of(inbound("SMlater", "d", START.plusSeconds(60), List.of()),
                inbound("SMbefore", "a", START.minusSeconds(61), List.of()),
                inbound("SMnow", "c", START, List.of()),
                inbound("SMfrom", "b", START.minusSeconds(60), List.of())), NO_CHANGE);

        List<MessageRecord> found = inbox.receivedBetween(START.minusSeconds(60), START.plusSeconds(60), 10);

        assertEquals(List.of("SMfrom", "SMnow"), sids(found));
        assertEquals("b", found.get(0).body());
    }

    @Test
    void receivedBetweenGivesMessagesOfTheSameInstantInTheOrderTheyWereStored() throws Exception {
        Inbox inbox = open().inbox("AC1");
        inbox.remember(List.of(inbound("SMz")), NO_CHANGE);
        inbox.remember(List.of(inbound("SMa")), NO_CHANGE);

        assertEquals(List.of("SMz", "SMa"), sids(inbox.receivedBetween(START, START.plusMillis(1), 10)));
    }

    @Test
    void receivedBetweenKeepsTheOldestUpToTheLimitReadOrNot() throws Exception {
        Inbox inbox = open().inbox("AC1");
        inbox.remember(List.of(inbound("SM1", "1", START, List.of()), inbound("SM2", "2", START.plusSeconds(1), List.of()),
                inbound("SM3", "3", START.plusSeconds(2), List.of())), NO_CHANGE);
        inbox.markRead(List.of("SM1"));

        assertEquals(List.of("SM1", "SM2"), sids(inbox.receivedBetween(START, START.plusSeconds(60), 2)));
    }

    @Test
    void receivedBetweenSeesOnlyItsAccount() throws Exception {
        Handle store = open();
        store.inbox("AC1").remember(List.of(inbound("SM1")), NO_CHANGE);

        assertEquals(List.of(), store.inbox("AC2").receivedBetween(START, START.plusSeconds(1), 10));
    }

    @Test
    void retentionEmptiesTheBodyButKeepsTheMessage() throws Exception {
        open().inbox("AC1").remember(List.of(inbound("SM1")), NO_CHANGE);
        closeAll();
        clock.advance(RETENTION.plusDays(1));

        Inbox inbox = open().inbox("AC1");
        MessageRecord found = inbox.find("SM1").orElseThrow();

        assertEquals("", found.body());
        assertEquals("+14155552671", found.from());
        assertEquals(Set.of("SM1"), inbox.unread(List.of("SM1")));
    }

    @Test
    void messageOlderThanTheRetentionIsStoredWithoutItsText() throws Exception {
        Inbox inbox = open().inbox("AC1");

        inbox.remember(List.of(inbound("SM1", "ancient", START.minus(Duration.ofDays(100)), List.of())), NO_CHANGE);

        assertEquals("", inbox.find("SM1").orElseThrow().body());
    }

    // Two handles stand for two server processes answering receive_sms at once.
    @Test
    void concurrentMarkReadGivesEachMessageToExactlyOneCaller() throws Exception {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sids.add("SM" + i);
        }
        List<Inbox> inboxes = List.of(open().inbox("AC1"), open().inbox("AC1"));
        inboxes.get(0).remember(sids.stream().map(InboxContract::inbound).toList(), NO_CHANGE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Set<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Inbox inbox = inboxes.get(i % 2);
                Callable<Set<String>> markRead = () -> {
                    start.await();
                    return inbox.markRead(sids);
                };
                calls.add(pool.submit(markRead));
            }
            start.countDown();

            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<Set<String>> call : calls) {
                Set<String> changed = call.get(60, TimeUnit.SECONDS);
                total += changed.size();
                seen.addAll(changed);
            }
            assertEquals(sids.size(), total, "a message was marked read by two callers");
            assertTrue(seen.containsAll(sids));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Consent as the send journal reads it when checking a send: the facts its gate is given. */
    private static Facts factsFor(Handle store, String account, String number) throws Exception {
        List<Facts> seen = new ArrayList<>();
        SendIntent probe = new SendIntent(account, "twilio", number, "+15005550006", "probe", List.of(), Optional.empty(),
                START, Duration.ZERO, new SendIntent.Owner("host-a", 1, START), BigDecimal.ZERO, false,
                Optional.empty());
        store.journal().claim(probe, facts -> {
            seen.add(facts);
            return new Decision.Refused("probe", number, "none", "only looking", Optional.empty());
        });
        return seen.get(0);
    }

    private static Optional<Instant> optedOutSince(Handle store, String account) throws Exception {
        return factsFor(store, account, PERSON).optedOutSince();
    }

    @Test
    void aMessageSeenForTheFirstTimeChangesConsentAsTheRuleSays() throws Exception {
        Handle store = open();
        Instant stopAt = START.minusSeconds(60);

        store.inbox("AC1").remember(List.of(inbound("SM1", "out", stopAt, List.of())), OUT_OR_IN);
        assertEquals(Optional.of(stopAt), optedOutSince(store, "AC1"));

        store.inbox("AC1").remember(List.of(inbound("SM2", "in", START, List.of())), OUT_OR_IN);
        assertEquals(Optional.empty(), optedOutSince(store, "AC1"));
    }

    @Test
    void aMessageStoredBeforeIsNotPutToTheRuleAgain() throws Exception {
        Handle store = open();
        store.inbox("AC1").remember(List.of(inbound("SM1", "out", START.minusSeconds(60), List.of())), OUT_OR_IN);
        store.inbox("AC1").remember(List.of(inbound("SM2", "in", START, List.of())), OUT_OR_IN);
        List<String> asked = new ArrayList<>();

        store.inbox("AC1").remember(List.of(inbound("SM1", "out", START.minusSeconds(60), List.of())), message -> {
            asked.add(message.sid());
            return OUT_OR_IN.changeFor(message);
        });

        assertEquals(List.of(), asked);
        assertEquals(Optional.empty(), optedOutSince(store, "AC1"));
    }

    // Twilio lists newest first and pages may arrive in any order: the word sent last is the one that counts.
    @Test
    void theLaterWordWinsWhateverOrderTheMessagesArriveIn() throws Exception {
        Handle store = open();

        store.inbox("AC1").remember(List.of(inbound("SM2", "in", START, List.of())), OUT_OR_IN);
        store.inbox("AC1").remember(List.of(inbound("SM1", "out", START.minusSeconds(60), List.of())), OUT_OR_IN);

        assertEquals(Optional.empty(), optedOutSince(store, "AC1"));
    }

    @Test
    void consentBelongsToItsAccount() throws Exception {
        Handle store = open();

        store.inbox("AC1").remember(List.of(inbound("SM1", "out", START, List.of())), OUT_OR_IN);

        assertEquals(Optional.of(START), optedOutSince(store, "AC1"));
        assertEquals(Optional.empty(), optedOutSince(store, "AC2"));
    }

    @Test
    void theSendJournalKnowsWhoHasTextedUs() throws Exception {
        Handle store = open();
        assertFalse(factsFor(store, "AC1", PERSON).hasTextedUs());

        store.inbox("AC1").remember(List.of(inbound("SM1")), NO_CHANGE);

        assertTrue(factsFor(store, "AC1", PERSON).hasTextedUs());
        assertFalse(factsFor(store, "AC2", PERSON).hasTextedUs());
    }
}

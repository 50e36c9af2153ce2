package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.approval.Priority;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.approval.StagedMessages.Decided;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.delivery.SendRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StagedMessages} must do, whatever stores it. Two handles stand for two processes. */
public abstract class StagedMessagesContract extends StoreContract {
    private static final String AC = "AC1";
    private static final Duration TTL = Duration.ofHours(24);

    private StagedMessages staged;

    @BeforeEach
    void openStore() {
        staged = open().staged();
    }

    private static Staged draft(String to, String body, List<String> media) {
        return new Staged(0, AC, media.isEmpty() ? SendRequest.Kind.SMS : SendRequest.Kind.MMS, to, Optional.empty(),
                body, media, Optional.empty(), Priority.HIGH, Optional.of("a note"), Optional.empty(),
                StagedState.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), START, START.plus(TTL), 1,
                "GSM_7", new BigDecimal("0.0083"), Optional.empty());
    }

    private Staged stage(String to, String body) throws Exception {
        return staged.stage(draft(to, body, List.of()), clock.instant(), clock.instant()).message();
    }

    @Test
    void aStagedMessageIsReadBackWhole() throws Exception {
        Staged back = staged.stage(draft("+14155550100", "Photo 📷\nline two",
                List.of("https://example.com/a.jpg", "https://example.com/b.png")), START, START).message();

        assertTrue(back.id() > 0);
        assertEquals(Optional.of(back), open().staged().find(AC, back.id()), "another process reads the same");
        assertEquals(List.of("https://example.com/a.jpg", "https://example.com/b.png"), back.media());
        assertEquals("Photo 📷\nline two", back.body());
        assertEquals(StagedState.PENDING, back.stateAt(START));
        assertEquals(Priority.HIGH, back.priority());
        assertEquals(new BigDecimal("0.0083"), back.estimateUsd());
        assertEquals(Optional.empty(), staged.find("AC2", back.id()), "another account sees nothing");
    }

    @Test
    void stagingTheSameContentTwiceGivesTheOneAlreadyWaiting() throws Exception {
        StagedMessages.Stored first = staged.stage(draft("+14155550100", "Same", List.of()), START, START);
        StagedMessages.Stored again = open().staged().stage(draft("+14155550100", "Same", List.of()), START, START);
        StagedMessages.Stored other = staged.stage(draft("+14155550100", "Other", List.of()), START, START);

        assertFalse(first.alreadyStaged());
        assertTrue(again.alreadyStaged());
        assertEquals(first.message().id(), again.message().id());
        assertFalse(other.alreadyStaged());
        assertEquals(2, staged.list(AC, Optional.empty(), START, 50).size());
    }

    @Test
    void aMessageSentFromTheQueueCountsAsStagedWithinTheRepeatWindowOnly() throws Exception {
        Staged first = stage("+14155550100", "Sent once");
        staged.decide(AC, first.id(), first.digest(), true, Optional.empty(), "ann", START);
        staged.finished(AC, first.id(), StagedState.SENT, "delivered", Optional.of("SM1"), START);
        clock.advance(Duration.ofMinutes(5));

        StagedMessages.Stored within = staged.stage(draft("+14155550100", "Sent once", List.of()), clock.instant(),
                clock.instant().minus(Duration.ofMinutes(10)));
        StagedMessages.Stored after = staged.stage(draft("+14155550100", "Sent once", List.of()), clock.instant(),
                clock.instant().minus(Duration.ofMinutes(1)));

        assertTrue(within.alreadyStaged());
        assertEquals(StagedState.SENT, within.message().state());
        assertFalse(after.alreadyStaged());
    }

    @Test
    void aRejectedMessageCanBeStagedAgainAsANewOne() throws Exception {
        Staged first = stage("+14155550100", "Same");
        staged.decide(AC, first.id(), first.digest(), false, Optional.of("no"), "ann", START);

        StagedMessages.Stored again = staged.stage(draft("+14155550100", "Same", List.of()), START, START);

        assertFalse(again.alreadyStaged());
        assertTrue(again.message().id() != first.id());
    }

    @Test
    void decisionsTakeEffectOnceAndOnlyOnAPendingMessageWhoseContentWasSeen() throws Exception {
        Staged m = stage("+14155550100", "Hello");

        assertEquals(Decided.CONTENT_CHANGED, staged.decide(AC, m.id(), "0".repeat(64), true, Optional.empty(), "ann",
                START));
        assertEquals(StagedState.PENDING, staged.find(AC, m.id()).orElseThrow().state());
        assertEquals(Decided.DONE, staged.decide(AC, m.id(), m.digest(), true, Optional.empty(), "ann", START));
        assertEquals(Decided.ALREADY, open().staged().decide(AC, m.id(), m.digest(), true, Optional.empty(), "bob",
                START));
        assertEquals(Decided.CLOSED, staged.decide(AC, m.id(), m.digest(), false, Optional.of("late"), "bob", START));
        assertEquals(Decided.NO_SUCH_MESSAGE, staged.decide(AC, 999_999, m.digest(), true, Optional.empty(), "ann",
                START));

        Staged approved = staged.find(AC, m.id()).orElseThrow();
        assertEquals(StagedState.APPROVED, approved.state());
        assertEquals(Optional.of("ann"), approved.decidedBy(), "the second approval changed nothing");
    }

    @Test
    void aRejectionKeepsItsReason() throws Exception {
        Staged m = stage("+14155550100", "Hello");

        assertEquals(Decided.DONE, staged.decide(AC, m.id(), m.digest(), false, Optional.of("Too pushy"), "ann", START));

        Staged rejected = staged.find(AC, m.id()).orElseThrow();
        assertEquals(StagedState.REJECTED, rejected.state());
        assertEquals(Optional.of("Too pushy"), rejected.reason());
        assertEquals(List.of(rejected), staged.list(AC, Optional.of(StagedState.REJECTED), START, 50));
        assertEquals(List.of(), staged.approvedUnsent(AC, START));
    }

    @Test
    void anOpenMessageExpiresWithItsTimeAndCanNoLongerBeApprovedOrSent() throws Exception {
        Staged pending = stage("+14155550100", "Pending");
        Staged approved = stage("+14155550101", "Approved");
        staged.decide(AC, approved.id(), approved.digest(), true, Optional.empty(), "ann", START);
        clock.advance(TTL);

        assertEquals(StagedState.EXPIRED, staged.find(AC, pending.id()).orElseThrow().stateAt(clock.instant()));
        assertEquals(Decided.CLOSED, staged.decide(AC, pending.id(), pending.digest(), true, Optional.empty(), "ann",
                clock.instant()));
        assertEquals(List.of(), staged.approvedUnsent(AC, clock.instant()));
        assertEquals(2, staged.list(AC, Optional.of(StagedState.EXPIRED), clock.instant(), 50).size());
        assertEquals(List.of(), staged.list(AC, Optional.of(StagedState.PENDING), clock.instant(), 50));
    }

    @Test
    void anEditStagesANewVersionThatNeedsItsOwnApproval() throws Exception {
        Staged m = stage("+14155550100", "First words");
        staged.decide(AC, m.id(), m.digest(), true, Optional.empty(), "ann", START);

        Staged edited = staged.replace(AC, m.id(), draft("+14155550100", "Better words", List.of()), "bob", START)
                .orElseThrow();

        assertEquals(StagedState.PENDING, edited.state());
        Staged old = staged.find(AC, m.id()).orElseThrow();
        assertEquals(StagedState.REJECTED, old.state());
        assertTrue(old.reason().orElseThrow().contains("replaced by staged message " + edited.id()), old.reason().get());
        assertEquals(List.of(), staged.approvedUnsent(AC, START), "the approval of the old text does not carry over");
        assertEquals(Decided.CONTENT_CHANGED, staged.decide(AC, edited.id(), m.digest(), true, Optional.empty(), "ann",
                START), "approving what was seen of the old version does not approve the new one");
        assertEquals(Optional.empty(), staged.replace(AC, m.id(), draft("+14155550100", "x", List.of()), "bob", START),
                "a closed message cannot be edited");
    }

    @Test
    void aFinishedSendLeavesTheApprovedQueueAndAnUnknownOneStaysInIt() throws Exception {
        Staged sent = stage("+14155550100", "One");
        Staged unknown = stage("+14155550101", "Two");
        for (Staged m : List.of(sent, unknown)) {
            staged.decide(AC, m.id(), m.digest(), true, Optional.empty(), "ann", START);
        }
        assertEquals(List.of(sent.id(), unknown.id()), staged.approvedUnsent(AC, START).stream().map(Staged::id).toList());

        staged.finished(AC, sent.id(), StagedState.SENT, "delivered", Optional.of("SM1"), START);
        staged.finished(AC, unknown.id(), StagedState.APPROVED, "unknown: timed out", Optional.empty(), START);

        Staged done = staged.find(AC, sent.id()).orElseThrow();
        assertEquals(StagedState.SENT, done.state());
        assertEquals(Optional.of("SM1"), done.messageSid());
        assertEquals(List.of(unknown.id()), staged.approvedUnsent(AC, START).stream().map(Staged::id).toList());
        assertEquals(Optional.of("unknown: timed out"), staged.find(AC, unknown.id()).orElseThrow().reason());
        staged.finished(AC, sent.id(), StagedState.FAILED, "late", Optional.empty(), START);
        assertEquals(StagedState.SENT, staged.find(AC, sent.id()).orElseThrow().state(), "a sent message stays sent");
    }

    @Test
    void twoProcessesStagingTheSameMessageAtOnceStageItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StagedMessages.Stored>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                StagedMessages process = open().staged();
                results.add(pool.submit(() -> {
                    go.await();
                    return process.stage(draft("+14155550100", "At once", List.of()), START, START);
                }));
            }
            go.countDown();
            List<Long> ids = new ArrayList<>();
            for (Future<StagedMessages.Stored> result : results) {
                ids.add(result.get().message().id());
            }
            assertEquals(1, ids.stream().distinct().count(), ids.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoReviewersApprovingAtOnceRecordOneApproval() throws Exception {
        Staged m = stage("+14155550100", "Race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Decided>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                StagedMessages process = open().staged();
                String reviewer = "reviewer-" + i;
                Callable<Decided> approve = () -> {
                    go.await();
                    return process.decide(AC, m.id(), m.digest(), true, Optional.empty(), reviewer, START);
                };
                results.add(pool.submit(approve));
            }
            go.countDown();
            List<Decided> decided = new ArrayList<>();
            for (Future<Decided> result : results) {
                decided.add(result.get());
            }
            assertEquals(1, decided.stream().filter(d -> d == Decided.DONE).count(), decided.toString());
            assertEquals(3, decided.stream().filter(d -> d == Decided.ALREADY).count(), decided.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}

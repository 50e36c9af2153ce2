package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Webhooks that arrive while a commit runs share the next transaction, and each of them returns
 * only with its own transaction's outcome.
 */
class GroupCommitTest {
    private static final Inbox.ConsentRule NO_CONSENT = message -> Optional.empty();
    private static final int WAITERS = 6;

    @Test
    void webhooksThatArriveDuringACommitShareTheNextTransaction() throws Exception {
        RecordingInbox inbox = new RecordingInbox(batch -> false);
        List<Caller> callers = burstBehindAFirstCommit(new GroupCommit(inbox, NO_CONSENT), inbox);

        List<String> waiterSids = IntStream.rangeClosed(1, WAITERS).mapToObj(GroupCommitTest::sid).toList();
        assertEquals(List.of(List.of(sid(0)), waiterSids.stream().sorted().toList()),
                inbox.transactions.stream().map(batch -> batch.stream().sorted().toList()).toList());
        callers.forEach(caller -> assertNull(caller.failure, caller.sid + " was stored"));
    }

    @Test
    void everyWebhookOfAFailedTransactionGetsItsFailureAndTheNextTransactionStartsAfresh() throws Exception {
        RecordingInbox inbox = new RecordingInbox(batch -> batch.size() > 1);
        GroupCommit commit = new GroupCommit(inbox, NO_CONSENT);
        List<Caller> callers = burstBehindAFirstCommit(commit, inbox);

        assertNull(callers.get(0).failure, "the first transaction succeeded");
        callers.subList(1, callers.size()).forEach(caller ->
                assertInstanceOf(StoreUnavailable.class, caller.failure, caller.sid + " was not stored"));
        commit.remember(message(99));
        assertEquals(List.of(sid(99)), inbox.transactions.get(inbox.transactions.size() - 1));
    }

    /** Message 0 starts a commit that is held open until messages 1..WAITERS all wait behind it. */
    private static List<Caller> burstBehindAFirstCommit(GroupCommit commit, RecordingInbox inbox) throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(Caller.start(commit, 0));
        assertTrue(inbox.committing.await(10, TimeUnit.SECONDS), "the first commit started");
        for (int i = 1; i <= WAITERS; i++) {
            callers.add(Caller.start(commit, i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!callers.subList(1, callers.size()).stream().allMatch(c -> c.thread.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < deadline, "every later webhook waits for its turn");
            Thread.onSpinWait();
        }
        inbox.release.countDown();
        for (Caller caller : callers) {
            caller.thread.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(!caller.thread.isAlive(), caller.sid + " returned");
        }
        return callers;
    }

    private static String sid(int i) {
        return String.format("SM%032d", i);
    }

    private static MessageRecord message(int i) {
        return MessageRecord.builder(sid(i), MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from("+14155550101").to("+14155550100").body("hello " + i).dateSent(Instant.EPOCH).build();
    }

    private static final class Caller {
        final String sid;
        final Thread thread;
        volatile Exception failure;

        private Caller(GroupCommit commit, int i) {
            this.sid = sid(i);
            this.thread = new Thread(() -> {
                try {
                    commit.remember(message(i));
                } catch (StoreUnavailable | RuntimeException e) {
                    failure = e;
                }
            });
        }

        static Caller start(GroupCommit commit, int i) {
            Caller caller = new Caller(commit, i);
            caller.thread.start();
            return caller;
        }
    }

    /** Records the SIDs of each transaction; the first one waits for {@code release}. */
    private static final class RecordingInbox implements Inbox {
        final List<List<String>> transactions = new CopyOnWriteArrayList<>();
        final CountDownLatch committing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Predicate<Collection<MessageRecord>> fails;

        RecordingInbox(Predicate<Collection<MessageRecord>> fails) {
            this.fails = fails;
        }

        @Override
        public void remember(Collection<MessageRecord> messages, ConsentRule rule) throws StoreUnavailable {
            transactions.add(messages.stream().map(MessageRecord::sid).toList());
            if (transactions.size() == 1) {
                committing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fails.test(messages)) {
                throw new StoreUnavailable("test.db", "the disk is full (SQLITE_FULL)", null);
            }
        }

        @Override
        public Set<String> unread(Collection<String> sids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> markRead(Collection<String> sids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MessageRecord> find(String sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MessageRecord> receivedBetween(Instant from, Instant to, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Correspondent> correspondents(int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Place> places(Collection<MessageRecord> messages) {
            throw new UnsupportedOperationException();
        }
    }
}

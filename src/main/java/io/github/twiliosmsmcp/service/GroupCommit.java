package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores inbound messages of concurrent webhooks in shared transactions. Each commit waits for the
 * disk (SQLite syncs the WAL before COMMIT returns) and the store writes one transaction at a
 * time, so webhooks that arrive while one commit runs would each wait for their own. Instead,
 * whichever of them gets the turn next stores all that are waiting in one transaction; each
 * webhook still returns only once its message is committed, or with the failure of the
 * transaction that held it, so no message is answered 200 before it is on disk.
 */
final class GroupCommit {
    private final Inbox inbox;
    private final Inbox.ConsentRule rule;
    private final ReentrantLock turn = new ReentrantLock();
    private final Object queue = new Object();
    private List<Pending> waiting = new ArrayList<>();

    GroupCommit(Inbox inbox, Inbox.ConsentRule rule) {
        this.inbox = inbox;
        this.rule = rule;
    }

    /** Returns once {@code message} is stored, as {@link Inbox#remember} would for it alone. */
    void remember(MessageRecord message) throws StoreUnavailable {
        Pending mine = new Pending(message);
        synchronized (queue) {
            waiting.add(mine);
        }
        turn.lock();
        try {
            if (!mine.settled) {
                storeWaiting();
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure instanceof StoreUnavailable unavailable) {
            throw unavailable;
        }
        if (mine.failure instanceof RuntimeException failed) {
            throw failed;
        }
    }

    /** Under the turn, so that the outcomes it settles are seen by each waiter when it takes the turn. */
    private void storeWaiting() {
        List<Pending> batch;
        synchronized (queue) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        Exception failure = null;
        try {
            inbox.remember(batch.stream().map(Pending::message).toList(), rule);
        } catch (StoreUnavailable | RuntimeException e) {
            failure = e;
        }
        for (Pending pending : batch) {
            pending.failure = failure;
            pending.settled = true;
        }
    }

    private static final class Pending {
        private final MessageRecord message;
        private boolean settled;
        private Exception failure;

        Pending(MessageRecord message) {
            this.message = message;
        }

        MessageRecord message() {
            return message;
        }
    }
}

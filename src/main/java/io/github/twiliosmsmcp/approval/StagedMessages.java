package io.github.twiliosmsmcp.approval;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where staged messages wait for a person. Every change is one transaction that checks the state it
 * changes, so two reviewers, a double click and a send racing an approval each take effect once.
 */
public interface StagedMessages {

    /**
     * Stores a new pending message, unless the same content (kind, recipient, sender, text, media)
     * is already pending or approved, or was sent from the queue after {@code sentSince}: staging
     * twice must not let a person approve it twice, nor a repeat after it went out send it again.
     */
    Stored stage(Staged message, Instant now, Instant sentSince) throws StoreUnavailable;

    /** The staged message with its id; {@code alreadyStaged} when it was there before this call. */
    record Stored(Staged message, boolean alreadyStaged) {}

    /** Newest first; {@code state} filters by the state as of {@code now} (expired included). */
    List<Staged> list(String account, Optional<StagedState> state, Instant now, int limit) throws StoreUnavailable;

    Optional<Staged> find(String account, long id) throws StoreUnavailable;

    /**
     * A person's decision on a pending message: {@code approve}, or reject with {@code reason}.
     * Takes effect only if the message is still pending at {@code now} and its content still has
     * {@code digest}, the content the person saw.
     */
    Decided decide(String account, long id, String digest, boolean approve, Optional<String> reason, String reviewer,
            Instant now) throws StoreUnavailable;

    /**
     * A person's edit: the open message {@code id} is rejected as replaced and {@code edited} is
     * staged as its new, pending version, in one transaction. Empty if {@code id} is no longer open.
     */
    Optional<Staged> replace(String account, long id, Staged edited, String reviewer, Instant now)
            throws StoreUnavailable;

    /** Approved messages not sent yet and not expired at {@code now}, oldest first. */
    List<Staged> approvedUnsent(String account, Instant now) throws StoreUnavailable;

    /**
     * What became of the send of an approved message: {@code state} is SENT, FAILED, or APPROVED when
     * nobody can know yet (the next attempt is then a repeat of the same send, never a second one).
     */
    void finished(String account, long id, StagedState state, String outcome, Optional<String> messageSid, Instant now)
            throws StoreUnavailable;

    /** What became of a decision. */
    enum Decided {
        /** The decision is recorded. */
        DONE,
        /** The same decision was recorded before: nothing changed. */
        ALREADY,
        /** The message was decided otherwise, sent, or has expired: nothing changed. */
        CLOSED,
        /** The content the person saw is not this message's: nothing changed. */
        CONTENT_CHANGED,
        NO_SUCH_MESSAGE
    }
}

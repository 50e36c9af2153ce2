package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every send: what makes "never twice" hold across tool calls, client
 * retries, processes and restarts. An intent is written before the create call and its outcome
 * after; an intent without an outcome means "may have been sent" and blocks its message, whatever
 * the dedupe window, for {@link SendIntent#UNCERTAIN_HOLD} or until its provider's list shows it was sent.
 */
public interface SendJournal {

    /**
     * In one transaction: returns the earlier send this one repeats, if any; or else asks
     * {@code gate}, and if it allows, records {@code intent} as pending ("may have been sent") and
     * returns its id. Only sends that may
     * have gone out count: a send that certainly was not sent does not block a new one.
     */
    Claim claim(SendIntent intent, Gate gate) throws StoreUnavailable;

    /**
     * The owner's rules, asked inside the claim's transaction once no earlier send matched, with
     * the facts read in that transaction: so limits hold even when processes race each other.
     */
    @FunctionalInterface
    interface Gate {
        Decision decide(Facts facts);
    }

    /**
     * The writer of pending intent {@code id} is still sending it: where intents are leased (a store
     * shared by several machines), its lease starts again, so no other process reconciles it yet.
     */
    void renew(long id) throws StoreUnavailable;

    /** The provider said the recipient opted out ({@code source} says how): later sends to them are refused locally. */
    void recipientOptedOut(String account, String number, Instant at, String source) throws StoreUnavailable;

    /**
     * The facts the owner's rules would be asked with for a send to {@code number} at {@code at},
     * read outside any claim: for a message staged now and sent later, whose claim asks again.
     */
    Facts facts(String account, String number, Instant at, boolean dryRun) throws StoreUnavailable;

    /** Whether any send to {@code number} may have gone out, however long ago. */
    boolean everSentTo(String account, String number) throws StoreUnavailable;

    /** Sends of the last day that count against the limits, with actual or estimated cost. */
    List<Charge> charges(String account, Instant since, boolean includeDryRun) throws StoreUnavailable;

    /**
     * Pending intent {@code id} certainly was not accepted by the provider of {@code attempt}, and now
     * goes to {@code nextProvider}, at {@code nextEstimateUsd}: the attempt is kept, and the intent (and
     * its lease) now names the provider it may be with.
     */
    void movedOn(long id, ProviderAttempt attempt, String nextProvider, java.math.BigDecimal nextEstimateUsd)
            throws StoreUnavailable;

    /** The providers a send moved on from, in order, and why; empty for a send that stayed with its first. */
    List<ProviderAttempt> movedOn(long id) throws StoreUnavailable;

    /** The provider accepted the message: its id and status at that moment. */
    void accepted(long id, MessageRecord message) throws StoreUnavailable;

    /** Nothing was sent (refused, or no connection): the message may be sent again later. */
    void notSent(long id, String reason) throws StoreUnavailable;

    /** The outcome cannot be known; the intent keeps blocking its message (see {@link SendIntent#uncertainWindow()}). */
    void unknown(long id, String reason) throws StoreUnavailable;

    /**
     * A later status of an accepted message (from polling, or a repeat that re-read it). The status
     * and error code are kept only if the new status {@linkplain MessageStatus#supersedes supersedes}
     * the recorded one: a status callback may have recorded a later one meanwhile.
     */
    void status(long id, MessageRecord message) throws StoreUnavailable;

    /**
     * The provider reported {@code status} (and its error code) for the send it knows by
     * {@code messageId}, as a status callback does: recorded only if it supersedes the status the
     * journal holds, so reports that arrive late, repeated or out of order never take a send back.
     */
    Reported reported(String account, String messageId, MessageStatus status, Optional<Integer> errorCode)
            throws StoreUnavailable;

    /** What became of a reported status. */
    enum Reported {
        /** The send now has this status. */
        RECORDED,
        /** The send already has this status or a later one: nothing changed. */
        OUT_OF_DATE,
        /** No send of this account has that message id: nothing was stored. */
        NO_SUCH_SEND
    }

    /**
     * The send the provider knows by {@code messageId} (Twilio's message SID, MessageCentral's id), if this journal
     * recorded it. Status callbacks name only the message id: the webhook service finds the send a
     * callback is about with it, and a waiting send reads the status a callback recorded.
     */
    Optional<PastSend> byMessageId(String account, String messageId) throws StoreUnavailable;

    /** What {@link #claim} found. */
    sealed interface Claim permits Fresh, Repeat, Refused {}

    /** Nothing earlier: {@code id} is the new pending intent, the caller must now send and record. */
    record Fresh(long id) implements Claim {}

    /** An earlier send of the same message (or with the same idempotency key) that may have gone out. */
    record Repeat(PastSend earlier) implements Claim {}

    /** A rule of the owner refused the send; nothing was recorded. */
    record Refused(Decision.Refused refusal) implements Claim {}
}

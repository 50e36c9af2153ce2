package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * An earlier send as the journal remembers it; {@code body} is empty once retention purged it, and
 * {@code provider} names the provider it went to. {@code leaseEnds}, for a pending send in a store
 * that several machines share, is when its writer counts as gone unless it renews the lease.
 */
public record PastSend(
        long id,
        State state,
        String provider,
        String to,
        String sender,
        Optional<String> body,
        int mediaCount,
        Optional<String> sid,
        Optional<MessageStatus> status,
        Optional<Integer> errorCode,
        Instant at,
        Optional<String> idempotencyKey,
        String messageKey,
        SendIntent.Owner owner,
        Optional<Instant> leaseEnds) {

    /**
     * {@code message} as this send's record tells it: with the recorded status and error code when
     * that status is later (a status callback may have recorded it), else unchanged.
     */
    public MessageRecord latest(MessageRecord message) {
        return status.filter(recorded -> recorded.supersedes(message.status()))
                .map(recorded -> message.toBuilder().status(recorded).errorCode(errorCode).build())
                .orElse(message);
    }

    public enum State {
        /** Written before the create call and not yet resolved: it may have been sent. */
        PENDING,
        /** The provider accepted it ({@code sid} is set). */
        ACCEPTED,
        /** The create call's outcome could not be known. */
        UNKNOWN,
        /** Certainly not sent. */
        NOT_SENT
    }
}

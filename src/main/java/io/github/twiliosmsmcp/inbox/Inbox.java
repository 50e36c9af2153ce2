package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Inbound messages this server has seen, with their read state, kept across restarts. */
public interface Inbox {

    /**
     * Stores messages not stored yet (by SID); those already stored keep their read state. Each
     * message stored now for the first time is put to {@code rule}, and the change of its sender's
     * consent that the rule gives is recorded in the same transaction, at the message's time: so
     * a STOP is never stored without its effect. Of two changes, the later in time wins.
     */
    void remember(Collection<MessageRecord> messages, ConsentRule rule) throws StoreUnavailable;

    /** What a message seen for the first time changes about its sender's consent, if anything. */
    @FunctionalInterface
    interface ConsentRule {
        Optional<ConsentChange> changeFor(MessageRecord message);
    }

    /** The sender opted out ({@code optedOut}) or back in; {@code source} says why, for a person. */
    record ConsentChange(boolean optedOut, String source) {}

    /** The SIDs among {@code sids} that have not been returned to the model yet. */
    Set<String> unread(Collection<String> sids) throws StoreUnavailable;

    /**
     * Marks each message read and returns the SIDs that this call changed from unread to read: two
     * concurrent callers (even in two processes) never both get the same message as new.
     */
    Set<String> markRead(Collection<String> sids) throws StoreUnavailable;

    /** A stored inbound message, for replying to it. */
    Optional<MessageRecord> find(String sid) throws StoreUnavailable;

    /**
     * Stored messages received at or after {@code from} and before {@code to}, oldest first (of
     * the same instant, the one stored first), at most {@code limit} of them; whether read or not.
     * For front doors that show what arrived in a period, such as the webhook service.
     */
    List<MessageRecord> receivedBetween(Instant from, Instant to, int limit) throws StoreUnavailable;

    /**
     * The numbers this account has a conversation with: each that texted it, or that it sent a message
     * to which the provider accepted. Those with messages not yet returned to the model come first,
     * then the most recent; at most {@code limit}.
     */
    List<Correspondent> correspondents(int limit) throws StoreUnavailable;

    /** One number's conversation at a glance: its latest message either way, and how many replies are unread. */
    record Correspondent(String number, Instant lastAt, int unread) {}

    /**
     * The place of each message, in either direction, by SID. Messages the store has not learned
     * of yet are learned now, oldest first, so that every later read finds the same places.
     */
    Map<String, Place> places(Collection<MessageRecord> messages) throws StoreUnavailable;

    /**
     * {@code learned} grows with each message the store learns of; {@code inReplyTo} is the inbound
     * message a send of this server answered; {@code autoreplyRule} the autoresponder rule whose
     * autoreply the send was, if it was one.
     */
    record Place(long learned, Optional<String> inReplyTo, Optional<Long> autoreplyRule) {}
}

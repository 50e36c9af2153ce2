package io.github.twiliosmsmcp.autorespond;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The autoresponder rules of each account and the autoreplies they made, kept in the message store. */
public interface Rules {

    /** Appends {@code draft} after the account's last rule. */
    Rule add(String account, Draft draft, Instant now) throws StoreUnavailable;

    /** The account's rules in the order they are tried. */
    List<Rule> list(String account) throws StoreUnavailable;

    /** False when the account has no such rule. */
    boolean delete(String account, long id) throws StoreUnavailable;

    /** False when the account has no such rule. */
    boolean setEnabled(String account, long id, boolean enabled) throws StoreUnavailable;

    /** Puts the rule at {@code position} (1 is tried first), the others keeping their order; false when no such rule. */
    boolean move(String account, long id, int position) throws StoreUnavailable;

    /**
     * In one transaction that no other claim of the account runs beside, in any process: whether
     * {@code reply} may be sent under {@code limits}, and if so it is recorded (and counted as a
     * trigger of its rule) before anything is sent, so that a retried webhook or a second service
     * on the same store finds it and sends nothing.
     */
    Claim claim(String account, Reply reply, Limits limits) throws StoreUnavailable;

    /** What became of a claimed autoreply: the send's outcome and message id, for people reading the store. */
    void settle(String account, String inboundSid, String outcome, Optional<String> messageId) throws StoreUnavailable;

    /** The autoreply (to {@code inboundSid}) that rule {@code ruleId} would send to {@code number} now. */
    record Reply(String inboundSid, long ruleId, String number, Instant at) {}

    /** At most one autoreply per rule and number per {@code cooldown}; at most {@code perNumberPerDay} per number per 24 h. */
    record Limits(Duration cooldown, int perNumberPerDay) {}

    /** A rule as created, before the store gives it an id and a place. */
    record Draft(Trigger trigger, String response, boolean enabled, Optional<ActiveHours> activeHours,
            Rule.Origin origin) {}

    sealed interface Claim permits Claimed, AlreadyAnswered, CoolingDown, Capped {}

    /** Recorded: the caller sends it now. */
    record Claimed() implements Claim {}

    /** This inbound message already has its autoreply (or one is being sent). */
    record AlreadyAnswered() implements Claim {}

    /** The rule answered this number less than the cooldown ago. */
    record CoolingDown(Instant last) implements Claim {}

    /** The number got the day's most autoreplies. */
    record Capped(int count) implements Claim {}
}

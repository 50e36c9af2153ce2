package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.policy.OptOutWords;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.Optional;

/**
 * The consent rule of replies: a reply that is only an opt-out keyword (STOP) opts its sender
 * out, one that is only an opt-in keyword (START) opts them back in. Kept here, not in a store,
 * so that every store applies the same rule.
 */
public final class ConsentReplies {
    private ConsentReplies() {}

    /** An {@link Inbox.ConsentRule}. */
    public static Optional<Inbox.ConsentChange> changeFor(MessageRecord message) {
        return OptOutWords.classify(message.body()).map(change -> new Inbox.ConsentChange(
                change == OptOutWords.ConsentChange.OPT_OUT,
                "replied \"" + message.body().strip() + "\" (" + message.sid() + ")"));
    }
}

package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.List;
import java.util.Optional;

/**
 * The thread with one number, both directions, oldest first. {@code problem} is present when it
 * could not be read; {@code earlierNotShown} counts older messages left out by the limit.
 */
public record Conversation(
        String with,
        List<MessageRecord> messages,
        int earlierNotShown,
        boolean simulated,
        Optional<String> problem,
        String advice) {

    public Conversation {
        messages = List.copyOf(messages);
    }
}

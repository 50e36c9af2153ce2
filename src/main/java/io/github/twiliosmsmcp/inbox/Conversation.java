package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The thread with one number, both directions, oldest first. {@code problem} is present when it
 * could not be read; {@code earlierNotShown} counts older messages left out by the limit;
 * {@code autoreplyRules} names, by message SID, the rule of each message that was an autoreply.
 */
public record Conversation(
        String with,
        List<MessageRecord> messages,
        Map<String, Long> autoreplyRules,
        int earlierNotShown,
        boolean simulated,
        Optional<String> problem,
        String advice) {

    public Conversation {
        messages = List.copyOf(messages);
        autoreplyRules = Map.copyOf(autoreplyRules);
    }

    public Optional<Long> autoreplyRule(MessageRecord message) {
        return Optional.ofNullable(autoreplyRules.get(message.sid()));
    }
}

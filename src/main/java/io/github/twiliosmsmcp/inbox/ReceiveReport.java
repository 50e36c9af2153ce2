package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code receive_sms} found. {@code problem} is present when Twilio could not be read; the
 * messages are then empty and {@code advice} says what to do. {@code mode} says how the last look
 * read the messages.
 */
public record ReceiveReport(
        List<MessageRecord> messages,
        int moreNotShown,
        Instant since,
        boolean unreadOnly,
        long waitedSeconds,
        List<String> numbers,
        boolean simulated,
        Mode mode,
        Optional<String> problem,
        String advice) {

    /** Where the last look read the messages. */
    public enum Mode {
        /** From the inbox, where the live webhook service stores each message as it arrives. */
        WEBHOOK,
        /** From the provider's list of messages. */
        POLLING
    }

    public ReceiveReport {
        messages = List.copyOf(messages);
        numbers = List.copyOf(numbers);
    }
}

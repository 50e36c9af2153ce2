package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code receive_sms} found. {@code problem} is present when Twilio could not be read; the
 * messages are then empty and {@code advice} says what to do.
 */
public record ReceiveReport(
        List<MessageRecord> messages,
        int moreNotShown,
        Instant since,
        boolean unreadOnly,
        long waitedSeconds,
        List<String> numbers,
        boolean simulated,
        Optional<String> problem,
        String advice) {

    public ReceiveReport {
        messages = List.copyOf(messages);
        numbers = List.copyOf(numbers);
    }
}

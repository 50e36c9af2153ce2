package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A validated {@code receive_sms} request; {@code contains} matches text regardless of case. */
public record ReceiveQuery(Optional<PhoneNumber> from, Optional<String> contains, Instant since, int limit,
        boolean unreadOnly, Duration waitFor) {

    public boolean matches(io.github.twiliosmsmcp.sms.MessageRecord message) {
        return !message.dateSent().isBefore(since)
                && from.map(f -> f.e164().equals(message.from())).orElse(true)
                && contains.map(text -> message.body().toLowerCase(java.util.Locale.ROOT)
                        .contains(text.toLowerCase(java.util.Locale.ROOT))).orElse(true);
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_WAIT_SECONDS = 45;
}

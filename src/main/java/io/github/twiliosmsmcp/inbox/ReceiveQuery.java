package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A validated {@code receive_sms} request. */
public record ReceiveQuery(Optional<PhoneNumber> from, Instant since, int limit, boolean unreadOnly, Duration waitFor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_WAIT_SECONDS = 45;
}

package io.github.twiliosmsmcp.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many tool calls one token may make: a bucket of {@code perMinute} calls that refills evenly
 * over a minute, so a burst up to the limit passes and a steady flood is held to it.
 */
public final class CallRate {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private double available;
    private Instant filledAt;

    public CallRate(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.available = perMinute;
        this.filledAt = clock.instant();
    }

    /** Takes one call from the bucket: empty when it may go ahead, else how long until one may. */
    public synchronized Duration take() {
        Instant now = clock.instant();
        double refill = Duration.between(filledAt, now).toNanos() * (double) perMinute / MINUTE.toNanos();
        available = Math.min(perMinute, available + Math.max(0, refill));
        filledAt = now;
        if (available >= 1) {
            available -= 1;
            return Duration.ZERO;
        }
        double missing = 1 - available;
        return Duration.ofNanos((long) Math.ceil(missing * MINUTE.toNanos() / perMinute));
    }
}

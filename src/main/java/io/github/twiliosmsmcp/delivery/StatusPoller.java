package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks the provider what became of a message, with a growing pause, until its status is final or a
 * deadline passes. A failed look only means less is known: the last status stands.
 */
final class StatusPoller {
    private static final long[] POLL_DELAYS_MILLIS = {500, 750, 1000, 1500, 2000, 3000};
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final MessageGateway gateway;
    private final Clock clock;
    private final Sleeper sleeper;

    StatusPoller(MessageGateway gateway, Clock clock, Sleeper sleeper) {
        this.gateway = gateway;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The message as last seen; {@code wait} is the longest wait the user asked for, shown in progress. */
    MessageRecord waitForFinal(MessageRecord created, Instant deadline, Duration wait, Progress progress) {
        Instant waitStart = clock.instant();
        MessageRecord last = created;
        for (int poll = 0; !last.status().isFinal(); poll++) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                break;
            }
            long delay = Math.min(POLL_DELAYS_MILLIS[Math.min(poll, POLL_DELAYS_MILLIS.length - 1)], remaining.toMillis());
            progress.report(Duration.between(waitStart, clock.instant()).toMillis() / 1000.0, wait.toSeconds(),
                    "Twilio status: " + last.status().twilioValue() + "; waiting for a final status");
            if (!sleeper.sleep(Duration.ofMillis(delay))) {
                break;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            Duration timeout = left.isNegative() || left.isZero() ? Duration.ofSeconds(1)
                    : min(FETCH_TIMEOUT, left.plusMillis(500));
            try {
                last = gateway.fetch(last.sid(), timeout);
            } catch (GatewayException e) {
                // The message went out; a failed status read only means we know less. Keep the last status.
                continue;
            }
        }
        return last;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

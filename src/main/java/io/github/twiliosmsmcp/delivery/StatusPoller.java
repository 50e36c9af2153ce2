package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks the provider what became of a message, with a growing pause, until its status is final or a
 * deadline passes. A failed look only means less is known: the last status stands. Between looks
 * it reads the status the journal holds every {@link #JOURNAL_TICK}, because a webhook service on
 * the same store records the provider's status callbacks there: a delivery receipt then ends the
 * wait at once instead of at the next look.
 */
final class StatusPoller {
    private static final long[] POLL_DELAYS_MILLIS = {500, 750, 1000, 1500, 2000, 3000};
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** A read of one row of the local store: cheap enough to make four times a second. */
    static final Duration JOURNAL_TICK = Duration.ofMillis(250);

    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Telemetry telemetry;

    StatusPoller(SendJournal journal, String account, Clock clock, Sleeper sleeper, Telemetry telemetry) {
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.sleeper = sleeper;
        this.telemetry = telemetry;
    }

    /**
     * The message as last seen by {@code gateway}, the provider that accepted it; {@code wait} is the
     * longest wait the user asked for, shown in progress. A provider that reports no delivery is not
     * waited on: its answer at creation is all there will be.
     */
    MessageRecord waitForFinal(MessageGateway gateway, MessageRecord created, Instant deadline, Duration wait,
            Progress progress) {
        if (!gateway.provider().reportsDelivery()) {
            return created;
        }
        Instant waitStart = clock.instant();
        MessageRecord last = created;
        for (int poll = 0; !last.status().isFinal(); poll++) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                break;
            }
            long delay = Math.min(POLL_DELAYS_MILLIS[Math.min(poll, POLL_DELAYS_MILLIS.length - 1)], remaining.toMillis());
            progress.report(Duration.between(waitStart, clock.instant()).toMillis() / 1000.0, wait.toSeconds(),
                    gateway.provider().title() + " status: " + last.status().twilioValue()
                            + "; waiting for a final status");
            Optional<MessageRecord> watched = watchJournal(last, clock.instant().plusMillis(delay));
            if (watched.isEmpty()) {
                break;
            }
            last = watched.get();
            if (last.status().isFinal()) {
                break;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            Duration timeout = left.isNegative() || left.isZero() ? Duration.ofSeconds(1)
                    : min(FETCH_TIMEOUT, left.plusMillis(500));
            telemetry.polled(Telemetry.Poll.SEND_STATUS);
            try {
                last = gateway.fetch(last.sid(), timeout);
            } catch (GatewayException e) {
                // The message went out; a failed status read only means we know less. Keep the last status.
                continue;
            }
        }
        return last;
    }

    /**
     * Waits until {@code until}, reading the journal each tick; the message with a later status the
     * journal holds (at once when that one is final), or empty when the server is stopping.
     */
    private Optional<MessageRecord> watchJournal(MessageRecord last, Instant until) {
        MessageRecord known = last;
        for (Duration left = Duration.between(clock.instant(), until); left.compareTo(Duration.ZERO) > 0;
                left = Duration.between(clock.instant(), until)) {
            if (!sleeper.sleep(min(JOURNAL_TICK, left))) {
                return Optional.empty();
            }
            known = recorded(known);
            if (known.status().isFinal()) {
                break;
            }
        }
        return Optional.of(known);
    }

    private MessageRecord recorded(MessageRecord known) {
        try {
            return journal.byMessageId(account, known.sid()).map(send -> send.latest(known)).orElse(known);
        } catch (StoreUnavailable e) {
            // The provider is still asked at the next look: an unreadable store only means no shortcut.
            return known;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

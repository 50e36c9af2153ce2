package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status callbacks about a message id the journal does not know yet. Twilio may call back
 * ({@code queued}, {@code sent}, even {@code delivered}) before the process that created the
 * message has written its id into the journal: the create's answer and the callback race. Such a
 * callback is held and reported again until the journal knows the id, or dropped after
 * {@link #HOLD_FOR} (a message sent by something else on the account is never known).
 */
final class HeldCallbacks implements AutoCloseable {
    static final Duration HOLD_FOR = Duration.ofMinutes(2);
    static final Duration RETRY_EVERY = Duration.ofMillis(200);
    /** A flood of callbacks about strangers' messages must not grow the heap without end. */
    static final int MAX_HELD = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(HeldCallbacks.class);

    /** What the journal does with a reported status: {@link SendJournal#reported} in the service. */
    @FunctionalInterface
    interface Reports {
        SendJournal.Reported report(Callback callback) throws StoreUnavailable;
    }

    /** One status callback, as the webhook read it. */
    record Callback(String messageId, MessageStatus status, Optional<Integer> errorCode, String trace) {}

    private record Held(Callback callback, Instant since) {}

    private final Reports reports;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Deque<Held> held = new ArrayDeque<>();
    private final ScheduledExecutorService timer = DaemonTimer.named("held-callbacks");

    HeldCallbacks(Reports reports, ServiceMetrics metrics, Clock clock) {
        this.reports = reports;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start() {
        long every = RETRY_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::retry, every, every, TimeUnit.MILLISECONDS);
    }

    /** Holds a callback the journal did not know; false when too many are held already. */
    synchronized boolean hold(Callback callback) {
        if (held.size() >= MAX_HELD) {
            metrics.heldCallback("dropped");
            return false;
        }
        held.addLast(new Held(callback, clock.instant()));
        metrics.heldCallback("held");
        return true;
    }

    synchronized int size() {
        return held.size();
    }

    /** Reports every held callback again: those the journal now knows leave, as do the expired ones. */
    synchronized void retry() {
        Instant now = clock.instant();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held next = it.next();
            SendJournal.Reported reported;
            try {
                reported = reports.report(next.callback());
            } catch (StoreUnavailable e) {
                LOG.warn("Held status callbacks not reported again: {}", e.describe());
                return;
            }
            Callback callback = next.callback();
            if (reported != SendJournal.Reported.NO_SUCH_SEND) {
                it.remove();
                metrics.heldCallback("applied");
                metrics.callback(callback.status(), reported);
                LOG.debug("[{}] status {} for {}: {} after {} ms held", callback.trace(), callback.status().twilioValue(),
                        callback.messageId(), reported.name().toLowerCase(Locale.ROOT),
                        Duration.between(next.since(), now).toMillis());
            } else if (!now.isBefore(next.since().plus(HOLD_FOR))) {
                it.remove();
                metrics.heldCallback("expired");
                metrics.callback(callback.status(), reported);
                LOG.info("[{}] status {} for {}: no send of this store has that id", callback.trace(),
                        callback.status().twilioValue(), callback.messageId());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.ReceiveService;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without webhooks (no SMS_PUBLIC_URL) the service learns of new messages by listing them itself,
 * every {@link #INTERVAL}: a modest rate for Twilio's API. Only messages that arrive after the
 * service started are handed on, each once, so a restart never answers old texts.
 */
final class ArrivalsPoll implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Twilio may list a message a little after its time: each look reaches back this far. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);
    private static final int REMEMBERED = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ArrivalsPoll.class);

    private final ReceiveService receiver;
    private final Consumer<MessageRecord> arrived;
    private final Clock clock;
    private final ScheduledExecutorService timer = DaemonTimer.named("arrivals-poll");
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private final Instant started;
    private Instant since;

    ArrivalsPoll(ReceiveService receiver, Consumer<MessageRecord> arrived, Clock clock) {
        this.receiver = receiver;
        this.arrived = arrived;
        this.clock = clock;
        this.started = clock.instant();
        this.since = started;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::look, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            List<MessageRecord> listed = receiver.arrivedSince(since);
            listed.stream().sorted(Comparator.comparing(MessageRecord::dateSent))
                    .filter(message -> seen.add(message.sid()))
                    .forEach(arrived);
            for (Iterator<String> oldest = seen.iterator(); seen.size() > REMEMBERED; ) {
                oldest.next();
                oldest.remove();
            }
            Instant now = clock.instant().minus(OVERLAP);
            since = now.isAfter(started) ? now : started;
        } catch (GatewayException e) {
            LOG.warn("listing new messages failed: {}", e.getMessage());
        } catch (StoreUnavailable e) {
            LOG.warn("new messages could not be stored: {}", e.describe());
        } catch (RuntimeException e) {
            LOG.error("listing new messages failed unexpectedly", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

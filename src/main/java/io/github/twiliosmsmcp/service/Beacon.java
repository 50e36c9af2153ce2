package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells stdio servers sharing the store that this service runs: a beat every
 * {@link ServicePresence#BEAT_EVERY}, carrying the time of the last webhook. That time goes with
 * the beat rather than with each webhook, so a burst of webhooks costs no extra write.
 */
final class Beacon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Beacon.class);

    private final ServicePresence presence;
    private final String account;
    private final Optional<String> publicUrl;
    private final Clock clock;
    private final AtomicReference<Instant> lastWebhook = new AtomicReference<>();
    private final ScheduledExecutorService timer = DaemonTimer.named("beacon");

    Beacon(ServicePresence presence, String account, Optional<URI> publicUrl, Clock clock) {
        this.presence = presence;
        this.account = account;
        this.publicUrl = publicUrl.map(URI::toString);
        this.clock = clock;
    }

    /** The first beat is written at once, so a store that cannot be used stops the service at start. */
    void start() throws StoreUnavailable {
        presence.beat(account, beat());
        long every = ServicePresence.BEAT_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::beatOrWarn, every, every, TimeUnit.MILLISECONDS);
    }

    void webhookArrived() {
        lastWebhook.set(clock.instant());
    }

    Optional<Instant> lastWebhook() {
        return Optional.ofNullable(lastWebhook.get());
    }

    private ServicePresence.Beat beat() {
        return new ServicePresence.Beat(clock.instant(), publicUrl, lastWebhook());
    }

    private void beatOrWarn() {
        try {
            presence.beat(account, beat());
        } catch (StoreUnavailable e) {
            LOG.warn("The service's beat could not be stored: {}", e.describe());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

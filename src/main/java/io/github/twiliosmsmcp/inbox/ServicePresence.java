package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a webhook service is running for an account: while it runs it beats every
 * {@link #BEAT_EVERY}, so a stdio server sharing the store can tell that replies and delivery
 * receipts reach the store by themselves, and when the last webhook came.
 */
public interface ServicePresence {
    Duration BEAT_EVERY = Duration.ofSeconds(5);

    /** The service of {@code account} is alive at {@code beat.at()}; the latest beat replaces the one before. */
    void beat(String account, Beat beat) throws StoreUnavailable;

    /** The latest beat for {@code account}, if a service ever beat for it. */
    Optional<Beat> lastBeat(String account) throws StoreUnavailable;

    /** One beat: when, the public URL Twilio calls the service at, and the time of its last webhook. */
    record Beat(Instant at, Optional<String> publicUrl, Optional<Instant> lastWebhook) {
        /** Three beats missed mean the service has stopped or hangs. */
        public static final Duration LIVE_FOR = BEAT_EVERY.multipliedBy(3);

        public boolean liveAt(Instant now) {
            return !at.plus(LIVE_FOR).isBefore(now);
        }
    }
}

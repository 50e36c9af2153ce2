package io.github.twiliosmsmcp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Message bodies older than the retention are forgotten when a store opens and then by the first
 * write transaction at least {@link #PURGE_EVERY} after the last purge, inside that transaction.
 * On use rather than on a timer: a timer thread would need its own lifecycle and would take locks
 * at moments no caller chose; a server that writes nothing adds nothing to forget, and the
 * injected clock is all a test needs.
 */
final class Retention {
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Clock clock;
    private final Duration keep;
    private Instant nextPurge = Instant.MIN;

    Retention(Clock clock, Duration keep) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "retention");
        if (keep.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + keep);
        }
    }

    /** Bodies of messages from before this instant are not kept. */
    Instant cutoff() {
        return clock.instant().minus(keep);
    }

    synchronized boolean due() {
        return !clock.instant().isBefore(nextPurge);
    }

    /**
     * Forgets the text of messages older than the retention; the rows stay, so send-once still holds.
     * Staged messages older than that go whole: their sends, if any, are in the journal.
     */
    void purge(Connection c) throws SQLException {
        Instant now = clock.instant();
        long cutoff = now.minus(keep).toEpochMilli();
        for (String sql : new String[] {
                "UPDATE sends SET body = NULL WHERE body IS NOT NULL AND created_at < ?",
                "UPDATE inbound SET body = NULL, media_urls = '' WHERE (body IS NOT NULL OR media_urls <> '') AND received_at < ?",
                "DELETE FROM staged WHERE created_at < ?"}) {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setLong(1, cutoff);
                update.executeUpdate();
            }
        }
        synchronized (this) {
            nextPurge = now.plus(PURGE_EVERY);
        }
    }

    /** {@code work}, preceded in its transaction by a purge when one is due. */
    <T> SqlStore.Work<T> purgingWhenDue(SqlStore.Work<T> work) {
        return c -> {
            if (due()) {
                purge(c);
            }
            return work.run(c);
        };
    }
}

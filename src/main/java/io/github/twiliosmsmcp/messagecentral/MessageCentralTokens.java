package io.github.twiliosmsmcp.messagecentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.sms.GatewayException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MessageCentral's login token, kept until shortly before its JWT {@code exp} so that a send costs
 * one request, not two. One thread at a time asks for a new one: callers that find the token stale
 * together wait for that one answer. The token never appears in a message or in {@code toString}.
 */
final class MessageCentralTokens {
    /** A token used this close to its end could expire on the way. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    /** How long a token whose expiry cannot be read is kept; a 401 ends it sooner. */
    static final Duration UNREADABLE_EXPIRY = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Asks MessageCentral for a new token. */
    @FunctionalInterface
    interface Issuer {
        String issue(Duration timeout) throws GatewayException;
    }

    private record Cached(String token, Instant staleAt) {
        @Override
        public String toString() {
            return "Cached[token=***, staleAt=" + staleAt + "]";
        }
    }

    private final Issuer issuer;
    private final Clock clock;
    private final ReentrantLock issuing = new ReentrantLock();
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    MessageCentralTokens(Issuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The cached token while it is fresh, else a new one, waiting at most {@code timeout} in all. */
    String current(Duration timeout) throws GatewayException {
        String fresh = fresh();
        if (fresh != null) {
            return fresh;
        }
        long start = System.nanoTime();
        try {
            if (!issuing.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new GatewayException.Unreachable("no MessageCentral login token within " + timeout.toSeconds() + " s",
                        false, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.Unreachable("the server was shutting down", false, null);
        }
        try {
            fresh = fresh();
            if (fresh != null) {
                return fresh;
            }
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            String issued = issuer.issue(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
            cached.set(new Cached(issued, staleAt(issued, clock.instant())));
            return issued;
        } finally {
            issuing.unlock();
        }
    }

    /**
     * Drops {@code token} after MessageCentral refused it, unless another thread already replaced it:
     * many sends refused with the same token then cause one new token, not one each.
     */
    void invalidate(String token) {
        Cached seen = cached.get();
        if (seen != null && seen.token().equals(token)) {
            cached.compareAndSet(seen, null);
        }
    }

    private String fresh() {
        Cached seen = cached.get();
        return seen != null && clock.instant().isBefore(seen.staleAt()) ? seen.token() : null;
    }

    /** When {@code token} should no longer be used: {@link #MARGIN} before its JWT {@code exp}. */
    static Instant staleAt(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return now.plus(UNREADABLE_EXPIRY);
        }
        try {
            JsonNode exp = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
            return exp.canConvertToLong() ? Instant.ofEpochSecond(exp.longValue()).minus(MARGIN) : now.plus(UNREADABLE_EXPIRY);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            return now.plus(UNREADABLE_EXPIRY);
        }
    }
}

package io.github.twiliosmsmcp.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in people of one service, in memory: a restart signs everyone out, which costs a person
 * one paste of the token and keeps no session secret on disk.
 */
final class ReviewSessions {
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code csrf} goes into every form of the session's pages and must come back with each change. */
    record Session(String id, String csrf, Instant expiresAt) {
        boolean acceptsCsrf(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    private final Clock clock;

    ReviewSessions(Clock clock) {
        this.clock = clock;
    }

    Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        notes.keySet().retainAll(sessions.keySet());
        Session session = new Session(random(), random(), now.plus(LIFETIME));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session the cookie names, if any. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null || !clock.instant().isBefore(session.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void close(Session session) {
        sessions.remove(session.id());
        notes.remove(session.id());
    }

    /** What the last change did, shown once on the next page: the redirect after a POST loses it otherwise. */
    void note(Session session, String text) {
        notes.put(session.id(), text);
    }

    Optional<String> takeNote(Session session) {
        return Optional.ofNullable(notes.remove(session.id()));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.github.twiliosmsmcp.approval;

import io.github.twiliosmsmcp.delivery.SendRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One staged message, one version of it: its content never changes once staged (an edit stages a
 * new version that {@code replaces} this one), so an approval given for {@link #digest()} is an
 * approval of exactly this recipient, sender, text and media.
 *
 * @param state as stored; {@link #stateAt} says whether it has expired meanwhile
 * @param reason why it was rejected, or what became of its send
 */
public record Staged(long id, String account, SendRequest.Kind kind, String to, Optional<String> from, String body,
        List<String> media, Optional<String> inReplyTo, Priority priority, Optional<String> notes, Optional<Long> replaces,
        StagedState state, Optional<String> reason, Optional<String> decidedBy, Optional<Instant> decidedAt,
        Instant createdAt, Instant expiresAt, int segments, String encoding, BigDecimal estimateUsd,
        Optional<String> messageSid) {

    public Staged {
        media = List.copyOf(media);
    }

    public StagedState stateAt(Instant now) {
        return state.open() && !now.isBefore(expiresAt) ? StagedState.EXPIRED : state;
    }

    /** What a person approves: the content, so that approving one version never approves another. */
    public String digest() {
        return digestOf(kind, to, from, body, media);
    }

    static String digestOf(SendRequest.Kind kind, String to, Optional<String> from, String body, List<String> media) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(kind.name(), to, from.orElse(""), body, String.join("\n", media))) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The send this staged message becomes once approved: its key makes every later attempt a repeat. */
    public SendRequest request() {
        return new SendRequest(kind, to, from, body, media, Optional.of(idempotencyKey(id)), inReplyTo);
    }

    static String idempotencyKey(long id) {
        return ApprovalService.RESERVED_KEY_PREFIX + id;
    }
}

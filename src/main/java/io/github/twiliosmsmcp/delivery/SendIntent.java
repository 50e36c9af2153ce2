package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;

/**
 * One send about to happen, as the journal keys it. Two sends are the same message when the
 * account, recipient, text and media are the same; the sender and the {@code provider} (the
 * {@link io.github.twiliosmsmcp.sms.Provider#name()} of the gateway that sends it) are left out on
 * purpose, so that a model cannot repeat a message by naming another {@code from}, nor a message go
 * out through two providers. A dry-run intent is recorded so that
 * it counts against the limits of a dry run, but it never blocks a real send. {@code inReplyTo} is the
 * SID of the inbound message a reply answers.
 */
public record SendIntent(
        String account,
        String provider,
        String to,
        String sender,
        String body,
        List<String> mediaUrls,
        Optional<String> idempotencyKey,
        Instant at,
        Duration window,
        Owner owner,
        BigDecimal estimatedUsd,
        boolean dryRun,
        Optional<String> inReplyTo) {

    /**
     * The least time a send whose outcome is uncertain (pending, or unknown) blocks the same message.
     * The window may be 0, since it is about repeats of finished sends; an uncertain send may still
     * turn up in Twilio's message list, and its retry must not go out first. A day outlasts any retry
     * by a model, a client or a restarted server, and gives every one of them a reconciliation.
     */
    public static final Duration UNCERTAIN_HOLD = Duration.ofHours(24);

    public SendIntent {
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** How long after it an uncertain send still blocks this message: the window, but at least the hold. */
    public Duration uncertainWindow() {
        return window.compareTo(UNCERTAIN_HOLD) > 0 ? window : UNCERTAIN_HOLD;
    }

    /** Which process wrote an intent, so that a later process can tell a dead writer from a busy one. */
    public record Owner(String host, long pid, Instant started) {
        /** This process; the host name is looked up once, since a slow resolver can take seconds. */
        public static Owner current() {
            return Self.OWNER;
        }

        /** True only when the writer certainly no longer runs: same host, and no such live process. */
        public boolean isGone() {
            if (!current().host.equals(host)) {
                return false;
            }
            return ProcessHandle.of(pid)
                    .map(p -> !p.isAlive() || !p.info().startInstant().map(s -> s.equals(started)).orElse(true))
                    .orElse(true);
        }
    }

    private static final class Self {
        static final Owner OWNER = lookUp();

        /**
         * {@code SMS_HOST_NAME} names the host where the machine's name does not tell hosts apart
         * (containers that share one, or several hosts simulated on one machine by a test).
         */
        private static Owner lookUp() {
            ProcessHandle self = ProcessHandle.current();
            String host = Environment.ofSystem().get(Settings.HOST_NAME).orElseGet(Self::machineName);
            return new Owner(host, self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
        }

        private static String machineName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "unknown";
            }
        }
    }

    /** A digest of what makes two sends the same message, so the journal need not compare bodies. */
    public String messageKey() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(account, to, body)) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            for (String url : mediaUrls) {
                digest.update(url.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package io.github.twiliosmsmcp.sms;

import java.util.Locale;

/**
 * Twilio's message statuses, to which other providers' are mapped. Final ones never change again, so
 * waiting on them can stop.
 */
public enum MessageStatus {
    ACCEPTED(1),
    SCHEDULED(1),
    QUEUED(2),
    SENDING(3),
    SENT(4),
    DELIVERED(6),
    UNDELIVERED(6),
    FAILED(6),
    CANCELED(6),
    RECEIVING(3),
    RECEIVED(6),
    READ(7),
    PARTIALLY_DELIVERED(5),
    UNKNOWN(0);

    /**
     * How far along its life a message with this status is. Reports of a status (polling, status
     * callbacks) arrive late, repeated and out of order: only one further along replaces what is known.
     */
    private final int stage;

    /** The stage of every final status: {@link #READ} alone comes after it. */
    private static final int FINAL = 6;

    MessageStatus(int stage) {
        this.stage = stage;
    }

    public boolean isFinal() {
        return stage >= FINAL;
    }

    /**
     * Whether a report of this status tells more than {@code known} does, so that it may replace it.
     * A final status is replaced by no other, except that a delivered message can later be read; an
     * earlier status never replaces a later one, and a repeat replaces nothing.
     */
    public boolean supersedes(MessageStatus known) {
        return stage > known.stage;
    }

    /** Statuses Twilio adds later must not break a send that has already happened. */
    public static MessageStatus of(String twilioValue) {
        if (twilioValue == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(twilioValue.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public String twilioValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package io.github.twiliosmsmcp.sms;

import java.util.Locale;

/** Twilio's message statuses. Final ones never change again, so waiting on them can stop. */
public enum MessageStatus {
    ACCEPTED(false),
    SCHEDULED(false),
    QUEUED(false),
    SENDING(false),
    SENT(false),
    DELIVERED(true),
    UNDELIVERED(true),
    FAILED(true),
    CANCELED(true),
    RECEIVING(false),
    RECEIVED(true),
    READ(true),
    PARTIALLY_DELIVERED(false),
    UNKNOWN(false);

    private final boolean isFinal;

    MessageStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    public boolean isFinal() {
        return isFinal;
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

package io.github.twiliosmsmcp.approval;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a staged message stands. {@link #EXPIRED} is never stored: a pending or approved message
 * whose time ran out reads as expired, so no timer has to run for it.
 */
public enum StagedState {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    SENT,
    FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StagedState> parse(String text) {
        for (StagedState state : values()) {
            if (state.value().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** Still waiting for a person or for send_approved_sms: only these can expire. */
    public boolean open() {
        return this == PENDING || this == APPROVED;
    }
}

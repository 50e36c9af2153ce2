package io.github.twiliosmsmcp.policy;

import java.util.Locale;
import java.util.Optional;

/** How the owner lets the server send: for real, only pretend, or not at all. */
public enum Mode {
    LIVE("live"),
    DRY_RUN("dry-run"),
    RECEIVE_ONLY("receive-only");

    public static final String SETTING = "SMS_MODE";

    private final String value;

    Mode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Mode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normal = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Mode mode : values()) {
            if (mode.value.equals(normal) || mode.value.replace("-", "").equals(normal)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}

package io.github.twiliosmsmcp.approval;

import java.util.Locale;
import java.util.Optional;

/** How soon the person should look at a staged message: the review queue shows urgent ones first. */
public enum Priority {
    URGENT,
    HIGH,
    NORMAL,
    LOW;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> parse(String text) {
        for (Priority priority : values()) {
            if (priority.value().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}

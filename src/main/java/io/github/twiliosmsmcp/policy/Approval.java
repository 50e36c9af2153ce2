package io.github.twiliosmsmcp.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which sends a person must approve before they go out, and how long a staged message waits for
 * that approval before it expires.
 */
public record Approval(Rule rule, Duration ttl) {
    public static final String SETTING = "SMS_APPROVAL";
    public static final String TTL_SETTING = "SMS_APPROVAL_TTL";

    /** Nothing to approve: what a server without the setting does. */
    public static final Approval OFF = new Approval(Rule.OFF, Duration.ofHours(24));

    public enum Rule {
        OFF("off"),
        ALL("all"),
        /** Numbers this account has neither texted nor heard from before. */
        NEW_RECIPIENTS("new-recipients");

        private final String value;

        Rule(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Rule> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String normal = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Rule rule : values()) {
                if (rule.value.equals(normal)) {
                    return Optional.of(rule);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether a send to a recipient needs a person first; {@code known} says we texted or heard from them before. */
    public boolean required(boolean known) {
        return switch (rule) {
            case OFF -> false;
            case ALL -> true;
            case NEW_RECIPIENTS -> !known;
        };
    }
}

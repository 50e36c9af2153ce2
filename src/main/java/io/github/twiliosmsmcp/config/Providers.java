package io.github.twiliosmsmcp.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which providers send, as the owner chose them: the {@code first}, and the {@code fallback} that takes
 * a message only when the first one certainly did not accept it. Receiving is Twilio's whatever sends.
 */
public record Providers(String first, Optional<String> fallback) {
    public static final String TWILIO = "twilio";
    public static final String MESSAGECENTRAL = "messagecentral";

    public boolean uses(String provider) {
        return first.equals(provider) || fallback.map(provider::equals).orElse(false);
    }

    /** How the start-up log and the docs name the choice. */
    public String describe() {
        return title(first) + fallback.map(f -> ", falling back to " + title(f)).orElse("");
    }

    static String title(String provider) {
        return provider.equals(MESSAGECENTRAL) ? "MessageCentral" : "Twilio";
    }

    /** A provider's name as the settings take it, case aside; empty when it names none. */
    static Optional<String> parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        return name.equals(TWILIO) || name.equals(MESSAGECENTRAL) ? Optional.of(name) : Optional.empty();
    }
}

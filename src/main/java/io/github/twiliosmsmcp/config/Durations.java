package io.github.twiliosmsmcp.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads spans of time as people write them: {@code 30m}, {@code 2h}, {@code 2 days}, {@code PT45M}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile(
            "(\\d{1,6})\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)");

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(lower);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2).charAt(0)) {
                case 's' -> Duration.ofSeconds(1);
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                case 'd' -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return Optional.of(unit.multipliedBy(amount));
        }
        if (lower.startsWith("p")) {
            try {
                Duration d = Duration.parse(lower.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A short human form: 10 min, 2 h, 90 s. */
    public static String describe(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86400 == 0 && seconds > 0) {
            return seconds / 86400 + " d";
        }
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}

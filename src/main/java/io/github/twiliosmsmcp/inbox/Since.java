package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.config.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads the {@code since} argument: an ISO-8601 time or date, or a look-back such as {@code 30m},
 * {@code 2h}, {@code 2d} or {@code PT45M}. Times without a zone are taken as UTC, which the answer
 * states, because the server cannot know the user's zone.
 *
 * <p>The start lies between 2008 and now. Nothing older can exist, and the bound also keeps the date
 * within what the Twilio SDK can write: it formats years as year-of-era, which turns a year before 1
 * into a positive one.
 */
public final class Since {
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(7);
    /** When Twilio's SMS service began. */
    public static final Instant EARLIEST = Instant.parse("2008-01-01T00:00:00Z");
    private static final String TOO_EARLY = "'since' is before 2008-01-01, when Twilio's SMS service began;"
            + " give a later time or a shorter look-back such as 2d";

    private Since() {}

    /** The start time, or why the text could not be read. */
    public record Parsed(Optional<Instant> start, Optional<String> problem) {
        static Parsed ok(Instant start) {
            return new Parsed(Optional.of(start), Optional.empty());
        }

        static Parsed bad(String problem) {
            return new Parsed(Optional.empty(), Optional.of(problem));
        }
    }

    public static Parsed parse(String raw, Instant now) {
        if (raw == null || raw.isBlank()) {
            return Parsed.ok(now.minus(DEFAULT_LOOK_BACK));
        }
        String text = raw.strip();
        Optional<Duration> lookBack = Durations.parse(text);
        // Checked before subtracting: a look-back of millions of years is beyond what an Instant holds.
        if (lookBack.isPresent() && lookBack.get().compareTo(Duration.between(EARLIEST, now)) > 0) {
            return Parsed.bad(TOO_EARLY);
        }
        Optional<Instant> start = lookBack.map(now::minus).or(() -> pointInTime(text));
        if (start.isEmpty()) {
            return Parsed.bad("'since' must be an ISO-8601 time such as 2026-11-21T09:30:00Z, a date such as 2026-11-21,"
                    + " or a look-back such as 30m, 2h or 2d");
        }
        if (start.get().isBefore(EARLIEST)) {
            return Parsed.bad(TOO_EARLY);
        }
        if (start.get().isAfter(now.plusSeconds(60))) {
            return Parsed.bad("'since' is in the future (" + start.get() + "); give a past time or a look-back such as 2h");
        }
        return Parsed.ok(start.get());
    }

    private static Optional<Instant> pointInTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException ignored) {
            // not a time with an offset: try the forms without one
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            // not a local time either
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

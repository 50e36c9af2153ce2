package io.github.twiliosmsmcp.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily window of recipient-local wall-clock time during which messages should not be sent,
 * for example 21:00-08:00.
 *
 * <p>The window starts at {@code start} (inclusive) and ends at {@code end} (exclusive). When
 * {@code start} is later than {@code end} the window wraps midnight. Times are wall-clock times in
 * the recipient's zone, because "do not text people at night" is about what their clock shows:
 * on the night clocks go back, an hour of the window is lived through twice and is quiet both
 * times.
 *
 * @param start the first quiet moment of the day
 * @param end the first moment after the window; never equal to {@code start}
 */
public record QuietHours(LocalTime start, LocalTime end) {

    // 24-hour "H:mm" or "HH:mm", optional spaces around a hyphen or en/em dash. 12-hour forms
    // ("9pm-8am") are refused rather than guessed at: "12am" is read differently by different
    // people, and a quiet-hours window off by twelve hours would be worse than an error.
    private static final Pattern RANGE =
            Pattern.compile("(\\d{1,2}):(\\d{2})\\s*[-\u2013\u2014]\\s*(\\d{1,2}):(\\d{2})");
    private static final Pattern TWELVE_HOUR = Pattern.compile("(?i).*\\d\\s*[ap]\\.?m\\.?.*");
    private static final String OFF = "off";
    private static final String EXPECTED =
            "expected a 24-hour range such as 21:00-08:00 (start inclusive, end exclusive), or off";

    // Long enough for any window; stops a runaway search if zone rules ever misbehaved.
    private static final int MAX_SEARCH_STEPS = 1_000;

    // Far enough ahead to cross any daylight-saving change and the next day's window in every
    // zone; a common opening not found by then does not exist (see check).
    private static final long SEARCH_DAYS = 7;

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            // Ambiguous: it could mean "never quiet" or "always quiet". "off" says the former,
            // and nobody should configure the latter.
            throw new IllegalArgumentException("quiet hours cannot start and end at the same time ("
                    + start + "); use a range such as 21:00-08:00, or off");
        }
    }

    /**
     * Reads quiet hours as written in configuration.
     *
     * <p>Accepted: {@code "21:00-08:00"}, {@code "21:00 - 8:00"}, {@code "9:30–17:00"} (24-hour
     * H:mm or HH:mm, optional spaces, hyphen or dash), and {@code "off"} (any case) for no quiet
     * hours. Surrounding whitespace is ignored.
     *
     * @return the quiet hours, or empty for {@code "off"}
     * @throws IllegalArgumentException for anything else, including null, blank, 12-hour times
     *     such as "9pm-8am", 24:00, and a window that starts when it ends
     */
    public static Optional<QuietHours> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("quiet hours are empty: " + EXPECTED);
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase(OFF)) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(trimmed);
        if (!m.matches()) {
            String hint = TWELVE_HOUR.matcher(trimmed).matches()
                    ? "12-hour times are not accepted; " + EXPECTED
                    : EXPECTED;
            throw new IllegalArgumentException("quiet hours " + shown(trimmed) + " are not valid: " + hint);
        }
        LocalTime start = time(m.group(1), m.group(2), trimmed);
        LocalTime end = time(m.group(3), m.group(4), trimmed);
        return Optional.of(new QuietHours(start, end));
    }

    private static LocalTime time(String hours, String minutes, String whole) {
        try {
            return LocalTime.of(Integer.parseInt(hours), Integer.parseInt(minutes));
        } catch (DateTimeException e) {
            String extra = hours.equals("24") ? "; write midnight as 00:00" : "";
            throw new IllegalArgumentException("quiet hours " + shown(whole) + " are not valid: "
                    + hours + ":" + minutes + " is not a time of day (hours 0-23, minutes 0-59)" + extra, e);
        }
    }

    /** Whether wall-clock time {@code t} falls inside the window. */
    public boolean isQuiet(LocalTime t) {
        Objects.requireNonNull(t, "t");
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    /**
     * The first instant strictly after {@code localNow} at which the window ends in
     * {@code localNow}'s zone, expressed in that zone. Called during quiet hours it says when
     * they are over; called outside them it gives the end of the next window.
     *
     * <p>Daylight-saving changes are followed by wall-clock time:
     * <ul>
     *   <li>If the end time does not exist that day (it falls in a spring-forward gap, such as
     *       02:30 when clocks jump from 02:00 to 03:00), the window ends the moment the gap does
     *       (03:00), because from then on the clock shows a time past the end. Java's default
     *       resolution would say 03:30, half an hour after {@link #isQuiet} stops saying quiet.
     *   <li>If the end time happens twice (it falls in a fall-back overlap), each occurrence
     *       ends the window, since the repeated hour before it is quiet again.
     * </ul>
     */
    public ZonedDateTime opensAt(ZonedDateTime localNow) {
        Objects.requireNonNull(localNow, "localNow");
        ZoneId zone = localNow.getZone();
        Instant now = localNow.toInstant();
        // Today's end may be past; tomorrow's is ahead. Later days only matter for a zone that
        // skipped a whole calendar day (Pacific/Apia did in 2011).
        LocalDate today = localNow.toLocalDate();
        for (int days = 0; days <= 3; days++) {
            for (Instant candidate : endsOn(today.plusDays(days), zone)) {
                if (candidate.isAfter(now)) {
                    return ZonedDateTime.ofInstant(candidate, zone);
                }
            }
        }
        throw new IllegalStateException("no end of quiet hours found after " + localNow);
    }

    private List<Instant> endsOn(LocalDate day, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime wallClock = day.atTime(end);
        List<ZoneOffset> offsets = rules.getValidOffsets(wallClock);
        if (offsets.isEmpty()) {
            return List.of(rules.getTransition(wallClock).getInstant());
        }
        // One offset normally, two (earlier first) in an overlap.
        List<Instant> ends = new ArrayList<>(offsets.size());
        for (ZoneOffset offset : offsets) {
            ends.add(wallClock.toInstant(offset));
        }
        return ends;
    }

    /** The window as {@code "21:00-08:00"}, the form {@link #parse} reads. */
    public String describe() {
        return start + "-" + end;
    }

    /**
     * Whether {@code now} is inside quiet hours for a recipient who may be in any of
     * {@code zones} (libphonenumber names several when a number's area spans zones, or for mobile
     * and non-geographic numbers, any zone of the country). It is quiet if it is quiet in any one
     * of them: the recipient could be there.
     *
     * <p>{@link Quiet#opensAt()} is the earliest instant at or after {@code now} that is outside
     * quiet hours in every zone. That is at least the latest window end among the zones quiet now,
     * and can be later: at 21:30 in New York it is 20:30 in Chicago, not quiet, but by the time New
     * York's window ends at 08:00 Chicago's clock shows 07:00, so the answer is 08:00 Chicago time.
     *
     * <p>If no such instant exists within a week, {@code opensAt} is the latest window end among
     * the zones quiet now, and at that instant some other zone is already quiet again. That
     * happens only when the zones' clocks are spread over more hours than the window leaves open:
     * New York and Tokyo (11 hours apart on the clock face) with quiet hours 18:00-10:00 (8 open
     * hours), or the 42 zones libphonenumber gives a North American toll-free or area-code-500
     * number (Twilio's test numbers included), whose clocks span 11.5 hours in summer, with
     * 20:00-09:00. With 21:00-08:00 those numbers have a common opening of 1.5 hours a day in
     * summer (22:00-23:30 UTC) and 2.5 in winter.
     *
     * @param zones the zones the recipient may be in; empty means unknown, which is reported as
     *     not quiet (whether to send then is the caller's policy)
     * @return empty when no zone is quiet at {@code now}
     */
    public Optional<Quiet> check(Instant now, List<ZoneId> zones) {
        Objects.requireNonNull(now, "now");
        List<ZoneId> distinct = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(zones, "zones")));
        ZoneId reported = null;
        Instant latestEnd = null;
        for (ZoneId zone : distinct) {
            ZonedDateTime local = now.atZone(zone);
            if (isQuiet(local.toLocalTime())) {
                Instant end = opensAt(local).toInstant();
                // The zone that keeps it quiet longest explains the wait best; ties keep the
                // caller's order.
                if (latestEnd == null || end.isAfter(latestEnd)) {
                    latestEnd = end;
                    reported = zone;
                }
            }
        }
        if (reported == null) {
            return Optional.empty();
        }
        Instant opens = firstInstantQuietNowhere(now, distinct).orElse(latestEnd);
        return Optional.of(new Quiet(reported, now.atZone(reported), opens));
    }

    /**
     * Jumps from window end to window end until an instant is quiet in no zone. Every zone quiet
     * at a step stays quiet until its own window ends, so no earlier instant can be clear: the
     * first clear instant found this way is the earliest one.
     */
    private Optional<Instant> firstInstantQuietNowhere(Instant from, List<ZoneId> zones) {
        Instant limit = from.plus(SEARCH_DAYS, ChronoUnit.DAYS);
        Instant t = from;
        for (int step = 0; step < MAX_SEARCH_STEPS && !t.isAfter(limit); step++) {
            Instant latestEnd = null;
            for (ZoneId zone : zones) {
                ZonedDateTime local = t.atZone(zone);
                if (isQuiet(local.toLocalTime())) {
                    Instant end = opensAt(local).toInstant();
                    if (latestEnd == null || end.isAfter(latestEnd)) {
                        latestEnd = end;
                    }
                }
            }
            if (latestEnd == null) {
                return Optional.of(t);
            }
            t = latestEnd;
        }
        return Optional.empty();
    }

    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder safe = new StringBuilder(cut.length() + 2).append('"');
        cut.codePoints().forEach(cp -> safe.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return safe.append('"').toString();
    }

    /**
     * Quiet hours are in force for a recipient.
     *
     * @param zone a zone in which it is quiet now: of those, the one whose window ends last
     * @param localTime the current time in {@code zone}
     * @param opensAt the earliest instant at which it is not quiet in any of the recipient's
     *     zones (see {@link QuietHours#check} for the one exception)
     */
    public record Quiet(ZoneId zone, ZonedDateTime localTime, Instant opensAt) {
        public Quiet {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(localTime, "localTime");
            Objects.requireNonNull(opensAt, "opensAt");
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

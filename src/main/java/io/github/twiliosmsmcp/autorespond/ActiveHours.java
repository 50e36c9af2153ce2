package io.github.twiliosmsmcp.autorespond;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a rule may answer, in the owner's wall-clock time: windows such as {@code Mon-Fri 09:00-17:00},
 * several separated by {@code ;}. A window that ends before it starts runs past midnight into the
 * next day ({@code Fri-Sat 22:00-02:00} includes Saturday 01:00). Only the local time of day is
 * compared, so a daylight-saving change moves nothing: 09:00 is 09:00 on either side of it, and a
 * time the change skips simply does not occur that day.
 */
public record ActiveHours(String text, List<Window> windows) {
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** {@code end} is exclusive; {@code endOfDay} stands for 24:00. */
    public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean endOfDay) {
        boolean acrossMidnight() {
            return !endOfDay && !end.isAfter(start);
        }

        boolean includes(DayOfWeek day, LocalTime time) {
            if (acrossMidnight()) {
                return days.contains(day) && !time.isBefore(start) || days.contains(day.minus(1)) && time.isBefore(end);
            }
            return days.contains(day) && !time.isBefore(start) && (endOfDay || time.isBefore(end));
        }
    }

    public ActiveHours {
        windows = List.copyOf(windows);
    }

    public boolean includes(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return windows.stream().anyMatch(w -> w.includes(local.getDayOfWeek(), local.toLocalTime()));
    }

    /** Reads {@code text}; IllegalArgumentException says, for a model, what is wrong. */
    public static ActiveHours parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("'active_hours' is empty; give days and times such as Mon-Fri 09:00-17:00");
        }
        List<Window> windows = new ArrayList<>();
        for (String part : trimmed.split(";")) {
            windows.add(window(part.strip()));
        }
        return new ActiveHours(trimmed, windows);
    }

    private static Window window(String part) {
        String[] words = part.split("\\s+");
        if (words.length > 2 || words[0].isEmpty()) {
            throw invalid(part);
        }
        Set<DayOfWeek> days = words.length == 2 ? days(words[0], part) : EnumSet.allOf(DayOfWeek.class);
        String[] times = words[words.length - 1].split("-");
        if (times.length != 2) {
            throw invalid(part);
        }
        LocalTime start = time(times[0], part);
        boolean endOfDay = times[1].equals("24:00");
        LocalTime end = endOfDay ? LocalTime.MIDNIGHT : time(times[1], part);
        if (!endOfDay && end.equals(start)) {
            throw new IllegalArgumentException("'" + part + "' starts and ends at the same time; for a whole day write"
                    + " 00:00-24:00");
        }
        return new Window(days, start, end, endOfDay);
    }

    private static Set<DayOfWeek> days(String text, String part) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",")) {
            String[] range = item.split("-");
            if (range.length > 2) {
                throw invalid(part);
            }
            DayOfWeek from = day(range[0], part);
            DayOfWeek to = day(range[range.length - 1], part);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String part) {
        String name = text.toLowerCase(Locale.ROOT);
        int index = name.length() >= 3 ? DAY_NAMES.indexOf(name.substring(0, 3)) : -1;
        if (index < 0 || name.length() > 3 && !DayOfWeek.of(index + 1).name().equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("'" + text + "' in '" + part + "' is not a day; use Mon, Tue, Wed, Thu,"
                    + " Fri, Sat or Sun");
        }
        return DayOfWeek.of(index + 1);
    }

    private static LocalTime time(String text, String part) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' in '" + part + "' is not a time; use 24-hour HH:MM");
        }
    }

    private static IllegalArgumentException invalid(String part) {
        return new IllegalArgumentException("'" + part + "' is not a window; write days and times such as"
                + " Mon-Fri 09:00-17:00 or Sat 22:00-02:00, several separated by ;");
    }
}

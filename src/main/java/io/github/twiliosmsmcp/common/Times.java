package io.github.twiliosmsmcp.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as answers show them: UTC, to the second, with the zone written out, and ISO years (year 0 is 0000). */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}

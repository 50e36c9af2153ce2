package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinceTest {

    // Fixed so that every expected instant below can be written out literally.
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static Instant startOf(String raw) {
        Since.Parsed parsed = Since.parse(raw, NOW);
        assertEquals(Optional.empty(), parsed.problem(), () -> "unexpected problem for '" + raw + "'");
        return parsed.start().orElseThrow();
    }

    private static String problemOf(String raw) {
        Since.Parsed parsed = Since.parse(raw, NOW);
        assertEquals(Optional.empty(), parsed.start(), () -> "expected '" + raw + "' to be refused");
        return parsed.problem().orElseThrow();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void missingMeansOneWeekBack(String raw) {
        assertEquals(NOW.minus(Duration.ofDays(7)), startOf(raw));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            45s          | 2026-11-22T11:59:15Z
            30m          | 2026-11-22T11:30:00Z
            2h           | 2026-11-22T10:00:00Z
            2d           | 2026-11-20T12:00:00Z
            1w           | 2026-11-15T12:00:00Z
            0m           | 2026-11-22T12:00:00Z
            90 minutes   | 2026-11-22T10:30:00Z
            1 hour       | 2026-11-22T11:00:00Z
            3 hrs        | 2026-11-22T09:00:00Z
            10 secs      | 2026-11-22T11:59:50Z
            2 days       | 2026-11-20T12:00:00Z
            2 weeks      | 2026-11-08T12:00:00Z
            2H           | 2026-11-22T10:00:00Z
            '  30m  '    | 2026-11-22T11:30:00Z
            PT45M        | 2026-11-22T11:15:00Z
            pt45m        | 2026-11-22T11:15:00Z
            P2D          | 2026-11-20T12:00:00Z
            P1DT2H       | 2026-11-21T10:00:00Z
            """)
    void lookBacks(String raw, String expected) {
        assertEquals(Instant.parse(expected), startOf(raw));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-21T09:30:00Z         | 2026-11-21T09:30:00Z
            2026-11-21T09:30:00.250Z     | 2026-11-21T09:30:00.250Z
            2026-11-21T09:30:00+02:00    | 2026-11-21T07:30:00Z
            2026-11-21T09:30:00-05:00    | 2026-11-21T14:30:00Z
            2026-11-21T09:30             | 2026-11-21T09:30:00Z
            2026-11-21T09:30:15          | 2026-11-21T09:30:15Z
            2026-11-21                   | 2026-11-21T00:00:00Z
            2026-11-22                   | 2026-11-22T00:00:00Z
            """)
    void pointsInTime(String raw, String expected) {
        assertEquals(Instant.parse(expected), startOf(raw));
    }

    // A clock a little ahead of Twilio's must not turn "now" into an error.
    @Test
    void aFewSecondsAheadIsTolerated() {
        assertEquals(NOW.plusSeconds(30), startOf("2026-11-22T12:00:30Z"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "yesterday", "-5m", "P-1D", "PT-5M", "5", "m", "5 fortnights", "1mo", "P1M", "2026-13-01",
            "2026-11-21T25:00", "21/11/2026", "2026-11-21 09:30", "1234567m", "now"})
    void unreadableTextIsRefusedWithTheAcceptedForms(String raw) {
        String problem = problemOf(raw);

        assertTrue(problem.contains("ISO-8601") && problem.contains("30m"), problem);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"2026-11-22T12:01:01Z", "2026-11-23", "2099-01-01T00:00:00Z", "2026-11-22T14:00:00+01:00",
            "+10000-01-01", "+999999999-12-31T23:59:59Z"})
    void futureTimesAreRefused(String raw) {
        String problem = problemOf(raw);

        assertTrue(problem.contains("future"), problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"x", "9", "P9", "2026-11-21T"})
    void tenKilobytesOfJunkIsRefusedQuickly(String unit) {
        String junk = unit.repeat(10_240 / unit.length());

        Since.Parsed parsed = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Since.parse(junk, NOW));

        assertAll(
                () -> assertEquals(Optional.empty(), parsed.start()),
                () -> assertTrue(parsed.problem().isPresent()),
                // The answer goes back to the model: the junk must not be echoed into it.
                () -> assertTrue(parsed.problem().orElseThrow().length() < 300));
    }

    @Test
    void hugeDurationIsRefusedRatherThanThrown() {
        String problem = problemOf("PT9999999999999999H");

        assertTrue(problem.contains("ISO-8601"), problem);
    }

    // Twilio's SMS began in 2008; earlier dates also went to Twilio with a flipped sign (year of era).
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"-999999999-01-01", "0000-01-01", "0001-01-01", "1970-01-01T00:00:00Z",
            "2007-12-31T23:59:59Z", "2008-01-01T01:00:00+02:00", "P9999999999D", "P999999999999D", "999999w",
            "999999 days"})
    void timesBefore2008AreRefused(String raw) {
        String problem = problemOf(raw);

        assertTrue(problem.contains("before 2008-01-01"), problem);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2008-01-01             | 2008-01-01T00:00:00Z
            2008-01-01T00:00:00Z   | 2008-01-01T00:00:00Z
            900w                   | 2009-08-23T12:00:00Z
            """)
    void timesFrom2008OnAreAccepted(String raw, String expected) {
        assertEquals(Instant.parse(expected), startOf(raw));
    }

    @Test
    void aLookBackToExactly2008IsAccepted() {
        Duration toEarliest = Duration.between(Instant.parse("2008-01-01T00:00:00Z"), NOW);

        assertEquals(Instant.parse("2008-01-01T00:00:00Z"), startOf(toEarliest.toString()));
        assertTrue(problemOf(toEarliest.plusSeconds(1).toString()).contains("before 2008-01-01"));
    }
}

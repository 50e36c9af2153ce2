package io.github.twiliosmsmcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final QuietHours NIGHT = hours("21:00-08:00");

    private static QuietHours hours(String text) {
        return QuietHours.parse(text).orElseThrow();
    }

    private static ZonedDateTime at(String offsetDateTime, ZoneId zone) {
        // The offset pins which of two repeated wall-clock times is meant on fall-back nights.
        return OffsetDateTime.parse(offsetDateTime).atZoneSameInstant(zone);
    }

    @Nested
    class Parse {

        @ParameterizedTest(name = "\"{0}\" -> {1}-{2}")
        @CsvSource(delimiter = '|', textBlock = """
                21:00-08:00        | 21:00 | 08:00
                21:00 - 8:00       | 21:00 | 08:00
                9:30-17:00         | 09:30 | 17:00
                '  22:15–06:45  '  | 22:15 | 06:45
                23:00—7:00         | 23:00 | 07:00
                00:00-06:00        | 00:00 | 06:00
                23:59-00:00        | 23:59 | 00:00
                0:00-0:01          | 00:00 | 00:01
                '21:00\t-\t08:00'  | 21:00 | 08:00
                """)
        void readsRanges(String text, LocalTime start, LocalTime end) {
            assertEquals(Optional.of(new QuietHours(start, end)), QuietHours.parse(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"off", "OFF", " Off ", "oFf"})
        void offMeansNone(String text) {
            assertEquals(Optional.empty(), QuietHours.parse(text));
        }

        @ParameterizedTest(name = "\"{0}\" -> message mentions \"{1}\"")
        @CsvSource(delimiter = '|', textBlock = """
                21:00              | 24-hour range such as 21:00-08:00
                21-08              | 24-hour range such as 21:00-08:00
                21.00-08.00        | 24-hour range such as 21:00-08:00
                2100-0800          | 24-hour range such as 21:00-08:00
                21:00 to 08:00     | 24-hour range such as 21:00-08:00
                21:00-08:00-09:00  | 24-hour range such as 21:00-08:00
                21:0-08:00         | 24-hour range such as 21:00-08:00
                121:00-08:00       | 24-hour range such as 21:00-08:00
                -21:00-08:00       | 24-hour range such as 21:00-08:00
                on                 | 24-hour range such as 21:00-08:00
                9pm-8am            | 12-hour times are not accepted
                9 PM - 8 AM        | 12-hour times are not accepted
                9:00pm-8:00am      | 12-hour times are not accepted
                21:00-24:00        | write midnight as 00:00
                25:00-08:00        | 25:00 is not a time of day
                21:60-08:00        | 21:60 is not a time of day
                21:00-21:00        | cannot start and end at the same time
                8:00-08:00         | cannot start and end at the same time
                """)
        void rejectsWithAClearMessage(String text, String expectedInMessage) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuietHours.parse(text));
            assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void rejectsNothing(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuietHours.parse(text));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }

        @Test
        void doesNotEchoLongInput() {
            String junk = "x".repeat(10_000);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuietHours.parse(junk));
            assertTrue(e.getMessage().length() < 250, e.getMessage());
        }

        @Test
        void doesNotEchoControlCharacters() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("21:00\u001b[2J-08:00"));
            assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        }

        @Test
        void constructorRefusesAnEmptyWindowAndNulls() {
            assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
            assertThrows(NullPointerException.class, () -> new QuietHours(null, LocalTime.NOON));
            assertThrows(NullPointerException.class, () -> new QuietHours(LocalTime.NOON, null));
        }

        @ParameterizedTest
        @CsvSource({"21:00-08:00, 21:00-08:00", "21:00 - 8:00, 21:00-08:00", "9:30-17:00, 09:30-17:00",
                    "0:00-6:00, 00:00-06:00"})
        void describesInTheFormItReads(String text, String described) {
            QuietHours quietHours = hours(text);
            assertEquals(described, quietHours.describe());
            assertEquals(described, quietHours.toString());
            assertEquals(quietHours, hours(quietHours.describe()));
        }
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(textBlock = """
            21:00-08:00, 21:00,        true
            21:00-08:00, 23:00,        true
            21:00-08:00, 00:00,        true
            21:00-08:00, 07:59,        true
            21:00-08:00, 07:59:59.999, true
            21:00-08:00, 08:00,        false
            21:00-08:00, 12:00,        false
            21:00-08:00, 20:59,        false
            21:00-08:00, 20:59:59.999, false
            13:00-14:00, 13:00,        true
            13:00-14:00, 13:59:59,     true
            13:00-14:00, 14:00,        false
            13:00-14:00, 12:59:59,     false
            13:00-14:00, 00:00,        false
            00:00-06:00, 00:00,        true
            00:00-06:00, 05:59,        true
            00:00-06:00, 06:00,        false
            00:00-06:00, 23:59:59,     false
            23:59-00:00, 23:59,        true
            23:59-00:00, 23:59:59,     true
            23:59-00:00, 00:00,        false
            23:59-00:00, 23:58:59,     false
            """)
    void isQuietIncludesStartAndExcludesEnd(String window, LocalTime time, boolean quiet) {
        assertEquals(quiet, hours(window).isQuiet(time));
    }

    @Nested
    class OpensAt {

        @ParameterizedTest(name = "{0} at {1} -> {2}")
        @CsvSource(textBlock = """
                # quiet now: today's or tomorrow's end
                21:00-08:00, 2026-06-15T23:00-04:00, 2026-06-16T08:00-04:00
                21:00-08:00, 2026-06-15T21:00-04:00, 2026-06-16T08:00-04:00
                21:00-08:00, 2026-06-16T07:59-04:00, 2026-06-16T08:00-04:00
                13:00-14:00, 2026-06-15T13:30-04:00, 2026-06-15T14:00-04:00
                # not quiet now: the end of the next window
                21:00-08:00, 2026-06-16T08:00-04:00, 2026-06-17T08:00-04:00
                21:00-08:00, 2026-06-16T12:00-04:00, 2026-06-17T08:00-04:00
                13:00-14:00, 2026-06-15T12:00-04:00, 2026-06-15T14:00-04:00
                """)
        void endsAtTheEndTime(String window, String now, String expected) {
            assertEquals(OffsetDateTime.parse(expected).toInstant(),
                    hours(window).opensAt(at(now, NEW_YORK)).toInstant());
        }

        static Stream<Arguments> daylightSavingChanges() {
            return Stream.of(
                    // New York springs forward 2026-03-08: 02:00 EST becomes 03:00 EDT.
                    arguments("21:00-08:00", NEW_YORK, "2026-03-07T23:00-05:00", "2026-03-08T08:00-04:00"),
                    arguments("21:00-08:00", NEW_YORK, "2026-03-08T01:59-05:00", "2026-03-08T08:00-04:00"),
                    // 02:30 does not exist that night: quiet hours end when the gap does.
                    arguments("22:00-02:30", NEW_YORK, "2026-03-07T23:00-05:00", "2026-03-08T03:00-04:00"),
                    arguments("22:00-02:30", NEW_YORK, "2026-03-08T01:59-05:00", "2026-03-08T03:00-04:00"),
                    // The next night is ordinary again.
                    arguments("22:00-02:30", NEW_YORK, "2026-03-08T23:00-04:00", "2026-03-09T02:30-04:00"),
                    // New York falls back 2026-11-01: 02:00 EDT becomes 01:00 EST.
                    arguments("21:00-08:00", NEW_YORK, "2026-10-31T22:00-04:00", "2026-11-01T08:00-05:00"),
                    arguments("22:00-02:30", NEW_YORK, "2026-10-31T23:00-04:00", "2026-11-01T02:30-05:00"),
                    arguments("22:00-02:30", NEW_YORK, "2026-11-01T01:30-04:00", "2026-11-01T02:30-05:00"),
                    arguments("22:00-02:30", NEW_YORK, "2026-11-01T01:30-05:00", "2026-11-01T02:30-05:00"),
                    // An end inside the repeated hour ends the window each time it comes round.
                    arguments("22:00-01:30", NEW_YORK, "2026-11-01T00:30-04:00", "2026-11-01T01:30-04:00"),
                    arguments("22:00-01:30", NEW_YORK, "2026-11-01T01:10-05:00", "2026-11-01T01:30-05:00"),
                    // London springs forward 2026-03-29: 01:00 GMT becomes 02:00 BST.
                    arguments("21:00-08:00", LONDON, "2026-03-28T22:00Z", "2026-03-29T08:00+01:00"),
                    arguments("22:00-02:30", LONDON, "2026-03-29T00:30Z", "2026-03-29T02:30+01:00"),
                    arguments("22:00-01:30", LONDON, "2026-03-29T00:30Z", "2026-03-29T02:00+01:00"),
                    // London falls back 2026-10-25: 02:00 BST becomes 01:00 GMT.
                    arguments("21:00-08:00", LONDON, "2026-10-24T22:00+01:00", "2026-10-25T08:00Z"),
                    arguments("22:00-02:30", LONDON, "2026-10-25T01:30+01:00", "2026-10-25T02:30Z"),
                    arguments("22:00-02:30", LONDON, "2026-10-25T01:30Z", "2026-10-25T02:30Z"));
        }

        @ParameterizedTest(name = "{0} in {1} at {2} -> {3}")
        @MethodSource("daylightSavingChanges")
        void followsWallClockTimeAcrossDaylightSavingChanges(String window, ZoneId zone, String now, String expected) {
            QuietHours quietHours = hours(window);
            ZonedDateTime opens = quietHours.opensAt(at(now, zone));

            assertEquals(OffsetDateTime.parse(expected).toInstant(), opens.toInstant());
            assertEquals(zone, opens.getZone());
            // Consistent with isQuiet: quiet right before, not quiet at the opening.
            assertTrue(quietHours.isQuiet(opens.minusSeconds(1).toLocalTime()));
            assertFalse(quietHours.isQuiet(opens.toLocalTime()));
        }

        @Test
        void springForwardShortensTheNight() {
            ZonedDateTime now = at("2026-03-07T23:00-05:00", NEW_YORK);
            assertEquals(Duration.ofHours(8), Duration.between(now, NIGHT.opensAt(now)));
        }

        @Test
        void fallBackLengthensTheNight() {
            ZonedDateTime now = at("2026-10-31T23:00-04:00", NEW_YORK);
            assertEquals(Duration.ofHours(10), Duration.between(now, NIGHT.opensAt(now)));
        }
    }

    @Nested
    class Check {

        private Optional<QuietHours.Quiet> check(String instant, ZoneId... zones) {
            return NIGHT.check(Instant.parse(instant), List.of(zones));
        }

        @Test
        void quietInOneZone() {
            QuietHours.Quiet quiet = check("2026-06-15T02:00:00Z", NEW_YORK).orElseThrow();

            assertEquals(NEW_YORK, quiet.zone());
            assertEquals(at("2026-06-14T22:00-04:00", NEW_YORK), quiet.localTime());
            assertEquals(Instant.parse("2026-06-15T12:00:00Z"), quiet.opensAt());
        }

        @Test
        void notQuietInOneZone() {
            assertEquals(Optional.empty(), check("2026-06-15T16:00:00Z", NEW_YORK));
        }

        @Test
        void unknownZonesAreNotQuiet() {
            assertEquals(Optional.empty(), check("2026-06-15T02:00:00Z"));
        }

        @Test
        void quietInNewYorkOnlyWaitsForChicagoToo() {
            // 21:30 in New York, 20:30 in Chicago. When New York's night ends (08:00, 12:00Z)
            // Chicago's clock shows 07:00, so the first moment quiet nowhere is 08:00 Chicago.
            QuietHours.Quiet quiet = check("2026-06-15T01:30:00Z", CHICAGO, NEW_YORK).orElseThrow();

            assertEquals(NEW_YORK, quiet.zone());
            assertEquals(LocalTime.of(21, 30), quiet.localTime().toLocalTime());
            assertEquals(Instant.parse("2026-06-15T13:00:00Z"), quiet.opensAt());
            assertQuietNowhereAt(quiet.opensAt(), CHICAGO, NEW_YORK);
        }

        @Test
        void quietInChicagoOnly() {
            // 08:30 in New York (open), 07:30 in Chicago.
            QuietHours.Quiet quiet = check("2026-06-15T12:30:00Z", NEW_YORK, CHICAGO).orElseThrow();

            assertEquals(CHICAGO, quiet.zone());
            assertEquals(at("2026-06-15T07:30-05:00", CHICAGO), quiet.localTime());
            assertEquals(Instant.parse("2026-06-15T13:00:00Z"), quiet.opensAt());
        }

        @Test
        void quietInBothReportsTheZoneThatOpensLast() {
            QuietHours.Quiet quiet = check("2026-06-15T05:00:00Z", NEW_YORK, CHICAGO).orElseThrow();

            assertEquals(CHICAGO, quiet.zone());
            assertEquals(Instant.parse("2026-06-15T13:00:00Z"), quiet.opensAt());
        }

        @Test
        void zoneOrderDoesNotChangeTheOpening() {
            for (String now : List.of("2026-06-15T01:30:00Z", "2026-06-15T05:00:00Z", "2026-06-15T12:30:00Z")) {
                assertEquals(check(now, NEW_YORK, CHICAGO).map(QuietHours.Quiet::opensAt),
                        check(now, CHICAGO, NEW_YORK).map(QuietHours.Quiet::opensAt), now);
            }
        }

        @Test
        void repeatedZonesCountOnce() {
            assertEquals(check("2026-06-15T01:30:00Z", CHICAGO, NEW_YORK),
                    check("2026-06-15T01:30:00Z", CHICAGO, NEW_YORK, CHICAGO, NEW_YORK));
        }

        @ParameterizedTest(name = "{0} -> quiet until {1}")
        @CsvSource(textBlock = """
                # winter (GMT) and summer (BST)
                2026-01-10T22:30:00Z, 2026-01-11T08:00:00Z
                2026-01-11T07:59:59Z, 2026-01-11T08:00:00Z
                2026-07-10T06:30:00Z, 2026-07-10T07:00:00Z
                2026-07-10T20:00:00Z, 2026-07-11T07:00:00Z
                # the nights the clocks change
                2026-03-28T23:00:00Z, 2026-03-29T07:00:00Z
                2026-10-24T23:00:00Z, 2026-10-25T08:00:00Z
                """)
        void unitedKingdom(Instant now, Instant opens) {
            QuietHours.Quiet quiet = NIGHT.check(now, List.of(LONDON)).orElseThrow();

            assertEquals(LONDON, quiet.zone());
            assertEquals(now.atZone(LONDON), quiet.localTime());
            assertEquals(opens, quiet.opensAt());
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-11T08:00:00Z", "2026-07-10T07:00:00Z", "2026-07-10T19:59:59Z"})
        void unitedKingdomDaytime(Instant now) {
            assertEquals(Optional.empty(), NIGHT.check(now, List.of(LONDON)));
        }

        @Test
        void londonAndNewYork() {
            // 21:30 in London; London opens at 07:00Z when it is 03:00 in New York, which opens
            // at 08:00 EDT (12:00Z), by then 13:00 in London.
            QuietHours.Quiet quiet = check("2026-06-15T20:30:00Z", LONDON, NEW_YORK).orElseThrow();

            assertEquals(LONDON, quiet.zone());
            assertEquals(Instant.parse("2026-06-16T12:00:00Z"), quiet.opensAt());
        }

        static Stream<Arguments> sweeps() {
            return Stream.of(
                    arguments(List.of(CHICAGO, NEW_YORK), "2026-03-06T00:00:00Z"),
                    arguments(List.of(CHICAGO, NEW_YORK), "2026-10-30T00:00:00Z"),
                    arguments(List.of(LONDON, NEW_YORK, CHICAGO), "2026-03-27T00:00:00Z"),
                    arguments(List.of(LONDON, NEW_YORK, CHICAGO), "2026-10-24T00:00:00Z"),
                    arguments(List.of(ZoneId.of("Australia/Sydney"), ZoneId.of("Australia/Perth"),
                            ZoneId.of("Australia/Lord_Howe")), "2026-04-03T00:00:00Z"));
        }

        /**
         * Over three days around daylight-saving changes, every quarter hour: quiet exactly when
         * some zone's clock is in the window, and the opening given is the first instant at
         * which no zone is.
         */
        @ParameterizedTest(name = "{0} from {1}")
        @MethodSource("sweeps")
        void openingIsTheFirstInstantQuietNowhere(List<ZoneId> zones, Instant from) {
            Instant until = from.plus(Duration.ofDays(3));
            for (Instant now = from; now.isBefore(until); now = now.plus(Duration.ofMinutes(15))) {
                Optional<QuietHours.Quiet> result = NIGHT.check(now, zones);
                assertEquals(quietSomewhere(now, zones), result.isPresent(), now.toString());
                if (result.isEmpty()) {
                    continue;
                }
                QuietHours.Quiet quiet = result.get();
                assertTrue(NIGHT.isQuiet(now.atZone(quiet.zone()).toLocalTime()), now.toString());
                assertTrue(quiet.opensAt().isAfter(now), now.toString());
                assertQuietNowhereAt(quiet.opensAt(), zones.toArray(ZoneId[]::new));
                for (Instant t = now; t.isBefore(quiet.opensAt()); t = t.plus(Duration.ofMinutes(5))) {
                    assertTrue(quietSomewhere(t, zones), "clear at " + t + " before opening " + quiet.opensAt());
                }
                assertTrue(quietSomewhere(quiet.opensAt().minusSeconds(1), zones), now.toString());
            }
        }

        @Test
        void zonesTooFarApartAreAlwaysQuiet() {
            // New York and Tokyo clocks are 11 hours apart; 18:00-10:00 leaves 8 open hours a
            // day, so one of them is always in quiet hours. opensAt then falls back to the latest
            // end among the zones quiet at the time.
            QuietHours evenings = hours("18:00-10:00");
            List<ZoneId> zones = List.of(NEW_YORK, ZoneId.of("Asia/Tokyo"));
            Instant from = Instant.parse("2026-06-15T00:00:00Z");
            Instant until = from.plus(Duration.ofDays(1));
            for (Instant now = from; now.isBefore(until); now = now.plus(Duration.ofMinutes(30))) {
                QuietHours.Quiet quiet = evenings.check(now, zones).orElseThrow(() -> new AssertionError("not quiet"));
                Instant latestEnd = null;
                for (ZoneId zone : zones) {
                    ZonedDateTime local = now.atZone(zone);
                    if (evenings.isQuiet(local.toLocalTime())) {
                        Instant end = evenings.opensAt(local).toInstant();
                        latestEnd = latestEnd == null || end.isAfter(latestEnd) ? end : latestEnd;
                    }
                }
                assertEquals(latestEnd, quiet.opensAt(), now.toString());
            }
        }

        @Test
        void zonesFarApartOnlyByOffsetShareAnOpening() {
            // Guam is UTC+10 and Pago Pago UTC-11: 21 hours apart by offset, but only 3 on the
            // clock face, so there is daytime in both at once.
            List<ZoneId> zones = List.of(ZoneId.of("Pacific/Guam"), ZoneId.of("Pacific/Pago_Pago"));
            QuietHours.Quiet quiet = NIGHT.check(Instant.parse("2026-06-15T12:00:00Z"), zones).orElseThrow();

            // 22:00 in Guam; it opens at 08:00 there, 11:00 in Pago Pago.
            assertEquals(Instant.parse("2026-06-15T22:00:00Z"), quiet.opensAt());
            assertQuietNowhereAt(quiet.opensAt(), zones.toArray(ZoneId[]::new));
        }

        @Test
        void quietRecordRefusesNulls() {
            ZonedDateTime local = at("2026-06-15T22:00-04:00", NEW_YORK);
            Instant opens = Instant.parse("2026-06-16T12:00:00Z");
            assertThrows(NullPointerException.class, () -> new QuietHours.Quiet(null, local, opens));
            assertThrows(NullPointerException.class, () -> new QuietHours.Quiet(NEW_YORK, null, opens));
            assertThrows(NullPointerException.class, () -> new QuietHours.Quiet(NEW_YORK, local, null));
        }

        private static boolean quietSomewhere(Instant t, List<ZoneId> zones) {
            return zones.stream().anyMatch(zone -> NIGHT.isQuiet(t.atZone(zone).toLocalTime()));
        }

        private static void assertQuietNowhereAt(Instant t, ZoneId... zones) {
            for (ZoneId zone : zones) {
                assertFalse(NIGHT.isQuiet(t.atZone(zone).toLocalTime()), zone + " is quiet at " + t);
            }
        }
    }
}

package io.github.twiliosmsmcp.autorespond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActiveHoursTest {

    /** Instants are UTC; the zone is the owner's. 2026-03-29 and 2026-10-25 are Europe/Paris's DST changes. */
    @ParameterizedTest(name = "{0} in {1} at {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "Mon-Fri 09:00-17:00 | UTC | 2026-12-07T09:00:00Z | true",
            "Mon-Fri 09:00-17:00 | UTC | 2026-12-07T16:59:59Z | true",
            "Mon-Fri 09:00-17:00 | UTC | 2026-12-07T17:00:00Z | false",
            "Mon-Fri 09:00-17:00 | UTC | 2026-12-07T08:59:59Z | false",
            "Mon-Fri 09:00-17:00 | UTC | 2026-12-05T12:00:00Z | false",
            "Mon-Fri 09:00-17:00 | America/New_York | 2026-12-07T14:00:00Z | true",
            "Mon-Fri 09:00-17:00 | America/New_York | 2026-12-07T13:59:00Z | false",
            // Across midnight: the window belongs to the day it starts on.
            "Fri 22:00-02:00 | UTC | 2026-12-04T23:30:00Z | true",
            "Fri 22:00-02:00 | UTC | 2026-12-05T01:59:00Z | true",
            "Fri 22:00-02:00 | UTC | 2026-12-05T02:00:00Z | false",
            "Fri 22:00-02:00 | UTC | 2026-12-04T01:00:00Z | false",
            "Fri 22:00-02:00 | UTC | 2026-12-03T23:00:00Z | false",
            "Sat-Mon 08:00-12:00 | UTC | 2026-12-07T09:00:00Z | true",
            "Fri-Mon 08:00-12:00 | UTC | 2026-12-08T09:00:00Z | false",
            "Mon,Wed 08:00-09:00; Sun 00:00-24:00 | UTC | 2026-12-06T23:59:59Z | true",
            "Mon,Wed 08:00-09:00; Sun 00:00-24:00 | UTC | 2026-12-09T08:30:00Z | true",
            "Mon,Wed 08:00-09:00; Sun 00:00-24:00 | UTC | 2026-12-08T08:30:00Z | false",
            "09:00-17:00 | UTC | 2026-12-06T10:00:00Z | true",
            "monday-friday 9:00-17:00 | UTC | 2026-12-07T09:00:00Z | true",
            // Spring forward (02:00 CET becomes 03:00 CEST): 09:00 stays 09:00, now 07:00 UTC.
            "Mon-Fri 09:00-17:00 | Europe/Paris | 2026-03-30T07:00:00Z | true",
            "Mon-Fri 09:00-17:00 | Europe/Paris | 2026-03-30T07:59:00Z | true",
            "Mon-Fri 09:00-17:00 | Europe/Paris | 2026-03-27T07:59:00Z | false",
            "Sun 01:30-02:30 | Europe/Paris | 2026-03-29T00:59:59Z | true",
            "Sun 01:30-02:30 | Europe/Paris | 2026-03-29T01:00:00Z | false",
            // Fall back: 02:15 happens twice, and both are in the window.
            "Sun 02:00-02:30 | Europe/Paris | 2026-10-25T00:15:00Z | true",
            "Sun 02:00-02:30 | Europe/Paris | 2026-10-25T01:15:00Z | true",
            "Sun 02:00-02:30 | Europe/Paris | 2026-10-25T01:45:00Z | false",
            "Sat 23:00-01:00 | Europe/Paris | 2026-10-24T22:30:00Z | true",
            "Sat 23:00-01:00 | Europe/Paris | 2026-10-25T00:00:00Z | false"})
    void aWindowIsReadInTheOwnersWallClockTime(String text, String zone, String at, boolean expected) {
        assertEquals(expected, ActiveHours.parse(text).includes(Instant.parse(at), ZoneId.of(zone)));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', value = {
            "'' | empty",
            "Mon-Fri | not a time",
            "Mon-Fri 9-17 | not a time",
            "Funday 09:00-17:00 | not a day",
            "Monkey 09:00-17:00 | not a day",
            "Mon 25:00-26:00 | not a time",
            "Mon 09:00-09:00 | same time",
            "Mon Tue 09:00-10:00 | not a window"})
    void windowsThatCannotBeReadAreRefusedWithTheReason(String text, String reason) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> ActiveHours.parse(text));
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
    }
}

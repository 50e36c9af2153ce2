package io.github.twiliosmsmcp.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.policy.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins what libphonenumber's time zone data (geocoder 3.23) says for numbers that matter to
 * quiet hours; a data update that changes an answer should be looked at, not just accepted.
 */
class LibphonenumberTimeZonesTest {

    private final TimeZones timeZones = new LibphonenumberTimeZones();

    private List<ZoneId> zonesOf(String e164) {
        return timeZones.of(new PhoneNumber(e164));
    }

    private static List<ZoneId> zones(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.split(" ")).map(ZoneId::of).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            # San Francisco, New York, Chicago, Vancouver, Saskatchewan (no daylight saving), Honolulu
            +14155552671,   America/Los_Angeles
            +12125551234,   America/New_York
            +13125551234,   America/Chicago
            +12505550123,   America/Vancouver
            +13065550123,   America/Regina
            +18082221234,   Pacific/Honolulu
            # The Florida panhandle's 850 spans Eastern and Central time; the data decides by
            # exchange, with Central for exchanges it does not list.
            +18502011234,   America/New_York
            +18502001234,   America/Chicago
            # Numbers that span zones at the level the data knows them
            +12082001234,   America/Boise America/Los_Angeles
            +17012011234,   America/Denver America/North_Dakota/Center
            # London landline; Germany, Japan and Brazil mobiles
            +442079460000,  Europe/London
            +4915123456789, Europe/Berlin
            +819012345678,  Asia/Tokyo
            +5511987654321, America/Sao_Paulo
            """)
    void geographicNumbers(String number, String expected) {
        assertEquals(zones(expected), zonesOf(number));
    }

    @Test
    void ukMobilesIncludeTheCrownDependencies() {
        // +44 7 mobiles are used in Guernsey, Jersey and the Isle of Man too; their zones keep
        // London's clock, so quiet hours come out the same as for London alone.
        List<ZoneId> zones = zonesOf("+447400123456");

        assertEquals(zones("Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Europe/London"), zones);
        for (ZoneId zone : zones) {
            assertEquals(ZoneId.of("Europe/London").getRules(), zone.getRules(), zone.getId());
        }
    }

    @Test
    void australianMobilesGetEveryAustralianZone() {
        List<ZoneId> zones = zonesOf("+61412345678");
        assertTrue(zones.containsAll(zones("Australia/Perth Australia/Sydney Australia/Adelaide")), zones.toString());
    }

    @Test
    void twilioTestNumbersHaveNoLocalTime() {
        // They reach no phone; area code 500 would otherwise give them every zone of the +1 region.
        assertEquals(List.of(), zonesOf("+15005550006"));
        assertEquals(List.of(), zonesOf("+15005550001"));
    }

    @Test
    void tollFreeNumbersGetEveryNorthAmericanZone() {
        // Non-geographic: libphonenumber gives the whole +1 region, 42 zones from Guam to Pago Pago.
        List<ZoneId> zones = zonesOf("+18005551234");

        assertEquals(42, zones.size(), zones.toString());
        assertTrue(zones.containsAll(zones(
                "America/New_York America/Chicago America/Denver America/Los_Angeles Pacific/Honolulu"
                + " Pacific/Guam Pacific/Pago_Pago America/Puerto_Rico")), zones.toString());
    }

    @Test
    void tollFreeNumbersHaveAShortDailyOpening() {
        // A consequence worth knowing: their 42 zones' clocks span 11.5 hours in summer, so
        // 21:00-08:00 leaves them open only from 08:00 in Guam (22:00 UTC) until 21:00 in
        // Newfoundland (23:30 UTC)...
        QuietHours night = QuietHours.parse("21:00-08:00").orElseThrow();
        List<ZoneId> zones = zonesOf("+18005551234");

        assertEquals(Instant.parse("2026-06-15T22:00:00Z"),
                night.check(Instant.parse("2026-06-15T04:00:00Z"), zones).orElseThrow().opensAt());
        assertTrue(night.check(Instant.parse("2026-06-15T21:59:59Z"), zones).isPresent());
        assertEquals(Optional.empty(), night.check(Instant.parse("2026-06-15T22:00:00Z"), zones));
        assertEquals(Optional.empty(), night.check(Instant.parse("2026-06-15T23:29:59Z"), zones));
        assertEquals(ZoneId.of("America/St_Johns"),
                night.check(Instant.parse("2026-06-15T23:30:00Z"), zones).orElseThrow().zone());
    }

    @Test
    void tollFreeNumbersCanBeAlwaysInQuietHours() {
        // ...and 20:00-09:00 (11 open hours) leaves them no opening at all in summer.
        QuietHours longer = QuietHours.parse("20:00-09:00").orElseThrow();
        List<ZoneId> zones = zonesOf("+18005551234");
        Instant from = Instant.parse("2026-06-15T00:00:00Z");
        for (Instant now = from; now.isBefore(from.plus(Duration.ofDays(1))); now = now.plus(Duration.ofMinutes(10))) {
            assertTrue(longer.check(now, zones).isPresent(), now.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "+80099999999",   // international freephone: no place
            "+12425551234",   // Bahamas, in a range the data does not know
            "+99912345678",   // unassigned calling code
            "+3531234567",    // Irish number too short for the data
            "+22112345678"})  // Senegal, range not in the data
    void unknownIsEmpty(String number) {
        assertEquals(List.of(), zonesOf(number));
    }

    @Test
    void resultsAreImmutable() {
        List<ZoneId> zones = zonesOf("+14155552671");
        assertThrows(UnsupportedOperationException.class, () -> zones.add(ZoneId.of("UTC")));
    }

    @Test
    void refusesNull() {
        assertThrows(NullPointerException.class, () -> timeZones.of(null));
    }
}

package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Policy;
import io.github.twiliosmsmcp.policy.QuietHours;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue is consistent with itself, and what it states as defaults is what the server runs with. */
class SettingsCatalogueTest {

    static Stream<Setting<?>> settings() {
        return SettingsCatalogue.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void aDefaultWrittenAsAValueIsAValidOneAndShownAsWritten(Setting<?> setting) {
        if (setting.defaultText().isPresent()) {
            assertDoesNotThrow(() -> setting.defaultValue(new PhoneNumberParser("US")), setting.name());
            assertEquals(setting.defaultText().get(), setting.shownDefault(), setting.name());
        }
        assertFalse(setting.help().isBlank(), setting.name());
    }

    @Test
    void everyNameIsListedOnce() {
        Set<String> names = SettingsCatalogue.ALL.stream().map(Setting::name).collect(Collectors.toSet());

        assertEquals(SettingsCatalogue.ALL.size(), names.size());
        SettingsCatalogue.TWILIO.forEach(setting -> assertTrue(setting.name().startsWith("TWILIO_"), setting.name()));
    }

    @Test
    void nothingSetMeansTheCatalogueDefaults() {
        Settings settings = Settings.load(new Environment(Map.of()));
        Policy policy = settings.policy();

        assertEquals(List.of(), settings.problems());
        assertEquals(Duration.ofSeconds(20), settings.statusWait());
        assertEquals(10, settings.maxSegments());
        assertEquals(Duration.ofMinutes(10), settings.dedupeWindow());
        assertEquals(Duration.ofDays(90), settings.retention());
        assertEquals(new Policy(SettingsCatalogue.MODE.defaultValue(), List.of(), List.of(), false, 5, 30, 200,
                Optional.empty(), Optional.empty()), policy);
    }

    @Test
    void quietHoursApplyByDefaultOutsideTheSandboxOnly() {
        Settings twilio = Settings.load(new Environment(Map.of(Settings.ACCOUNT_SID, "AC" + "0".repeat(32),
                Settings.AUTH_TOKEN, "token", Settings.PHONE_NUMBER, "+14155552671")));

        assertEquals(QuietHours.parse("21:00-08:00"), twilio.policy().quietHours());
    }

    @Test
    void theModeAtStartIsReadAsLoadReadsIt() {
        assertEquals(Settings.load(new Environment(Map.of("SMS_MODE", "receive_only"))).policy().mode(),
                Settings.mode(new Environment(Map.of("SMS_MODE", "receive_only"))));
        assertEquals(SettingsCatalogue.MODE.defaultValue(), Settings.mode(new Environment(Map.of("SMS_MODE", "loud"))));
    }
}

package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutorespondingSettingsTest {

    @Test
    void byDefaultAutorespondersAreOffWithAnHourOfCooldownInTheSystemsZone() {
        Settings settings = Settings.load(new Environment(Map.of()));
        assertEquals(new Autoresponding(false, Duration.ofHours(1), ZoneId.systemDefault()), settings.autoresponding());
        assertFalse(Settings.autorespondersOn(new Environment(Map.of())));
    }

    @Test
    void theOwnerTurnsThemOnAndSetsCooldownAndZone() {
        Environment env = new Environment(Map.of("SMS_AUTORESPONDERS", "on", "SMS_AUTORESPONDER_COOLDOWN", "30m",
                "SMS_OWNER_TIME_ZONE", "Europe/Paris"));
        assertEquals(new Autoresponding(true, Duration.ofMinutes(30), ZoneId.of("Europe/Paris")),
                Settings.load(env).autoresponding());
        assertTrue(Settings.autorespondersOn(env));
    }

    @ParameterizedTest(name = "{0}={1} is a problem naming it")
    @CsvSource({"SMS_AUTORESPONDERS, maybe", "SMS_AUTORESPONDER_COOLDOWN, soon", "SMS_OWNER_TIME_ZONE, Mars/Olympus",
            "SMS_OWNER_TIME_ZONE, +25:00"})
    void aValueThatCannotBeReadIsAProblem(String name, String value) {
        List<String> problems = Settings.load(new Environment(Map.of(name, value))).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(name), problems.get(0));
    }
}

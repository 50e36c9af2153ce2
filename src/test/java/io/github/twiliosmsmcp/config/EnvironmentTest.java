package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

    private static final String NAME = "TWILIO_AUTH_TOKEN";

    private static Environment with(String value) {
        return new Environment(Map.of(NAME, value));
    }

    @Test
    void missingVariableIsUnset() {
        Environment env = new Environment(Map.of());

        assertEquals(Optional.empty(), env.get(NAME));
        assertFalse(env.isSet(NAME));
    }

    // Clients leave these behind when the user never filled the setting in.
    @ParameterizedTest(name = "[{index}] \"{0}\" is unset")
    @ValueSource(strings = {"", " ", "\t\n", "${TWILIO_AUTH_TOKEN}", " ${X} ", "${}", "\t${TWILIO_PHONE_NUMBER}\n"})
    void junkCountsAsUnset(String value) {
        Environment env = with(value);

        assertEquals(Optional.empty(), env.get(NAME));
        assertFalse(env.isSet(NAME));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            abc123|abc123
              abc123  |abc123
            +14155552671 |+14155552671
            $X|$X
            """)
    void realValuesAreStripped(String value, String expected) {
        Environment env = with(value);

        assertEquals(Optional.of(expected), env.get(NAME));
        assertTrue(env.isSet(NAME));
    }

    @Test
    void tabsAndNewlinesAroundAValueAreStripped() {
        assertEquals(Optional.of("value"), with("\t value\r\n").get(NAME));
    }

    @Test
    void homeIsTheHomeVariableWhenSet() {
        assertEquals(Path.of("/tmp/test-home"), new Environment(Map.of("HOME", "/tmp/test-home")).home());
    }

    @ParameterizedTest(name = "[{index}] HOME=\"{0}\"")
    @ValueSource(strings = {"", "  ", "${HOME}"})
    void homeFallsBackToJavasUserHomeWhenTheVariableIsEmpty(String value) {
        assertEquals(Path.of(System.getProperty("user.home")), new Environment(Map.of("HOME", value)).home());
        assertEquals(Path.of(System.getProperty("user.home")), new Environment(Map.of()).home());
    }

    @Test
    void laterChangesToTheSourceMapAreNotSeen() {
        HashMap<String, String> source = new HashMap<>(Map.of(NAME, "first"));
        Environment env = new Environment(source);

        source.put(NAME, "second");

        assertEquals(Optional.of("first"), env.get(NAME));
    }
}

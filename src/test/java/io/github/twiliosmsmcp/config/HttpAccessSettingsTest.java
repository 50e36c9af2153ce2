package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings of MCP over HTTP: the token, the allowed origins and the call rate. */
class HttpAccessSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SMS_HTTP_TOKEN            | 0123456789abcdef                         | 0123456789abcdef",
            "SMS_HTTP_TOKEN            | 0123456789abcde                          | problem",
            "SMS_HTTP_TOKEN            | '0123456789 abcdef'                      | problem",
            "SMS_HTTP_ALLOWED_ORIGINS  | http://localhost:3080                    | [http://localhost:3080]",
            "SMS_HTTP_ALLOWED_ORIGINS  | 'https://Chat.Example.com, http://[::1]:3080' | [https://chat.example.com, http://[::1]:3080]",
            "SMS_HTTP_ALLOWED_ORIGINS  | http://localhost:3080/                   | problem",
            "SMS_HTTP_ALLOWED_ORIGINS  | http://localhost:3080/chat               | problem",
            "SMS_HTTP_ALLOWED_ORIGINS  | localhost:3080                           | problem",
            "SMS_HTTP_ALLOWED_ORIGINS  | '*'                                      | problem",
            "SMS_HTTP_CALLS_PER_MINUTE | 1                                        | 1",
            "SMS_HTTP_CALLS_PER_MINUTE | 0                                        | problem"})
    void aValueIsReadOrNamedAsAProblem(String variable, String text, String expected) {
        Setting<?> setting = SettingsCatalogue.ALL.stream().filter(s -> s.name().equals(variable)).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();

        String read = setting.read(new Environment(Map.of(variable, text)), null, problems).map(Object::toString)
                .orElse("problem");

        assertEquals(expected, read, problems.toString());
        assertEquals(expected.equals("problem") ? 1 : 0, problems.size());
    }

    @Test
    void aTokenThatIsNotValidIsNeverRepeatedInTheProblem() {
        List<String> problems = new ArrayList<>();

        SettingsCatalogue.HTTP_TOKEN.read(new Environment(Map.of("SMS_HTTP_TOKEN", "short secret")), null, problems);

        assertEquals(1, problems.size());
        assertFalse(problems.get(0).contains("short secret"), problems.get(0));
    }
}

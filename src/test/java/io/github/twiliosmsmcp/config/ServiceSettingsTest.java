package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings of {@code serve}: where it listens, the URL Twilio calls it at, and who may use /mcp. */
class ServiceSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SMS_HTTP_ADDRESS | 127.0.0.1:8787                 | 127.0.0.1:8787",
            "SMS_HTTP_ADDRESS | 0.0.0.0:80                     | 0.0.0.0:80",
            "SMS_HTTP_ADDRESS | localhost:0                    | localhost:0",
            "SMS_HTTP_ADDRESS | [::1]:8787                     | [::1]:8787",
            "SMS_HTTP_ADDRESS | 8787                           | problem",
            "SMS_HTTP_ADDRESS | :8787                          | problem",
            "SMS_HTTP_ADDRESS | 127.0.0.1                      | problem",
            "SMS_HTTP_ADDRESS | 127.0.0.1:65536                | problem",
            "SMS_HTTP_ADDRESS | 127.0.0.1:http                 | problem",
            "SMS_HTTP_ADDRESS | ::1:8787                       | problem",
            "SMS_PUBLIC_URL   | https://sms.example.com        | https://sms.example.com",
            "SMS_PUBLIC_URL   | https://sms.example.com/       | https://sms.example.com",
            "SMS_PUBLIC_URL   | https://example.com/sms/       | https://example.com/sms",
            "SMS_PUBLIC_URL   | http://127.0.0.1:9000          | http://127.0.0.1:9000",
            "SMS_PUBLIC_URL   | http://sms.example.com         | problem",
            "SMS_PUBLIC_URL   | https://sms.example.com/?key=1 | problem",
            "SMS_PUBLIC_URL   | sms.example.com                | problem",
            "SMS_PUBLIC_URL   | ftp://sms.example.com          | problem",
            "SMS_HTTP_TOKEN   | 0123456789abcdef               | 0123456789abcdef",
            "SMS_HTTP_TOKEN   | 0123456789abcde                | problem",
            "SMS_HTTP_TOKEN   | '0123456789 abcdef'            | problem",
            "SMS_HTTP_ALLOWED_ORIGINS | http://localhost:3080  | [http://localhost:3080]",
            "SMS_HTTP_ALLOWED_ORIGINS | 'https://Chat.Example.com, http://[::1]:3080' | [https://chat.example.com, http://[::1]:3080]",
            "SMS_HTTP_ALLOWED_ORIGINS | http://localhost:3080/ | problem",
            "SMS_HTTP_ALLOWED_ORIGINS | http://localhost:3080/chat | problem",
            "SMS_HTTP_ALLOWED_ORIGINS | localhost:3080         | problem",
            "SMS_HTTP_ALLOWED_ORIGINS | '*'                    | problem",
            "SMS_HTTP_CALLS_PER_MINUTE | 1                     | 1",
            "SMS_HTTP_CALLS_PER_MINUTE | 0                     | problem"})
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

    @Test
    void theDefaultAddressIsLoopback() {
        assertEquals(new HttpAddress("127.0.0.1", 8787), SettingsCatalogue.HTTP_ADDRESS.defaultValue());
    }
}

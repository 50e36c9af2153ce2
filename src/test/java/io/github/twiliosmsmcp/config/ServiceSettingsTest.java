package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two settings of {@code serve}: where it listens, and the URL Twilio calls it at. */
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
            "SMS_PUBLIC_URL   | ftp://sms.example.com          | problem"})
    void aValueIsReadOrNamedAsAProblem(String variable, String text, String expected) {
        Setting<?> setting = SettingsCatalogue.ALL.stream().filter(s -> s.name().equals(variable)).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();

        String read = setting.read(new Environment(Map.of(variable, text)), null, problems).map(Object::toString)
                .orElse("problem");

        assertEquals(expected, read, problems.toString());
        assertEquals(expected.equals("problem") ? 1 : 0, problems.size());
    }

    @Test
    void theDefaultAddressIsLoopback() {
        assertEquals(new HttpAddress("127.0.0.1", 8787), SettingsCatalogue.HTTP_ADDRESS.defaultValue());
    }
}

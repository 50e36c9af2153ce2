package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SMS_PUBLIC_URL: absolute, https (http only on this machine), no query, no trailing slash kept. */
class PublicUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://sms.example.com            | https://sms.example.com         | ''",
        "https://sms.example.com/           | https://sms.example.com         | ''",
        "https://example.com/sms/           | https://example.com/sms         | ''",
        "http://127.0.0.1:8787              | http://127.0.0.1:8787           | ''",
        "http://localhost:8787              | http://localhost:8787           | ''",
        "''                                 | ''                              | ''",
        "${SMS_PUBLIC_URL}                  | ''                              | ''",
        "http://sms.example.com             | ''                              | SMS_PUBLIC_URL must use https unless it points at this machine (localhost or 127.0.0.1)",
        "https://sms.example.com/?x=1       | ''                              | SMS_PUBLIC_URL must be an absolute http(s) URL with no query, such as https://sms.example.com",
        "https://sms.example.com/#top       | ''                              | SMS_PUBLIC_URL must be an absolute http(s) URL with no query, such as https://sms.example.com",
        "sms.example.com                    | ''                              | SMS_PUBLIC_URL must be an absolute http(s) URL with no query, such as https://sms.example.com",
        "ftp://sms.example.com              | ''                              | SMS_PUBLIC_URL must be an absolute http(s) URL with no query, such as https://sms.example.com",
        "https://sms example.com            | ''                              | SMS_PUBLIC_URL is not a valid URL",
    })
    void aPublicUrlIsReadOrRefusedInWords(String value, String expected, String problem) {
        List<String> problems = new ArrayList<>();

        Optional<URI> read = SettingsCatalogue.PUBLIC_URL.read(new Environment(Map.of("SMS_PUBLIC_URL", value)), null, problems);

        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(URI.create(expected)), read);
        assertEquals(problem.isEmpty() ? List.of() : List.of(problem), problems);
    }
}

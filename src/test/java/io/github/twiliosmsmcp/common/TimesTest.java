package io.github.twiliosmsmcp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {

    // Years are ISO years: year 0 is 0000 (1 BC), not year 1 of the era before Christ.
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-21T09:30:15.999Z  | 2026-11-21 09:30:15 UTC
            2008-01-01T00:00:00Z      | 2008-01-01 00:00:00 UTC
            0000-01-01T00:00:00Z      | 0000-01-01 00:00:00 UTC
            -0001-12-31T23:59:59Z     | -0001-12-31 23:59:59 UTC
            """)
    void formatsUtcToTheSecondWithIsoYears(String instant, String expected) {
        assertEquals(expected, Times.format(Instant.parse(instant)));
    }
}

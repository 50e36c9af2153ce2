package io.github.twiliosmsmcp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallRateTest {

    /**
     * {@code calls} calls at once after {@code pause} of a full bucket emptied; the last one's wait.
     */
    @ParameterizedTest(name = "{0}/min, pause {1} ms, then {2} calls -> last waits {3} ms")
    @CsvSource({
            "60, 0, 1, 1000",
            "60, 500, 1, 500",
            "60, 1000, 1, 0",
            "60, 3000, 3, 0",
            "60, 3000, 4, 1000",
            "60, 120000, 60, 0",
            "60, 120000, 61, 1000",
            "1, 0, 1, 60000",
            "1, 30000, 1, 30000"})
    void aBurstUpToTheLimitPassesAndThenCallsWaitForTheRefill(int perMinute, long pauseMillis, int calls, long waitMillis) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        CallRate rate = new CallRate(perMinute, clock);
        for (int i = 0; i < perMinute; i++) {
            assertEquals(Duration.ZERO, rate.take(), "the full bucket lets call " + (i + 1) + " through");
        }
        clock.advance(Duration.ofMillis(pauseMillis));

        Duration last = Duration.ZERO;
        for (int i = 0; i < calls; i++) {
            last = rate.take();
        }

        assertEquals(Duration.ofMillis(waitMillis), last);
    }
}

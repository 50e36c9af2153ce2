package io.github.twiliosmsmcp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.delivery.Outcome;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.github.twiliosmsmcp.delivery.SendRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox plays either provider, and shows a fallback, as the owner's settings choose them. */
class SandboxProvidersTest {

    private static SendReport send(Map<String, String> settings, String to) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("SMS_QUIET_HOURS", "off", "SMS_STATUS_WAIT_SECONDS", "0"));
        env.putAll(settings);
        App app = new App(new Environment(env), "test", Clock.systemUTC(), new StoppableSleeper());
        return app.sender().get().send(new SendRequest(SendRequest.Kind.SMS, to, Optional.empty(), "Hello", List.of(),
                Optional.empty(), Optional.empty()), Progress.NONE);
    }

    @ParameterizedTest(name = "[{index}] {0} then {1}, to {2}")
    @CsvSource(delimiter = '|', textBlock = """
            twilio         | none           | +14155550100            | PENDING          | sandbox                | 0
            messagecentral | none           | +14155550100            | SENT_UNCONFIRMED | sandbox-messagecentral | 0
            twilio         | messagecentral | +15005550010            | SENT_UNCONFIRMED | sandbox-messagecentral | 1
            messagecentral | twilio         | +15005550010            | PENDING          | sandbox                | 1
            messagecentral | none           | +15005550010            | REFUSED_BY_PROVIDER | sandbox-messagecentral | 0
            twilio         | messagecentral | +15005550011            | UNKNOWN          | sandbox                | 0
            twilio         | messagecentral | +15005550004            | REFUSED_BY_TWILIO | sandbox               | 0
            """)
    void theSandboxPlaysTheRouteTheOwnerChose(String first, String fallback, String to, Outcome outcome,
            String provider, int movedOn) throws Exception {
        SendReport report = send(Map.of("SMS_PROVIDER", first, "SMS_FALLBACK_PROVIDER", fallback), to);

        assertEquals(outcome, report.outcome(), report.summary());
        assertEquals(provider, report.provider().orElseThrow().name());
        assertEquals(movedOn, report.movedOn().size(), report.summary());
        assertTrue(report.simulated());
    }
}

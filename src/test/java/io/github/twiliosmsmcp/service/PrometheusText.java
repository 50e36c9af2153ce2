package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus text as a scraper does, for tests of {@code /metrics}. */
public final class PrometheusText {
    private PrometheusText() {}

    /** The value of one series (name and labels as shown); fails when the series is not shown at all. */
    public static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(line.find(), series + " is not shown in\n" + scrape);
        return Double.parseDouble(line.group(1));
    }
}

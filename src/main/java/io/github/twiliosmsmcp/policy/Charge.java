package io.github.twiliosmsmcp.policy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One message that counts against the limits: when, to whom, what it cost (or is estimated to), and
 * through which {@code provider} (the name sends record). The limits count every provider's sends.
 */
public record Charge(Instant at, String recipient, BigDecimal usd, String provider) {}

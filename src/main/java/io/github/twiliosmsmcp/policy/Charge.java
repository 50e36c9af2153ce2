package io.github.twiliosmsmcp.policy;

import java.math.BigDecimal;
import java.time.Instant;

/** One message that counts against the limits: when, to whom, and what it cost (or is estimated to). */
public record Charge(Instant at, String recipient, BigDecimal usd) {}

package io.github.twiliosmsmcp.delivery;

import java.time.Duration;

/**
 * The owner's limits on one send: how long to wait for a final status, how many segments a text
 * may use, and for how long the same message counts as a repeat.
 */
public record SendLimits(Duration statusWait, int maxSegments, Duration dedupeWindow) {}

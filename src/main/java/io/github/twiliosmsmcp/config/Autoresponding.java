package io.github.twiliosmsmcp.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The owner's settings for autoresponders: whether {@code serve} runs them ({@code on}), the least
 * time between two autoreplies of one rule to one number, and the zone their active hours are in.
 */
public record Autoresponding(boolean on, Duration cooldown, ZoneId ownerZone) {
    /** At most this many autoreplies to one number per 24 hours, across all rules: not a setting, a promise. */
    public static final int PER_NUMBER_PER_DAY = 3;
}

package io.github.twiliosmsmcp.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The owner's rules for sending, as set in the environment. The model can read them, never change them. */
public record Policy(
        Mode mode,
        List<NumberRule> allowed,
        List<NumberRule> blocked,
        boolean repliesOnly,
        int maxPerRecipientPerHour,
        int maxPerHour,
        int maxPerDay,
        Optional<BigDecimal> dailyBudgetUsd,
        Optional<QuietHours> quietHours) {

    public static final String ALLOWED = "SMS_ALLOWED_RECIPIENTS";
    public static final String BLOCKED = "SMS_BLOCKED_RECIPIENTS";
    public static final String REPLIES_ONLY = "SMS_ALLOW_REPLIES_ONLY";
    public static final String PER_RECIPIENT_PER_HOUR = "SMS_MAX_PER_RECIPIENT_PER_HOUR";
    public static final String PER_HOUR = "SMS_MAX_PER_HOUR";
    public static final String PER_DAY = "SMS_MAX_PER_DAY";
    public static final String DAILY_BUDGET = "SMS_DAILY_BUDGET_USD";
    public static final String QUIET_HOURS = "SMS_QUIET_HOURS";

    public Policy {
        allowed = List.copyOf(allowed);
        blocked = List.copyOf(blocked);
    }
}

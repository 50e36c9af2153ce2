package io.github.twiliosmsmcp.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What is left of the owner's limits right now, in the same rolling windows the checks use. */
public record Allowance(int lastHour, int lastDay, BigDecimal spentLastDay, int leftThisHour, int leftToday,
        Optional<BigDecimal> budgetLeft) {

    public static Allowance of(Policy policy, List<Charge> charges, Instant now) {
        int hour = (int) charges.stream().filter(c -> c.at().isAfter(now.minus(Duration.ofHours(1)))).count();
        int day = (int) charges.stream().filter(c -> c.at().isAfter(now.minus(Duration.ofDays(1)))).count();
        BigDecimal spent = PolicyCheck.spent(charges, now);
        return new Allowance(hour, day, spent, Math.max(0, policy.maxPerHour() - hour),
                Math.max(0, policy.maxPerDay() - day),
                policy.dailyBudgetUsd().map(b -> b.subtract(spent).max(BigDecimal.ZERO)));
    }
}

package io.github.twiliosmsmcp.policy;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.TimeZones;
import io.github.twiliosmsmcp.common.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies the owner's rules to one send, from the facts the store read. Plain and deterministic:
 * the same rules, facts and time always give the same decision, which is what makes it testable
 * across time zones and daylight-saving changes.
 */
public final class PolicyCheck {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Policy policy;
    private final TimeZones zones;

    public PolicyCheck(Policy policy, TimeZones zones) {
        this.policy = policy;
        this.zones = zones;
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(PhoneNumber to, BigDecimal estimateUsd, Facts facts, Instant now) {
        String number = to.e164();
        Optional<NumberRule> blocked = policy.blocked().stream().filter(r -> r.matches(to)).findFirst();
        if (blocked.isPresent()) {
            return refused("blocked recipient", number, Policy.BLOCKED + " (contains " + blocked.get() + ")",
                    "the server's owner blocked " + number, Optional.empty());
        }
        if (!policy.allowed().isEmpty() && policy.allowed().stream().noneMatch(r -> r.matches(to))) {
            return refused("allowed recipients", number, Policy.ALLOWED + "=" + join(policy.allowed()),
                    number + " is not among the recipients the server's owner allows", Optional.empty());
        }
        if (policy.repliesOnly() && !facts.hasTextedUs()) {
            return refused("replies only", number, Policy.REPLIES_ONLY + "=true",
                    "the server may only text numbers that have texted it first, and " + number + " has not",
                    Optional.empty());
        }
        if (facts.optedOutSince().isPresent()) {
            return refused("opted out", number, "none: only the recipient can undo it by texting START",
                    number + " opted out (replied STOP or similar) on " + Times.format(facts.optedOutSince().get()),
                    Optional.empty());
        }
        if (policy.quietHours().isPresent()) {
            Optional<QuietHours.Quiet> quiet = policy.quietHours().get().check(now, zones.of(to));
            if (quiet.isPresent()) {
                return refused("quiet hours", number, Policy.QUIET_HOURS + "=" + policy.quietHours().get().describe(),
                        "it is " + LOCAL.format(quiet.get().localTime()) + " for the recipient (" + quiet.get().zone()
                                + "), inside the quiet hours " + policy.quietHours().get().describe()
                                + " of the recipient's local time",
                        Optional.of(quiet.get().opensAt()));
            }
        }
        List<Instant> toRecipient = times(facts, now.minus(HOUR), c -> c.recipient().equals(number));
        Optional<Decision> perRecipient = limit(toRecipient, policy.maxPerRecipientPerHour(), HOUR,
                "messages per recipient per hour", number, Policy.PER_RECIPIENT_PER_HOUR,
                " to " + number + " in the last hour");
        if (perRecipient.isPresent()) {
            return perRecipient.get();
        }
        Optional<Decision> perHour = limit(times(facts, now.minus(HOUR), c -> true), policy.maxPerHour(), HOUR,
                "messages per hour", number, Policy.PER_HOUR, " in the last hour");
        if (perHour.isPresent()) {
            return perHour.get();
        }
        Optional<Decision> perDay = limit(times(facts, now.minus(DAY), c -> true), policy.maxPerDay(), DAY,
                "messages per day", number, Policy.PER_DAY, " in the last 24 hours");
        if (perDay.isPresent()) {
            return perDay.get();
        }
        if (policy.dailyBudgetUsd().isPresent()) {
            Optional<Decision> budget = budget(policy.dailyBudgetUsd().get(), estimateUsd, facts, now, number);
            if (budget.isPresent()) {
                return budget.get();
            }
        }
        return new Decision.Allowed(estimateUsd);
    }

    /** What has been spent in the last 24 hours, actual prices where Twilio reported them. */
    public static BigDecimal spent(List<Charge> charges, Instant now) {
        return charges.stream().filter(c -> c.at().isAfter(now.minus(DAY))).map(Charge::usd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Optional<Decision> budget(BigDecimal budget, BigDecimal estimate, Facts facts, Instant now, String number) {
        BigDecimal spent = spent(facts.lastDay(), now);
        if (spent.add(estimate).compareTo(budget) <= 0) {
            return Optional.empty();
        }
        String setting = Policy.DAILY_BUDGET + "=" + budget.toPlainString();
        String reason = "about $" + spent.toPlainString() + " was spent in the last 24 hours and this message is"
                + " estimated at $" + estimate.toPlainString() + ", over the daily budget of $" + budget.toPlainString();
        if (estimate.compareTo(budget) > 0) {
            return Optional.of(refused("daily budget", number, setting, reason, Optional.empty()));
        }
        // The send fits once enough of the last day's spending has rolled out of the window.
        BigDecimal rolling = spent;
        for (Charge charge : facts.lastDay().stream().sorted(Comparator.comparing(Charge::at)).toList()) {
            rolling = rolling.subtract(charge.usd());
            if (rolling.add(estimate).compareTo(budget) <= 0) {
                return Optional.of(refused("daily budget", number, setting, reason, Optional.of(charge.at().plus(DAY))));
            }
        }
        return Optional.of(refused("daily budget", number, setting, reason, Optional.empty()));
    }

    private static Optional<Decision> limit(List<Instant> sent, int max, Duration window, String rule, String number,
            String setting, String where) {
        if (sent.size() < max) {
            return Optional.empty();
        }
        // Allowed again when enough of these sends have left the window to make room for one more.
        Optional<Instant> next = max == 0 ? Optional.empty() : Optional.of(sent.get(sent.size() - max).plus(window));
        return Optional.of(refused(rule, number, setting + "=" + max, sent.size() + (sent.size() == 1 ? " message was" : " messages were")
                + " sent" + where + "; the limit is " + max, next));
    }

    private static List<Instant> times(Facts facts, Instant after, java.util.function.Predicate<Charge> which) {
        return facts.lastDay().stream().filter(c -> c.at().isAfter(after)).filter(which).map(Charge::at).sorted().toList();
    }

    private static Decision refused(String rule, String number, String setting, String reason, Optional<Instant> next) {
        return new Decision.Refused(rule, number, setting, reason, next);
    }

    private static String join(List<NumberRule> rules) {
        return rules.stream().map(NumberRule::toString).collect(Collectors.joining(","));
    }
}

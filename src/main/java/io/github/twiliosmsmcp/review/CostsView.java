package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.policy.Charge;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the sends of the last 30 days cost (the provider's price where known, else the estimate),
 * against the daily budget, which counts the last 24 hours as the send check does.
 *
 * @param usedPercent of the budget spent in the last 24 hours, capped at 100 for the bar
 */
public record CostsView(String lastDay, String today, Optional<String> budget, int usedPercent, boolean overBudget,
        List<Row> days, List<Row> recipients, List<Row> providers) {
    static final int DAYS = 30;

    /** One day (UTC), one recipient or one provider: how many sends, and what they cost. */
    public record Row(String label, int sends, String usd) {}

    static Instant since(Instant now) {
        return now.minus(Duration.ofDays(DAYS));
    }

    static CostsView of(List<Charge> charges, Optional<BigDecimal> budget, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant dayAgo = now.minus(Duration.ofDays(1));
        BigDecimal lastDay = sum(charges.stream().filter(c -> c.at().isAfter(dayAgo)).toList());
        Map<LocalDate, List<Charge>> byDay = new TreeMap<>(Comparator.reverseOrder());
        for (int back = 0; back < DAYS; back++) {
            byDay.put(today.minusDays(back), new ArrayList<>());
        }
        Map<String, List<Charge>> byRecipient = new TreeMap<>();
        Map<String, List<Charge>> byProvider = new TreeMap<>();
        for (Charge charge : charges) {
            List<Charge> day = byDay.get(LocalDate.ofInstant(charge.at(), ZoneOffset.UTC));
            if (day != null) {
                day.add(charge);
                byRecipient.computeIfAbsent(charge.recipient(), r -> new ArrayList<>()).add(charge);
                byProvider.computeIfAbsent(charge.provider(), p -> new ArrayList<>()).add(charge);
            }
        }
        List<Row> days = byDay.entrySet().stream()
                .map(e -> new Row(e.getKey().toString(), e.getValue().size(), usd(sum(e.getValue())))).toList();
        return new CostsView(usd(lastDay), usd(sum(byDay.get(today))), budget.map(CostsView::usd),
                usedPercent(lastDay, budget), budget.map(b -> lastDay.compareTo(b) >= 0).orElse(false), days,
                costliestFirst(byRecipient), costliestFirst(byProvider));
    }

    private static int usedPercent(BigDecimal lastDay, Optional<BigDecimal> budget) {
        return budget.filter(b -> b.signum() > 0)
                .map(b -> lastDay.multiply(BigDecimal.valueOf(100)).divide(b, 0, RoundingMode.UP).min(
                        BigDecimal.valueOf(100)).intValue())
                .orElse(0);
    }

    private static List<Row> costliestFirst(Map<String, List<Charge>> groups) {
        return groups.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Charge>> e) -> sum(e.getValue())).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new Row(e.getKey(), e.getValue().size(), usd(sum(e.getValue())))).toList();
    }

    private static BigDecimal sum(List<Charge> charges) {
        return charges.stream().map(Charge::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static String usd(BigDecimal amount) {
        return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}

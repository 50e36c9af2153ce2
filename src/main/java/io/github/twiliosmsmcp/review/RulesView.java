package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.common.Times;
import java.util.List;

/** The autoresponder rules in the order they are tried, each with what a person can do to it. */
public record RulesView(boolean on, List<Row> rules) {

    /** {@code waiting}: a model's rule that no person has enabled yet. */
    public record Row(long id, int position, String match, String trigger, String response, String hours,
            boolean enabled, boolean waiting, String origin, long triggerCount, String lastTriggered, boolean first,
            boolean last) {
        static Row of(Rule rule, int index, int count) {
            return new Row(rule.id(), rule.position(), rule.trigger().match().value(), rule.trigger().text(),
                    rule.response(), rule.activeHours().map(hours -> hours.text()).orElse("always"), rule.enabled(),
                    !rule.enabled() && rule.origin() == Rule.Origin.MODEL, rule.origin().name().toLowerCase(),
                    rule.triggerCount(), rule.lastTriggered().map(Times::format).orElse("never"), index == 0,
                    index == count - 1);
        }
    }

    static RulesView of(boolean on, List<Rule> rules) {
        return new RulesView(on, java.util.stream.IntStream.range(0, rules.size())
                .mapToObj(i -> Row.of(rules.get(i), i, rules.size())).toList());
    }
}

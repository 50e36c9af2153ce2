package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.common.Times;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code review rules}, {@code enable}, {@code disable} and {@code move}: a person decides which
 * autoresponder rules answer, and in which order. Under approval a model's rule waits here,
 * disabled; no tool call can enable one.
 */
final class RuleCommands {
    private final RuleBook rules;
    private final PrintStream out;
    private final PrintStream err;

    RuleCommands(RuleBook rules, PrintStream out, PrintStream err) {
        this.rules = rules;
        this.out = out;
        this.err = err;
    }

    int list() throws StoreUnavailable {
        List<Rule> all = rules.list();
        if (all.isEmpty()) {
            out.println("No autoresponder rules.");
            return 0;
        }
        out.println("Autoresponder rules, in the order they are tried:");
        for (Rule rule : all) {
            out.println(rule.position() + ". #" + rule.id() + " " + (rule.enabled() ? "enabled " : "DISABLED") + " "
                    + rule.trigger().match().value() + " '" + Terminal.safe(rule.trigger().text()) + "' -> '"
                    + Terminal.safe(rule.response()) + "'" + rule.activeHours().map(h -> ", " + h.text()).orElse("")
                    + " (by " + (rule.origin() == Rule.Origin.MODEL ? "a model" : "a person") + "; answered "
                    + rule.triggerCount() + "x" + rule.lastTriggered().map(at -> ", last " + Times.format(at)).orElse("")
                    + ")");
        }
        return 0;
    }

    int setEnabled(String id, boolean enabled) throws StoreUnavailable {
        OptionalLong rule = id(id);
        if (rule.isEmpty()) {
            return 1;
        }
        return done(rules.setEnabled(rule.getAsLong(), enabled), rule.getAsLong(), enabled ? "enabled" : "disabled");
    }

    int move(String id, String position) throws StoreUnavailable {
        OptionalLong rule = id(id);
        OptionalLong place = id(position);
        if (rule.isEmpty() || place.isEmpty()) {
            return 1;
        }
        return done(rules.move(rule.getAsLong(), (int) Math.min(place.getAsLong(), Integer.MAX_VALUE)),
                rule.getAsLong(), "moved to place " + place.getAsLong());
    }

    private int done(boolean changed, long id, String what) {
        if (!changed) {
            err.println("No autoresponder rule #" + id);
            return 1;
        }
        out.println("Rule #" + id + " " + what + ".");
        return 0;
    }

    private OptionalLong id(String text) {
        try {
            long value = Long.parseLong(text.replaceFirst("^#", ""));
            if (value > 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // Said below, with the text as given.
        }
        err.println("'" + Terminal.safe(text) + "' is not a rule id or place (a whole number from 1)");
        return OptionalLong.empty();
    }
}

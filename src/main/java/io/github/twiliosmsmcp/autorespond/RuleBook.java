package io.github.twiliosmsmcp.autorespond;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.sms.MessageText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Creating, listing and changing the rules of one account: the core API of the tools, the review
 * command and any page for people. Under approval, a rule a model creates stays disabled until a
 * person enables it, so a model cannot set up unattended texting by itself.
 */
public final class RuleBook {
    /** An autoreply should be one SMS-sized answer, not a newsletter. */
    public static final int MAX_RESPONSE = 480;

    private final Rules rules;
    private final Approval.Rule approval;
    private final String account;
    private final Clock clock;

    public RuleBook(Rules rules, Approval.Rule approval, String account, Clock clock) {
        this.rules = rules;
        this.approval = approval;
        this.account = account;
        this.clock = clock;
    }

    /** What was asked for, as written: read and checked by {@link #create}. */
    public record Request(String trigger, Trigger.Match match, String response, boolean enabled,
            Optional<String> activeHours) {}

    /** The stored rule; {@code waitsForPerson}: it was asked enabled, and only a person can enable it. */
    public record Created(Rule rule, boolean waitsForPerson) {}

    /** IllegalArgumentException says, for a model, which part of the request is wrong. */
    public Created create(Request request, Rule.Origin origin) throws StoreUnavailable {
        Trigger trigger = Trigger.of(request.match(), request.trigger());
        String response = request.response() == null ? "" : request.response().strip();
        if (response.isEmpty()) {
            throw new IllegalArgumentException("'response' is empty; give the text to send back");
        }
        if (response.length() > MAX_RESPONSE) {
            throw new IllegalArgumentException("'response' may have at most " + MAX_RESPONSE + " characters (it has "
                    + response.length() + ")");
        }
        Optional<String> textProblem = MessageText.problem(response);
        if (textProblem.isPresent()) {
            throw new IllegalArgumentException("'response' cannot be sent: " + textProblem.get());
        }
        Optional<ActiveHours> hours = request.activeHours().map(ActiveHours::parse);
        boolean heldBack = origin == Rule.Origin.MODEL && approval != Approval.Rule.OFF;
        Rule rule = rules.add(account, new Rules.Draft(trigger, response, request.enabled() && !heldBack, hours, origin),
                clock.instant());
        return new Created(rule, heldBack && request.enabled());
    }

    public List<Rule> list() throws StoreUnavailable {
        return rules.list(account);
    }

    public boolean delete(long id) throws StoreUnavailable {
        return rules.delete(account, id);
    }

    /** For people only (the review command, a page): no tool enables a rule. */
    public boolean setEnabled(long id, boolean enabled) throws StoreUnavailable {
        return rules.setEnabled(account, id, enabled);
    }

    public boolean move(long id, int position) throws StoreUnavailable {
        return rules.move(account, id, position);
    }
}

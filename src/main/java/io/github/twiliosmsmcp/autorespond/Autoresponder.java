package io.github.twiliosmsmcp.autorespond;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.policy.OptOutWords;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers an inbound message with the first enabled rule that matches it, the only place where the
 * server texts someone with no model and no person in the loop; so it answers only strangers'
 * ordinary messages, at most once per message, within the cooldown and the daily cap, and through
 * the same {@link SendService} (limits, budget, opt-out, quiet hours, lists, dry-run) as any send.
 */
public final class Autoresponder {
    /** Every autoreply's idempotency key starts so: the journal then knows each one by its inbound message. */
    public static final String KEY_PREFIX = "autoreply:";
    /** E.164: a short code or an alphanumeric sender is a service, which may well be another robot. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[1-9]\\d{7,14}");

    private final Rules rules;
    private final SendService sender;
    private final Set<String> ourNumbers;
    private final Rules.Limits limits;
    private final ZoneId ownerZone;
    private final String account;
    private final Clock clock;

    public Autoresponder(Rules rules, SendService sender, List<String> ourNumbers, Rules.Limits limits,
            ZoneId ownerZone, String account, Clock clock) {
        this.rules = rules;
        this.sender = sender;
        this.ourNumbers = Set.copyOf(ourNumbers);
        this.limits = limits;
        this.ownerZone = ownerZone;
        this.account = account;
        this.clock = clock;
    }

    /** What became of one inbound message; {@code detail} is for the log. */
    public record Result(Kind kind, String detail) {}

    public enum Kind {
        IGNORED,
        NO_RULE,
        ALREADY_ANSWERED,
        COOLING_DOWN,
        CAPPED,
        SENT,
        NOT_SENT
    }

    public Result answer(MessageRecord inbound) throws StoreUnavailable {
        Optional<String> ignored = whyIgnored(inbound);
        if (ignored.isPresent()) {
            return new Result(Kind.IGNORED, ignored.get());
        }
        Instant now = clock.instant();
        List<Rule> all = rules.list(account);
        String body = inbound.body();
        if (all.stream().anyMatch(rule -> rule.response().strip().equalsIgnoreCase(body.strip()))) {
            // Two autoresponders answering each other would loop: a message that is one of our answers is never answered.
            return new Result(Kind.IGNORED, "the message is the text of one of our autoreplies");
        }
        Optional<Rule> rule = all.stream().filter(r -> r.answers(body, now, ownerZone)).findFirst();
        if (rule.isEmpty()) {
            return new Result(Kind.NO_RULE, "no enabled rule matches now");
        }
        Rules.Claim claim = rules.claim(account, new Rules.Reply(inbound.sid(), rule.get().id(), inbound.from(), now),
                limits);
        if (claim instanceof Rules.AlreadyAnswered) {
            return new Result(Kind.ALREADY_ANSWERED, "already answered");
        }
        if (claim instanceof Rules.CoolingDown cooling) {
            return new Result(Kind.COOLING_DOWN, "rule #" + rule.get().id() + " answered this number at " + cooling.last());
        }
        if (claim instanceof Rules.Capped capped) {
            return new Result(Kind.CAPPED, "this number got " + capped.count() + " autoreplies in 24 hours");
        }
        SendReport report = sender.sendWithoutWaiting(new SendRequest(SendRequest.Kind.SMS, inbound.from(),
                Optional.of(inbound.to()), rule.get().response(), List.of(), Optional.of(KEY_PREFIX + inbound.sid()),
                Optional.of(inbound.sid())), Progress.NONE);
        String outcome = report.outcome().name().toLowerCase(Locale.ROOT);
        rules.settle(account, inbound.sid(), outcome, report.sid());
        return new Result(report.outcome().isFailure() ? Kind.NOT_SENT : Kind.SENT,
                "rule #" + rule.get().id() + ": " + outcome);
    }

    private Optional<String> whyIgnored(MessageRecord inbound) {
        if (inbound.direction() != MessageRecord.Direction.INBOUND) {
            return Optional.of("not an inbound message");
        }
        String from = inbound.from();
        if (from == null || from.equals(inbound.to()) || ourNumbers.contains(from)) {
            return Optional.of("it comes from one of our own numbers");
        }
        if (!PHONE_NUMBER.matcher(from).matches()) {
            return Optional.of("it comes from a short code or a named sender, not a phone number");
        }
        if (OptOutWords.reserved(inbound.body())) {
            return Optional.of("it is an opt-out, opt-in or help keyword, which the carrier answers");
        }
        return Optional.empty();
    }
}

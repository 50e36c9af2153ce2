package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Facts;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.policy.PriceTable;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.common.Trace;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message once and waits for what became of it. Everything that can be checked is
 * checked first ({@link SendCheck}); then the journal records the intent, so that no other call,
 * process or restart sends the same message again; then the create call is made at most once
 * ({@link CreateOnce}) and its outcome recorded; then the status is polled until it is final or the
 * wait runs out ({@link StatusPoller}), so the answer always arrives inside the client's 60 s.
 */
public final class SendService {
    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);
    /** LibreChat and Claude Desktop give a tool call 60 s; the answer must be out before then, whatever happened. */
    public static final int ANSWER_BUDGET_SECONDS = 55;
    static final Duration ANSWER_BUDGET = Duration.ofSeconds(ANSWER_BUDGET_SECONDS);
    private static final String STORE_ADVICE = "Tell the user the message store must be fixed first (see the file"
            + " named above); until then nothing is sent, so that no message can go out twice.";
    static final String REFUSAL_ADVICE = "Do not try another way (another number, tool or wording): this rule is the"
            + " decision of the server's owner, and only they can change the setting named. Tell the user.";

    private final Route route;
    private final SendLimits limits;
    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final PolicyCheck policy;
    private final SendCheck checks;
    private final RepeatedSend repeats;
    private final CreateOnce creates;
    private final StatusPoller statuses;
    private final Telemetry telemetry;

    public SendService(Route route, Senders senders, PhoneNumberParser parser, SendLimits limits,
            SendJournal journal, PolicyCheck policy, String account, Optional<URI> statusCallback, Clock clock,
            Sleeper sleeper, Telemetry telemetry) {
        this.route = route;
        this.limits = limits;
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.policy = policy;
        this.checks = new SendCheck(parser, senders, limits.maxSegments(), route.simulated(),
                route.first().provider(), statusCallback);
        this.repeats = new RepeatedSend(route, journal, clock, limits.dedupeWindow());
        this.creates = new CreateOnce(route, journal, account, clock, sleeper);
        this.statuses = new StatusPoller(journal, account, clock, sleeper, telemetry);
        this.telemetry = telemetry;
    }

    /** What staging learns of a message without sending it. */
    public sealed interface Preview permits Sendable, Unsendable {}

    /**
     * Every check passed. {@code laterRule} is a rule of the owner that refuses it now but will let
     * it pass later by itself (quiet hours, a rate limit, the budget): the send checks it again.
     * {@code known}: this account texted or heard from the recipient before.
     */
    public record Sendable(String to, SegmentCount size, BigDecimal estimateUsd, boolean known,
            Optional<Decision.Refused> laterRule) implements Preview {}

    /** It can never go out as it is: the report says why. */
    public record Unsendable(SendReport report) implements Preview {}

    /**
     * The checks a send runs and the owner's rules, asked now without recording anything: for a
     * message a person approves later, which is why a rule that will pass later does not refuse it.
     */
    public Preview preview(SendRequest request) {
        SendCheck.Checked checked = check(request);
        if (checked instanceof SendCheck.Invalid invalid) {
            return new Unsendable(invalid.report());
        }
        SendCheck.Ready ready = (SendCheck.Ready) checked;
        Draft draft = ready.draft();
        PhoneNumber to = draft.message().to();
        BigDecimal estimate = estimate(route.first(), ready, request);
        Instant now = clock.instant();
        try {
            Facts facts = journal.facts(account, to.e164(), now, policy.policy().mode() == Mode.DRY_RUN);
            boolean known = facts.hasTextedUs() || journal.everSentTo(account, to.e164());
            Decision decision = policy.decide(to, estimate, facts, now);
            if (decision instanceof Decision.Refused rule && rule.nextAllowed().isEmpty()) {
                return new Unsendable(refused(draft, rule, estimate));
            }
            return new Sendable(to.e164(), ready.size(), estimate, known,
                    decision instanceof Decision.Refused rule ? Optional.of(rule) : Optional.empty());
        } catch (StoreUnavailable e) {
            return new Unsendable(draft.report(Outcome.STORE_UNAVAILABLE, null, storeProblem(e), STORE_ADVICE));
        }
    }

    public SendReport send(SendRequest request, Progress progress) {
        return send(request, progress, limits.statusWait());
    }

    /** Sends without waiting for the delivery status: for a batch, whose statuses settle in the journal. */
    public SendReport sendWithoutWaiting(SendRequest request, Progress progress) {
        return send(request, progress, Duration.ZERO);
    }

    /** Nothing could be recorded, so nothing was sent: the answer for a store that cannot be used. */
    public SendReport storeUnavailable(SendRequest.Kind kind, String to, StoreUnavailable e) {
        return SendReport.notSent(Outcome.STORE_UNAVAILABLE, kind, to, storeProblem(e), STORE_ADVICE,
                route.simulated());
    }

    private SendReport send(SendRequest request, Progress progress, Duration statusWait) {
        SendReport report = answer(request, progress, statusWait);
        telemetry.sendAnswered(report.outcome());
        return report;
    }

    private SendReport answer(SendRequest request, Progress progress, Duration statusWait) {
        SendCheck.Checked checked = check(request);
        if (checked instanceof SendCheck.Invalid invalid) {
            return invalid.report();
        }
        SendCheck.Ready ready = (SendCheck.Ready) checked;
        Draft draft = ready.draft();
        Instant now = clock.instant();
        BigDecimal estimate = estimate(route.first(), ready, request);
        boolean dryRun = policy.policy().mode() == Mode.DRY_RUN;
        SendIntent intent = new SendIntent(account, route.first().provider().name(), draft.message().to().e164(),
                draft.message().sender(), draft.message().body(),
                draft.message().mediaUrls().stream().map(URI::toString).toList(),
                ready.idempotencyKey(), now, limits.dedupeWindow(), SendIntent.Owner.current(), estimate, dryRun,
                request.inReplyTo());
        SendJournal.Claim claim;
        try {
            claim = journal.claim(intent, facts -> policy.decide(draft.message().to(), estimate, facts, now));
        } catch (StoreUnavailable e) {
            return draft.report(Outcome.STORE_UNAVAILABLE, null, storeProblem(e), STORE_ADVICE);
        }
        if (claim instanceof SendJournal.Repeat repeat) {
            return repeats.answer(draft, intent, repeat.earlier());
        }
        if (claim instanceof SendJournal.Refused refused) {
            return refused(draft, refused.refusal(), estimate);
        }
        if (dryRun) {
            return draft.report(Outcome.DRY_RUN, null, "the server runs in dry-run mode (" + Mode.SETTING
                    + "=dry-run): the message passed every rule and would have been sent, estimated at about $"
                    + estimate.toPlainString() + ", but nothing reached Twilio", "")
                    .withPolicy(Optional.empty(), Optional.of(estimate));
        }
        return deliver(((SendJournal.Fresh) claim).id(), draft, progress, statusWait,
                gateway -> estimate(gateway, ready, request));
    }

    private SendCheck.Checked check(SendRequest request) {
        if (policy.policy().mode() == Mode.RECEIVE_ONLY) {
            // The send tools are not even listed in this mode; a client that calls one anyway still gets a no.
            return new SendCheck.Invalid(SendReport.notSent(Outcome.REFUSED_BY_POLICY, request.kind(),
                    Shown.of(request.to()), "the server's owner runs it in receive-only mode (" + Mode.SETTING
                            + "=receive-only)", REFUSAL_ADVICE, route.simulated()));
        }
        return checks.check(request);
    }

    /**
     * What a send through {@code gateway} is estimated to cost, by that provider's prices. The sandbox's
     * carrier is simulated: its sends cost nothing, so they spend none of the budget.
     */
    private static BigDecimal estimate(MessageGateway gateway, SendCheck.Ready ready, SendRequest request) {
        return gateway.simulated() ? BigDecimal.ZERO : PriceTable.estimate(gateway.provider().name(),
                ready.draft().message().to(), request.kind() == SendRequest.Kind.MMS, ready.size().segments());
    }

    private static SendReport refused(Draft draft, Decision.Refused rule, BigDecimal estimate) {
        return draft.report(Outcome.REFUSED_BY_POLICY, null, "the server owner's rule \"" + rule.rule()
                + "\" refused it: " + rule.reason(), REFUSAL_ADVICE)
                .withPolicy(Optional.of(rule), Optional.of(estimate));
    }

    /** Sends of the last 24 hours that count against the owner's limits. */
    public List<Charge> recentCharges() throws StoreUnavailable {
        return journal.charges(account, clock.instant().minus(Duration.ofDays(1)),
                policy.policy().mode() == Mode.DRY_RUN);
    }

    static String storeProblem(StoreUnavailable e) {
        return e.describe() + "; without it the server cannot make sure the message goes out only once, so nothing"
                + " was sent";
    }

    private SendReport deliver(long id, Draft draft, Progress progress, Duration statusWait,
            CreateOnce.Estimate estimate) {
        Instant start = clock.instant();
        CreateOnce.Attempt attempt = creates.create(id, draft, estimate);
        if (attempt instanceof CreateOnce.Failed failed) {
            return failed.report();
        }
        CreateOnce.Accepted accepted = (CreateOnce.Accepted) attempt;
        MessageRecord created = accepted.message();
        Instant waitEnd = clock.instant().plus(statusWait);
        Instant answerBy = start.plus(ANSWER_BUDGET);
        MessageRecord last = statuses.waitForFinal(accepted.gateway(), created,
                waitEnd.isBefore(answerBy) ? waitEnd : answerBy, statusWait, progress);
        if (last != created) {
            try {
                journal.status(id, last);
            } catch (StoreUnavailable e) {
                LOG.warn("{}status of {} could not be recorded: {}", Trace.tag(), last.sid(), e.getMessage());
            }
        }
        return accepted.draft().finalReport(last, Duration.between(start, clock.instant()))
                .after(accepted.movedOn(), accepted.draft().provider().title());
    }
}

package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.sms.Encoding;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MediaUrls;
import io.github.twiliosmsmcp.sms.MessageText;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.github.twiliosmsmcp.sms.Sleeper;
import io.github.twiliosmsmcp.sms.Segments;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.policy.PriceTable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message once and waits for what became of it. Everything that can be checked is
 * checked first; then the journal records the intent, so that no other call, process or restart
 * sends the same message again; then the create call is made at most once (a 429 is the exception:
 * Twilio accepted nothing) and its outcome recorded; then the status is polled with backoff until
 * it is final or the wait runs out, so the answer always arrives inside the client's 60 s.
 */
public final class SendService {
    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);
    public static final int MAX_CHARACTERS = 1600;
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);
    /** Create, its 429 retries and the status wait together stay under the clients' 60 s. */
    static final Duration CREATE_BUDGET = Duration.ofSeconds(12);
    /** LibreChat and Claude Desktop give a tool call 60 s; the answer must be out before then, whatever happened. */
    public static final int ANSWER_BUDGET_SECONDS = 55;
    static final Duration ANSWER_BUDGET = Duration.ofSeconds(ANSWER_BUDGET_SECONDS);
    private static final long[] POLL_DELAYS_MILLIS = {500, 750, 1000, 1500, 2000, 3000};
    private static final long[] RATE_LIMIT_BACKOFF_MILLIS = {1000, 2000};
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    static final int OPTED_OUT = 21610;
    static final String REFUSAL_ADVICE = "Do not try another way (another number, tool or wording): this rule is the"
            + " decision of the server's owner, and only they can change the setting named. Tell the user.";
    static final String UNKNOWN_ADVICE = "Tell the user the outcome is unknown; they can check the Twilio"
            + " Console's messaging logs before deciding whether to send it again.";

    private final MessageGateway gateway;
    private final Senders senders;
    private final PhoneNumberParser parser;
    private final SendLimits limits;
    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final RepeatedSend repeats;
    private final PolicyCheck policy;
    private final Sleeper sleeper;

    public SendService(MessageGateway gateway, Senders senders, PhoneNumberParser parser, SendLimits limits,
            SendJournal journal, PolicyCheck policy, String account, Clock clock, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.policy = policy;
        this.gateway = gateway;
        this.senders = senders;
        this.parser = parser;
        this.limits = limits;
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.repeats = new RepeatedSend(gateway, journal, clock, limits.dedupeWindow());
    }

    public SendReport send(SendRequest request, Progress progress) {
        SendRequest.Kind kind = request.kind();
        if (policy.policy().mode() == Mode.RECEIVE_ONLY) {
            // The send tools are not even listed in this mode; a client that calls one anyway still gets a no.
            return SendReport.notSent(Outcome.REFUSED_BY_POLICY, kind, Shown.of(request.to()),
                    "the server's owner runs it in receive-only mode (" + Mode.SETTING + "=receive-only)",
                    REFUSAL_ADVICE, gateway.simulated());
        }
        ParsedNumber to = parser.parse(request.to());
        if (to instanceof ParsedNumber.Invalid invalid) {
            return invalid(kind, Shown.of(request.to()), "the recipient number " + Shown.quoted(request.to())
                    + " is not valid: " + invalid.reason(),
                    "Ask the user for the recipient's number in international form, such as +14155552671.");
        }
        PhoneNumber recipient = ((ParsedNumber.Valid) to).number();

        Optional<PhoneNumber> requestedFrom = Optional.empty();
        if (request.from().isPresent()) {
            ParsedNumber from = parser.parse(request.from().get());
            if (from instanceof ParsedNumber.Invalid invalid) {
                return invalid(kind, recipient.e164(), "the sender number (from) " + Shown.quoted(request.from().get())
                        + " is not valid: " + invalid.reason(), leaveFromOut());
            }
            requestedFrom = Optional.of(((ParsedNumber.Valid) from).number());
        }
        Optional<Senders.Choice> sender = request.inReplyTo().isPresent() && requestedFrom.isPresent()
                ? Optional.of(new Senders.Choice(requestedFrom, Optional.empty()))
                : senders.choose(requestedFrom);
        if (sender.isEmpty()) {
            return invalid(kind, recipient.e164(), "the sender number (from) " + requestedFrom.get()
                    + " is not one of this server's numbers (" + senders.describe() + ")", leaveFromOut());
        }

        String body = request.body();
        Optional<String> bodyProblem = bodyProblem(kind, body);
        if (bodyProblem.isPresent()) {
            return invalid(kind, recipient.e164(), bodyProblem.get(), "Fix the message text and call once more.");
        }
        SegmentCount size = Segments.count(body);
        if (size.characters() > MAX_CHARACTERS) {
            return invalid(kind, recipient.e164(), "the message is " + size.characters()
                    + " characters long; Twilio's limit is " + MAX_CHARACTERS, "Shorten the message.");
        }
        if (kind == SendRequest.Kind.SMS && size.segments() > limits.maxSegments()) {
            return invalid(kind, recipient.e164(), "the message needs " + size.describe()
                    + ", more than the " + limits.maxSegments() + " allowed by SMS_MAX_SEGMENTS",
                    "Shorten the message: each segment is billed as one SMS."
                            + (size.encoding() == Encoding.UCS_2
                                    ? " Emoji, curly quotes and other special characters make each segment hold only 67 characters."
                                    : ""));
        }

        List<URI> media = new ArrayList<>();
        if (kind == SendRequest.Kind.MMS) {
            Optional<String> mediaProblem = checkMedia(request.mediaUrls(), media);
            if (mediaProblem.isPresent()) {
                return invalid(kind, recipient.e164(), mediaProblem.get(),
                        "Give 1 to " + MediaUrls.MAX_COUNT + " public http(s) URLs of images or files.");
            }
        }
        Optional<String> key = request.idempotencyKey().map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && (key.get().length() > 200 || key.get().chars().anyMatch(Character::isISOControl))) {
            return invalid(kind, recipient.e164(), "the idempotency_key must be at most 200 characters without control"
                    + " characters", "Use a short key such as an appointment ID.");
        }

        OutgoingMessage message = new OutgoingMessage(recipient, sender.get().number(),
                sender.get().messagingServiceSid(), body, media);
        Optional<SegmentCount> reportedSize = kind == SendRequest.Kind.SMS ? Optional.of(size) : Optional.empty();
        Draft draft = new Draft(kind, message, reportedSize);
        Instant now = clock.instant();
        // The sandbox's carrier is simulated: its sends cost nothing, so they spend none of the budget.
        BigDecimal estimate = gateway.simulated() ? BigDecimal.ZERO
                : PriceTable.estimate(recipient, kind == SendRequest.Kind.MMS, size.segments());
        boolean dryRun = policy.policy().mode() == Mode.DRY_RUN;
        SendIntent intent = new SendIntent(account, recipient.e164(), message.sender(), body,
                media.stream().map(URI::toString).toList(), key, now, limits.dedupeWindow(),
                SendIntent.Owner.current(), estimate, dryRun, request.inReplyTo());
        SendJournal.Claim claim;
        try {
            claim = journal.claim(intent, facts -> policy.decide(recipient, estimate, facts, now));
        } catch (StoreUnavailable e) {
            return draft.report(Outcome.STORE_UNAVAILABLE, null, storeProblem(e),
                    "Tell the user the message store must be fixed first (see the file named above); until then nothing"
                            + " is sent, so that no message can go out twice.", gateway.simulated());
        }
        if (claim instanceof SendJournal.Repeat repeat) {
            return repeats.answer(draft, intent, repeat.earlier());
        }
        if (claim instanceof SendJournal.Refused refused) {
            Decision.Refused rule = refused.refusal();
            return draft.report(Outcome.REFUSED_BY_POLICY, null, "the server owner's rule \"" + rule.rule()
                    + "\" refused it: " + rule.reason(), REFUSAL_ADVICE, gateway.simulated())
                    .withPolicy(Optional.of(rule), Optional.of(estimate));
        }
        if (dryRun) {
            return draft.report(Outcome.DRY_RUN, null, "the server runs in dry-run mode (" + Mode.SETTING
                    + "=dry-run): the message passed every rule and would have been sent, estimated at about $"
                    + estimate.toPlainString() + ", but nothing reached Twilio", "", gateway.simulated())
                    .withPolicy(Optional.empty(), Optional.of(estimate));
        }
        return deliver(((SendJournal.Fresh) claim).id(), draft, progress);
    }

    /** Sends of the last 24 hours that count against the owner's limits. */
    public List<Charge> recentCharges() throws StoreUnavailable {
        return journal.charges(account, clock.instant().minus(Duration.ofDays(1)),
                policy.policy().mode() == Mode.DRY_RUN);
    }

    /** The facts known before the create call, from which every report of this send is made. */
    record Draft(SendRequest.Kind kind, OutgoingMessage message, Optional<SegmentCount> size) {

        SendReport report(Outcome outcome, MessageRecord record, String summary, String advice, boolean simulated) {
            Optional<MessageRecord> known = Optional.ofNullable(record);
            Optional<String> from = known.map(MessageRecord::from).filter(f -> f != null && !f.isBlank())
                    .or(() -> Optional.of(message.sender()));
            Optional<SegmentCount> reported = size.map(s -> known.flatMap(MessageRecord::segments)
                    .map(n -> new SegmentCount(s.encoding(), n, s.characters())).orElse(s));
            return new SendReport(outcome, kind, message.to().e164(), from, known.map(MessageRecord::sid),
                    known.map(MessageRecord::status), reported, message.mediaUrls().size(),
                    known.flatMap(MessageRecord::price).map(Draft::cost), known.flatMap(MessageRecord::priceUnit),
                    known.flatMap(MessageRecord::errorCode), known.flatMap(MessageRecord::errorMessage),
                    summary, advice, simulated, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** Twilio reports a price as a negative amount charged; people read the cost. */
        private static String cost(String price) {
            return price.startsWith("-") ? price.substring(1) : price;
        }
    }

    static String storeProblem(StoreUnavailable e) {
        return e.describe() + "; without it the server cannot make sure the message goes out only once, so nothing"
                + " was sent";
    }

    private SendReport deliver(long id, Draft draft, Progress progress) {
        long start = System.nanoTime();
        MessageRecord created;
        int rateLimited = 0;
        while (true) {
            try {
                created = gateway.create(draft.message(), CREATE_TIMEOUT);
                break;
            } catch (GatewayException.Rejected rejected) {
                if (rejected.tooManyRequests() && rateLimited < RATE_LIMIT_BACKOFF_MILLIS.length
                        && elapsed(start).plusMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited]).compareTo(CREATE_BUDGET) <= 0
                        && sleeper.sleep(Duration.ofMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited++]))) {
                    continue;
                }
                SendReport report = rejectedReport(draft, rejected);
                record(id, report.outcome() == Outcome.UNKNOWN, report.summary());
                if (rejected.code().filter(code -> code == OPTED_OUT).isPresent()) {
                    optedOut(draft.message().to());
                }
                return report;
            } catch (GatewayException e) {
                SendReport report = unreachableReport(draft, (GatewayException.Unreachable) e);
                record(id, report.outcome() == Outcome.UNKNOWN, report.summary());
                return report;
            }
        }
        try {
            journal.accepted(id, created);
        } catch (StoreUnavailable e) {
            LOG.error("message {} was sent but could not be recorded in {}: {}", created.sid(), e.location(), e.getMessage());
        }
        MessageRecord last = waitForFinal(created, Math.min(System.nanoTime() + limits.statusWait().toNanos(),
                start + ANSWER_BUDGET.toNanos()), progress);
        if (last != created) {
            try {
                journal.status(id, last);
            } catch (StoreUnavailable e) {
                LOG.warn("status of {} could not be recorded: {}", last.sid(), e.getMessage());
            }
        }
        return finalReport(draft, last, elapsed(start));
    }

    /** Twilio's 21610 proves the recipient opted out: later sends are refused here, before Twilio. */
    private void optedOut(PhoneNumber to) {
        try {
            journal.recipientOptedOut(account, to.e164(), clock.instant(), "Twilio error " + OPTED_OUT);
        } catch (StoreUnavailable e) {
            LOG.warn("opt-out of {} could not be recorded: {}", to, e.getMessage());
        }
    }

    /** Records a failed create: unknown outcomes keep blocking the message, certain failures free it. */
    private void record(long id, boolean unknown, String reason) {
        try {
            if (unknown) {
                journal.unknown(id, reason);
            } else {
                journal.notSent(id, reason);
            }
        } catch (StoreUnavailable e) {
            // Left pending, the intent blocks its message until reconciled: the safe side.
            LOG.error("outcome of send {} could not be recorded in {}: {}", id, e.location(), e.getMessage());
        }
    }

    private SendReport unreachableReport(Draft draft, GatewayException.Unreachable unreachable) {
        if (!unreachable.requestMayHaveArrived()) {
            return draft.report(Outcome.TWILIO_UNREACHABLE, null,
                    "the request never reached Twilio (" + unreachable.getMessage() + "), so nothing was sent",
                    "Tell the user Twilio could not be reached; check the internet connection"
                            + " (and TWILIO_API_BASE_URL if set). The user can ask again later.", gateway.simulated());
        }
        return draft.report(Outcome.UNKNOWN, null,
                "the request may have reached Twilio, but no usable answer came back (" + unreachable.getMessage()
                        + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                UNKNOWN_ADVICE, gateway.simulated());
    }

    /** Polls until the status is final or {@code deadline} (a {@link System#nanoTime()} value) passes. */
    MessageRecord waitForFinal(MessageRecord created, long deadline, Progress progress) {
        long waitStart = System.nanoTime();
        MessageRecord last = created;
        for (int poll = 0; !last.status().isFinal(); poll++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            long delay = Math.min(POLL_DELAYS_MILLIS[Math.min(poll, POLL_DELAYS_MILLIS.length - 1)],
                    Duration.ofNanos(remaining).toMillis());
            progress.report(elapsed(waitStart).toMillis() / 1000.0, limits.statusWait().toSeconds(),
                    "Twilio status: " + last.status().twilioValue() + "; waiting for a final status");
            if (!sleeper.sleep(Duration.ofMillis(delay))) {
                break;
            }
            long left = deadline - System.nanoTime();
            Duration timeout = left <= 0 ? Duration.ofSeconds(1) : min(FETCH_TIMEOUT, Duration.ofNanos(left).plusMillis(500));
            try {
                last = gateway.fetch(last.sid(), timeout);
            } catch (GatewayException e) {
                // The message went out; a failed status read only means we know less. Keep the last status.
                continue;
            }
        }
        return last;
    }

    SendReport finalReport(Draft draft, MessageRecord last, Duration waited) {
        boolean simulated = gateway.simulated();
        long seconds = waited.toSeconds();
        String status = last.status().twilioValue();
        return switch (last.status()) {
            case DELIVERED -> draft.report(Outcome.DELIVERED, last, "the carrier confirmed delivery to the phone", "",
                    simulated);
            case UNDELIVERED, FAILED -> failedReport(draft, last);
            case CANCELED -> draft.report(Outcome.CANCELED, last, "the message was canceled before it was sent",
                    "Tell the user it was canceled.", simulated);
            case SENT -> draft.report(Outcome.SENT_UNCONFIRMED, last,
                    "Twilio handed it to the carrier (status sent), and no delivery receipt came within " + seconds
                            + " s; many carriers never send one, so this is usually the last word", "", simulated);
            default -> draft.report(Outcome.PENDING, last, "Twilio accepted it and it was still " + status + " after "
                    + seconds + " s; it will go out without any further action", "", simulated);
        };
    }

    private SendReport failedReport(Draft draft, MessageRecord last) {
        Outcome outcome = last.status() == io.github.twiliosmsmcp.sms.MessageStatus.FAILED ? Outcome.FAILED : Outcome.UNDELIVERED;
        String status = last.status().twilioValue();
        if (last.errorCode().isEmpty()) {
            return draft.report(outcome, last, "Twilio reported status " + status + " without an error code",
                    "Tell the user it was not delivered.", gateway.simulated());
        }
        int code = last.errorCode().get();
        ErrorCatalog.Explanation why = ErrorCatalog.explain(code, last.errorMessage().orElse(null));
        return draft.report(outcome, last, "Twilio reported status " + status + " with error " + code + ": "
                + why.meaning(), why.advice(), gateway.simulated());
    }

    private SendReport rejectedReport(Draft draft, GatewayException.Rejected rejected) {
        SendReport report;
        if (rejected.serverError()) {
            report = draft.report(Outcome.UNKNOWN, null, "Twilio answered with a server error (HTTP " + rejected.httpStatus()
                    + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                    UNKNOWN_ADVICE, gateway.simulated());
        } else if (rejected.code().isEmpty()) {
            report = draft.report(Outcome.REFUSED_BY_TWILIO, null, "Twilio refused it (" + rejected.getMessage() + ")",
                    "Tell the user it was not sent.", gateway.simulated());
        } else {
            ErrorCatalog.Explanation why = ErrorCatalog.explain(rejected.code().get(), rejected.twilioMessage().orElse(null));
            report = draft.report(Outcome.REFUSED_BY_TWILIO, null, "Twilio refused it with error " + rejected.code().get()
                    + ": " + why.meaning(), why.advice(), gateway.simulated());
        }
        return new SendReport(report.outcome(), report.kind(), report.to(), report.from(), report.sid(), report.status(),
                report.size(), report.mediaCount(), report.price(), report.priceUnit(), rejected.code(),
                rejected.twilioMessage(), report.summary(), report.advice(), report.simulated(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private SendReport invalid(SendRequest.Kind kind, String to, String summary, String advice) {
        return SendReport.invalid(kind, to, summary, advice, gateway.simulated());
    }

    private String leaveFromOut() {
        return "Leave 'from' out to use the default sender, or use one of: " + senders.describe() + ".";
    }

    private static Optional<String> bodyProblem(SendRequest.Kind kind, String body) {
        if (kind == SendRequest.Kind.SMS && body.isBlank()) {
            return Optional.of("the message text is empty");
        }
        return MessageText.problem(body);
    }

    private static Optional<String> checkMedia(List<String> urls, List<URI> checked) {
        if (urls.isEmpty()) {
            return Optional.of("send_mms needs at least one media URL");
        }
        if (urls.size() > MediaUrls.MAX_COUNT) {
            return Optional.of("there are " + urls.size() + " media URLs; Twilio takes at most " + MediaUrls.MAX_COUNT);
        }
        for (int i = 0; i < urls.size(); i++) {
            MediaUrls.Checked result = MediaUrls.check(urls.get(i));
            if (result.problem().isPresent()) {
                return Optional.of("media URL " + (i + 1) + " " + Shown.quoted(urls.get(i)) + " cannot be used: "
                        + result.problem().get());
            }
            checked.add(result.url().orElseThrow());
        }
        return Optional.empty();
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

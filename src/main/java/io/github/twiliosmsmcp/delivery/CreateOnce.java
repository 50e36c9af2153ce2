package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.github.twiliosmsmcp.common.Trace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The create call of a send the journal has claimed, made at most once per provider, and its outcome
 * recorded. The only second try with one provider is after a 429: it turned the request away before
 * doing anything. The only move to the route's fallback provider is after the first one certainly did
 * not accept the message ({@link #certainlyNotAccepted}): any answer that leaves a doubt ends the send
 * there, since a second provider could then deliver it twice.
 */
final class CreateOnce {
    private static final Logger LOG = LoggerFactory.getLogger(CreateOnce.class);
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);
    /** The create and its 429 retries together; with the status wait, the answer stays under the clients' 60 s. */
    static final Duration CREATE_BUDGET = Duration.ofSeconds(12);
    private static final long[] RATE_LIMIT_BACKOFF_MILLIS = {1000, 2000};
    static final String UNKNOWN_ADVICE = "Tell the user the outcome is unknown; they can check the provider's"
            + " messaging logs (the Twilio Console's, or MessageCentral's) before deciding whether to send it again.";

    /** What the create call came to. */
    sealed interface Attempt permits Accepted, Failed {}

    /**
     * A provider took the message; the journal knows it. {@code draft} is the send as that provider
     * has it, and {@code movedOn} the providers before it that certainly did not.
     */
    record Accepted(MessageRecord message, MessageGateway gateway, Draft draft, List<ProviderAttempt> movedOn)
            implements Attempt {}

    /** Nothing was accepted, or nobody can tell: the report says which, and the journal records it. */
    record Failed(SendReport report) implements Attempt {}

    /** What a send through {@code gateway} is estimated to cost: the journal counts it against the budget. */
    @FunctionalInterface
    interface Estimate {
        BigDecimal of(MessageGateway gateway);
    }

    private final Route route;
    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final Sleeper sleeper;

    CreateOnce(Route route, SendJournal journal, String account, Clock clock, Sleeper sleeper) {
        this.route = route;
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Creates the message of journal entry {@code id}, which the journal has claimed for this call. */
    Attempt create(long id, Draft draft, Estimate estimate) {
        List<MessageGateway> gateways = route.inOrder();
        List<ProviderAttempt> movedOn = new ArrayList<>();
        Draft current = draft;
        for (int i = 0; ; i++) {
            MessageGateway gateway = gateways.get(i);
            Optional<MessageGateway> next = i + 1 < gateways.size() ? Optional.of(gateways.get(i + 1)) : Optional.empty();
            try {
                MessageRecord created = createWith(gateway, id, current);
                accepted(id, created);
                return new Accepted(created, gateway, current, List.copyOf(movedOn));
            } catch (GatewayException e) {
                Optional<String> notMoved = next.map(n -> uncertain(e)
                        ? "the request may have reached " + gateway.provider().title()
                                + " and a second provider could deliver it twice"
                        : "this refusal is about the message or its recipient, not the route");
                if (next.isPresent() && certainlyNotAccepted(e)) {
                    ProviderAttempt attempt = new ProviderAttempt(gateway.provider().name(), why(current, e));
                    Optional<StoreUnavailable> unrecorded = moveOn(id, attempt, next.get(), estimate);
                    if (unrecorded.isEmpty()) {
                        movedOn.add(attempt);
                        current = current.through(next.get().provider());
                        continue;
                    }
                    notMoved = Optional.of("the move could not be recorded in " + unrecorded.get().location()
                            + ", and a send the store does not place could later be sent again");
                }
                String because = notMoved.map(words -> "; it was NOT tried through " + next.get().provider().title()
                        + ", because " + words).orElse("");
                return new Failed(failed(id, current, e, because).after(movedOn, current.provider().title()));
            }
        }
    }

    /**
     * Whether the provider certainly did not accept the message, for a reason another provider may not
     * share: it refused this account or route, or kept answering 429 through every retry, or no
     * connection was made. A 5xx, a timeout or a broken connection after the request was written leave
     * a doubt; an opt-out or a bad number are about the recipient, whom every provider would refuse.
     */
    private static boolean certainlyNotAccepted(GatewayException e) {
        if (e instanceof GatewayException.Rejected rejected) {
            return !rejected.serverError() && (rejected.reason() == GatewayException.Reason.NOT_PERMITTED
                    || rejected.reason() == GatewayException.Reason.THROTTLED);
        }
        return !((GatewayException.Unreachable) e).requestMayHaveArrived();
    }

    /** Whether nobody can tell if the provider accepted it: the outcome is then unknown. */
    private static boolean uncertain(GatewayException e) {
        return e instanceof GatewayException.Rejected rejected
                ? rejected.serverError()
                : ((GatewayException.Unreachable) e).requestMayHaveArrived();
    }

    /** One provider's create, tried again only while it answers 429 and the budget allows. */
    private MessageRecord createWith(MessageGateway gateway, long id, Draft draft) throws GatewayException {
        Instant start = clock.instant();
        int rateLimited = 0;
        while (true) {
            if (rateLimited > 0) {
                renew(id);
            }
            try {
                return gateway.create(draft.message(), CREATE_TIMEOUT);
            } catch (GatewayException.Rejected rejected) {
                if (rejected.reason() == GatewayException.Reason.THROTTLED
                        && rateLimited < RATE_LIMIT_BACKOFF_MILLIS.length
                        && Duration.between(start, clock.instant()).plusMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited])
                                .compareTo(CREATE_BUDGET) <= 0
                        && sleeper.sleep(Duration.ofMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited++]))) {
                    continue;
                }
                throw rejected;
            }
        }
    }

    /**
     * Records that the send moves on to {@code next}: were this process to die now, the intent names
     * the provider it may be with, and is reconciled against that one. Empty when recorded; a move
     * that cannot be recorded is not made.
     */
    private Optional<StoreUnavailable> moveOn(long id, ProviderAttempt attempt, MessageGateway next,
            Estimate estimate) {
        try {
            journal.movedOn(id, attempt, next.provider().name(), estimate.of(next));
            LOG.warn("{}send {}: {}; moving on to {}", Trace.tag(), id, attempt.reason(), next.provider().title());
            return Optional.empty();
        } catch (StoreUnavailable e) {
            LOG.error("{}send {} stays with {}: its move to {} could not be recorded in {}: {}", Trace.tag(), id,
                    attempt.provider(), next.provider().name(), e.location(), e.getMessage());
            return Optional.of(e);
        }
    }

    /** Why a provider certainly did not take it, in a few words. */
    private static String why(Draft draft, GatewayException e) {
        String title = draft.provider().title();
        if (e instanceof GatewayException.Rejected rejected) {
            return rejected.code()
                    .map(code -> title + " refused it with error " + code + ": "
                            + draft.errors().explain(code, rejected.providerMessage().orElse(null)).meaning())
                    .orElse(title + " refused it (" + rejected.getMessage() + ")");
        }
        return title + " could not be reached (" + e.getMessage() + "), so the request never left this machine";
    }

    /**
     * The report of a create that failed, once its outcome is recorded; {@code notMoved} says why a
     * fallback, when there is one, was not tried (empty without one).
     */
    private SendReport failed(long id, Draft draft, GatewayException e, String notMoved) {
        SendReport report = e instanceof GatewayException.Rejected rejected
                ? rejectedReport(draft, rejected)
                : unreachableReport(draft, (GatewayException.Unreachable) e);
        if (!notMoved.isEmpty()) {
            report = report.toBuilder().summary(report.summary() + notMoved).build();
        }
        record(id, report.outcome() == Outcome.UNKNOWN, report.summary());
        if (e instanceof GatewayException.Rejected rejected && rejected.reason() == GatewayException.Reason.OPTED_OUT) {
            optedOut(draft.message().to(), rejected.code().map(draft.errors()::label).orElse(rejected.getMessage()));
        }
        return report;
    }

    private void accepted(long id, MessageRecord created) {
        try {
            journal.accepted(id, created);
        } catch (StoreUnavailable e) {
            LOG.error("{}message {} was sent but could not be recorded in {}: {}", Trace.tag(), created.sid(), e.location(),
                    e.getMessage());
        }
    }

    /**
     * A renewal that fails leaves the lease to run out: another process may then reconcile the
     * intent against the provider's list, which never sends it again, so the create goes on.
     */
    private void renew(long id) {
        try {
            journal.renew(id);
        } catch (StoreUnavailable e) {
            LOG.warn("the lease of send {} could not be renewed in {}: {}", id, e.location(), e.getMessage());
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
            LOG.error("{}outcome of send {} could not be recorded in {}: {}", Trace.tag(), id, e.location(), e.getMessage());
        }
    }

    /** The provider's word that the recipient opted out: later sends are refused here, before the provider. */
    private void optedOut(PhoneNumber to, String source) {
        try {
            journal.recipientOptedOut(account, to.e164(), clock.instant(), source);
        } catch (StoreUnavailable e) {
            LOG.warn("{}opt-out of {} could not be recorded: {}", Trace.tag(), to, e.getMessage());
        }
    }

    private static SendReport unreachableReport(Draft draft, GatewayException.Unreachable unreachable) {
        String title = draft.provider().title();
        if (!unreachable.requestMayHaveArrived()) {
            return draft.report(Outcome.unreachable(title), null,
                    "the request never reached " + title + " (" + unreachable.getMessage() + "), so nothing was sent",
                    "Tell the user " + title + " could not be reached; check the internet connection"
                            + " (and " + (Outcome.unreachable(title) == Outcome.TWILIO_UNREACHABLE
                                    ? "TWILIO_API_BASE_URL" : "MC_API_BASE_URL") + " if set). The user can ask again later.");
        }
        return draft.report(Outcome.UNKNOWN, null,
                "the request may have reached " + title + ", but no usable answer came back (" + unreachable.getMessage()
                        + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                UNKNOWN_ADVICE);
    }

    private static SendReport rejectedReport(Draft draft, GatewayException.Rejected rejected) {
        SendReport report;
        String title = draft.provider().title();
        Outcome refused = Outcome.refusedBy(title);
        if (rejected.serverError()) {
            report = draft.report(Outcome.UNKNOWN, null, title + " answered with a server error (HTTP " + rejected.httpStatus()
                    + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                    UNKNOWN_ADVICE);
        } else if (rejected.code().isEmpty()) {
            report = draft.report(refused, null, title + " refused it (" + rejected.getMessage() + ")",
                    "Tell the user it was not sent.");
        } else {
            ErrorMeanings.Explanation why = draft.errors().explain(rejected.code().get(),
                    rejected.providerMessage().orElse(null));
            report = draft.report(refused, null, title + " refused it with error " + rejected.code().get()
                    + ": " + why.meaning(), why.advice());
        }
        return report.toBuilder().errorCode(rejected.code()).errorMessage(rejected.providerMessage())
                .errorDocs(rejected.code().map(draft.errors()::docsUrl)).build();
    }
}

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The create call of a send the journal has claimed, made at most once, and its outcome recorded.
 * The only second try is after a 429: the provider turned the request away before doing anything.
 */
final class CreateOnce {
    private static final Logger LOG = LoggerFactory.getLogger(CreateOnce.class);
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);
    /** The create and its 429 retries together; with the status wait, the answer stays under the clients' 60 s. */
    static final Duration CREATE_BUDGET = Duration.ofSeconds(12);
    private static final long[] RATE_LIMIT_BACKOFF_MILLIS = {1000, 2000};
    static final String UNKNOWN_ADVICE = "Tell the user the outcome is unknown; they can check the Twilio"
            + " Console's messaging logs before deciding whether to send it again.";

    /** What the create call came to. */
    sealed interface Attempt permits Accepted, Failed {}

    /** The provider took the message; the journal knows it. */
    record Accepted(MessageRecord message) implements Attempt {}

    /** Nothing was accepted, or nobody can tell: the report says which, and the journal records it. */
    record Failed(SendReport report) implements Attempt {}

    private final MessageGateway gateway;
    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final Sleeper sleeper;

    CreateOnce(MessageGateway gateway, SendJournal journal, String account, Clock clock, Sleeper sleeper) {
        this.gateway = gateway;
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Creates the message of journal entry {@code id}, which the journal has claimed for this call. */
    Attempt create(long id, Draft draft) {
        Instant start = clock.instant();
        int rateLimited = 0;
        while (true) {
            if (rateLimited > 0) {
                renew(id);
            }
            try {
                MessageRecord created = gateway.create(draft.message(), CREATE_TIMEOUT);
                accepted(id, created);
                return new Accepted(created);
            } catch (GatewayException e) {
                if (e instanceof GatewayException.Rejected rejected
                        && rejected.reason() == GatewayException.Reason.THROTTLED
                        && rateLimited < RATE_LIMIT_BACKOFF_MILLIS.length
                        && Duration.between(start, clock.instant()).plusMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited])
                                .compareTo(CREATE_BUDGET) <= 0
                        && sleeper.sleep(Duration.ofMillis(RATE_LIMIT_BACKOFF_MILLIS[rateLimited++]))) {
                    continue;
                }
                return new Failed(failed(id, draft, e));
            }
        }
    }

    /** The report of a create that failed, once its outcome is recorded. */
    private SendReport failed(long id, Draft draft, GatewayException e) {
        SendReport report = e instanceof GatewayException.Rejected rejected
                ? rejectedReport(draft, rejected)
                : unreachableReport(draft, (GatewayException.Unreachable) e);
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
        if (!unreachable.requestMayHaveArrived()) {
            return draft.report(Outcome.TWILIO_UNREACHABLE, null,
                    "the request never reached Twilio (" + unreachable.getMessage() + "), so nothing was sent",
                    "Tell the user Twilio could not be reached; check the internet connection"
                            + " (and TWILIO_API_BASE_URL if set). The user can ask again later.");
        }
        return draft.report(Outcome.UNKNOWN, null,
                "the request may have reached Twilio, but no usable answer came back (" + unreachable.getMessage()
                        + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                UNKNOWN_ADVICE);
    }

    private static SendReport rejectedReport(Draft draft, GatewayException.Rejected rejected) {
        SendReport report;
        if (rejected.serverError()) {
            report = draft.report(Outcome.UNKNOWN, null, "Twilio answered with a server error (HTTP " + rejected.httpStatus()
                    + "); the message may or may not have been accepted, and it was NOT resent so it cannot arrive twice",
                    UNKNOWN_ADVICE);
        } else if (rejected.code().isEmpty()) {
            report = draft.report(Outcome.REFUSED_BY_TWILIO, null, "Twilio refused it (" + rejected.getMessage() + ")",
                    "Tell the user it was not sent.");
        } else {
            ErrorMeanings.Explanation why = draft.errors().explain(rejected.code().get(),
                    rejected.providerMessage().orElse(null));
            report = draft.report(Outcome.REFUSED_BY_TWILIO, null, "Twilio refused it with error " + rejected.code().get()
                    + ": " + why.meaning(), why.advice());
        }
        return report.toBuilder().errorCode(rejected.code()).errorMessage(rejected.providerMessage())
                .errorDocs(rejected.code().map(draft.errors()::docsUrl)).build();
    }
}

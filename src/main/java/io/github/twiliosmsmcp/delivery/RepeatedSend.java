package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.config.Durations;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.common.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import io.github.twiliosmsmcp.common.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a send that repeats an earlier one. A message its provider has is reported with its current
 * status; one whose fate is open (its process died mid-call or its lease ran out, or the answer
 * never came) is first looked for in that provider's message list, and what is found is recorded. Nothing
 * that may have gone out is ever sent again.
 */
final class RepeatedSend {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatedSend.class);
    /** An intent older than this is no longer being sent by anyone, even if its process still runs. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    /** How far around the intent's time the provider's copy of the message may be dated. */
    private static final Duration MATCH_BEFORE = Duration.ofMinutes(1);
    private static final Duration MATCH_AFTER = Duration.ofMinutes(10);

    private final Route route;
    private final SendJournal journal;
    private final Clock clock;
    private final Duration window;

    RepeatedSend(Route route, SendJournal journal, Clock clock, Duration window) {
        this.route = route;
        this.journal = journal;
        this.clock = clock;
        this.window = window;
    }

    SendReport answer(Draft draft, SendIntent intent, PastSend earlier) {
        boolean byKey = intent.idempotencyKey().isPresent();
        return switch (earlier.state()) {
            case ACCEPTED -> alreadySent(draft, earlier, current(earlier), byKey, false, intent);
            case NOT_SENT -> keySpent(draft, earlier);
            case PENDING -> stillRunning(earlier) ? inProgress(draft, earlier) : reconcile(draft, earlier, byKey, intent);
            case UNKNOWN -> reconcile(draft, earlier, byKey, intent);
        };
    }

    /** A writer on another machine is alive while it renews its lease; one on this machine while its process runs. */
    private boolean stillRunning(PastSend earlier) {
        Instant now = clock.instant();
        return !earlier.owner().isGone()
                && earlier.leaseEnds().orElse(earlier.at().plus(ABANDONED_AFTER)).isAfter(now);
    }

    /** The earlier message as its provider reports it now, or as the journal last saw it. */
    private MessageRecord current(PastSend earlier) {
        MessageRecord remembered = remembered(earlier);
        Optional<MessageGateway> gateway = route.named(earlier.provider())
                .filter(g -> g.provider().reportsDelivery());
        if (gateway.isEmpty()) {
            return remembered;
        }
        try {
            MessageRecord now = gateway.get().fetch(earlier.sid().orElseThrow(), StatusPoller.FETCH_TIMEOUT);
            journal.status(earlier.id(), now);
            return now;
        } catch (GatewayException | StoreUnavailable e) {
            LOG.debug("{}status of earlier send {} not refreshed: {}", Trace.tag(), earlier.sid(), e.getMessage());
            return remembered;
        }
    }

    private SendReport reconcile(Draft draft, PastSend earlier, boolean byKey, SendIntent intent) {
        String body = earlier.body().orElse(draft.message().body());
        Optional<MessageRecord> found = Optional.empty();
        boolean asked = true;
        Optional<MessageGateway> gateway = route.named(earlier.provider());
        String title = gateway.map(g -> g.provider().title()).orElse(earlier.provider());
        try {
            if (gateway.isEmpty()) {
                throw new GatewayException.Unreachable("the server no longer sends through " + earlier.provider(),
                        false, null);
            }
            List<MessageRecord> sent = gateway.get().sentTo(new PhoneNumber(earlier.to()), earlier.at().minus(MATCH_BEFORE),
                    50, LIST_TIMEOUT);
            found = sent.stream()
                    .filter(m -> m.body().equals(body) && m.mediaCount() == earlier.mediaCount())
                    .filter(m -> !m.dateSent().isBefore(earlier.at().minus(MATCH_BEFORE))
                            && !m.dateSent().isAfter(earlier.at().plus(MATCH_AFTER)))
                    .min(Comparator.comparing(m -> Duration.between(earlier.at(), m.dateSent()).abs()));
        } catch (GatewayException e) {
            asked = false;
            LOG.warn("{}could not reconcile send {} with {}: {}", Trace.tag(), earlier.id(), title, e.getMessage());
        }
        try {
            if (found.isPresent()) {
                journal.status(earlier.id(), found.get());
            } else if (asked) {
                journal.unknown(earlier.id(), "reconciled at " + clock.instant() + ": " + title
                        + " lists no such message");
            }
        } catch (StoreUnavailable e) {
            LOG.warn("{}reconciliation of send {} could not be recorded: {}", Trace.tag(), earlier.id(), e.getMessage());
        }
        if (found.isPresent()) {
            return alreadySent(draft, earlier, found.get(), byKey, true, intent);
        }
        Instant reopens = earlier.at().plus(intent.uncertainWindow());
        return draft.report(Outcome.NOT_SENT_AGAIN, null,
                "an earlier attempt to send " + (byKey ? "with the same idempotency_key" : "this exact message")
                        + " at " + Times.format(earlier.at()) + " may have gone out: its outcome is unknown"
                        + (asked ? " and " + title + "'s message list does not show it (yet)"
                                : " and " + title + " could not be asked")
                        + "; it was NOT sent again, so it cannot arrive twice"
                        + (byKey ? "" : ". The same text can be sent again after " + Times.format(reopens)),
                CreateOnce.UNKNOWN_ADVICE)
                .sentBefore(earlier.at());
    }

    private SendReport alreadySent(Draft draft, PastSend earlier, MessageRecord message, boolean byKey,
            boolean reconciled, SendIntent intent) {
        boolean otherText = byKey && !earlier.messageKey().equals(intent.messageKey());
        String summary = (byKey ? "an earlier call with the same idempotency_key" : "this exact message")
                + " was already sent to " + earlier.to() + " at " + Times.format(earlier.at()) + " through "
                + route.named(earlier.provider()).map(g -> g.provider().title()).orElse(earlier.provider())
                + " (message id " + message.sid() + ", status now " + message.status().twilioValue() + ")"
                + (reconciled ? ", as its message list shows after an earlier attempt was interrupted" : "")
                + "; it was NOT sent again"
                + (byKey || reconciled ? "" : ", since within " + Durations.describe(window) + " (SMS_DEDUPE_WINDOW) the same text"
                        + " to the same number counts as a repeat");
        String advice = otherText
                ? "This call asked for a different message with a used key: use a new idempotency_key for a new message."
                : "";
        return draft.report(Outcome.ALREADY_SENT, message, summary, advice).toBuilder()
                .provider(route.named(earlier.provider()).map(MessageGateway::provider).or(() -> Optional.of(
                        draft.provider()))).build()
                .sentBefore(earlier.at());
    }

    private SendReport inProgress(Draft draft, PastSend earlier) {
        return draft.report(Outcome.NOT_SENT_AGAIN, null, "the same message is being sent right now by another call"
                        + " (started at " + Times.format(earlier.at()) + "); it was NOT sent a second time",
                "Wait for that call's answer; do not send this message again.")
                .sentBefore(earlier.at());
    }

    private SendReport keySpent(Draft draft, PastSend earlier) {
        return draft.report(Outcome.INVALID_REQUEST, null, "an earlier call with the same idempotency_key, at "
                        + Times.format(earlier.at()) + ", was not sent, and a key is used only once",
                "To try again, call once more with a new idempotency_key.")
                .sentBefore(earlier.at());
    }

    private static MessageRecord remembered(PastSend earlier) {
        return MessageRecord.builder(earlier.sid().orElse(""), MessageRecord.Direction.OUTBOUND,
                        earlier.status().orElse(io.github.twiliosmsmcp.sms.MessageStatus.UNKNOWN))
                .from(earlier.sender())
                .to(earlier.to())
                .body(earlier.body().orElse(""))
                .dateSent(earlier.at())
                .mediaCount(earlier.mediaCount())
                .errorCode(earlier.errorCode())
                .build();
    }
}

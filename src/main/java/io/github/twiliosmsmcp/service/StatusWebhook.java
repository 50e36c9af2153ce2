package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/status}: a status callback. The journal keeps the furthest status of the
 * send it names. A callback about a message id the journal does not know yet is held and reported
 * again (see {@link HeldCallbacks}); it gets 200 all the same, or Twilio would retry it.
 */
final class StatusWebhook implements Webhook {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWebhook.class);

    private final HeldCallbacks.Reports reports;
    private final HeldCallbacks held;
    private final String account;
    private final ServiceMetrics metrics;

    StatusWebhook(HeldCallbacks.Reports reports, HeldCallbacks held, String account, ServiceMetrics metrics) {
        this.reports = reports;
        this.held = held;
        this.account = account;
        this.metrics = metrics;
    }

    @Override
    public Answer handle(Map<String, String> fields, String trace) throws StoreUnavailable {
        Optional<Answer> refusal = Fields.refusal(fields, account, "MessageSid", "MessageStatus");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String sid = fields.get("MessageSid");
        MessageStatus status = MessageStatus.of(fields.get("MessageStatus"));
        HeldCallbacks.Callback callback =
                new HeldCallbacks.Callback(sid, status, Fields.number(fields, "ErrorCode"), trace);
        SendJournal.Reported reported = reports.report(callback);
        if (reported == SendJournal.Reported.NO_SUCH_SEND && held.hold(callback)) {
            LOG.debug("[{}] status {} for {}: held until a send records that id", trace, status.twilioValue(), sid);
            return Answer.twiml("held");
        }
        metrics.callback(status, reported);
        String effect = reported.name().toLowerCase(Locale.ROOT);
        LOG.debug("[{}] status {} for {}: {}", trace, status.twilioValue(), sid, effect);
        return Answer.twiml(effect);
    }
}

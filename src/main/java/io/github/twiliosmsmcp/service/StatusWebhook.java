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
 * send it names; a callback about a message no send of this store made still gets 200, or Twilio
 * would retry it.
 */
final class StatusWebhook implements Webhook {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWebhook.class);

    private final SendJournal journal;
    private final String account;
    private final ServiceMetrics metrics;

    StatusWebhook(SendJournal journal, String account, ServiceMetrics metrics) {
        this.journal = journal;
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
        SendJournal.Reported reported = journal.reported(account, sid, status, Fields.number(fields, "ErrorCode"));
        metrics.callback(status, reported);
        String effect = reported.name().toLowerCase(Locale.ROOT);
        LOG.debug("[{}] status {} for {}: {}", trace, status.twilioValue(), sid, effect);
        return Answer.twiml(effect);
    }
}

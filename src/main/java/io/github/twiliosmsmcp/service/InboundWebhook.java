package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.ConsentReplies;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/inbound}: a message came in. It is stored as a poll would store it, its
 * STOP or START applied in the same transaction, before Twilio gets its answer; a retried webhook
 * finds it stored and stores nothing more (the autoresponder, handed it again, finds its autoreply
 * claimed). Concurrent webhooks share a transaction ({@link GroupCommit}).
 */
final class InboundWebhook implements Webhook {
    private static final Logger LOG = LoggerFactory.getLogger(InboundWebhook.class);
    /** Twilio attaches at most ten media to a message. */
    private static final int MAX_MEDIA = 10;

    private final GroupCommit store;
    private final String account;
    private final Clock clock;
    private final Consumer<MessageRecord> stored;

    /** {@code stored} is given each message once it is stored, such as the autoresponder. */
    InboundWebhook(Inbox inbox, String account, Clock clock, Consumer<MessageRecord> stored) {
        this.store = new GroupCommit(inbox, ConsentReplies::changeFor);
        this.account = account;
        this.clock = clock;
        this.stored = stored;
    }

    @Override
    public Answer handle(Map<String, String> fields, String trace) throws StoreUnavailable {
        Optional<Answer> refusal = Fields.refusal(fields, account, "MessageSid", "From", "To");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        MessageRecord message = messageOf(fields, clock.instant());
        store.remember(message);
        stored.accept(message);
        LOG.debug("[{}] inbound {} stored ({} media)", trace, message.sid(), message.mediaCount());
        return Answer.twiml("stored");
    }

    /** The message the fields describe, received {@code at} (Twilio's webhook carries no time). */
    static MessageRecord messageOf(Map<String, String> fields, Instant at) {
        List<String> mediaUrls = new ArrayList<>();
        for (int i = 0; i < MAX_MEDIA && fields.containsKey("MediaUrl" + i); i++) {
            mediaUrls.add(fields.get("MediaUrl" + i));
        }
        return MessageRecord.builder(fields.get("MessageSid"), MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from(fields.get("From"))
                .to(fields.get("To"))
                .body(fields.getOrDefault("Body", ""))
                .dateSent(at)
                .segments(Fields.number(fields, "NumSegments"))
                .mediaCount(Fields.number(fields, "NumMedia").orElse(mediaUrls.size()))
                .mediaUrls(mediaUrls)
                .build();
    }
}

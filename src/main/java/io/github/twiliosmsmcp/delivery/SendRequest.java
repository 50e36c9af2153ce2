package io.github.twiliosmsmcp.delivery;

import java.util.List;
import java.util.Optional;

/**
 * What a tool call asked to send, before any validation: strings as the model wrote them.
 * {@code inReplyTo} is the inbound message a reply answers: its recipient is then a valid sender
 * even when it is not listed in TWILIO_PHONE_NUMBER, since Twilio delivered a message to it.
 */
public record SendRequest(Kind kind, String to, Optional<String> from, String body, List<String> mediaUrls,
        Optional<String> idempotencyKey, Optional<String> inReplyTo) {

    public enum Kind {
        SMS,
        MMS
    }

    public SendRequest {
        body = body == null ? "" : body;
        mediaUrls = List.copyOf(mediaUrls);
    }
}

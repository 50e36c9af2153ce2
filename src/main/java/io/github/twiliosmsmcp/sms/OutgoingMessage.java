package io.github.twiliosmsmcp.sms;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A validated message ready for one create call. Exactly one of {@code from} and
 * {@code messagingServiceSid} is present: Twilio rejects a create that has neither.
 */
public record OutgoingMessage(
        PhoneNumber to,
        Optional<PhoneNumber> from,
        Optional<String> messagingServiceSid,
        String body,
        List<URI> mediaUrls) {

    public OutgoingMessage {
        if (from.isPresent() == messagingServiceSid.isPresent()) {
            throw new IllegalArgumentException("a message needs exactly one of from and messagingServiceSid");
        }
        body = body == null ? "" : body;
        mediaUrls = List.copyOf(mediaUrls);
    }

    public String sender() {
        return from.map(PhoneNumber::e164).orElseGet(() -> "Messaging Service " + messagingServiceSid.orElseThrow());
    }
}

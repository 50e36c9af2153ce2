package io.github.twiliosmsmcp.sms;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A validated message ready for one create call. Exactly one of {@code from} and {@code senderPool}
 * (the id of a pool of senders kept at the provider, which picks one: Twilio's Messaging Service)
 * is present: a create needs a sender. {@code statusCallback} is where the provider should report
 * later statuses of the message (the webhook service), when one runs.
 */
public record OutgoingMessage(
        PhoneNumber to,
        Optional<PhoneNumber> from,
        Optional<String> senderPool,
        String body,
        List<URI> mediaUrls,
        Optional<URI> statusCallback) {

    public OutgoingMessage {
        if (from.isPresent() == senderPool.isPresent()) {
            throw new IllegalArgumentException("a message needs exactly one of from and senderPool");
        }
        body = body == null ? "" : body;
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** How answers name the sender: the number, a Twilio Messaging Service (its ids start MG), or a sender id. */
    public String sender() {
        return from.map(PhoneNumber::e164).orElseGet(() -> senderPool.orElseThrow().startsWith("MG")
                ? "Messaging Service " + senderPool.get() : "sender id " + senderPool.get());
    }
}

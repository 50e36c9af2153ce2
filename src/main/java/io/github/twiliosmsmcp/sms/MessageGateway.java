package io.github.twiliosmsmcp.sms;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A messaging provider: Twilio or MessageCentral in production, a simulated carrier in the sandbox. */
public interface MessageGateway {

    /** Makes exactly one create request: implementations must never retry it. */
    MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException;

    MessageRecord fetch(String sid, Duration timeout) throws GatewayException;

    /**
     * Inbound messages sent to {@code to} (or to any of the account's numbers when empty), from
     * {@code from} when present, on or after {@code since}; at most {@code max}, newest first.
     */
    List<MessageRecord> inbound(
            List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max, Duration timeout)
            throws GatewayException;

    /** Outbound messages sent to {@code to} on or after {@code since}; at most {@code max}, newest first. */
    List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) throws GatewayException;

    /** The URLs of a message's media, which Twilio keeps as a separate list. */
    List<String> mediaUrls(String sid, Duration timeout) throws GatewayException;

    /** Whether nothing reaches a real phone. */
    boolean simulated();

    /** Who sends: the name recorded with each send, its error meanings and its message ids. */
    Provider provider();
}
